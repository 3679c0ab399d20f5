"""palisade.blueprints: the catalog of secure-by-default infrastructure-as-code blueprints."""

from palisade.blueprints.base import Blueprint, ParamSpec
from palisade.blueprints.catalog import (
    Catalog,
    check_params,
    load_blueprint,
    missing_params,
    render_blueprint,
    resource_name,
    validate_params,
)

__all__ = [
    "Blueprint",
    "Catalog",
    "ParamSpec",
    "check_params",
    "load_blueprint",
    "missing_params",
    "render_blueprint",
    "resource_name",
    "validate_params",
]
