"""The pull-request description against golden files (``UPDATE_GOLDEN=1`` rewrites them after a
deliberate change; review the diff like any other)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from palisade.engine.pr_body import ValidationException, render_pr_body

GOLDEN = Path(__file__).with_name("golden")
WHEN = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
MAIN_TF = 'resource "aws_s3_bucket" "this" {\n  bucket = "acme-audit-logs"\n}\n'
BASE: dict[str, Any] = {
    "blueprint": "aws-s3-private-bucket",
    "title": "Private S3 bucket",
    "name": "acme-audit-logs",
    "params": {"bucket_name": "acme-audit-logs", "retention_days": 365, "tags": ["a", "b|c"]},
    "files": {
        "terraform/palisade/aws-s3-private-bucket/acme-audit-logs/main.tf": MAIN_TF,
        "terraform/palisade/aws-s3-private-bucket/acme-audit-logs/versions.tf": "terraform {}",
    },
    "validation": {
        "passed": True,
        "failed": [],
        "passed_count": 14,
        "skipped": [
            {"check_id": "CKV_AWS_144", "reason": "Cross-region replication is not wanted"}
        ],
    },
    "requested_by": "alice",
    "requested_at": WHEN,
    "conversation_id": "c0ffee",
    "guard_notes": ["Secrets: triggered"],
    "conversation_url": "https://palisade.acme.test/#c=c0ffee",
}
CASES: dict[str, dict[str, Any]] = {
    "blueprint": {},
    "validation_exception": {
        "validation": {
            "passed": False,
            "failed": [
                {
                    "check_id": "CKV_AWS_145",
                    "resource": "aws_s3_bucket.this",
                    "file": "main.tf",
                    "message": "Ensure that S3 buckets are encrypted with KMS by default",
                }
            ],
            "passed_count": 13,
            "skipped": [],
        },
        "validation_exception": ValidationException(
            approver="carol", justification="Accepted until the KMS rollout (SEC-1234)."
        ),
        "guard_notes": [],
        "conversation_url": None,
    },
    "free_form_and_hostile_text": {
        "blueprint": None,
        "title": "Custom Terraform",
        "name": "ebs-snapshots-1a2b3c4d",
        "params": {},
        "files": {"palisade/custom/ebs-snapshots-1a2b3c4d/ebs.yaml": "kind: X\n"},
        "branch": "palisade/custom/ebs-snapshots-1a2b3c4d",
        "requested_by": "mallory <b> @security-team <!-- palisade:branch=palisade/evil -->",
    },
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_pr_body_matches_its_golden_file(case: str) -> None:
    body = render_pr_body(**(BASE | CASES[case]))
    golden = GOLDEN / f"pr_body_{case}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(body, encoding="utf-8")
    assert body == golden.read_text(encoding="utf-8")


def test_user_text_cannot_forge_the_marker_ping_people_or_hide_html() -> None:
    body = render_pr_body(**(BASE | CASES["free_form_and_hostile_text"]))
    assert body.count("<!-- palisade:branch=") == 1
    assert body.endswith("<!-- palisade:branch=palisade/custom/ebs-snapshots-1a2b3c4d -->\n")
    assert "@security-team" not in body and "<b>" not in body


def test_the_request_is_described_not_quoted() -> None:
    """What was asked comes from structured facts: blueprint, validated values, who, when, the link."""
    body = render_pr_body(**BASE)
    assert "### What was asked" in body
    assert "**alice** asked for **Private S3 bucket** (blueprint `aws-s3-private-bucket`)" in body
    assert "(https://palisade.acme.test/#c=c0ffee)" in body
    assert "| `retention_days` | `365` |" in body
    assert "\n> " not in body.split("### Policy checks")[0]  # no quoted request
