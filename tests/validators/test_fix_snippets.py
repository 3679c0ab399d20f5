"""Fixed snippets for pasted code: each is corrected Terraform that parses, passes the check it fixes and is
canonically formatted; where no safe edit exists there is no snippet."""

from __future__ import annotations

import pytest

from palisade.blueprints.fmt import format_problems
from palisade.validators import CheckovValidator, PalisadeChecksValidator, validate_files
from palisade.validators.base import Finding
from palisade.validators.fixes import FIXABLE_CHECKS

SSH_SG = """resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "bastion"

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", "203.0.113.0/24"]
  }

  egress {
    description = "https out"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""
RDP_RULE = """resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "0.0.0.0/0"
}
"""
AZURE_NSG = """resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }

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
}
"""
GCP_FIREWALL = """resource "google_compute_firewall" "rdp" {
  name          = "allow-rdp"
  network       = "default"
  source_ranges = [
    "0.0.0.0/0",
  ]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
"""
S3_BUCKET = """resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
"""
IAM_POLICY = """resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:*", "sqs:SendMessage"]
        Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"]
      },
    ]
  })
}
"""
AWS_KEY = 'resource "aws_kms_key" "app" {\n  description         = "app"\n  enable_key_rotation = false\n}\n'
GCP_KEY = 'resource "google_kms_crypto_key" "app" {\n  name     = "app"\n  key_ring = "ring"\n}\n'
AZURE_KEY = """resource "azurerm_key_vault_key" "app" {
  name         = "app"
  key_vault_id = "kv"
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["decrypt", "encrypt"]
}
"""
ACCOUNT_PAB = """resource "aws_s3_account_public_access_block" "this" {
  block_public_acls   = true
  block_public_policy = false
}
"""
GCS_BUCKET = """resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}
"""

# (check id, insecure input, text that must be in the snippet, text that must not be in it)
CASES = [
    ("PAL_WORLD_INGRESS", SSH_SG, 'cidr_blocks = ["203.0.113.0/24"]', '"0.0.0.0/0", '),
    ("PAL_WORLD_INGRESS", RDP_RULE, "cidr_ipv4         = var.allowed_source_cidr", '0.0.0.0/0"\n'),
    (
        "PAL_AZURE_WORLD_INGRESS",
        AZURE_NSG,
        "source_address_prefixes    = var.allowed_source_cidrs",
        '"Internet"',
    ),
    (
        "PAL_GCP_WORLD_INGRESS",
        GCP_FIREWALL,
        "source_ranges = var.allowed_source_cidrs",
        '"0.0.0.0/0",',
    ),
    ("PAL_S3_TLS_ONLY", S3_BUCKET, '"aws:SecureTransport" = "false"', "acme-logs"),
    ("PAL_IAM_WILDCARD_ACTION", IAM_POLICY, '"dynamodb:Get*"', '"dynamodb:*"'),
    ("PAL_KMS_ROTATION", AWS_KEY, "enable_key_rotation = true", "= false"),
    ("PAL_GCP_KMS_ROTATION", GCP_KEY, 'rotation_period = "7776000s"', "31536000s"),
    ("PAL_AZURE_KEY_ROTATION", AZURE_KEY, 'time_before_expiry = "P30D"', "time_after_create"),
    ("PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK", ACCOUNT_PAB, "restrict_public_buckets = true", "false"),
    ("PAL_GCS_CMEK", GCS_BUCKET, "default_kms_key_name = var.kms_key_name", "google-managed"),
]


def _failed(text: str, check_id: str) -> Finding:
    report = PalisadeChecksValidator().validate({"main.tf": text})
    (finding,) = [f for f in report.failed if f.check_id == check_id]
    return finding


def _resource_header(text: str) -> str:
    return text.splitlines()[0]


@pytest.mark.parametrize(
    ("check_id", "text", "present", "absent"),
    CASES,
    ids=[c[0] + f"-{i}" for i, c in enumerate(CASES)],
)
def test_fixed_snippet_parses_passes_and_is_formatted(
    check_id: str, text: str, present: str, absent: str
) -> None:
    finding = _failed(text, check_id)
    snippet = finding.fix_snippet
    assert snippet is not None and present in snippet, snippet
    assert absent not in snippet.split("\nvariable ")[0]
    assert format_problems("fix.tf", snippet) == []
    # applied: the S3 policy goes next to the bucket; every other snippet replaces the resource
    applied = text + "\n" + snippet if check_id == "PAL_S3_TLS_ONLY" else snippet
    report = PalisadeChecksValidator().validate({"main.tf": applied})
    assert [f.result for f in report.findings if f.check_id == check_id] and not [
        f for f in report.failed if f.check_id == check_id
    ]
    if check_id != "PAL_S3_TLS_ONLY":
        assert _resource_header(text) in snippet  # the same resource, corrected


def test_only_world_sources_change_and_deny_rules_stay() -> None:
    snippet = _failed(AZURE_NSG, "PAL_AZURE_WORLD_INGRESS").fix_snippet
    assert snippet is not None
    deny = snippet[snippet.index('name                       = "deny-all"') :]
    assert 'source_address_prefix      = "*"' in deny  # the deny-all rule is untouched
    egress = _failed(SSH_SG, "PAL_WORLD_INGRESS").fix_snippet
    assert egress is not None and egress.count('cidr_blocks = ["0.0.0.0/0"]') == 1  # egress kept


def test_variable_blocks_refuse_the_world() -> None:
    snippet = _failed(GCP_FIREWALL, "PAL_GCP_WORLD_INGRESS").fix_snippet
    assert snippet is not None
    assert 'variable "allowed_source_cidrs"' in snippet and '"0.0.0.0/0", "::/0"' in snippet


@pytest.mark.parametrize(
    "text",
    [
        IAM_POLICY.replace('["dynamodb:*", "sqs:SendMessage"]', '"*"'),
        IAM_POLICY.replace(
            "    ]\n  })",
            '      {\n        Effect   = "Deny"\n        Action   = "dynamodb:*"\n'
            '        Resource = "*"\n      },\n    ]\n  })',
        ),
    ],
    ids=["action-star-intent-unknown", "service-star-also-denied"],
)
def test_no_snippet_when_no_safe_edit_exists(text: str) -> None:
    finding = _failed(text, "PAL_IAM_WILDCARD_ACTION")
    assert finding.fix_snippet is None and finding.fix


def test_passed_and_unfixable_findings_have_no_snippet() -> None:
    report = PalisadeChecksValidator().validate({"main.tf": SSH_SG})
    assert all(f.fix_snippet is None for f in report.findings if f.result != "failed")
    assert "PAL_S3_TLS_ONLY" in FIXABLE_CHECKS and "PAL_K8S_DEFAULT_DENY" not in FIXABLE_CHECKS


@pytest.fixture(scope="module")
def checkov() -> CheckovValidator:
    validator = CheckovValidator()
    validator.warm_up()
    return validator


def test_checkov_findings_get_the_same_fix_and_json_carries_it(checkov: CheckovValidator) -> None:
    pasted = "# pasted by a user\n\n" + SSH_SG + "\n" + AWS_KEY
    report = validate_files({"pasted.tf": pasted}, [checkov, PalisadeChecksValidator()])
    by_id = {f.check_id: f for f in report.failed}
    assert by_id["CKV_AWS_24"].fix_snippet == by_id["PAL_WORLD_INGRESS"].fix_snippet
    assert by_id["CKV_AWS_7"].fix_snippet == by_id["PAL_KMS_ROTATION"].fix_snippet
    lines = pasted.splitlines()
    for check_id in ("CKV_AWS_24", "PAL_WORLD_INGRESS", "CKV_AWS_7", "PAL_KMS_ROTATION"):
        finding = by_id[check_id]
        assert finding.line is not None
        kind, name = finding.resource.split(".")
        assert lines[finding.line - 1] == f'resource "{kind}" "{name}" {{', check_id
    failed = report.to_dict()["failed"]
    assert {f["check_id"]: f["fix_snippet"] is not None for f in failed}["CKV_AWS_24"] is True
    assert all("fix_snippet" in f for f in failed)
