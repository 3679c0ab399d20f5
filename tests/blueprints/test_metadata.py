"""Catalog metadata: compliance mappings, example requests, insecure examples, catalog ids and parameters."""

from __future__ import annotations

import re

import pytest

from palisade.blueprints import Blueprint, Catalog

_CATALOG = Catalog.load()
# framework → id format: CIS recommendation numbers, AWS Security Hub FSBP control ids, NIST 800-53 controls
_FORMATS = {
    "cis": re.compile(r"^\d+(\.\d+)+$"),
    "cis-supply-chain": re.compile(r"^\d+(\.\d+)+$"),
    "aws-fsbp": re.compile(r"^[A-Za-z0-9]+\.\d+$"),
    "nist-800-53": re.compile(r"^[A-Z]{2}-\d+(\(\d+\))?$"),
}
# parameter types that can refuse a value as insecure: a blueprint with one must show that it does
_INSECURE_CAPABLE = {
    "ingress_cidr_list",
    "azure_source_cidr_list",
    "gcp_source_cidr_list",
    "azure_storage_firewall_cidr_list",
    "iam_action_list",
    "aws_principal_arn_list",
    "gcp_kms_rotation_days",
}


@pytest.mark.parametrize("bp", list(_CATALOG), ids=_CATALOG.ids())
def test_compliance_mapping(bp: Blueprint) -> None:
    assert set(bp.compliance) <= set(_FORMATS), bp.compliance
    assert bp.compliance.get("nist-800-53"), "every blueprint maps to NIST 800-53 controls"
    if bp.cloud == "aws":
        assert bp.compliance.get("aws-fsbp"), "AWS blueprints map to Security Hub FSBP controls"
    for framework, ids in bp.compliance.items():
        assert ids and len(set(ids)) == len(ids), framework
        for control in ids:
            assert _FORMATS[framework].match(control), (framework, control)


@pytest.mark.parametrize("bp", list(_CATALOG), ids=_CATALOG.ids())
def test_examples_and_insecure_examples(bp: Blueprint) -> None:
    assert len(bp.examples) >= 2
    assert all(len(e["request"].split()) >= 3 for e in bp.examples)
    assert len({e["request"] for e in bp.examples}) == len(bp.examples)
    can_refuse = any(p.type in _INSECURE_CAPABLE or p.insecure_values for p in bp.params)
    if can_refuse:
        assert bp.insecure_examples, f"{bp.id} refuses insecure values: show one as an example"
    for example in bp.insecure_examples:
        assert example["refused"], "name the parameters that must be refused"


def test_every_catalog_id_ships() -> None:
    expected = {
        "aws-s3-private-bucket", "aws-kms-key", "aws-security-group", "aws-iam-role",
        "aws-cloudtrail", "aws-guardduty", "aws-securityhub", "aws-config-recorder", "aws-wafv2-alb",
        "aws-vpc-flow-logs", "aws-secretsmanager-secret", "aws-rds-instance", "aws-alb-https",
        "aws-ebs-default-encryption", "aws-iam-password-policy", "aws-s3-account-public-access-block",
        "azure-storage-account", "azure-key-vault", "azure-nsg", "gcp-gcs-bucket", "gcp-firewall-rule",
        "gcp-kms-key", "k8s-default-deny-network-policy", "k8s-namespace-restricted",
        "github-branch-protection",
    }  # fmt: skip
    assert set(_CATALOG.ids()) == expected
