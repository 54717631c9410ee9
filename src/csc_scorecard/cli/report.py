"""``csc-scorecard report``: any of the four reports, or the pack of all four, for a month, in
the formats asked for.

``report --type scorecard|practice|dashboard|improvement|pack`` is the documented form;
``report scorecard`` (the type as an argument) is the older spelling that tests, the shipped
layout files and councils' scripts use. Both reach :func:`report_command`, so every option is
parsed and checked in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from csc_scorecard.cli.compute import DEFAULT_DB
from csc_scorecard.config import ConfigError, CouncilConfig, load_config
from csc_scorecard.engine.periods import parse_month
from csc_scorecard.history import HistoryError, RunKind, record_run, utc_now
from csc_scorecard.render.dashboard_html import write_dashboard
from csc_scorecard.render.from_store import (
    CouncilFigures,
    Needs,
    StoreScorecard,
    council_figures,
    every_council_figures,
    scorecard_from_figures,
    scorecard_needs,
)
from csc_scorecard.render.layout import LayoutError, load_layout
from csc_scorecard.render.pack import PackLayouts, ReportType, pack_from_figures, write_pack
from csc_scorecard.render.practice_from_store import practice_report_from_figures
from csc_scorecard.render.practice_layout import load_practice_layout
from csc_scorecard.render.publish import Format, write_practice_report, write_scorecard
from csc_scorecard.render.report_layouts import (
    dashboard_ids,
    load_dashboard_layout,
    load_improvement_layout,
)
from csc_scorecard.render.store_reports import dashboard_from_figures, improvement_from_figures


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the CLI."""
    app.command("report")(report_command)


@dataclass(frozen=True)
class _Request:
    """What the user asked for, checked: the same for every report type.

    With ``--all-councils``, ``configs`` are the councils' own configurations (each with its
    file) and each council's reports go into a folder of ``folder`` named by its ``la_code``.
    """

    db: Path
    config: CouncilConfig | None
    config_path: Path | None
    month: date | None
    layout: Path | None
    folder: Path
    stem: str
    formats: tuple[Format, ...]
    record: bool
    started: datetime
    all_councils: bool = False
    configs: tuple[tuple[CouncilConfig, Path], ...] = ()

    def source(self, shipped: str) -> list[tuple[str, str]]:
        """The Data Source lines naming the layout and configuration files used."""
        return [
            ("Layout", self.layout.name if self.layout else f"shipped {shipped} layout"),
            *([("Configuration file", self.config_path.name)] if self.config_path else []),
        ]

    def of_council(self, figures: CouncilFigures) -> _Request:
        """This request as it applies to one council of ``--all-councils``: its own
        configuration file (if any) and its own folder."""
        own = [path for config, path in self.configs if config.council.la_code == figures.la_code]
        return replace(
            self,
            config=None if figures.example_config else figures.config,
            config_path=own[0] if own else None,
            folder=self.folder / figures.la_code,
        )


@dataclass(frozen=True)
class _Written:
    """What a report wrote, and what the user should be told about it."""

    subtitle: str
    la_code: str
    example_config: bool
    paths: tuple[Path, ...]
    run_id: str | None = None


@dataclass(frozen=True)
class _Plan:
    """What one report type needs computed, and how it is made and written from one council's
    figures (so one computation can serve one council or every council of a store)."""

    needs: Needs
    make: Callable[[CouncilFigures, _Request], _Written]


@dataclass(frozen=True)
class _Kind:
    """How one report type is named, which formats it is written in, and how it is planned
    (its layouts read, before anything is computed)."""

    title: str
    name: str
    stem: str
    formats: tuple[Format, ...]
    plan: Callable[[_Request], _Plan]


def _record(request: _Request, built: StoreScorecard) -> str | None:
    """Record the scorecard's figures in the store's history, unless a dry run."""
    if not request.record:
        return None
    return record_run(
        request.db,
        kind=RunKind.REPORT,
        results=built.figures,
        started_utc=request.started,
        month=built.month,
        options={"report": "scorecard", "layout": str(request.layout or "shipped")},
        config=request.config_path,
    )


def _scorecard(request: _Request) -> _Plan:
    layout = load_layout(request.layout)

    def make(figures: CouncilFigures, request: _Request) -> _Written:
        built = scorecard_from_figures(figures, layout=layout, source=request.source("scorecard"))
        paths = write_scorecard(built.report, request.folder, request.formats, stem=request.stem)
        run_id = _record(request, built)
        subtitle = built.report.subtitle
        return _Written(subtitle, built.la_code, built.example_config, (*paths.values(),), run_id)

    return _Plan(scorecard_needs(layout), make)


def _pack(request: _Request) -> _Plan:
    """Every report from one computation, each in the formats asked for that it has; the
    scorecard is recorded as a scorecard run is."""
    layouts = PackLayouts.shipped()

    def make(figures: CouncilFigures, request: _Request) -> _Written:
        built = pack_from_figures(
            figures,
            layouts=layouts,
            source={kind: request.source(KINDS[kind].name) for kind in PACKED},
        )
        written = write_pack(built, request.folder, request.formats)
        run_id = _record(request, built.scorecard)
        card = built.scorecard
        paths = tuple(path for paths in written.values() for path in paths.values())
        return _Written(card.report.subtitle, card.la_code, card.example_config, paths, run_id)

    return _Plan(layouts.needs, make)


_L = TypeVar("_L")


def _published(
    build: Callable[..., Any],
    load_layout_file: Callable[[Path | None], _L],
    needs: Callable[[_L], Needs],
    write: Callable[..., Mapping[Format, Path]],
    shipped: str,
) -> Callable[[_Request], _Plan]:
    """How a report with no history of its own is made: read its layout, build it from the
    council's figures, write it in the formats asked for."""

    def plan(request: _Request) -> _Plan:
        layout = load_layout_file(request.layout)

        def make(figures: CouncilFigures, request: _Request) -> _Written:
            built = build(figures, layout=layout, source=request.source(shipped))
            paths = write(built.report, request.folder, request.formats, stem=request.stem)
            report = built.report
            return _Written(
                report.subtitle, built.la_code, built.example_config, (*paths.values(),)
            )

        return _Plan(needs(layout), make)

    return plan


_practice = _published(
    practice_report_from_figures,
    load_practice_layout,
    lambda layout: Needs(layout.indicator_ids),
    write_practice_report,
    "practice report",
)
_dashboard = _published(
    dashboard_from_figures,
    load_dashboard_layout,
    lambda layout: Needs(dashboard_ids(layout)),
    write_dashboard,
    "dashboard",
)
_improvement = _published(
    improvement_from_figures,
    load_improvement_layout,
    lambda layout: Needs(layout.indicator_ids),
    write_scorecard,
    "improvement scorecard",
)


def _write(kind: _Kind, request: _Request) -> list[_Written]:
    """Compute once, then make and write the report for the council asked for, or for every
    council of the store (each from its slice of the one computation)."""
    plan = kind.plan(request)
    if not request.all_councils:
        figures = council_figures(request.db, request.config, plan.needs, request.month)
        return [plan.make(figures, request)]
    every = every_council_figures(
        request.db, plan.needs, request.month, [config for config, _ in request.configs]
    )
    return [plan.make(figures, request.of_council(figures)) for figures in every]


_DOCUMENTS = (Format.HTML, Format.PDF)
PACKED = (
    ReportType.SCORECARD,
    ReportType.PRACTICE,
    ReportType.DASHBOARD,
    ReportType.IMPROVEMENT,
)
"""The reports ``--type pack`` writes."""
KINDS: dict[ReportType, _Kind] = {
    ReportType.SCORECARD: _Kind("Scorecard", "scorecard", "scorecard", tuple(Format), _scorecard),
    ReportType.PRACTICE: _Kind(
        "Performance & Practice Report", "practice report", "practice_report", _DOCUMENTS, _practice
    ),
    ReportType.DASHBOARD: _Kind(
        "Performance Dashboard", "dashboard", "dashboard", _DOCUMENTS, _dashboard
    ),
    ReportType.IMPROVEMENT: _Kind(
        "Improvement plan scorecard",
        "improvement scorecard",
        "improvement",
        tuple(Format),
        _improvement,
    ),
    ReportType.PACK: _Kind("Report pack", "report pack", "report_pack", tuple(Format), _pack),
}
"""Each report type: its formats are checked before anything is computed, so a refused
combination (a dashboard as a workbook) costs the user no wait."""


def _formats(text: str | None, kind: _Kind, out: Path | None) -> tuple[Format, ...]:
    """The formats asked for (by --format, else by --out's suffix, else all the report has),
    refused unless ``kind`` is written in every one of them."""
    named = _file_format(out)
    if text is None:
        formats = (named,) if named else kind.formats
    else:
        chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
        if not chosen or any(part not in set(Format) for part in chosen):
            raise ValueError(f"--format takes a list of {', '.join(sorted(Format))}; got {text!r}")
        formats = tuple(dict.fromkeys(Format(part) for part in chosen))
    refused = [f.value for f in formats if f not in kind.formats]
    if refused:
        allowed = " or ".join(f.value for f in kind.formats)
        raise ValueError(f"the {kind.name} is written as {allowed}, not {', '.join(refused)}")
    if named and formats != (named,):
        raise ValueError(f"--out {out} is one .{named} file; --format asks for {text!r}")
    return formats


def _file_format(out: Path | None) -> Format | None:
    """The format ``--out`` names by its suffix, when it is a file rather than a folder."""
    suffix = out.suffix.lower().removeprefix(".") if out is not None else ""
    return Format(suffix) if suffix in set(Format) else None


def _request(
    kind: _Kind,
    *,
    db: Path,
    config: Path | None,
    month: str | None,
    layout: Path | None,
    out: Path | None,
    output_format: str | None,
    record: bool,
    all_councils: bool,
) -> _Request:
    formats = _formats(output_format, kind, out)
    if kind is KINDS[ReportType.PACK] and (layout is not None or _file_format(out)):
        raise ValueError(
            "the report pack is written into a folder, from the shipped layouts: "
            "--layout and a one-file --out are for a single --type"
        )
    if all_councils and _file_format(out):
        raise ValueError(f"--all-councils writes a folder per council into --out, not {out}")
    if out is not None and _file_format(out):
        folder, stem = out.parent, out.stem
    else:
        folder, stem = out or Path(kind.stem), kind.stem
    chosen = parse_month(month) if month else None
    started = utc_now()
    if all_councils:
        configs = tuple((load_config(path), path) for path in _config_files(config))
        return _Request(
            db, None, None, chosen, layout, folder, stem, formats, record, started, True, configs
        )
    council = load_config(config) if config is not None else None
    return _Request(db, council, config, chosen, layout, folder, stem, formats, record, started)


def _config_files(config: Path | None) -> list[Path]:
    """The councils' own configuration files for ``--all-councils``: ``--config`` names one
    file, or a folder whose every ``.toml`` file is one council's.

    Raises:
        ValueError: for a folder holding no ``.toml`` file.
    """
    if config is None or not config.is_dir():
        return [config] if config is not None else []
    files = sorted(config.glob("*.toml"))
    if not files:
        raise ValueError(f"--config {config} is a folder with no .toml configuration files")
    return files


def _type_of(option: ReportType | None, argument: ReportType | None) -> ReportType:
    """The report asked for, by --type or (the older spelling) by name."""
    if option is None:
        if argument is None:
            raise ValueError(
                "say which report: --type scorecard, practice, dashboard, improvement or pack"
            )
        return argument
    if argument is not None and argument is not option:
        raise ValueError(f"--type {option} and the report named {argument} disagree")
    return option


def report_command(
    legacy_type: Annotated[
        ReportType | None,
        typer.Argument(metavar="TYPE", help="The report, as --type (older spelling)."),
    ] = None,
    *,
    report_type: Annotated[
        ReportType | None,
        typer.Option("--type", help="Which report to write.", show_default=False),
    ] = None,
    month: Annotated[
        str | None, typer.Option(help="Reporting month, YYYY-MM (default: last in the data).")
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Comma-separated: xlsx, html, pdf (default: every format the report has).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="A folder (default: named for the report), or one file such as pack/card.pdf.",
            show_default=False,
        ),
    ] = None,
    db: Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")] = DEFAULT_DB,
    config: Annotated[
        Path | None,
        typer.Option(help="The council's configuration (default: the shipped example)."),
    ] = None,
    layout: Annotated[
        Path | None,
        typer.Option(help="A layout file (default: the shipped layout for the report)."),
    ] = None,
    no_record: Annotated[
        bool,
        typer.Option("--no-record", help="Scorecard: a dry run, not recorded in the history."),
    ] = False,
    all_councils: Annotated[
        bool,
        typer.Option(
            "--all-councils",
            help="A report for every council in the store, from one computation, each into a "
            "folder of --out named by its LA code; --config may be a folder of councils' files "
            "(others use the shipped example).",
        ),
    ] = False,
) -> None:
    """Write a report for a month: scorecard (xlsx, html, pdf), practice (html, pdf),
    dashboard (public, small numbers suppressed; html, pdf), improvement (xlsx, html, pdf), or
    pack: all four from one computation, each in the formats asked for that it has.

    A scorecard run, its configuration and its figures are recorded in the store (see
    ``history``) unless --no-record; with --all-councils, one run per council.
    """
    console, errors = Console(), Console(stderr=True)
    try:
        kind = KINDS[_type_of(report_type, legacy_type)]
        request = _request(
            kind,
            db=db,
            config=config,
            month=month,
            layout=layout,
            out=out,
            output_format=output_format,
            record=not no_record,
            all_councils=all_councils,
        )
        with errors.status(f"Computing, assessing and writing the {kind.name}"):
            written = _write(kind, request)
    except (ConfigError, LayoutError) as error:
        errors.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except HistoryError as error:
        errors.print(f"[red]error:[/red] {error} (the report was written)", highlight=False)
        raise typer.Exit(1) from None
    except (ValueError, FileNotFoundError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}", highlight=False)
        raise typer.Exit(2) from None
    if all_councils:
        _tell_every(console, kind, written)
    else:
        _tell_one(console, kind, written[0])


def _tell_one(console: Console, kind: _Kind, written: _Written) -> None:
    """The configuration used, the run recorded and every file written."""
    if written.example_config:
        console.print(
            "No --config given: using the shipped example configuration (seed 000's targets) "
            f"for council {written.la_code}.",
            highlight=False,
        )
    if written.run_id is not None:
        console.print(f"Recorded as run {written.run_id}", highlight=False)
    console.print(f"{kind.title} ({written.subtitle}):", highlight=False)
    for path in written.paths:
        console.print(f"  {path}", highlight=False)


def _tell_every(console: Console, kind: _Kind, every: list[_Written]) -> None:
    """Which councils used the example configuration, then one line per council: its
    folder, the files written there and its recorded run (a store may hold 153 councils)."""
    example = [written.la_code for written in every if written.example_config]
    if example:
        console.print(
            "Using the shipped example configuration (seed 000's targets) for "
            f"{len(example)} of {len(every)} councils: {', '.join(example)}.",
            highlight=False,
        )
    console.print(f"{kind.title}, {len(every)} councils ({every[0].subtitle}):", highlight=False)
    for written in every:
        folder = written.paths[0].parent if written.paths else None
        names = ", ".join(path.name for path in written.paths)
        run = f" (recorded as run {written.run_id})" if written.run_id else ""
        console.print(f"  {folder}: {names}{run}", highlight=False)
