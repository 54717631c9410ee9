"""Hostile canonical and SSD-export table files, generated from two small templates.

Each mutation is one way a hand-made export goes wrong (encodings, dates, ragged rows, NUL bytes,
1 MB cells, ...). It is applied to a parent table (``ssd_person``) and a child table
(``ssd_cin_episodes``), in the canonical layout (``la_code`` in every row) and as an SSD export
(no ``la_code``; ``--la-code`` gives it), so every mutation meets both readers and both kinds of
table. Identifiers are synthetic (``ZQ`` and four digits) so a test can look for them in messages.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from hostile.case import Case

LA = "201"
PEOPLE = ("ZQ0001", "ZQ0002", "ZQ0003")
PERSON_HEADER = ["la_code", "pers_person_id", "pers_sex", "pers_dob", "pers_ethnicity"]
PERSON_ROWS = [
    [LA, "ZQ0001", "M", "2015-01-01", "WBRI"],
    [LA, "ZQ0002", "F", "2016-02-29", "MWBC"],
    [LA, "ZQ0003", "F", "2010-12-31", "WBRI"],
]
EPISODE_HEADER = [
    "la_code",
    "cine_referral_id",
    "cine_person_id",
    "cine_referral_date",
    "cine_close_date",
    "cine_referral_team",
]
EPISODE_ROWS = [
    [LA, "ZQ9001", "ZQ0001", "2024-01-05", "2024-03-01", "North"],
    [LA, "ZQ9002", "ZQ0002", "2024-02-10", "", "South"],
    [LA, "ZQ9003", "ZQ0003", "2024-03-15", "2024-04-01", "North"],
]
IDS = (*PEOPLE, "ZQ9001", "ZQ9002", "ZQ9003")

Rows = list[list[str]]
Table = tuple[str, list[str], Rows]  # file stem, header, rows
Mutation = Callable[[list[str], Rows], bytes]


def csv_text(header: list[str], rows: Rows, newline: str = "\n") -> str:
    """Rows as CSV, quoting only where a value needs it (as Excel and SQL exports do)."""

    def cell(value: str) -> str:
        if any(ch in value for ch in ',"\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(",".join(cell(v) for v in row) + newline for row in [header, *rows])


def _utf8(header: list[str], rows: Rows) -> bytes:
    return csv_text(header, rows).encode()


def _set(column: str, value: str, row: int = 1) -> Mutation:
    """Row ``row`` (0-based) has ``value`` in ``column`` (or in the last column if absent)."""

    def mutate(header: list[str], rows: Rows) -> bytes:
        changed = [list(r) for r in rows]
        index = header.index(column) if column in header else len(header) - 1
        changed[row][index] = value
        return _utf8(header, changed)

    return mutate


def _date_column(header: list[str]) -> str:
    return next(c for c in header if c.endswith("_dob") or c.endswith("_referral_date"))


def _on_date(value: str) -> Mutation:
    def mutate(header: list[str], rows: Rows) -> bytes:
        return _set(_date_column(header), value)(header, rows)

    return mutate


def _id_column(header: list[str]) -> str:
    return header[1]


def _on_id(value: str) -> Mutation:
    def mutate(header: list[str], rows: Rows) -> bytes:
        return _set(_id_column(header), value)(header, rows)

    return mutate


def _encoded(encoding: str, accent: bool = True) -> Mutation:
    """The file saved in another encoding, with an accented letter in a free-text value."""

    def mutate(header: list[str], rows: Rows) -> bytes:
        changed = [list(r) for r in rows]
        if accent:
            changed[0][-1] = "Zoë"
        return csv_text(header, changed).encode(encoding)

    return mutate


def _raw(transform: Callable[[bytes], bytes]) -> Mutation:
    def mutate(header: list[str], rows: Rows) -> bytes:
        return transform(_utf8(header, rows))

    return mutate


def _lines(transform: Callable[[list[str]], list[str]]) -> Mutation:
    """Edit the file's lines (header first) as text."""

    def mutate(header: list[str], rows: Rows) -> bytes:
        lines = csv_text(header, rows).splitlines()
        return ("\n".join(transform(lines)) + "\n").encode()

    return mutate


def _header(transform: Callable[[list[str]], list[str]], rows_too: bool = False) -> Mutation:
    def mutate(header: list[str], rows: Rows) -> bytes:
        if rows_too:
            width = len(transform(header))
            rows = [(r + ["x"] * width)[:width] for r in rows]
        return _utf8(transform(header), rows)

    return mutate


def _drop_column(index: int) -> Mutation:
    def mutate(header: list[str], rows: Rows) -> bytes:
        return _utf8(
            [c for i, c in enumerate(header) if i != index],
            [[v for i, v in enumerate(r) if i != index] for r in rows],
        )

    return mutate


def _duplicate_row(header: list[str], rows: Rows) -> bytes:
    return _utf8(header, [*rows, rows[0]])


def _end_before_start(header: list[str], rows: Rows) -> bytes:
    if "pers_person_id" in header:
        header = [*header, "pers_death_date"]
    changed = [list(r) + [""] * (len(header) - len(r)) for r in rows]
    later = "pers_death_date" if "pers_death_date" in header else "cine_close_date"
    earlier = "pers_dob" if later == "pers_death_date" else "cine_referral_date"
    changed[0][header.index(earlier)] = "2024-05-01"
    changed[0][header.index(later)] = "2024-04-01"
    return _utf8(header, changed)


def _many_columns(header: list[str], rows: Rows) -> bytes:
    extra = [f"local_{i}" for i in range(500)]
    return _utf8([*header, *extra], [[*r, *("v" for _ in extra)] for r in rows])


def _semicolons(header: list[str], rows: Rows) -> bytes:
    return "".join(";".join(r) + "\n" for r in [header, *rows]).encode()


def _tabs(header: list[str], rows: Rows) -> bytes:
    return "".join("\t".join(r) + "\n" for r in [header, *rows]).encode()


MUTATIONS: dict[str, Mutation] = {
    "latin1": _encoded("latin-1"),
    "cp1252": _encoded("cp1252"),
    "utf16_bom": _encoded("utf-16"),
    "utf16le_no_bom": _encoded("utf-16-le", accent=False),
    "utf8_bom": _raw(lambda b: b"\xef\xbb\xbf" + b),
    "utf8_bom_twice": _raw(lambda b: b"\xef\xbb\xbf\xef\xbb\xbf" + b),
    "excel_serial_date": _on_date("45292"),
    "excel_serial_decimal": _on_date("45292.5"),
    "us_date": _on_date("12/31/2024"),
    "long_date": _on_date("1 January 2024"),
    "slash_iso_date": _on_date("2024/01/02"),
    "compact_date": _on_date("20240102"),
    "date_with_time": _on_date("2024-01-02 10:30:00"),
    "impossible_date": _on_date("2023-02-29"),
    "two_digit_year": _on_date("01/02/24"),
    "future_date": _on_date("2099-01-01"),
    "older_than_25": _on_date("1950-06-01"),
    "blank_lines": _lines(lambda ls: [ls[0], "", ls[1], "", "", *ls[2:], ""]),
    "whitespace_line": _lines(lambda ls: [*ls[:2], "   ", *ls[2:]]),
    "comma_only_line": _lines(lambda ls: [*ls[:2], "," * (ls[0].count(",")), *ls[2:]]),
    "extra_column": _header(lambda h: [*h, "local_notes"], rows_too=True),
    "extra_field_one_row": _lines(lambda ls: [*ls[:2], ls[2] + ",surplus", *ls[3:]]),
    "missing_field_one_row": _lines(lambda ls: [*ls[:2], ls[2].rsplit(",", 1)[0], *ls[3:]]),
    "missing_required_column": _drop_column(1),
    "missing_optional_column": _drop_column(-1),
    "duplicate_header": _header(lambda h: [*h[:-1], h[1]]),
    "header_case_and_spaces": _header(lambda h: [f" {c.upper()} " for c in h]),
    "huge_free_text": _set("cine_referral_team", "x" * (1 << 20)),
    "huge_id": _on_id("ZQ" + "7" * (1 << 20)),
    "huge_date": _on_date("2" * (1 << 20)),
    "truncated_mid_row": _raw(lambda b: b[: len(b) - 9]),
    "truncated_mid_quote": _raw(lambda b: b + b'201,"ZQ0009,2024-0'),
    "truncated_no_newline": _raw(lambda b: b.rstrip(b"\n")),
    "duplicate_key": _duplicate_row,
    "end_before_start": _end_before_start,
    "nul_in_value": _set("cine_referral_team", "No\x00rth", row=0),
    "nul_bytes_line": _raw(lambda b: b + b"\x00\x00\x00\n"),
    "crlf": _raw(lambda b: b.replace(b"\n", b"\r\n")),
    "cr_only": _raw(lambda b: b.replace(b"\n", b"\r")),
    "mixed_line_endings": _raw(lambda b: b.replace(b"\n", b"\r\n", 2)),
    "quote_in_id": _on_id('ZQ"0007'),
    "unbalanced_quote_in_id": _raw(lambda b: b.replace(b"ZQ0002", b'"ZQ0002', 1)),
    "comma_in_quoted_id": _on_id("ZQ,0008"),
    "newline_in_quoted_value": _set("cine_referral_team", "North\nEast", row=0),
    "empty_id": _on_id(""),
    "spaces_id": _on_id("   "),
    "unicode_line_separator": _set("cine_referral_team", "North\u2028East", row=0),
    "empty_file": lambda h, r: b"",
    "header_only": lambda h, r: _utf8(h, []),
    "bom_only": lambda h, r: b"\xef\xbb\xbf",
    "blank_header": _raw(lambda b: b"\n" + b),
    "semicolon_delimited": _semicolons,
    "tab_delimited": _tabs,
    "many_columns": _many_columns,
    "binary_junk": lambda h, r: bytes(range(256)) * 8,
    "unknown_code": _set("pers_sex", "Q"),
}


SSD_MUTATIONS = frozenset(
    {"latin1", "utf16_bom", "utf8_bom", "excel_serial_date", "date_with_time", "blank_lines",
     "extra_column", "extra_field_one_row", "missing_required_column", "huge_id",
     "truncated_mid_quote", "duplicate_key", "end_before_start", "nul_in_value", "crlf",
     "cr_only", "quote_in_id", "empty_file", "header_only", "binary_junk"}
)  # fmt: skip
"""Mutations also tried on an SSD export (the SSD reader hands files to the canonical one)."""


def _gzip_truncated(data: bytes) -> bytes:
    return gzip.compress(data)[:-12]


def _parquet(header: list[str], rows: Rows, folder: Path, stem: str, kind: str) -> Path:
    """A Parquet variant: typed columns, a nested column, junk bytes or a cut-off file."""
    path = folder / f"{stem}.parquet"
    columns: dict[str, pa.Array] = {
        name: pa.array([r[i] or None for r in rows], pa.string()) for i, name in enumerate(header)
    }
    if kind == "typed":
        date = header.index(_date_column(header))
        columns[header[date]] = pa.array([None, *[20_000 + i for i in range(len(rows) - 1)]])
        columns[header[0]] = pa.array([201] * len(rows))
    elif kind == "nested":
        columns["local_list"] = pa.array([[1, 2]] * len(rows))
        columns[header[-1]] = pa.array([{"a": 1}] * len(rows))
    elif kind == "missing_required":
        columns.pop(header[1])
    pq.write_table(pa.table(columns), path)
    if kind == "truncated":
        path.write_bytes(path.read_bytes()[:-40])
    elif kind == "junk":
        path.write_bytes(b"PAR1" + bytes(300) + b"PAR1")
    return path


def _templates(ssd: bool) -> list[Table]:
    """The parent and child table; an SSD export drops ``la_code`` (``--la-code`` gives it)."""
    tables: list[Table] = [
        ("ssd_person", PERSON_HEADER, PERSON_ROWS),
        ("ssd_cin_episodes", EPISODE_HEADER, EPISODE_ROWS),
    ]
    if not ssd:
        return tables
    return [(stem, h[1:], [r[1:] for r in rows]) for stem, h, rows in tables]


def _write_folder(folder: Path, tables: list[Table], target: str, data: bytes) -> Path:
    """Both tables written as CSV; ``target``'s file holds the mutated bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, header, rows in tables:
        path = folder / f"{stem}.csv"
        path.write_bytes(data if stem == target else _utf8(header, rows))
    return folder


def _csv_case(name: str, mutation: Mutation, ssd: bool, target: str) -> Case:
    tables = _templates(ssd)
    header, rows = next((h, r) for stem, h, r in tables if stem == target)

    def build(folder: Path) -> Path:
        return _write_folder(folder, tables, target, mutation(header, rows))

    reader = "ssd" if ssd else "canonical"
    return Case(
        f"{reader}-{target.removeprefix('ssd_')}-{name}",
        reader,
        build,
        IDS,
        la_code=LA if ssd else None,
        format=reader,
    )


def _extra_cases() -> list[Case]:
    """Gzip and Parquet files, junk in the folder, and a few cross-table mistakes."""
    person, episodes = _templates(ssd=False)
    cases: list[Case] = []

    def with_file(name: str, write: Callable[[Path], object]) -> Case:
        def build(folder: Path) -> Path:
            _write_folder(folder, [person, episodes], "", b"")
            write(folder)
            return folder

        return Case(f"canonical-{name}", "canonical", build, IDS, format="canonical")

    good = _utf8(episodes[1], episodes[2])
    gz = "ssd_cin_episodes.csv.gz"

    def drop_plain(folder: Path) -> None:
        (folder / "ssd_cin_episodes.csv").unlink()

    def gz_file(data: bytes) -> Callable[[Path], object]:
        return lambda folder: (drop_plain(folder), (folder / gz).write_bytes(data))

    cases += [
        with_file("gzip-valid", gz_file(gzip.compress(good))),
        with_file("gzip-truncated", gz_file(_gzip_truncated(good))),
        with_file("gzip-not-gzip", gz_file(good)),
        with_file("gzip-latin1", gz_file(gzip.compress(_encoded("latin-1")(*episodes[1:])))),
    ]
    for kind in ("plain", "typed", "nested", "missing_required", "truncated", "junk"):

        def parquet(folder: Path, kind: str = kind) -> None:
            drop_plain(folder)
            _parquet(episodes[1], episodes[2], folder, "ssd_cin_episodes", kind)

        cases.append(with_file(f"parquet-{kind}", parquet))

    def junk(folder: Path) -> None:
        (folder / "README.txt").write_text("exported by hand\n")
        (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
        (folder / "~$ssd_person.csv").write_bytes(b"\x00lock")
        (folder / "ssd_unknown_table.csv").write_text("a,b\n1,2\n")
        (folder / "old").mkdir()
        (folder / "old" / "ssd_person.csv").write_text(csv_text(*person[1:]))
        (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")

    cases.append(with_file("folder-with-junk", junk))

    def orphan(folder: Path) -> None:
        rows = [[*episodes[2][0][:2], "ZQ0404", *episodes[2][0][3:]], *episodes[2][1:]]
        (folder / "ssd_cin_episodes.csv").write_bytes(_utf8(episodes[1], rows))

    cases.append(with_file("orphan-child", orphan))

    def negative(folder: Path) -> None:
        header = ["la_code", "cppl_cp_plan_id", "cppl_person_id", "cppl_cp_plan_start_date",
                  "cppl_number_of_previous_cpp"]  # fmt: skip
        rows = [[LA, "ZQ8001", "ZQ0001", "2024-01-01", "-3"],
                [LA, "ZQ8002", "ZQ0002", "2024-01-01", "1,000"],
                [LA, "ZQ8003", "ZQ0003", "2024-01-01", "2.5"]]  # fmt: skip
        (folder / "ssd_cp_plans.csv").write_bytes(_utf8(header, rows))

    cases.append(with_file("negative-counts", negative))

    return [
        *cases,
        Case(
            "canonical-not-a-path",
            "canonical",
            lambda folder: folder / "does-not-exist",
            IDS,
            format="canonical",
        ),
        Case(
            "canonical-empty-folder",
            "canonical",
            lambda folder: (folder.mkdir(parents=True), folder)[1],
            IDS,
        ),
    ]


def cases() -> list[Case]:
    """Every mutation on both tables in both layouts, plus gzip, Parquet and folder cases."""
    out = [
        _csv_case(name, mutation, ssd, target)
        for ssd in (False, True)
        for target in ("ssd_person", "ssd_cin_episodes")
        for name, mutation in MUTATIONS.items()
        if not ssd or (target == "ssd_cin_episodes" and name in SSD_MUTATIONS)
    ]
    return out + _extra_cases()
