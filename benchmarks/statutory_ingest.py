"""Time ingest of a council's CIN census XML and SSDA903 returns, and Annex A, at two sizes.

Run: ``.venv/bin/python benchmarks/statutory_ingest.py [--children N [N ...]] [--annex-rows N]
[--keep DIR]``

For each ``--children`` size (default 50,000 and 100,000, so memory can be compared at twice the
size) a council is synthesised and exported (a census file and a 903 folder per year) first,
untimed. Then each format is timed twice, each run in its own child process so "peak MB" is that
process's ``ru_maxrss``: the reader alone (parse and map to canonical text rows; a reader that
streams is streamed, each batch counted and dropped, as ingest takes them) and the whole
``ingest`` (read, validate, load into a fresh store). The 903 carries no council code and names
no children outside care, so it is loaded with ``--la-code`` and its orphan checks run against an
empty store: nothing is rejected as an orphan because each 903 child is in its own Header. The
"cin+903" line ingests both in one run, as a council would: a child in both is merged into one
``ssd_person`` row. The Annex A workbook is one List 3 (referrals) sheet of ``--annex-rows``
synthetic referrals (the same at every size).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

LA = "Z01"
YEARS = (2021, 2022, 2023, 2024, 2025, 2026)
END_MONTH = date(2026, 3, 31)
ANNEX_HEADINGS = (
    *("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Referral"),
    *("Referral Source", "Referral NFA?", "Allocated Team"),
)
SOURCES = {
    "cin": ("cin",),
    "903": ("903",),
    "cin+903": ("cin", "903"),
    "annex_a": ("annex/annex_a.xlsx",),
}
INGEST_ONLY = frozenset({"cin+903"})


def _prepare(folder: Path, children: int, annex_rows: int) -> None:
    """Synthesise the council and write its returns (not timed)."""
    import duckdb  # noqa: PLC0415 - the driver needs none of these

    from csc_scorecard.export import export_cin_census  # noqa: PLC0415
    from csc_scorecard.export.ssda903 import export_ssda903  # noqa: PLC0415
    from csc_scorecard.synth import synthesise_store  # noqa: PLC0415

    canonical = synthesise_store(
        folder / "canonical", children=children, years=len(YEARS), end_month=END_MONTH
    )
    (folder / "cin").mkdir()
    with duckdb.connect(str(canonical.path), read_only=True) as con:
        for year in YEARS:
            generated = datetime(year, 4, 1)
            export_cin_census(
                con, LA, year, folder / "cin" / f"cin_{year}.xml", generated=generated
            )
            export_ssda903(con, LA, year, folder / "903" / str(year))
    _annex_workbook(folder / "annex" / "annex_a.xlsx", annex_rows)


def _annex_workbook(path: Path, rows: int) -> None:
    """A List 3 sheet of ``rows`` referrals, written as a council's template would hold them."""
    import xlsxwriter  # noqa: PLC0415

    path.parent.mkdir(parents=True)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("List 3 - Referrals")
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, [*ANNEX_HEADINGS])
    for n in range(1, rows + 1):
        sheet.write_string(n, 0, f"ZB{n:07d}")
        sheet.write_row(n, 1, ["a) Male" if n % 2 else "b) Female", "WBRI"])
        sheet.write_datetime(n, 3, datetime(2010 + n % 12, 1 + n % 12, 1 + n % 28), dated)
        sheet.write_datetime(n, 4, datetime(2023 + n % 2, 1 + n % 12, 1 + n % 28), dated)
        sheet.write_row(n, 5, ["q) 6: Police", "b) No", "North"])
    book.close()


def _step(step: str, sources: list[Path], store: Path) -> dict[str, float]:
    """Run one timed step in this (child) process.

    Imports (about a second, the same for any input) happen before the clock starts; "cpu" is
    the process's CPU seconds, steadier than wall time on a machine shared with other jobs.
    """
    from csc_scorecard.ingest.registry import readers  # noqa: PLC0415
    from csc_scorecard.ingest.run import ingest  # noqa: PLC0415
    from csc_scorecard.ingest.streaming import StreamingReader, TableStream  # noqa: PLC0415

    started, cpu = time.perf_counter(), time.process_time()
    if step == "read":
        [source] = sources
        reader = next(r for r in readers() if r.detect(source))
        if isinstance(reader, StreamingReader):
            streamed = reader.stream(source, LA)
            items = [i for i in streamed.items if isinstance(i, TableStream)]
            rows = sum(frame.height for item in items for frame in item.batches())
            streamed.cleanup()
        else:
            rows = sum(t.frame.height for t in reader.read(source, LA).tables)
    else:
        rows = ingest(sources, store, la_code=LA).rows_read
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb}


def _in_child(*args: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def _megabytes(paths: list[Path]) -> float:
    files = [f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file()]
    return sum(f.stat().st_size for f in files) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--annex-rows", type=int, default=50_000)
    parser.add_argument(
        "--keep", type=Path, help="keep the returns here (a folder per size); later runs reuse them"
    )
    parser.add_argument("--step", choices=["prepare", "read", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, action="append", help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "prepare":
        _prepare(args.source[0], args.children[0], args.annex_rows)
        print("{}")
        return
    if args.step:
        print(json.dumps(_step(args.step, args.source, args.store)))
        return
    print(
        f"{'children':>8} {'format':<8} {'MB':>6} {'step':<7} {'rows':>10} {'seconds':>8} "
        f"{'rows/s':>9} {'CPU s':>6} {'rows/CPU s':>10} {'peak MB':>8}"
    )
    for children in args.children:
        if args.keep:  # kept, and reused by later runs with the same --keep
            _run(args.keep / str(children), children, args)
            continue
        with tempfile.TemporaryDirectory() as temp:
            _run(Path(temp), children, args)


def _run(folder: Path, children: int, args: argparse.Namespace) -> None:
    """Prepare ``folder`` unless it already holds the returns, then time every format."""
    if not (folder / "annex").exists():
        folder.mkdir(parents=True, exist_ok=True)
        size = ("--children", str(children), "--annex-rows", str(args.annex_rows))
        _in_child("--step", "prepare", "--source", str(folder), *size)
    for name, relative in SOURCES.items():
        sources = [folder / r for r in relative]
        given = [arg for s in sources for arg in ("--source", str(s))]
        for step in ("read", "ingest"):
            if step == "read" and name in INGEST_ONLY:
                continue
            store = folder / f"{name}-{step}.duckdb"
            store.unlink(missing_ok=True)
            m = _in_child("--step", step, *given, "--store", str(store))
            print(
                f"{children:>8,} {name:<8} {_megabytes(sources):>6.1f} {step:<7} "
                f"{int(m['rows']):>10,} {m['seconds']:>8.1f} {m['rows'] / m['seconds']:>9,.0f} "
                f"{m['cpu']:>6.1f} {m['rows'] / m['cpu']:>10,.0f} {m['peak_mb']:>8,.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
