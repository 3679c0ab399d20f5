"""palisade.validators."""
