"""Checkov in-process: real scans of small files (Checkov is imported once per test session)."""

from __future__ import annotations

import threading

import pytest

import palisade.validators as validators
from palisade.errors import UnparseableFileError
from palisade.validators import CheckovValidator, ValidationReport, validate_files

SSH_WORLD = """
resource "aws_security_group" "sg" {
  name        = "sg"
  description = "test"

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""

SSH_SKIPPED = SSH_WORLD.replace(
    '  name        = "sg"',
    '  # checkov:skip=CKV_AWS_24:bastion reviewed in ticket SEC-1\n  name        = "sg"',
)


def _policy(action: str) -> str:
    return f"""
resource "aws_iam_policy" "p" {{
  name = "p"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Effect   = "Allow"
        Action   = ["{action}"]
        Resource = "*"
      }},
    ]
  }})
}}
"""


PRIVILEGED = _policy("iam:PassRole")
HARMLESS = _policy("ec2:DescribeInstances")

K8S_POD = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
      securityContext:
        privileged: true
"""


@pytest.fixture(scope="module")
def checkov() -> CheckovValidator:
    validator = CheckovValidator()
    validator.warm_up()
    return validator


def _ids(report: ValidationReport, result: str = "failed") -> set[str]:
    return {f.check_id for f in report.findings if f.result == result}


def test_exports_are_sorted_and_complete() -> None:
    assert validators.__all__ == sorted(validators.__all__)
    for name in validators.__all__:
        assert hasattr(validators, name)


def test_known_failure_is_found(checkov: CheckovValidator) -> None:
    report = checkov.validate({"net/sg.tf": SSH_WORLD})
    assert "CKV_AWS_24" in _ids(report)
    finding = next(f for f in report.failed if f.check_id == "CKV_AWS_24")
    assert finding.file == "net/sg.tf"
    assert finding.resource == "aws_security_group.sg"
    assert finding.line == 2
    assert finding.validator == "checkov"
    assert "22" in finding.message
    assert report.passed_count > 0


def test_skip_comment_is_reported_with_its_reason(checkov: CheckovValidator) -> None:
    report = checkov.validate({"sg.tf": SSH_SKIPPED})
    skipped = [f for f in report.skipped if f.check_id == "CKV_AWS_24"]
    assert [f.reason for f in skipped] == ["bastion reviewed in ticket SEC-1"]
    assert "CKV_AWS_24" not in _ids(report)


def test_iam_policy_cache_does_not_leak_between_scans(checkov: CheckovValidator) -> None:
    """Same file and resource names, different policies: each scan gets its own verdict."""
    first = checkov.validate({"main.tf": PRIVILEGED})
    second = checkov.validate({"main.tf": HARMLESS})
    third = checkov.validate({"main.tf": PRIVILEGED})
    escalation = (
        "CKV_AWS_289"  # permissions management (cloudsplaining-based, uses the cached policy)
    )
    assert escalation in _ids(first)
    assert escalation not in _ids(second) and escalation in _ids(second, "passed")
    assert escalation in _ids(third)


def test_kubernetes_manifests_are_scanned(checkov: CheckovValidator) -> None:
    report = checkov.validate({"k8s/pod.yaml": K8S_POD})
    assert "CKV_K8S_16" in _ids(report)  # privileged container
    assert {f.file for f in report.findings} == {"k8s/pod.yaml"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bad.tf", 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n'),
        ("bad.tf", 'resource "aws_s3_bucket" "b" {\n'),
        ("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n"),
        ("notk8s.yml", "- just\n- a list\n"),
    ],
    ids=["tf-missing-value", "tf-unclosed", "yaml-syntax", "yaml-not-manifest"],
)
def test_unparseable_files_are_never_passed(
    checkov: CheckovValidator, name: str, text: str
) -> None:
    with pytest.raises(UnparseableFileError) as info:
        checkov.validate({"ok.tf": HARMLESS, name: text})
    assert info.value.path == name


def test_other_files_are_ignored(checkov: CheckovValidator) -> None:
    assert checkov.validate({"README.md": "# hi"}).findings == ()


def test_concurrent_scans_are_isolated(checkov: CheckovValidator) -> None:
    results: dict[str, ValidationReport] = {}

    def scan(key: str, text: str) -> None:
        results[key] = checkov.validate({"main.tf": text})

    threads = [
        threading.Thread(target=scan, args=(f"{kind}{i}", text))
        for i in range(3)
        for kind, text in (("bad", PRIVILEGED), ("good", HARMLESS))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for key, report in results.items():
        assert ("CKV_AWS_289" in _ids(report)) == key.startswith("bad"), key


def test_validate_files_merges_both_validators() -> None:
    report = validate_files({"sg.tf": SSH_WORLD})
    assert report.validator == "all"
    assert {f.validator for f in report.failed} == {"checkov", "palisade"}
    assert "PAL_WORLD_INGRESS" in _ids(report)
    assert report.to_dict()["passed"] is False
