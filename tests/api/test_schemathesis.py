"""Property-based requests from the OpenAPI document: whatever a client sends, never a 5xx.

Schemathesis reads /openapi.json from the ASGI app and generates valid and invalid requests for every
operation (bounded: 5 generated examples per operation on top of schemathesis's boundary-value
coverage cases; derandomized: the same cases every run). Each response is checked for server
errors and for matching its documented schema. The rate limit is off here so the engine itself is
exercised rather than 429s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from palisade.blueprints import Catalog
from palisade.channels.api.app import create_app
from tests.api.conftest import make_engine, make_settings

pytestmark = pytest.mark.slow


@pytest.fixture
def api_schema(tmp_path: Path, catalog: Catalog) -> Iterator[schemathesis.BaseSchema]:
    config = make_settings(tmp_path / "data", api={"rate_limit_per_minute": 0})
    engine = make_engine(config, catalog)
    try:
        app = create_app(config, engine=engine)
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    finally:
        engine.store.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_makes_the_server_fail(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
