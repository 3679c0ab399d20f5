"""palisade.providers."""
