"""``palisade chat``: the terminal chat.

One event loop for the whole session (providers keep async HTTP clients bound to it), the reply rendered as
it streams (Rich ``Live`` markdown), input history kept between sessions, and Ctrl-C that stops the current
answer — the engine records the turn as stopped — without ending the session. Ctrl-C (or Ctrl-D) at the
prompt leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.live import Live
from rich.markdown import Markdown
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from palisade.errors import PalisadeError

if TYPE_CHECKING:
    from palisade.engine import ChatEngine, TurnResult

HELP = (
    "Say what you need in plain words. Commands: /files (show the proposal's files), "
    "/open-pr (open a pull request for it), /history (recent conversations), "
    "/resume ID, /new, /help, /quit. Ctrl-C stops an answer."
)

_NOTICE_STYLE = {"guard_blocked": "red", "insecure_request": "red", "guard_redacted": "yellow"}


def lexer_for(path: str) -> str:
    if path.endswith((".tf", ".hcl", ".tfvars")):
        return "hcl"
    if path.endswith(".json"):
        return "json"
    return "yaml"


class TerminalChat:
    def __init__(
        self,
        engine: ChatEngine,
        console: Console,
        *,
        repo: str | None = None,
        conversation_id: str | None = None,
        history_file: Path | None = None,
        read_line: Callable[[str], str] | None = None,
    ) -> None:
        self.engine = engine
        self.console = console
        self.repo = repo
        self.conversation_id = conversation_id
        self.last: TurnResult | None = None
        self._history_file = history_file
        self._read_line = read_line or console.input

    # --------------------------------------------------------------------------- the session
    def run(self) -> None:
        self._load_history()
        self.console.print(f"[bold]Palisade[/bold] — {HELP}")
        with asyncio.Runner() as runner:
            try:
                while True:
                    try:
                        line = self._read_line("[bold cyan]you>[/bold cyan] ")
                    except (EOFError, KeyboardInterrupt):
                        self.console.print()
                        return
                    if not self._dispatch(line.strip(), runner):
                        return
            finally:
                self._save_history()
                runner.run(self.engine.provider.aclose())

    def _dispatch(self, line: str, runner: asyncio.Runner) -> bool:
        """Handle one input line; False ends the session."""
        if not line:
            return True
        command, _, argument = line.partition(" ")
        if command in ("/quit", "/exit"):
            return False
        if command == "/help":
            self.console.print(HELP)
        elif command == "/new":
            self.conversation_id, self.last = None, None
            self.console.print("[dim]New conversation.[/dim]")
        elif command == "/files":
            self._show_files()
        elif command == "/open-pr":
            self._open_pr(runner)
        elif command == "/history":
            self._show_history()
        elif command == "/resume":
            self._resume(argument.strip())
        elif command.startswith("/"):
            self.console.print(f"[yellow]Unknown command {command}.[/yellow] {HELP}")
        else:
            self._turn(line, runner)
        return True

    # ------------------------------------------------------------------------------ a turn
    def _turn(self, text: str, runner: asyncio.Runner) -> None:
        try:
            turn = runner.run(self._stream(text))
        except KeyboardInterrupt:
            # asyncio.Runner cancelled the turn: the engine closed the model call and recorded the stop.
            self.console.print(
                "[yellow]Stopped.[/yellow] Ask again or continue with something else."
            )
            return
        except PalisadeError as exc:
            self.console.print(f"[red]{exc}[/red]")
            return
        if turn is not None:
            self.last = turn
            self.conversation_id = turn.conversation_id
            self._show_outcome(turn)

    async def _stream(self, text: str) -> TurnResult | None:
        reply = ""
        result: TurnResult | None = None
        with Live(Markdown(""), console=self.console, auto_refresh=False) as live:
            async for event in self.engine.stream(text, conversation_id=self.conversation_id):
                if event.type == "started":
                    self.conversation_id = str(event.data["conversation_id"])
                elif event.type == "notice":
                    style = _NOTICE_STYLE.get(str(event.data["kind"]), "yellow")
                    live.console.print(
                        Text.assemble(
                            ("⚠ " + str(event.data["kind"]) + ": ", style),
                            str(event.data["message"]),
                        )
                    )
                elif event.type == "delta":
                    reply += str(event.data["text"])
                    live.update(Markdown(reply), refresh=True)
                elif event.type == "done":
                    result = event.turn
        return result

    def _show_outcome(self, turn: TurnResult) -> None:
        for proposal in turn.proposals:
            self.console.print(_validation_table(proposal))
            if proposal.ready:
                self.console.print(
                    f"[green]Ready.[/green] /files shows the {len(proposal.files)} file(s); "
                    f"/open-pr opens a pull request on branch {proposal.branch}."
                )
        self.console.print(f"[dim]conversation {turn.conversation_id}[/dim]")

    # --------------------------------------------------------------------------- commands
    def _show_files(self) -> None:
        files = [f for p in (self.last.proposals if self.last else []) for f in p.files.items()]
        if not files:
            self.console.print("[dim]No proposal yet.[/dim]")
        for path, content in files:
            self.console.rule(path)
            self.console.print(Syntax(content, lexer_for(path), theme="ansi_dark"), soft_wrap=True)

    def _open_pr(self, runner: asyncio.Runner) -> None:
        proposals = self.last.proposals if self.last else []
        ready = [p for p in proposals if p.ready and p.id is not None]
        if not ready:
            why = "ask for something first" if not proposals else "the proposal failed its checks"
            self.console.print(f"[red]Nothing to open:[/red] {why}.")
            return
        for proposal in ready:
            assert proposal.id is not None
            try:
                pr = runner.run(self.engine.confirm(proposal.id, repo=self.repo))
            except PalisadeError as exc:
                self.console.print(f"[red]{exc}[/red]")
                continue
            except KeyboardInterrupt:
                self.console.print("[yellow]Stopped.[/yellow]")
                return
            verb = "Opened" if pr.created else "Updated"
            self.console.print(f"[green]{verb} pull request[/green] {pr.url} (branch {pr.branch})")

    def _show_history(self) -> None:
        conversations = self.engine.store.list_conversations("local", limit=15)
        if not conversations:
            self.console.print("[dim]No conversations yet.[/dim]")
            return
        table = Table("id", "title", "updated", box=None)
        for c in conversations:
            table.add_row(c.id, c.title, f"{c.updated_at:%Y-%m-%d %H:%M}")
        self.console.print(table)
        self.console.print("[dim]/resume ID continues one.[/dim]")

    def _resume(self, conversation_id: str) -> None:
        conversation = (
            self.engine.store.get_conversation(conversation_id) if conversation_id else None
        )
        if conversation is None or conversation.user != "local":
            self.console.print("[red]No such conversation.[/red] /history lists them.")
            return
        self.conversation_id, self.last = conversation.id, None
        for m in self.engine.store.list_messages(conversation.id)[-6:]:
            who = "[bold cyan]you>[/bold cyan]" if m.role == "user" else "[bold]palisade>[/bold]"
            self.console.print(who, Markdown(m.content) if m.role == "assistant" else m.content)
        self.console.print(f"[dim]Continuing {conversation.title!r}.[/dim]")

    # ---------------------------------------------------------------------------- history
    def _load_history(self) -> None:
        if self._history_file is None:
            return
        with contextlib.suppress(ImportError, OSError):
            import readline

            readline.set_history_length(1000)
            if self._history_file.exists():
                readline.read_history_file(str(self._history_file))

    def _save_history(self) -> None:
        if self._history_file is None:
            return
        with contextlib.suppress(ImportError, OSError):
            import readline

            self._history_file.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(str(self._history_file))


def _validation_table(proposal: Any) -> Group:
    report = proposal.validation
    table = Table("check", "resource", "result", title=f"{proposal.blueprint} `{proposal.name}`")
    for finding in report.failed:
        table.add_row(finding.check_id, finding.resource, f"[red]failed[/red] {finding.fix}")
    for finding in report.skipped:
        table.add_row(
            finding.check_id,
            finding.resource,
            f"[yellow]skipped[/yellow] {finding.reason or finding.message}",
        )
    summary = Text(
        f"{report.passed_count} passed, {len(report.failed)} failed, {len(report.skipped)} skipped"
    )
    return Group(table, summary) if (report.failed or report.skipped) else Group(summary)
