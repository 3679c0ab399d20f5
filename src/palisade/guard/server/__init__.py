"""``palisade guard serve``: a drop-in LLM Guard API (0.0.10) server backed by Palisade's guard.

See docs/guard-api.md for the endpoints, configuration, score mapping and the deliberate deviations.
"""

from palisade.guard.server.app import API_VERSION, create_app
from palisade.guard.server.config import ServerConfig, load_server_config
from palisade.guard.server.policy import build_server_guards
from palisade.guard.server.run import build_app, check_exposure, is_loopback, run_server

__all__ = [
    "API_VERSION",
    "ServerConfig",
    "build_app",
    "build_server_guards",
    "check_exposure",
    "create_app",
    "is_loopback",
    "load_server_config",
    "run_server",
]
