"""Table-driven checks of the value extractors added for phrasing the development set did not have:
regions in words, durations in units, named ports, switched-off features, names before their noun, and
end-to-end proposals for shared values, key-value tickets and per-blueprint parameters."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from palisade.providers import GenerationOptions, Message, OfflineProvider
from palisade.providers import _extract as ex
from tests.providers.catalog_fixture import catalog_summaries


def _scope(text: str, cloud: str = "aws") -> ex.Scope:
    return ex.Scope(ex.Analysis(text), cloud)


@pytest.mark.parametrize(
    ("text", "cloud", "region"),
    [
        ("in US East (N. Virginia)", "aws", ["us-east-1"]),
        ("in the Irish region", "aws", ["eu-west-1"]),
        ("Canada (Central)", "aws", ["ca-central-1"]),
        ("in EU-WEST-1", "aws", ["eu-west-1"]),
        ("AWS Config in eu central 1", "aws", ["eu-central-1"]),
        ("in Germany", "aws", ["eu-central-1"]),
        ("in Germany", "azure", []),
        ("located in Amsterdam", "azure", ["westeurope"]),
        ("Japan East", "azure", ["japaneast"]),
        ("in Finland", "gcp", ["europe-north1"]),
        ("in Ireland", "gcp", []),
        ("bucket acme-paris-logs", "aws", []),
    ],
    ids=[
        "aws-display-name",
        "adjective",
        "canada-central",
        "upper-case-code",
        "spaced-code",
        "country-aws",
        "country-ambiguous-azure",
        "city-azure",
        "azure-display",
        "country-gcp",
        "no-gcp-region-there",
        "place-inside-name",
    ],
)
def test_regions_in_words(text: str, cloud: str, region: list[str]) -> None:
    assert ex.region_list(_scope(text, cloud)) == region


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("keep objects a quarter", [90]),
        ("half a year of retention", [180]),
        ("delete after a fortnight", [14]),
        ("keep logs for a decade", [3650]),
        ("rotate every other week", [14]),
        ("hold the files for eighteen months", [540]),
    ],
    ids=["quarter", "half-year", "fortnight", "decade", "every-other", "words"],
)
def test_more_duration_units(text: str, days: list[int]) -> None:
    assert [d.days for d in ex.durations(ex.Analysis(text).text)] == days


@pytest.mark.parametrize(
    ("text", "params", "name", "days"),
    [
        (
            "the quarterly exports, hold the files for 18 months",
            ["retention_days"],
            "retention_days",
            540,
        ),
        ("bucket x, 30 days", ["retention_days"], "retention_days", 30),
        ("the quarterly exports", ["retention_days"], "retention_days", None),
        ("backups=35 days", ["backup_retention_days"], "backup_retention_days", 35),
    ],
    ids=["named-clause-wins", "fallback", "adverb-is-not-a-fallback", "only-duration-param"],
)
def test_a_duration_goes_to_the_clause_that_names_it(
    text: str, params: list[str], name: str, days: int | None
) -> None:
    spec = {"name": name, "type": "int"}
    assert ex.extract_param(_scope(text), spec, params, None) == days


@pytest.mark.parametrize(
    ("text", "ports"),
    [
        ("allow SMTP submission 587 from 10.0.5.10", [587]),
        ("allow sql server from 10.5.0.0/24", [1433]),
        ("open all ports... well at least 22 and 3389, to 0.0.0.0/0", [22, 3389]),
        ("mongodb 27017 from 172.20.5.4", [27017]),
        ("keep 30 days and 2 approvals", []),
        ("inbound rule: tcp/8080 from 10.0.0.0/16", [8080]),
    ],
    ids=[
        "name-then-number",
        "two-word-name",
        "list-spreads-back",
        "name-and-same-number",
        "not-ports",
        "protocol-slash-port",
    ],
)
def test_ports_named_and_listed(text: str, ports: list[int]) -> None:
    assert ex.ports(_scope(text)) == ports


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("S3 protection on, EKS protection off", "eks_protection", False),
        ("S3 protection on, EKS protection off", "s3_protection", True),
        ("code owner reviews off, one approval", "require_code_owner_reviews", False),
        ("signed commits not needed", "require_signed_commits", False),
        ("one AZ is enough", "multi_az", False),
        ("high availability please", "multi_az", True),
        ("with a standby replica in another AZ", "multi_az", True),
        ("owners must review changes", "require_code_owner_reviews", True),
    ],
    ids=[
        "off-after-feature",
        "on-stays-on",
        "off-after-two-words",
        "not-needed",
        "one-az",
        "ha",
        "standby",
        "owners-review",
    ],
)
def test_features_switched_on_and_off(text: str, name: str, value: bool) -> None:
    assert ex.boolean(_scope(text), name) is value


@pytest.mark.parametrize(
    ("text", "param", "cloud", "value"),
    [
        (
            "block all pod traffic in the orders namespace unless allowed",
            "namespace",
            "kubernetes",
            "orders",
        ),
        (
            "a hardened namespace named payments-v2 where PSA is restricted",
            "namespace",
            "kubernetes",
            "payments-v2",
        ),
        ("datalake-raw-eu in the data-platform-77 project", "project", "gcp", "data-platform-77"),
        ("on the host-vpc network", "network", "gcp", "host-vpc"),
        (
            "no direct pushes in https://github.com/acme/legacy-api",
            "repository",
            "github",
            "acme/legacy-api",
        ),
        ("key ring named tokens-ring", "key_ring", "gcp", "tokens-ring"),
        ("restricted PSA on the new billing-v2 namespace", "namespace", "kubernetes", "billing-v2"),
        ("rule allow-hc-80, network prod, project web-1234", "network", "gcp", "prod"),
        ("GCP: allow checks, rule allow-hc-80, network prod", "name", "gcp", "allow-hc-80"),
    ],
    ids=[
        "namespace-before-noun",
        "named-beats-adjective",
        "project-before-noun",
        "network-before-noun",
        "github-url",
        "named-after-marker",
        "adjective-before-namespace",
        "usual-network-word",
        "rule-then-name",
    ],
)
def test_names_in_other_word_orders(text: str, param: str, cloud: str, value: str) -> None:
    spec = {"name": param, "type": "string"}
    assert ex.extract_param(_scope(text, cloud), spec, [param], None) == value


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("password policy: length >= 16", "min_length", 16),
        ("14-character minimum password length", "min_length", 14),
        ("nobody may use a password shorter than 20 characters", "min_length", 20),
        ("users can't reuse any of their last 12 passwords", "reuse_prevention", 12),
        ("require two approvers", "required_approvals", 2),
    ],
    ids=["comparison", "hyphenated", "shorter-than", "reuse-words", "approvers-in-words"],
)
def test_counts(text: str, name: str, value: int) -> None:
    assert ex.integer(_scope(text), name) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("findings every 6-hour", "SIX_HOURS"),
        ("the most frequent finding publishing", "FIFTEEN_MINUTES"),
        ("findings once an hour", "ONE_HOUR"),
    ],
    ids=["hyphenated", "most-frequent", "once-an-hour"],
)
def test_finding_frequency(text: str, value: str) -> None:
    choices = ["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"]
    assert ex.enum_values(_scope(text), "finding_frequency", choices) == [value]


def test_country_names_become_codes() -> None:
    assert ex.blocked_countries(_scope("geo-blocks Russia and North Korea")) == ["RU", "KP"]


def _propose(text: str) -> list[dict[str, Any]]:
    provider = OfflineProvider(catalog_summaries())
    done = asyncio.run(provider.complete([Message("user", text)], options=GenerationOptions()))
    return [json.loads(c.arguments) for c in done.tool_calls if c.name == "propose_blueprint"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "an encryption key for the backup service in eu-west-1 on AWS KMS, alias backup-key",
            [("aws-kms-key", {"alias": "backup-key"})],
        ),
        (
            "cloudtrail audit-main plus flow logs for vpc-0aa0aa0aa0aa0aa0a, both kept for a year",
            [
                ("aws-cloudtrail", {"trail_name": "audit-main", "retention_days": 365}),
                ("aws-vpc-flow-logs", {"vpc_id": "vpc-0aa0aa0aa0aa0aa0a", "retention_days": 365}),
            ],
        ),
        (
            "rds identifier=reporting-mysql engine=mysql class=db.r6g.xlarge backups=35 days multi_az=true",
            [
                (
                    "aws-rds-instance",
                    {
                        "identifier": "reporting-mysql",
                        "engine": "mysql",
                        "instance_class": "db.r6g.xlarge",
                        "backup_retention_days": 35,
                        "multi_az": True,
                    },
                )
            ],
        ),
        (
            "bucket: acme-ci-cache\nregion: us-west-2\nversioning: off\nretention: 2 weeks",
            [
                (
                    "aws-s3-private-bucket",
                    {
                        "bucket_name": "acme-ci-cache",
                        "region": "us-west-2",
                        "retention_days": 14,
                        "versioning": False,
                    },
                )
            ],
        ),
        (
            "Azure blob storage for invoices: stinvoicesweu, resource group rg-fin-prod, West Europe, geo-redundant",
            [
                (
                    "azure-storage-account",
                    {
                        "name": "stinvoicesweu",
                        "resource_group": "rg-fin-prod",
                        "location": "westeurope",
                        "replication": "GRS",
                    },
                )
            ],
        ),
    ],
    ids=[
        "catalog-params-only",
        "both-clause-shared",
        "key-value-form",
        "ticket-lines",
        "name-after-colon",
    ],
)
def test_end_to_end_proposals(text: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    assert [(p["blueprint"], p["params"]) for p in _propose(text)] == expected
