"""Reproducible training and evaluation of the guard's detectors (development tools, not imported at run
time): ``python -m palisade.guard.training.pi train|evaluate``."""
