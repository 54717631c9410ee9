"""``csc-scorecard user add|list``: dashboard accounts, kept in the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import duckdb
import typer

from csc_scorecard.web.roles import Role
from csc_scorecard.web.users import add_user, create_users_table, list_users


def register(app: typer.Typer) -> None:
    """Add the ``user`` command group to the CLI."""
    group = typer.Typer(help="Dashboard accounts.", no_args_is_help=True)
    group.command("add")(add_command)
    group.command("list")(list_command)
    app.add_typer(group, name="user")


def add_command(
    name: Annotated[str, typer.Argument(help="Account name (lower case).")],
    *,
    db: Annotated[Path, typer.Option(help="The store.")],
    role: Annotated[Role, typer.Option(help="admin, analyst, manager or viewer.")],
    grant_drill: Annotated[bool, typer.Option(help="Let a manager see child-level lists.")] = False,
    password_stdin: Annotated[
        bool, typer.Option(help="Read the password from standard input, not a prompt.")
    ] = False,
) -> None:
    """Add an account, or reset its role and password."""
    if not db.is_file():
        typer.echo(f"error: no store at {db}", err=True)
        raise typer.Exit(2)
    password = (
        sys.stdin.readline().rstrip("\n")
        if password_stdin
        else typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    con = duckdb.connect(str(db))
    try:
        user = add_user(con, name, role, password, drill_granted=grant_drill)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    finally:
        con.close()
    typer.echo(f"Account {user.name} ({user.role.value}) saved.")


def list_command(db: Annotated[Path, typer.Option(help="The store.")]) -> None:
    """List accounts and roles."""
    con = duckdb.connect(str(db), read_only=False)
    try:
        create_users_table(con)
        found = list_users(con)
    finally:
        con.close()
    for user in found:
        grant = " (child-level lists granted)" if user.drill_granted else ""
        typer.echo(f"{user.name}\t{user.role.value}{grant}")
