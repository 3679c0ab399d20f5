"""Table-driven checks of the offline engine's value extractors, one behaviour per row."""

from __future__ import annotations

from typing import Any

import pytest

from palisade.providers import _extract as ex


def _scope(text: str, cloud: str = "aws") -> ex.Scope:
    return ex.Scope(ex.Analysis(text), cloud)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("keep objects 7 years", [2555]),
        ("data only needs to live two weeks", [14]),
        ("retention 6 months", [180]),
        ("keep it a year", [365]),
        ("retention 2 year", [730]),
        ("rotate weekly", [7]),
        ("keep backups for a month", [30]),
        ("max age 60d", [60]),
        ("rotate every 90 days", [90]),
        ("every 15 minutes", []),
    ],
    ids=[
        "years",
        "words",
        "months",
        "a-year",
        "singular-unit",
        "weekly",
        "a-month",
        "suffix-d",
        "days",
        "minutes-ignored",
    ],
)
def test_durations_are_days_with_30_day_months(text: str, days: list[int]) -> None:
    assert [d.days for d in ex.durations(text)] == days


@pytest.mark.parametrize(
    ("text", "ports"),
    [
        ("allow 443 from 10.0.0.0/8", [443]),
        ("ssh from 203.0.113.0/24 only", [22]),
        ("RDP from 203.0.113.50", [3389]),
        ("allow port https from 10.10.0.0/16", [443]),
        ("ports 9100,9090 tcp from 10.50.12.0/22", [9100, 9090]),
        ("allow 80 and 443 from 130.211.0.0/22", [80, 443]),
        ("only allow redis (6379/tcp) from 10.1.0.0/16", [6379]),
        ("rule allow-partner-8443 for 10.0.0.0/8", []),
    ],
    ids=[
        "number",
        "ssh",
        "rdp",
        "https-word",
        "comma-list",
        "and-list",
        "name-and-number",
        "number-inside-name",
    ],
)
def test_ports_by_number_and_name(text: str, ports: list[int]) -> None:
    assert ex.ports(_scope(text)) == ports


@pytest.mark.parametrize(
    ("text", "cidrs"),
    [
        ("allow 443 from 192.168.1.10", ["192.168.1.10/32"]),
        ("from 10.20.0.0/16 and 192.168.1.10", ["10.20.0.0/16", "192.168.1.10/32"]),
        ("from 2001:db8:1234::/48", ["2001:db8:1234::/48"]),
        ("from 2001:db8::1", ["2001:db8::1/128"]),
        ("open ssh to the world", ["0.0.0.0/0"]),
        (
            "cidrs 10.0.0.0/8, 172.16.0.0/12 and 10.1.2.3",
            ["10.0.0.0/8", "172.16.0.0/12", "10.1.2.3/32"],
        ),
    ],
    ids=["bare-ip", "cidr-and-ip", "ipv6-cidr", "bare-ipv6", "world-words", "comma-and-list"],
)
def test_cidrs_are_normalised(text: str, cidrs: list[str]) -> None:
    assert ex.cidrs(_scope(text), egress=False, split_egress=False) == cidrs


@pytest.mark.parametrize(
    ("text", "cloud", "region"),
    [
        ("bucket in eu-west-1", "aws", ["eu-west-1"]),
        ("trail in Ireland region", "aws", ["eu-west-1"]),
        ("in the Frankfurt region", "aws", ["eu-central-1"]),
        ("in Frankfurt", "gcp", ["europe-west3"]),
        ("somewhere in europe", "aws", []),
        ("our US east region", "aws", []),
        ("location West Europe", "azure", ["westeurope"]),
        ("EU multi-region", "gcp", ["EU"]),
        ("in both eu-west-1 and eu-central-1", "aws", ["eu-west-1", "eu-central-1"]),
        ("in London (we also record in us-east-1)", "aws", ["eu-west-2"]),
    ],
    ids=[
        "code",
        "ireland",
        "frankfurt-aws",
        "frankfurt-gcp",
        "ambiguous-europe",
        "ambiguous-us-east",
        "azure-display-name",
        "gcs-multi-region",
        "fan-out-list",
        "distractor",
    ],
)
def test_regions_only_when_unambiguous(text: str, cloud: str, region: list[str]) -> None:
    assert ex.region_list(_scope(text, cloud)) == region


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("pls creat cloudtrial named x", "pls create cloudtrail named x"),
        ("gaurdduty w/ eks protecton", "guardduty w/ eks protection"),
        ("a privte s3 bucket", "a private s3 bucket"),
        ("bucket acme-logs-prod stays", "bucket acme-logs-prod stays"),
    ],
    ids=["cloudtrail", "guardduty", "private", "names-untouched"],
)
def test_typos_are_fixed_but_names_kept(text: str, fixed: str) -> None:
    assert ex.fix_typos(text) == fixed


@pytest.mark.parametrize(
    ("text", "param", "value"),
    [
        ("sg called bastion-sg", "name", "bastion-sg"),
        ("kms key alias payments-prod pls", "alias", "payments-prod"),
        ("new CMK shared-backups (that's the alias)", "alias", "shared-backups"),
        ("storage account with name 'stinvoices2024'", "name", "stinvoices2024"),
        ("secrets manager as reporting-db-credentials", "secret_name", "reporting-db-credentials"),
        ("namespace for team orion, name orion-prod", "namespace", "orion-prod"),
        ("a security group for the checkout service", "name", None),
    ],
    ids=["called", "alias", "alias-after", "quoted", "as", "name-marker", "no-name"],
)
def test_names_are_verbatim(text: str, param: str, value: Any) -> None:
    assert ex.name_param(_scope(text), param) == value
