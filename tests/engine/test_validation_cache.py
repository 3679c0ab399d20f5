"""Validation reports are remembered by exact file content, and only by it."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import pytest

from palisade.engine.validation_cache import CachedValidator, files_key
from palisade.validators.base import Finding, ValidationReport


class CountingValidator:
    def __init__(self) -> None:
        self.calls: list[dict[str, str]] = []

    def __call__(self, files: Mapping[str, str]) -> ValidationReport:
        self.calls.append(dict(files))
        failed = any("0.0.0.0/0" in text for text in files.values())
        finding = Finding("PAL_X", "failed" if failed else "passed", "r", next(iter(files)))
        return ValidationReport("counting", (finding,))


def test_identical_files_are_validated_once() -> None:
    inner = CountingValidator()
    validate = CachedValidator(inner)
    files = {"a/main.tf": 'resource "x" "y" {}\n', "a/versions.tf": "terraform {}\n"}
    first = validate(files)
    again = validate(dict(reversed(list(files.items()))))  # order does not matter
    assert first is again and len(inner.calls) == 1 and validate.hits == 1


@pytest.mark.parametrize(
    "changed",
    [
        {
            "a/main.tf": 'resource "x" "y" { cidr = "0.0.0.0/0" }\n',
            "a/versions.tf": "terraform {}\n",
        },
        {"b/main.tf": 'resource "x" "y" {}\n', "a/versions.tf": "terraform {}\n"},  # path moved
        {"a/main.tf": 'resource "x" "y" {}\n'},  # a file dropped
    ],
)
def test_any_change_in_paths_or_content_is_validated_afresh(changed: dict[str, str]) -> None:
    inner = CountingValidator()
    validate = CachedValidator(inner)
    validate({"a/main.tf": 'resource "x" "y" {}\n', "a/versions.tf": "terraform {}\n"})
    validate(changed)
    assert len(inner.calls) == 2


def test_keys_cannot_collide_by_joining() -> None:
    assert files_key({"ab": "c"}) != files_key({"a": "bc"})
    assert files_key({"a": "b", "c": "d"}) != files_key({"a": "b\x00c", "": "d"})


def test_the_cache_is_bounded_and_evicts_least_recently_used() -> None:
    inner = CountingValidator()
    validate = CachedValidator(inner, max_entries=2)
    one, two, three = ({f"f{i}.tf": str(i)} for i in range(3))
    validate(one)
    validate(two)
    validate(one)  # one is now the most recent
    validate(three)  # evicts two
    validate(one)
    validate(two)
    assert [list(c) for c in inner.calls] == [["f0.tf"], ["f1.tf"], ["f2.tf"], ["f1.tf"]]


def test_concurrent_use_is_safe() -> None:
    inner = CountingValidator()
    validate = CachedValidator(inner, max_entries=8)
    batches = [{f"f{i % 4}.tf": str(i % 4)} for i in range(200)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        reports = list(pool.map(validate, batches))
    assert all(r.passed for r in reports)
    assert validate.hits + validate.misses == 200 and len(inner.calls) == validate.misses
