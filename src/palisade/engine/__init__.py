"""palisade.engine."""
