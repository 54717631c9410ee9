"""The ``csc-scorecard`` command line: thin commands over the library.

Each command lives in its own module under ``csc_scorecard.cli`` and exposes
``register(app: typer.Typer) -> None``; ``build_app`` registers the modules named in
``COMMAND_MODULES`` in order, so ``--help`` lists commands in pipeline order.
"""

from __future__ import annotations

import importlib

import typer

from csc_scorecard import __version__

COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "synth",
    "ingest",
    "quality",
    "reference",
    "compute",
    "region",
    "report",
    "history",
    "serve",
    "user",
)


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

    for name in COMMAND_MODULES:
        importlib.import_module(f"csc_scorecard.cli.{name}").register(app)
    return app


def main() -> None:
    """Entry point of the ``csc-scorecard`` script."""
    build_app()()
