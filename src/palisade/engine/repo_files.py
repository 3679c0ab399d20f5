"""``read_repo_file``: read-only access to one allow-listed repository, for the model's tool calls.

The model chooses the path, so the path is hostile until checked: it must be relative, stay inside the
repository after resolving symlinks, avoid ``.git/`` and files that usually hold credentials, and name a
UTF-8 text file. What comes back is size-limited, and the engine still runs it through the input guard and
labels it untrusted before the model sees it.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["MAX_READ_BYTES", "RepoFileError", "read_repo_file"]

MAX_READ_BYTES = 64 * 1024

# Names that usually hold credentials or state: not readable, even inside the repository.
_SENSITIVE = (
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "id_rsa*",
    "id_ed25519*",
    "*.tfstate",
    "*.tfstate.*",
    "*.tfvars",
    "*.tfvars.json",
    ".netrc",
    ".npmrc",
    ".pypirc",
    "credentials",
    "kubeconfig",
)


class RepoFileError(Exception):
    """The path was refused or the file cannot be read; the message says why, for the model."""


@dataclass(frozen=True, slots=True)
class RepoFile:
    path: str
    text: str
    truncated: bool
    size: int


def _check_path(path: str) -> PurePosixPath:
    if not path or "\x00" in path or "\\" in path:
        raise RepoFileError(
            "Give a plain relative path with forward slashes, e.g. 'modules/s3/main.tf'."
        )
    pure = PurePosixPath(path)
    if pure.is_absolute() or path.startswith("~") or (len(path) > 1 and path[1] == ":"):
        raise RepoFileError(f"{path!r} is absolute; paths are relative to the repository root.")
    if any(part == ".." for part in pure.parts):
        raise RepoFileError(f"{path!r} leaves the repository ('..' is not allowed).")
    if any(part == ".git" for part in pure.parts):
        raise RepoFileError("Git internals (.git/) are not readable.")
    name = pure.name.lower()
    if any(fnmatch.fnmatch(name, pattern) for pattern in _SENSITIVE):
        raise RepoFileError(f"{path!r} usually holds credentials or state; it is not readable.")
    return pure


def read_repo_file(root: Path | None, path: str, *, max_bytes: int = MAX_READ_BYTES) -> RepoFile:
    """The text of ``path`` inside ``root``; raises ``RepoFileError`` with the reason when refused."""
    if root is None or not root.is_dir():
        raise RepoFileError("No repository is configured yet, so there is nothing to read.")
    pure = _check_path(path.strip())
    base = root.resolve()
    target = (base / pure).resolve()
    if not target.is_relative_to(base):
        raise RepoFileError(f"{path!r} points outside the repository (through a symbolic link).")
    if ".git" in target.relative_to(base).parts:
        raise RepoFileError("Git internals (.git/) are not readable.")
    if not target.exists():
        raise RepoFileError(f"{path!r} does not exist in the repository.")
    if not target.is_file():
        raise RepoFileError(f"{path!r} is not a regular file.")
    with target.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    size = target.stat().st_size
    truncated = len(data) > max_bytes
    data = data[:max_bytes]
    if b"\x00" in data:
        raise RepoFileError(f"{path!r} is a binary file; only text files are readable.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not truncated or exc.start < len(data) - 4:
            raise RepoFileError(f"{path!r} is not UTF-8 text.") from exc
        text = data[: exc.start].decode("utf-8")  # the cut fell inside a character
    return RepoFile(path=str(pure), text=text, truncated=truncated, size=size)
