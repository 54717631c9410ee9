"""``csc-scorecard serve``: the web dashboard over a store, on loopback by default."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from csc_scorecard.config import ConfigError, load_config


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the CLI."""
    app.command("serve")(serve_command)


def serve_command(
    *,
    db: Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")],
    config: Annotated[
        Path | None,
        typer.Option(help="The council's configuration (default: the shipped example)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the dashboard. Put it behind a TLS proxy for anything but this machine: its
    cookies are Secure, so browsers send them over HTTPS (and to localhost) only."""
    import uvicorn  # noqa: PLC0415 (slow to import; only this command needs it)

    from csc_scorecard.web.app import create_app  # noqa: PLC0415

    try:
        council = load_config(config) if config is not None else None
        app = create_app(db, config=council)
    except (ConfigError, FileNotFoundError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Serving {db} on http://{host}:{port}/ (computing the figures in the background)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
