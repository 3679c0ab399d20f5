"""palisade.blueprints."""
