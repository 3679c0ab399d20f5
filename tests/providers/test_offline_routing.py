"""Table-driven checks of which blueprints a message asks for: implied blueprints, jargon, references to
existing resources, neighbouring products, several resources of one kind, and insecure asks."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from palisade.providers import _extract as ex
from palisade.providers._insecure import insecure_reasons
from palisade.providers._instances import shared_spans, split
from palisade.providers._route import detect
from tests.providers.catalog_fixture import catalog_summaries

CATALOG: dict[str, Any] = {s["id"]: s for s in catalog_summaries()}


def _ids(text: str) -> list[str]:
    return sorted(m.blueprint for m in detect(ex.Analysis(text), CATALOG))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("turn on threat detection in Frankfurt", ["aws-guardduty"]),
        ("detect compromised instances and crypto mining in our account", ["aws-guardduty"]),
        ("enforce strong passwords: at least 14 characters", ["aws-iam-password-policy"]),
        ("encrypt all new volumes by default in eu-west-2", ["aws-ebs-default-encryption"]),
        ("record config changes for compliance in eu-west-1", ["aws-config-recorder"]),
        (
            "make sure no bucket in this account can ever be public",
            ["aws-s3-account-public-access-block"],
        ),
        ("turn on CSPM posture checks against CIS", ["aws-securityhub"]),
        ("log all API calls in the account, trail name x-trail", ["aws-cloudtrail"]),
        ("capture denied connections for vpc-0123456789abcdef0", ["aws-vpc-flow-logs"]),
        ("put a web application firewall in front of the ALB", ["aws-wafv2-alb"]),
        (
            "isolate the `fraud-ml` namespace, deny everything in and out",
            ["k8s-default-deny-network-policy"],
        ),
        ("lock down the ml-batch namespace with restricted PSA", ["k8s-namespace-restricted"]),
        (
            "no direct pushes to master in acme/api, at least one reviewer",
            ["github-branch-protection"],
        ),
        ("ADLS gen2 account in resource group rg-lake", ["azure-storage-account"]),
        ("Azure KV kv-sec in rg-sec", ["azure-key-vault"]),
        ("HTTPS LB for grafana in vpc-0123456789abcdef0", ["aws-alb-https"]),
        ("need a relational db (postgresql) named ledger-db", ["aws-rds-instance"]),
        ("new key in KMS called webhooks-signing", ["aws-kms-key"]),
    ],
    ids=[
        "guardduty-outcome",
        "guardduty-threats",
        "password-policy",
        "ebs-default",
        "config-recorder",
        "account-public-access-block",
        "cspm",
        "api-calls-trail",
        "flow-logs-outcome",
        "waf-long-name",
        "netpol-isolate",
        "restricted-namespace",
        "branch-protection-outcome",
        "adls",
        "key-vault-jargon",
        "https-lb",
        "relational-db",
        "key-in-kms",
    ],
)
def test_implied_and_jargon_blueprints(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        (
            "EBS default encryption using key arn:aws:kms:us-east-1:123456789012:key/abc",
            ["aws-ebs-default-encryption"],
        ),
        (
            "bucket x, make it kms key arn:aws:kms:us-east-1:123456789012:key/abc",
            ["aws-s3-private-bucket"],
        ),
        ("flow logs for vpc-0123456789abcdef0 -> s3, reject only", ["aws-vpc-flow-logs"]),
        ("kms cmk for the orders database, alias orders-key", ["aws-kms-key"]),
        ("store the database password in secrets manager as app/db", ["aws-secretsmanager-secret"]),
        ("guardduty in eu-west-1, keep S3 and malware protection on", ["aws-guardduty"]),
        (
            "storage account st01 in rg-x westeurope, firewall allow 52.10.0.0/16",
            ["azure-storage-account"],
        ),
        ("set me up with an S3 bucket named x-logs", ["aws-s3-private-bucket"]),
    ],
    ids=[
        "pasted-key-arn",
        "key-word-then-arn",
        "arrow-destination",
        "purpose-phrase",
        "database-password",
        "s3-protection-list",
        "storage-firewall",
        "with-an-s3-bucket",
    ],
)
def test_references_and_purposes_are_not_requests(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


@pytest.mark.parametrize(
    "text",
    [
        "provision a Cloud SQL postgres instance in GCP",
        "create a secret in GCP Secret Manager for the api token",
        "spin up an Azure SQL database for reporting",
        "set up AWS WAF rate limiting on API Gateway",
    ],
    ids=["cloud-sql", "gcp-secret-manager", "azure-sql", "waf-on-api-gateway"],
)
def test_neighbouring_products_are_not_matched(text: str) -> None:
    assert _ids(text) == []


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("allow 443 from 10.0.0.0/8, firewall rule on AWS", ["aws-security-group"]),
        ("firewall rule in rg-net allowing 443 from 10.0.0.0/8", ["azure-nsg"]),
        ("firewall rule in project core-prod-1 allowing 443", ["gcp-firewall-rule"]),
        ("GCS-backed bucket for project data-prod-7", ["gcp-gcs-bucket"]),
    ],
    ids=["aws", "azure", "gcp", "bucket-on-gcp"],
)
def test_a_cloud_in_sight_decides_the_blueprint(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "two SGs: lb-sg allowing https from 10.0.0.0/8, and app-sg allowing 8080 from 10.0.1.0/24",
            ["lb-sg", "app-sg"],
        ),
        (
            "NSGs nsg-web (443 from 10.0.0.0/16) and nsg-db (1433 from 10.0.2.0/24), both in rg-net",
            ["nsg-web", "nsg-db"],
        ),
        ("restricted namespaces team-a and team-b", ["team-a", "team-b"]),
        (
            "two namespaces, payments-prod and payments-stg, both restricted",
            ["payments-prod", "payments-stg"],
        ),
        ("SG api-sg allowing 443, and SG worker-sg allowing 8080", ["api-sg", "worker-sg"]),
        ("bucket x-data in eu-west-1, logs go to our existing bucket x-logs", []),
        ("key ring 'logs-ring', crypto key 'logs-key', project p-2", []),
    ],
    ids=[
        "plural-details",
        "parenthesised",
        "name-list",
        "list-after-comma",
        "repeated-cue",
        "reference",
        "parts",
    ],
)
def test_several_instances_of_one_blueprint(text: str, names: list[str]) -> None:
    cues = (
        r"security\s*groups?",
        r"sgs?",
        r"nsgs?",
        r"namespaces?",
        r"buckets?",
        r"key\s*rings?",
        r"crypto\s*keys?",
    )
    analysis = ex.Analysis(text)
    found = split(
        analysis.masked,
        0,
        len(text),
        cues,
        lambda start, end: "existing" in analysis.low[max(0, start - 9) : start],
    )
    assert [i.name for i in found] == names


def test_shared_spans_are_what_no_instance_owns() -> None:
    text = "NSGs nsg-web (443 from 10.0.0.0/16) and nsg-db (1433 from 10.0.2.0/24), both in rg-net"
    analysis = ex.Analysis(text)
    found = split(analysis.masked, 0, len(text), (r"nsgs?",), lambda start, end: False)
    shared = [text[a:b] for a, b in shared_spans(0, len(text), found)]
    assert shared == ["NSGs ", " and ", ", both in rg-net"]


@pytest.mark.parametrize(
    ("text", "params", "reasons"),
    [
        (
            "open ssh to the world",
            [("aws-security-group", {"cidrs": ["0.0.0.0/0"]})],
            ["world-open"],
        ),
        ("make bucket x readable by anyone on the internet", [], ["public"]),
        ("let everyone on the internet download from bucket x", [], ["public"]),
        ("ensure no S3 bucket can be made publicly accessible", [], []),
        (
            "internet-facing ALB on public subnets",
            [("aws-alb-https", {"cidrs": ["0.0.0.0/0"]})],
            [],
        ),
        ("pods there must not run as root or privileged", [], []),
        ("no unencrypted EBS volumes should ever be created", [], []),
        ("turn off log file validation", [], ["weakened"]),
        ("allow admins to force push", [], ["weakened"]),
        ("rotate once a year", [("gcp-kms-key", {"rotation_days": 365})], ["weakened"]),
        ("min length 10", [("aws-iam-password-policy", {"min_length": 10})], ["weak-password"]),
        (
            "zero approvals",
            [("github-branch-protection", {"required_approvals": 0})],
            ["no-reviews"],
        ),
        ("s3:* on everything", [("aws-iam-role", {"actions": ["s3:*"]})], ["wildcard"]),
    ],
    ids=[
        "world-open",
        "readable-by-anyone",
        "everyone-download",
        "secure-wish",
        "alb-is-public-by-design",
        "negated-privileged",
        "negated-unencrypted",
        "log-validation-off",
        "force-push",
        "long-gcp-rotation",
        "short-password",
        "no-reviews",
        "wildcard-action",
    ],
)
def test_insecure_reasons(
    text: str, params: list[tuple[str, dict[str, Any]]], reasons: list[str]
) -> None:
    assert insecure_reasons(ex.Analysis(text), params) == reasons


def test_instances_of_one_blueprint_become_separate_proposals() -> None:
    import asyncio
    import json

    from palisade.providers import GenerationOptions, Message, OfflineProvider

    provider = OfflineProvider(catalog_summaries())
    text = "two security groups in vpc-0b1b2b3b4b5b6b7b8: ssh-in (ssh from 10.9.9.0/24) and web-in (https from 10.9.0.0/16)"
    done = asyncio.run(provider.complete([Message("user", text)], options=GenerationOptions()))
    proposals = [json.loads(c.arguments) for c in done.tool_calls if c.name == "propose_blueprint"]
    assert Counter(p["blueprint"] for p in proposals) == {"aws-security-group": 2}
    assert [p["params"] for p in proposals] == [
        {
            "name": "ssh-in",
            "vpc_id": "vpc-0b1b2b3b4b5b6b7b8",
            "ports": [22],
            "cidrs": ["10.9.9.0/24"],
        },
        {
            "name": "web-in",
            "vpc_id": "vpc-0b1b2b3b4b5b6b7b8",
            "ports": [443],
            "cidrs": ["10.9.0.0/16"],
        },
    ]
