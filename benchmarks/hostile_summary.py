"""Run the hostile input corpus once and print its totals: inputs tried, crashes, silent losses.

    .venv/bin/python benchmarks/hostile_summary.py

The corpus and its checks live in ``tests/hostile`` (the test suite runs the same cases one by
one); this prints the counts the issue's closing note asks for, per reader, and exits non-zero
if any case crashed, lost a row or a file, leaked an identifier or left a problem.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from csc_scorecard.store.database import open_store
from hostile.check import run
from hostile.corpus import all_cases


def main() -> int:
    cases = all_cases()
    tried, crashes, lost, leaks, problems = Counter[str](), 0, 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "empty.duckdb"
        open_store(template).close()
        for i, case in enumerate(cases):
            work = Path(tmp) / f"case{i}"
            work.mkdir()
            outcome = run(case, work, template)
            tried[case.reader] += 1
            crashes += outcome.crash is not None
            lost += bool(outcome.lost)
            leaks += bool(outcome.leaks)
            problems += bool(outcome.problems)
            if not outcome.clean:
                print(outcome.explain(), file=sys.stderr)
    for reader, n in sorted(tried.items()):
        print(f"{reader:12} {n:4} inputs")
    print(f"inputs tried: {sum(tried.values())}, crashes: {crashes}, silent losses: {lost}, "
          f"identifier leaks: {leaks}, other problems: {problems}")  # fmt: skip
    return 1 if crashes or lost or leaks or problems else 0


if __name__ == "__main__":
    sys.exit(main())
