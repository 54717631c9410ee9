"""The ``csc-scorecard`` command line: thin commands over the library."""

from __future__ import annotations

import typer

from csc_scorecard import __version__


def build_app() -> typer.Typer:
    """Assemble the CLI from each command module's ``register`` function."""
    app = typer.Typer(
        help="Children's social care performance scorecards from child-level data.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_show_locals=False,
    )

    @app.command()
    def version() -> None:
        """Print the version."""
        typer.echo(__version__)

    return app


def main() -> None:
    """Entry point of the ``csc-scorecard`` script."""
    build_app()()
