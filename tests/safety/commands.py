"""Running CLI commands in tests as a user would."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from csc_scorecard.cli import build_app


def cli(*arguments: str) -> None:
    """Run ``csc-scorecard ARGUMENTS...`` and insist it succeeds."""
    result = CliRunner().invoke(build_app(), list(arguments))
    assert result.exit_code == 0, result.output


def ingest_cli(data: Path, store: Path) -> None:
    """Ingest ``data`` into ``store`` as a user would (rejects CSV beside the store)."""
    result = CliRunner().invoke(build_app(), ["ingest", str(data), "--db", str(store)])
    assert result.exit_code == 0, result.output
