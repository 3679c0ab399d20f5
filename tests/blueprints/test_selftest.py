"""``palisade blueprints test``: the harness over real blueprints and deliberately broken organisation ones,
and the command itself (exit codes, JSON)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from palisade.blueprints import Catalog
from palisade.blueprints.catalog import BUILTIN_DIR
from palisade.blueprints.fmt import format_problems, pinning_problems
from palisade.blueprints.selftest import CaseResult, run_blueprint_tests
from palisade.channels.cli import cli
from palisade.validators import CheckovValidator, PalisadeChecksValidator, validate_files
from palisade.validators.base import ValidationReport


def _palisade_only(files: Mapping[str, str]) -> ValidationReport:
    return validate_files(files, [PalisadeChecksValidator()])


def _copy(org: Path, blueprint_id: str, new_id: str) -> Path:
    target = org / new_id
    shutil.copytree(BUILTIN_DIR / blueprint_id, target)
    meta = target / "blueprint.yaml"
    meta.write_text(meta.read_text().replace(f"id: {blueprint_id}", f"id: {new_id}", 1))
    return target


def _cases(results: list[CaseResult], blueprint: str) -> dict[str, CaseResult]:
    return {r.case: r for r in results if r.blueprint == blueprint}


def test_a_built_in_blueprint_passes_every_case() -> None:
    results = run_blueprint_tests(Catalog.load(), _palisade_only, ids=["aws-security-group"])
    cases = _cases(results, "aws-security-group")
    assert list(cases) == [
        "defaults",
        *(f"example {i}" for i in range(1, 6)),
        "insecure 1",
        "insecure 2",
    ]
    assert all(r.ok and not r.problems for r in cases.values())
    assert cases["defaults"].checks_passed > 0


def _insecure_template(org: Path) -> None:
    folder = _copy(org, "aws-security-group", "acme-open-sg")
    template = folder / "main.tf.j2"
    template.write_text(
        template.read_text() + '\nresource "aws_vpc_security_group_ingress_rule" "debug" {\n'
        "  security_group_id = aws_security_group.this.id\n"
        '  ip_protocol       = "tcp"\n'
        "  from_port         = 8080\n"
        "  to_port           = 8080\n"
        '  cidr_ipv4         = "0.0.0.0/0"\n'
        "}\n"
    )


def _accepts_insecure_example(org: Path) -> None:
    folder = _copy(org, "aws-kms-key", "acme-key")
    meta = folder / "blueprint.yaml"
    # an "insecure" example that the blueprint happily renders: the author's expectation is wrong
    meta.write_text(
        meta.read_text().replace(
            'params: {alias: shared-everyone, user_principals: ["*"]}',
            'params: {alias: shared-everyone, user_principals: ["arn:aws:iam::123456789012:root"]}',
        )
    )


def _misformatted_and_unpinned(org: Path) -> None:
    folder = _copy(org, "aws-s3-account-public-access-block", "acme-pab")
    main = folder / "main.tf.j2"
    main.write_text(
        main.read_text().replace("block_public_acls       = true", "block_public_acls = true")
    )
    versions = folder / "versions.tf.j2"
    versions.write_text(versions.read_text().replace('version = "~> 6.0"', 'version = ">= 5.0"'))


def test_broken_organisation_blueprints_are_reported_per_case(tmp_path: Path) -> None:
    org = tmp_path / "org"
    _insecure_template(org)
    _accepts_insecure_example(org)
    _misformatted_and_unpinned(org)
    broken = _copy(org, "aws-kms-key", "acme-broken")
    (broken / "blueprint.yaml").write_text("id: acme-broken\n  title: [\n")
    scan = Catalog.scan(org)
    ids = ["acme-open-sg", "acme-key", "acme-pab", "acme-broken"]
    results = run_blueprint_tests(
        scan.catalog, _palisade_only, ids=ids, load_problems=scan.problems
    )

    (load,) = [r for r in results if r.case == "load"]
    assert load.blueprint == "acme-broken" and not load.ok
    assert load.source == str(broken / "blueprint.yaml") and "cannot read YAML" in load.problems[0]

    open_sg = _cases(results, "acme-open-sg")
    assert not open_sg["defaults"].ok
    assert any(
        p.startswith("PAL_WORLD_INGRESS aws_vpc_security_group_ingress_rule.debug (main.tf:")
        for p in open_sg["defaults"].problems
    )
    assert open_sg["insecure 1"].ok  # refusing 0.0.0.0/0 still works

    key = _cases(results, "acme-key")
    assert key["defaults"].ok
    assert not key["insecure 1"].ok and "rendered without refusing" in key["insecure 1"].problems[0]

    pab = _cases(results, "acme-pab")["defaults"]
    assert not pab.ok
    assert any("'=' of consecutive attributes is not aligned" in p for p in pab.problems)
    assert any("no upper bound" in p for p in pab.problems)


def test_a_skip_without_a_reason_fails_the_case(tmp_path: Path) -> None:
    org = tmp_path / "org"
    folder = _copy(org, "aws-security-group", "acme-skip")
    template = folder / "main.tf.j2"
    text = template.read_text()
    template.write_text(
        text.replace(
            'resource "aws_security_group" "this" {\n',
            'resource "aws_security_group" "this" {\n  # checkov:skip=CKV2_AWS_5\n',
            1,
        )
    )
    checkov = CheckovValidator()
    results = run_blueprint_tests(
        Catalog.load(org),
        lambda files: validate_files(files, [checkov, PalisadeChecksValidator()]),
        ids=["acme-skip"],
    )
    defaults = _cases(results, "acme-skip")["defaults"]
    assert not defaults.ok
    assert any("CKV2_AWS_5" in p and "without a written reason" in p for p in defaults.problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1\nbb = 2\n", "not aligned"),
        ("x {\n   a = 1\n}\n", "not a multiple of two"),
        ("a = 1 \n", "trailing whitespace"),
        ("a = 1\n\n\nb = 2\n", "two blank lines"),
        ("a = 1", "exactly one newline"),
        ("x {\n\ta = 1\n}\n", "tab characters"),
    ],
    ids=["misaligned", "odd-indent", "trailing-space", "blank-lines", "no-newline", "tabs"],
)
def test_format_problems(text: str, expected: str) -> None:
    problems = format_problems("main.tf", text)
    assert any(expected in p for p in problems), problems
    assert format_problems("main.tf", "a  = 1\nbb = 2\n\nx {\n  c = 3\n}\n") == []


def test_pinning_problems() -> None:
    used: dict[str, Any] = {
        "resource": [{"aws_kms_key": {"k": {}}}, {"google_kms_key_ring": {"r": {}}}]
    }
    pinned = {
        "terraform": [
            {
                "required_version": [">= 1.5.0"],
                "required_providers": [{"aws": [{"source": "hashicorp/aws", "version": "~> 6.0"}]}],
            }
        ]
    }
    problems = pinning_problems([used, pinned])
    assert problems == ["provider 'google' is used but not in required_providers"]
    assert pinning_problems([used]) == [
        'no terraform { required_version = ">= 1.5.0" } constraint',
        "provider 'aws' is used but not in required_providers",
        "provider 'google' is used but not in required_providers",
    ]


def test_the_command_reports_and_sets_the_exit_code(tmp_path: Path) -> None:
    """The real command, in-process (Checkov stays warm): JSON and table output, exit codes 0, 1 and 2."""
    org = tmp_path / "org"
    _accepts_insecure_example(org)
    bad = _copy(org, "aws-kms-key", "acme-bad")
    (bad / "main.tf.j2").write_text("{% if %}\n")
    runner = CliRunner()

    failed = runner.invoke(
        cli, ["blueprints", "test", "acme-key", "acme-bad", "--dir", str(org), "--json"]
    )
    assert failed.exit_code == 1, failed.output
    report = json.loads(failed.stdout)
    assert report["passed"] is False
    by_case = {(r["blueprint"], r["case"]): r for r in report["results"]}
    assert by_case[("acme-bad", "load")]["source"] == str(bad / "main.tf.j2")
    assert not by_case[("acme-key", "insecure 1")]["ok"]
    assert by_case[("acme-key", "defaults")]["ok"]
    assert {b for b, _ in by_case} == {"acme-key", "acme-bad"}

    table = runner.invoke(cli, ["blueprints", "test", "k8s-namespace-restricted"])
    assert table.exit_code == 0, table.output
    assert "k8s-namespace-restricted" in table.stdout and "failed: 0" in table.stdout

    unknown = runner.invoke(cli, ["blueprints", "test", "aws-s3-bukket"])
    assert unknown.exit_code == 2 and "aws-s3-private-bucket" in unknown.stderr
    missing = runner.invoke(cli, ["blueprints", "test", "--dir", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
