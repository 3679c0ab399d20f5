"""palisade.guard.scanners."""
