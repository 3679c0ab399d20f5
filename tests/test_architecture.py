"""Data flows one way: channels → engine → {guard, providers, blueprints, validators, scm}.

The middle packages never import one another (nor the engine or channels); storage, config, errors, files and
spelling are importable by anyone and import none of the stages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "palisade"
MIDDLE = ("guard", "providers", "blueprints", "validators", "scm")
SHARED = ("storage", "config", "errors", "files", "spelling")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name.startswith("palisade.")}


def _package_of(module: str) -> str:
    return module.split(".")[1]


@pytest.mark.parametrize("package", MIDDLE + SHARED)
def test_package_imports_only_downwards(package: str) -> None:
    root = SRC / package
    files = sorted(root.rglob("*.py")) if root.is_dir() else [SRC / f"{package}.py"]
    assert files, f"no sources found for {package}"
    allowed = {package, *SHARED} if package in MIDDLE else {package, "errors", "files"}
    if package == "config":
        allowed = {"config"}
    offenders = {
        f"{path.relative_to(SRC)} imports {module}"
        for path in files
        for module in _imports(path)
        if _package_of(module) not in allowed
    }
    assert not offenders, sorted(offenders)


def test_channels_do_not_reach_into_scm_or_storage_directly() -> None:
    offenders = {
        f"{path.relative_to(SRC)} imports {module}"
        for path in (SRC / "channels").rglob("*.py")
        for module in _imports(path)
        if _package_of(module) in ("scm", "storage", "providers")
    }
    assert not offenders, sorted(offenders)
