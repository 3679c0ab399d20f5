"""Benchmarks: commands that print numbers (never timed unit tests)."""
