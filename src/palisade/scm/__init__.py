"""palisade.scm."""
