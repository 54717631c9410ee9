"""Read the council's TOML file into :class:`CouncilConfig`, reporting every problem at once.

Whoever edits the file is not expected to read a pydantic traceback: each problem becomes one line
``<file>: <key path>: <what is wrong>``, and unknown indicator ids get the closest catalogue id.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue

_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known key",
    "unexpected_keyword_argument": "is not a known key",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "int_type": "must be a whole number",
    "tuple_type": "must be a list",
    "model_type": "must be a table",
    "dataclass_type": "must be a table",
    "dict_type": "must be a table",
    "mapping_type": "must be a table",
}


@dataclass(frozen=True)
class ConfigIssue:
    """One problem: where in the file (dotted key path) and what is wrong."""

    path: str
    message: str


class ConfigError(ValueError):
    """The configuration file cannot be used; ``issues`` lists every problem found."""

    def __init__(self, file: Path, issues: Sequence[ConfigIssue]) -> None:
        self.file = file
        self.issues = tuple(issues)
        lines = [f"{file.name}: {i.path}: {i.message}" if i.path else f"{file.name}: {i.message}"
                 for i in self.issues]  # fmt: skip
        super().__init__("\n".join(lines))


def load_config(path: Path, known_indicators: Iterable[str] | None = None) -> CouncilConfig:
    """Parse and check the council configuration at ``path``.

    Args:
        path: the TOML file.
        known_indicators: ids an ``[indicators.<id>]`` table may use (default: the catalogue).

    Raises:
        ConfigError: naming the file, the key path and the problem, for every problem found.
    """
    try:
        # utf-8-sig: Notepad and Excel put a byte-order mark before the first key.
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(path, [ConfigIssue("", "file not found")]) from None
    except OSError as error:  # a folder, or not readable by this user
        why = f"could not be read ({error.strerror or type(error).__name__})"
        raise ConfigError(path, [ConfigIssue("", why)]) from None
    except UnicodeDecodeError:
        raise ConfigError(path, [ConfigIssue("", "not UTF-8 text; save it as UTF-8")]) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, [ConfigIssue("", f"not valid TOML: {error}")]) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(path, [ConfigIssue("", "not valid TOML: nested too deeply")]) from None
    known = set(known_indicators or (i.id for i in load_catalogue()))
    issues = _unknown_indicators(raw, known)
    try:
        config = CouncilConfig.model_validate(raw)
    except ValidationError as error:
        issues += [_issue(e) for e in error.errors(include_url=False)]
    if issues:
        raise ConfigError(path, issues)
    return config


def _unknown_indicators(raw: dict[str, Any], known: set[str]) -> list[ConfigIssue]:
    indicators = raw.get("indicators")
    if not isinstance(indicators, dict):
        return []
    issues = []
    for name in indicators:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else ""
            issues.append(ConfigIssue(f"indicators.{name}", f"not a catalogue indicator id{hint}"))
    return issues


def _issue(error: ErrorDetails) -> ConfigIssue:
    """One pydantic error as a key path and a plain message."""
    path = ".".join(str(part) for part in error["loc"] if part not in {"[key]"})
    kind = error["type"]
    if kind in _MESSAGES:
        message = _MESSAGES[kind]
    elif kind == "enum":
        message = f"must be one of {error.get('ctx', {}).get('expected', '')}"
    elif kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        message = str(error["msg"]).lower()
    return ConfigIssue(path, message)
