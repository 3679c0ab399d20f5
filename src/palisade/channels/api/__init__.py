"""palisade.channels.api."""
