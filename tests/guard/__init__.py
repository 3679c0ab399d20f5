"""Tests of palisade.guard."""
