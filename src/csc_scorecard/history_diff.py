"""Explain how two recorded runs' figures differ, and why where the record can tell.

Figures are matched on council, indicator, period and breakdown. The possible causes are the
ones a run records: different input files (checksums), a different configuration (which keys),
different code, or different command options. When figures changed and none of these did, the
diff says so: the store was changed some other way (its data edited outside ingest).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard.history import RunRecord, find_run, run_results
from csc_scorecard.history_provenance import ConfigFile

KEY = ("la_code", "indicator_id", "period_kind", "period_end", "breakdown", "breakdown_value")
FIGURE = ("numerator", "denominator", "value")


@dataclass(frozen=True)
class FigureChange:
    """One figure both runs gave, with different numbers."""

    la_code: str
    indicator_id: str
    period_kind: str
    period_end: date
    breakdown: str | None
    breakdown_value: str | None
    old: tuple[float | None, float | None, float | None]
    """(numerator, denominator, value) in the first run."""
    new: tuple[float | None, float | None, float | None]


@dataclass(frozen=True)
class InputChange:
    """An input file whose checksum differs; a None checksum: the run did not read that path."""

    path: str
    old_sha256: str | None
    new_sha256: str | None


@dataclass(frozen=True)
class RunDiff:
    """Two runs' differences: figures, and the recorded causes."""

    old: RunRecord
    new: RunRecord
    changed: tuple[FigureChange, ...]
    only_old: int
    """Figures the first run gave and the second did not."""
    only_new: int
    inputs: tuple[InputChange, ...]
    config_keys: tuple[str, ...]
    """Dotted configuration keys added, removed or changed (``*`` when a run had none)."""
    options: tuple[str, ...]
    """Command options that differ."""

    @property
    def code_changed(self) -> bool:
        return self.old.code_version != self.new.code_version

    @property
    def unexplained(self) -> bool:
        """Figures differ, and nothing the runs recorded does."""
        differs = self.changed or self.only_old or self.only_new
        told = self.inputs or self.config_keys or self.options or self.code_changed
        return bool(differs) and not told


def diff_runs(db: Path, first: str, second: str) -> RunDiff:
    """Compare runs ``first`` and ``second`` (ids or unique prefixes) of the store at ``db``.

    Raises:
        HistoryError: a run id matches no run, or several.
    """
    old, new = find_run(db, first), find_run(db, second)
    before, after = run_results(db, old.run_id), run_results(db, new.run_id)
    return RunDiff(
        old=old,
        new=new,
        changed=tuple(_changes(before, after)),
        only_old=before.join(after, on=list(KEY), how="anti", nulls_equal=True).height,
        only_new=after.join(before, on=list(KEY), how="anti", nulls_equal=True).height,
        inputs=_inputs(old, new),
        config_keys=_config_keys(old.config, new.config),
        options=tuple(
            k
            for k in sorted(set(old.options) | set(new.options))
            if old.options.get(k) != new.options.get(k)
        ),
    )


def _changes(before: pl.DataFrame, after: pl.DataFrame) -> list[FigureChange]:
    """Figures present in both runs whose numbers differ."""
    matched = before.join(after, on=list(KEY), how="inner", nulls_equal=True)
    rows = matched.filter(
        pl.any_horizontal(pl.col(f).ne_missing(pl.col(f"{f}_right")) for f in FIGURE)
    )
    return [
        FigureChange(
            **{k: row[k] for k in KEY},
            old=(row["numerator"], row["denominator"], row["value"]),
            new=(row["numerator_right"], row["denominator_right"], row["value_right"]),
        )
        for row in rows.sort(list(KEY), nulls_last=True).iter_rows(named=True)
    ]


def _inputs(old: RunRecord, new: RunRecord) -> tuple[InputChange, ...]:
    before = {i.path: i.sha256 for i in old.inputs}
    after = {i.path: i.sha256 for i in new.inputs}
    return tuple(
        InputChange(path, before.get(path), after.get(path))
        for path in sorted(before.keys() | after.keys())
        if before.get(path) != after.get(path)
    )


def _config_keys(old: ConfigFile | None, new: ConfigFile | None) -> tuple[str, ...]:
    if old is None and new is None:
        return ()
    if old is None or new is None:
        return ("*",)
    if old.sha256 == new.sha256:
        return ()
    before, after = _flat(old.text), _flat(new.text)
    return tuple(
        k for k in sorted(before.keys() | after.keys()) if before.get(k) != after.get(k)
    ) or ("*",)


def _flat(text: str) -> dict[str, object]:
    """Every leaf of a TOML document by its dotted key (a file that no longer parses: none)."""
    try:
        document = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError:
        return {}
    flat: dict[str, object] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        else:
            flat[prefix] = value

    walk("", document)
    return flat
