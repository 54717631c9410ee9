"""SSDA903 tables mapped to canonical rows: one function per 903 table, plus shared helpers.

Each mapper takes a ``Sheet`` (the 903 file as text) and returns canonical frames with the
bookkeeping columns ``_row``, ``__key`` (the record's identity across years' returns) and
``__year``; the reader reconciles years and splits frames back into one ``RawTable`` per file.
The 903 carries no record ids, so ids are a stable hash of the fields that identify the record
(the child and the record's start date): the same episode in two years' returns gets one id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from csc_scorecard.ingest.reader import ROW
from csc_scorecard.ingest.report import Reason, Rejection
from csc_scorecard.ingest.ssda903_files import Sheet

KEY = "__key"
YEAR = "__year"
_ISO = r"^\d{4}-\d{1,2}-\d{1,2}$"
SEX_CODES = {"1": "M", "2": "F"}
"""903 SEX: 1 male, 2 female (the canonical model uses the CIN census's M/F/U)."""
CHECK_STATUS = {"1": "C", "0": "O"}
"""OC2 yes/no: 1 the check is up to date (completed), 0 not (outstanding)."""
OC2_CHECKS = {"HEALTH_ASSESSMENT": "RHA", "TEETH_CHECK": "DENTAL"}
"""OC2 items with a home in ssd_cla_health (HEALTH_CHECK is under-5s health promotion)."""


@dataclass(frozen=True)
class Mapped:
    """Canonical rows from one sheet, and the rows the mapping itself had to refuse."""

    frames: dict[str, pl.DataFrame]
    rejections: list[Rejection]


def date_text(column: str) -> pl.Expr:
    """A 903 date (DD/MM/YYYY) as ISO text; text that is not a real date passes through as is.

    Passing bad text on lets the canonical validator report it in its usual words.
    """
    raw = pl.col(column)
    uk = raw.str.strptime(pl.Date, "%d/%m/%Y", strict=False)
    iso = raw.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    parsed = pl.when(raw.str.contains(_ISO)).then(iso).otherwise(uk)
    return pl.coalesce(parsed.dt.strftime("%Y-%m-%d"), raw)


def as_date(column: str) -> pl.Expr:
    """A column ``date_text`` produced, typed (null where it is not a date)."""
    return pl.col(column).str.strptime(pl.Date, "%Y-%m-%d", strict=False)


def stable_id(prefix: str, *columns: str) -> pl.Expr:
    """A deterministic id from ``columns`` (identifiers are hashed, never shown as they are)."""
    joined = pl.concat_str([pl.col(c).fill_null("") for c in columns], separator="\x1f")

    def digest(values: pl.Series) -> pl.Series:
        return pl.Series(
            [prefix + hashlib.blake2b(v.encode(), digest_size=8).hexdigest() for v in values],
            dtype=pl.String,
        )

    return joined.map_batches(digest, return_dtype=pl.String)


def refuse(
    where: tuple[Sheet, str],
    frame: pl.DataFrame,
    bad: pl.Expr,
    *,
    field: str,
    why: Reason,
    says: str,
) -> tuple[pl.DataFrame, list[Rejection]]:
    """Split off rows where ``bad`` holds, each a rejection naming the 903 field.

    ``where`` is the sheet and the canonical table the rows were bound for.
    """
    (sheet, table) = where
    flagged = frame.with_columns(bad.fill_null(False).alias("__bad"))
    rows = flagged.filter(pl.col("__bad"))[ROW].to_list()
    refused = [Rejection(str(sheet.path), table, r, field, why, says) for r in rows]
    return flagged.filter(~pl.col("__bad")).drop("__bad"), refused


def _dates(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    return frame.with_columns(date_text(c).alias(c) for c in columns if c in frame.columns)


def optional(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Add absent optional 903 columns as empty, so mappers can name them unconditionally."""
    missing = [c for c in columns if c not in frame.columns]
    return frame.with_columns(pl.lit(None, pl.String).alias(c) for c in missing)


def _frame(
    frame: pl.DataFrame, year: int | None, key: str, columns: dict[str, pl.Expr]
) -> pl.DataFrame:
    """The canonical columns, the row number, the record's key and the return's year."""
    return frame.select(
        pl.col(ROW),
        *(expr.alias(name) for name, expr in columns.items()),
        pl.lit(year, pl.Int32).alias(YEAR),
    ).with_columns(pl.col(key).alias(KEY))


def header(sheet: Sheet, year: int | None) -> Mapped:
    """Header -> ssd_person: the child, sex (1/2 -> M/F), date of birth and ethnicity."""
    f = _dates(sheet.frame, "DOB")
    sex = pl.col("SEX").replace(SEX_CODES)
    cols = {"pers_person_id": pl.col("CHILD"), "pers_sex": sex}
    cols |= {"pers_dob": pl.col("DOB"), "pers_ethnicity": pl.col("ETHNIC")}
    return Mapped({"ssd_person": _frame(f, year, "pers_person_id", cols)}, [])


def reviews(sheet: Sheet, year: int | None) -> Mapped:
    """Reviews -> ssd_cla_reviews: one review per child and date, with participation code."""
    f = _dates(optional(sheet.frame, "REVIEW_CODE"), "REVIEW")
    cols = {
        "clar_cla_review_id": stable_id("R", "CHILD", "REVIEW"),
        "clar_person_id": pl.col("CHILD"),
        "clar_cla_review_date": pl.col("REVIEW"),
        "clar_cla_review_participation": pl.col("REVIEW_CODE"),
    }
    frame = _frame(f, year, "clar_cla_review_id", cols)
    return Mapped({"ssd_cla_reviews": frame}, [])


def missing(sheet: Sheet, year: int | None) -> Mapped:
    """Missing -> ssd_missing: M (missing) or A (away without authorisation), start and end."""
    f = _dates(optional(sheet.frame, "MIS_END"), "MIS_START", "MIS_END")
    cols = {
        "miss_table_id": stable_id("M", "CHILD", "MIS_START"),
        "miss_person_id": pl.col("CHILD"),
        "miss_missing_episode_type": pl.col("MISSING"),
        "miss_missing_episode_start_date": pl.col("MIS_START"),
        "miss_missing_episode_end_date": pl.col("MIS_END"),
    }
    return Mapped({"ssd_missing": _frame(f, year, "miss_table_id", cols)}, [])


def sw_episodes(sheet: Sheet, year: int | None) -> Mapped:
    """Social worker episodes -> ssd_involvements (role SW): who was allocated, from and to."""
    f = _dates(optional(sheet.frame, "SW_DEC"), "SW_DECOM", "SW_DEC")
    cols = {
        "invo_involvements_id": stable_id("W", "CHILD", "SW_ID", "SW_DECOM"),
        "invo_person_id": pl.col("CHILD"),
        "invo_professional_id": pl.col("SW_ID"),
        "invo_professional_role_id": pl.lit("SW"),
        "invo_involvement_start_date": pl.col("SW_DECOM"),
        "invo_involvement_end_date": pl.col("SW_DEC"),
    }
    frame = _frame(f, year, "invo_involvements_id", cols)
    return Mapped({"ssd_involvements": frame}, [])


def oc2(sheet: Sheet, year: int | None) -> Mapped:
    """OC2 -> ssd_cla_health: the annual health assessment (RHA) and dental check, as at 31 March.

    OC2 says only whether each check was up to date in the year, so a done check is dated the
    31 March the return is as at (the day the DfE measures it) and an outstanding one undated.
    A value other than 0 or 1 is refused under its 903 name.
    """
    frames, refused = [], []
    as_at = f"{year}-03-31" if year else None
    for column, kind in OC2_CHECKS.items():
        value = pl.col(column)
        kept, bad = refuse(
            (sheet, "ssd_cla_health"),
            sheet.frame,
            value.is_null(),
            field=column,
            why=Reason.MISSING_VALUE,
            says=f"{column} is required in OC2 (1 up to date, 0 not)",
        )
        refused += bad
        kept, bad = refuse(
            (sheet, "ssd_cla_health"),
            kept,
            ~value.is_in(list(CHECK_STATUS)),
            field=column,
            why=Reason.UNKNOWN_CODE,
            says=f"{column} must be 1 (up to date) or 0 (not)",
        )
        refused += bad
        status = value.replace_strict(CHECK_STATUS, default=None)
        cols = {
            "clah_health_check_id": stable_id(f"H{kind}{year}", "CHILD"),
            "clah_person_id": pl.col("CHILD"),
            "clah_health_check_type": pl.lit(kind),
            "clah_health_check_status": status,
            "clah_health_check_date": pl.when(status == "C").then(pl.lit(as_at, pl.String)),
        }
        frames.append(_frame(kept, year, "clah_health_check_id", cols))
    return Mapped({"ssd_cla_health": pl.concat(frames)}, refused)


def oc3(sheet: Sheet, year: int | None) -> Mapped:
    """OC3 -> ssd_care_leavers, as at the young person's birthday in the collection year.

    The DfE asks for the care leaver's situation around their 17th to 21st birthday (from three
    months before to one month after), so the status is dated on that birthday: the one falling
    between 1 April and 31 March of the return's year. ACCOM is a letter (the accommodation)
    and a digit (1 suitable, 2 not), held apart in the model.
    """
    f = _dates(sheet.frame, "DOB")
    dob = as_date("DOB")
    f, refused = refuse(
        (sheet, "ssd_care_leavers"),
        f,
        dob.is_null(),
        field="DOB",
        why=Reason.MISSING_VALUE,
        says="DOB must be a real date: the care leaver's status is dated on their birthday",
    )
    accom = pl.col("ACCOM")
    cols = {
        "clea_table_id": stable_id(f"L{year}", "CHILD"),
        "clea_person_id": pl.col("CHILD"),
        "clea_care_leaver_in_touch": pl.col("IN_TOUCH"),
        "clea_care_leaver_latest_contact": birthday_in_year(dob, year).dt.strftime("%Y-%m-%d"),
        "clea_care_leaver_accommodation": accom.str.slice(0, 1),
        "clea_care_leaver_accom_suitable": accom.str.slice(1).replace_strict(
            {"1": "true", "2": "false"}, default=None
        ),
        "clea_care_leaver_activity": pl.col("ACTIV"),
    }
    frame = _frame(f, year, "clea_table_id", cols)
    return Mapped({"ssd_care_leavers": frame}, refused)


def birthday_in_year(dob: pl.Expr, year: int | None) -> pl.Expr:
    """The birthday falling in the year to 31 March ``year``; 29 February falls on 1 March."""
    if year is None:
        return pl.lit(None, pl.Date)
    on_or_after_april = dob.dt.month() >= 4
    in_year = pl.when(on_or_after_april).then(pl.lit(year - 1)).otherwise(pl.lit(year))
    leap = (in_year % 4 == 0) & ((in_year % 100 != 0) | (in_year % 400 == 0))
    feb29 = (dob.dt.month() == 2) & (dob.dt.day() == 29) & ~leap
    month = pl.when(feb29).then(3).otherwise(dob.dt.month())
    day = pl.when(feb29).then(1).otherwise(dob.dt.day())
    return pl.date(in_year, month, day)


Mapper = Callable[[Sheet, int | None], Mapped]
