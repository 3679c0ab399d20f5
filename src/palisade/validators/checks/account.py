"""Account-wide guardrails: S3 Block Public Access for the account, Security Hub switched on.

A validator only sees the files it is given: it cannot notice a resource that was deleted. These checks judge
the resources that are present; that the ``aws-securityhub`` and ``aws-s3-account-public-access-block``
blueprints still produce them is verified by ``palisade blueprints test`` (their outputs must pass these
checks, and a check that applies to nothing fails the case).
"""

from __future__ import annotations

from collections.abc import Iterator

from palisade.validators.base import Finding
from palisade.validators.checks.registry import block_finding
from palisade.validators.checks.terraform import Block, attr, is_false, is_true

__all__ = ["PUBLIC_ACCESS_FLAGS", "check_s3_account_public_access_block", "check_securityhub"]

PUBLIC_ACCESS_FLAGS = (
    "block_public_acls",
    "block_public_policy",
    "ignore_public_acls",
    "restrict_public_buckets",
)
MIN_REASON = 10


def check_s3_account_public_access_block(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource" or block.type != "aws_s3_account_public_access_block":
            continue
        off = [flag for flag in PUBLIC_ACCESS_FLAGS if not is_true(attr(block.body, flag))]
        detail = f"{', '.join(off)} not true" if off else ""
        yield block_finding(
            "PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK", "failed" if off else "passed", block, detail
        )


def check_securityhub(blocks: list[Block]) -> Iterator[Finding]:
    """Judged only where Security Hub resources appear (see the module docstring)."""
    hub = [b for b in blocks if b.kind == "resource" and b.type.startswith("aws_securityhub_")]
    if not hub:
        return
    accounts = [b for b in hub if b.type == "aws_securityhub_account"]
    subscriptions = [b for b in hub if b.type == "aws_securityhub_standards_subscription"]
    if not accounts:
        yield block_finding(
            "PAL_SECURITYHUB_ENABLED",
            "failed",
            hub[0],
            "Security Hub resources without an aws_securityhub_account enabling the hub here (if another "
            "configuration enables it, record that with a palisade:skip reason)",
        )
    for account in accounts:
        problems: list[str] = []
        if is_false(attr(account.body, "enable_default_standards")) and not subscriptions:
            problems.append("enable_default_standards = false and no standards subscription")
        if is_false(attr(account.body, "auto_enable_controls")):
            problems.append("auto_enable_controls = false (new controls stay off)")
        yield block_finding(
            "PAL_SECURITYHUB_ENABLED",
            "failed" if problems else "passed",
            account,
            "; ".join(problems),
        )
    for control in hub:
        if control.type != "aws_securityhub_standards_control":
            continue
        status = str(attr(control.body, "control_status") or "").strip().upper()
        reason = str(attr(control.body, "disabled_reason") or "").strip()
        bad = status == "DISABLED" and len(reason) < MIN_REASON
        yield block_finding(
            "PAL_SECURITYHUB_ENABLED",
            "failed" if bad else "passed",
            control,
            "control disabled without a disabled_reason" if bad else "",
        )
