"""Parsed Terraform and YAML for Palisade's checks: resource/data blocks with their lines, value helpers.

Terraform is parsed with ``hcl2`` (the parser Checkov ships). ``hcl2`` wraps every attribute value in a
one-element list and marks each top-level block with ``__start_line__``/``__end_line__``; nested blocks get no
lines, so findings point at the resource that holds them. HCL in JSON form (``.tf.json``) is not read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from palisade.errors import UnparseableFileError

__all__ = [
    "Block",
    "Manifest",
    "as_list",
    "attr",
    "is_false",
    "is_true",
    "nested",
    "parse_terraform",
    "parse_yaml",
    "strings_in",
]


@dataclass(frozen=True, slots=True)
class Block:
    """One ``resource`` or ``data`` block of a ``.tf`` file."""

    kind: str  # "resource" or "data"
    type: str
    name: str
    body: Mapping[str, Any]
    file: str

    @property
    def address(self) -> str:
        prefix = "data." if self.kind == "data" else ""
        return f"{prefix}{self.type}.{self.name}"

    @property
    def line(self) -> int | None:
        line = self.body.get("__start_line__")
        return int(line) if isinstance(line, int) else None

    @property
    def end_line(self) -> int | None:
        line = self.body.get("__end_line__")
        return int(line) if isinstance(line, int) else None


@dataclass(frozen=True, slots=True)
class Manifest:
    """One YAML document, with the line it starts on."""

    file: str
    line: int
    document: Mapping[str, Any]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def parse_terraform(path: str, text: str) -> list[Block]:
    """Every resource and data block of one file; ``UnparseableFileError`` if it is not HCL2."""
    from hcl2.api import loads

    try:
        parsed = loads(text)
    except Exception as exc:  # lark raises several unrelated exception types
        raise UnparseableFileError(path, _first_line(exc)) from exc
    blocks: list[Block] = []
    for kind in ("resource", "data"):
        for group in parsed.get(kind, []) or []:
            for rtype, named in group.items():
                for rname, body in named.items():
                    if isinstance(body, dict):
                        blocks.append(Block(kind, rtype, rname, body, path))
    return blocks


def parse_yaml(path: str, text: str) -> list[Manifest]:
    """Every mapping document of a YAML file with its first line; ``UnparseableFileError`` if not YAML."""
    manifests: list[Manifest] = []
    try:
        # compose_all and safe_load_all walk the same documents in the same order
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
        documents = list(yaml.safe_load_all(text))
    except yaml.YAMLError as exc:
        raise UnparseableFileError(path, _first_line(exc)) from exc
    for node, document in zip(nodes, documents, strict=True):
        if isinstance(document, dict):
            manifests.append(Manifest(path, node.start_mark.line + 1, document))
    return manifests


def attr(body: Mapping[str, Any], key: str) -> Any:
    """An attribute value (``hcl2`` wraps each in a one-element list)."""
    value = body.get(key)
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def nested(body: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """The nested blocks called ``key`` (``ingress``, ``security_rule``, ``statement``...)."""
    value = body.get(key) or []
    return [b for b in value if isinstance(b, dict)] if isinstance(value, list) else []


def as_list(value: Any) -> list[Any]:
    """A flat list of a scalar, a list or a list of lists."""
    if value is None:
        return []
    if isinstance(value, list):
        flat: list[Any] = []
        for item in value:
            flat.extend(item if isinstance(item, list) else [item])
        return flat
    return [value]


def is_true(value: Any) -> bool:
    return value is True or str(value).strip().lower() == "true"


def is_false(value: Any) -> bool:
    return value is False or str(value).strip().lower() == "false"


def strings_in(value: Any) -> Iterator[str]:
    """Every string anywhere inside a parsed value (for finding references)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)
