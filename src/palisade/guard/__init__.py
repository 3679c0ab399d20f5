"""palisade.guard."""
