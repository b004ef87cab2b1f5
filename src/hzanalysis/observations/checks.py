"""Validation as a table of small checks.

Each check is a small function registered with the column it judges; it returns a :class:`Finding`
(what was expected, what was found, how to fix it) or None. Every check runs on every row and all
findings are collected (nothing stops at the first problem); a row counts only when no error check
failed. Warning checks flag figures that are valid but suspicious (a share of 0.039 that is probably
3.9%); they never drop a row. To add a rule, write one function and decorate it with :func:`check`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import pandas as pd

from ..errors import Problem
from .catalogue import Catalogue
from .plausible import ceiling_text
from .read import RawFile
from .schema import (
    BOUNDS,
    DEFAULT_PUBLICATION_LAG_YEARS,
    EXAMPLE_ROW_MARKER,
    IMPOSSIBLE_MAGNITUDE,
    MAX_YEARS_AHEAD,
    MIN_YEAR,
    PRELIMINARY_MARKERS,
    QUALITY_GRADES,
    SUPERSEDES_COLUMN,
    TEMPLATE_COLUMNS,
    normalise_published,
    parse_published,
)

_YEAR_RE = re.compile(r"^\d{4}$")
# A plain decimal number; Python's float() also takes '1_0', 'inf' and 'nan', which no one types as a figure.
_NUMBER_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
# What spreadsheets and programs write where a number could not be computed or stored.
_NOT_FINITE_RE = re.compile(
    r"^[+-]?(?:inf(?:inity)?|nan|#(?:NUM!|DIV/0!|VALUE!|N/A|REF!|NAME\?|NULL!))$", re.I
)
# Friendly normalisations of what people type in Chinese input methods; nothing else is rewritten.
_REGION_FIXES = str.maketrans({"（": "(", "）": ")"})
_UNIT_FIXES = str.maketrans({"％": "%"})
_BOUND_FIXES = {"": "=", "≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "=", "==": "="}


class Finding(NamedTuple):
    """What a failed check says: expected, found, fix (the row, file and column are added around it)."""

    expected: str
    found: str
    fix: str


@dataclass(frozen=True)
class Row:
    """One record: its text by column and the values parsed from it (None where the text is not valid)."""

    label: str
    text: dict[str, str]
    region: str
    indicator: str
    unit: str
    bound: str
    year: int | None
    value: float | None
    published: date | None

    @classmethod
    def parse(cls, label: str, record: dict[str, str]) -> Row:
        """Normalise and parse one raw record; parsing never fails, the checks judge the result."""
        text = {c: record.get(c, "") for c in TEMPLATE_COLUMNS}
        return cls(
            label=label,
            text=text,
            region=text["region"].translate(_REGION_FIXES),
            indicator=text["indicator"],
            unit=text["unit"].translate(_UNIT_FIXES),
            bound=_BOUND_FIXES.get(text["bound"], text["bound"]),
            year=_year(text["year"]),
            value=parse_number(text["value"]),
            published=parse_published(text["published"]) if text["published"] else None,
        )

    def shown(self, column: str) -> str:
        """The cell as quoted in a message."""
        return repr(self.text[column]) if self.text[column] else "an empty cell"


@dataclass(frozen=True)
class Check:
    """One rule: the column it judges, the function judging a row, and whether failing drops the row."""

    column: str
    run: Callable[[Row, Catalogue], Finding | None]
    warning: bool = False


CHECKS: list[Check] = []


def check(column: str, *, warning: bool = False) -> Callable:
    """Register the decorated function as a check of ``column`` (in the order the table lists them)."""

    def register(function: Callable[[Row, Catalogue], Finding | None]) -> Callable:
        CHECKS.append(Check(column, function, warning))
        return function

    return register


def _year(text: str) -> int | None:
    """A four-digit year from MIN_YEAR to this year + MAX_YEARS_AHEAD, else None."""
    if not _YEAR_RE.match(text):
        return None
    year = int(text)
    return year if MIN_YEAR <= year <= date.today().year + MAX_YEARS_AHEAD else None


def parse_number(text: str) -> float | None:
    """A plain decimal number (``3.75``, ``-2``, ``1e3``); None for anything else, ``1_0`` included."""
    if not _NUMBER_RE.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


# ---------------------------------------------------------------------------------------------------------
# The table of checks


@check("note")
def not_the_example_row(row: Row, cat: Catalogue) -> Finding | None:
    if EXAMPLE_ROW_MARKER not in row.text["note"]:
        return None
    return Finding(
        "your own figure (the template's example row must be replaced or deleted)",
        f"the example row ({row.text['note']!r})",
        "overwrite the example row with a real figure and its source, and clear the note, or delete the row",
    )


@check("region")
def region_known(row: Row, cat: Catalogue) -> Finding | None:
    if row.region in cat.regions:
        return None
    return Finding(
        f"one of the region ids in data/raw/regions.csv: {', '.join(cat.regions)}",
        repr(row.region) if row.region else "an empty cell",
        "use the exact id; scopes differ (海州区 is not 海州区(含高新区) nor 连云港高新区)",
    )


@check("indicator")
def indicator_known(row: Row, cat: Catalogue) -> Finding | None:
    if row.indicator in cat.units:
        return None
    close = difflib.get_close_matches(str(row.indicator).strip().lower(), list(cat.units), n=1, cutoff=0.75)
    return Finding(
        f"an indicator id from data/raw/indicators.csv (e.g. {', '.join(list(cat.units)[:6])}, ...), or "
        "an indicator's Chinese name or synonym as written there",
        row.shown("indicator"),
        f"did you mean {close[0]!r}? Use the id as written in indicators.csv"
        if close
        else "use one of the ids listed in indicators.csv, or its name_zh or one of its synonyms",
    )


@check("unit")
def unit_of_indicator(row: Row, cat: Catalogue) -> Finding | None:
    expected = cat.units.get(row.indicator)
    if expected is None or row.unit == expected:
        return None  # an unknown indicator is reported by indicator_known
    return Finding(
        f"unit {expected!r} for indicator {row.indicator}",
        repr(row.unit) if row.unit else "an empty cell",
        f"convert the figure to {expected} and write that unit",
    )


@check("year")
def year_is_a_year(row: Row, cat: Catalogue) -> Finding | None:
    if row.year is not None:
        return None
    max_year = date.today().year + MAX_YEARS_AHEAD
    return Finding(
        f"a single calendar year, an integer from {MIN_YEAR} to {max_year}",
        row.shown("year"),
        "write the data year only (e.g. 2024); months (2025-04) and ranges (2016-2020) are not annual "
        "points and must be left out or noted elsewhere",
    )


@check("value")
def value_is_a_number(row: Row, cat: Catalogue) -> Finding | None:
    if row.value is not None:
        return None
    text = row.text["value"]
    if _NUMBER_RE.match(text) or _NOT_FINITE_RE.match(text):
        return Finding(
            "a finite number",
            f"{row.shown('value')}, which is "
            + (
                "too large to be stored (it overflows to infinity)"
                if _NUMBER_RE.match(text)
                else "not a number"
            ),
            "write the figure itself; a spreadsheet error (#DIV/0!, #NUM!) or infinity means the cell's "
            "formula or the source's figure must be checked",
        )
    return Finding(
        "a number: digits and one decimal point (no units, %, separators or underscores)",
        row.shown("value"),
        "write the bare number, e.g. 3.75 for 3.75% (a decimal point, not a comma); "
        "put a bound such as 超过 in the bound column",
    )


@check("value")
def value_in_domain(row: Row, cat: Catalogue) -> Finding | None:
    domain, value, indicator = cat.domains.get(row.indicator), row.value, row.indicator
    if domain is None or value is None:
        return None
    if domain == "share" and not 0 < value < 100:
        return Finding(
            f"a percentage strictly between 0 and 100 for {indicator}",
            row.shown("value"),
            "write the percentage itself (3.75 for 3.75%, not 0.0375); 0 and 100 are impossible shares",
        )
    if domain == "count" and value < 0:
        return Finding(
            f"a non-negative count for {indicator}",
            row.shown("value"),
            "counts cannot be negative; check the sign",
        )
    if domain == "count" and not value.is_integer():
        return Finding(
            f"a whole number for {indicator}",
            row.shown("value"),
            "counts are whole numbers; check the figure",
        )
    if domain == "amount" and value <= 0:
        return Finding(
            f"a positive amount for {indicator}",
            row.shown("value"),
            "amounts (money, area, people) are positive; check the sign and the unit",
        )
    if domain == "level" and value < 0:
        return Finding(f"a non-negative value for {indicator}", row.shown("value"), "check the sign")
    return None


@check("value")
def value_not_impossible(row: Row, cat: Catalogue) -> Finding | None:
    if row.value is None or abs(row.value) < IMPOSSIBLE_MAGNITUDE:
        return None
    return Finding(
        f"a figure below {IMPOSSIBLE_MAGNITUDE:g} in {cat.units.get(row.indicator, 'its unit')}: "
        "no indicator reaches that anywhere (it is more than the world's total in every unit used here)",
        f"{row.shown('value')} ({row.value:g})",
        "check the figure and its unit (亿元, 万人, 万平方米 are already in ten-thousands or "
        "hundred-millions); a value like 1e300 is a typing or conversion error",
    )


@check("value", warning=True)
def value_within_class_range(row: Row, cat: Catalogue) -> Finding | None:
    if row.value is None or abs(row.value) >= IMPOSSIBLE_MAGNITUDE:
        return None  # an impossible value is an error already
    text = ceiling_text(row.indicator, row.value)
    return None if text is None else Finding(*text)


@check("value", warning=True)
def share_not_a_fraction(row: Row, cat: Catalogue) -> Finding | None:
    if cat.domains.get(row.indicator) != "share" or row.value is None or not 0 < row.value < 1:
        return None
    return Finding(
        f"a percentage for {row.indicator} (3.9 for 3.9%)",
        f"{row.shown('value')}, which looks like a fraction ({row.value:g} = {row.value * 100:g}%?)",
        f"if the figure is {row.value * 100:g}%, write {row.value * 100:g}; "
        "if it really is below 1%, keep it",
    )


@check("bound")
def bound_known(row: Row, cat: Catalogue) -> Finding | None:
    if row.bound in BOUNDS:
        return None
    return Finding(
        f"one of {' '.join(BOUNDS)} (empty means =)",
        repr(row.text["bound"]),
        "use = for a point value, >= for 以上/突破, > for 超过, < for 近/不足",
    )


@check("published")
def published_is_a_date(row: Row, cat: Catalogue) -> Finding | None:
    if not row.text["published"] or row.published is not None:
        return None
    return Finding(
        "a publication date YYYY-MM-DD (or 2026/3/15), YYYY-MM, YYYY or empty",
        row.shown("published"),
        "write e.g. 2025-04-15; leave it empty if unknown "
        f"(then 31 Dec of year+{DEFAULT_PUBLICATION_LAG_YEARS} is assumed)",
    )


@check("published")
def published_after_the_year(row: Row, cat: Catalogue) -> Finding | None:
    if row.published is None or row.year is None or row.published >= date(row.year, 12, 31):
        return None
    note = row.text["note"].lower()
    if any(marker in note for marker in PRELIMINARY_MARKERS):
        return None  # a preliminary estimate (预计数) may come out before its year ends
    return Finding(
        f"a date on or after 31 December {row.year}: a figure for the year {row.year} exists only once "
        "the year is over",
        f"{row.shown('published')}, before the end of {row.year}",
        "check the data year and the publication date; if the figure is a preliminary estimate "
        "published during the year, say 预计 (preliminary) in the note",
    )


@check("published")
def published_not_in_the_future(row: Row, cat: Catalogue) -> Finding | None:
    today = date.today()
    if row.published is None or row.published <= today:
        return None
    return Finding(
        f"a publication date no later than today ({today.isoformat()})",
        f"{row.shown('published')}, in the future",
        "write the date the source was published (YYYY-MM or YYYY are taken at the end of that period); "
        "leave it empty if unknown",
    )


@check("quality")
def quality_known(row: Row, cat: Catalogue) -> Finding | None:
    if row.text["quality"] in QUALITY_GRADES:
        return None
    return Finding(
        f"one of {', '.join(QUALITY_GRADES)}",
        row.shown("quality"),
        "official_statistics for 统计局/发改委 reports, official_media for government sites and official "
        "news, secondary for anything else",
    )


@check("source_title, source_url")
def source_given(row: Row, cat: Catalogue) -> Finding | None:
    if row.text["source_title"] or row.text["source_url"]:
        return None
    return Finding(
        "a source title or a source URL (or both)",
        "both empty",
        "name the document the figure comes from (e.g. 海州区2024年统计公报) or give its address",
    )


# ---------------------------------------------------------------------------------------------------------
# Running the table


def validate(raw: RawFile, cat: Catalogue) -> tuple[pd.DataFrame, list[Problem], list[Problem]]:
    """Typed rows of a raw file, with every problem and every warning found (none raised).

    The frame has the template columns (the observation columns and ``supersedes``) plus ``row`` (the
    row label, for messages about superseding).
    """
    problems, warnings = list(raw.problems), list(raw.warnings)
    if raw.missing_columns:
        return empty_frame(), problems, warnings  # rows cannot be checked column by column without them
    rows: list[dict[str, object]] = []
    first_seen: dict[tuple[str, str, str, str], str] = {}
    for label, record in raw.records:
        row = Row.parse(label, record)
        row = replace(row, indicator=cat.indicator_id(row.indicator))
        ok = True
        for rule in CHECKS:
            finding = rule.run(row, cat)
            if finding is None:
                continue
            (warnings if rule.warning else problems).append(
                Problem(raw.path, label, raw.column_label(rule.column), *finding)
            )
            ok = ok and rule.warning
        key = (row.region, row.indicator, row.text["year"], row.bound)
        if key in first_seen:
            problems.append(
                Problem(
                    raw.path,
                    label,
                    "region, indicator, year, bound",
                    "one observation per region, indicator, year and bound in a file",
                    f"a duplicate of {first_seen[key]}",
                    f"keep one of {first_seen[key]} and {label}",
                )
            )
            ok = False
        else:
            first_seen[key] = label
        if ok:
            rows.append(
                {
                    **row.text,
                    "region": row.region,
                    "indicator": row.indicator,
                    "unit": row.unit,
                    "year": row.year,
                    "value": row.value,
                    "bound": row.bound,
                    "published": normalise_published(row.text["published"]),
                    SUPERSEDES_COLUMN: row.text[SUPERSEDES_COLUMN],
                    "row": label,
                }
            )
    columns = [*TEMPLATE_COLUMNS, "row"]
    frame = pd.DataFrame.from_records(rows, columns=columns) if rows else empty_frame()
    return typed(frame), problems, warnings


def empty_frame() -> pd.DataFrame:
    """No observations, with the right columns and types."""
    return typed(pd.DataFrame({c: pd.Series(dtype=object) for c in (*TEMPLATE_COLUMNS, "row")}))


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """``year`` int64, ``value`` float64, every other column text."""
    frame = frame.copy()
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    for col in frame.columns:
        if col not in ("year", "value"):
            frame[col] = frame[col].fillna("").astype(str)
    return frame
