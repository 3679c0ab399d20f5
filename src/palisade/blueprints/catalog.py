"""The blueprint catalog: load ``blueprint.yaml`` folders, validate parameters, render templates.

Built-in blueprints live in ``palisade/blueprints/data/<id>/``; an organisation can add its own folder of the
same shape (``Catalog.load(extra_dir=...)``). Broken blueprints stop loading with one ``CatalogLoadError`` that
names every broken file and what is wrong with it; ``Catalog.scan`` records the same problems instead, for
``palisade blueprints test``. A broken blueprint is never skipped silently.
"""

from __future__ import annotations

import copy
import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from palisade.blueprints import iam
from palisade.blueprints.base import Blueprint, ParamSpec
from palisade.blueprints.params import PARAM_TYPES, normalise_value
from palisade.errors import BlueprintError, BlueprintInputError, ParamProblem, UnknownBlueprintError

__all__ = [
    "BUILTIN_DIR",
    "Catalog",
    "CatalogLoadError",
    "CatalogScan",
    "LoadProblem",
    "check_params",
    "load_blueprint",
    "missing_params",
    "render_blueprint",
    "resource_name",
    "to_hcl",
    "validate_params",
]

BUILTIN_DIR = Path(__file__).parent / "data"
_ID = r"[a-z0-9]+(-[a-z0-9]+)*"


# --- blueprint.yaml schema ---------------------------------------------------------------------------


class _ParamModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: str
    required: bool = False
    default: Any = None
    description: str = ""
    question: str = ""
    choices: list[str] = []
    minimum: int | None = None
    maximum: int | None = None
    insecure_values: list[Any] = []
    insecure_message: str = ""
    insecure_suggestion: str = ""

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in PARAM_TYPES:
            raise ValueError(
                f"unknown parameter type {value!r}; known: {', '.join(sorted(PARAM_TYPES))}"
            )
        return value


class _ExampleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request: str = Field(min_length=1)
    params: dict[str, Any]


class _InsecureExampleModel(BaseModel):
    """A request the blueprint must refuse as insecure; ``refused`` names the parameters it refuses."""

    model_config = ConfigDict(extra="forbid")

    request: str = Field(min_length=1)
    params: dict[str, Any]
    refused: list[str] = []


class _BlueprintModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=f"^{_ID}$")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    cloud: Literal["aws", "azure", "gcp", "kubernetes", "github"]
    format: Literal["terraform", "kubernetes"]
    tags: list[str] = []
    compliance: dict[str, list[str]] = {}
    name_param: str | None = None
    keywords: list[str] = []
    internet_facing: bool = False
    params: list[_ParamModel] = []
    examples: list[_ExampleModel] = []
    insecure_examples: list[_InsecureExampleModel] = []
    override: bool = False  # an organisation blueprint that replaces the built-in of the same id


# --- loading -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Why one blueprint folder could not be loaded: the file to fix and what is wrong with it."""

    blueprint: str  # the folder name (the id it should have)
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"blueprint": self.blueprint, "file": str(self.path), "message": self.message}


class CatalogLoadError(BlueprintError):
    """One or more blueprints are broken; ``problems`` lists every one of them (never only the first)."""

    def __init__(self, problems: Sequence[LoadProblem]) -> None:
        lines = "\n".join(f"  - {p}" for p in problems)
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(
            f"The blueprint catalog cannot be loaded ({count}):\n{lines}\n"
            "Fix these files (or remove the folders); `palisade blueprints test --dir FOLDER` checks them."
        )
        self.problems = tuple(problems)


def load_blueprint(folder: Path) -> Blueprint:
    """Load and check one blueprint folder; raise ``CatalogLoadError`` naming each file and problem."""
    blueprint, problems = _load(folder)
    if blueprint is None or problems:
        raise CatalogLoadError(problems)
    return blueprint


def _load(folder: Path) -> tuple[Blueprint | None, list[LoadProblem]]:
    """The blueprint in ``folder`` (None when unusable) and every problem found in it."""
    path = folder / "blueprint.yaml"

    def problem(message: str, where: Path = path) -> LoadProblem:
        return LoadProblem(folder.name, where, message)

    if not path.is_file():
        return None, [problem("no blueprint.yaml in this blueprint folder", folder)]
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [problem(f"cannot read YAML: {exc}")]
    if not isinstance(raw, dict):
        return None, [problem("expected a mapping at the top level")]
    try:
        model = _BlueprintModel.model_validate(raw)
    except ValidationError as exc:
        return None, [
            problem(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}") for err in exc.errors()
        ]
    problems = _structure_problems(model, folder.name)
    templates = tuple(sorted(t.name for t in folder.glob("*.j2") if t.is_file()))
    if not templates:
        problems.append(f"no *.j2 templates in {folder}")
    if problems:
        return None, [problem(m) for m in problems]
    blueprint = _blueprint_from_model(model, folder, templates)
    env = _environment(folder)
    found: list[LoadProblem] = []
    for name in templates:
        try:
            env.get_template(name)
        except jinja2.TemplateError as exc:
            found.append(problem(f"template error: {exc}", folder / name))
    if found:
        return None, found
    for index, example in enumerate(blueprint.examples, start=1):
        try:
            render_blueprint(blueprint, example["params"])
        except BlueprintError as exc:
            found.append(problem(f"example {index} is invalid: {exc}"))
    return (None, found) if found else (blueprint, [])


def _structure_problems(model: _BlueprintModel, folder_name: str) -> list[str]:
    """Problems a schema cannot express: cross-references between fields."""
    problems: list[str] = []
    if model.id != folder_name:
        problems.append(f"id {model.id!r} must match its folder name {folder_name!r}")
    names = [p.name for p in model.params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        problems.append(f"parameters defined twice: {', '.join(duplicates)}")
    if model.name_param is not None and model.name_param not in names:
        problems.append(f"name_param {model.name_param!r} is not one of its params")
    problems.extend(
        f"enum parameter {p.name!r} needs choices"
        for p in model.params
        if p.type in ("enum", "enum_list") and not p.choices
    )
    required = [p.name for p in model.params if p.required]
    if not model.examples:
        problems.append(
            "needs at least one example (request + params); the first must give every required "
            "parameter, because `blueprints test` renders the defaults with those values"
        )
    else:
        absent = [n for n in required if n not in model.examples[0].params]
        if absent:
            problems.append(
                f"the first example must give every required parameter (missing: {', '.join(absent)})"
            )
    for index, example in enumerate(model.insecure_examples, start=1):
        unknown = sorted(set(example.refused) - set(names))
        if unknown:
            problems.append(
                f"insecure example {index} refuses unknown parameters: {', '.join(unknown)}"
            )
    return problems


def _blueprint_from_model(
    model: _BlueprintModel, folder: Path, templates: tuple[str, ...]
) -> Blueprint:
    return Blueprint(
        id=model.id,
        title=model.title,
        description=model.description,
        cloud=model.cloud,
        format=model.format,
        params=tuple(
            ParamSpec(
                name=p.name,
                type=p.type,
                required=p.required,
                default=p.default,
                description=p.description,
                question=p.question,
                choices=tuple(p.choices),
                minimum=p.minimum,
                maximum=p.maximum,
                insecure_values=tuple(p.insecure_values),
                insecure_message=p.insecure_message,
                insecure_suggestion=p.insecure_suggestion,
            )
            for p in model.params
        ),
        name_param=model.name_param,
        source_dir=folder,
        keywords=tuple(model.keywords),
        tags=tuple(model.tags),
        compliance={k: tuple(v) for k, v in model.compliance.items()},
        examples=tuple({"request": e.request, "params": e.params} for e in model.examples),
        insecure_examples=tuple(
            {"request": e.request, "params": e.params, "refused": tuple(e.refused)}
            for e in model.insecure_examples
        ),
        internet_facing=model.internet_facing,
        override=model.override,
        templates=templates,
    )


@dataclass(frozen=True, slots=True)
class CatalogScan:
    """What ``Catalog.scan`` found: the blueprints that load, and every problem with the others."""

    catalog: Catalog
    problems: tuple[LoadProblem, ...]


class Catalog:
    """An immutable set of blueprints, by id."""

    def __init__(self, blueprints: Iterable[Blueprint]) -> None:
        by_id: dict[str, Blueprint] = {}
        for bp in blueprints:
            if bp.id in by_id:
                raise BlueprintError(
                    f"duplicate blueprint id {bp.id!r}: {by_id[bp.id].source_dir} and {bp.source_dir}"
                )
            by_id[bp.id] = bp
        self._by_id = dict(sorted(by_id.items()))

    @classmethod
    def load(cls, extra_dir: Path | None = None) -> Catalog:
        """Built-in blueprints plus those in ``extra_dir`` (one sub-folder per blueprint).

        Raises ``CatalogLoadError`` listing every broken blueprint: a catalog never loads with some of its
        blueprints silently missing.
        """
        scan = cls.scan(extra_dir)
        if scan.problems:
            raise CatalogLoadError(scan.problems)
        return scan.catalog

    @classmethod
    def scan(cls, extra_dir: Path | None = None) -> CatalogScan:
        """Load what can be loaded and record every problem (for ``palisade blueprints test``).

        An organisation blueprint whose id is a built-in's replaces it only with ``override: true``;
        without it, the clash is a problem (a copied folder would otherwise silently change a built-in).
        ``override: true`` without a built-in of that id is a problem too (most likely a misspelt id).
        Raises ``BlueprintError`` only when ``extra_dir`` is not a folder.
        """
        if extra_dir is not None and not extra_dir.is_dir():
            raise BlueprintError(
                f"{extra_dir}: the organisation blueprint folder does not exist or is not a folder. "
                "Set PALISADE_BLUEPRINTS_DIR (or --dir) to a folder with one sub-folder per blueprint."
            )
        problems: list[LoadProblem] = []
        builtins: dict[str, Blueprint] = {}
        for folder in _blueprint_folders(BUILTIN_DIR):
            bp, found = _load(folder)
            problems.extend(found)
            if bp is not None:
                builtins[bp.id] = bp
        chosen = dict(builtins)
        for folder in _blueprint_folders(extra_dir) if extra_dir is not None else []:
            bp, found = _load(folder)
            problems.extend(found)
            if bp is None:
                continue
            meta = folder / "blueprint.yaml"
            if bp.id in builtins and not bp.override:
                problems.append(
                    LoadProblem(
                        bp.id,
                        meta,
                        f"id {bp.id!r} is already a built-in blueprint: rename the folder and id, or "
                        "set `override: true` to replace the built-in on purpose",
                    )
                )
            elif bp.override and bp.id not in builtins:
                problems.append(
                    LoadProblem(
                        bp.id,
                        meta,
                        f"`override: true` but there is no built-in blueprint {bp.id!r} to replace; "
                        "check the id, or remove `override`",
                    )
                )
            else:
                chosen[bp.id] = bp
        return CatalogScan(cls(chosen.values()), tuple(problems))

    def get(self, blueprint_id: str) -> Blueprint:
        try:
            return self._by_id[blueprint_id]
        except KeyError:
            close = difflib.get_close_matches(blueprint_id, list(self._by_id), n=3, cutoff=0.5)
            if not close:
                close = [i for i in self._by_id if blueprint_id and blueprint_id.lower() in i][:3]
            raise UnknownBlueprintError(blueprint_id, tuple(close)) from None

    def __iter__(self) -> Iterator[Blueprint]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, blueprint_id: object) -> bool:
        return blueprint_id in self._by_id

    def ids(self) -> list[str]:
        return list(self._by_id)

    def summaries(self) -> list[dict[str, Any]]:
        return [bp.summary() for bp in self]


def _blueprint_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


# --- parameters --------------------------------------------------------------------------------------


def _is_absent(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple | dict) and len(value) == 0)


def check_params(bp: Blueprint, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Like ``validate_params``, also returning notes about normalisations (``10.0.0.1/24`` → ...)."""
    problems: list[ParamProblem] = []
    notes: list[str] = []
    known = {p.name for p in bp.params}
    for name in values:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            problems.append(
                ParamProblem(
                    name,
                    f"unknown parameter for {bp.id}; valid parameters: {', '.join(sorted(known)) or '(none)'}.",
                    suggestion=close[0] if close else None,
                )
            )
    result: dict[str, Any] = {}
    for spec in bp.params:
        value = values.get(spec.name)
        if _is_absent(value):
            if spec.required:
                problems.append(ParamProblem(spec.name, f"is required. {spec.question}".strip()))
            result[spec.name] = copy.deepcopy(spec.default)
            continue
        normalised, found, info = normalise_value(spec, value, bp)
        problems.extend(found)
        notes.extend(info)
        result[spec.name] = normalised
    if not problems:
        cross = _CROSS_CHECKS.get(bp.id)
        if cross is not None:
            problems.extend(cross(result))
    if problems:
        raise BlueprintInputError(bp.id, problems)
    return result, notes


def validate_params(bp: Blueprint, values: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised values with defaults filled in; all problems at once in one ``BlueprintInputError``."""
    return check_params(bp, values)[0]


def missing_params(bp: Blueprint, values: Mapping[str, Any]) -> list[ParamSpec]:
    """Required parameters without a value: the assistant asks for these instead of inventing them."""
    return [p for p in bp.params if p.required and _is_absent(values.get(p.name))]


def resource_name(bp: Blueprint, values: Mapping[str, Any]) -> str:
    """The name of the new resource (for the branch ``palisade/<id>/<name>``); the id when there is none."""
    if bp.name_param is None:
        # one per region (GuardDuty, Security Hub, Config...): named by its region, e.g. ``eu-west-1``
        where = next((p for p in bp.params if p.name in ("region", "location")), None)
        if where is None:
            return bp.id
        value = values.get(where.name)
        value = where.default if _is_absent(value) else value
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", str(value or "")).strip("-.").lower()
        return slug or bp.id
    value = values.get(bp.name_param)
    if _is_absent(value):  # an optional name_param (e.g. region) names the resource by its default
        value = next((p.default for p in bp.params if p.name == bp.name_param), None)
    if _is_absent(value):
        raise BlueprintInputError(
            bp.id, [ParamProblem(bp.name_param, "is required to name the new resource.")]
        )
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", str(value)).strip("-.")
    return slug or bp.id


def _check_iam_role(values: Mapping[str, Any]) -> list[ParamProblem]:
    if values.get("actions"):
        return []
    unknown = iam.unsupported_services(values.get("resource_arns") or [])
    if not unknown:
        return []
    return [
        ParamProblem(
            "actions",
            f"cannot derive {values.get('access_level')} actions for {', '.join(unknown)} resources.",
            suggestion="list the exact actions the workload needs, e.g. ecr:BatchGetImage",
        )
    ]


def _check_s3_bucket(values: Mapping[str, Any]) -> list[ParamProblem]:
    if values.get("access_log_bucket") and values["access_log_bucket"] == values.get("bucket_name"):
        return [
            ParamProblem(
                "access_log_bucket",
                "a bucket cannot receive its own access logs (every log write would be logged again).",
                suggestion="leave it empty to create a dedicated log bucket",
            )
        ]
    return []


def _check_alb(values: Mapping[str, Any]) -> list[ParamProblem]:
    """World sources are the point of an internet-facing ALB, and a mistake on an internal one."""
    world = [c for c in values.get("cidrs") or [] if str(c).endswith("/0")]
    if not values.get("internal") or not world:
        return []
    return [
        ParamProblem(
            "cidrs",
            f"{', '.join(world)} on an internal load balancer opens it to every network routed to the "
            "VPC (peerings, VPNs, transit gateways), not only the VPC itself.",
            suggestion="leave cidrs empty to allow only the VPC's CIDR, or name the networks that need "
            "access; set internal to false only for a public, internet-facing load balancer",
            insecure=True,
        )
    ]


_CROSS_CHECKS: Mapping[str, Callable[[Mapping[str, Any]], list[ParamProblem]]] = {
    "aws-alb-https": _check_alb,
    "aws-iam-role": _check_iam_role,
    "aws-s3-private-bucket": _check_s3_bucket,
}


# --- rendering ---------------------------------------------------------------------------------------


def to_hcl(value: Any) -> str:
    """An HCL literal for a plain value; strings are escaped so no value can inject an expression."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        text = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
        text = text.replace("\t", "\\t").replace("${", "$${").replace("%{", "%%{")
        return f'"{text}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(to_hcl(v) for v in value) + "]"
    raise TypeError(f"cannot render {type(value).__name__} as an HCL literal")


@functools.lru_cache(maxsize=64)
def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["hcl"] = to_hcl
    env.globals["iam_statements"] = iam.iam_statements
    return env


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue  # no leading or doubled blank lines
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def render_blueprint(bp: Blueprint, values: Mapping[str, Any]) -> dict[str, str]:
    """Validate ``values`` then render every template: output file name → content."""
    params = validate_params(bp, values)
    env = _environment(bp.source_dir)
    files: dict[str, str] = {}
    names = bp.templates or tuple(sorted(t.name for t in bp.source_dir.glob("*.j2")))
    for name in names:
        try:
            text = env.get_template(name).render(**params, blueprint_id=bp.id)
        except jinja2.TemplateError as exc:
            raise BlueprintError(f"{bp.source_dir / name}: cannot render: {exc}") from exc
        files[name.removesuffix(".j2")] = _tidy(text)
    return files
