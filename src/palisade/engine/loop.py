"""The tool runner: what happens when the model (or the offline engine) calls a tool.

One call in, one ``ToolOutcome`` out: the text the model gets back (JSON, size-limited; the engine guards and
labels it), and what the user gets (proposals, questions, notices). A call is refused — with an error result
the model can read and, for anything suspicious, a notice for the user — when the tool was not offered
(``open_pull_request`` is never offered), or its arguments do not validate.

Nothing here talks to a provider or a guard; ``ChatEngine`` does that around each call.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from palisade.blueprints import Catalog, missing_params, render_blueprint, resource_name
from palisade.engine.freeform import (
    CUSTOM_BLUEPRINT,
    custom_name,
    file_problems,
    policy_findings,
)
from palisade.engine.placeholders import has_placeholder, placeholder_kinds, placeholder_question
from palisade.engine.repo_files import RepoFileError, read_repo_file
from palisade.engine.tools import ARGUMENT_MODELS, FINAL_TOOLS
from palisade.engine.turn import Notice, Proposal, Question
from palisade.errors import (
    BlueprintInputError,
    UnknownBlueprintError,
    UnparseableFileError,
    ValidatorError,
)
from palisade.validators.base import Finding, ValidationReport, merge_reports

__all__ = ["MAX_RESULT_CHARS", "ToolOutcome", "ToolRunner", "problems_message"]

MAX_RESULT_CHARS = 8_000
FilesValidator = Callable[[Mapping[str, str]], ValidationReport]
SecretCheck = Callable[[str], bool]

_VALIDATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.(tf|yaml|yml|json)$")


@dataclass(slots=True)
class ToolOutcome:
    content: str  # for the model
    ok: bool = True
    # True when ``content`` carries text from outside Palisade (a repository file, the catalog):
    # that text gets the input guard's prompt-injection scan. Palisade's own reports do not.
    external: bool = False
    final: bool = False  # nothing in it the model must read (see tools.FINAL_TOOLS)
    proposal: Proposal | None = None
    questions: list[Question] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


def _limit(text: str) -> str:
    if len(text) <= MAX_RESULT_CHARS:
        return text
    return (
        text[:MAX_RESULT_CHARS] + f"… [truncated: {len(text) - MAX_RESULT_CHARS:,} more characters]"
    )


def _error(message: str, *, notice: Notice | None = None) -> ToolOutcome:
    return ToolOutcome(
        content=_json({"error": message}), ok=False, notices=[notice] if notice else []
    )


def _withheld_notice(params: list[str]) -> Notice:
    names = ", ".join(f"`{p}`" for p in params)
    return Notice(
        "placeholder_value",
        f"Left out {names}: the value held personal data or a secret that the guard replaced by a "
        "placeholder, and Palisade does not write those into infrastructure code.",
    )


def _placeholder_file_notice(paths: list[str]) -> Notice:
    return Notice(
        "placeholder_value",
        f"A guard placeholder ([REDACTED_…]) ended up in {', '.join(paths)}: this proposal cannot be "
        "opened as a pull request.",
    )


def problems_message(exc: BlueprintInputError) -> str:
    return " ".join(str(p) for p in exc.problems)


def _report_summary(report: ValidationReport, *, limit: int = 20) -> dict[str, Any]:
    return {
        "passed": report.passed,
        "passed_count": report.passed_count,
        "failed": [
            {
                "check_id": f.check_id,
                "resource": f.resource,
                "file": f.file.rsplit("/", 1)[-1],
                "line": f.line,
                "message": f.message,
                "fix": f.fix,
            }
            for f in report.failed[:limit]
        ],
        "failed_count": len(report.failed),
        "skipped": [{"check_id": f.check_id, "reason": f.reason} for f in report.skipped[:limit]],
    }


class ToolRunner:
    """Runs tool calls for one turn (it counts free-form repair attempts per turn)."""

    def __init__(
        self,
        *,
        catalog: Catalog,
        validate: FilesValidator,
        has_secret: SecretCheck,
        conversation_id: str,
        offered: Collection[str],
        path_template: str = "palisade/{blueprint}/{name}",
        repo_root: Path | None = None,
        repair_rounds: int = 2,
    ) -> None:
        self.catalog = catalog
        self._validate = validate
        self._has_secret = has_secret
        self.conversation_id = conversation_id
        self.offered = frozenset(offered)
        self.path_template = path_template
        self.repo_root = repo_root
        self.repair_rounds = repair_rounds
        self._freeform_attempts = 0

    async def run(
        self, name: str, args: dict[str, Any], *, asked: Collection[str] = ()
    ) -> ToolOutcome:
        """The outcome of calling ``name`` with ``args`` (already parsed from JSON and guarded)."""
        if name not in self.offered:
            return self._refused(name)
        model = ARGUMENT_MODELS.get(name)
        parsed: BaseModel | None = None
        if model is not None:
            try:
                parsed = model.model_validate(args)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}"
                    for e in exc.errors()[:8]
                )
                return _error(
                    f"Invalid arguments for {name}: {problems}. Call it again, corrected."
                )
        outcome = await self._dispatch(name, args, parsed, asked)
        outcome.final = name in FINAL_TOOLS
        outcome.content = _limit(outcome.content)
        return outcome

    # ---------------------------------------------------------------------------------- dispatch
    async def _dispatch(
        self, name: str, args: dict[str, Any], parsed: BaseModel | None, asked: Collection[str]
    ) -> ToolOutcome:
        if name == "search_catalog":
            return self.search_catalog(str(args["query"]), args.get("cloud"))
        if name in ("render_blueprint", "propose_blueprint"):
            return await self.propose_blueprint(args, asked=asked, ask=name == "propose_blueprint")
        if name == "validate_files":
            return await self.validate_files(dict(args["files"]))
        if name == "read_repo_file":
            return self.read_repo_file(str(args["path"]))
        if name == "propose_terraform":
            return await self.propose_terraform(
                str(args["name"]), str(args.get("summary", "")), dict(args["files"])
            )
        if name == "ask_user":
            return self.ask_user(args)
        if name == "notice":
            kind = str(args.get("kind", "notice"))
            message = str(args.get("message", ""))
            return ToolOutcome(content=_json({"noted": kind}), notices=[Notice(kind, message)])
        return self._refused(name)  # pragma: no cover - offered but unknown: a wiring mistake

    def _refused(self, name: str) -> ToolOutcome:
        if name in ("open_pull_request", "create_pull_request", "merge", "push", "open_pr"):
            message = (
                f"{name} is not a tool you can call: pull requests are opened only when the user "
                "confirms a proposal. Tell the user how to confirm instead."
            )
        else:
            tools = ", ".join(sorted(self.offered))
            message = f"There is no tool {name!r}. The tools are: {tools}."
        shown = name if re.fullmatch(r"[\w.-]{1,64}", name) else "(unnamed)"
        return _error(
            message,
            notice=Notice(
                "tool_refused",
                f"The assistant tried to call `{shown}`, which it is not allowed to use; it was refused. "
                "Pull requests are opened only when you confirm a proposal.",
            ),
        )

    # ------------------------------------------------------------------------------ the tools
    def search_catalog(self, query: str, cloud: Any) -> ToolOutcome:
        words = {w for w in re.findall(r"[a-z0-9]+", query.lower()) if len(w) > 1}
        text = query.lower()
        scored: list[tuple[int, dict[str, Any]]] = []
        for summary in self.catalog.summaries():
            if cloud and summary.get("cloud") != cloud:
                continue
            score = 0
            for phrase in summary.get("keywords") or []:
                if str(phrase).lower() in text:
                    score += 3
            for source, weight in (
                (f"{summary['id']} {summary['title']}", 2),
                (str(summary.get("description", "")), 1),
            ):
                found = set(re.findall(r"[a-z0-9]+", source.lower()))
                score += weight * len(words & found)
            if score:
                scored.append((score, summary))
        scored.sort(key=lambda item: (-item[0], item[1]["id"]))
        matches = [
            {
                "id": s["id"],
                "title": s["title"],
                "cloud": s.get("cloud"),
                "description": str(s.get("description", ""))[:300],
                "params": [
                    {
                        k: v
                        for k, v in p.items()
                        if k in ("name", "type", "required", "default", "choices", "description")
                        and v not in (None, [], "")
                    }
                    for p in s.get("params", [])
                ],
            }
            for _, s in scored[:4]
        ]
        result: dict[str, Any] = {"matches": matches}
        if not matches:
            result["note"] = (
                "No catalog blueprint matches. If the need is a security control, you may write "
                "Terraform with propose_terraform; otherwise tell the user it is out of scope."
            )
        return ToolOutcome(content=_json(result), external=True)

    async def propose_blueprint(
        self, args: Mapping[str, Any], *, asked: Collection[str], ask: bool
    ) -> ToolOutcome:
        """``render_blueprint`` (model) and ``propose_blueprint`` (offline): the same proposal.

        The offline engine's missing values become questions here (``ask``); a model is told what is
        missing and asks itself (``ask_user``), since it may know the values from the conversation.
        """
        blueprint_id = str(args.get("blueprint", ""))
        stated = args.get("params") or {}
        stated = dict(stated) if isinstance(stated, Mapping) else {}
        suggested = args.get("suggested") or {}
        suggested = dict(suggested) if isinstance(suggested, Mapping) else {}
        try:
            bp = self.catalog.get(blueprint_id)
        except UnknownBlueprintError as exc:
            return _error(str(exc), notice=Notice("unknown_blueprint", str(exc)))
        # A guard placeholder is not a value: the real one was withheld on purpose (placeholders.py).
        withheld = {
            k: placeholder_kinds(v)
            for k, v in {**suggested, **stated}.items()
            if has_placeholder(v)
        }
        stated = {k: v for k, v in stated.items() if k not in withheld}
        suggested = {k: v for k, v in suggested.items() if k not in withheld}
        params = {**suggested, **stated}
        instead = {k: placeholder_question(k, kinds) for k, kinds in sorted(withheld.items())}
        missing = missing_params(bp, params)
        if missing:
            questions = [
                Question(
                    spec.name,
                    instead.get(spec.name)
                    or (
                        spec.question or f"What should `{spec.name}` be? {spec.description}"
                    ).strip(),
                    bp.id,
                )
                for spec in missing
                if spec.name not in asked
            ]
            content = _json(
                {
                    "status": "missing_values",
                    "blueprint": bp.id,
                    "missing": [
                        {
                            "param": s.name,
                            "question": instead.get(s.name, s.question),
                            "description": s.description,
                        }
                        for s in missing
                    ],
                    "next": "Ask the user for these with ask_user; never invent them.",
                }
            )
            return ToolOutcome(content=content, questions=questions if ask else [])
        try:
            files = render_blueprint(bp, params)
        except BlueprintInputError as exc:
            kind = "insecure_request" if exc.insecure else "invalid_parameters"
            message = problems_message(exc)
            content = _json(
                {
                    "status": "refused" if exc.insecure else "invalid",
                    "problems": [
                        {"param": p.param, "message": p.message, "suggestion": p.suggestion}
                        for p in exc.problems
                    ],
                    "next": "Explain the problem and the secure alternative to the user; do not "
                    "retry with another insecure value.",
                }
            )
            return ToolOutcome(content=content, ok=False, notices=[Notice(kind, message)])
        name = resource_name(bp, params)
        directory = self.path_template.format(blueprint=bp.id, name=name).strip("/")
        placed = {f"{directory}/{path}": text for path, text in files.items()}
        try:
            report = await asyncio.to_thread(self._validate, placed)
        except ValidatorError as exc:  # a blueprint that renders to something unparseable
            return _error(f"The checks could not run on {bp.id}: {exc}")
        leaked = sorted(path for path, text in placed.items() if has_placeholder(text))
        proposal = Proposal(
            blueprint=bp.id,
            name=name,
            params=dict(stated),
            files=placed,
            validation=report,
            ready=report.passed and not leaked,  # a placeholder written by the blueprint itself
            suggested={k: v for k, v in suggested.items() if k not in stated},
        )
        content = self.proposal_result(proposal)
        notices = [_placeholder_file_notice(leaked)] if leaked else []
        if withheld:
            # Rendered without them (each is optional); the user is asked for usable values.
            content = content[:-1] + (
                f',"left_out":{_json(sorted(withheld))},'
                '"next":"These values held data the guard withheld. Ask the user for a value '
                'without personal data or secrets with ask_user; never put a placeholder back."}'
            )
            notices.append(_withheld_notice(sorted(withheld)))
        return ToolOutcome(
            content=content,
            proposal=proposal,
            questions=[Question(k, q, bp.id) for k, q in instead.items() if k not in asked]
            if ask
            else [],
            notices=notices,
        )

    async def validate_files(self, files: dict[str, str]) -> ToolOutcome:
        bad = [n for n in files if not _VALIDATE_NAME.match(PurePosixPath(n).name) or ".." in n]
        if bad:
            return _error(
                f"Unusable file names: {', '.join(map(repr, bad))}. Use names like main.tf or app.yaml."
            )
        placed = {f"check/{PurePosixPath(n).name}": text for n, text in files.items()}
        try:
            report = await asyncio.to_thread(self._validate, placed)
        except UnparseableFileError as exc:
            return _error(f"{exc.path.rsplit('/', 1)[-1]} could not be parsed: {exc.detail}")
        except ValidatorError as exc:
            return _error(f"The checks could not run: {exc}")
        return ToolOutcome(content=_json(_report_summary(report)))

    def read_repo_file(self, path: str) -> ToolOutcome:
        try:
            found = read_repo_file(self.repo_root, path)
        except RepoFileError as exc:
            return _error(str(exc))
        header = {"path": found.path, "size": found.size, "truncated": found.truncated}
        return ToolOutcome(content=_json(header) + "\n" + found.text, external=True)

    async def propose_terraform(
        self, title: str, summary: str, files: dict[str, str]
    ) -> ToolOutcome:
        allowed = 1 + self.repair_rounds
        if self._freeform_attempts >= allowed:
            return _error(
                f"No attempts left this turn ({allowed} used). Explain the remaining findings to the "
                "user instead."
            )
        self._freeform_attempts += 1
        left = allowed - self._freeform_attempts
        problems = file_problems(files)
        if problems:
            return _error(" ".join(problems) + f" Attempts left: {left}.")
        name = custom_name(self.conversation_id, title)
        directory = self.path_template.format(blueprint=CUSTOM_BLUEPRINT, name=name).strip("/")
        placed = {f"{directory}/{path}": text for path, text in files.items()}
        try:
            report = await asyncio.to_thread(self._validate, placed)
        except UnparseableFileError as exc:
            return _error(
                f"{exc.path.rsplit('/', 1)[-1]} could not be parsed: {exc.detail}. Attempts left: {left}."
            )
        except ValidatorError as exc:
            return _error(f"The checks could not run: {exc}")
        extra = policy_findings(placed)
        extra.extend(
            Finding(
                check_id="PAL_FREEFORM_SECRET",
                result="failed",
                resource="",
                file=path,
                message="A credential is written into the file.",
                severity="critical",
                fix="Reference a secrets manager (or a variable marked sensitive) instead.",
                validator="palisade-freeform",
            )
            for path, text in placed.items()
            if self._has_secret(text)
        )
        leaked = [path for path, text in placed.items() if has_placeholder(text)]
        extra.extend(
            Finding(
                check_id="PAL_FREEFORM_PLACEHOLDER",
                result="failed",
                resource="",
                file=path,
                message="A guard placeholder ([REDACTED_…]) is written into the file: the real value "
                "was withheld on purpose.",
                severity="high",
                fix="Use a variable, a team mailbox or a secrets-manager reference instead.",
                validator="palisade-freeform",
            )
            for path in leaked
        )
        report = merge_reports([report, ValidationReport("palisade-freeform", tuple(extra))])
        proposal = Proposal(
            blueprint=CUSTOM_BLUEPRINT,
            name=name,
            params={"name": name, "title": title, "summary": summary},
            files=placed,
            validation=report,
            ready=report.passed,
        )
        content = self.proposal_result(proposal)
        if not report.passed:
            hint = (
                f"Fix every failed check and call propose_terraform again with the complete files "
                f"({left} attempt(s) left)."
                if left
                else "No attempts left: show the user what still fails and why."
            )
            content = content[:-1] + f',"next":{_json(hint)}}}'
        notices = [_placeholder_file_notice(sorted(leaked))] if leaked else []
        return ToolOutcome(content=content, proposal=proposal, notices=notices)

    def ask_user(self, args: Mapping[str, Any]) -> ToolOutcome:
        question = Question(
            param=str(args.get("param", "")),
            question=str(args.get("question", "")).strip(),
            blueprint=str(args.get("blueprint", "")),
        )
        return ToolOutcome(
            content=_json({"status": "asked", "next": "End your turn; the user answers next."}),
            questions=[question],
        )

    # ------------------------------------------------------------------------------ results
    @staticmethod
    def proposal_result(proposal: Proposal) -> str:
        return _json(
            {
                "status": "proposed",
                "blueprint": proposal.blueprint,
                "name": proposal.name,
                "branch": proposal.branch,
                "ready": proposal.ready,
                "params": proposal.rendered_params,
                "files": sorted(p.rsplit("/", 1)[-1] for p in proposal.files),
                "validation": _report_summary(proposal.validation),
                "note": "The user sees the files and the checks. They open a pull request by "
                "confirming a ready proposal; you cannot.",
            }
        )
