"""``palisade users``: the people who may use the HTTP API, their roles and their API tokens.

Roles: ``requester`` (ask, see and confirm their own proposals), ``approver`` (the same; needed to
confirm when ``PALISADE_API__CONFIRM_ROLE=approver``), ``admin`` (also reads the audit log). A token
is printed once, when issued; only its SHA-256 is stored. Every change is written to the audit log
with the operating-system user as the actor.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from palisade.config import get_settings
from palisade.errors import PalisadeError

if TYPE_CHECKING:
    from palisade.engine.accounts import Accounts

T = TypeVar("T")

ROLE_CHOICE = click.Choice(["requester", "approver", "admin"])


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (e.g. some containers)
        return "cli"


def _with_accounts(fn: Callable[[Accounts], T]) -> T:
    """Run ``fn`` on the configured database; Palisade errors become clean CLI errors."""
    from palisade.engine.accounts import open_accounts

    try:
        accounts = open_accounts(get_settings())
    except PalisadeError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        return fn(accounts)
    except PalisadeError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        accounts.store.close()


@click.group()
def users() -> None:
    """Manage API users, roles and tokens (stored in Palisade's database)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=ROLE_CHOICE, default="requester", show_default=True)
def add(name: str, role: str) -> None:
    """Add user NAME with a role; then issue a token with `palisade users token NAME`."""
    user = _with_accounts(lambda a: a.add_user(name, role, actor=_actor()))
    click.echo(f"Added {user.name} ({user.role}). Issue a token: palisade users token {user.name}")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_users(as_json: bool) -> None:
    """List users with their role and how many active tokens they hold."""
    rows = _with_accounts(lambda a: a.list_users())
    if as_json:
        for u in rows:
            click.echo(
                json.dumps(
                    {
                        "user": u.name,
                        "role": u.role,
                        "active_tokens": u.active_tokens,
                        "created_at": u.created_at.isoformat(),
                    }
                )
            )
        return
    if not rows:
        click.echo("No users: the API serves only loopback, as the implied local admin.")
        return
    width = max(len(u.name) for u in rows)
    for u in rows:
        click.echo(
            f"{u.name:<{width}}  {u.role:<9}  {u.active_tokens} active token(s)  "
            f"since {u.created_at:%Y-%m-%d}"
        )


@users.command("token")
@click.argument("name")
def token(name: str) -> None:
    """Issue a new API token for NAME and print it (only now: it is stored hashed)."""
    value = _with_accounts(lambda a: a.issue_token(name, actor=_actor()))
    click.echo(value)
    click.echo(
        "Shown once. Send it as `Authorization: Bearer <token>`; revoke with "
        f"`palisade users revoke {name}`.",
        err=True,
    )


@users.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Revoke every token of NAME (the user and their conversations stay)."""
    count = _with_accounts(lambda a: a.revoke(name, actor=_actor()))
    click.echo(f"Revoked {count} token(s) of {name}.")


@users.command("role")
@click.argument("name")
@click.argument("role", type=ROLE_CHOICE)
def role(name: str, role: str) -> None:
    """Change the role of NAME."""
    user = _with_accounts(lambda a: a.set_role(name, role, actor=_actor()))
    click.echo(f"{user.name} is now {user.role}.")
