"""Blueprints: secure-by-default IaC units described by ``blueprint.yaml`` plus Jinja templates.

A blueprint directory holds ``blueprint.yaml`` (metadata, parameter schema, keywords, examples) and templates
``*.j2`` rendered into files of the same name without ``.j2``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Cloud = Literal["aws", "azure", "gcp", "kubernetes", "github"]


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One parameter. ``type`` names a validator in ``blueprints.params`` (``s3_bucket_name``, ``cidr_list``...)."""

    name: str
    type: str
    required: bool = False
    default: Any = None
    description: str = ""
    question: str = ""  # what to ask when a required value is missing
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    # values refused as insecure (e.g. ``versioning: false``), with why and the secure alternative
    insecure_values: tuple[Any, ...] = ()
    insecure_message: str = ""
    insecure_suggestion: str = ""

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "default": self.default,
            "description": self.description,
            "question": self.question,
            "choices": list(self.choices),
        }


@dataclass(frozen=True, slots=True)
class Blueprint:
    id: str
    title: str
    description: str
    cloud: Cloud
    format: Literal["terraform", "kubernetes"]
    params: tuple[ParamSpec, ...]
    name_param: str | None  # the parameter that names the new resource (branch and directory names)
    source_dir: Path
    keywords: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    compliance: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    examples: tuple[Mapping[str, Any], ...] = ()
    # requests that must be refused as insecure: {"request", "params", "refused": (param names)}
    insecure_examples: tuple[Mapping[str, Any], ...] = ()
    internet_facing: bool = False
    override: bool = False  # an organisation blueprint that replaces the built-in with the same id
    # template file names (``*.j2``) in ``source_dir``; each renders into the name without ``.j2``
    templates: tuple[str, ...] = ()

    def summary(self) -> dict[str, Any]:
        """Plain data about this blueprint, for the offline engine, tools and listings."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "cloud": self.cloud,
            "keywords": list(self.keywords),
            "name_param": self.name_param,
            "params": [p.summary() for p in self.params],
        }
