"""IaCPolicy: code in an answer goes through Palisade's real validators (Checkov + own checks)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from palisade.errors import UnparseableFileError, ValidatorError
from palisade.guard.scanners.iac_policy import IaCPolicyScanner, iac_files
from palisade.validators import validate_files

OPEN_SG = """resource "aws_security_group" "ssh" {
  name        = "ssh"
  description = "ssh"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""
PRIVILEGED_POD = """apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx
      securityContext:
        privileged: true
"""


@pytest.mark.parametrize(
    ("answer", "names"),
    [
        pytest.param(f"```hcl\n{OPEN_SG}```", ["answer_block_1.tf"], id="hcl"),
        pytest.param(f"```terraform\n{OPEN_SG}```", ["answer_block_1.tf"], id="terraform"),
        pytest.param(f"```\n{OPEN_SG}```", ["answer_block_1.tf"], id="unlabelled-terraform"),
        pytest.param(f"```yaml\n{PRIVILEGED_POD}```", ["answer_block_1.yaml"], id="yaml"),
        pytest.param(
            f"```\n{PRIVILEGED_POD}```", ["answer_block_1.yaml"], id="unlabelled-manifest"
        ),
        pytest.param("```python\nprint('x')\n```\n```\nls -la\n```", [], id="other-code"),
        pytest.param("No code, just advice about security groups.", [], id="prose"),
    ],
)
def test_finds_infrastructure_blocks(answer: str, names: list[str]) -> None:
    assert sorted(iac_files(answer)) == names


def test_insecure_terraform_in_an_answer_is_blocked() -> None:
    answer = f"Open SSH like this:\n\n```hcl\n{OPEN_SG}```\n"
    result = IaCPolicyScanner(validate=validate_files).scan(answer)
    assert result.outcome == "blocked"
    assert "PAL_WORLD_INGRESS" in result.reason
    assert result.risk >= 0.75
    (detection,) = result.detections
    assert answer[detection.start : detection.end] == OPEN_SG


def test_warn_mode_appends_a_warning_instead() -> None:
    answer = f"```yaml\n{PRIVILEGED_POD}```"
    result = IaCPolicyScanner(validate=validate_files, block=False).scan(answer)
    assert result.outcome == "sanitized"
    assert result.text.startswith(answer) and "fails Palisade's policy checks" in result.text


def test_answers_without_code_never_call_the_validator() -> None:
    def validate(files: Mapping[str, str]) -> object:
        raise AssertionError("must not be called")

    assert IaCPolicyScanner(validate=validate).scan("plain answer").outcome == "pass"  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Finding:
    check_id: str
    severity: str
    message: str = ""


@dataclass(frozen=True)
class _Report:
    failed: tuple[_Finding, ...]


@pytest.mark.parametrize(
    ("min_severity", "outcome", "risk", "checks"),
    [
        pytest.param("low", "blocked", 0.75, "X_HIGH (high), X_LOW (low)", id="low"),
        pytest.param("high", "blocked", 0.75, "X_HIGH (high)", id="high"),
        pytest.param("critical", "pass", 0.0, "", id="critical"),
    ],
)
def test_min_severity_filters_findings(
    min_severity: str, outcome: str, risk: float, checks: str
) -> None:
    def validate(files: Mapping[str, str]) -> _Report:
        return _Report((_Finding("X_LOW", "low"), _Finding("X_HIGH", "HIGH")))

    result = IaCPolicyScanner(validate=validate, min_severity=min_severity).scan(
        "```tf\nx = 1\n```"
    )
    assert (result.outcome, result.risk) == (outcome, risk)
    assert result.reason.endswith(checks)


def test_unparseable_blocks_are_left_out_and_the_rest_checked() -> None:
    seen: list[list[str]] = []

    def validate(files: Mapping[str, str]) -> _Report:
        seen.append(sorted(files))
        if "answer_block_1.tf" in files:
            raise UnparseableFileError("answer_block_1.tf", "unexpected token")
        return _Report((_Finding("X_1", "high"),))

    answer = '```hcl\nresource {{{\n```\n```hcl\nresource "a" "b" {}\n```'
    result = IaCPolicyScanner(validate=validate).scan(answer)
    assert seen == [["answer_block_1.tf", "answer_block_2.tf"], ["answer_block_2.tf"]]
    assert result.outcome == "blocked" and result.risk == 0.75


def test_a_validator_that_cannot_run_raises_so_the_guard_fails_closed() -> None:
    def validate(files: Mapping[str, str]) -> _Report:
        raise ValidatorError("checkov is not installed")

    with pytest.raises(ValidatorError):
        IaCPolicyScanner(validate=validate).scan('```hcl\nresource "a" "b" {}\n```')
