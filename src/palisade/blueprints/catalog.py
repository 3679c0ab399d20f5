"""The blueprint catalog: load ``blueprint.yaml`` folders, validate parameters, render templates.

Built-in blueprints live in ``palisade/blueprints/data/<id>/``; an organisation can add its own folder of the
same shape (``Catalog.load(extra_dir=...)``). A broken blueprint stops loading with a ``BlueprintError`` naming
the file: it is never skipped silently.
"""

from __future__ import annotations

import copy
import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
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


# --- loading -----------------------------------------------------------------------------------------


def load_blueprint(folder: Path) -> Blueprint:
    """Load and check one blueprint folder; raise ``BlueprintError`` naming the file and the problem."""
    path = folder / "blueprint.yaml"
    if not path.is_file():
        raise BlueprintError(f"{folder}: no blueprint.yaml in this blueprint folder")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BlueprintError(f"{path}: cannot read YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise BlueprintError(f"{path}: expected a mapping at the top level")
    try:
        model = _BlueprintModel.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise BlueprintError(f"{path}: {problems}") from exc
    if model.id != folder.name:
        raise BlueprintError(f"{path}: id {model.id!r} must match its folder name {folder.name!r}")
    names = [p.name for p in model.params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise BlueprintError(f"{path}: parameters defined twice: {', '.join(duplicates)}")
    if model.name_param is not None and model.name_param not in names:
        raise BlueprintError(f"{path}: name_param {model.name_param!r} is not one of its params")
    for p in model.params:
        if p.type == "enum" and not p.choices:
            raise BlueprintError(f"{path}: enum parameter {p.name!r} needs choices")
    templates = tuple(sorted(t.name for t in folder.glob("*.j2") if t.is_file()))
    if not templates:
        raise BlueprintError(f"{folder}: no *.j2 templates")
    blueprint = Blueprint(
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
        internet_facing=model.internet_facing,
        templates=templates,
    )
    env = _environment(folder)
    for name in templates:
        try:
            env.get_template(name)
        except jinja2.TemplateError as exc:
            raise BlueprintError(f"{folder / name}: template error: {exc}") from exc
    for index, example in enumerate(blueprint.examples):
        try:
            render_blueprint(blueprint, example["params"])
        except BlueprintError as exc:
            raise BlueprintError(f"{path}: example {index + 1} is invalid: {exc}") from exc
    return blueprint


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
        """Built-in blueprints plus those in ``extra_dir`` (one sub-folder per blueprint)."""
        folders = _blueprint_folders(BUILTIN_DIR)
        if extra_dir is not None:
            if not extra_dir.is_dir():
                raise BlueprintError(
                    f"{extra_dir}: the organisation blueprint folder does not exist"
                )
            folders.extend(_blueprint_folders(extra_dir))
        return cls(load_blueprint(folder) for folder in folders)

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


_CROSS_CHECKS: Mapping[str, Callable[[Mapping[str, Any]], list[ParamProblem]]] = {
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
