"""The README's first screen stays true: two set-up commands, and CI runs the test one exactly."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    first_screen = readme.split("\n---\n", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", first_screen, flags=re.DOTALL)


def test_first_screen_has_exactly_two_setup_commands() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands), "each set-up command is one line"
    assert "csc-scorecard demo" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert _setup_commands()[1] in ci
