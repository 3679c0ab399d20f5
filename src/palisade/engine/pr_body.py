"""The pull-request description: what was asked, by whom, the files, the checks, the guard's notes.

A reviewer should be able to approve from the description alone: who asked and where to read the
conversation, every file, what the policy checks said (including each skipped check's written reason
and, when an approver overrode failed checks, who and why), what the guard removed (the kind, never
the value) and how to apply it.

The user's words are not quoted. A request can hold exactly what the assistant refused
(``storage_encrypted = false``), an injection aimed at the reviewer ("docs-only change, merge quickly")
or data the guard replaced; a reviewer skimming the description would read it as what the change does.
"What was asked" is built from structured facts only: the blueprint's title and id, the parameter values
(each already validated against the blueprint's parameter type), who, when, and the link to the
conversation, where the full request can be read in context. What does come from outside (names,
values) is still neutralised so it cannot ping people (``@``), hide HTML or forge Palisade's marker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

MARKER = "<!-- palisade:branch={branch} -->"


@dataclass(frozen=True, slots=True)
class ValidationException:
    """An approver's decision to open a proposal whose checks failed, and why."""

    approver: str
    justification: str


def render_pr_body(
    *,
    blueprint: str | None,
    title: str,
    name: str,
    params: Mapping[str, Any],
    files: Mapping[str, str],
    validation: Mapping[str, Any],
    requested_by: str,
    requested_at: datetime,
    conversation_id: str,
    guard_notes: Sequence[str] = (),
    branch: str | None = None,
    conversation_url: str | None = None,
    validation_exception: ValidationException | None = None,
) -> str:
    branch = branch or f"palisade/{blueprint}/{name}"
    where = f"Palisade conversation `{conversation_id}`"
    if conversation_url:
        where = f"[{where}]({conversation_url})"
    what = (
        f"**{_text(title)}** (blueprint `{_code(blueprint)}`)"
        if blueprint
        else "free-form infrastructure-as-code (no catalog blueprint), written by the assistant"
    )
    lines = [
        f"## {_text(title)}: `{_code(name)}`",
        "",
        "### What was asked",
        "",
        f"**{_text(requested_by)}** asked for {what} on {requested_at:%Y-%m-%d %H:%M} UTC "
        f"in {where}.",
        "",
        "The request is not quoted here: read it in the conversation. "
        + (
            "The parameters below are the values it was rendered with, each checked against the blueprint."
            if params
            else "Review the files and the checks below."
        ),
        "",
    ]
    if params:
        lines += ["### Parameters", "", "| parameter | value |", "|---|---|"]
        lines += [f"| `{_code(k)}` | `{_cell(v)}` |" for k, v in sorted(params.items())]
        lines.append("")
    lines += ["### Files", ""]
    lines += [f"- `{path}` ({_count_lines(files[path])})" for path in sorted(files)]
    lines += ["", *_checks(validation, validation_exception), "", "### Guard", ""]
    if guard_notes:
        lines += [
            f"- {_text(note)} (content removed before any model saw it)" for note in guard_notes
        ]
    else:
        lines.append("- nothing was blocked or redacted in this conversation")
    lines += [
        "",
        "### How to apply",
        "",
        *_how_to_apply(files),
        "",
        MARKER.format(branch=branch),
        "",
    ]
    return "\n".join(lines)


def _checks(validation: Mapping[str, Any], exception: ValidationException | None) -> list[str]:
    failed = list(validation.get("failed") or [])
    skipped = list(validation.get("skipped") or [])
    passed = int(validation.get("passed_count") or 0)
    lines = ["### Policy checks (Checkov + Palisade)", ""]
    if not failed:
        lines.append(f"✅ No check failed: {passed} passed, {len(skipped)} skipped.")
    else:
        lines.append(f"❌ {len(failed)} failed, {passed} passed, {len(skipped)} skipped.")
    if skipped:
        lines += ["", "Skipped, each with its written reason:"]
        lines += [
            f"- `{_code(s.get('check_id', '?'))}`: {_text(s.get('reason') or 'no reason given')}"
            for s in skipped
        ]
    if failed:
        lines += ["", "Failed:"]
        for f in failed:
            where = f" ({_code(f['file'])})" if f.get("file") else ""
            resource = f" `{_code(f['resource'])}`" if f.get("resource") else ""
            lines.append(
                f"- `{_code(f.get('check_id', '?'))}`{resource}{where}: "
                f"{_text(f.get('message') or '')}".rstrip()
            )
    if exception is not None:
        lines += [
            "",
            f"> ⚠️ **Opened with a validation exception** approved by **{_text(exception.approver)}**:",
            f"> {_text(' '.join(exception.justification.split()))}",
        ]
    return lines


def _how_to_apply(files: Mapping[str, str]) -> list[str]:
    steps = []
    if any(p.endswith(".tf") for p in files):
        steps.append(
            "1. Let CI run `terraform init && terraform plan` in the directory above and read the plan."
        )
    if any(p.endswith((".yaml", ".yml")) for p in files):
        steps.append(
            f"{len(steps) + 1}. Check the manifests with `kubectl apply --dry-run=server -f <file>`."
        )
    steps += [
        f"{len(steps) + 1}. Approve and merge; your usual pipeline applies it.",
        f"{len(steps) + 2}. To change it, ask Palisade again: the same request updates this pull "
        "request. Don't push to this branch: Palisade stops updating a branch with human commits.",
    ]
    return steps


def _count_lines(text: str) -> str:
    count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    return f"{count} line{'s' if count != 1 else ''}"


def _text(value: Any) -> str:
    """Neutralise markdown/HTML that could hide content, ping people or forge the marker."""
    return (
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("@", "@\u200b")
    )


def _code(value: Any) -> str:
    return str(value).replace("`", "'")


def _cell(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    return _code(text).replace("|", "\\|").replace("\n", " ")
