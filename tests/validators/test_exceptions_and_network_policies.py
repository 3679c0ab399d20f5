"""Explicit, reported exceptions to Palisade's checks, and the default-deny NetworkPolicy check."""

from __future__ import annotations

import pytest

from palisade.blueprints import Catalog, render_blueprint
from palisade.errors import BlueprintInputError
from palisade.validators import PalisadeChecksValidator, validate_files

WORLD_RULE = """resource "aws_vpc_security_group_ingress_rule" "https" {{
{comment}  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}}
"""


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("", "failed"),
        (
            "  # palisade:skip=PAL_WORLD_INGRESS:public web tier approved by security (SEC-123)\n",
            "skipped",
        ),
        ("  # palisade:skip=PAL_WORLD_INGRESS:ok\n", "failed"),  # a reason is required
        ("  # palisade:skip=PAL_S3_TLS_ONLY:this names another check entirely\n", "failed"),
    ],
    ids=["no-exception", "exception-with-reason", "reason-too-short", "other-check"],
)
def test_in_file_exception_turns_a_failure_into_a_reported_skip(
    comment: str, expected: str
) -> None:
    report = PalisadeChecksValidator().validate({"main.tf": WORLD_RULE.format(comment=comment)})
    (finding,) = [f for f in report.findings if f.check_id == "PAL_WORLD_INGRESS"]
    assert finding.result == expected
    if expected == "skipped":
        assert finding.reason.startswith("public web tier approved")


def test_an_exception_elsewhere_in_the_file_does_not_apply() -> None:
    text = (
        "# palisade:skip=PAL_WORLD_INGRESS:outside of any resource block here\n"
        + WORLD_RULE.format(comment="")
    )
    report = PalisadeChecksValidator().validate({"main.tf": text})
    assert [f.result for f in report.findings if f.check_id == "PAL_WORLD_INGRESS"] == ["failed"]


def test_public_alb_passes_only_with_its_exception_and_internal_alb_refuses_the_world() -> None:
    bp = Catalog.load().get("aws-alb-https")
    base = dict(bp.examples[0]["params"])
    public = render_blueprint(bp, base | {"internal": False, "cidrs": []})
    report = validate_files(public, [PalisadeChecksValidator()])
    assert report.passed
    assert {f.check_id for f in report.skipped} == {"PAL_WORLD_INGRESS"}

    without_exception = {
        name: "\n".join(line for line in text.splitlines() if "palisade:skip" not in line) + "\n"
        for name, text in public.items()
    }
    failed = validate_files(without_exception, [PalisadeChecksValidator()]).failed
    assert failed and {f.check_id for f in failed} == {"PAL_WORLD_INGRESS"}

    with pytest.raises(BlueprintInputError) as info:
        render_blueprint(bp, base | {"internal": True, "cidrs": ["0.0.0.0/0"]})
    assert info.value.insecure and info.value.problems[0].param == "cidrs"


DENY_ALL = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: payments
spec:
  podSelector: {{}}
  policyTypes: [{types}]
{rest}"""
DNS_EGRESS = """  egress:
    - ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
"""


@pytest.mark.parametrize(
    ("types", "rest", "expected"),
    [
        ("Ingress, Egress", "", "passed"),
        ("Ingress, Egress", DNS_EGRESS, "passed"),
        ("Ingress", "", "failed"),
        ("Ingress, Egress", "  ingress:\n    - {}\n", "failed"),
        (
            "Ingress, Egress",
            "  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n",
            "failed",
        ),
    ],
    ids=[
        "deny-all",
        "deny-all-but-dns",
        "ingress-only",
        "allows-all-ingress",
        "allows-egress-to-world",
    ],
)
def test_default_deny_network_policy(types: str, rest: str, expected: str) -> None:
    manifest = DENY_ALL.format(types=types, rest=rest)
    report = PalisadeChecksValidator().validate({"netpol.yaml": manifest})
    (finding,) = [f for f in report.findings if f.check_id == "PAL_K8S_DEFAULT_DENY"]
    assert finding.result == expected
