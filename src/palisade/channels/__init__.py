"""palisade.channels."""
