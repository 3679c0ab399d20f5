"""JSON: only JSON is parsed or repaired — Terraform, YAML and prose are never touched."""

from __future__ import annotations

import json

import pytest

from palisade.guard.base import ScanResult
from palisade.guard.scanners.json_output import JSONScanner, repair_json

TERRAFORM = (
    'Here:\n```hcl\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags = { a = "b", }\n}\n```\n'
)
YAML = "Here:\n```yaml\nkey: {a: 1, b: [1, 2,]}\n```\n"
UNLABELLED = "```\n{'not': json}\n```\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(TERRAFORM, id="terraform"),
        pytest.param(YAML, id="yaml"),
        pytest.param(UNLABELLED, id="unlabelled-block"),
        pytest.param("Use a map like {a = 1} in HCL.", id="prose-with-braces"),
    ],
)
def test_non_json_is_never_parsed_nor_rewritten(text: str) -> None:
    for repair in (False, True):
        result = JSONScanner(repair=repair).scan(text)
        assert result == ScanResult("JSON", text, "pass", 0.0, elapsed_ms=result.elapsed_ms)


@pytest.mark.parametrize(
    ("broken", "value"),
    [
        pytest.param('{"a": 1, "b": [1, 2,],}', {"a": 1, "b": [1, 2]}, id="trailing-commas"),
        pytest.param("{'a': 'it\\'s'}", {"a": "it's"}, id="single-quotes"),
        pytest.param('{a: 1, b_c: "x"}', {"a": 1, "b_c": "x"}, id="unquoted-keys"),
        pytest.param('{"a": True, "b": None}', {"a": True, "b": None}, id="python-literals"),
        pytest.param('{"a": 1, // note\n "b": 2 /* more */}', {"a": 1, "b": 2}, id="comments"),
        pytest.param('{"a": [1, 2', {"a": [1, 2]}, id="truncated"),
        pytest.param("{“a”: “b”}", {"a": "b"}, id="typographic-quotes"),
        pytest.param('{"a": "b: c, d"}', {"a": "b: c, d"}, id="already-valid"),
    ],
)
def test_repair(broken: str, value: object) -> None:
    fixed = repair_json(broken)
    assert fixed is not None and json.loads(fixed) == value


@pytest.mark.parametrize("broken", ['{"a": 1]', "[1, 2}", '{"a" 1}'])
def test_unrepairable(broken: str) -> None:
    assert repair_json(broken) is None


def test_fenced_json_repaired_in_place() -> None:
    text = 'Config:\n```json\n{"a": 1,}\n```\nand Terraform:\n```hcl\nx = { a = 1, }\n```\n'
    result = JSONScanner(repair=True).scan(text)
    assert result.outcome == "sanitized"
    assert (
        result.text
        == 'Config:\n```json\n{"a": 1}\n```\nand Terraform:\n```hcl\nx = { a = 1, }\n```\n'
    )


def test_invalid_json_blocks_without_repair() -> None:
    result = JSONScanner().scan('```json\n{"a": 1,}\n```')
    assert result.outcome == "blocked" and result.risk == 1.0


def test_whole_output_json_and_required_elements() -> None:
    assert JSONScanner(required_elements=1).scan('  {"ok": true}\n').outcome == "pass"
    result = JSONScanner(required_elements=2).scan('{"ok": true}')
    assert result.outcome == "blocked" and "at least 2" in result.reason


def test_deep_nesting_is_invalid_not_a_crash() -> None:
    text = "[" * 100_000 + "]" * 100_000
    assert JSONScanner().scan(text).outcome == "blocked"
    assert JSONScanner(repair=True).scan(text).outcome == "blocked"


def test_bad_params() -> None:
    with pytest.raises(ValueError, match="required_elements"):
        JSONScanner(required_elements=-1)
