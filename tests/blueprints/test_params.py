"""Parameter types: valid values are normalised, invalid ones explained with a suggestion."""

from __future__ import annotations

from typing import Any

import pytest

from palisade.blueprints import Catalog, ParamSpec, check_params, validate_params
from palisade.blueprints.params import normalise_value, suggest_s3_bucket_name
from palisade.errors import BlueprintInputError, ParamProblem


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def _check(type_: str, value: Any, **spec: Any) -> tuple[Any, list[ParamProblem], list[str]]:
    return normalise_value(ParamSpec(name="p", type=type_, **spec), value)


def _problems(catalog: Catalog, blueprint_id: str, values: dict[str, Any]) -> list[ParamProblem]:
    with pytest.raises(BlueprintInputError) as info:
        validate_params(catalog.get(blueprint_id), values)
    return info.value.problems


SG = {
    "name": "bastion-sg",
    "vpc_id": "vpc-0abc12345def67890",
    "ports": [22],
    "cidrs": ["203.0.113.0/24"],
}
ROLE = {"role_name": "r", "service": "lambda", "resource_arns": ["arn:aws:s3:::acme-data/*"]}


@pytest.mark.parametrize(
    ("name", "why", "suggestion"),
    [
        ("Acme_Audit", "uppercase", "acme-audit"),
        ("ab", "3 to 63", "ab-bucket"),
        ("my..bucket", "adjacent periods", "my.bucket"),
        ("192.168.5.4", "IP address", "bucket-192-168-5-4"),
        ("xn--data", "prefix 'xn--'", "data"),
        ("reports-s3alias", "suffix '-s3alias'", "reports"),
        ("-leading", "begin and end", "leading"),
        ("a" * 70, "70 characters", "a" * 63),
        ("team data!", "' '", "team-data"),
    ],
    ids=[
        "case-underscore",
        "short",
        "double-dot",
        "ip",
        "xn-prefix",
        "s3alias",
        "edge",
        "long",
        "space",
    ],
)
def test_invalid_bucket_names_say_why_and_suggest_a_valid_one(
    name: str, why: str, suggestion: str
) -> None:
    value, problems, _ = _check("s3_bucket_name", name)
    assert value is None
    assert len(problems) == 1
    assert why in problems[0].message
    assert problems[0].suggestion == suggestion
    assert _check("s3_bucket_name", suggestion)[1] == []


@pytest.mark.parametrize(
    "name", ["acme-invoices-prod", "hr-exports-2024", "logs.example.com", "abc"]
)
def test_valid_bucket_names_are_kept_verbatim(name: str) -> None:
    assert _check("s3_bucket_name", name) == (name, [], [])


def test_bucket_name_suggestion_is_always_valid() -> None:
    for raw in [
        "..",
        "A.-B",
        "xn--xn--a",
        "Data_Lake 2024!!",
        "-s3alias",
        "1.2.3.4",
        "x" * 100 + "-",
    ]:
        assert _check("s3_bucket_name", suggest_s3_bucket_name(raw))[1] == [], raw


def test_cidrs_are_normalised() -> None:
    value, problems, notes = _check("cidr_list", "10.0.0.1/24, 192.168.1.10, 2001:db8::1")
    assert problems == []
    assert value == ["10.0.0.0/24", "192.168.1.10/32", "2001:db8::1/128"]
    assert notes == ["p: 10.0.0.1/24 has host bits set; normalised to the network 10.0.0.0/24."]


@pytest.mark.parametrize("cidr", ["10.0.0.0/33", "300.1.1.1/8", "not-a-cidr", "::/129"])
def test_invalid_cidrs_are_refused(cidr: str) -> None:
    value, problems, _ = _check("cidr_list", [cidr])
    assert value is None
    assert problems[0].message.startswith(repr(cidr)) and "not a valid CIDR" in problems[0].message


def test_ports() -> None:
    assert _check("port_list", "22, https,8080")[0] == [22, 443, 8080]
    assert _check("port_list", 443)[0] == [443]
    for bad in ([99999], [0], ["ssh-ish"], []):
        value, problems, _ = _check("port_list", bad)
        assert value is None and problems, bad
    assert "out of range" in _check("port_list", [99999])[1][0].message


def test_ssh_from_the_world_is_refused_with_a_secure_alternative(catalog: Catalog) -> None:
    problems = _problems(catalog, "aws-security-group", {**SG, "cidrs": ["0.0.0.0/0"]})
    assert [p.param for p in problems] == ["cidrs"]
    assert problems[0].insecure
    assert "whole internet" in problems[0].message
    assert problems[0].suggestion and "aws-alb-https" in problems[0].suggestion


@pytest.mark.parametrize("cidrs", [["::/0"], ["10.0.0.0/8", "0.0.0.0/0"], ["0.0.0.0/00"]])
def test_world_ingress_on_any_port_is_refused(catalog: Catalog, cidrs: list[str]) -> None:
    problems = _problems(catalog, "aws-security-group", {**SG, "ports": [443], "cidrs": cidrs})
    assert problems[0].insecure and problems[0].param == "cidrs"


def test_iam_service_wildcard_is_refused(catalog: Catalog) -> None:
    problems = _problems(
        catalog, "aws-iam-role", {**ROLE, "actions": ["s3:*"], "resource_arns": ["*"]}
    )
    assert {p.param for p in problems} == {"actions", "resource_arns"}
    assert all(p.insecure and p.suggestion for p in problems)
    assert any("s3:GetObject" in (p.suggestion or "") for p in problems)


@pytest.mark.parametrize("action", ["*", "dynamodb:*", "IAM:*"])
def test_wildcard_actions_are_insecure(action: str) -> None:
    value, problems, _ = _check("iam_action_list", [action])
    assert value is None and problems[0].insecure


@pytest.mark.parametrize(
    "arn", ["*", "arn:aws:s3:::*", "arn:aws:dynamodb:us-east-1:123456789012:*"]
)
def test_wildcard_resources_are_insecure(arn: str) -> None:
    value, problems, _ = _check("arn_list", [arn])
    assert value is None and problems[0].insecure


def test_scalar_types() -> None:
    assert _check("bool", "Yes")[0] is True
    assert _check("bool", "off")[0] is False
    assert _check("bool", "maybe")[1]
    spec = {"choices": ("read", "write", "read-write")}
    assert _check("enum", "READ-WRITE", **spec)[0] == "read-write"
    assert _check("enum", "read write", **spec)[0] == "read-write"
    assert _check("enum", "admin", **spec)[1]
    assert _check("aws_region", "EU-WEST-1")[0] == "eu-west-1"
    assert _check("aws_region", "eu-wst-1")[1][0].suggestion == "eu-west-1"
    assert _check("retention_days", "7 years")[0] == 2555
    assert _check("retention_days", "6 months")[0] == 180
    assert _check("retention_days", 0)[1]
    assert _check("int", 50, maximum=10)[1][0].message == "50 is above the maximum of 10."
    assert _check("vpc_id", "VPC-0123456789ABCDEF0")[0] == "vpc-0123456789abcdef0"
    assert _check("vpc_id", "vpc-123")[1]
    assert _check("iam_role_name", "my role!")[1][0].suggestion == "my-role"
    assert _check("name", "checkout service")[1][0].suggestion == "checkout-service"
    assert _check("string", "two\nlines")[1]
    assert _check("aws_kms_key_arn", "arn:aws:kms:eu-west-1:123456789012:alias/data")[1] == []
    assert _check("aws_kms_key_arn", "alias/data")[1]
    assert _check("arn", "arn:aws:iam::123456789012:role/etl-runner")[1] == []
    assert _check("string_list", "a, b")[0] == ["a", "b"]


def test_all_problems_are_reported_at_once(catalog: Catalog) -> None:
    problems = _problems(
        catalog,
        "aws-security-group",
        {
            "name": "ok",
            "vpc_id": "vpc-1",
            "ports": [99999],
            "cidrs": ["10.0.0.0/33"],
            "colour": "red",
        },
    )
    assert {p.param for p in problems} == {"vpc_id", "ports", "cidrs", "colour"}
    unknown = next(p for p in problems if p.param == "colour")
    assert "valid parameters: cidrs, description" in unknown.message


def test_required_params_are_reported_with_the_question(catalog: Catalog) -> None:
    problems = _problems(catalog, "aws-s3-private-bucket", {})
    assert problems == [
        ParamProblem(
            "bucket_name",
            "is required. What should the bucket be called? "
            "(3-63 characters, lowercase letters, digits, hyphens)",
        )
    ]


def test_defaults_are_filled_and_notes_returned(catalog: Catalog) -> None:
    values, notes = check_params(
        catalog.get("aws-security-group"), {**SG, "cidrs": "10.1.2.3/16", "protocol": "TCP"}
    )
    assert values["cidrs"] == ["10.1.0.0/16"]
    assert values["protocol"] == "tcp"
    assert values["egress_ports"] == [443]
    assert notes and "10.1.0.0/16" in notes[0]


def test_turning_versioning_off_is_refused_as_insecure(catalog: Catalog) -> None:
    problems = _problems(
        catalog, "aws-s3-private-bucket", {"bucket_name": "abc", "versioning": "no"}
    )
    assert problems[0].param == "versioning" and problems[0].insecure and problems[0].suggestion


def test_cross_parameter_checks(catalog: Catalog) -> None:
    problems = _problems(
        catalog,
        "aws-iam-role",
        {**ROLE, "resource_arns": ["arn:aws:ecr:eu-west-1:123456789012:repository/x"]},
    )
    assert problems[0].param == "actions" and "ecr" in problems[0].message
    problems = _problems(
        catalog, "aws-s3-private-bucket", {"bucket_name": "abc", "access_log_bucket": "abc"}
    )
    assert problems[0].param == "access_log_bucket"
