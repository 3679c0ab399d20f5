"""palisade.storage."""
