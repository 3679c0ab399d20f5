"""Every blueprint, with its defaults and with every example, renders to files that pass both validators
(through the same harness as ``palisade blueprints test``), and blueprint-specific rendering details."""

from __future__ import annotations

import re
from typing import Any

import pytest

from palisade.blueprints import Blueprint, Catalog, render_blueprint
from palisade.blueprints.catalog import to_hcl
from palisade.blueprints.fmt import format_problems
from palisade.blueprints.selftest import CaseResult, run_blueprint_tests
from palisade.validators import CheckovValidator, PalisadeChecksValidator, validate_files

_CATALOG = Catalog.load()


def _required_from_first_example(bp: Blueprint) -> dict[str, Any]:
    """Only the required values, taken from the blueprint's first example; the rest stay defaults."""
    assert bp.examples, f"{bp.id} needs at least one example"
    first = bp.examples[0]["params"]
    missing = [p.name for p in bp.params if p.required and p.name not in first]
    assert not missing, f"{bp.id}: the first example must give every required value ({missing})"
    return {p.name: first[p.name] for p in bp.params if p.required}


def _cases() -> list[Any]:
    cases = []
    for bp in _CATALOG:
        defaults = _required_from_first_example(bp)
        cases.append(pytest.param(bp, defaults, id=f"{bp.id}-defaults"))
        for index, example in enumerate(bp.examples, start=1):
            cases.append(pytest.param(bp, example["params"], id=f"{bp.id}-example{index}"))
    return cases


@pytest.fixture(scope="module")
def harness() -> dict[tuple[str, str], CaseResult]:
    """``palisade blueprints test`` over the whole catalog, once: Checkov stays warm, outputs are reused."""
    checkov = CheckovValidator()
    checkov.warm_up()
    results = run_blueprint_tests(
        _CATALOG, lambda files: validate_files(files, [checkov, PalisadeChecksValidator()])
    )
    return {(r.blueprint, r.case): r for r in results}


def _harness_cases() -> list[Any]:
    cases: list[Any] = []
    for bp in _CATALOG:
        names = ["defaults", *(f"example {i}" for i in range(1, len(bp.examples) + 1))]
        names += [f"insecure {i}" for i in range(1, len(bp.insecure_examples) + 1)]
        cases.extend(pytest.param(bp.id, name, id=f"{bp.id}-{name}") for name in names)
    return cases


@pytest.mark.slow
@pytest.mark.parametrize(("blueprint", "case"), _harness_cases())
def test_every_case_renders_parses_is_formatted_pinned_and_passes_all_checks(
    harness: dict[tuple[str, str], CaseResult], blueprint: str, case: str
) -> None:
    """Rendered with defaults and every example: parses, canonical format, pinned providers, zero failed
    checks (Checkov + Palisade), a written reason for every skip; insecure examples are refused."""
    result = harness[(blueprint, case)]
    assert result.ok, result.problems
    if not case.startswith("insecure"):
        assert result.checks_passed > 0
        assert all(len(s.split(": ", 1)[1]) > 20 for s in result.skipped), result.skipped


@pytest.mark.parametrize(("bp", "values"), _cases())
def test_rendered_files_have_the_expected_names_and_pins(
    bp: Blueprint, values: dict[str, Any]
) -> None:
    files = render_blueprint(bp, values)
    if bp.format == "terraform":
        assert set(files) == {"main.tf", "versions.tf"}
        assert 'required_version = ">= 1.5.0"' in files["versions.tf"]
        assert re.search(r'version = "~> \d+\.\d+"', files["versions.tf"])
    else:
        assert files and all(name.endswith(".yaml") for name in files)
    for name, text in files.items():
        assert format_problems(name, text) == []


def test_values_cannot_inject_terraform() -> None:
    assert to_hcl('a"b ${file("/etc/passwd")} %{ if } \\') == (
        '"a\\"b $${file(\\"/etc/passwd\\")} %%{ if } \\\\"'
    )
    bp = _CATALOG.get("aws-security-group")
    files = render_blueprint(
        bp,
        {
            **_required_from_first_example(bp),
            "description": 'x" }${a}',
        },
    )
    assert 'description = "x\\" }$${a}"' in files["main.tf"]


def test_security_group_has_one_described_rule_per_port_and_cidr() -> None:
    bp = _CATALOG.get("aws-security-group")
    files = render_blueprint(
        bp,
        {
            "name": "web",
            "vpc_id": "vpc-0123456789abcdef0",
            "ports": [80, 443],
            "cidrs": ["10.0.0.0/16", "2001:db8::/32"],
        },
    )
    main = files["main.tf"]
    assert main.count('resource "aws_vpc_security_group_ingress_rule"') == 4
    assert main.count('resource "aws_vpc_security_group_egress_rule"') == 1
    assert main.count("description       =") == 5
    assert 'cidr_ipv6         = "2001:db8::/32"' in main
    assert "data.aws_vpc.this.cidr_block" in main


def test_iam_role_trust_and_scoped_actions() -> None:
    bp = _CATALOG.get("aws-iam-role")
    main = render_blueprint(
        bp,
        {
            "role_name": "orders",
            "service": "ecs-tasks",
            "access_level": "write",
            "resource_arns": ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"],
        },
    )["main.tf"]
    assert '"ecs-tasks.amazonaws.com"' in main and '"aws:SourceAccount"' in main
    assert "dynamodb:PutItem" in main and "dynamodb:Scan" not in main
    assert "logs:" not in main


def test_ec2_role_gets_instance_profile_and_no_source_account() -> None:
    bp = _CATALOG.get("aws-iam-role")
    values = _required_from_first_example(bp) | {"service": "ec2"}
    main = render_blueprint(bp, values)["main.tf"]
    assert 'resource "aws_iam_instance_profile" "this"' in main
    assert "aws:SourceAccount" not in main


def test_s3_bucket_with_existing_key_and_log_bucket_creates_neither() -> None:
    bp = _CATALOG.get("aws-s3-private-bucket")
    main = render_blueprint(bp, bp.examples[1]["params"])["main.tf"]
    assert "aws_kms_key" not in main
    assert 'resource "aws_s3_bucket" "access_logs"' not in main
    assert 'target_bucket = "acme-s3-access-logs"' in main
    assert "object_lock_enabled = true" in main
