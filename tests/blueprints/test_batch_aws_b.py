"""Blueprints of batch B: Secrets Manager, RDS, HTTPS ALB, EBS default encryption, IAM password policy,
account-wide S3 public access block, GitHub branch protection. Parameter validation and insecure refusals."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest

from palisade.blueprints import (
    Blueprint,
    ParamSpec,
    render_blueprint,
    resource_name,
    validate_params,
)
from palisade.blueprints.catalog import BUILTIN_DIR, load_blueprint
from palisade.blueprints.params import normalise_value
from palisade.errors import BlueprintInputError, ParamProblem
from palisade.validators import PalisadeChecksValidator, validate_files

BATCH = (
    "aws-secretsmanager-secret",
    "aws-rds-instance",
    "aws-alb-https",
    "aws-ebs-default-encryption",
    "aws-iam-password-policy",
    "aws-s3-account-public-access-block",
    "github-branch-protection",
)

ALB = {
    "name": "shop-frontend",
    "vpc_id": "vpc-0123456789abcdef0",
    "subnet_ids": ["subnet-0123456789abcdef1", "subnet-0123456789abcdef2"],
    "certificate_arn": (
        "arn:aws:acm:eu-west-1:123456789012:certificate/22222222-3333-4444-5555-666666666666"
    ),
}


@functools.cache
def _bp(blueprint_id: str) -> Blueprint:
    # Loaded one by one so these tests do not depend on other, unfinished blueprint folders.
    return load_blueprint(BUILTIN_DIR / blueprint_id)


def _problems(blueprint_id: str, values: dict[str, Any]) -> list[ParamProblem]:
    with pytest.raises(BlueprintInputError) as info:
        validate_params(_bp(blueprint_id), values)
    return info.value.problems


def _main(blueprint_id: str, values: dict[str, Any]) -> str:
    return render_blueprint(_bp(blueprint_id), values)["main.tf"]


@pytest.mark.parametrize("blueprint_id", BATCH)
def test_batch_blueprints_load_with_examples_and_compliance(blueprint_id: str) -> None:
    bp = _bp(blueprint_id)
    assert len(bp.examples) >= 2
    assert bp.keywords and bp.compliance
    assert bp.internet_facing == (blueprint_id == "aws-alb-https")
    for example in bp.examples:
        assert set(render_blueprint(bp, example["params"])) == {"main.tf", "versions.tf"}


# --- parameter types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "value", "expected"),
    [
        ("aws_secret_name", "prod/payments/stripe-key", "prod/payments/stripe-key"),
        ("aws_rds_identifier", "orders-db", "orders-db"),
        ("aws_rds_instance_class", "DB.R6G.Large", "db.r6g.large"),
        ("aws_alb_name", "checkout-v2", "checkout-v2"),
        (
            "aws_subnet_id_list",
            "subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002",
            ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
        ),
        ("aws_security_group_id_list", ["sg-0123456789abcdef0"], ["sg-0123456789abcdef0"]),
        ("github_repository", "acme/payments-api", "acme/payments-api"),
        ("github_repository", "infra-live", "infra-live"),
    ],
)
def test_batch_types_accept_valid_values(type_: str, value: Any, expected: Any) -> None:
    result, problems, _ = normalise_value(ParamSpec(name="p", type=type_), value)
    assert problems == [] and result == expected


@pytest.mark.parametrize(
    ("type_", "value"),
    [
        ("aws_secret_name", "prod payments key!"),
        ("aws_rds_identifier", "1orders"),
        ("aws_rds_identifier", "orders--db"),
        ("aws_rds_identifier", "orders-db-"),
        ("aws_rds_instance_class", "m5.large"),
        ("aws_alb_name", "a-load-balancer-name-that-is-far-too-long"),
        ("aws_alb_name", "internal-api"),
        ("aws_subnet_id_list", ["subnet-0a1b2c3d4e5f60001", "vpc-0a1b2c3d4e5f60002"]),
        ("aws_security_group_id_list", "sg-xyz"),
        ("aws_acm_certificate_arn", "arn:aws:iam::123456789012:server-certificate/web"),
        ("aws_wafv2_acl_arn", "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/y"),
        ("aws_lambda_arn", "arn:aws:lambda:eu-west-1:123456789012:layer:x"),
        ("github_repository", "https://github.com/acme/api"),
    ],
)
def test_batch_types_refuse_invalid_values(type_: str, value: Any) -> None:
    result, problems, _ = normalise_value(ParamSpec(name="p", type=type_), value)
    assert result is None and problems and not problems[0].insecure


def test_invalid_names_get_a_valid_suggestion() -> None:
    [problem] = _problems("aws-secretsmanager-secret", {"secret_name": "prod payments key"})
    assert problem.suggestion == "prod-payments-key"
    [problem] = _problems("aws-rds-instance", {"identifier": "orders_db"})
    assert problem.suggestion == "orders-db"


def test_subnet_lists_need_two_subnets() -> None:
    [problem] = _problems("aws-alb-https", {**ALB, "subnet_ids": ["subnet-0123456789abcdef1"]})
    assert problem.param == "subnet_ids" and "at least 2" in problem.message


def test_required_values_are_asked_for() -> None:
    names = {p.param for p in _problems("aws-alb-https", {"name": "api"})}
    assert names == {"vpc_id", "subnet_ids", "certificate_arn"}
    assert {p.param for p in _problems("aws-rds-instance", {})} == {"identifier"}
    assert {p.param for p in _problems("github-branch-protection", {})} == {"repository"}


def test_account_public_access_block_takes_no_parameters() -> None:
    bp = _bp("aws-s3-account-public-access-block")
    assert bp.params == ()
    [problem] = _problems("aws-s3-account-public-access-block", {"bucket_name": "x"})
    assert "unknown parameter" in problem.message
    main = _main("aws-s3-account-public-access-block", {})
    for setting in ("block_public_acls", "block_public_policy", "ignore_public_acls"):
        assert re.search(rf"\b{setting} += true", main)
    assert "restrict_public_buckets = true" in main


# --- insecure refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [6, 8, 13])
def test_short_password_length_is_refused_as_insecure_with_cis_advice(length: int) -> None:
    [problem] = _problems("aws-iam-password-policy", {"min_length": length})
    assert problem.insecure and problem.param == "min_length"
    assert "CIS" in problem.message and "14" in problem.message
    assert problem.suggestion and "14" in problem.suggestion


def test_password_policy_secure_defaults_and_documented_relaxations() -> None:
    main = _main("aws-iam-password-policy", {})
    assert "minimum_password_length        = 14" in main
    assert "password_reuse_prevention      = 24" in main
    assert "max_password_age               = 90" in main
    assert "checkov:skip" not in main
    relaxed = _main(
        "aws-iam-password-policy", {"min_length": 20, "max_age_days": 365, "reuse_prevention": 5}
    )
    assert "checkov:skip=CKV_AWS_9:" in relaxed and "checkov:skip=CKV_AWS_13:" in relaxed


def test_zero_approvals_and_unsigned_commits_are_refused_as_insecure() -> None:
    problems = _problems(
        "github-branch-protection",
        {
            "repository": "acme/hotfix-tool",
            "required_approvals": 0,
            "require_signed_commits": False,
        },
    )
    assert {p.param for p in problems} == {"required_approvals", "require_signed_commits"}
    assert all(p.insecure and p.suggestion for p in problems)


def test_branch_protection_defaults_and_single_approval() -> None:
    bp = _bp("github-branch-protection")
    main = _main("github-branch-protection", {"repository": "acme/payments-api"})
    assert 'repository_id = "payments-api"' in main and 'pattern       = "main"' in main
    assert "required_approving_review_count = 2" in main
    assert "enforce_admins                  = true" in main
    assert "allows_force_pushes             = false" in main
    assert (
        'owner = "acme"' in render_blueprint(bp, {"repository": "acme/payments-api"})["versions.tf"]
    )
    assert resource_name(bp, {"repository": "acme/payments-api"}) == "acme-payments-api"
    one = _main("github-branch-protection", {"repository": "web", "required_approvals": 1})
    assert "checkov:skip=CKV_GIT_5:" in one


def test_branch_pattern_cannot_inject_terraform() -> None:
    main = _main(
        "github-branch-protection", {"repository": "web", "branch": 'x" ${file("/etc/passwd")}'}
    )
    assert 'pattern       = "x\\" $${file(\\"/etc/passwd\\")}"' in main


# --- ALB: the internet-facing blueprint --------------------------------------------------------------


def test_alb_is_internal_and_vpc_only_by_default() -> None:
    main = _main("aws-alb-https", ALB)
    assert "internal                   = true" in main
    assert "0.0.0.0/0" not in main and "::/0" not in main
    assert (
        main.count("cidr_ipv4         = data.aws_vpc.this.cidr_block") == 3
    )  # 443, 80 in; targets out
    assert 'ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"' in main
    assert 'status_code = "HTTP_301"' in main
    assert 'region = "eu-west-1"' in render_blueprint(_bp("aws-alb-https"), ALB)["versions.tf"]


def test_internet_facing_alb_is_open_on_443_and_80_only_and_cidrs_narrow_it() -> None:
    world = _main("aws-alb-https", {**ALB, "internal": False})
    assert "internal                   = false" in world
    ingress = [b for b in world.split("\n\n") if "aws_vpc_security_group_ingress_rule" in b]
    assert len(ingress) == 4
    assert {("from_port         = 443" in b, "::/0" in b) for b in ingress} == {
        (True, False),
        (True, True),
        (False, False),
        (False, True),
    }
    assert all("from_port         = 80" in b or "from_port         = 443" in b for b in ingress)
    narrowed = _main("aws-alb-https", {**ALB, "internal": False, "cidrs": ["198.51.100.0/24"]})
    assert (
        "0.0.0.0/0" not in narrowed and narrowed.count('cidr_ipv4         = "198.51.100.0/24"') == 2
    )


def test_world_cidrs_are_accepted_only_because_the_alb_is_internet_facing() -> None:
    values = validate_params(
        _bp("aws-alb-https"), {**ALB, "internal": False, "cidrs": ["0.0.0.0/0"]}
    )
    assert values["cidrs"] == ["0.0.0.0/0"]


def test_internet_facing_alb_fails_only_the_world_ingress_check() -> None:
    """Our own check flags the by-design world ingress of a public ALB; nothing else may fail."""
    files = render_blueprint(_bp("aws-alb-https"), {**ALB, "internal": False})
    report = validate_files(files, [PalisadeChecksValidator()])
    assert {f.check_id for f in report.failed} <= {"PAL_WORLD_INGRESS"}
    assert all(f.resource.startswith("aws_vpc_security_group_ingress_rule.") for f in report.failed)


def test_alb_with_waf_associates_it() -> None:
    waf = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-1234567890ab"
    main = _main("aws-alb-https", {**ALB, "waf_acl_arn": waf})
    assert 'resource "aws_wafv2_web_acl_association" "this"' in main
    assert "CKV2_AWS_28" not in main


# --- RDS, Secrets Manager, EBS -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("engine", "tls_parameter", "port"),
    [
        ("postgres", "rds.force_ssl", 5432),
        ("mysql", "require_secure_transport", 3306),
        ("mariadb", "require_secure_transport", 3306),
    ],
)
def test_rds_is_private_encrypted_and_tls_only(engine: str, tls_parameter: str, port: int) -> None:
    main = _main(
        "aws-rds-instance",
        {
            "identifier": "orders-db",
            "engine": engine,
            "allowed_security_group_ids": ["sg-0123456789abcdef0"],
        },
    )
    assert "publicly_accessible                 = false" in main
    assert "storage_encrypted     = true" in main
    assert "manage_master_user_password   = true" in main
    assert "iam_database_authentication_enabled = true" in main
    assert "deletion_protection       = true" in main
    assert f'name  = "{tls_parameter}"' in main
    assert f"from_port                    = {port}" in main
    assert 'referenced_security_group_id = "sg-0123456789abcdef0"' in main
    assert "cidr_ipv4" not in main and "password =" not in main


def test_rds_single_az_is_a_documented_choice() -> None:
    main = _main("aws-rds-instance", {"identifier": "legacy-crm", "multi_az": False})
    assert "checkov:skip=CKV_AWS_157:" in main
    assert "checkov:skip" not in _main("aws-rds-instance", {"identifier": "orders-db"})


def test_rds_backup_retention_bounds() -> None:
    [problem] = _problems("aws-rds-instance", {"identifier": "db1", "backup_retention_days": 1})
    assert problem.param == "backup_retention_days"
    values = validate_params(
        _bp("aws-rds-instance"), {"identifier": "db1", "backup_retention_days": "1 month"}
    )
    assert values["backup_retention_days"] == 30


def test_secret_rotation_needs_a_rotation_lambda() -> None:
    bp = _bp("aws-secretsmanager-secret")
    without = _main("aws-secretsmanager-secret", {"secret_name": "prod/payments/stripe-key"})
    assert 'resource "aws_secretsmanager_secret_rotation"' not in without
    assert "checkov:skip=CKV2_AWS_57:" in without
    assert "kms_key_id              = aws_kms_key.this.arn" in without
    assert '"aws:SecureTransport" = "false"' in without
    lam = "arn:aws:lambda:eu-west-1:123456789012:function:SecretsManagerRotationPostgres"
    files = render_blueprint(
        bp, {"secret_name": "db", "rotation_lambda_arn": lam, "rotation_days": "1 week"}
    )
    assert "automatically_after_days = 7" in files["main.tf"]
    assert "checkov:skip" not in files["main.tf"]
    assert 'region = "eu-west-1"' in files["versions.tf"]
    assert (
        resource_name(bp, {"secret_name": "prod/payments/stripe-key"}) == "prod-payments-stripe-key"
    )


def test_ebs_default_encryption_is_named_by_region() -> None:
    bp = _bp("aws-ebs-default-encryption")
    assert resource_name(bp, {}) == "us-east-1"
    assert resource_name(bp, {"region": "eu-central-1"}) == "eu-central-1"
    key = "arn:aws:kms:eu-central-1:123456789012:key/0d9c8b7a-6543-21fe-dcba-0123456789ab"
    main = _main("aws-ebs-default-encryption", {"region": "eu-central-1", "kms_key_arn": key})
    assert "aws_kms_key" not in main.replace("aws_ebs_default_kms_key", "")
    assert f'key_arn = "{key}"' in main
    assert "enabled = true" in main
