"""Parameter validation of the AWS security-service blueprints (KMS, CloudTrail, GuardDuty, Security Hub, Config,
WAFv2, VPC flow logs): valid values are normalised, invalid ones explained, insecure ones refused as insecure."""

from __future__ import annotations

from typing import Any

import pytest

from palisade.blueprints import Blueprint, render_blueprint, resource_name, validate_params
from palisade.blueprints.catalog import BUILTIN_DIR, load_blueprint
from palisade.errors import BlueprintInputError, ParamProblem

ALB = (
    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-alb/50dc6c495c0c9188"
)
WAF = {"acl_name": "shop-waf", "alb_arn": ALB}


def _bp(blueprint_id: str) -> Blueprint:
    return load_blueprint(BUILTIN_DIR / blueprint_id)


def _problems(blueprint_id: str, values: dict[str, Any]) -> list[ParamProblem]:
    with pytest.raises(BlueprintInputError) as info:
        validate_params(_bp(blueprint_id), values)
    return info.value.problems


# --- aws-kms-key -------------------------------------------------------------------------------------


def test_kms_alias_prefix_is_stripped_and_defaults_are_secure() -> None:
    values = validate_params(_bp("aws-kms-key"), {"alias": "alias/payments-prod"})
    assert values["alias"] == "payments-prod"
    assert values["deletion_window_days"] == 30
    assert values["multi_region"] is False


@pytest.mark.parametrize(
    ("alias", "why", "suggestion"),
    [
        ("aws/s3", "reserved", "s3"),
        ("alias/aws/ebs", "reserved", "ebs"),
        ("payments prod!", "not a valid KMS alias", "payments-prod"),
    ],
)
def test_invalid_kms_alias_is_explained(alias: str, why: str, suggestion: str) -> None:
    [problem] = _problems("aws-kms-key", {"alias": alias})
    assert problem.param == "alias" and why in problem.message
    assert problem.suggestion == suggestion and not problem.insecure


@pytest.mark.parametrize(("days", "word"), [(5, "minimum of 7"), (31, "maximum of 30")])
def test_deletion_window_outside_aws_limits_is_an_error_not_insecure(days: int, word: str) -> None:
    [problem] = _problems("aws-kms-key", {"alias": "k", "deletion_window_days": days})
    assert problem.param == "deletion_window_days" and word in problem.message
    assert not problem.insecure


def test_kms_wildcard_principal_is_refused_as_insecure() -> None:
    [problem] = _problems("aws-kms-key", {"alias": "k", "user_principals": ["*"]})
    assert problem.param == "user_principals" and problem.insecure


def test_kms_principals_accept_account_ids_and_reject_other_arns() -> None:
    values = validate_params(
        _bp("aws-kms-key"), {"alias": "k", "admin_principals": ["444455556666"]}
    )
    assert values["admin_principals"] == ["arn:aws:iam::444455556666:root"]
    [problem] = _problems("aws-kms-key", {"alias": "k", "user_principals": ["arn:aws:s3:::bucket"]})
    assert "not an IAM role, user or account root ARN" in problem.message and not problem.insecure


def test_kms_key_use_is_limited_to_named_users() -> None:
    bp = _bp("aws-kms-key")
    user = "arn:aws:iam::111122223333:role/ledger-app"
    main = render_blueprint(bp, {"alias": "ledger", "user_principals": [user]})["main.tf"]
    assert f'Principal = {{ AWS = ["{user}"] }}' in main
    assert "enable_key_rotation     = true" in main
    assert 'name          = "alias/ledger"' in main


# --- aws-cloudtrail ----------------------------------------------------------------------------------


def test_cloudtrail_short_retention_is_an_explicit_exception() -> None:
    bp = _bp("aws-cloudtrail")
    short = render_blueprint(bp, {"trail_name": "t", "retention_days": 30})["main.tf"]
    assert "checkov:skip=CKV_AWS_338" in short and "retention_in_days = 30" in short
    default = render_blueprint(bp, {"trail_name": "t"})["main.tf"]
    assert "checkov:skip=CKV_AWS_338" not in default and "retention_in_days = 365" in default


def test_cloudtrail_retention_rounds_up_to_a_cloudwatch_period() -> None:
    main = render_blueprint(
        _bp("aws-cloudtrail"), {"trail_name": "t", "retention_days": "2 years"}
    )["main.tf"]
    assert "retention_in_days = 731" in main and "days = 730" in main


def test_cloudtrail_is_multi_region_and_validated() -> None:
    main = render_blueprint(_bp("aws-cloudtrail"), {"trail_name": "audit"})["main.tf"]
    for line in (
        "is_multi_region_trail         = true",
        "enable_log_file_validation    = true",
        "include_global_service_events = true",
    ):
        assert line in main


def test_cloudtrail_bad_bucket_name_is_explained() -> None:
    [problem] = _problems("aws-cloudtrail", {"trail_name": "t", "bucket_name": "Acme_Logs"})
    assert problem.param == "bucket_name" and problem.suggestion == "acme-logs"


# --- aws-guardduty -----------------------------------------------------------------------------------


def test_guardduty_finding_frequency_choices() -> None:
    values = validate_params(_bp("aws-guardduty"), {"finding_frequency": "one hour"})
    assert values["finding_frequency"] == "ONE_HOUR"
    [problem] = _problems("aws-guardduty", {"finding_frequency": "HOURLY"})
    assert "FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS" in problem.message


def test_guardduty_alert_email_is_checked() -> None:
    [problem] = _problems("aws-guardduty", {"alert_email": "secops at acme"})
    assert problem.param == "alert_email" and "not an e-mail address" in problem.message
    main = render_blueprint(_bp("aws-guardduty"), {"alert_email": "secops@acme.com"})["main.tf"]
    assert 'endpoint  = "secops@acme.com"' in main


def test_guardduty_disabled_protection_is_rendered_disabled() -> None:
    main = render_blueprint(_bp("aws-guardduty"), {"eks_protection": False})["main.tf"]
    assert 'name        = "EKS_AUDIT_LOGS"\n  status      = "DISABLED"' in main
    assert 'name        = "S3_DATA_EVENTS"\n  status      = "ENABLED"' in main


def test_region_wide_services_are_named_by_region() -> None:
    assert resource_name(_bp("aws-guardduty"), {"region": "eu-west-1"}) == "eu-west-1"
    assert resource_name(_bp("aws-securityhub"), {}) == "us-east-1"
    assert resource_name(_bp("aws-config-recorder"), {"region": "eu-west-2"}) == "eu-west-2"
    assert resource_name(_bp("aws-vpc-flow-logs"), {"vpc_id": "vpc-0abc12345def67890"}) == (
        "vpc-0abc12345def67890"
    )


# --- aws-securityhub ---------------------------------------------------------------------------------


def test_securityhub_standards_are_matched_to_choices() -> None:
    values = validate_params(
        _bp("aws-securityhub"), {"standards": ["PCI DSS", "nist_800_53", "pci-dss"]}
    )
    assert values["standards"] == ["pci-dss", "nist-800-53"]
    [problem] = _problems("aws-securityhub", {"standards": ["iso-27001"]})
    assert problem.param == "standards" and "cis-aws-foundations" in problem.message


def test_securityhub_subscribes_only_the_chosen_standards() -> None:
    main = render_blueprint(
        _bp("aws-securityhub"), {"region": "eu-west-1", "standards": ["pci-dss"]}
    )["main.tf"]
    assert "enable_default_standards  = false" in main
    assert main.count("aws_securityhub_standards_subscription") == 1
    assert "arn:aws:securityhub:eu-west-1::standards/pci-dss/v/3.2.1" in main


# --- aws-config-recorder -----------------------------------------------------------------------------


def test_config_recorder_excluding_global_resources_is_recorded_as_exception() -> None:
    bp = _bp("aws-config-recorder")
    main = render_blueprint(bp, {"include_global_resources": False})["main.tf"]
    assert "include_global_resource_types = false" in main and "CKV2_AWS_48" in main
    assert "CKV2_AWS_48" not in render_blueprint(bp, {})["main.tf"]


def test_config_recorder_uses_the_named_bucket() -> None:
    main = render_blueprint(_bp("aws-config-recorder"), {"bucket_name": "acme-config-history"})[
        "main.tf"
    ]
    assert 'bucket = "acme-config-history"' in main
    assert "all_supported                 = true" in main


# --- aws-wafv2-alb -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("limit", "word"), [(5, "minimum of 10"), (3_000_000_000, "maximum")])
def test_waf_rate_limit_bounds(limit: int, word: str) -> None:
    [problem] = _problems("aws-wafv2-alb", {**WAF, "rate_limit": limit})
    assert problem.param == "rate_limit" and word in problem.message


def test_waf_needs_an_application_load_balancer() -> None:
    nlb = ALB.replace("/app/", "/net/")
    [problem] = _problems("aws-wafv2-alb", {**WAF, "alb_arn": nlb})
    assert "Network or Gateway Load Balancer" in problem.message
    [problem] = _problems("aws-wafv2-alb", {**WAF, "alb_arn": "arn:aws:s3:::bucket"})
    assert "not an Application Load Balancer ARN" in problem.message


def test_waf_acl_name_and_countries_are_checked() -> None:
    problems = _problems(
        "aws-wafv2-alb", {**WAF, "acl_name": "shop.waf", "blocked_countries": ["RUS"]}
    )
    by_param = {p.param: p for p in problems}
    assert by_param["acl_name"].suggestion == "shop-waf"
    assert "country code" in by_param["blocked_countries"].message
    values = validate_params(_bp("aws-wafv2-alb"), {**WAF, "blocked_countries": "ru, kp"})
    assert values["blocked_countries"] == ["RU", "KP"]


def test_waf_baseline_rule_groups_stay_on_and_region_follows_the_alb() -> None:
    bp = _bp("aws-wafv2-alb")
    files = render_blueprint(bp, {**WAF, "managed_rule_groups": ["AWSManagedRulesSQLiRuleSet"]})
    main = files["main.tf"]
    for group in (
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
        "AWSManagedRulesSQLiRuleSet",
    ):
        assert f'name        = "{group}"' in main
    assert 'region = "eu-west-1"' in files["versions.tf"]
    [problem] = _problems("aws-wafv2-alb", {**WAF, "managed_rule_groups": ["MyOwnRules"]})
    assert problem.param == "managed_rule_groups"


# --- aws-vpc-flow-logs -------------------------------------------------------------------------------


def test_flow_logs_choices_and_vpc_id() -> None:
    bp = _bp("aws-vpc-flow-logs")
    values = validate_params(bp, {"vpc_id": "VPC-0ABC12345DEF67890", "traffic_type": "reject"})
    assert values["vpc_id"] == "vpc-0abc12345def67890" and values["traffic_type"] == "REJECT"
    problems = _problems("aws-vpc-flow-logs", {"vpc_id": "prod", "destination": "kinesis"})
    assert {p.param for p in problems} == {"vpc_id", "destination"}


def test_flow_logs_to_s3_get_a_private_bucket_and_cloudwatch_an_encrypted_group() -> None:
    bp = _bp("aws-vpc-flow-logs")
    s3 = render_blueprint(bp, {"vpc_id": "vpc-0abc12345def67890", "destination": "s3"})["main.tf"]
    assert 'log_destination_type     = "s3"' in s3 and "aws:SecureTransport" in s3
    assert "aws_cloudwatch_log_group" not in s3
    cw = render_blueprint(bp, {"vpc_id": "vpc-0abc12345def67890"})["main.tf"]
    assert "kms_key_id        = aws_kms_key.flow_logs.arn" in cw and "aws_s3_bucket" not in cw
