"""Palisade's own checks, table-driven: every check against secure inputs and at least two insecure variants.

A meta-test makes sure no check in the registry is missing from the table.
"""

from __future__ import annotations

import pytest

from palisade.errors import UnparseableFileError
from palisade.validators import PalisadeChecksValidator, ValidationReport
from palisade.validators.palisade_checks import CHECKS

TLS_POLICY = """
resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}
"""

TLS_DOCUMENT = """
resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}

data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "acme-data"
  policy = data.aws_iam_policy_document.tls.json
}
"""

NO_POLICY = """
resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}
"""

POLICY_WITHOUT_TLS = TLS_POLICY.replace('Effect    = "Deny"', 'Effect    = "Allow"')
POLICY_WRONG_CONDITION = TLS_POLICY.replace(
    '"aws:SecureTransport" = "false"', '"aws:SecureTransport" = "true"'
)
POLICY_OTHER_BUCKET = TLS_POLICY.replace(
    "bucket = aws_s3_bucket.b.id", "bucket = aws_s3_bucket.other.id"
)


def _sg(rule: str) -> str:
    return 'resource "aws_security_group" "sg" {\n  name = "sg"\n}\n\n' + rule


INGRESS_OK = _sg(
    """
resource "aws_vpc_security_group_ingress_rule" "r" {
  security_group_id = aws_security_group.sg.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/16"
}
"""
)
INGRESS_WORLD_443 = INGRESS_OK.replace('"10.0.0.0/16"', '"0.0.0.0/0"')
INGRESS_WORLD_V6 = INGRESS_OK.replace(
    'cidr_ipv4         = "10.0.0.0/16"', 'cidr_ipv6         = "::/0"'
)
INGRESS_INLINE = """
resource "aws_security_group" "sg" {
  name = "sg"

  ingress {
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}
"""
INGRESS_LEGACY_RULE = """
resource "aws_security_group_rule" "r" {
  type              = "ingress"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = "sg-123"
}
"""

EGRESS_OK = _sg(
    """
resource "aws_vpc_security_group_egress_rule" "r" {
  security_group_id = aws_security_group.sg.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
"""
)
EGRESS_ALL = _sg(
    """
resource "aws_vpc_security_group_egress_rule" "r" {
  security_group_id = aws_security_group.sg.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
"""
)
EGRESS_ALL_V6 = EGRESS_ALL.replace('cidr_ipv4         = "0.0.0.0/0"', 'cidr_ipv6         = "::/0"')
EGRESS_ALL_LEGACY = """
resource "aws_security_group_rule" "r" {
  type              = "egress"
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-123"
}
"""


def _role_policy(actions: str) -> str:
    return f"""
resource "aws_iam_role_policy" "p" {{
  name = "p"
  role = "r"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Effect   = "Allow"
        Action   = {actions}
        Resource = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
      }},
    ]
  }})
}}
"""


ACTION_OK = _role_policy('["dynamodb:GetItem", "dynamodb:Query"]')
ACTION_SERVICE_STAR = _role_policy('["dynamodb:GetItem", "dynamodb:*"]')
ACTION_STAR = _role_policy('"*"')
ACTION_DOCUMENT = """
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-data/*"]
  }
}
"""
ACTION_HEREDOC = """
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<-EOF
  {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::123456789012:role/x"}]}
  EOF
}
"""
DENY_STAR_IS_FINE = TLS_POLICY


def _trust(principal: str, condition: str = "") -> str:
    return f"""
resource "aws_iam_role" "r" {{
  name = "r"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Effect    = "Allow"
        Principal = {principal}
        Action    = "sts:AssumeRole"
        {condition}
      }},
    ]
  }})
}}
"""


TRUST_OK = _trust('{ Service = "lambda.amazonaws.com" }')
TRUST_AWS_STAR = _trust('{ AWS = "*" }')
TRUST_STAR_WITH_CONDITION = _trust(
    '"*"', 'Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc" } }'
)
TRUST_DOCUMENT_STAR = """
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["123456789012"]
    }
  }
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"""

KMS_OK = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n'
KMS_MISSING = 'resource "aws_kms_key" "k" {\n  description = "k"\n}\n'
KMS_FALSE = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n'


# --- Azure NSG --------------------------------------------------------------------------------------


def _nsg_rule(source: str, direction: str = "Inbound", access: str = "Allow") -> str:
    return f"""
resource "azurerm_network_security_rule" "r" {{
  name                        = "r"
  priority                    = 100
  direction                   = "{direction}"
  access                      = "{access}"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "5432"
  {source}
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}}
"""


NSG_OK = _nsg_rule('source_address_prefix       = "10.0.0.0/16"')
NSG_DENY_ANY_IS_FINE = _nsg_rule('source_address_prefix       = "*"', access="Deny")
NSG_OUTBOUND_ANY_IS_FINE = _nsg_rule('source_address_prefix       = "*"', direction="Outbound")
NSG_STAR = _nsg_rule('source_address_prefix       = "*"')
NSG_INTERNET = _nsg_rule('source_address_prefix       = "Internet"')
NSG_PREFIXES_WORLD = _nsg_rule('source_address_prefixes     = ["10.0.0.0/8", "0.0.0.0/0"]')
NSG_INLINE_ANY = """
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "deny-all"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Any"
    destination_address_prefix = "*"
  }
}
"""
NSG_INLINE_OK = NSG_INLINE_ANY.replace('"Any"', '"192.0.2.0/24"')

# --- GCP firewall -----------------------------------------------------------------------------------


def _firewall(
    extra: str, rule: str = 'allow {\n    protocol = "tcp"\n    ports    = ["5432"]\n  }'
) -> str:
    return f"""
resource "google_compute_firewall" "fw" {{
  name    = "fw"
  network = "default"
{extra}
  {rule}
}}
"""


FW_OK = _firewall('  source_ranges = ["10.128.0.0/20"]\n')
FW_DISABLED_IS_FINE = _firewall('  source_ranges = ["0.0.0.0/0"]\n  disabled      = true\n')
FW_DENY_IS_FINE = _firewall(
    '  source_ranges = ["0.0.0.0/0"]\n', 'deny {\n    protocol = "tcp"\n    ports    = ["23"]\n  }'
)
FW_EGRESS_IS_FINE = _firewall(
    '  direction          = "EGRESS"\n  destination_ranges = ["0.0.0.0/0"]\n'
)
FW_TAGS_ONLY_IS_FINE = _firewall('  source_tags = ["bastion"]\n')
FW_WORLD = _firewall('  source_ranges = ["0.0.0.0/0"]\n')
FW_WORLD_V6 = _firewall('  source_ranges = ["10.0.0.0/8", "::/0"]\n  direction     = "INGRESS"\n')
FW_NO_SOURCE = _firewall("")

# --- IAM: write actions on every resource -----------------------------------------------------------


def _identity_policy(actions: str, resource: str = '"*"', key: str = "Resource") -> str:
    return f"""
resource "aws_iam_policy" "p" {{
  name = "p"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Effect   = "Allow"
        Action   = {actions}
        {key} = {resource}
      }},
    ]
  }})
}}
"""


RESOURCE_SCOPED_WRITE = _identity_policy('["s3:PutObject"]', '"arn:aws:s3:::acme-data/*"')
RESOURCE_STAR_READ_ONLY = _identity_policy('["s3:GetObject", "ec2:DescribeInstances", "s3:List*"]')
RESOURCE_STAR_UNSCOPABLE_WRITE = _identity_policy('["cloudwatch:PutMetricData"]')
RESOURCE_STAR_WRITE = _identity_policy('["s3:PutObject"]')
RESOURCE_ALL_OF_A_SERVICE = _identity_policy('["dynamodb:DeleteItem"]', '"arn:aws:dynamodb:*:*:*"')
RESOURCE_NOT_RESOURCE = _identity_policy(
    '["sqs:SendMessage"]', '"arn:aws:sqs:eu-west-1:123456789012:orders"', key="NotResource"
)
RESOURCE_UNKNOWN_ACTION = _identity_policy('["madeup:DoThing"]')
RESOURCE_DOCUMENT = """
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "p" {
  name   = "p"
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
"""

# --- GCS CMEK, account guardrails, key rotation ------------------------------------------------------

GCS_OK = """
resource "google_storage_bucket" "b" {
  name     = "acme-data"
  location = "EU"

  encryption {
    default_kms_key_name = google_kms_crypto_key.k.id
  }
}
"""
GCS_NO_ENCRYPTION = (
    'resource "google_storage_bucket" "b" {\n  name     = "acme-data"\n  location = "EU"\n}\n'
)
GCS_EMPTY_KEY = GCS_OK.replace("google_kms_crypto_key.k.id", '""')


def _account_pab(flags: dict[str, str]) -> str:
    body = "\n".join(f"  {name} = {value}" for name, value in flags.items())
    return f'resource "aws_s3_account_public_access_block" "this" {{\n{body}\n}}\n'


_ALL_ON = {
    "block_public_acls": "true",
    "block_public_policy": "true",
    "ignore_public_acls": "true",
    "restrict_public_buckets": "true",
}
PAB_OK = _account_pab(_ALL_ON)
PAB_ONE_OFF = _account_pab(_ALL_ON | {"restrict_public_buckets": "false"})
PAB_MISSING_FLAGS = _account_pab({"block_public_acls": "true"})
PAB_ALL_OFF = _account_pab(dict.fromkeys(_ALL_ON, "false"))

HUB_SUBSCRIPTION = """
resource "aws_securityhub_standards_subscription" "fsbp" {
  standards_arn = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0"
  depends_on    = [aws_securityhub_account.this]
}
"""
HUB_OK = (
    'resource "aws_securityhub_account" "this" {\n'
    "  enable_default_standards = false\n"
    "  auto_enable_controls     = true\n"
    "}\n" + HUB_SUBSCRIPTION
)
HUB_DEFAULT_STANDARDS_OK = 'resource "aws_securityhub_account" "this" {}\n'
HUB_NO_ACCOUNT = HUB_SUBSCRIPTION
HUB_NO_STANDARD = (
    'resource "aws_securityhub_account" "this" {\n  enable_default_standards = false\n}\n'
)
HUB_CONTROLS_OFF = HUB_OK.replace(
    "auto_enable_controls     = true", "auto_enable_controls     = false"
)
HUB_CONTROL_DISABLED = (
    HUB_OK
    + """
resource "aws_securityhub_standards_control" "iam_6" {
  standards_control_arn = "arn:aws:securityhub:eu-west-1:123456789012:control/cis-aws-foundations-benchmark/v/1.2.0/1.14"
  control_status        = "DISABLED"
}
"""
)
HUB_CONTROL_DISABLED_WITH_REASON = HUB_CONTROL_DISABLED.replace(
    '  control_status        = "DISABLED"\n',
    '  control_status        = "DISABLED"\n  disabled_reason       = "Root has no access keys: hardware MFA enforced by SCP (SEC-42)"\n',
)


def _gcp_key(extra: str) -> str:
    return (
        f'resource "google_kms_crypto_key" "k" {{\n  name     = "k"\n  key_ring = "r"\n{extra}}}\n'
    )


GCP_KEY_90 = _gcp_key('  rotation_period = "7776000s"\n')
GCP_KEY_30 = _gcp_key('  rotation_period = "2592000s"\n')
GCP_KEY_NONE = _gcp_key("")
GCP_KEY_YEARLY = _gcp_key('  rotation_period = "31536000s"\n')
GCP_KEY_VARIABLE = _gcp_key("  rotation_period = var.rotation\n")


def _azure_key(extra: str) -> str:
    return (
        'resource "azurerm_key_vault_key" "k" {\n'
        '  name         = "k"\n'
        '  key_vault_id = "kv"\n'
        '  key_type     = "RSA-HSM"\n'
        "  key_size     = 3072\n"
        '  key_opts     = ["decrypt", "encrypt"]\n'
        f"{extra}"
        "}\n"
    )


AZURE_KEY_OK = _azure_key(
    '\n  rotation_policy {\n    automatic {\n      time_before_expiry = "P30D"\n    }\n\n'
    '    expire_after = "P90D"\n  }\n'
)
AZURE_KEY_AFTER_CREATE_OK = AZURE_KEY_OK.replace("time_before_expiry", "time_after_create ")
AZURE_KEY_NONE = _azure_key("")
AZURE_KEY_NO_AUTOMATIC = _azure_key('\n  rotation_policy {\n    expire_after = "P90D"\n  }\n')

# --- Kubernetes -------------------------------------------------------------------------------------

NAMESPACE_OK = """apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    pod-security.kubernetes.io/enforce: restricted
"""
NAMESPACE_PRIVILEGED = NAMESPACE_OK.replace("enforce: restricted", "enforce: privileged")
NAMESPACE_UNLABELLED = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n"
NAMESPACE_AUDIT_ONLY = NAMESPACE_OK.replace("/enforce:", "/audit:")

DEFAULT_DENY = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: payments
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
"""
DEFAULT_DENY_INGRESS_ONLY = DEFAULT_DENY.replace("[Ingress, Egress]", "[Ingress]")
DEFAULT_DENY_ALLOWS_ALL_IN = DEFAULT_DENY + "  ingress:\n    - {}\n"
DEFAULT_DENY_EGRESS_WORLD = (
    DEFAULT_DENY + "  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n"
)


def _run(text: str, name: str = "main.tf") -> ValidationReport:
    return PalisadeChecksValidator().validate({name: text})


def _results(report: ValidationReport, check_id: str) -> list[str]:
    return [f.result for f in report.findings if f.check_id == check_id]


# (check id, input, file name, expected result of that check)
CASES: list[tuple[str, str, str, str]] = [
    ("PAL_S3_TLS_ONLY", TLS_POLICY, "main.tf", "passed"),
    ("PAL_S3_TLS_ONLY", TLS_DOCUMENT, "main.tf", "passed"),
    ("PAL_S3_TLS_ONLY", NO_POLICY, "main.tf", "failed"),
    ("PAL_S3_TLS_ONLY", POLICY_WITHOUT_TLS, "main.tf", "failed"),
    ("PAL_S3_TLS_ONLY", POLICY_WRONG_CONDITION, "main.tf", "failed"),
    ("PAL_S3_TLS_ONLY", POLICY_OTHER_BUCKET, "main.tf", "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_OK, "main.tf", "passed"),
    ("PAL_WORLD_INGRESS", INGRESS_WORLD_443, "main.tf", "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_WORLD_V6, "main.tf", "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_INLINE, "main.tf", "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_LEGACY_RULE, "main.tf", "failed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_OK, "main.tf", "passed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_ALL, "main.tf", "failed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_ALL_V6, "main.tf", "failed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_ALL_LEGACY, "main.tf", "failed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_OK, "main.tf", "passed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_DENY_ANY_IS_FINE, "main.tf", "passed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_OUTBOUND_ANY_IS_FINE, "main.tf", "passed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_INLINE_OK, "main.tf", "passed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_STAR, "main.tf", "failed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_INTERNET, "main.tf", "failed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_PREFIXES_WORLD, "main.tf", "failed"),
    ("PAL_AZURE_WORLD_INGRESS", NSG_INLINE_ANY, "main.tf", "failed"),
    ("PAL_GCP_WORLD_INGRESS", FW_OK, "main.tf", "passed"),
    ("PAL_GCP_WORLD_INGRESS", FW_DISABLED_IS_FINE, "main.tf", "passed"),
    ("PAL_GCP_WORLD_INGRESS", FW_DENY_IS_FINE, "main.tf", "passed"),
    ("PAL_GCP_WORLD_INGRESS", FW_EGRESS_IS_FINE, "main.tf", "passed"),
    ("PAL_GCP_WORLD_INGRESS", FW_TAGS_ONLY_IS_FINE, "main.tf", "passed"),
    ("PAL_GCP_WORLD_INGRESS", FW_WORLD, "main.tf", "failed"),
    ("PAL_GCP_WORLD_INGRESS", FW_WORLD_V6, "main.tf", "failed"),
    ("PAL_GCP_WORLD_INGRESS", FW_NO_SOURCE, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_OK, "main.tf", "passed"),
    ("PAL_IAM_WILDCARD_ACTION", DENY_STAR_IS_FINE, "main.tf", "passed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_SERVICE_STAR, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_STAR, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_DOCUMENT, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_HEREDOC, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_SCOPED_WRITE, "main.tf", "passed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_STAR_READ_ONLY, "main.tf", "passed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_STAR_UNSCOPABLE_WRITE, "main.tf", "passed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_STAR_WRITE, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_ALL_OF_A_SERVICE, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_NOT_RESOURCE, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_UNKNOWN_ACTION, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_RESOURCE", RESOURCE_DOCUMENT, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_OK, "main.tf", "passed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_AWS_STAR, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_STAR_WITH_CONDITION, "main.tf", "failed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_DOCUMENT_STAR, "main.tf", "failed"),
    ("PAL_KMS_ROTATION", KMS_OK, "main.tf", "passed"),
    ("PAL_KMS_ROTATION", KMS_MISSING, "main.tf", "failed"),
    ("PAL_KMS_ROTATION", KMS_FALSE, "main.tf", "failed"),
    ("PAL_GCP_KMS_ROTATION", GCP_KEY_90, "main.tf", "passed"),
    ("PAL_GCP_KMS_ROTATION", GCP_KEY_30, "main.tf", "passed"),
    ("PAL_GCP_KMS_ROTATION", GCP_KEY_NONE, "main.tf", "failed"),
    ("PAL_GCP_KMS_ROTATION", GCP_KEY_YEARLY, "main.tf", "failed"),
    ("PAL_GCP_KMS_ROTATION", GCP_KEY_VARIABLE, "main.tf", "failed"),
    ("PAL_AZURE_KEY_ROTATION", AZURE_KEY_OK, "main.tf", "passed"),
    ("PAL_AZURE_KEY_ROTATION", AZURE_KEY_AFTER_CREATE_OK, "main.tf", "passed"),
    ("PAL_AZURE_KEY_ROTATION", AZURE_KEY_NONE, "main.tf", "failed"),
    ("PAL_AZURE_KEY_ROTATION", AZURE_KEY_NO_AUTOMATIC, "main.tf", "failed"),
    ("PAL_GCS_CMEK", GCS_OK, "main.tf", "passed"),
    ("PAL_GCS_CMEK", GCS_NO_ENCRYPTION, "main.tf", "failed"),
    ("PAL_GCS_CMEK", GCS_EMPTY_KEY, "main.tf", "failed"),
    ("PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK", PAB_OK, "main.tf", "passed"),
    ("PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK", PAB_ONE_OFF, "main.tf", "failed"),
    ("PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK", PAB_MISSING_FLAGS, "main.tf", "failed"),
    ("PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK", PAB_ALL_OFF, "main.tf", "failed"),
    ("PAL_SECURITYHUB_ENABLED", HUB_OK, "main.tf", "passed"),
    ("PAL_SECURITYHUB_ENABLED", HUB_DEFAULT_STANDARDS_OK, "main.tf", "passed"),
    ("PAL_SECURITYHUB_ENABLED", HUB_CONTROL_DISABLED_WITH_REASON, "main.tf", "passed"),
    ("PAL_SECURITYHUB_ENABLED", HUB_NO_ACCOUNT, "main.tf", "failed"),
    ("PAL_SECURITYHUB_ENABLED", HUB_NO_STANDARD, "main.tf", "failed"),
    ("PAL_SECURITYHUB_ENABLED", HUB_CONTROLS_OFF, "main.tf", "failed"),
    ("PAL_SECURITYHUB_ENABLED", HUB_CONTROL_DISABLED, "main.tf", "failed"),
    ("PAL_K8S_PSA_RESTRICTED", NAMESPACE_OK, "ns.yaml", "passed"),
    ("PAL_K8S_PSA_RESTRICTED", NAMESPACE_PRIVILEGED, "ns.yaml", "failed"),
    ("PAL_K8S_PSA_RESTRICTED", NAMESPACE_UNLABELLED, "ns.yaml", "failed"),
    ("PAL_K8S_PSA_RESTRICTED", NAMESPACE_AUDIT_ONLY, "ns.yaml", "failed"),
    ("PAL_K8S_DEFAULT_DENY", DEFAULT_DENY, "netpol.yaml", "passed"),
    ("PAL_K8S_DEFAULT_DENY", DEFAULT_DENY_INGRESS_ONLY, "netpol.yaml", "failed"),
    ("PAL_K8S_DEFAULT_DENY", DEFAULT_DENY_ALLOWS_ALL_IN, "netpol.yaml", "failed"),
    ("PAL_K8S_DEFAULT_DENY", DEFAULT_DENY_EGRESS_WORLD, "netpol.yaml", "failed"),
]


def test_every_check_has_a_secure_case_and_two_insecure_variants() -> None:
    for check_id in CHECKS:
        expected = [e for c, _, _, e in CASES if c == check_id]
        assert expected.count("passed") >= 1, check_id
        assert expected.count("failed") >= 2, check_id
    assert {c for c, _, _, _ in CASES} == set(CHECKS)


@pytest.mark.parametrize(
    ("check_id", "text", "name", "expected"),
    CASES,
    ids=[f"{c}-{i}-{e}" for i, (c, _, _, e) in enumerate(CASES)],
)
def test_check(check_id: str, text: str, name: str, expected: str) -> None:
    report = _run(text, name)
    results = _results(report, check_id)
    assert expected in results, results
    if expected == "passed":
        assert results == ["passed"] * len(results)
        assert report.passed, [(f.check_id, f.message) for f in report.failed]
    else:
        failed = [f for f in report.failed if f.check_id == check_id]
        check = CHECKS[check_id]
        assert failed[0].fix == check.fix and failed[0].severity == check.severity
        assert failed[0].message.startswith(check.message)
        assert failed[0].file == name and failed[0].line is not None
        assert failed[0].validator == "palisade"


def test_every_check_says_what_to_do() -> None:
    for check in CHECKS.values():
        assert check.id.startswith("PAL_") and check.id == check.id.upper()
        assert check.severity in ("low", "medium", "high", "critical")
        assert len(check.message) > 20 and len(check.fix) > 20


def test_failed_finding_has_line_and_detail() -> None:
    report = _run(INGRESS_WORLD_443)
    (finding,) = report.failed
    assert finding.resource == "aws_vpc_security_group_ingress_rule.r"
    assert finding.line == 6
    assert "0.0.0.0/0" in finding.message


def test_lines_point_at_the_failing_resource_in_pasted_code() -> None:
    text = "# pasted\n\n" + KMS_OK + "\n" + NSG_STAR.lstrip("\n") + "\n" + GCS_NO_ENCRYPTION
    lines = text.splitlines()
    report = _run(text)
    for finding in report.failed:
        header = lines[finding.line - 1] if finding.line else ""
        kind, name = finding.resource.split(".")
        assert header.startswith(f'resource "{kind}" "{name}"'), (finding.check_id, header)
    assert {f.check_id for f in report.failed} == {"PAL_AZURE_WORLD_INGRESS", "PAL_GCS_CMEK"}


def test_yaml_findings_carry_the_line_of_their_document() -> None:
    text = NAMESPACE_OK + "---\n" + NAMESPACE_PRIVILEGED.replace("payments", "legacy")
    report = _run(text, "namespaces.yaml")
    (finding,) = report.failed
    assert finding.resource == "Namespace.legacy" and finding.line is not None
    assert text.splitlines()[finding.line - 1] == "apiVersion: v1"
    assert finding.line == NAMESPACE_OK.count("\n") + 2


def test_details_name_what_failed() -> None:
    nsg = _run(NSG_INLINE_ANY).failed[0].message
    assert "rule 'https' from Any" in nsg and "deny-all" not in nsg
    assert "no source given" in _run(FW_NO_SOURCE).failed[0].message
    wildcard = next(f for f in _run(RESOURCE_STAR_WRITE).failed)
    assert "s3:PutObject on *" in wildcard.message
    assert "restrict_public_buckets" in _run(PAB_ONE_OFF).failed[0].message
    assert "365 days" in _run(GCP_KEY_YEARLY).failed[0].message


def test_keys_that_cannot_rotate_are_skipped_with_a_reason() -> None:
    aws = _run('resource "aws_kms_key" "k" {\n  customer_master_key_spec = "RSA_2048"\n}\n')
    assert [(f.result, f.reason) for f in aws.findings] == [
        ("skipped", "automatic rotation is not supported for RSA_2048 keys")
    ]
    gcp = _run(_gcp_key('  purpose = "ASYMMETRIC_SIGN"\n'))
    assert [(f.check_id, f.result) for f in gcp.findings] == [("PAL_GCP_KMS_ROTATION", "skipped")]
    assert "ASYMMETRIC_SIGN" in gcp.findings[0].reason


def test_resource_based_policies_may_use_star_for_their_own_resource() -> None:
    """In a KMS key policy "*" means this key; write actions there are not every-resource grants."""
    key_policy = """
data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/app"]
    }
  }
}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}
"""
    report = _run(key_policy)
    assert report.passed
    assert _results(report, "PAL_IAM_WILDCARD_RESOURCE") == []
    as_identity = key_policy.replace(
        'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy              =',
        'resource "aws_iam_role_policy" "k" {\n  role   = "app"\n  policy =',
    )
    assert _results(_run(as_identity), "PAL_IAM_WILDCARD_RESOURCE") == ["failed"]


def test_unparseable_files_raise() -> None:
    with pytest.raises(UnparseableFileError) as info:
        _run('resource "aws_s3_bucket" "b" {\n  bucket = \n}\n', "bad.tf")
    assert info.value.path == "bad.tf"
    with pytest.raises(UnparseableFileError):
        _run("a: [unclosed\n", "bad.yaml")
