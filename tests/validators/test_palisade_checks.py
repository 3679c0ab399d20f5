"""Palisade's own checks: one secure input and at least two insecure variants each."""

from __future__ import annotations

import pytest

from palisade.errors import UnparseableFileError
from palisade.validators import PalisadeChecksValidator, ValidationReport

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


def _run(text: str, name: str = "main.tf") -> ValidationReport:
    return PalisadeChecksValidator().validate({name: text})


def _results(report: ValidationReport, check_id: str) -> list[str]:
    return [f.result for f in report.findings if f.check_id == check_id]


CASES = [
    ("PAL_S3_TLS_ONLY", TLS_POLICY, "passed"),
    ("PAL_S3_TLS_ONLY", TLS_DOCUMENT, "passed"),
    ("PAL_S3_TLS_ONLY", NO_POLICY, "failed"),
    ("PAL_S3_TLS_ONLY", POLICY_WITHOUT_TLS, "failed"),
    ("PAL_S3_TLS_ONLY", POLICY_WRONG_CONDITION, "failed"),
    ("PAL_S3_TLS_ONLY", POLICY_OTHER_BUCKET, "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_OK, "passed"),
    ("PAL_WORLD_INGRESS", INGRESS_WORLD_443, "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_WORLD_V6, "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_INLINE, "failed"),
    ("PAL_WORLD_INGRESS", INGRESS_LEGACY_RULE, "failed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_OK, "passed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_ALL, "failed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_ALL_V6, "failed"),
    ("PAL_WORLD_EGRESS_ALL", EGRESS_ALL_LEGACY, "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_OK, "passed"),
    ("PAL_IAM_WILDCARD_ACTION", DENY_STAR_IS_FINE, "passed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_SERVICE_STAR, "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_STAR, "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_DOCUMENT, "failed"),
    ("PAL_IAM_WILDCARD_ACTION", ACTION_HEREDOC, "failed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_OK, "passed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_AWS_STAR, "failed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_STAR_WITH_CONDITION, "failed"),
    ("PAL_IAM_WILDCARD_PRINCIPAL", TRUST_DOCUMENT_STAR, "failed"),
    ("PAL_KMS_ROTATION", KMS_OK, "passed"),
    ("PAL_KMS_ROTATION", KMS_MISSING, "failed"),
    ("PAL_KMS_ROTATION", KMS_FALSE, "failed"),
]


@pytest.mark.parametrize(
    ("check_id", "text", "expected"),
    CASES,
    ids=[f"{c}-{i}-{e}" for i, (c, _, e) in enumerate(CASES)],
)
def test_check(check_id: str, text: str, expected: str) -> None:
    report = _run(text)
    assert expected in _results(report, check_id)
    if expected == "passed":
        assert _results(report, check_id) == ["passed"] * len(_results(report, check_id))
        assert report.passed
    else:
        failed = [f for f in report.failed if f.check_id == check_id]
        assert failed[0].fix and failed[0].severity in ("medium", "high", "critical")
        assert failed[0].file == "main.tf" and failed[0].line is not None
        assert failed[0].validator == "palisade"


def test_failed_finding_has_line_and_detail() -> None:
    report = _run(INGRESS_WORLD_443)
    (finding,) = report.failed
    assert finding.resource == "aws_vpc_security_group_ingress_rule.r"
    assert finding.line == 6
    assert "0.0.0.0/0" in finding.message


def test_asymmetric_kms_key_is_skipped_with_reason() -> None:
    report = _run('resource "aws_kms_key" "k" {\n  customer_master_key_spec = "RSA_2048"\n}\n')
    assert [(f.result, f.reason) for f in report.findings] == [
        ("skipped", "automatic rotation is not supported for RSA_2048 keys")
    ]


def test_namespace_pod_security() -> None:
    ok = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n"
    assert _results(_run(ok, "ns.yaml"), "PAL_K8S_PSA_RESTRICTED") == ["passed"]
    assert _results(
        _run(ok.replace("restricted", "privileged"), "ns.yaml"), "PAL_K8S_PSA_RESTRICTED"
    ) == ["failed"]
    assert _results(
        _run("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n", "ns.yaml"),
        "PAL_K8S_PSA_RESTRICTED",
    ) == ["failed"]


def test_unparseable_files_raise() -> None:
    with pytest.raises(UnparseableFileError) as info:
        _run('resource "aws_s3_bucket" "b" {\n  bucket = \n}\n', "bad.tf")
    assert info.value.path == "bad.tf"
    with pytest.raises(UnparseableFileError):
        _run("a: [unclosed\n", "bad.yaml")
