"""Encryption: TLS-only S3 bucket policies, key rotation (AWS KMS, Cloud KMS, Key Vault), CMEK on GCS."""

from __future__ import annotations

import re
from collections.abc import Iterator

from palisade.validators.base import Finding
from palisade.validators.checks.iam import Statement, policy_documents, policy_statements
from palisade.validators.checks.registry import block_finding, skipped_finding
from palisade.validators.checks.terraform import Block, attr, is_true, nested

__all__ = ["check_azure_keys", "check_gcp_kms", "check_gcs_cmek", "check_kms", "check_s3_tls"]

_BUCKET_REF = re.compile(r"^\$\{aws_s3_bucket\.([A-Za-z0-9_-]+)\.(id|bucket|arn)\}$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)s$")
MAX_GCP_ROTATION_SECONDS = 90 * 86400  # CIS GCP 1.10: rotate within 90 days


def _denies_plain_http(statement: Statement) -> bool:
    return (
        statement.effect.lower() == "deny"
        and any(a in ("*", "s3:*") for a in statement.actions)
        and any(ident == "*" for _, ident in statement.principals)
        and any(
            test.lower() == "bool" and var.lower() == "aws:securetransport" and "false" in values
            for test, var, values in statement.conditions
        )
    )


def check_s3_tls(blocks: list[Block]) -> Iterator[Finding]:
    documents = policy_documents(blocks)
    buckets = [b for b in blocks if b.kind == "resource" and b.type == "aws_s3_bucket"]
    tls_only: set[str] = set()  # bucket resource names and literal bucket names
    for block in blocks:
        if block.kind != "resource":
            continue
        if block.type == "aws_s3_bucket_policy":
            target = attr(block.body, "bucket")
        elif block.type == "aws_s3_bucket":
            target = f"${{aws_s3_bucket.{block.name}.id}}"
        else:
            continue
        statements = policy_statements(attr(block.body, "policy"), documents) or []
        if any(_denies_plain_http(s) for s in statements) and isinstance(target, str):
            ref = _BUCKET_REF.match(target)
            tls_only.add(ref.group(1) if ref else f"literal:{target}")
    for bucket in buckets:
        literal = attr(bucket.body, "bucket")
        ok = bucket.name in tls_only or (
            isinstance(literal, str) and f"literal:{literal}" in tls_only
        )
        yield block_finding("PAL_S3_TLS_ONLY", "passed" if ok else "failed", bucket)


def check_kms(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource" or block.type != "aws_kms_key":
            continue
        spec = str(attr(block.body, "customer_master_key_spec") or "SYMMETRIC_DEFAULT")
        if spec != "SYMMETRIC_DEFAULT":
            reason = f"automatic rotation is not supported for {spec} keys"
            yield skipped_finding("PAL_KMS_ROTATION", block, reason)
            continue
        ok = is_true(attr(block.body, "enable_key_rotation"))
        yield block_finding("PAL_KMS_ROTATION", "passed" if ok else "failed", block)


def check_gcp_kms(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource" or block.type != "google_kms_crypto_key":
            continue
        purpose = str(attr(block.body, "purpose") or "ENCRYPT_DECRYPT").strip().upper()
        if purpose != "ENCRYPT_DECRYPT":
            reason = f"Cloud KMS rotates only symmetric ENCRYPT_DECRYPT keys, not {purpose} keys"
            yield skipped_finding("PAL_GCP_KMS_ROTATION", block, reason)
            continue
        period = attr(block.body, "rotation_period")
        if period is None:
            yield block_finding("PAL_GCP_KMS_ROTATION", "failed", block, "no rotation_period")
            continue
        match = _DURATION.match(str(period).strip())
        if match is None:
            detail = f'rotation_period {period!r} is not a literal duration like "7776000s"'
            yield block_finding("PAL_GCP_KMS_ROTATION", "failed", block, detail)
            continue
        seconds = float(match.group(1))
        if seconds > MAX_GCP_ROTATION_SECONDS:
            detail = f"rotation every {seconds / 86400:g} days"
            yield block_finding("PAL_GCP_KMS_ROTATION", "failed", block, detail)
            continue
        yield block_finding("PAL_GCP_KMS_ROTATION", "passed", block)


def check_azure_keys(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource" or block.type != "azurerm_key_vault_key":
            continue
        policies = nested(block.body, "rotation_policy")
        automatic = [a for p in policies for a in nested(p, "automatic")]
        timed = [
            a
            for a in automatic
            if attr(a, "time_before_expiry") is not None or attr(a, "time_after_create") is not None
        ]
        if timed:
            yield block_finding("PAL_AZURE_KEY_ROTATION", "passed", block)
            continue
        detail = (
            "no rotation_policy" if not policies else "rotation_policy has no automatic rotation"
        )
        yield block_finding("PAL_AZURE_KEY_ROTATION", "failed", block, detail)


def check_gcs_cmek(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource" or block.type != "google_storage_bucket":
            continue
        keys = [
            attr(e, "default_kms_key_name")
            for e in nested(block.body, "encryption")
            if attr(e, "default_kms_key_name")
        ]
        ok = any(str(k).strip() for k in keys)
        detail = "" if ok else "no encryption { default_kms_key_name } (Google-managed keys only)"
        yield block_finding("PAL_GCS_CMEK", "passed" if ok else "failed", block, detail)
