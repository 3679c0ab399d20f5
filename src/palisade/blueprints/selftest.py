"""``palisade blueprints test``: what a blueprint author runs before shipping a blueprint.

Every blueprint is rendered with its defaults (the required values of its first example) and with each example;
every output must parse (HCL2 or YAML), be canonically formatted with pinned provider versions, and pass the
validators with zero failed checks and a written reason for every skip. Each declared insecure example must be
refused as insecure. Broken blueprint folders found while loading are reported as ``load`` cases.

The validators are passed in (``validate``): the blueprints package does not import the validators package
(only the engine and the channels compose the stages), so anything with a report of findings fits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from palisade.blueprints.base import Blueprint
from palisade.blueprints.catalog import Catalog, LoadProblem, render_blueprint
from palisade.blueprints.fmt import format_problems, pinning_problems
from palisade.errors import BlueprintInputError, PalisadeError

__all__ = ["CaseResult", "FindingLike", "ReportLike", "default_values", "run_blueprint_tests"]

MIN_SKIP_REASON = 10  # characters; "ok" or "todo" is not a reason
_NO_REASON = {
    "no comment provided"
}  # what Checkov reports for `# checkov:skip=ID` without a reason


class FindingLike(Protocol):
    @property
    def check_id(self) -> str: ...
    @property
    def resource(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def message(self) -> str: ...
    @property
    def reason(self) -> str: ...


class ReportLike(Protocol):
    @property
    def failed(self) -> Sequence[FindingLike]: ...
    @property
    def skipped(self) -> Sequence[FindingLike]: ...
    @property
    def passed_count(self) -> int: ...


Validate = Callable[[Mapping[str, str]], ReportLike]


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One rendered case of one blueprint (or one load problem): ok, or the problems found."""

    blueprint: str
    case: str  # "load", "defaults", "example 2", "insecure 1"
    ok: bool
    problems: tuple[str, ...] = ()
    checks_passed: int = 0
    skipped: tuple[str, ...] = field(default=())  # "CHECK_ID resource: reason"
    source: str = ""  # the file to look at

    def to_dict(self) -> dict[str, Any]:
        return {
            "blueprint": self.blueprint,
            "case": self.case,
            "ok": self.ok,
            "problems": list(self.problems),
            "checks_passed": self.checks_passed,
            "skipped": list(self.skipped),
            "source": self.source,
        }


def default_values(bp: Blueprint) -> dict[str, Any]:
    """Only the required values (from the first example); everything else keeps its default."""
    first = bp.examples[0]["params"] if bp.examples else {}
    return {p.name: first[p.name] for p in bp.params if p.required and p.name in first}


def run_blueprint_tests(
    catalog: Catalog,
    validate: Validate,
    *,
    ids: Iterable[str] | None = None,
    load_problems: Iterable[LoadProblem] = (),
) -> list[CaseResult]:
    """Results for the chosen blueprints (all when ``ids`` is None), load problems first."""
    wanted = None if ids is None else set(ids)
    broken: dict[str, list[LoadProblem]] = {}
    for problem in load_problems:
        if wanted is None or problem.blueprint in wanted:
            broken.setdefault(problem.blueprint, []).append(problem)
    results = [
        CaseResult(
            blueprint,
            "load",
            False,
            tuple(p.message for p in problems),
            source=", ".join(dict.fromkeys(str(p.path) for p in problems)),
        )
        for blueprint, problems in broken.items()
    ]
    for bp in catalog:
        if wanted is not None and bp.id not in wanted:
            continue
        meta = str(bp.source_dir / "blueprint.yaml")
        results.append(_rendered_case(bp, "defaults", default_values(bp), validate, meta))
        for index, example in enumerate(bp.examples, start=1):
            results.append(
                _rendered_case(bp, f"example {index}", example["params"], validate, meta)
            )
        for index, example in enumerate(bp.insecure_examples, start=1):
            results.append(_insecure_case(bp, index, example, meta))
    return results


def _rendered_case(
    bp: Blueprint, case: str, values: Mapping[str, Any], validate: Validate, source: str
) -> CaseResult:
    def fail(*problems: str) -> CaseResult:
        return CaseResult(bp.id, case, False, tuple(problems), source=source)

    try:
        files = render_blueprint(bp, values)
    except PalisadeError as exc:
        return fail(f"does not render: {exc}")
    problems: list[str] = []
    parsed: list[Mapping[str, Any]] = []
    for name, text in files.items():
        try:
            if name.endswith(".tf"):
                parsed.append(_parse_hcl(text))
            elif name.endswith((".yaml", ".yml")):
                list(yaml.safe_load_all(text))
        except Exception as exc:  # hcl2 (lark) raises several unrelated exception types
            problems.append(f"{name} does not parse: {str(exc).strip().splitlines()[0]}")
        problems.extend(format_problems(name, text))
    if bp.format == "terraform":
        problems.extend(pinning_problems(parsed))
    if any("does not parse" in p for p in problems):
        return fail(*problems)
    try:
        report = validate(files)
    except PalisadeError as exc:
        return fail(*problems, f"validation could not run: {exc}")
    problems.extend(
        f"{f.check_id} {f.resource} ({f.file}:{f.line or '?'}): {f.message}" for f in report.failed
    )
    skipped = tuple(f"{f.check_id} {f.resource}: {f.reason}" for f in report.skipped)
    problems.extend(
        f"{f.check_id} {f.resource} is skipped without a written reason (at least "
        f"{MIN_SKIP_REASON} characters)"
        for f in report.skipped
        if len(f.reason.strip()) < MIN_SKIP_REASON or f.reason.strip().lower() in _NO_REASON
    )
    if report.passed_count == 0 and not report.failed:
        problems.append("no check applied to the output: nothing was verified")
    return CaseResult(
        bp.id,
        case,
        not problems,
        tuple(problems),
        checks_passed=report.passed_count,
        skipped=skipped,
        source=source,
    )


def _insecure_case(
    bp: Blueprint, index: int, example: Mapping[str, Any], source: str
) -> CaseResult:
    case = f"insecure {index}"
    try:
        render_blueprint(bp, example["params"])
    except BlueprintInputError as exc:
        insecure = {p.param for p in exc.problems if p.insecure}
        expected = set(example.get("refused") or ())
        if not insecure:
            return CaseResult(
                bp.id,
                case,
                False,
                (f"refused, but not as insecure (no secure alternative offered): {exc}",),
                source=source,
            )
        if not expected <= insecure:
            missing = ", ".join(sorted(expected - insecure))
            return CaseResult(
                bp.id,
                case,
                False,
                (
                    f"expected {missing} to be refused as insecure; refused: {', '.join(sorted(insecure))}",
                ),
                source=source,
            )
        return CaseResult(bp.id, case, True, source=source)
    except PalisadeError as exc:
        return CaseResult(bp.id, case, False, (f"failed to render: {exc}",), source=source)
    return CaseResult(
        bp.id,
        case,
        False,
        (f"rendered without refusing the insecure request {example['request']!r}",),
        source=source,
    )


def _parse_hcl(text: str) -> Mapping[str, Any]:
    from hcl2.api import loads

    parsed = loads(text)
    return parsed if isinstance(parsed, dict) else {}
