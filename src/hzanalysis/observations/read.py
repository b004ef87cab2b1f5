"""Reading CSV and Excel files into raw text records, located the way the user sees the file.

Nothing here judges a value: every cell comes out as the text the user typed (or Excel stored), and what
cannot be read as such (a merged cell, a formula Excel never computed, a second sheet) is reported as what
it is, with its fix. The checks in :mod:`.checks` then judge the records.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ..errors import Problem
from .schema import (
    HELP_SHEET,
    IGNORED_COLUMNS,
    OBSERVATION_COLUMNS,
    REQUIRED_COLUMNS,
    SHEET_NAME,
    SOURCE_COLUMNS,
    SUPERSEDES_COLUMN,
    TEMPLATE_COLUMNS,
    canonical_column,
    chinese_headers,
)

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Separators other than the comma that spreadsheets write into "CSV" files (a European Excel writes ';').
_OTHER_SEPARATORS = (";", "\t")
_KNOWN_COLUMNS = (*TEMPLATE_COLUMNS, *IGNORED_COLUMNS)


@dataclass
class RawFile:
    """One file as text records: ``(row label as the user sees it, column -> text)``, and its problems."""

    path: str
    records: list[tuple[str, dict[str, str]]]
    header_row: str  # where the header is, for column problems
    encoding: str
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)
    missing_columns: bool = False
    #: the header as typed, where a Chinese name was read as a template column (empty otherwise)
    typed_header: list[str] = field(default_factory=list)

    def column_label(self, column: str) -> str:
        """``column`` as a message names it: with the header the user typed when that was a Chinese name."""
        typed = [t for t, c in zip(self.typed_header, self.header, strict=True) if c == column and t != c]
        return f"{column} ({'/'.join(typed)})" if typed else column

    @property
    def header(self) -> list[str]:
        """The header as read: the template's column names."""
        return [canonical_column(t) for t in self.typed_header]


def canonical_header(out: RawFile, header: list[str]) -> list[str]:
    """``header`` with Chinese column names read as the template's; ``out`` keeps what was typed."""
    out.typed_header = list(header)
    return out.header


#: How far down a sheet the header may sit under a title (a bureau's sheet often starts with one or two).
_HEADER_SEARCH_ROWS = 10
#: A lone cell opening with one of these, below the figures, is a footnote (注：数据为快报数), not a row.
_FOOTNOTE_RE = re.compile(
    r"^\s*(?:注|说明|备注|附注|资料来源|数据来源|来源|填表|制表|审核|Note|Source)\s*[：:0-9１-９（(]", re.I
)


def _known_columns(texts: list[str]) -> int:
    return sum(1 for t in texts if t and canonical_column(t) in _KNOWN_COLUMNS)


def header_index(rows: list[list[str]]) -> int:
    """Index of the header among the first rows: the first non-blank row, unless it and the rows down to a
    row naming 3+ of the template's columns are titles (one filled cell each), as a bureau's sheet starts."""
    filled = [(i, [t for t in texts if t]) for i, texts in enumerate(rows[:_HEADER_SEARCH_ROWS])]
    filled = [(i, cells) for i, cells in filled if cells]
    if not filled or _known_columns(rows[filled[0][0]]):
        return filled[0][0] if filled else 0
    for i, cells in filled:
        if _known_columns(rows[i]) >= 3:
            return i
        if len(cells) > 1:
            break  # a row of several cells that is no header: not a title, so no header below it either
    return filled[0][0]


def title_warning(path: str, where: str, titles: list[str], header_at: str) -> Problem:
    """The warning that rows above the header were read past as the sheet's title."""
    return whole_file(
        path,
        f"the header in the first row ({header_at} here)",
        f"{where} above it, read as a title and skipped: {' / '.join(titles)[:120]!r}",
        "nothing to do if that is the sheet's title; otherwise move the header to the first row",
    )


def footnote_warning(path: str, row: str, text: str) -> Problem:
    """The warning that a lone note below the figures was read past, not as an observation."""
    return Problem(
        file=path,
        row=row,
        column="",
        expected="an observation row",
        found=f"a footnote, read past: {text[:80]!r}",
        fix="if it qualifies figures (快报数, 预计), write it in the note column of their rows",
    )


def is_footnote(texts: list[str]) -> bool:
    """A row whose one filled cell is the first and reads as a note (注：…), not a row of figures."""
    cells = [t for t in texts if t]
    return len(cells) == 1 and bool(texts) and texts[0] == cells[0] and bool(_FOOTNOTE_RE.match(cells[0]))


def whole_file(path: str, expected: str, found: str, fix: str) -> Problem:
    """A problem with the whole file (no row or column)."""
    return Problem(file=path, row="", column="", expected=expected, found=found, fix=fix)


# ---------------------------------------------------------------------------------------------------------
# CSV


def read_csv(path: Path) -> RawFile:
    """Decode (UTF-8, else GBK/GB18030), detect the separator and split a CSV file into records."""
    name = str(path)
    raw = path.read_bytes()
    out = RawFile(name, [], "line 1", "", [])
    if not raw.strip():
        out.problems.append(
            whole_file(
                name,
                "a header line and at least one observation row",
                "an empty file",
                "fill in the template (hzanalysis data template) and save it again",
            )
        )
        return out
    if b"\x00" in raw:
        out.problems.append(
            whole_file(
                name,
                "a text CSV file",
                "binary content (NUL bytes)",
                "save the sheet as CSV (UTF-8) or .xlsx; is this really a CSV file?",
            )
        )
        return out
    text = _decode(raw, out)
    if text is None:
        return out
    if _CONTROL_RE.search(text.replace("\t", " ")):
        out.problems.append(
            whole_file(
                name,
                "a text CSV file",
                "binary control characters",
                "save the sheet as CSV (UTF-8) or .xlsx; is this really a CSV file?",
            )
        )
        return out

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    header: list[str] | None = None
    last_line = 0
    lines: list[tuple[int, list[str]]] = []  # (first line number, fields) of each record
    try:
        for fields in reader:
            lines.append((last_line + 1, fields))
            last_line = reader.line_num
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
    first = header_index([[f.strip() for f in fields] for _, fields in lines])
    titles = [" ".join(f.strip() for f in fields if f.strip()) for _, fields in lines[:first]]
    if any(titles):
        where = f"line{'s' if first > 1 else ''} {lines[0][0]}" + (
            f"-{lines[first - 1][0]}" if first > 1 else ""
        )
        out.warnings.append(title_warning(name, where, [t for t in titles if t], f"line {lines[first][0]}"))
    for start, fields in lines[first:]:
        if not any(f.strip() for f in fields):
            continue  # blank line
        if header is None:
            header = canonical_header(out, [f.strip() for f in fields])
            out.header_row = f"line {start}"
            continue
        label = f"line {start}"
        if is_footnote([f.strip() for f in fields]):
            out.warnings.append(footnote_warning(name, label, fields[0].strip()))
            continue
        if len(fields) == len(header) - 1 and header[-1] == SUPERSEDES_COLUMN:
            fields = [*fields, ""]  # a row typed before the optional last column existed: it is empty
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
    check_header(out, header)
    return out


def _decode(raw: bytes, out: RawFile) -> str | None:
    # UTF-8 first, strictly (a GBK file almost never decodes as UTF-8), then the Chinese national encoding.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        bom = raw.startswith(b"\xef\xbb\xbf")
        out.encoding = "utf-8" if encoding == "utf-8-sig" and not bom else encoding
        return text
    out.problems.append(
        whole_file(
            out.path,
            "text encoded as UTF-8 or GBK/GB18030",
            "bytes in neither encoding",
            "save the sheet as CSV (UTF-8) or .xlsx",
        )
    )
    return None


def _separator(text: str) -> str:
    """The field separator of the header line: a comma unless the header has none and another one instead."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    if "," in header:
        return ","
    return next((sep for sep in _OTHER_SEPARATORS if sep in header), ",")


# ---------------------------------------------------------------------------------------------------------
# Excel


def cell_text(value: object, number_format: str = "General") -> str:
    """A workbook cell as the text a user typed.

    Whole floats lose '.0' (Excel stores 2025 as 2025.0). A number shown as a percentage (format ``0.0%``)
    is stored as a fraction, 3.9% as 0.039: it is given back as the percentage the user sees, ``3.9``.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (number_format or ""):
        if not math.isfinite(value):
            return repr(value)
        percent = (Decimal(repr(value)) * 100).normalize()
        return format(percent, "f")
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


def read_xlsx(path: Path) -> RawFile:
    """Read the observation sheet of a workbook into records (see :func:`_choose_sheet`)."""
    import openpyxl  # imported here: only workbook users pay for it

    name = str(path)
    out = RawFile(name, [], "", "xlsx", [])
    if path.stat().st_size == 0:
        out.problems.append(
            whole_file(
                name,
                "an Excel workbook with a header row and observation rows",
                "an empty file",
                "fill in observations_template.xlsx and save it again",
            )
        )
        return out
    try:
        # Not read-only: merged ranges are only known to a fully loaded sheet.
        values_wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt or non-zip file
        out.problems.append(
            whole_file(
                name,
                "a valid .xlsx workbook",
                f"a file that cannot be opened as .xlsx ({type(exc).__name__})",
                "open it in Excel/WPS and save it again as .xlsx (not .xls), or save the sheet as CSV",
            )
        )
        return out
    title = _choose_sheet(values_wb, out)
    if title is None:
        return out
    sheet, formulas = values_wb[title], _Formulas(path, title)
    label = f"sheet {title}"
    out.header_row = f"{label} row 1"
    merged = {
        coordinate: str(rng)
        for rng in sheet.merged_cells.ranges
        for row in sheet.iter_rows(
            min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col
        )
        for coordinate in (c.coordinate for c in row)
        if coordinate != rng.start_cell.coordinate
    }
    rows = list(sheet.iter_rows())
    first = header_index([[cell_text(c.value) for c in row] for row in rows])
    if first:
        titles = [" ".join(t for t in (cell_text(c.value) for c in row) if t) for row in rows[:first]]
        where = f"{label} row{'s 1-' if first > 1 else ' '}{first}"
        out.warnings.append(title_warning(name, where, [t for t in titles if t], f"row {first + 1}"))
        out.header_row = f"{label} row {first + 1}"
    header = [cell_text(c.value) for c in rows[first]] if rows else []
    while header and not header[-1]:
        header.pop()
    header = canonical_header(out, header)
    if not header:
        out.problems.append(
            whole_file(
                name,
                f"a header row in row 1 of {label}",
                "an empty first row",
                "copy the header row from observations_template.xlsx",
            )
        )
        return out
    for number, cells in enumerate(rows[first + 1 :], start=first + 2):
        texts = [cell_text(c.value, c.number_format) for c in cells]
        if not any(texts):
            continue
        row_label = f"{label} row {number}"
        if is_footnote(texts):
            out.warnings.append(footnote_warning(name, row_label, texts[0]))
            continue
        extra = [t for t in texts[len(header) :] if t]
        if extra:
            out.problems.append(
                Problem(
                    file=name,
                    row=row_label,
                    column="",
                    expected=f"values only under the {len(header)} headed columns",
                    found=f"values in unheaded columns: {extra[:3]}",
                    fix="delete them or give the column a header",
                )
            )
            continue
        unreadable = _unreadable_cells(name, row_label, header, cells, merged, formulas)
        if unreadable:
            out.problems.extend(unreadable)
            continue
        texts += [""] * (len(header) - len(texts))
        out.records.append((row_label, dict(zip(header, texts[: len(header)], strict=True))))
    check_header(out, header)
    return out


class _Formulas:
    """The formulas of one sheet, read on first use: only files with empty-looking cells pay for a second
    (read-only) load, which tells a formula Excel never computed from a truly empty cell."""

    def __init__(self, path: Path, title: str):
        self._path, self._title = path, title
        self._by_cell: dict[str, str] | None = None

    def get(self, coordinate: str) -> str | None:
        if self._by_cell is None:
            import openpyxl
            from openpyxl.utils import get_column_letter

            workbook = openpyxl.load_workbook(self._path, read_only=True, data_only=False)
            try:
                self._by_cell = {
                    f"{get_column_letter(cell.column)}{cell.row}": cell.value
                    for row in workbook[self._title].iter_rows()
                    for cell in row
                    if isinstance(cell.value, str) and cell.value.startswith("=")
                }
            finally:
                workbook.close()
        return self._by_cell.get(coordinate)


def _unreadable_cells(name, row_label, header, cells, merged, formulas: _Formulas) -> list[Problem]:
    """Empty-looking cells that are not empty: part of a merged range, or a formula without a saved value."""
    problems = []
    for column, cell in zip(header, cells, strict=False):
        if cell.value is not None or not column:
            continue
        if cell.coordinate in merged:
            problems.append(
                Problem(
                    file=name,
                    row=row_label,
                    column=column,
                    expected="a value in every cell",
                    found=f"cell {cell.coordinate}, part of the merged cells {merged[cell.coordinate]} "
                    "(only the first cell of a merged range holds its value)",
                    fix="unmerge the cells and write the value in every row",
                )
            )
            continue
        formula = formulas.get(cell.coordinate)
        if formula is not None:
            problems.append(
                Problem(
                    file=name,
                    row=row_label,
                    column=column,
                    expected="a value",
                    found=f"the formula {formula} in cell {cell.coordinate} without a saved result "
                    "(the file was written by a program that does not calculate)",
                    fix="open the file in Excel/WPS and save it (that stores the results), "
                    "or type the value itself",
                )
            )
    return problems


def _choose_sheet(workbook, out: RawFile) -> str | None:
    """The sheet named like the template, else the one sheet with the template header, else a problem.

    Other sheets that also hold observations are named in a warning: nothing is ignored silently.
    """
    names = workbook.sheetnames
    headed = [n for n in names if _has_template_header(workbook[n])]
    if SHEET_NAME in names:
        chosen = SHEET_NAME
    elif len(headed) == 1:
        chosen = headed[0]
    elif len(headed) == 0 and len([n for n in names if n != HELP_SHEET]) == 1:
        chosen = next(n for n in names if n != HELP_SHEET)  # its header problems are reported by column
    else:
        shown = ", ".join(f"{n!r}{' (has the template header)' if n in headed else ''}" for n in names)
        out.problems.append(
            whole_file(
                out.path,
                f"a sheet named {SHEET_NAME!r}, or exactly one sheet whose row 1 is the template header",
                f"the sheets {shown}",
                f"rename the sheet holding your figures to {SHEET_NAME!r} (or keep one sheet of figures "
                "per file)",
            )
        )
        return None
    for other in headed:
        if other != chosen:
            out.warnings.append(
                whole_file(
                    out.path,
                    f"observations on the sheet {chosen!r} only",
                    f"the sheet {other!r} also has the template header; it was NOT read",
                    f"move its rows to {chosen!r} or into a file of their own",
                )
            )
    return chosen


def _has_template_header(sheet) -> bool:
    top = [
        [cell_text(v) for v in row] for row in sheet.iter_rows(max_row=_HEADER_SEARCH_ROWS, values_only=True)
    ]
    cells = {canonical_column(t) for t in top[header_index(top)]} if top else set()
    return set(REQUIRED_COLUMNS) <= cells and bool(set(SOURCE_COLUMNS) & cells)


# ---------------------------------------------------------------------------------------------------------
# Header


def check_header(out: RawFile, header: list[str] | None) -> None:
    """Duplicate, unknown and missing columns, and a file with no rows, as problems of ``out``."""
    if header is None:
        out.problems.append(
            whole_file(
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
                    found=f"column {out.column_label(col)!r} twice",
                    fix="delete or rename the duplicate column (a Chinese header such as 年份 is the same "
                    "column as its English name)",
                )
            )
        seen.add(col)
    # each unknown column and the known one it most likely misspells (None if none)
    unknown = {col: _close_column(col) for col in header if col and col not in _KNOWN_COLUMNS}
    if not seen & set(CORE_COLUMNS) and not any(unknown.values()):
        # not an observations file at all (a catalogue, a bureau's wide table): one line, not one per
        # column or row (what else was found about its rows means nothing for a file of another kind)
        out.missing_columns = True
        out.problems[:] = [
            Problem(
                file=out.path,
                row=out.header_row,
                column="",
                expected="an observations file, with the columns " + ", ".join(OBSERVATION_COLUMNS),
                found="none of them (columns found: " + ", ".join(c for c in out.typed_header if c) + ")",
                fix="a table as a bureau sends it (indicators in rows, years in columns): `hzanalysis data "
                "extract FILE --region REGION` turns it into observation rows to review; otherwise "
                "`hzanalysis data template` writes an empty observations file to fill in (the catalogues "
                "data/raw/indicators.csv and regions.csv are not observations)",
            )
        ]
        return
    for col, suggestion in unknown.items():
        out.problems.append(_unknown_column(out, col, suggestion))
    for col in REQUIRED_COLUMNS:
        if col not in seen:
            out.missing_columns = True
            if col in unknown.values():
                continue  # the unknown column's problem already says to rename it to this one
            out.problems.append(
                Problem(
                    file=out.path,
                    row=out.header_row,
                    column=col,
                    expected=f"a column named {col!r}"
                    + (f" (or {'/'.join(chinese_headers(col))})" if chinese_headers(col) else ""),
                    found="no such column"
                    + (f" (columns found: {', '.join(c for c in out.typed_header if c)})" if header else ""),
                    fix=f"add the column {col!r}; the columns are: {', '.join(OBSERVATION_COLUMNS)}",
                )
            )
    if not seen & set(SOURCE_COLUMNS):
        out.missing_columns = True
        if not set(SOURCE_COLUMNS) & set(unknown.values()):
            out.problems.append(
                Problem(
                    file=out.path,
                    row=out.header_row,
                    column=" or ".join(SOURCE_COLUMNS),
                    expected="a column "
                    + " or ".join(repr(c) for c in SOURCE_COLUMNS)
                    + " (where each figure is from)",
                    found="neither (columns found: " + ", ".join(c for c in header if c) + ")",
                    fix="add a column 'source_title' with the title of each figure's document (and "
                    "'source_url' with its address where it has one)",
                )
            )
    if not out.records and not out.problems:
        out.problems.append(
            whole_file(
                out.path,
                "at least one observation row",
                "only a header",
                "add your figures below the header, or leave the file out",
            )
        )


#: Without any of these (or a misspelling of a known column) a file is not an observations file.
CORE_COLUMNS = ("region", "indicator", "year", "value")


def _close_column(col: str) -> str | None:
    """The known column ``col`` most likely misspells (case-insensitive), or None."""
    by_lower = {c.lower(): c for c in _KNOWN_COLUMNS}
    close = difflib.get_close_matches(col.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def _unknown_column(out: RawFile, col: str, suggestion: str | None) -> Problem:
    fix = (
        f"rename it to {suggestion!r} (column names are lower case, as in the template)"
        if suggestion
        else f"delete it or rename it to one of: {', '.join(TEMPLATE_COLUMNS)}"
    )
    return Problem(
        file=out.path,
        row=out.header_row,
        column=col,
        expected="only the template's columns (" + ", ".join(TEMPLATE_COLUMNS) + ")",
        found=f"the unknown column {col!r}" + (f"; did you mean {suggestion!r}?" if suggestion else ""),
        fix=fix,
    )
