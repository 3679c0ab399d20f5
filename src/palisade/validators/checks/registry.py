"""Every Palisade check: id, severity, what it catches and how to fix it (the single source for docs)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from palisade.validators.base import CheckResult, Finding, Severity
from palisade.validators.checks.terraform import Block

__all__ = ["CHECKS", "VALIDATOR_NAME", "PalisadeCheck", "block_finding", "skipped_finding"]

VALIDATOR_NAME = "palisade"


@dataclass(frozen=True, slots=True)
class PalisadeCheck:
    id: str
    severity: Severity
    message: str
    fix: str


_ALL = (
    PalisadeCheck(
        "PAL_S3_TLS_ONLY",
        "high",
        "S3 bucket has no bucket policy denying requests without TLS (aws:SecureTransport = false)",
        'Add an aws_s3_bucket_policy with a Deny statement for Principal "*", Action "s3:*" on the bucket '
        'and its objects, with Condition Bool aws:SecureTransport = "false".',
    ),
    PalisadeCheck(
        "PAL_WORLD_INGRESS",
        "high",
        "Security group ingress is open to the whole internet (0.0.0.0/0 or ::/0)",
        "Allow only the source networks that need access (office/VPN or VPC CIDRs); put public web services "
        "behind an HTTPS load balancer (aws-alb-https) and use SSM Session Manager instead of open SSH/RDP.",
    ),
    PalisadeCheck(
        "PAL_WORLD_EGRESS_ALL",
        "medium",
        "Security group egress allows all protocols and ports to the whole internet",
        "Allow only the protocols, ports and destinations the workload needs, e.g. tcp/443 to the VPC CIDR "
        "or to VPC endpoints.",
    ),
    PalisadeCheck(
        "PAL_AZURE_WORLD_INGRESS",
        "high",
        "Network security group allows inbound traffic from any source on the internet "
        "(*, Internet, Any, 0.0.0.0/0 or ::/0)",
        "Set source_address_prefixes to the networks that need access (office/VPN range or the VNet's "
        "address space); use Azure Bastion for RDP/SSH and Application Gateway with WAF or Front Door for "
        "public web traffic.",
    ),
    PalisadeCheck(
        "PAL_GCP_WORLD_INGRESS",
        "high",
        "VPC firewall rule allows ingress from the whole internet (0.0.0.0/0 or ::/0, or no source at all, "
        "which GCP treats as 0.0.0.0/0)",
        "Set source_ranges to the networks that need access (office/VPN range or the VPC's subnets); use "
        "IAP TCP forwarding (35.235.240.0/20) for SSH/RDP and an external HTTPS load balancer with Cloud "
        "Armor for public web traffic.",
    ),
    PalisadeCheck(
        "PAL_IAM_WILDCARD_ACTION",
        "high",
        'IAM policy allows every action ("*" or "service:*") or uses NotAction in an Allow statement',
        "List only the actions the workload calls, e.g. s3:GetObject instead of s3:*.",
    ),
    PalisadeCheck(
        "PAL_IAM_WILDCARD_RESOURCE",
        "high",
        'IAM identity policy allows write actions on every resource (Resource "*" or NotResource)',
        "Name the resources the actions apply to (bucket, table, queue ARNs). Read-only and list actions "
        'may use "*"; so may actions that do not support resource-level permissions.',
    ),
    PalisadeCheck(
        "PAL_IAM_WILDCARD_PRINCIPAL",
        "critical",
        'Trust policy lets any AWS principal ("*") assume the role, whatever its conditions',
        'Trust a named service (Principal Service = "lambda.amazonaws.com") or specific account/role ARNs.',
    ),
    PalisadeCheck(
        "PAL_KMS_ROTATION",
        "medium",
        "KMS key does not have automatic key rotation enabled",
        "Set enable_key_rotation = true on the aws_kms_key.",
    ),
    PalisadeCheck(
        "PAL_GCP_KMS_ROTATION",
        "medium",
        "Cloud KMS key does not rotate automatically at least every 90 days",
        'Set rotation_period = "7776000s" (90 days) or shorter on the google_kms_crypto_key.',
    ),
    PalisadeCheck(
        "PAL_AZURE_KEY_ROTATION",
        "medium",
        "Key Vault key has no automatic rotation policy",
        'Add a rotation_policy block with automatic { time_before_expiry = "P30D" } and expire_after '
        '(e.g. "P90D") to the azurerm_key_vault_key.',
    ),
    PalisadeCheck(
        "PAL_GCS_CMEK",
        "medium",
        "Cloud Storage bucket is not encrypted with a customer-managed key (CMEK)",
        "Add encryption { default_kms_key_name = <Cloud KMS key id> } and grant the Cloud Storage service "
        "agent roles/cloudkms.cryptoKeyEncrypterDecrypter on that key (the gcp-kms-key blueprint makes one).",
    ),
    PalisadeCheck(
        "PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK",
        "high",
        "Account-wide S3 Block Public Access is not fully on (a flag is false or missing; missing means "
        "false)",
        "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true "
        "on the aws_s3_account_public_access_block.",
    ),
    PalisadeCheck(
        "PAL_SECURITYHUB_ENABLED",
        "high",
        "Security Hub is switched off or runs no checks (no aws_securityhub_account next to Security Hub "
        "resources, no standard enabled, new controls not auto-enabled, or a control disabled without a "
        "reason)",
        "Keep an aws_securityhub_account with auto_enable_controls = true and at least one "
        "aws_securityhub_standards_subscription (or enable_default_standards = true); give every disabled "
        "control a disabled_reason.",
    ),
    PalisadeCheck(
        "PAL_K8S_DEFAULT_DENY",
        "high",
        "NetworkPolicy selecting every pod no longer denies by default (it allows ingress or egress "
        "beyond DNS, or does not cover both directions)",
        "Keep a policy with podSelector: {}, policyTypes [Ingress, Egress] and no ingress rules; allow "
        "egress only to kube-dns on port 53; add narrow allow policies separately.",
    ),
    PalisadeCheck(
        "PAL_K8S_PSA_RESTRICTED",
        "high",
        'Namespace does not enforce the Pod Security Admission level "restricted"',
        "Label the namespace pod-security.kubernetes.io/enforce: restricted.",
    ),
)

CHECKS: Mapping[str, PalisadeCheck] = {c.id: c for c in _ALL}


def block_finding(check_id: str, result: CheckResult, block: Block, detail: str = "") -> Finding:
    """A finding about one Terraform block; ``detail`` says what exactly failed."""
    check = CHECKS[check_id]
    return Finding(
        check_id=check_id,
        result=result,
        resource=block.address,
        file=block.file,
        message=f"{check.message}: {detail}" if detail and result == "failed" else check.message,
        severity=check.severity,
        line=block.line,
        fix=check.fix if result == "failed" else "",
        validator=VALIDATOR_NAME,
    )


def skipped_finding(check_id: str, block: Block, reason: str) -> Finding:
    """A check that does not apply to this block, with the reason (e.g. asymmetric keys cannot rotate)."""
    check = CHECKS[check_id]
    return Finding(
        check_id=check_id,
        result="skipped",
        resource=block.address,
        file=block.file,
        message=check.message,
        severity=check.severity,
        line=block.line,
        reason=reason,
        validator=VALIDATOR_NAME,
    )
