"""Time synthesis and ingest of a synthetic council (and, with --national, all of England).

Run: ``.venv/bin/python benchmarks/synth_ingest.py [--national] [--keep DIR] [--ingest CSV_DIR]``

``--ingest`` times only the ingest of a folder already made by ``csc-scorecard synth`` (the
national set takes minutes to make), into a fresh store.

Each step runs in its own child process, so "peak MB" is that process's peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``), not the benchmark driver's.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

END_MONTH = date(2025, 3, 1)
CASES = {
    "one council": {"children": 60_000, "councils": 1},
    "national": {"children": 12_000_000, "councils": 153},
}


def _step(step: str, folder: Path, children: int, councils: int) -> dict[str, float]:
    """Run one step in this (child) process and measure it."""
    started = time.perf_counter()
    if step == "synth":
        from csc_scorecard.synth import synthesise  # noqa: PLC0415 - imported inside the timed child

        rows = sum(
            synthesise(
                folder / "csv", children=children, councils=councils, years=6, end_month=END_MONTH
            ).rows.values()
        )
    else:
        from csc_scorecard.ingest.run import ingest  # noqa: PLC0415

        report = ingest([folder / "csv"], folder / "store.duckdb")
        rows = report.rows_loaded
        if report.rows_rejected:
            raise SystemExit(f"ingest rejected {report.rows_rejected} rows")
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": seconds, "peak_mb": peak_mb}


def _run_in_child(step: str, folder: Path, children: int, councils: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--step", step, "--folder", str(folder)]
    command += ["--children", str(children), "--councils", str(councils)]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", action="store_true", help="also 153 councils, 12m children")
    parser.add_argument("--keep", type=Path, help="write here and keep the files (default: temp)")
    parser.add_argument("--ingest", type=Path, help="only ingest this folder of synthetic CSVs")
    parser.add_argument("--step", choices=["synth", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--children", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--councils", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_step(args.step, args.folder, args.children, args.councils)))
        return
    print(f"{'case':<12} {'step':<7} {'rows':>12} {'seconds':>9} {'rows/s':>11} {'peak MB':>9}")
    if args.ingest:
        with tempfile.TemporaryDirectory(dir=args.keep) as temp:
            (Path(temp) / "csv").symlink_to(args.ingest.resolve(), target_is_directory=True)
            _print(args.ingest.name, "ingest", _run_in_child("ingest", Path(temp), 0, 0))
        return
    cases = ["one council", "national"] if args.national else ["one council"]
    for case in cases:
        with tempfile.TemporaryDirectory(dir=args.keep) as temp:
            for step in ("synth", "ingest"):
                _print(case, step, _run_in_child(step, Path(temp), **CASES[case]))


def _print(case: str, step: str, m: dict[str, float]) -> None:
    print(
        f"{case:<12} {step:<7} {int(m['rows']):>12,} {m['seconds']:>9.1f} "
        f"{m['rows'] / m['seconds']:>11,.0f} {m['peak_mb']:>9,.0f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
