"""Every blueprint, with its defaults and with every example, renders to files that pass both validators."""

from __future__ import annotations

import re
from typing import Any

import pytest

from palisade.blueprints import Blueprint, Catalog, render_blueprint
from palisade.blueprints.catalog import to_hcl
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
def checkov() -> CheckovValidator:
    validator = CheckovValidator()
    validator.warm_up()
    return validator


@pytest.mark.slow
@pytest.mark.parametrize(("bp", "values"), _cases())
def test_rendered_blueprint_passes_all_checks(
    bp: Blueprint, values: dict[str, Any], checkov: CheckovValidator
) -> None:
    files = render_blueprint(bp, values)
    if bp.format == "terraform":
        assert set(files) == {"main.tf", "versions.tf"}
    else:
        assert files and all(name.endswith(".yaml") for name in files)
    report = validate_files(files, [checkov, PalisadeChecksValidator()])
    assert [(f.check_id, f.resource, f.message) for f in report.failed] == []
    assert report.passed_count > 0
    for skipped in report.skipped:
        assert len(skipped.reason) > 20, skipped  # a skip always carries a written reason


@pytest.mark.parametrize(("bp", "values"), _cases())
def test_rendered_terraform_is_canonically_formatted(bp: Blueprint, values: dict[str, Any]) -> None:
    for name, text in render_blueprint(bp, values).items():
        assert text.endswith("\n") and not text.endswith("\n\n"), name
        assert "\t" not in text and "\n\n\n" not in text
        for line in text.splitlines():
            indent = len(line) - len(line.lstrip(" "))
            assert indent % 2 == 0, line
            assert line == line.rstrip(), line
        _assert_aligned_equals(text)
    if bp.format == "terraform":
        versions = render_blueprint(bp, values)["versions.tf"]
        assert 'required_version = ">= 1.5.0"' in versions
        assert re.search(r'version = "~> \d+\.\d+"', versions)


def _assert_aligned_equals(text: str) -> None:
    """Consecutive one-line attributes at the same indent align their ``=`` (as terraform fmt does)."""
    group: list[tuple[int, int]] = []
    for line in [*text.splitlines(), ""]:
        match = re.match(r'^( *)("[^"]*"|[A-Za-z0-9_]+)( *)= (.*)$', line)
        single = match is not None and not match.group(4).endswith(("{", "[", "({"))
        if match and single:
            indent = len(match.group(1))
            if group and group[0][0] != indent:
                group = []
            group.append((indent, line.index("= ")))
            continue
        if len({col for _, col in group}) > 1:
            raise AssertionError(f"misaligned '=' before line: {line!r}")
        group = []


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
