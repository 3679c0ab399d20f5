"""The one value every stage passes along: a set of files, relative POSIX path → text content."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

RenderedFiles = Mapping[str, str]


def check_relative_path(path: str) -> str:
    """Return ``path`` if it is a safe relative POSIX path (no absolute paths, no ``..``, no ``.git``)."""
    p = PurePosixPath(path)
    if (
        not path
        or p.is_absolute()
        or "\\" in path
        or any(part in ("..", ".git", "") for part in p.parts)
    ):
        raise ValueError(f"unsafe file path {path!r}: use a relative path inside the repository")
    return str(p)
