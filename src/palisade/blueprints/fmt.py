"""Checks on rendered files that ``terraform fmt`` / ``terraform init`` would otherwise catch.

No usable ``terraform`` binary can be installed offline, so these are the parts of ``terraform fmt``'s canonical
style that a line-based check can verify (two-space indents, no tabs or trailing spaces, no doubled blank lines,
one final newline, ``=`` aligned across consecutive one-line attributes), plus version pinning: a
``required_version`` and, for every provider the resources use, a ``required_providers`` entry with a source
and a version constraint with an upper bound (``~> 6.0``), so a new major version never arrives unreviewed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["format_problems", "pinning_problems"]

_ATTRIBUTE = re.compile(r'^( *)("[^"]*"|[A-Za-z0-9_-]+)( *)= (.*)$')
_OPENERS = ("{", "[", "({", "(")
# resource type prefix → provider local name, for the providers the catalog uses
_PROVIDER_PREFIXES = {
    "aws": "aws",
    "azurerm": "azurerm",
    "google": "google",
    "github": "github",
    "kubernetes": "kubernetes",
    "random": "random",
    "tls": "tls",
}
_UPPER_BOUND = re.compile(r"~>\s*\d+(\.\d+)*|<\s*\d|^\s*=?\s*\d+\.\d+\.\d+\s*$")


def format_problems(name: str, text: str) -> list[str]:
    """Deviations from canonical formatting in one rendered file (``name`` only labels the messages)."""
    problems: list[str] = []
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append(f"{name}: must end with exactly one newline")
    if "\t" in text:
        problems.append(f"{name}: contains tab characters; indent with spaces")
    if "\n\n\n" in text:
        problems.append(f"{name}: contains two blank lines in a row")
    for number, line in enumerate(text.splitlines(), start=1):
        if line != line.rstrip():
            problems.append(f"{name}:{number}: trailing whitespace")
        indent = len(line) - len(line.lstrip(" "))
        if indent % 2:
            problems.append(f"{name}:{number}: indent of {indent} spaces is not a multiple of two")
    if name.endswith(".tf"):
        problems.extend(_alignment_problems(name, text))
    return problems


def _alignment_problems(name: str, text: str) -> list[str]:
    """Consecutive one-line attributes at one indent align their ``=`` (as ``terraform fmt`` does)."""
    problems: list[str] = []
    group: list[tuple[int, int, int]] = []  # (indent, column of "=", line number)
    lines = text.splitlines()
    for number, line in enumerate([*lines, ""], start=1):
        match = _ATTRIBUTE.match(line)
        if match and not match.group(4).rstrip().endswith(_OPENERS):
            indent = len(match.group(1))
            if group and group[0][0] != indent:
                problems.extend(_misaligned(name, group))
                group = []
            group.append((indent, line.index("= "), number))
            continue
        problems.extend(_misaligned(name, group))
        group = []
    return problems


def _misaligned(name: str, group: list[tuple[int, int, int]]) -> list[str]:
    columns = {column for _, column, _ in group}
    if len(columns) <= 1:
        return []
    first, last = group[0][2], group[-1][2]
    return [f"{name}:{first}-{last}: '=' of consecutive attributes is not aligned"]


def pinning_problems(parsed: Iterable[Mapping[str, Any]]) -> list[str]:
    """Version pinning over the parsed ``.tf`` files of one blueprint (``hcl2`` output)."""
    documents = list(parsed)
    required_version = False
    declared: dict[str, Mapping[str, Any]] = {}
    used: set[str] = set()
    for document in documents:
        for block in document.get("terraform", []) or []:
            required_version = required_version or bool(block.get("required_version"))
            for providers in block.get("required_providers", []) or []:
                for local_name, spec in providers.items():
                    if local_name.startswith("__"):
                        continue
                    spec = spec[0] if isinstance(spec, list) and spec else spec
                    declared[local_name] = spec if isinstance(spec, dict) else {}
        for kind in ("resource", "data"):
            for group in document.get(kind, []) or []:
                for rtype in group:
                    prefix = rtype.split("_", 1)[0]
                    if prefix in _PROVIDER_PREFIXES:
                        used.add(_PROVIDER_PREFIXES[prefix])
    if not documents:
        return []
    problems: list[str] = []
    if not required_version:
        problems.append('no terraform { required_version = ">= 1.5.0" } constraint')
    for provider in sorted(used):
        spec = declared.get(provider)
        if spec is None:
            problems.append(f"provider {provider!r} is used but not in required_providers")
            continue
        version = str(spec.get("version") or "")
        if not spec.get("source"):
            problems.append(f"provider {provider!r} has no source in required_providers")
        if not version:
            problems.append(f"provider {provider!r} has no version constraint")
        elif not _UPPER_BOUND.search(version):
            problems.append(
                f"provider {provider!r} version {version!r} has no upper bound; use e.g. '~> 6.0'"
            )
    return problems
