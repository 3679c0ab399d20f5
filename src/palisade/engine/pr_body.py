"""The pull-request description: what was asked, by whom, the files, the checks and the guard's notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

MARKER = "<!-- palisade:{branch} -->"


def render_pr_body(
    *,
    blueprint: str,
    title: str,
    name: str,
    params: Mapping[str, Any],
    files: Mapping[str, str],
    validation: Mapping[str, Any],
    requested_by: str,
    requested_at: datetime,
    conversation_id: str,
    request: str,
    guard_notes: Sequence[str] = (),
) -> str:
    branch = f"palisade/{blueprint}/{name}"
    lines = [
        f"## {title}: `{name}`",
        "",
        f"Requested by **{requested_by}** on {requested_at:%Y-%m-%d %H:%M} UTC "
        f"in Palisade conversation `{conversation_id}`.",
        "",
        "> " + " ".join(request.split())[:500] if request else "",
        "",
        f"Blueprint: `{blueprint}`",
        "",
        "### Parameters",
        "",
        "| parameter | value |",
        "|---|---|",
    ]
    lines += [f"| `{k}` | `{_cell(v)}` |" for k, v in sorted(params.items())]
    lines += ["", "### Files", ""]
    lines += [f"- `{path}`" for path in sorted(files)]
    failed = validation.get("failed", [])
    skipped = validation.get("skipped", [])
    lines += [
        "",
        "### Policy checks (Checkov + Palisade)",
        "",
        f"- passed: {validation.get('passed_count', 0)}",
        f"- failed: {len(failed)}",
        f"- skipped: {len(skipped)}",
    ]
    lines += [f"  - `{s['check_id']}`: {s.get('reason') or 'no reason given'}" for s in skipped]
    lines += ["", "### Guard", ""]
    if guard_notes:
        lines += [f"- {note} (content removed before any model saw it)" for note in guard_notes]
    else:
        lines.append("- nothing was blocked or redacted in this conversation")
    lines += [
        "",
        "### How to apply",
        "",
        "Review the plan in CI (`terraform init && terraform plan`) and merge after approval.",
        "",
        MARKER.format(branch=branch),
        "",
    ]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    return text.replace("|", "\\|").replace("`", "'")
