"""Palisade: plain-language security requests → guarded, policy-checked infrastructure-as-code pull requests."""

__version__ = "0.1.0"

__all__ = ["__version__"]
