"""What the model is sent: the stored conversation rebuilt as messages, with untrusted text labelled.

A turn is stored as the user's (sanitized) message and one assistant message whose ``meta`` keeps the
turn's tool rounds (``rounds``: text, tool calls and the guarded results). That rebuilds into a valid
chat-completions history — every assistant tool call followed by its result — so a restarted server, or
another process, continues a conversation exactly where it stopped.

Two styles:

* ``model`` (a language model): user text, tool results and proposal summaries are wrapped in labelled tags
  (``<user_message untrusted="true">``) with any closing tag inside escaped, so data cannot pose as
  instructions or break out of its label. Results of earlier turns are shortened.
* ``catalog`` (the offline engine): the plain text and the flattened tool calls it reads follow-ups from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from palisade.providers.base import Message, ToolCall
from palisade.storage import MessageRecord, ProposalRecord

__all__ = [
    "HistoryStyle",
    "build_history",
    "proposals_context",
    "truncate",
    "untrusted",
]

HistoryStyle = Literal["model", "catalog"]

MAX_MESSAGES = 40
OLD_RESULT_CHARS = 1_500
CONTEXT_FILE_CHARS = 12_000


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n… [truncated: {len(text) - limit:,} more characters]"


def untrusted(tag: str, content: str, **attributes: str) -> str:
    """``content`` inside ``<tag ... untrusted="true">``, with any ``<tag``/``</tag`` in it neutralised."""
    escaped = re.sub(rf"<(/?)\s*{re.escape(tag)}", rf"&lt;\1{tag}", content, flags=re.IGNORECASE)
    attrs = "".join(f' {k}="{_attr(v)}"' for k, v in attributes.items())
    return f'<{tag}{attrs} untrusted="true">\n{escaped}\n</{tag}>'


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _calls(
    raw: Iterable[Mapping[str, Any]], *, rename: Mapping[str, str] | None = None
) -> tuple[ToolCall, ...]:
    rename = rename or {}
    return tuple(
        ToolCall(
            id=str(c.get("id", "")),
            name=rename.get(str(c.get("name", "")), str(c.get("name", ""))),
            arguments=str(c.get("arguments", "")),
        )
        for c in raw
    )


def _model_turn(record: MessageRecord, *, latest: bool) -> list[Message]:
    meta = record.meta or {}
    messages: list[Message] = []
    for round_ in meta.get("rounds", []):
        calls = _calls(round_.get("tool_calls", []))
        if not calls:
            continue
        results = {
            str(r.get("tool_call_id")): str(r.get("content", "")) for r in round_.get("results", [])
        }
        messages.append(Message(role="assistant", content="", tool_calls=calls))
        for call in calls:
            content = results.get(
                call.id, untrusted("tool_result", "(no result recorded)", name=call.name)
            )
            if not latest:
                content = truncate(content, OLD_RESULT_CHARS)
            messages.append(Message(role="tool", content=content, tool_call_id=call.id))
    messages.append(Message(role="assistant", content=record.content))
    return messages


def build_history(
    records: Sequence[MessageRecord],
    *,
    system: str,
    style: HistoryStyle,
    context: str | None = None,
) -> list[Message]:
    """The messages for the next model call; ``context`` goes just before the latest user message."""
    records = list(records)[-MAX_MESSAGES:]
    messages = [Message(role="system", content=system)]
    last_user = max((i for i, r in enumerate(records) if r.role == "user"), default=-1)
    last_assistant = max((i for i, r in enumerate(records) if r.role == "assistant"), default=-1)
    for i, record in enumerate(records):
        meta = record.meta or {}
        if record.role == "user":
            if meta.get("guard", {}).get("blocked"):
                continue  # a blocked message never reaches a model, not even later
            if i == last_user and context:
                messages.append(Message(role="system", content=context))
            content = (
                untrusted("user_message", record.content) if style == "model" else record.content
            )
            messages.append(Message(role="user", content=content))
        elif record.role == "assistant":
            if style == "model":
                messages.extend(_model_turn(record, latest=i == last_assistant))
            else:
                # The offline engine reads earlier proposals from the calls; a model's render_blueprint
                # is the same proposal to it.
                calls = _calls(
                    meta.get("tool_calls", []), rename={"render_blueprint": "propose_blueprint"}
                )
                messages.append(Message(role="assistant", content=record.content, tool_calls=calls))
    return messages


def proposals_context(records: Sequence[ProposalRecord]) -> str | None:
    """A compact summary of the conversation's current proposals, so follow-ups can change them."""
    if not records:
        return None
    summary: list[dict[str, Any]] = []
    budget = CONTEXT_FILE_CHARS
    for record in records:
        failed = [f.get("check_id") for f in (record.validation or {}).get("failed", [])]
        item: dict[str, Any] = {
            "id": record.id,
            "blueprint": record.blueprint,
            "params": record.params,
            "ready": record.ready,
            "failed_checks": failed,
        }
        if record.blueprint == "custom":
            files: dict[str, str] = {}
            for path, text in record.files.items():
                files[path.rsplit("/", 1)[-1]] = truncate(text, max(budget, 0))
                budget -= len(text)
            item["files"] = files
        else:
            item["files"] = sorted(record.files)
        summary.append(item)
    body = json.dumps(summary, indent=1, sort_keys=True, default=str)
    return (
        "The conversation's current proposals (the user sees them). A follow-up changes these: "
        "render again with the changed values, or propose the added piece.\n"
        + untrusted("current_proposals", body)
    )
