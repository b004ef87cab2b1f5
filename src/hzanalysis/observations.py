"""Observations: load, validate and build the observed figures; templates for a researcher's own data.

An observation is one tidy row (region, indicator, year, value, unit, bound) with its provenance (source
title and URL, publication date, verbatim quote, quality grade, note). Files are read-only inputs: the
curated public file(s) under ``data/raw/observations/`` plus any number of a researcher's own CSV or
Excel files. Every file is validated at the boundary and *all* problems of all files are reported in one
:class:`~hzanalysis.errors.InputError`, each located the way the user sees the file ("line 7" of a CSV
whose header is line 1, or "sheet observations row 7" of a workbook).

Rules the rest of the package relies on:

- ``bound`` is ``=`` for a point value, or ``>=``/``>``/``<=``/``<`` for a bound (以上/突破, 超过, 近四成...).
  Bounds are kept and shown; they are never used as point values (:func:`series` returns points only).
- Regions of different scope (海州区, 海州区(含高新区), 连云港高新区) are different regions; nothing here
  merges them.
- Publication dates drive "as of" filtering; see :data:`DEFAULT_PUBLICATION_LAG_YEARS` and
  :func:`effective_publication_date`.
- A later file overrides an earlier one for the same (region, indicator, year, bound): a researcher's own
  figures supersede the public ones, and what was superseded is kept in ``df.attrs["superseded"]``.
"""

from __future__ import annotations

import calendar
import csv
import io
import math
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from .errors import InputError, ParameterError, Problem
from .paths import processed_dir, project_root, raw_dir

OBSERVATION_COLUMNS: tuple[str, ...] = (
    "region",
    "indicator",
    "year",
    "value",
    "unit",
    "bound",
    "source_title",
    "source_url",
    "published",
    "quote",
    "quality",
    "note",
)
#: Columns a file must have; the others may be left out and are then empty (bound: ``=``).
REQUIRED_COLUMNS: tuple[str, ...] = (
    "region",
    "indicator",
    "year",
    "value",
    "unit",
    "source_title",
    "source_url",
    "quality",
)
#: Columns added by :func:`load_observations` after the observation columns.
LOADED_COLUMNS: tuple[str, ...] = (*OBSERVATION_COLUMNS, "file", "published_effective", "domain")

QUALITY_GRADES: tuple[str, ...] = ("official_statistics", "official_media", "secondary")
QUALITY_DESCRIPTIONS: dict[str, str] = {
    "official_statistics": "统计局统计公报、发改委计划执行报告 / statistical bulletins, plan reports",
    "official_media": "政府网站、连网/连云港日报及保留原文的转载 / government sites, official news, re-posts",
    "secondary": "汇编、聚合站、无原题的转载 / compilations, aggregators, untitled re-posts",
}
#: ``=`` point value; the others are bounds (kept and shown, never fitted as points).
BOUNDS: tuple[str, ...] = ("=", ">=", ">", "<=", "<")
BOUND_DESCRIPTIONS: dict[str, str] = {
    "=": "点值 point value (default when empty)",
    ">=": "不低于 at least (以上、突破)",
    ">": "高于 more than (超过、超)",
    "<=": "不高于 at most",
    "<": "低于 just under (近四成 = just under 40%)",
}
#: Without a publication date, a figure for year Y counts as published on 31 December of Y + this lag.
DEFAULT_PUBLICATION_LAG_YEARS = 1
#: Earliest plausible data year (the founding of the PRC statistical system); the latest is this year + 10.
MIN_YEAR = 1949
MAX_YEARS_AHEAD = 10
#: Text put in the template's example row; a file still carrying it is rejected so it never counts as data.
EXAMPLE_ROW_MARKER = "示例行"
EXAMPLE_NOTE = "示例行，请替换/example row, replace"

_SHEET_NAME = "observations"
_HELP_SHEET = "说明"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YEAR_RE = re.compile(r"^\d{4}$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Friendly normalisations of what people type in Chinese input methods; nothing else is rewritten.
_REGION_FIXES = str.maketrans({"（": "(", "）": ")"})
_UNIT_FIXES = str.maketrans({"％": "%"})
_BOUND_FIXES = {"": "=", "≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "=", "==": "="}


# ---------------------------------------------------------------------------------------------------------
# Catalogues


def load_indicators() -> pd.DataFrame:
    """The indicator catalogue ``data/raw/indicators.csv`` (one row per indicator id, all text columns)."""
    return pd.read_csv(raw_dir() / "indicators.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def load_regions() -> pd.DataFrame:
    """The regions ``data/raw/regions.csv``; ``peer_group`` is ``lyg_county`` for the six county units."""
    return pd.read_csv(raw_dir() / "regions.csv", dtype=str, keep_default_na=False, encoding="utf-8")


@dataclass(frozen=True)
class _Catalogue:
    units: dict[str, str]
    domains: dict[str, str]
    regions: tuple[str, ...]

    @classmethod
    def load(cls) -> _Catalogue:
        ind = load_indicators()
        return cls(
            units=dict(zip(ind["id"], ind["unit"], strict=True)),
            domains=dict(zip(ind["id"], ind["domain"], strict=True)),
            regions=tuple(load_regions()["id"]),
        )


# ---------------------------------------------------------------------------------------------------------
# Publication dates


def effective_publication_date(published: str, year: int) -> date:
    """The date from which a figure counts as published, for "as of" filtering.

    ``YYYY-MM-DD`` is taken as is; ``YYYY-MM`` means the end of that month and ``YYYY`` the end of that
    year (approximate dates are taken at their latest, so an as-of run never sees a figure too early).
    An empty date means 31 December of ``year + DEFAULT_PUBLICATION_LAG_YEARS``: statistics for a year are
    normally out by the end of the following year.
    """
    text = (published or "").strip()
    if not text:
        return date(year + DEFAULT_PUBLICATION_LAG_YEARS, 12, 31)
    parsed = _parse_published(text)
    if parsed is None:
        raise ParameterError(f"publication date {published!r}: expected YYYY-MM-DD, YYYY-MM, YYYY or empty")
    return parsed


def _parse_published(text: str) -> date | None:
    m = _DATE_RE.match(text)
    if not m:
        return None
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d is not None:
            return date(y, int(mo), int(d))
        if mo is not None:
            month = int(mo)
            return date(y, month, calendar.monthrange(y, month)[1])
        return date(y, 12, 31)
    except ValueError:
        return None


def _as_of_date(as_of: date | str | None) -> date | None:
    if as_of is None or isinstance(as_of, date):
        return as_of.date() if isinstance(as_of, datetime) else as_of
    try:
        return date.fromisoformat(str(as_of).strip())
    except ValueError:
        raise ParameterError(f"as_of {as_of!r}: expected a date such as 2024-06-30") from None


# ---------------------------------------------------------------------------------------------------------
# Reading files into raw string records


@dataclass
class _RawFile:
    path: str
    records: list[tuple[str, dict[str, str]]]  # (row label as the user sees it, column -> text)
    header_row: str  # where the header is, for missing-column problems
    encoding: str
    problems: list[Problem]
    missing_columns: bool = False


def _whole_file(path: str, expected: str, found: str, fix: str) -> Problem:
    return Problem(file=path, row="", column="", expected=expected, found=found, fix=fix)


def _read_csv(path: Path) -> _RawFile:
    name = str(path)
    raw = path.read_bytes()
    out = _RawFile(name, [], "line 1", "", [])
    if not raw.strip():
        out.problems.append(
            _whole_file(
                name,
                "a header line and at least one observation row",
                "an empty file",
                "fill in the template (hzanalysis data template) and save it again",
            )
        )
        return out
    if b"\x00" in raw:
        out.problems.append(
            _whole_file(
                name,
                "a text CSV file",
                "binary content (NUL bytes)",
                "save the sheet as CSV (UTF-8) or .xlsx; is this really a CSV file?",
            )
        )
        return out
    # UTF-8 first, strictly (a GBK file almost never decodes as UTF-8), then the Chinese national encoding.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            out.encoding = (
                "utf-8" if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf") else encoding
            )
            break
        except UnicodeDecodeError:
            continue
    else:
        out.problems.append(
            _whole_file(
                name,
                "text encoded as UTF-8 or GBK/GB18030",
                "bytes in neither encoding",
                "save the sheet as CSV (UTF-8) or .xlsx",
            )
        )
        return out
    if _CONTROL_RE.search(text):
        out.problems.append(
            _whole_file(
                name,
                "a text CSV file",
                "binary control characters",
                "save the sheet as CSV (UTF-8) or .xlsx; is this really a CSV file?",
            )
        )
        return out

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    last_line = 0
    try:
        for fields in reader:
            start, last_line = last_line + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue  # blank line
            if header is None:
                header = [f.strip() for f in fields]
                out.header_row = f"line {start}"
                continue
            label = f"line {start}"
            if len(fields) != len(header):
                out.problems.append(
                    Problem(
                        file=name,
                        row=label,
                        column="",
                        expected=f"{len(header)} fields like the header",
                        found=f"{len(fields)} fields",
                        fix='quote values containing commas ("...") and look for missing or extra separators',
                    )
                )
                continue
            out.records.append((label, dict(zip(header, (f.strip() for f in fields), strict=True))))
    except csv.Error as exc:
        out.problems.append(
            Problem(
                file=name,
                row=f"line {last_line + 1}",
                column="",
                expected="well-formed CSV",
                found=f"a CSV syntax error ({exc})",
                fix='check for an unbalanced double quote (") on or after this line',
            )
        )
        return out
    _check_header(out, header)
    return out


def _cell_text(value: object) -> str:
    """A workbook cell as the text a user typed; whole floats lose '.0' (Excel stores 2025 as 2025.0)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


def _read_xlsx(path: Path) -> _RawFile:
    import openpyxl  # imported here: only workbook users pay for it

    name = str(path)
    out = _RawFile(name, [], "", "xlsx", [])
    if path.stat().st_size == 0:
        out.problems.append(
            _whole_file(
                name,
                "an Excel workbook with a header row and observation rows",
                "an empty file",
                "fill in observations_template.xlsx and save it again",
            )
        )
        return out
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt or non-zip file
        out.problems.append(
            _whole_file(
                name,
                "a valid .xlsx workbook",
                f"a file that cannot be opened as .xlsx ({type(exc).__name__})",
                "open it in Excel/WPS and save it again as .xlsx (not .xls), or save the sheet as CSV",
            )
        )
        return out
    try:
        sheet = wb[_SHEET_NAME] if _SHEET_NAME in wb.sheetnames else wb[wb.sheetnames[0]]
        label = f"sheet {sheet.title}"
        out.header_row = f"{label} row 1"
        try:
            rows = list(sheet.iter_rows(values_only=True))
        except Exception as exc:
            out.problems.append(
                _whole_file(
                    name,
                    "a readable worksheet",
                    f"a corrupt sheet {sheet.title!r} ({type(exc).__name__})",
                    "open it in Excel/WPS and save it again as .xlsx",
                )
            )
            return out
    finally:
        wb.close()
    header = [_cell_text(v) for v in rows[0]] if rows else []
    while header and not header[-1]:
        header.pop()
    if not header:
        out.problems.append(
            _whole_file(
                name,
                f"a header row in row 1 of {label}",
                "an empty first row",
                "copy the header row from observations_template.xlsx",
            )
        )
        return out
    for number, values in enumerate(rows[1:], start=2):
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        extra = [c for c in cells[len(header) :] if c]
        if extra:
            out.problems.append(
                Problem(
                    file=name,
                    row=f"{label} row {number}",
                    column="",
                    expected=f"values only under the {len(header)} headed columns",
                    found=f"values in unheaded columns: {extra[:3]}",
                    fix="delete them or give the column a header",
                )
            )
            continue
        cells += [""] * (len(header) - len(cells))
        out.records.append((f"{label} row {number}", dict(zip(header, cells[: len(header)], strict=True))))
    _check_header(out, header)
    return out


def _check_header(out: _RawFile, header: list[str] | None) -> None:
    if header is None:
        out.problems.append(
            _whole_file(
                out.path,
                "a header line and at least one observation row",
                "no header",
                "copy the header from the template",
            )
        )
        return
    seen: set[str] = set()
    for col in header:
        if col and col in seen:
            out.problems.append(
                Problem(
                    file=out.path,
                    row=out.header_row,
                    column=col,
                    expected="each column once",
                    found=f"column {col!r} twice",
                    fix="delete or rename the duplicate column",
                )
            )
        seen.add(col)
    for col in REQUIRED_COLUMNS:
        if col not in seen:
            out.missing_columns = True
            out.problems.append(
                Problem(
                    file=out.path,
                    row=out.header_row,
                    column=col,
                    expected=f"a column named {col!r}",
                    found="no such column"
                    + (f" (columns found: {', '.join(c for c in header if c)})" if header else ""),
                    fix=f"add the column {col!r}; the columns are: {', '.join(OBSERVATION_COLUMNS)}",
                )
            )
    if not out.records and not out.problems:
        out.problems.append(
            _whole_file(
                out.path,
                "at least one observation row",
                "only a header",
                "add your figures below the header, or leave the file out",
            )
        )


# ---------------------------------------------------------------------------------------------------------
# Validation


def _validate(raw: _RawFile, cat: _Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn raw records into typed rows; every problem found is returned, none raised."""
    problems = list(raw.problems)
    if raw.missing_columns:
        return _empty_frame(), problems  # rows cannot be checked column by column without the columns
    max_year = date.today().year + MAX_YEARS_AHEAD
    rows: list[dict[str, object]] = []
    first_seen: dict[tuple[str, str, str, str], str] = {}

    for label, rec in raw.records:

        def bad(column: str, expected: str, found: str, fix: str, _label: str = label) -> None:
            problems.append(
                Problem(file=raw.path, row=_label, column=column, expected=expected, found=found, fix=fix)
            )

        get = {c: rec.get(c, "") for c in OBSERVATION_COLUMNS}
        region = get["region"].translate(_REGION_FIXES)
        indicator = get["indicator"]
        unit = get["unit"].translate(_UNIT_FIXES)
        ok = True

        if EXAMPLE_ROW_MARKER in get["note"]:
            bad(
                "note",
                "your own figure (the template's example row must be replaced or deleted)",
                f"the example row ({get['note']!r})",
                "overwrite the example row with a real figure and its source, "
                "and clear the note, or delete the row",
            )
            ok = False
        if region not in cat.regions:
            bad(
                "region",
                f"one of the region ids in data/raw/regions.csv: {', '.join(cat.regions)}",
                repr(region) if region else "an empty cell",
                "use the exact id; scopes differ (海州区 is not 海州区(含高新区) nor 连云港高新区)",
            )
            ok = False
        known_indicator = indicator in cat.units
        if not known_indicator:
            some = ", ".join(list(cat.units)[:6])
            bad(
                "indicator",
                f"an indicator id from data/raw/indicators.csv (e.g. {some}, ...)",
                repr(indicator) if indicator else "an empty cell",
                "use one of the ids listed in indicators.csv",
            )
            ok = False
        elif unit != cat.units[indicator]:
            bad(
                "unit",
                f"unit {cat.units[indicator]!r} for indicator {indicator}",
                repr(unit) if unit else "an empty cell",
                f"convert the figure to {cat.units[indicator]} and write that unit",
            )
            ok = False

        year_text = get["year"]
        year = int(year_text) if _YEAR_RE.match(year_text) else None
        if year is None or not MIN_YEAR <= year <= max_year:
            bad(
                "year",
                f"a single calendar year, an integer from {MIN_YEAR} to {max_year}",
                repr(year_text) if year_text else "an empty cell",
                "write the data year only (e.g. 2024); months (2025-04) and ranges (2016-2020) are not "
                "annual "
                "points and must be left out or noted elsewhere",
            )
            ok = False

        value = _to_float(get["value"])
        domain = cat.domains.get(indicator, "")
        if value is None:
            bad(
                "value",
                "a number (no units, %, or thousands separators)",
                repr(get["value"]) if get["value"] else "an empty cell",
                "write the bare number, e.g. 3.75 for 3.75%; put a bound such as 超过 in the bound column",
            )
            ok = False
        elif known_indicator:
            problem = _domain_problem(domain, value, indicator)
            if problem:
                bad("value", problem[0], repr(get["value"]), problem[1])
                ok = False

        bound = _BOUND_FIXES.get(get["bound"], get["bound"])
        if bound not in BOUNDS:
            bad(
                "bound",
                f"one of {' '.join(BOUNDS)} (empty means =)",
                repr(get["bound"]),
                "use = for a point value, >= for 以上/突破, > for 超过, < for 近/不足",
            )
            ok = False

        published = get["published"]
        if published and _parse_published(published) is None:
            bad(
                "published",
                "a publication date YYYY-MM-DD, YYYY-MM, YYYY or empty",
                repr(published),
                "write e.g. 2025-04-15; leave it empty if unknown "
                f"(then 31 Dec of year+{DEFAULT_PUBLICATION_LAG_YEARS} "
                "is assumed)",
            )
            ok = False

        if get["quality"] not in QUALITY_GRADES:
            bad(
                "quality",
                f"one of {', '.join(QUALITY_GRADES)}",
                repr(get["quality"]) if get["quality"] else "an empty cell",
                "official_statistics for 统计局/发改委 reports, official_media for government sites "
                "and official news, secondary for anything else",
            )
            ok = False

        if not get["source_title"] and not get["source_url"]:
            bad(
                "source_title, source_url",
                "a source title or a source URL (or both)",
                "both empty",
                "name the document the figure comes from (e.g. 海州区2024年统计公报) or give its address",
            )
            ok = False

        key = (region, indicator, year_text, bound)
        if key in first_seen:
            bad(
                "region, indicator, year, bound",
                "one observation per region, indicator, year and bound in a file",
                f"a duplicate of {first_seen[key]}",
                f"keep one of {first_seen[key]} and {label}",
            )
            ok = False
        else:
            first_seen[key] = label

        if ok:
            row: dict[str, object] = dict(get)
            row.update(region=region, unit=unit, year=year, value=value, bound=bound)
            rows.append(row)

    frame = pd.DataFrame.from_records(rows, columns=list(OBSERVATION_COLUMNS)) if rows else _empty_frame()
    return _typed(frame), problems


def _to_float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _domain_problem(domain: str, value: float, indicator: str) -> tuple[str, str] | None:
    """(expected, fix) when the value cannot belong to the indicator's domain."""
    if domain == "share" and not 0 < value < 100:
        return (
            f"a percentage strictly between 0 and 100 for {indicator}",
            "write the percentage itself (3.75 for 3.75%, not 0.0375); 0 and 100 are impossible shares",
        )
    if domain == "count":
        if value < 0:
            return f"a non-negative count for {indicator}", "counts cannot be negative; check the sign"
        if not value.is_integer():
            return f"a whole number for {indicator}", "counts are whole numbers; check the figure"
    if domain == "amount" and value <= 0:
        return (
            f"a positive amount for {indicator}",
            "amounts (money, area, people) are positive; check the sign and the unit",
        )
    if domain == "level" and value < 0:
        return f"a non-negative value for {indicator}", "check the sign"
    return None


def _empty_frame() -> pd.DataFrame:
    return _typed(pd.DataFrame({c: pd.Series(dtype=object) for c in OBSERVATION_COLUMNS}))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    for col in OBSERVATION_COLUMNS:
        if col not in ("year", "value"):
            frame[col] = frame[col].fillna("").astype(str)
    return frame


def _read_any(path: str | Path, cat: _Catalogue) -> tuple[pd.DataFrame, str, list[Problem]]:
    p = Path(path)
    name = str(path)
    if not p.is_file():
        return (
            _empty_frame(),
            "",
            [
                _whole_file(
                    name,
                    "an existing .csv or .xlsx file",
                    "no such file",
                    "check the path (relative paths start from the current folder)",
                )
            ],
        )
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        raw = _read_xlsx(p)
    elif suffix == ".csv":
        raw = _read_csv(p)
    else:
        return (
            _empty_frame(),
            "",
            [
                _whole_file(
                    name,
                    "a .csv or .xlsx file",
                    f"a {suffix or 'suffix-less'} file",
                    "save the sheet as .xlsx or CSV (UTF-8); old .xls workbooks must be saved again as .xlsx",
                )
            ],
        )
    frame, problems = _validate(raw, cat)
    return frame, raw.encoding, problems


def read_observation_file(path: str | Path) -> pd.DataFrame:
    """Read and validate one CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or .xlsx file of observations.

    Returns the OBSERVATION_COLUMNS (year int, value float, bound normalised, other columns text) plus
    ``file``; ``df.attrs["encoding"]`` records how the file was decoded (``utf-8``, ``utf-8-sig``,
    ``gb18030`` or ``xlsx``). Raises one :class:`InputError` listing every problem of the file.
    """
    frame, encoding, problems = _read_any(path, _Catalogue.load())
    if problems:
        raise InputError(problems)
    frame["file"] = str(path)
    frame.attrs["encoding"] = encoding
    return frame


def check_files(paths: Iterable[str | Path] | None = ()) -> list[Problem]:
    """Every problem of the given files (default: the shipped files); an empty list means they are clean."""
    chosen = list(paths or ()) or shipped_files()
    cat = _Catalogue.load()
    problems: list[Problem] = []
    for path in chosen:
        problems.extend(_read_any(path, cat)[2])
    return problems


def shipped_files() -> list[Path]:
    """The curated public observation files, in the (name) order in which they are loaded."""
    return sorted((raw_dir() / "observations").glob("*.csv"))


# ---------------------------------------------------------------------------------------------------------
# Loading


def load_observations(
    extra: Sequence[str | Path] | str | Path | None = (),
    *,
    include_public: bool = True,
    as_of: date | str | None = None,
) -> pd.DataFrame:
    """All observations: the shipped files (unless ``include_public=False``) then ``extra`` files, in order.

    Every file is validated; problems from all files are raised together as one :class:`InputError`.
    ``as_of`` keeps only rows published by that date (see :func:`effective_publication_date`); it is applied
    before superseding, so a figure published later cannot hide an earlier one in an as-of run. A row from a
    later file replaces a row of an earlier file with the same (region, indicator, year, bound); replaced rows
    are listed in ``df.attrs["superseded"]`` (dicts with ``superseded_by``). Columns: :data:`LOADED_COLUMNS`;
    rows sorted by region, indicator, year, bound.
    """
    if extra is None:
        extra = ()
    elif isinstance(extra, str | Path):
        extra = [extra]
    cutoff = _as_of_date(as_of)
    files: list[str | Path] = [*(shipped_files() if include_public else []), *extra]
    cat = _Catalogue.load()
    frames: list[pd.DataFrame] = []
    problems: list[Problem] = []
    encodings: dict[str, str] = {}
    for path in files:
        frame, encoding, found = _read_any(path, cat)
        problems.extend(found)
        frame["file"] = _display_path(path)
        encodings[_display_path(path)] = encoding
        frames.append(frame)
    if problems:
        raise InputError(problems)

    data = pd.concat(frames, ignore_index=True) if frames else _empty_frame().assign(file="")
    data["file"] = data["file"].astype(str)
    data["published_effective"] = [
        effective_publication_date(p, int(y)) for p, y in zip(data["published"], data["year"], strict=True)
    ]
    data["domain"] = data["indicator"].map(cat.domains).fillna("").astype(str)
    data["_order"] = range(len(data))
    if cutoff is not None:
        data = data[[d <= cutoff for d in data["published_effective"]]]

    key = ["region", "indicator", "year", "bound"]
    winners = data.drop_duplicates(key, keep="last")
    losers = data.drop(winners.index)
    superseded = []
    if not losers.empty:
        winner_of = winners.set_index(key)
        for _, row in losers.iterrows():
            win = winner_of.loc[tuple(row[k] for k in key)]
            superseded.append(
                {
                    "region": row["region"],
                    "indicator": row["indicator"],
                    "year": int(row["year"]),
                    "bound": row["bound"],
                    "value": float(row["value"]),
                    "file": row["file"],
                    "superseded_by": win["file"],
                    "value_by": float(win["value"]),
                }
            )

    out = (
        winners.sort_values([*key, "_order"], kind="mergesort")
        .loc[:, list(LOADED_COLUMNS)]
        .reset_index(drop=True)
    )
    out.attrs = {
        "files": [_display_path(p) for p in files],
        "encodings": encodings,
        "superseded": superseded,
        "as_of": cutoff.isoformat() if cutoff else None,
    }
    return out


def _display_path(path: str | Path) -> str:
    """Paths inside the project are shown relative to it: outputs do not depend on where it lives."""
    p = Path(path)
    try:
        return p.resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def series(observations: pd.DataFrame, indicator: str, region: str) -> pd.Series:
    """Point values (bound ``=``) of one indicator in one region, by int year, sorted; bounds left out.

    An empty series means no point value; an unknown indicator or region raises :class:`ParameterError`.
    """
    cat = _Catalogue.load()
    if indicator not in cat.units:
        raise ParameterError(
            f"unknown indicator {indicator!r}; see data/raw/indicators.csv "
            f"(e.g. {', '.join(list(cat.units)[:5])})"
        )
    if region not in cat.regions:
        raise ParameterError(f"unknown region {region!r}; regions: {', '.join(cat.regions)}")
    rows = observations[
        (observations["indicator"] == indicator)
        & (observations["region"] == region)
        & (observations["bound"] == "=")
    ]
    years = rows["year"].astype(int)
    if years.duplicated().any():
        raise ParameterError(
            f"{indicator} / {region}: several point values for year(s) "
            f"{sorted(set(years[years.duplicated()]))}; load them with load_observations() "
            "so later files supersede earlier ones"
        )
    out = pd.Series(
        rows["value"].astype(float).to_numpy(),
        index=pd.Index(years.to_numpy(), name="year"),
        name=indicator,
        dtype=float,
    )
    return out.sort_index()


# ---------------------------------------------------------------------------------------------------------
# Build


def _format_value(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def build_processed(extra: Sequence[str | Path] | None = (), out_dir: str | Path | None = None) -> list[Path]:
    """Validate everything, then write ``observations.csv`` into ``data/processed/`` (or ``out_dir``).

    Deterministic: fixed columns (:data:`LOADED_COLUMNS`) and sort, shortest round-trip floats, UTF-8, "\\n"
    line ends, so the same inputs give byte-identical output. Written to a temporary file and moved into
    place, so no half-written file ever appears; on any problem an :class:`InputError` is raised and nothing
    is written.
    """
    data = load_observations(extra)
    target_dir = Path(out_dir) if out_dir is not None else processed_dir()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LOADED_COLUMNS)
    for row in data.itertuples(index=False):
        writer.writerow([_format_value(v) for v in row])
    return [_write_atomic(target_dir / "observations.csv", buffer.getvalue().encode("utf-8"))]


def _write_atomic(target: Path, payload: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# ---------------------------------------------------------------------------------------------------------
# Templates


def _example_row() -> dict[str, str]:
    return {
        "region": "海州区",
        "indicator": "hte_count",
        "year": "2025",
        "value": "123",
        "unit": "家",
        "bound": "=",
        "source_title": "示例：海州区科技局2025年工作总结",
        "source_url": "",
        "published": "2026-01-31",
        "quote": "示例：有效高新技术企业达123家",
        "quality": "official_media",
        "note": EXAMPLE_NOTE,
    }


_COLUMN_HELP: dict[str, tuple[str, str]] = {
    "region": (
        "地区id，须与 regions.csv 一致；不同口径是不同地区",
        "region id from regions.csv; scopes never mixed",
    ),
    "indicator": ("指标id，见 indicators.csv 及下表", "indicator id from indicators.csv (table below)"),
    "year": (
        "数据年份（单个整数年份，如2024；不写月份或区间）",
        "data year, a single integer (no months or ranges)",
    ),
    "value": ("数值，只写数字（3.75 表示 3.75%）", "the bare number (3.75 for 3.75%)"),
    "unit": ("单位，须与指标单位完全一致（见下表）", "unit, exactly the indicator's unit (table below)"),
    "bound": (
        "= 点值（空白即=）；>= 以上/突破；> 超过；<= 不超过；< 近/不足",
        "= point (default); >=, >, <=, < bounds",
    ),
    "source_title": ("来源标题（与来源网址至少填一项）", "source title (this or the URL is required)"),
    "source_url": ("来源网址", "source URL"),
    "published": (
        "发布日期 YYYY-MM-DD、YYYY-MM 或 YYYY；空白则按次年12月31日计",
        f"publication date; empty means 31 Dec of year+{DEFAULT_PUBLICATION_LAG_YEARS}",
    ),
    "quote": ("原文引语（逐字）", "verbatim quote containing the figure"),
    "quality": (
        "来源等级：" + "；".join(f"{k} = {v}" for k, v in QUALITY_DESCRIPTIONS.items()),
        "quality grade: " + ", ".join(QUALITY_GRADES),
    ),
    "note": ("备注：预计数、口径、推断等", "caveats: preliminary, scope, inferred year..."),
}


def _readme_text(indicators: pd.DataFrame, regions: pd.DataFrame) -> str:
    lines = [
        "# 观测数据模板 / observations template",
        "",
        "Fill in `observations_template.csv` (UTF-8; GBK is also read) or `observations_template.xlsx`",
        "(sheet `observations`), one figure per row, then pass the file to hzanalysis",
        "(`hzanalysis data check FILE`, or `hz.load_observations([FILE])` in a notebook).",
        "Your rows override the public ones for the same region, indicator, year and bound.",
        "",
        f"The first data row is an example (note `{EXAMPLE_NOTE}`): replace it with a real figure",
        "or delete it; a file that still contains it is rejected.",
        "",
        "## Columns",
        "",
        "| column | 说明 | meaning | column required 必须有此列 |",
        "|---|---|---|---|",
    ]
    for col in OBSERVATION_COLUMNS:
        zh, en = _COLUMN_HELP[col]
        lines.append(f"| {col} | {zh} | {en} | {'yes' if col in REQUIRED_COLUMNS else 'no'} |")
    lines += ["", "## Indicators and units", "", "| indicator | 名称 | unit | domain |", "|---|---|---|---|"]
    for r in indicators.itertuples(index=False):
        lines.append(f"| {r.id} | {r.name_zh} | {r.unit} | {r.domain} |")
    lines += [
        "",
        "Domains: share = percent strictly between 0 and 100; count = whole number >= 0;",
        "amount = positive; level = >= 0.",
        "",
        "## Regions",
        "",
    ]
    lines += [f"- {r.id} ({r.name_en})" for r in regions.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def write_templates(out_dir: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Write ``observations_template.csv``, its ``.README.md`` and ``observations_template.xlsx``.

    The files hold the observation columns and one example row (rejected on reading until replaced); the
    workbook has a second sheet ``说明`` explaining each column, the allowed values and the unit of every
    indicator. Existing files are not overwritten unless ``overwrite=True`` (else :class:`ParameterError`).
    """
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    folder = Path(out_dir)
    csv_path = folder / "observations_template.csv"
    readme_path = folder / "observations_template.README.md"
    xlsx_path = folder / "observations_template.xlsx"
    targets = [csv_path, readme_path, xlsx_path]
    existing = [p for p in targets if p.exists()]
    if existing and not overwrite:
        raise ParameterError(
            f"not overwriting existing file(s): {', '.join(str(p) for p in existing)}; "
            "choose another folder or pass overwrite=True (--overwrite)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    indicators, regions = load_indicators(), load_regions()
    example = _example_row()

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OBSERVATION_COLUMNS)
    writer.writerow([example[c] for c in OBSERVATION_COLUMNS])
    # BOM: Excel on Chinese Windows shows UTF-8 without it as mojibake.
    _write_atomic(csv_path, buffer.getvalue().encode("utf-8-sig"))
    _write_atomic(readme_path, _readme_text(indicators, regions).encode("utf-8"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _SHEET_NAME
    ws.append(list(OBSERVATION_COLUMNS))
    ws.append(
        [
            int(example["year"]) if c == "year" else float(example["value"]) if c == "value" else example[c]
            for c in OBSERVATION_COLUMNS
        ]
    )
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJKL", (14, 26, 8, 10, 10, 7, 36, 36, 12, 36, 20, 30), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    # Typed as text so Excel does not turn 2025-04 into a date nor take a typed '=' for a formula.
    for row in range(2, 1001):
        for col in ("bound", "published"):
            ws.cell(row=row, column=OBSERVATION_COLUMNS.index(col) + 1).number_format = "@"

    help_ws = wb.create_sheet(_HELP_SHEET)
    help_ws.append(["column 列", "说明", "meaning", "required 必填"])
    for col in OBSERVATION_COLUMNS:
        help_ws.append([col, *_COLUMN_HELP[col], "yes" if col in REQUIRED_COLUMNS else "no"])
    help_ws.append([])
    help_ws.append(["bound", "含义", "meaning"])
    for b, text in BOUND_DESCRIPTIONS.items():
        help_ws.append([b, *text.split(" ", 1)])
    help_ws.append([])
    help_ws.append(["quality", "含义 / meaning"])
    for q, text in QUALITY_DESCRIPTIONS.items():
        help_ws.append([q, text])
    help_ws.append([])
    help_ws.append(["region 地区", "name_en", "level"])
    for r in regions.itertuples(index=False):
        help_ws.append([r.id, r.name_en, r.level])
    help_ws.append([])
    first_indicator_row = help_ws.max_row + 2
    help_ws.append(["indicator 指标", "名称", "unit 单位", "domain"])
    for r in indicators.itertuples(index=False):
        help_ws.append([r.id, r.name_zh, r.unit, r.domain])
    last_indicator_row = help_ws.max_row
    for letter, width in zip("ABCD", (30, 50, 50, 12), strict=True):
        help_ws.column_dimensions[letter].width = width
    for cell in help_ws[1]:
        cell.font = Font(bold=True)

    # Drop-down lists; they guide typing but the loader still validates every value.
    col_letter = {c: "ABCDEFGHIJKL"[i] for i, c in enumerate(OBSERVATION_COLUMNS)}
    lists = {
        "region": '"' + ",".join(regions["id"]) + '"',
        "bound": '"' + ",".join(BOUNDS) + '"',
        "quality": '"' + ",".join(QUALITY_GRADES) + '"',
        "indicator": f"'{_HELP_SHEET}'!$A${first_indicator_row}:$A${last_indicator_row}",
    }
    for col, formula in lists.items():
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.add(f"{col_letter[col]}2:{col_letter[col]}1000")
        ws.add_data_validation(dv)

    tmp = xlsx_path.with_name(f".{xlsx_path.name}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, xlsx_path)
    finally:
        tmp.unlink(missing_ok=True)
    return targets
