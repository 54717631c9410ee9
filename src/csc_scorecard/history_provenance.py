"""What a published run was made from: the store's inputs, the configuration, the code version.

These are the three things that can make two runs' figures differ, so each is captured in a form
``diff`` can compare: input files by checksum, the configuration file by its whole text (keys
can then be compared), and the code by package version and git commit.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from csc_scorecard import __version__
from csc_scorecard.config import EXAMPLE_CONFIG
from csc_scorecard.store.ingest_log import RUNS_TABLE

_PACKAGE = Path(__file__).resolve().parent
EXAMPLE_CONFIG_NAME = f"shipped example ({EXAMPLE_CONFIG})"


@dataclass(frozen=True)
class InputChecksum:
    """One input file an ingest run read, as the run log recorded it."""

    path: str
    sha256: str
    format: str | None


@dataclass(frozen=True)
class StoreInputs:
    """The ingest runs whose loads the store still holds, and the files they read."""

    ingest_runs: tuple[str, ...]
    inputs: tuple[InputChecksum, ...]


@dataclass(frozen=True)
class ConfigFile:
    """The configuration a run used: where it came from, its checksum and its whole text."""

    path: str
    sha256: str
    text: str


def store_inputs(con: duckdb.DuckDBPyConnection) -> StoreInputs:
    """The latest ingest run to load each table, and the inputs those runs read.

    Each table's rows are those of the last run that carried it (a load replaces a council's
    rows whole), so those runs' files are what the figures were computed from. A store holding
    several councils loaded by separate runs shows the latest run per table, not per council.
    """
    latest = con.execute(
        f"""WITH loads AS (
              SELECT run_id, finished_utc, unnest(counts) AS c FROM {RUNS_TABLE}
            )
            SELECT r.run_id, r.inputs FROM {RUNS_TABLE} AS r
            WHERE r.run_id IN (
              SELECT arg_max(run_id, finished_utc) FROM loads WHERE c.read > 0
              GROUP BY c.table_name
            )
            ORDER BY r.finished_utc, r.run_id"""
    ).fetchall()
    by_path = {
        i["path"]: InputChecksum(i["path"], i["sha256"], i["format"])
        for _, inputs in latest
        for i in inputs
    }
    return StoreInputs(tuple(r for r, _ in latest), tuple(by_path[p] for p in sorted(by_path)))


def config_file(path: Path | None) -> ConfigFile:
    """The configuration file at ``path`` or, with none given, the shipped example."""
    if path is None:
        text = resources.files("csc_scorecard.config").joinpath(EXAMPLE_CONFIG).read_text("utf-8")
        name = EXAMPLE_CONFIG_NAME
    else:
        text, name = path.read_text(encoding="utf-8-sig"), str(path)
    return ConfigFile(name, hashlib.sha256(text.encode("utf-8")).hexdigest(), text)


def git_commit() -> str | None:
    """The commit the running code was checked out at (``+modified`` if it has edits), if any.

    None when the package is not a file tracked in a git checkout (an installed wheel), so a
    virtual environment that happens to sit inside some repository does not borrow its commit.
    """
    try:
        tracked = _git("ls-files", "--error-unmatch", "__init__.py")
        commit = _git("rev-parse", "HEAD")
        edits = _git("status", "--porcelain", "--untracked-files=no", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    if not tracked or not commit:
        return None
    return commit + ("+modified" if edits else "")


def package_version() -> str:
    """The installed csc-scorecard version."""
    return __version__


def _git(*arguments: str) -> str:
    done = subprocess.run(
        ["git", *arguments],
        cwd=_PACKAGE,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return done.stdout.strip()
