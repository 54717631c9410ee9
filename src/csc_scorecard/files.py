"""Writing output files safely: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when the block ends.

    A reader never sees half a file, and a failure leaves any previous file in place. The file is
    created readable by its owner only: outputs may describe child-level data.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_frame(frame: pl.DataFrame, path: Path, file_format: str | None = None) -> None:
    """Write ``frame`` atomically as ``csv``, ``json`` (an array of rows) or ``parquet``.

    The format defaults to the file's suffix, and to CSV for any other suffix.
    """
    chosen = file_format or path.suffix.lstrip(".")
    with atomic_path(path) as tmp:
        if chosen == "parquet":
            frame.write_parquet(tmp)
        elif chosen == "json":
            frame.write_json(tmp)
        else:
            frame.write_csv(tmp)
