"""The ``palisade`` command line. Channels only parse, call the engine and render."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar

import click
from rich.console import Console
from rich.markdown import Markdown
from rich.syntax import Syntax
from rich.table import Table

from palisade import __version__
from palisade.channels import users_cli
from palisade.config import ScannerConfig, Settings, get_settings
from palisade.errors import InputError, PalisadeError, UnparseableFileError

if TYPE_CHECKING:
    from palisade.engine import ChatEngine
    from palisade.guard.pipeline import Guard

T = TypeVar("T")

console = Console()


class CliError(click.ClickException):
    """A clean error for the user, with its own exit code (1 failed, 2 unusable input)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self._exit_code = exit_code

    @property  # type: ignore[override]
    def exit_code(self) -> int:  # click exits with this
        return self._exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def _fail(message: str, code: int = 1) -> NoReturn:
    raise CliError(message, code)


def _run(fn: Callable[[], T]) -> T:
    """Run ``fn`` and turn Palisade errors into clean CLI errors (no tracebacks)."""
    try:
        return fn()
    except PalisadeError as exc:
        _fail(str(exc))


def _read_text_argument(text: str | None) -> str:
    """TEXT, or standard input when TEXT is '-' or absent; stdin must be UTF-8."""
    if text is not None and text != "-":
        return text
    if sys.stdin is None or (text is None and sys.stdin.isatty()):
        _fail('Give the request as an argument, e.g. palisade ask "a private S3 bucket".', 2)
    try:
        return _decode(sys.stdin.buffer.read(), "standard input")
    except InputError as exc:
        _fail(str(exc), 2)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}). "
            "Save the text as UTF-8 and try again."
        ) from exc


def _iter_batch(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line number, object or None, error or None) for each non-empty line of a JSONL file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _fail(f"Cannot read {path}: {exc.strerror}.", 2)
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(_decode(line, f"{path} line {number}"))
        except (InputError, json.JSONDecodeError) as exc:
            yield number, None, f"line {number}: not a JSON object ({exc})"
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield number, None, f"line {number}: expected an object with a string 'text' field"
            continue
        yield number, obj, None


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False))


@click.group()
@click.version_option(__version__, prog_name="palisade")
def cli() -> None:
    """Palisade: ask for a security control in plain words; get guarded, policy-checked IaC."""


# ---------------------------------------------------------------------------------------------- ask
@cli.command()
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see the README).")
@click.option("--open-pr", is_flag=True, help="Open (or update) a pull request for the proposal.")
@click.option(
    "--repo",
    help="OWNER/NAME on GitHub (needs GITHUB_TOKEN or an App, and PALISADE_ALLOWED_REPOS), or a "
    "local git repository path (default: one under the data directory).",
)
@click.option("--conversation", "conversation_id", help="Continue an earlier conversation.")
@click.option(
    "--batch",
    type=click.Path(path_type=Path, dir_okay=False),
    help='JSONL file of {"text": ...} objects; one result per line, in order.',
)
def ask(
    text: str | None,
    as_json: bool,
    open_pr: bool,
    repo: str | None,
    conversation_id: str | None,
    batch: Path | None,
) -> None:
    """Ask for a security control, e.g. palisade ask "a private encrypted S3 bucket for audit logs"."""
    from palisade.engine import build_engine

    settings = get_settings()
    engine = _run(lambda: build_engine(settings))
    # One event loop for the whole command: providers keep async HTTP clients bound to it.
    with asyncio.Runner() as runner:
        try:
            code = _ask(engine, runner, text, as_json, open_pr, repo, conversation_id, batch)
        finally:
            runner.run(engine.provider.aclose())
            engine.store.close()
    if code:
        sys.exit(code)


def _ask(
    engine: ChatEngine,
    runner: asyncio.Runner,
    text: str | None,
    as_json: bool,
    open_pr: bool,
    repo: str | None,
    conversation_id: str | None,
    batch: Path | None,
) -> int:
    if batch is not None:
        for _, obj, error in _iter_batch(batch):
            if obj is None:
                _print_json({"error": {"kind": "InputError", "message": error}})
                continue
            try:
                turn = runner.run(engine.send(obj["text"]))
                _print_json(turn.to_dict())
            except PalisadeError as exc:
                _print_json({"error": {"kind": type(exc).__name__, "message": str(exc)}})
        return 0

    message = _run(lambda: _read_text_argument(text))
    turn = _run(lambda: runner.run(engine.send(message, conversation_id=conversation_id)))
    pr_error: str | None = None
    if open_pr:
        ready = [p for p in turn.proposals if p.ready and p.id is not None]
        if not ready:
            pr_error = _why_no_pr(turn)
        for proposal in ready:
            assert proposal.id is not None
            try:
                turn.pull_requests.append(runner.run(engine.confirm(proposal.id, repo=repo)))
            except PalisadeError as exc:
                pr_error = str(exc)
                break
    if as_json:
        result = turn.to_dict()
        if pr_error:
            result["notices"].append({"kind": "pull_request_not_opened", "message": pr_error})
        _print_json(result)
    else:
        _render_turn(turn)
    if pr_error:
        if not as_json:
            click.echo(f"No pull request opened: {pr_error}", err=True)
        return 1
    if not turn.proposals and any(n.kind in _INVALID_INPUT for n in turn.notices):
        return 1  # the request named values that cannot be built; the notices say why
    return 0


_INVALID_INPUT = frozenset({"invalid_parameters", "unknown_blueprint"})


def _why_no_pr(turn: Any) -> str:
    if turn.input_verdict.blocked:
        return "the guard blocked the request."
    if turn.questions:
        return "answer the open questions first: " + " ".join(q.question for q in turn.questions)
    if turn.proposals:
        return "the proposal failed its policy checks; fix the failed checks first."
    return "there is no proposal to open; ask for a blueprint first."


def _render_turn(turn: Any) -> None:
    for notice in turn.notices:
        style = "red" if notice.kind in ("guard_blocked", "insecure_request") else "yellow"
        console.print(f"[{style}]⚠ {notice.kind}:[/{style}] {notice.message}")
    console.print(Markdown(turn.reply))
    for proposal in turn.proposals:
        for path, content in proposal.files.items():
            lexer = "hcl" if path.endswith(".tf") else "yaml"
            console.rule(path)
            console.print(Syntax(content, lexer, theme="ansi_dark"), soft_wrap=True)
        if proposal.ready and not turn.pull_requests:
            console.print(
                "[green]Ready.[/green] Run again with --open-pr to open a pull request "
                f"(branch {proposal.branch})."
            )
    for pr in turn.pull_requests:
        verb = "Opened" if pr.created else "Updated"
        console.print(f"[green]{verb} pull request[/green] {pr.url} (branch {pr.branch})")
    console.print(f"[dim]conversation {turn.conversation_id}[/dim]")


# -------------------------------------------------------------------------------------------- serve
@cli.command()
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the web chat and the HTTP API (non-loopback addresses need users: `palisade users`)."""
    from palisade.channels.api import server

    settings = get_settings()
    host = host or settings.host
    port = port if port is not None else settings.port
    refused = _run(lambda: server.refusal(settings, host))
    if refused:
        _fail(refused, 2)
    click.echo(f"Palisade {__version__} on http://{host}:{port}/ (data: {settings.data_dir})")
    _run(lambda: server.run(settings, host, port))


# --------------------------------------------------------------------------------------------- chat
@cli.command()
@click.option(
    "--repo", help="Repository for /open-pr (a local path, or OWNER/NAME with GitHub set up)."
)
@click.option("--conversation", "conversation_id", help="Continue an earlier conversation.")
def chat(repo: str | None, conversation_id: str | None) -> None:
    """Interactive terminal chat: /files, /open-pr, /history, /resume, /new, /quit; Ctrl-C stops an answer."""
    from palisade.channels.terminal import TerminalChat
    from palisade.engine import build_engine

    settings = get_settings()
    engine = _run(lambda: build_engine(settings))
    try:
        TerminalChat(
            engine,
            console,
            repo=repo,
            conversation_id=conversation_id,
            history_file=settings.data_dir / "chat_history",
        ).run()
    finally:
        engine.store.close()


# -------------------------------------------------------------------------------------------- guard
@cli.group()
def guard() -> None:
    """The LLM firewall."""


def _guard_pipeline(scanners: str | None, stage_output: bool) -> Guard:
    """The configured input (or output) guard, or only the comma-separated ``scanners``."""
    from palisade.guard.registry import guard_from_settings

    stage: Literal["input", "output"] = "output" if stage_output else "input"
    configs = None
    if scanners:
        configs = [ScannerConfig(type=n.strip()) for n in scanners.split(",") if n.strip()]
    return _run(lambda: guard_from_settings(get_settings().guard, stage, configs))


@guard.command("scan")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print {valid, scanners, sanitized}.")
@click.option("--batch", type=click.Path(path_type=Path, dir_okay=False), help="JSONL input.")
@click.option("--scanners", help="Comma-separated scanner names to run (default: the policy).")
@click.option("--output", "stage_output", is_flag=True, help="Use the output-stage scanners.")
def guard_scan(
    text: str | None, as_json: bool, batch: Path | None, scanners: str | None, stage_output: bool
) -> None:
    """What the guard thinks of a text."""
    pipeline = _guard_pipeline(scanners, stage_output)

    def scan(value: str) -> dict[str, Any]:
        return pipeline.scan(value).to_dict()

    if batch is not None:
        for _, obj, error in _iter_batch(batch):
            _print_json({"error": error} if obj is None else scan(obj["text"]))
        return
    value = _run(lambda: _read_text_argument(text))
    verdict = pipeline.scan(value)
    if as_json:
        _print_json(verdict.to_dict())
        return
    table = Table("scanner", "outcome", "risk", "reason")
    for r in verdict.results:
        table.add_row(r.scanner, r.outcome, f"{r.risk:.2f}", r.reason)
    console.print(table)
    console.print(f"valid: {verdict.valid}  blocked: {verdict.blocked}")
    if verdict.sanitized != value:
        console.print("sanitized:", verdict.sanitized, markup=False)


@guard.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="An LLM Guard API scanners.yml (default: the PALISADE_GUARD__* policy and env vars).",
)
def guard_serve(host: str, port: int, config_path: Path | None) -> None:
    """Serve the LLM Guard API (drop-in for llm-guard-api 0.0.10); see docs/guard-api.md."""
    from palisade.config import GuardServerSettings
    from palisade.guard.server import run_server
    from palisade.validators import validate_files

    _run(
        lambda: run_server(
            host=host,
            port=port,
            config_path=config_path,
            settings=get_settings().guard,
            env=GuardServerSettings(),
            iac_validate=validate_files,  # enables the IaCPolicy output scanner, as in the engine
        )
    )


@guard.command("bench")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--scanners", help="Comma-separated scanner names (default: the input policy).")
@click.option("--output", "stage_output", is_flag=True, help="Use the output-stage scanners.")
@click.option("--limit", type=int, default=None, help="Only the first N rows.")
@click.option(
    "--lengths",
    default=None,
    help="Also time synthetic prompts of these word counts, e.g. 40,600 (latency_by_length in the JSON).",
)
@click.option("--startup", is_flag=True, help="Also time a fresh process: import to first scan.")
def guard_bench(
    file: Path,
    scanners: str | None,
    stage_output: bool,
    limit: int | None,
    lengths: str | None,
    startup: bool,
) -> None:
    """Quality and speed of the guard on labelled JSONL rows ({"text", "label"}, or {"text", "entities"} for
    per-entity-type recall/precision of the PII scanners); prints JSON."""
    from palisade.guard.bench import latency_by_length, run_bench, run_entity_bench, startup_seconds

    word_counts: list[int] = []
    if lengths:
        try:
            word_counts = [int(part) for part in lengths.split(",") if part.strip()]
        except ValueError:
            _fail(
                f"--lengths takes word counts separated by commas (e.g. 40,600), not {lengths!r}.",
                2,
            )
        if any(n <= 0 or n > 100_000 for n in word_counts):
            _fail("--lengths: each word count must be between 1 and 100000.", 2)

    pipeline = _guard_pipeline(scanners, stage_output)
    rows: list[dict[str, Any]] = []
    for number, obj, error in _iter_batch(file):
        if obj is None:
            _fail(f"{file}: {error}", 2)
        if "label" not in obj and not isinstance(obj.get("entities"), list):
            _fail(
                f"{file} line {number}: a bench row needs a 'label' (1 = should trigger) or "
                "'entities' ([{type, start, end}]).",
                2,
            )
        rows.append(obj)
        if limit is not None and len(rows) >= limit:
            break
    if rows and all(isinstance(r.get("entities"), list) and "label" not in r for r in rows):
        report = run_entity_bench(pipeline, rows).to_dict()
    else:
        report = run_bench(pipeline, rows).to_dict()
    if word_counts:
        report["latency_by_length"] = latency_by_length(pipeline, word_counts)
    if startup:
        report["startup_seconds"] = startup_seconds(scanners)
    _print_json(report)


# ----------------------------------------------------------------------------------------- validate
@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the validation object.")
def validate(paths: tuple[Path, ...], as_json: bool) -> None:
    """Policy findings (Checkov + Palisade checks) for Terraform/YAML files, or '-' for code on standard
    input (Terraform, or a Kubernetes manifest). Failures show the file, line and, for common problems, a
    corrected snippet. Exit 0 passed, 1 failed, 2 unusable input."""
    from palisade.validators import validate_files

    files: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in paths:
        if str(path) == "-":
            if "<stdin>" in origin.values():
                _fail("Standard input ('-') can be given only once.", 2)
            content = _read_text_argument("-")
            key = "stdin.yaml" if _looks_like_manifest(content) else "stdin.tf"
            files[key] = content
            origin[key] = "<stdin>"
            continue
        if path.suffix not in (".tf", ".yaml", ".yml"):
            _fail(
                f"{path}: only .tf, .yaml and .yml files (or '-' for standard input) can be validated.",
                2,
            )
        try:
            content = _decode(path.read_bytes(), str(path))
        except OSError as exc:
            _fail(f"Cannot read {path}: {exc.strerror}.", 2)
        except InputError as exc:
            _fail(str(exc), 2)
        key = path.name if path.name not in files else f"{len(files)}_{path.name}"
        files[key] = content
        origin[key] = str(path)
    try:
        report = validate_files(files)
    except UnparseableFileError as exc:
        _fail(f"{origin.get(exc.path, exc.path)} could not be parsed: {exc.detail}", 2)
    except PalisadeError as exc:
        _fail(str(exc), 2)
    result = report.to_dict()
    for item in result["failed"] + result["skipped"]:
        item["file"] = origin.get(item["file"], item["file"])
    if as_json:
        _print_json(result)
    else:
        _print_findings(result)
    sys.exit(0 if report.passed else 1)


def _looks_like_manifest(text: str) -> bool:
    """Standard input is YAML when it reads as a Kubernetes manifest; otherwise it is Terraform."""
    import yaml

    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError:
        return False
    return bool(documents) and all(
        isinstance(d, dict) and "apiVersion" in d and "kind" in d for d in documents
    )


def _print_findings(result: dict[str, Any]) -> None:
    """One block per failed check (file:line first, so editors can jump to it), then the fixed snippets
    as plain text, so they can be copied as they are."""
    failed = sorted(result["failed"], key=lambda f: (f["file"], f["line"] or 0, f["check_id"]))
    for f in failed:
        where = f"{f['file']}:{f['line']}" if f["line"] else f["file"]
        click.echo(f"{where}: FAILED {f['check_id']} ({f['severity']}) {f['resource']}")
        click.echo(f"    {f['message']}")
        if f["fix"]:
            click.echo(f"    fix: {f['fix']}")
    shown: set[str] = set()
    for f in failed:
        snippet = f.get("fix_snippet")
        if not snippet or snippet in shown:
            continue
        shown.add(snippet)
        checks = sorted(
            {g["check_id"] for g in result["failed"] if g.get("fix_snippet") == snippet}
        )
        click.echo(f"\n# --- fixed {f['resource']} ({f['file']}:{f['line']}): {', '.join(checks)}")
        click.echo(snippet, nl=False)
    console.print(
        f"passed: {result['passed_count']}  failed: {len(result['failed'])}  "
        f"skipped: {len(result['skipped'])}"
    )


# --------------------------------------------------------------------------------------------- eval
@cli.group("eval")
def eval_group() -> None:
    """Measure Palisade on labelled sets."""


@eval_group.command("requests")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-v", "--verbose", is_flag=True, help="Also print every row that was not right.")
def eval_requests(file: Path, verbose: bool) -> None:
    """Request understanding (blueprints, parameters, questions, out-of-scope, insecure asks) and
    full-turn latency including rendering and validation, on a requests JSONL file; prints JSON."""
    import tempfile

    from palisade.engine import build_engine
    from palisade.engine.evaluation import Understood, evaluate_requests, understood_from_calls

    rows: list[dict[str, Any]] = []
    for number, obj, error in _iter_batch(file):
        if obj is None or not isinstance(obj.get("expect"), dict):
            _fail(f"{file} line {number}: {error or 'a row needs an expect object'}", 2)
        rows.append(obj)
    with tempfile.TemporaryDirectory(prefix="palisade-eval-") as scratch:
        # Turns are stored like any other; keep them out of the user's database.
        settings = get_settings().model_copy(
            update={"data_dir": Path(scratch), "database_url": None}
        )
        engine = _run(lambda: build_engine(settings))

        async def turn(text: str) -> Understood:
            result = await engine.send(text)
            return understood_from_calls(result.calls)

        async def run_all() -> Any:
            await turn("warm-up: a private s3 bucket called palisade-warm-up")  # Checkov import
            return await evaluate_requests(rows, turn, keep_failures=verbose)

        scores = _run(lambda: asyncio.run(run_all()))
        engine.store.close()
    for failure in scores.failures:
        click.echo(failure, err=True)
    _print_json(scores.figures())


@eval_group.command("redteam")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option(
    "--show-failures", is_flag=True, help="Also list every failing case and what happened."
)
def eval_redteam(file: Path, as_json: bool, show_failures: bool) -> None:
    """Adversarial cases end to end in a sandbox (offline engine, scratch store and repository):
    per-category pass rates, false blocks on benign look-alikes, latency. See docs/redteam.md."""
    import tempfile

    from palisade.engine import build_engine
    from palisade.engine.redteam import load_cases, run_redteam, sandbox_settings

    try:
        cases = load_cases(file)
    except InputError as exc:
        _fail(str(exc), 2)
    with tempfile.TemporaryDirectory(prefix="palisade-redteam-") as scratch:
        settings = sandbox_settings(get_settings(), Path(scratch))
        # The attacker is a remote user: the engine is built as the HTTP API builds it.
        engine = _run(lambda: build_engine(settings, allow_local_repo_paths=False))
        try:
            report = asyncio.run(run_redteam(cases, engine, settings))
        finally:
            engine.store.close()
    figures = report.figures()
    if as_json:
        _print_json(figures | ({"failures": report.failures()} if show_failures else {}))
        return
    table = Table("category", "cases", "passed", "rate")
    for name, row in figures["categories"].items():
        table.add_row(name, str(row["cases"]), str(row["passed"]), f"{row['rate']:.0%}")
    table.add_row(
        "overall", str(figures["cases"]), str(figures["passed"]), f"{figures['pass_rate']:.0%}"
    )
    console.print(table)
    benign = figures["benign"]
    if benign["cases"]:
        console.print(
            f"benign look-alikes: {benign['cases']}, false blocks {benign['false_blocks']} "
            f"({benign['false_block_rate']:.1%}); errors: {figures['errors']}"
        )
    if "latency_ms" in figures:
        lat = figures["latency_ms"]
        console.print(
            f"turn latency: p50 {lat['turn_p50']} ms, p95 {lat['turn_p95']} ms, max {lat['turn_max']} ms"
        )
    if show_failures:
        for failure in report.failures():
            click.echo(
                f"FAIL {failure['id']} [{failure['category']}, expected {failure['expected']}]: "
                + "; ".join(failure["problems"])
            )
            click.echo(f"     observed: {json.dumps(failure['observed'], ensure_ascii=False)}")


# --------------------------------------------------------------------------------------- blueprints
@cli.group()
def blueprints() -> None:
    """The blueprint catalog."""


def _catalog(settings: Settings) -> Any:
    from palisade.blueprints import Catalog

    return _run(lambda: Catalog.load(settings.blueprints_dir))


@blueprints.command("list")
@click.option("--json", "as_json", is_flag=True)
def blueprints_list(as_json: bool) -> None:
    """List the blueprints."""
    catalog = _catalog(get_settings())
    if as_json:
        _print_json([bp.summary() for bp in catalog])
        return
    table = Table("id", "cloud", "title", "required parameters")
    for bp in catalog:
        required = ", ".join(p.name for p in bp.params if p.required)
        table.add_row(bp.id, bp.cloud, bp.title, required)
    console.print(table)


@blueprints.command("show")
@click.argument("blueprint_id")
def blueprints_show(blueprint_id: str) -> None:
    """Show one blueprint's parameters."""
    bp = _run(lambda: _catalog(get_settings()).get(blueprint_id))
    console.print(f"[bold]{bp.id}[/bold] — {bp.title}\n{bp.description}")
    table = Table("parameter", "type", "required", "default", "description")
    for p in bp.params:
        default = "" if p.default is None else json.dumps(p.default)
        table.add_row(p.name, p.type, "yes" if p.required else "", default, p.description)
    console.print(table)


@blueprints.command("render")
@click.argument("blueprint_id")
@click.option("-p", "--param", "params", multiple=True, help="name=value (JSON values allowed).")
def blueprints_render(blueprint_id: str, params: tuple[str, ...]) -> None:
    """Render a blueprint with parameters and print its files."""
    from palisade.blueprints import render_blueprint

    bp = _run(lambda: _catalog(get_settings()).get(blueprint_id))
    values: dict[str, Any] = {}
    for item in params:
        name, sep, raw = item.partition("=")
        if not sep:
            _fail(f"--param {item!r}: use name=value.", 2)
        try:
            values[name] = json.loads(raw)
        except json.JSONDecodeError:
            values[name] = raw
    files = _run(lambda: render_blueprint(bp, values))
    for path, content in files.items():
        console.rule(path)
        click.echo(content)


@blueprints.command("test")
@click.argument("blueprint_ids", nargs=-1)
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path),
    help="Organisation blueprint folder (default: PALISADE_BLUEPRINTS_DIR).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def blueprints_test(blueprint_ids: tuple[str, ...], folder: Path | None, as_json: bool) -> None:
    """Render each blueprint (defaults and every example), parse, check format, run Checkov and
    Palisade's checks, and check that insecure examples are refused. Exit 0 all good, 1 failures,
    2 usage or configuration error."""
    from palisade.blueprints import Catalog
    from palisade.blueprints.selftest import run_blueprint_tests
    from palisade.validators import validate_files

    try:
        scan = Catalog.scan(folder if folder is not None else get_settings().blueprints_dir)
    except PalisadeError as exc:
        _fail(str(exc), 2)
    broken = {p.blueprint for p in scan.problems}
    for blueprint_id in blueprint_ids:
        if blueprint_id not in scan.catalog and blueprint_id not in broken:
            try:
                scan.catalog.get(blueprint_id)
            except PalisadeError as exc:
                _fail(str(exc), 2)
    results = run_blueprint_tests(
        scan.catalog,
        validate_files,
        ids=blueprint_ids or None,
        load_problems=scan.problems,
    )
    ok = all(r.ok for r in results)
    if as_json:
        _print_json({"passed": ok, "results": [r.to_dict() for r in results]})
    else:
        table = Table("blueprint", "case", "result", "checks")
        table.add_column("problems", overflow="fold")
        for r in results:
            verdict = "[green]ok[/green]" if r.ok else "[red]FAIL[/red]"
            detail = "\n".join(r.problems) + (f"\n({r.source})" if r.case == "load" else "")
            table.add_row(r.blueprint, r.case, verdict, str(r.checks_passed or ""), detail)
        console.print(table)
        failed = sum(1 for r in results if not r.ok)
        console.print(f"cases: {len(results)}  failed: {failed}")
    sys.exit(0 if ok else 1)


cli.add_command(users_cli.users)


# ------------------------------------------------------------------------------------------- doctor
@cli.command()
@click.option("--json", "as_json", is_flag=True, help='Print {"ok", "checks": [...]}.')
@click.option("--timeout", default=20.0, show_default=True, help="Seconds for the model call.")
def doctor(as_json: bool, timeout: float) -> None:
    """Check the provider, guard, repository, database and catalog; exit 1 if any fails."""
    from palisade.engine.doctor import run_doctor

    settings = _run(get_settings)
    checks = asyncio.run(run_doctor(settings, timeout_seconds=timeout))
    ok = all(c.status != "fail" for c in checks)
    if as_json:
        _print_json({"ok": ok, "checks": [c.to_dict() for c in checks]})
    else:
        style = {
            "ok": "[green]ok[/green]",
            "warn": "[yellow]warn[/yellow]",
            "fail": "[red]FAIL[/red]",
        }
        table = Table("check", "status", "detail", box=None)
        for c in checks:
            table.add_row(c.name, style[c.status], c.detail)
        console.print(table)
    sys.exit(0 if ok else 1)


def main() -> None:
    cli(prog_name="palisade")
