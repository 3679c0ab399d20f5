"""Fixed snippets: corrected Terraform for the failing resource, for the most common findings.

When someone pastes code and asks "is this secure?", the most useful answer after "no" is the corrected
resource. For the common findings (no TLS-only S3 policy, ingress from the whole internet, ``service:*``
actions, key rotation off, S3 Block Public Access off, GCS without CMEK) the failing resource's own text is
edited (only the offending attributes change, so names, tags and references stay as the user wrote them) and
any needed ``variable`` blocks are appended.

A snippet is only attached after it has been verified: it must parse, and Palisade's equivalent check must pass
on it. When an edit cannot be made safely (an ``Action = "*"`` whose intent is unknown, a ``service:*`` that
also appears in a Deny statement, a list built by a function call) there is no snippet, only the ``fix`` text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from palisade.errors import PalisadeError
from palisade.files import RenderedFiles
from palisade.validators.base import Finding
from palisade.validators.checks import run_checks
from palisade.validators.checks.account import PUBLIC_ACCESS_FLAGS
from palisade.validators.checks.iam import (
    document_statements,
    policy_statements,
    read_only_action_patterns,
)
from palisade.validators.checks.network import azure_world_sources, is_world
from palisade.validators.checks.terraform import Block, attr, nested, parse_terraform

__all__ = ["FIXABLE_CHECKS", "attach_fix_snippets", "fix_snippet_for"]


@dataclass(frozen=True, slots=True)
class _Source:
    """The failing block, its text and the text of the whole file."""

    block: Block
    lines: list[str]  # the block's lines, header to closing brace
    file_text: str


Fixer = Callable[[_Source], str | None]

_WORLD_WORDS = {"*", "internet", "any"}
_VARIABLES = {
    "allowed_source_cidrs": (
        "list(string)",
        "Networks allowed in (office/VPN or VPC/VNet ranges), never the whole internet.",
        'alltrue([for c in var.allowed_source_cidrs : !contains(["0.0.0.0/0", "::/0", "*", "Internet", '
        '"Any"], c)])',
    ),
    "allowed_source_cidr": (
        "string",
        "The network allowed in (an IPv4 CIDR such as 203.0.113.0/24), never 0.0.0.0/0.",
        'var.allowed_source_cidr != "0.0.0.0/0"',
    ),
    "allowed_source_cidr_ipv6": (
        "string",
        "The network allowed in (an IPv6 CIDR such as 2001:db8:1234::/48), never ::/0.",
        'var.allowed_source_cidr_ipv6 != "::/0"',
    ),
    "kms_key_name": (
        "string",
        "Cloud KMS key id (projects/.../cryptoKeys/...) in the bucket's location.",
        'length(var.kms_key_name) > 0 && can(regex("^projects/", var.kms_key_name))',
    ),
}


# --- text helpers ------------------------------------------------------------------------------------


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _sub_block_spans(lines: list[str], name: str) -> list[tuple[int, int]]:
    """(first, last) line indexes of the nested blocks ``name { ... }`` directly inside the block."""
    spans: list[tuple[int, int]] = []
    header = re.compile(rf"^\s*{re.escape(name)}\s*\{{\s*$")
    index = 1
    while index < len(lines) - 1:
        if header.match(lines[index]):
            depth, end = 0, index
            for end in range(index, len(lines)):
                depth += _brace_delta(lines[end])
                if depth == 0:
                    break
            spans.append((index, end))
            index = end + 1
        else:
            index += 1
    return spans


def _brace_delta(line: str) -> int:
    """Opening minus closing braces outside string literals and comments."""
    delta, in_string, escaped = 0, False, False
    for char in line:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "#":
            break
        elif char == "{":
            delta += 1
        elif char == "}":
            delta -= 1
    return delta


def _attribute_line(lines: list[str], name: str) -> int | None:
    """The line of attribute ``name`` directly inside the block (not inside a nested block)."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    depth = 0
    for index in range(1, len(lines) - 1):
        if depth == 0 and pattern.match(lines[index]):
            return index
        depth += _brace_delta(lines[index])
    return None


def _set_attribute(lines: list[str], name: str, value: str) -> list[str]:
    """Set a one-line attribute directly inside the block: replaced in place, or added after the
    block's leading attributes (before its first nested block)."""
    out = list(lines)
    index = _attribute_line(out, name)
    if index is not None:
        match = re.match(rf"^(\s*{re.escape(name)}\s*=\s*)", out[index])
        assert match is not None
        out[index] = f"{match.group(1)}{value}"
        return out
    position = 1
    while position < len(out) - 1 and _ONE_LINE_ATTRIBUTE.match(out[position]):
        position += 1
    indent = _indent_of(out[1]) if len(out) > 2 and out[1].strip() else _indent_of(out[0]) + "  "
    out.insert(position, f"{indent}{name} = {value}")
    return out


_ONE_LINE_ATTRIBUTE = re.compile(r'^(\s*)("[^"]*"|[A-Za-z0-9_-]+)(\s*)= (.*)$')
_OPENERS = ("{", "[", "({", "(")


def _realign(lines: list[str]) -> list[str]:
    """Align ``=`` across consecutive one-line attributes at one indent, as ``terraform fmt`` does."""
    out = list(lines)
    group: list[tuple[int, re.Match[str]]] = []

    def flush() -> None:
        if len(group) > 1:
            width = max(len(match.group(2)) for _, match in group)
            for i, match in group:
                out[i] = f"{match.group(1)}{match.group(2).ljust(width)} = {match.group(4)}"
        group.clear()

    for index, line in enumerate(out):
        match = _ONE_LINE_ATTRIBUTE.match(line)
        if match and not match.group(4).rstrip().endswith(_OPENERS):
            if group and group[0][1].group(1) != match.group(1):
                flush()
            group.append((index, match))
        else:
            flush()
    flush()
    return out


def _insert_before_close(lines: list[str], new: list[str]) -> list[str]:
    indent = _indent_of(lines[0]) + "  "
    body = ["", *(f"{indent}{line}" if line else "" for line in new)]
    return [*lines[:-1], *body, lines[-1]]


def _variables(names: Iterable[str]) -> str:
    blocks: list[str] = []
    for name in sorted(set(names)):
        type_, description, condition = _VARIABLES[name]
        blocks.append(
            f'variable "{name}" {{\n'
            f'  description = "{description}"\n'
            f"  type        = {type_}\n\n"
            "  validation {\n"
            f"    condition     = {condition}\n"
            f'    error_message = "{description}"\n'
            "  }\n"
            "}\n"
        )
    return "\n".join(blocks)


def _snippet(lines: list[str], comment: str = "", variables: Iterable[str] = ()) -> str:
    head = "".join(f"# {line}\n" for line in comment.splitlines() if line)
    text = head + "\n".join(_realign(lines)) + "\n"
    extra = _variables(variables)
    return f"{text}\n{extra}" if extra else text


# --- world-open ingress ------------------------------------------------------------------------------

_LIST_ATTRS = {"cidr_blocks", "ipv6_cidr_blocks", "source_ranges", "source_address_prefixes"}
_STRING_ATTRS = {
    "cidr_ipv4": ("cidr_ipv4", "var.allowed_source_cidr", "allowed_source_cidr"),
    "cidr_ipv6": ("cidr_ipv6", "var.allowed_source_cidr_ipv6", "allowed_source_cidr_ipv6"),
    "source_address_prefix": (
        "source_address_prefixes",
        "var.allowed_source_cidrs",
        "allowed_source_cidrs",
    ),
}


def _is_world_item(text: str) -> bool:
    value = text.strip().strip('"')
    return value.lower() in _WORLD_WORDS or is_world(value)


def _narrow_sources(lines: list[str], first: int, last: int, used: set[str]) -> list[str] | None:
    """Remove world-wide sources from lines[first:last+1]; None when a value cannot be edited safely."""
    out: list[str] = []
    index = first
    pattern = re.compile(r"^(\s*)([A-Za-z0-9_]+)(\s*)=\s*(.*)$")
    while index <= last:
        line = lines[index]
        match = pattern.match(line)
        name = match.group(2) if match else ""
        if match is None or (name not in _LIST_ATTRS and name not in _STRING_ATTRS):
            out.append(line)
            index += 1
            continue
        indent, pad, value = match.group(1), match.group(3), match.group(4).strip()
        if name in _STRING_ATTRS and not value.startswith("["):
            if _is_world_item(value):
                new_name, replacement, variable = _STRING_ATTRS[name]
                used.add(variable)
                pad = " " * max(1, len(pad) - (len(new_name) - len(name)))
                out.append(f"{indent}{new_name}{pad}= {replacement}")
            else:
                out.append(line)
            index += 1
            continue
        # a list, on one line or over several
        items_text = value
        end = index
        if value == "[":
            while end < last and lines[end].strip() != "]":
                end += 1
            if lines[end].strip() != "]":
                return None
            items_text = "[" + ",".join(lines[index + 1 : end]) + "]"
        if not (items_text.startswith("[") and items_text.endswith("]")) or "(" in items_text:
            return None
        items = [i.strip() for i in items_text[1:-1].split(",") if i.strip()]
        kept = [i for i in items if not _is_world_item(i)]
        if len(kept) == len(items):
            out.extend(lines[index : end + 1])
        elif kept:
            out.append(f"{indent}{name}{pad}= [{', '.join(kept)}]")
        else:
            used.add("allowed_source_cidrs")
            out.append(f"{indent}{name}{pad}= var.allowed_source_cidrs")
        index = end + 1
    return out


def _fix_world_ingress(src: _Source) -> str | None:
    block, lines = src.block, src.lines
    used: set[str] = set()
    spans: list[tuple[int, int]]
    if block.type == "aws_security_group":
        spans = _sub_block_spans(lines, "ingress")
    elif block.type == "azurerm_network_security_group":
        all_spans = _sub_block_spans(lines, "security_rule")
        rules = nested(block.body, "security_rule")
        if len(all_spans) != len(rules):
            return None
        spans = [
            span for span, rule in zip(all_spans, rules, strict=True) if azure_world_sources(rule)
        ]
    else:
        spans = [(1, len(lines) - 2)]
    out = list(lines)
    for first, last in reversed(spans):
        narrowed = _narrow_sources(out, first, last, used)
        if narrowed is None:
            return None
        out[first : last + 1] = narrowed
    if block.type == "google_compute_firewall" and not any(
        attr(block.body, key) for key in ("source_ranges", "source_tags", "source_service_accounts")
    ):
        out = _set_attribute(out, "source_ranges", "var.allowed_source_cidrs")
        used.add("allowed_source_cidrs")
    if out == lines:
        return None
    comment = (
        "Only named networks may connect. For SSH/RDP prefer AWS SSM Session Manager, Azure Bastion or\n"
        "GCP IAP TCP forwarding; publish web services through an HTTPS load balancer with a WAF."
    )
    return _snippet(out, comment, used)


# --- S3 TLS-only -------------------------------------------------------------------------------------


def _fix_s3_tls(src: _Source) -> str | None:
    name = src.block.name
    ref = f"aws_s3_bucket.{name}"
    policy = [
        f'resource "aws_s3_bucket_policy" "{name}_tls_only" {{',
        f"  bucket = {ref}.id",
        "  policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [",
        "      {",
        '        Sid       = "DenyInsecureTransport"',
        '        Effect    = "Deny"',
        '        Principal = "*"',
        '        Action    = "s3:*"',
        f'        Resource  = [{ref}.arn, "${{{ref}.arn}}/*"]',
        '        Condition = { Bool = { "aws:SecureTransport" = "false" } }',
        "      },",
        "    ]",
        "  })",
        "}",
    ]
    comment = (
        "A bucket has a single bucket policy: if it already has one, add this Deny statement to it\n"
        "instead of creating a second aws_s3_bucket_policy."
    )
    return _snippet(policy, comment)


# --- IAM ---------------------------------------------------------------------------------------------

_SERVICE_STAR = re.compile(r'"([a-z0-9-]+):\*"')


def _fix_iam_action(src: _Source) -> str | None:
    block, text = src.block, "\n".join(src.lines)
    if block.kind == "data":
        statements = document_statements(block.body)
    else:
        statements = policy_statements(attr(block.body, "policy"), {}) or []
        for inline in nested(block.body, "inline_policy"):
            statements += policy_statements(attr(inline, "policy"), {}) or []
    allowed = {a for st in statements if st.allows for a in st.actions}
    denied = {a for st in statements if not st.allows for a in st.actions}
    if any(st.allows and st.not_actions for st in statements) or "*" in allowed:
        return None  # the intent of "everything" is unknown: no guess
    services = sorted({a.split(":", 1)[0] for a in allowed if a.endswith(":*")})
    if not services or any(f"{s}:*" in denied for s in services):
        return None
    for service in services:
        patterns = read_only_action_patterns(service)
        if not patterns:
            return None
        text = text.replace(f'"{service}:*"', ", ".join(f'"{p}"' for p in patterns))
    examples = ", ".join(f"{s}:<Action>" for s in services)
    comment = (
        "Read-only to start with. Add each write action the workload really calls ("
        + examples
        + "),\n"
        "never a service wildcard."
    )
    return _snippet(text.splitlines(), comment)


# --- key rotation, public access block, CMEK ---------------------------------------------------------


def _fix_aws_kms(src: _Source) -> str | None:
    return _snippet(_set_attribute(src.lines, "enable_key_rotation", "true"))


def _fix_gcp_kms(src: _Source) -> str | None:
    comment = "Rotates every 90 days (7776000 seconds): CIS GCP 1.10."
    return _snippet(_set_attribute(src.lines, "rotation_period", '"7776000s"'), comment)


def _fix_azure_key(src: _Source) -> str | None:
    if _sub_block_spans(src.lines, "rotation_policy"):
        return None  # an existing policy without automatic rotation: edit by hand
    policy = [
        "rotation_policy {",
        "  automatic {",
        '    time_before_expiry = "P30D"',
        "  }",
        "",
        '  expire_after         = "P90D"',
        '  notify_before_expiry = "P29D"',
        "}",
    ]
    comment = "Rotates 30 days before the 90-day expiry; Key Vault creates the new version itself."
    return _snippet(_insert_before_close(src.lines, policy), comment)


def _fix_public_access_block(src: _Source) -> str | None:
    lines = src.lines
    for flag in PUBLIC_ACCESS_FLAGS:
        lines = _set_attribute(lines, flag, "true")
    return _snippet(lines)


def _fix_gcs_cmek(src: _Source) -> str | None:
    lines = list(src.lines)
    spans = _sub_block_spans(lines, "encryption")
    if spans:
        first, last = spans[0]
        indent = _indent_of(lines[first]) + "  "
        lines[first + 1 : last] = [f"{indent}default_kms_key_name = var.kms_key_name"]
    else:
        lines = _insert_before_close(
            lines, ["encryption {", "  default_kms_key_name = var.kms_key_name", "}"]
        )
    comment = (
        "Encrypted with your Cloud KMS key (the gcp-kms-key blueprint makes one). Grant the Cloud\n"
        "Storage service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key first."
    )
    return _snippet(lines, comment, ["kms_key_name"])


# --- registry ----------------------------------------------------------------------------------------

# check id → (fixer, the Palisade check that must pass on the snippet, or None when only parsing is verified)
_BY_CHECK: Mapping[str, tuple[Fixer, str | None]] = {
    "PAL_S3_TLS_ONLY": (_fix_s3_tls, "PAL_S3_TLS_ONLY"),
    **{
        check: (_fix_world_ingress, "PAL_WORLD_INGRESS")
        for check in ("PAL_WORLD_INGRESS", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277")
    },
    **{
        check: (_fix_world_ingress, "PAL_AZURE_WORLD_INGRESS")
        for check in ("PAL_AZURE_WORLD_INGRESS", "CKV_AZURE_9", "CKV_AZURE_10", "CKV_AZURE_77")
    },
    "CKV_AZURE_160": (_fix_world_ingress, "PAL_AZURE_WORLD_INGRESS"),
    **{
        check: (_fix_world_ingress, "PAL_GCP_WORLD_INGRESS")
        for check in ("PAL_GCP_WORLD_INGRESS", "CKV_GCP_2", "CKV_GCP_3", "CKV_GCP_106")
    },
    **{
        check: (_fix_iam_action, "PAL_IAM_WILDCARD_ACTION")
        for check in ("PAL_IAM_WILDCARD_ACTION", "CKV_AWS_62", "CKV_AWS_63")
    },
    "PAL_KMS_ROTATION": (_fix_aws_kms, "PAL_KMS_ROTATION"),
    "CKV_AWS_7": (_fix_aws_kms, "PAL_KMS_ROTATION"),
    "PAL_GCP_KMS_ROTATION": (_fix_gcp_kms, "PAL_GCP_KMS_ROTATION"),
    "CKV_GCP_43": (_fix_gcp_kms, "PAL_GCP_KMS_ROTATION"),
    "PAL_AZURE_KEY_ROTATION": (_fix_azure_key, "PAL_AZURE_KEY_ROTATION"),
    "PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK": (
        _fix_public_access_block,
        "PAL_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK",
    ),
    **{check: (_fix_public_access_block, None) for check in ("CKV_AWS_53", "CKV_AWS_54")},
    **{check: (_fix_public_access_block, None) for check in ("CKV_AWS_55", "CKV_AWS_56")},
    "PAL_GCS_CMEK": (_fix_gcs_cmek, "PAL_GCS_CMEK"),
}
FIXABLE_CHECKS = frozenset(_BY_CHECK)


def _verified(snippet: str, src: _Source, verify: str | None) -> bool:
    """The snippet parses and the check it fixes passes on it (for S3, with the bucket next to it)."""
    text = snippet
    if src.block.type == "aws_s3_bucket":
        text = "\n".join(src.lines) + "\n\n" + snippet
    try:
        findings = run_checks({"fix.tf": text})
    except PalisadeError:
        return False
    if verify is None:
        return True
    results = [
        f.result for f in findings if f.check_id == verify and f.resource == src.block.address
    ]
    return bool(results) and all(r == "passed" for r in results)


def fix_snippet_for(check_id: str, file: str, resource: str, files: RenderedFiles) -> str | None:
    """A verified corrected snippet for ``resource`` in ``file`` failing ``check_id``, or None."""
    return _Snippets(files).get(check_id, file, resource)


class _Snippets:
    """Parses each file at most once and computes each (fixer, resource) snippet at most once."""

    def __init__(self, files: RenderedFiles) -> None:
        self._files = files
        self._blocks: dict[str, dict[str, Block]] = {}
        self._done: dict[tuple[Fixer, str, str], str | None] = {}

    def _block(self, file: str, resource: str) -> Block | None:
        if file not in self._blocks:
            try:
                parsed = parse_terraform(file, self._files[file])
            except PalisadeError:
                parsed = []
            self._blocks[file] = {b.address: b for b in parsed}
        return self._blocks[file].get(resource)

    def get(self, check_id: str, file: str, resource: str) -> str | None:
        entry = _BY_CHECK.get(check_id)
        if entry is None or not file.endswith(".tf") or file not in self._files:
            return None
        fixer, verify = entry
        key = (fixer, file, resource)
        if key not in self._done:
            self._done[key] = self._make(fixer, verify, file, resource)
        return self._done[key]

    def _make(self, fixer: Fixer, verify: str | None, file: str, resource: str) -> str | None:
        block = self._block(file, resource)
        if block is None or block.line is None or block.end_line is None:
            return None
        text = self._files[file]
        lines = text.splitlines()[block.line - 1 : block.end_line]
        if len(lines) == 1 and lines[0].rstrip().endswith("{}"):
            lines = [lines[0].rstrip()[:-1] + "{", "}"]  # `resource "x" "y" {}`
        if len(lines) < 2 or _brace_delta(lines[0]) != 1:
            return None  # not a block whose body can be edited line by line
        src = _Source(block, lines, text)
        snippet = fixer(src)
        if snippet is None or not _verified(snippet, src, verify):
            return None
        return snippet


def attach_fix_snippets(findings: Sequence[Finding], files: RenderedFiles) -> tuple[Finding, ...]:
    """``findings`` with a verified ``fix_snippet`` on each failed finding Palisade knows how to fix."""
    snippets = _Snippets(files)
    out: list[Finding] = []
    for finding in findings:
        if finding.result == "failed" and finding.check_id in FIXABLE_CHECKS:
            snippet = snippets.get(finding.check_id, finding.file, finding.resource)
            if snippet is not None:
                finding = replace(finding, fix_snippet=snippet)
        out.append(finding)
    return tuple(out)
