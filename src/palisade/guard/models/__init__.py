"""Model artefacts shipped with the guard (small, committed, loaded with ``importlib.resources``).

- ``pi_linear.npz``: the prompt-injection linear model (hashed n-gram weights, float16), produced by
  ``python -m palisade.guard.training.pi train``; see NOTICE for the data it was trained on.
"""
