"""The chat engine: the only place that composes the stages.

    user text → guard (input) → provider (tool calls) → blueprints → validation → guard (output)
              → proposal → [on confirmation] pull request → audit log

Every turn is stored: the sanitized user message, guard decisions, the reply, proposals and pull requests.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from palisade.blueprints import Catalog, missing_params, render_blueprint, resource_name
from palisade.engine.events import TurnEvent
from palisade.engine.pr_body import render_pr_body
from palisade.engine.tools import SYSTEM_PROMPT, TOOLS
from palisade.errors import (
    BlueprintInputError,
    InputError,
    PalisadeError,
    PolicyViolationError,
    UnknownBlueprintError,
)
from palisade.guard.base import GuardLike, Verdict
from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    Provider,
    ToolCall,
)
from palisade.scm.base import ChangeSet, PullRequestRef, PullRequestSink
from palisade.storage import ProposalRecord, Store
from palisade.validators.base import ValidationReport, merge_reports

log = logging.getLogger(__name__)

SinkFactory = Callable[[str | None], PullRequestSink]
FilesValidator = Callable[[Mapping[str, str]], ValidationReport]


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Question:
    param: str
    question: str
    blueprint: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    blueprint: str
    name: str
    params: Mapping[str, Any]
    files: Mapping[str, str]  # repository path → content
    validation: ValidationReport
    ready: bool
    id: int | None = None
    suggested: Mapping[str, Any] = field(default_factory=dict)  # values Palisade proposed itself

    @property
    def rendered_params(self) -> dict[str, Any]:
        return {**self.suggested, **self.params}

    @property
    def branch(self) -> str:
        return f"palisade/{self.blueprint}/{self.name}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "blueprint": self.blueprint,
            "params": dict(self.params),
            "suggested": dict(self.suggested),
            "files": dict(self.files),
            "ready": self.ready,
            "branch": self.branch,
        }


@dataclass
class TurnResult:
    conversation_id: str
    input_verdict: Verdict
    reply: str = ""
    proposals: list[Proposal] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    pull_requests: list[PullRequestRef] = field(default_factory=list)
    output_verdict: Verdict | None = None
    calls: list[tuple[str, dict[str, Any]]] = field(
        default_factory=list
    )  # what the model asked for

    @property
    def validation(self) -> ValidationReport | None:
        if not self.proposals:
            return None
        return merge_reports(p.validation for p in self.proposals)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` contract (extended, never broken)."""
        validation = self.validation
        return {
            "conversation_id": self.conversation_id,
            "guard": {
                "input": self.input_verdict.to_dict(),
                "output": self.output_verdict.to_dict() if self.output_verdict else None,
            },
            "reply": self.reply,
            "proposals": [p.to_dict() for p in self.proposals],
            "questions": [
                {"param": q.param, "question": q.question, "blueprint": q.blueprint}
                for q in self.questions
            ],
            "validation": validation.to_dict() if validation else None,
            "notices": [{"kind": n.kind, "message": n.message} for n in self.notices],
            "pull_request": self.pull_requests[0].to_dict() if self.pull_requests else None,
            "pull_requests": [pr.to_dict() for pr in self.pull_requests],
        }


class ChatEngine:
    def __init__(
        self,
        *,
        catalog: Catalog,
        input_guard: GuardLike,
        output_guard: GuardLike,
        secrets_guard: GuardLike,
        provider: Provider,
        validate: FilesValidator,
        store: Store,
        sink_factory: SinkFactory,
        max_message_chars: int = 20_000,
        path_template: str = "palisade/{blueprint}/{name}",
    ) -> None:
        self.catalog = catalog
        self.input_guard = input_guard
        self.output_guard = output_guard
        self.secrets_guard = secrets_guard
        self.provider = provider
        self._validate = validate
        self.store = store
        self._sink_factory = sink_factory
        self.max_message_chars = max_message_chars
        self.path_template = path_template

    # ------------------------------------------------------------------ a turn
    async def send(
        self,
        text: str,
        *,
        user: str = "local",
        conversation_id: str | None = None,
    ) -> TurnResult:
        """Run one turn to the end and return its result (``stream`` without the events)."""
        async for event in self.stream(text, user=user, conversation_id=conversation_id):
            if event.turn is not None:
                return event.turn
        raise AssertionError("a turn stream always ends with a done event")  # pragma: no cover

    async def stream(
        self,
        text: str,
        *,
        user: str = "local",
        conversation_id: str | None = None,
    ) -> AsyncIterator[TurnEvent]:
        """Run one turn, yielding typed events (see ``engine/events.py``) as they happen.

        Input problems (empty or oversized message, unknown conversation) raise before the first event,
        so a channel can answer them with a plain error status. Closing the stream early (the user pressed
        Stop) cancels the model call; the turn is then recorded as stopped.
        """
        self._check_message(text)
        conversation_id = self._conversation(conversation_id, user, text)
        verdict = self.input_guard.scan(text)
        self._record_verdict(conversation_id, verdict, user)
        self.store.add_message(
            conversation_id,
            "user",
            verdict.sanitized,
            meta={"guard": verdict.to_dict() | {"blocked": verdict.blocked}, "sanitized": True},
        )
        turn = TurnResult(conversation_id=conversation_id, input_verdict=verdict)
        yield TurnEvent("started", {"conversation_id": conversation_id})
        yield TurnEvent("guard", _verdict_event(verdict))
        if verdict.blocked:
            turn.notices.append(Notice("guard_blocked", _blocked_message(verdict)))
            turn.reply = (
                "I can't work on this message: the guard blocked it "
                f"({'; '.join(verdict.summary())}). Rephrase the request as what you need built."
            )
            self.store.add_message(conversation_id, "assistant", turn.reply, meta={"blocked": True})
            for event in _notice_events(turn.notices):
                yield event
            for event in _delta_events(turn.reply):
                yield event
            yield TurnEvent("done", turn.to_dict(), turn=turn)
            return
        if verdict.sanitized_changed:
            turn.notices.append(Notice("guard_redacted", _redacted_message(verdict)))

        finished = False
        try:
            completion = await self.provider.complete(
                self._history(conversation_id), options=GenerationOptions(tools=TOOLS)
            )
            await self._apply_tool_calls(completion, turn)
            turn.reply = self._compose_reply(completion.text, turn)
            self._guard_output(turn, user)
            for i, proposal in enumerate(turn.proposals):
                record = self.store.save_proposal(
                    conversation_id,
                    proposal.blueprint,
                    proposal.rendered_params,
                    dict(proposal.files),
                    proposal.validation.to_dict(),
                    proposal.ready,
                )
                turn.proposals[i] = replace(proposal, id=record.id)
            self.store.add_message(
                conversation_id,
                "assistant",
                turn.reply,
                meta={
                    "tool_calls": [
                        {"id": c.id, "name": c.name, "arguments": c.arguments}
                        for c in completion.tool_calls
                    ],
                    "proposal_ids": [p.id for p in turn.proposals],
                    "notices": [n.kind for n in turn.notices],
                },
            )
            finished = True
        finally:
            if not finished:
                # Stopped by the user (the stream was closed) or failed: keep the conversation whole.
                self.store.add_message(
                    conversation_id,
                    "assistant",
                    "(stopped before an answer)",
                    meta={"stopped": True},
                )
        for event in _notice_events(turn.notices):
            yield event
        for event in _delta_events(turn.reply):
            yield event
        for proposal in turn.proposals:
            yield TurnEvent("proposal", proposal.to_dict())
            yield TurnEvent(
                "validation",
                {
                    "proposal_id": proposal.id,
                    "blueprint": proposal.blueprint,
                    **proposal.validation.to_dict(),
                },
            )
        for q in turn.questions:
            yield TurnEvent(
                "question", {"param": q.param, "question": q.question, "blueprint": q.blueprint}
            )
        if turn.output_verdict is not None:
            yield TurnEvent("guard", _verdict_event(turn.output_verdict))
        yield TurnEvent("done", turn.to_dict(), turn=turn)

    # --------------------------------------------------------- confirmation
    async def confirm(
        self, proposal_id: int, *, user: str = "local", repo: str | None = None
    ) -> PullRequestRef:
        """Open (or update) the pull request for a stored proposal the user confirmed."""
        record = self.store.get_proposal(proposal_id)
        if record is None:
            raise InputError(f"No proposal {proposal_id}. Ask for what you need first.")
        conversation = self.store.get_conversation(record.conversation_id)
        if conversation is None or conversation.user != user:
            raise InputError(f"No proposal {proposal_id} in your conversations.")
        try:
            ref = await asyncio.to_thread(self._open_pull_request, record, user, repo)
        except PalisadeError as exc:
            self.store.add_audit_event(
                "pull_request.failed",
                user,
                record.conversation_id,
                {"proposal_id": proposal_id, "error": str(exc), "kind": type(exc).__name__},
            )
            raise
        return ref

    def _open_pull_request(
        self, record: ProposalRecord, user: str, repo: str | None
    ) -> PullRequestRef:
        if not record.ready:
            raise PolicyViolationError(
                f"Proposal {record.id} ({record.blueprint}) failed validation, so no pull request "
                "can be opened. Fix the failed checks and ask again."
            )
        # Last line of defence: nothing secret leaves in a file or the PR body.
        leaks = [
            path for path, text in record.files.items() if _has_secret(self.secrets_guard, text)
        ]
        if leaks:
            raise PolicyViolationError(
                f"The guard found a secret in {', '.join(sorted(leaks))}; no pull request was opened."
            )
        sink = self._sink_factory(repo)
        bp = self.catalog.get(record.blueprint)
        name = resource_name(bp, record.params)
        messages = self.store.list_messages(record.conversation_id)
        asked = next((m.content for m in reversed(messages) if m.role == "user"), "")
        body = render_pr_body(
            blueprint=bp.id,
            title=bp.title,
            name=name,
            params=record.params,
            files=record.files,
            validation=record.validation,
            requested_by=user,
            requested_at=datetime.now(UTC),
            conversation_id=record.conversation_id,
            request=asked,
            guard_notes=_guard_notes(messages),
        )
        if _has_secret(self.secrets_guard, body):
            raise PolicyViolationError(
                "The guard found a secret in the PR description; not opened."
            )
        change = ChangeSet(
            repo=sink.repo,
            branch=f"palisade/{bp.id}/{name}",
            title=f"{bp.title}: {name}",
            body=body,
            files=record.files,
            validation_passed=record.ready,
        )
        ref = sink.open_pull_request(change)
        self.store.upsert_pull_request(
            repo=ref.repo,
            branch=ref.branch,
            url=ref.url,
            number=ref.number,
            title=change.title,
            body=body,
            commit=ref.commit,
            proposal_id=record.id,
            actor=user,
        )
        return ref

    # -------------------------------------------------------------- helpers
    def _check_message(self, text: str) -> None:
        if not text or not text.strip():
            raise InputError("The message is empty. Say what you need, e.g. 'a private S3 bucket'.")
        if len(text) > self.max_message_chars:
            raise InputError(
                f"The message is {len(text):,} characters; the limit is {self.max_message_chars:,}. "
                "Send the request in plain words, and check long files with `palisade validate`."
            )

    def _conversation(self, conversation_id: str | None, user: str, text: str) -> str:
        if conversation_id is None:
            title = " ".join(text.split())[:80]
            return self.store.create_conversation(user, title).id
        conversation = self.store.get_conversation(conversation_id)
        if conversation is None or conversation.user != user:
            raise InputError(
                f"No conversation {conversation_id!r}. Start a new one by leaving out the id."
            )
        return conversation_id

    def _record_verdict(self, conversation_id: str | None, verdict: Verdict, user: str) -> None:
        self.store.record_guard_decision(
            conversation_id,
            verdict.stage,
            valid=verdict.valid,
            blocked=verdict.blocked,
            scores=verdict.scores,
            summary=verdict.summary(),
            actor=user,
        )

    def _history(self, conversation_id: str) -> list[Message]:
        messages = [Message(role="system", content=SYSTEM_PROMPT)]
        for m in self.store.list_messages(conversation_id):
            meta = m.meta or {}
            if m.role == "user":
                if meta.get("guard", {}).get("blocked"):
                    continue  # a blocked message never reaches a model, not even later
                messages.append(Message(role="user", content=m.content))
            elif m.role == "assistant":
                calls = tuple(
                    ToolCall(id=c["id"], name=c["name"], arguments=c["arguments"])
                    for c in meta.get("tool_calls", [])
                )
                messages.append(Message(role="assistant", content=m.content, tool_calls=calls))
        return messages

    async def _apply_tool_calls(self, completion: Completion, turn: TurnResult) -> None:
        for call in completion.tool_calls:
            try:
                args = call.parsed_arguments()
            except ValueError as exc:
                log.warning("tool call %s with malformed arguments: %s", call.name, exc)
                continue
            turn.calls.append((call.name, args))
            if call.name == "propose_blueprint":
                proposal = await self._propose(args, turn)
                if proposal is not None:
                    turn.proposals.append(proposal)
            elif call.name == "ask_user":
                turn.questions.append(
                    Question(
                        param=str(args.get("param", "")),
                        question=str(args.get("question", "")),
                        blueprint=str(args.get("blueprint", "")),
                    )
                )
            elif call.name == "notice":
                turn.notices.append(
                    Notice(str(args.get("kind", "notice")), str(args.get("message", "")))
                )
            else:
                log.warning("ignoring call to unknown tool %r", call.name)

    async def _propose(self, args: Mapping[str, Any], turn: TurnResult) -> Proposal | None:
        blueprint_id = str(args.get("blueprint", ""))
        stated = args.get("params") or {}
        stated = stated if isinstance(stated, Mapping) else {}
        suggested = args.get("suggested") or {}
        suggested = suggested if isinstance(suggested, Mapping) else {}
        params = {**suggested, **stated}
        try:
            bp = self.catalog.get(blueprint_id)
        except UnknownBlueprintError as exc:
            turn.notices.append(Notice("unknown_blueprint", str(exc)))
            return None
        missing = missing_params(bp, params)
        if missing:
            asked = {q.param for q in turn.questions}
            for spec in missing:
                if spec.name not in asked:
                    question = spec.question or f"What should `{spec.name}` be? {spec.description}"
                    turn.questions.append(Question(spec.name, question.strip(), bp.id))
            return None
        try:
            files = render_blueprint(bp, params)
        except BlueprintInputError as exc:
            kind = "insecure_request" if exc.insecure else "invalid_parameters"
            turn.notices.append(Notice(kind, _problems_message(exc)))
            return None
        name = resource_name(bp, params)
        directory = self.path_template.format(blueprint=bp.id, name=name).strip("/")
        placed = {f"{directory}/{path}": text for path, text in files.items()}
        report = await asyncio.to_thread(self._validate, placed)
        return Proposal(
            blueprint=bp.id,
            name=name,
            params=dict(stated),
            files=placed,
            validation=report,
            ready=report.passed,
            suggested={k: v for k, v in suggested.items() if k not in stated},
        )

    def _guard_output(self, turn: TurnResult, user: str) -> None:
        verdict = self.output_guard.scan(turn.reply)
        turn.output_verdict = verdict
        if not verdict.valid:
            self._record_verdict(turn.conversation_id, verdict, user)
        if verdict.blocked:
            turn.notices.append(Notice("guard_blocked", "The answer was withheld by the guard."))
            turn.reply = "The answer was withheld because the output guard flagged it."
        else:
            turn.reply = verdict.sanitized
        for i, proposal in enumerate(turn.proposals):
            leaks = [
                p for p, text in proposal.files.items() if _has_secret(self.secrets_guard, text)
            ]
            if leaks:
                turn.notices.append(
                    Notice(
                        "guard_blocked",
                        f"A secret was found in {', '.join(leaks)}: this proposal cannot be "
                        "opened as a pull request. Use a secrets manager reference instead.",
                    )
                )
                turn.proposals[i] = replace(proposal, ready=False)

    def _compose_reply(self, text: str, turn: TurnResult) -> str:
        parts = [text.strip()] if text.strip() else []
        for n in turn.notices:
            if n.kind in ("invalid_parameters", "unknown_blueprint") and n.message not in text:
                parts.append(f"**Cannot build this yet:** {n.message}")
            if n.kind == "insecure_request" and n.message not in text:
                parts.append(f"**Not done as asked:** {n.message}")
        for p in turn.proposals:
            v = p.validation
            status = "ready to open as a pull request" if p.ready else "NOT ready: checks failed"
            parts.append(
                f"**{p.blueprint}** `{p.name}` — {len(p.files)} file(s); policy checks: "
                f"{v.passed_count} passed, {len(v.failed)} failed, {len(v.skipped)} skipped; {status}."
            )
            for f in v.failed:
                parts.append(
                    f"- ❌ `{f.check_id}` {f.resource} ({f.file}) {f.message} {f.fix}".rstrip()
                )
        if turn.questions:
            parts.append("To continue I need:")
            parts.extend(f"- {q.question}" for q in turn.questions)
        return (
            "\n\n".join(parts) if parts else "I could not find anything to build in that message."
        )


def _has_secret(guard: GuardLike, text: str) -> bool:
    """True when ``guard`` (a secrets-only pipeline) finds a credential in ``text``."""
    return not guard.scan(text).valid


def _verdict_event(verdict: Verdict) -> dict[str, Any]:
    """What a channel may show about a guard decision: scores and kinds, never the text."""
    return {
        "stage": verdict.stage,
        "valid": verdict.valid,
        "blocked": verdict.blocked,
        "redacted": verdict.sanitized_changed,
        "scanners": verdict.scores,
        "summary": verdict.summary(),
    }


def _notice_events(notices: Sequence[Notice]) -> Iterator[TurnEvent]:
    for n in notices:
        yield TurnEvent("notice", {"kind": n.kind, "message": n.message})


def _delta_events(reply: str) -> Iterator[TurnEvent]:
    """The guarded reply in line-sized pieces, so a channel can render it progressively."""
    for line in reply.splitlines(keepends=True):
        yield TurnEvent("delta", {"text": line})


def _blocked_message(verdict: Verdict) -> str:
    return "Blocked by the guard: " + "; ".join(verdict.summary())


def _redacted_message(verdict: Verdict) -> str:
    return (
        "Removed before any model saw it: "
        + "; ".join(verdict.summary())
        + ". Keep credentials in a secrets manager, never in chat."
    )


def _problems_message(exc: BlueprintInputError) -> str:
    return " ".join(str(p) for p in exc.problems)


def _guard_notes(messages: Sequence[Any]) -> list[str]:
    notes: list[str] = []
    for m in messages:
        guard = (m.meta or {}).get("guard")
        if m.role == "user" and guard and not guard.get("valid", True):
            scores = guard.get("scanners", {})
            notes.extend(f"{name}: triggered" for name, score in scores.items() if score > 0)
    return notes
