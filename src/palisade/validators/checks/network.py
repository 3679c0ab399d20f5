"""Network exposure: AWS security groups, Azure network security groups, GCP VPC firewall rules.

Ingress from the whole internet fails on any port: Checkov only flags admin ports (22, 3389...), and a world-open
database or HTTPS port is just as exposed. An internet-facing blueprint that opens a port to the world on
purpose says so with an in-resource ``# palisade:skip=<check>:<reason>`` (reported, never silent).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any

from palisade.validators.base import Finding
from palisade.validators.checks.registry import block_finding
from palisade.validators.checks.terraform import Block, as_list, attr, is_true, nested

__all__ = ["check_aws_security_groups", "check_azure_nsgs", "check_gcp_firewalls", "is_world"]

# Azure service tags and wildcards that mean "any source on the internet"
_AZURE_WORLD = {"*", "internet", "any"}


def is_world(cidr: Any) -> bool:
    """True for a CIDR covering every address (``0.0.0.0/0``, ``::/0``)."""
    try:
        return ipaddress.ip_network(str(cidr).strip(), strict=False).prefixlen == 0
    except ValueError:
        return False


def _all_protocols(protocol: Any) -> bool:
    return str(protocol).strip().lower() in ("-1", "all")


def _world_cidrs(body: Mapping[str, Any]) -> list[str]:
    cidrs = as_list(attr(body, "cidr_blocks")) + as_list(attr(body, "ipv6_cidr_blocks"))
    cidrs += [c for c in (attr(body, "cidr_ipv4"), attr(body, "cidr_ipv6")) if c is not None]
    return [str(c) for c in cidrs if is_world(c)]


def check_aws_security_groups(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource":
            continue
        ingress: list[Mapping[str, Any]] = []
        egress: list[Mapping[str, Any]] = []
        if block.type == "aws_security_group":
            ingress, egress = nested(block.body, "ingress"), nested(block.body, "egress")
        elif block.type == "aws_vpc_security_group_ingress_rule":
            ingress = [block.body]
        elif block.type == "aws_vpc_security_group_egress_rule":
            egress = [block.body]
        elif block.type == "aws_security_group_rule":
            kind = str(attr(block.body, "type")).lower()
            ingress, egress = ([block.body], []) if kind == "ingress" else ([], [block.body])
        else:
            continue
        if ingress:
            open_in = sorted({c for rule in ingress for c in _world_cidrs(rule)})
            detail = f"from {', '.join(open_in)}" if open_in else ""
            yield block_finding(
                "PAL_WORLD_INGRESS", "failed" if open_in else "passed", block, detail
            )
        if egress:
            open_out = sorted(
                {
                    c
                    for rule in egress
                    if _all_protocols(attr(rule, "ip_protocol") or attr(rule, "protocol"))
                    for c in _world_cidrs(rule)
                }
            )
            detail = f"to {', '.join(open_out)}" if open_out else ""
            yield block_finding(
                "PAL_WORLD_EGRESS_ALL", "failed" if open_out else "passed", block, detail
            )


def azure_world_sources(rule: Mapping[str, Any]) -> list[str]:
    """The world-wide sources of an inbound allow rule (empty for deny or outbound rules)."""
    direction = str(attr(rule, "direction") or "Inbound").strip().lower()
    access = str(attr(rule, "access") or "Allow").strip().lower()
    if direction != "inbound" or access != "allow":
        return []
    sources = as_list(attr(rule, "source_address_prefix")) + as_list(
        attr(rule, "source_address_prefixes")
    )
    return [str(s) for s in sources if str(s).strip().lower() in _AZURE_WORLD or is_world(s)]


def check_azure_nsgs(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource":
            continue
        if block.type == "azurerm_network_security_rule":
            rules: list[Mapping[str, Any]] = [block.body]
        elif block.type == "azurerm_network_security_group":
            rules = nested(block.body, "security_rule")
            if not rules:
                continue  # rules are separate azurerm_network_security_rule resources
        else:
            continue
        world = [(attr(r, "name"), s) for r in rules for s in azure_world_sources(r)]
        detail = ", ".join(
            f"rule {name!r} from {source}" if name else f"from {source}" for name, source in world
        )
        yield block_finding(
            "PAL_AZURE_WORLD_INGRESS", "failed" if world else "passed", block, detail
        )


def gcp_world_sources(body: Mapping[str, Any]) -> list[str]:
    """Why an enabled ingress allow rule is open to the world (empty when it is not)."""
    direction = str(attr(body, "direction") or "INGRESS").strip().upper()
    if direction != "INGRESS" or is_true(attr(body, "disabled")) or not nested(body, "allow"):
        return []
    ranges = as_list(attr(body, "source_ranges"))
    world = [str(r) for r in ranges if is_world(r)]
    has_source = ranges or attr(body, "source_tags") or attr(body, "source_service_accounts")
    if not has_source:
        world.append("no source given (GCP then allows 0.0.0.0/0)")
    return world


def check_gcp_firewalls(blocks: list[Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource" or block.type != "google_compute_firewall":
            continue
        world = gcp_world_sources(block.body)
        detail = f"from {', '.join(world)}" if world else ""
        yield block_finding("PAL_GCP_WORLD_INGRESS", "failed" if world else "passed", block, detail)
