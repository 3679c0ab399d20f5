"""Helpers for driving Palisade through its real entry points."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import uvicorn

from palisade.providers.base import Completion, GenerationOptions, Message, StreamEvent

PALISADE = str(Path(sys.executable).with_name("palisade"))

S3_REQUEST = (
    "I need a private encrypted S3 bucket called acme-audit-logs in eu-west-1, keep logs for a year"
)


def run_cli(
    *args: str, stdin: bytes = b"", timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``palisade`` console script with the test's environment."""
    proc = subprocess.run(
        [PALISADE, *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=dict(os.environ),
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def make_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "dev@example.com")
    git(path, "config", "user.name", "Dev")
    (path / "README.md").write_text("# infra\n")
    git(path, "add", "README.md")
    git(path, "commit", "-q", "-m", "init")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """An ASGI app served by uvicorn on 127.0.0.1 in a background thread."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


def shared_data_dir() -> Path:
    """The shared labelled data: ``$PALISADE_SHARED_DATA``, ``../shared/data`` next to the checkout, or
    ``/work/shared/data`` (where the development machines keep it)."""
    candidates = [
        os.environ.get("PALISADE_SHARED_DATA", ""),
        str(Path(__file__).resolve().parents[2] / "shared" / "data"),
        "/work/shared/data",
    ]
    return next((Path(c) for c in candidates if c and Path(c).is_dir()), Path(candidates[-1]))


class WaitingProvider:
    """A model that never answers until cancelled: stands in for a slow LLM."""

    name = "waiting"

    def __init__(self, give_up_after: float = 60.0) -> None:
        self.give_up_after = give_up_after  # bounded: a test that never cancels fails, never hangs
        self.started = asyncio.Event()
        self.started_flag = threading.Event()  # the same, for other threads
        self.cancelled = False

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        self.started.set()
        self.started_flag.set()
        try:
            await asyncio.sleep(self.give_up_after)
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        raise AssertionError(f"the model call was not cancelled within {self.give_up_after} s")

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        yield await self.complete(messages, options=options)

    async def aclose(self) -> None:
        return None


def local_engine(catalog: Any, tmp_path: Path, provider: Any) -> Any:
    """A ChatEngine of real parts (default guards, full validation, SQLite, a local git repository at
    ``tmp_path/infra``) around ``provider``; paths given to ``confirm`` are allowed, as in the CLI."""
    from palisade.config import ScannerConfig
    from palisade.engine import ChatEngine
    from palisade.guard.registry import build_guard
    from palisade.scm.local import LocalGitPullRequestSink
    from palisade.storage import Store
    from palisade.validators import validate_files

    repo = make_repo(tmp_path / "infra")

    def sinks(target: str | None) -> LocalGitPullRequestSink:
        return LocalGitPullRequestSink(Path(target) if target else repo)

    return ChatEngine(
        catalog=catalog,
        input_guard=build_guard("input", None),
        output_guard=build_guard("output", None),
        secrets_guard=build_guard("output", [ScannerConfig(type="Secrets")]),
        provider=provider,
        validate=validate_files,
        store=Store(f"sqlite:///{tmp_path / 'engine.db'}"),
        sink_factory=sinks,
        allow_local_repo_paths=True,
    )
