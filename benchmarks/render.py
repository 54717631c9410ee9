"""Time rendering the whole pack: for one council, four reports, each in all its formats; or
(``--national``) a pack for every council of a store from one computation.

Run: ``.venv/bin/python benchmarks/render.py [--store STORE] [--children N] [--years N]``
or ``.venv/bin/python benchmarks/render.py --national STORE [--no-pdf]``

Without ``--store`` a demo council is synthesised and ingested first (untimed), as
``csc-scorecard demo`` does, at ``--children`` (default 20,000) and ``--years`` (default 4).

Two measurements, each in fresh child processes so "peak MB" is that process's peak resident
memory (``ru_maxrss``) and imports are not timed:

* per report and format: one process builds the report (compute, assess, lay out: "build")
  and writes that one format ("write");
* the pack: one process builds the four reports from one computation of their indicators
  (``render.pack``: "build") and writes all ten files ("write"), as ``demo`` and
  ``report --type pack`` do. Its total is the figure the aim (under 10 s) is about.

``--national STORE`` times, in one child process, what ``report --type pack --all-councils``
does: one engine call for every council of the store (``every_council_figures``), then each
council's pack built from its slice (``pack_from_figures``) and written, XLSX and HTML first,
then the PDFs (``--no-pdf`` leaves them out). The store is copied into a temporary folder first
(untimed): building a report opens the store writable (its commentary and reference tables are
created when missing) and the original must not change. "peak MB" on each line is the process's
peak so far: the computation's on the first, the whole run's on the last.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

END_MONTH = date(2025, 3, 31)
PACK = {
    "scorecard": ("xlsx", "html", "pdf"),
    "practice": ("html", "pdf"),
    "dashboard": ("html", "pdf"),
    "improvement": ("xlsx", "html", "pdf"),
}
"""Every report and the formats it is written in (``report --type``)."""

RENDERERS = (
    "csc_scorecard.render.dashboard_html",
    "csc_scorecard.render.excel",
    "csc_scorecard.render.html",
    "csc_scorecard.render.pdf",
)
"""Imported before timing: WeasyPrint alone takes seconds to import, once per process."""

if TYPE_CHECKING:
    from csc_scorecard.render.publish import Format

R = TypeVar("R")
Timings = dict[str, float]
Writer = Callable[[Path, Path, Sequence[str]], Timings]


def _timed(
    build: Callable[[], R], write: Callable[[R, Format], None], formats: Sequence[str]
) -> Timings:
    """Seconds to build a report, then to write it in each format."""
    from csc_scorecard.render.publish import Format  # noqa: PLC0415

    timings: Timings = {}
    started = time.perf_counter()
    report = build()
    timings["build"] = time.perf_counter() - started
    for f in formats:
        started = time.perf_counter()
        write(report, Format(f))
        timings[f] = time.perf_counter() - started
    return timings


def _scorecard(db: Path, out: Path, formats: Sequence[str]) -> Timings:
    from csc_scorecard.render.from_store import scorecard_from_store  # noqa: PLC0415
    from csc_scorecard.render.layout import load_layout  # noqa: PLC0415
    from csc_scorecard.render.publish import write_scorecard  # noqa: PLC0415

    return _timed(
        lambda: scorecard_from_store(db, layout=load_layout()).report,
        lambda report, f: write_scorecard(report, out, [f]),
        formats,
    )


def _practice(db: Path, out: Path, formats: Sequence[str]) -> Timings:
    from csc_scorecard.render.practice_from_store import practice_report_from_store  # noqa: PLC0415
    from csc_scorecard.render.practice_layout import load_practice_layout  # noqa: PLC0415
    from csc_scorecard.render.publish import write_practice_report  # noqa: PLC0415

    return _timed(
        lambda: practice_report_from_store(db, layout=load_practice_layout()).report,
        lambda report, f: write_practice_report(report, out, [f]),
        formats,
    )


def _dashboard(db: Path, out: Path, formats: Sequence[str]) -> Timings:
    from csc_scorecard.render.dashboard_html import write_dashboard  # noqa: PLC0415
    from csc_scorecard.render.report_layouts import load_dashboard_layout  # noqa: PLC0415
    from csc_scorecard.render.store_reports import dashboard_from_store  # noqa: PLC0415

    return _timed(
        lambda: dashboard_from_store(db, layout=load_dashboard_layout()).report,
        lambda report, f: write_dashboard(report, out, [f]),
        formats,
    )


def _improvement(db: Path, out: Path, formats: Sequence[str]) -> Timings:
    from csc_scorecard.render.publish import write_scorecard  # noqa: PLC0415
    from csc_scorecard.render.report_layouts import load_improvement_layout  # noqa: PLC0415
    from csc_scorecard.render.store_reports import improvement_from_store  # noqa: PLC0415

    return _timed(
        lambda: improvement_from_store(db, layout=load_improvement_layout()).report,
        lambda report, f: write_scorecard(report, out, [f], stem="improvement"),
        formats,
    )


def _pack(db: Path, out: Path, formats: Sequence[str]) -> Timings:
    from csc_scorecard.render.pack import PackLayouts, pack_from_store, write_pack  # noqa: PLC0415
    from csc_scorecard.render.publish import Format  # noqa: PLC0415

    started = time.perf_counter()
    pack = pack_from_store(db, layouts=PackLayouts.shipped())
    timings: Timings = {"build": time.perf_counter() - started}
    started = time.perf_counter()
    write_pack(pack, out, [Format(f) for f in formats])
    timings["write"] = time.perf_counter() - started
    return timings


WRITERS: dict[str, Writer] = {
    "scorecard": _scorecard,
    "practice": _practice,
    "dashboard": _dashboard,
    "improvement": _improvement,
    "pack": _pack,
}


def _child(db: Path, out: Path, reports: Sequence[str], formats: Sequence[str] | None) -> None:
    """Import everything, then time ``reports`` (each in ``formats``, else all its own)."""
    for module in RENDERERS:
        importlib.import_module(module)

    before = _cpu_seconds()
    every = tuple(dict.fromkeys(f for written in PACK.values() for f in written))
    measured = {
        name: WRITERS[name](db, out, formats if formats is not None else PACK.get(name, every))
        for name in reports
    }
    cpu = _cpu_seconds() - before
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"timings": measured, "cpu": cpu, "peak_mb": peak_mb}))


def _cpu_seconds() -> float:
    """CPU time of this process, every thread (DuckDB's included): on a shared machine it
    says what the work costs where wall-clock seconds also count the waiting."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _every_council(db: Path, out: Path, pdf: bool) -> None:
    """Import everything, then time a pack for every council from one computation: each step's
    wall and CPU seconds summed over the councils, and the peak memory when it ends."""
    from csc_scorecard.render.from_store import every_council_figures  # noqa: PLC0415
    from csc_scorecard.render.pack import PackLayouts, pack_from_figures, write_pack  # noqa: PLC0415
    from csc_scorecard.render.publish import Format  # noqa: PLC0415

    for module in RENDERERS:
        importlib.import_module(module)
    layouts = PackLayouts.shipped()
    steps: dict[str, list[float]] = {}

    def timed(step: str, work: Callable[[], R]) -> R:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        done = work()
        seconds, cpu_seconds = steps.setdefault(step, [0.0, 0.0, 0.0])[:2]
        steps[step] = [
            seconds + time.perf_counter() - wall,
            cpu_seconds + _cpu_seconds() - cpu,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        ]
        return done

    every = timed("compute", lambda: every_council_figures(db, layouts.needs, None))
    for figures in every:
        folder = out / figures.la_code
        pack = timed("build", partial(pack_from_figures, figures, layouts=layouts))
        timed("xlsx, html", partial(write_pack, pack, folder, [Format.XLSX, Format.HTML]))
        if pdf:
            timed("pdf", partial(write_pack, pack, folder, [Format.PDF]))
    print(json.dumps({"councils": len(every), "steps": steps}))


EVERY_STEP = {
    "compute": "every council's figures, one engine call",
    "build": "assess and lay out the four reports",
    "xlsx, html": "write xlsx and html (6 files)",
    "pdf": "write pdf (4 files)",
}
"""What each step of ``--national`` is, as its table says."""


def _national(store: Path, pdf: bool) -> None:
    """Copy the store (untimed), then time a pack per council in one child process."""
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "store.duckdb"
        shutil.copyfile(store, copy)
        command = [sys.executable, __file__, "--child", "national", "--store", str(copy)]
        command += ["--out", str(Path(work) / "out"), *([] if pdf else ["--no-pdf"])]
        result = subprocess.run(command, check=False, capture_output=True, text=True)
    if result.returncode != 0:  # a long run: say why it stopped (memory, a full disk...)
        raise SystemExit(f"the run stopped (exit {result.returncode}):\n{result.stderr[-4000:]}")
    found = json.loads(result.stdout.strip().splitlines()[-1])
    councils: int = found["councils"]
    steps: dict[str, list[float]] = found["steps"]
    print(f"store: {store} (a copy), {councils} councils")
    print("| step | seconds | per council s | CPU s | peak MB so far |")
    print("|---|---:|---:|---:|---:|")
    for step, (seconds, cpu, peak) in steps.items():
        print(
            f"| {EVERY_STEP[step]} | {seconds:.1f} | {seconds / councils:.2f} | {cpu:.1f} "
            f"| {peak:,.0f} |"
        )
    seconds, cpu = (sum(step[i] for step in steps.values()) for i in (0, 1))
    peak = max(step[2] for step in steps.values())
    print(
        f"| **all {councils} packs, one process** | {seconds:.1f} | {seconds / councils:.2f} "
        f"| {cpu:.1f} | {peak:,.0f} |"
    )
    if not pdf:
        print("PDFs not written (--no-pdf).")


def _run_child(db: Path, out: Path, reports: Sequence[str], fmt: str | None) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", ",".join(reports), "--store", str(db)]
    command += ["--out", str(out), *(["--format", fmt] if fmt else [])]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    found: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def _demo_store(folder: Path, children: int, years: int) -> Path:
    """Synthesise and ingest a demo council, as ``csc-scorecard demo`` does (untimed)."""
    from csc_scorecard.demo import catalogue_manual_specs  # noqa: PLC0415
    from csc_scorecard.synth import synthesise_store  # noqa: PLC0415

    return synthesise_store(
        folder, children=children, years=years, end_month=END_MONTH, manual=catalogue_manual_specs()
    ).path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store built by ingest (default: a demo)")
    parser.add_argument("--children", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument(
        "--national", type=Path, metavar="STORE", help="a pack for every council of STORE"
    )
    parser.add_argument("--no-pdf", action="store_true", help="--national: leave out the PDFs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--format", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "national":
        _every_council(args.store, args.out, not args.no_pdf)
        return
    if args.national:
        _national(args.national, not args.no_pdf)
        return
    if args.child:
        formats = [args.format] if args.format else None
        _child(args.store, args.out, args.child.split(","), formats)
        return
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        store = args.store or _demo_store(folder, args.children, args.years)
        print(f"store: {store}")
        print("| report | format | build s | write s | total s | CPU s | peak MB |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for name, written in PACK.items():
            for fmt in written:
                found = _run_child(store, folder / "out", [name], fmt)
                timings = found["timings"][name]  # type: ignore[index]
                build, write = timings["build"], timings[fmt]
                peak = found["peak_mb"]
                print(
                    f"| {name} | {fmt} | {build:.1f} | {write:.1f} | {build + write:.1f} "
                    f"| {found['cpu']:.1f} | {peak:,.0f} |"
                )
        found = _run_child(store, folder / "pack", ["pack"], None)
        pack: Timings = found["timings"]["pack"]  # type: ignore[index]
        print(
            f"| whole pack, one process | all | {pack['build']:.1f} | {pack['write']:.1f} "
            f"| {pack['build'] + pack['write']:.1f} | {found['cpu']:.1f} "
            f"| {found['peak_mb']:,.0f} |"
        )


if __name__ == "__main__":
    main()
