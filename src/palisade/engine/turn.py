"""The values a turn produces: notices, questions, proposals and the ``TurnResult`` (the ``--json`` contract).

They live apart from ``chat.py`` so the tool runner (``loop.py``) can build them without importing the engine;
``palisade.engine.chat`` re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from palisade.engine.usage import TurnUsage
from palisade.guard.base import Verdict
from palisade.scm.base import PullRequestRef
from palisade.validators.base import ValidationReport, merge_reports

__all__ = ["Notice", "Proposal", "Question", "TurnResult"]


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
    blueprint: str  # a catalog id, or "custom" for free-form Terraform
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
    usage: TurnUsage = field(default_factory=TurnUsage)
    withheld: bool = False  # the output guard withheld the whole reply

    @property
    def validation(self) -> ValidationReport | None:
        if not self.proposals:
            return None
        return merge_reports(p.validation for p in self.proposals)

    def add_notice(self, notice: Notice) -> bool:
        """Add ``notice`` unless the same one is there already; True when added."""
        if notice in self.notices:
            return False
        self.notices.append(notice)
        return True

    def add_proposal(self, proposal: Proposal) -> None:
        """A proposal for a branch already proposed in this turn replaces it (a repair or a re-render)."""
        for i, existing in enumerate(self.proposals):
            if existing.branch == proposal.branch:
                self.proposals[i] = proposal
                return
        self.proposals.append(proposal)

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
            "usage": self.usage.to_dict(),
            "withheld": self.withheld,
        }
