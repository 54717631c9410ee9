"""``csc-scorecard reference import``: load published DfE figures and neighbours into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from csc_scorecard.reference.ees import ReferenceFileError
from csc_scorecard.reference.importer import import_reference
from csc_scorecard.store.database import open_store


def register(app: typer.Typer) -> None:
    """Add the ``reference`` command group."""
    group = typer.Typer(help="Published benchmark data (DfE EES, LAIT, neighbours, RIG).")
    app.add_typer(group, name="reference")

    @group.command("import")
    def import_(
        paths: Annotated[
            list[Path], typer.Argument(exists=True, dir_okay=False, help="Files to import.")
        ],
        db: Annotated[Path, typer.Option(help="The store (DuckDB file).")],
    ) -> None:
        """Import EES CSVs, the LAIT extract and dictionary, neighbour models and RIG CSVs."""
        con = open_store(db)
        try:
            imported = import_reference(con, paths)
        except ReferenceFileError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        finally:
            con.close()
        table = Table("file", "layout", "rows", "unrecognised cells")
        for item in imported:
            rows = ", ".join(f"{t}: {n:,}" for t, n in item.rows.items())
            table.add_row(item.path.name, item.layout.value, rows, str(item.unrecognised))
        Console().print(table)
