"""Tables flattened to text: a header line and rows of cells ("指标 | 2023年 | 2024年", a .docx table, a
tab-separated paste), and single "name(unit)  value" lines.

Each value cell becomes a short statement "<name><value><unit>" read like any sentence, with the year of
its column (else the reference year); columns of growth rates, targets or ranks are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..text_layout import BRACKETED_VALUE_RE, YEAR_TITLE_RE
from .vocabulary import normalise

_CELL_SPLIT_RE = re.compile(r"\s*[|｜]\s*|\t+")
_UNIT_HEADER_RE = re.compile(r"^(计量)?单位$")
# Columns that never hold the year's level: changes, targets, ranks, shares of the city.
_SKIP_HEADER_RE = re.compile(
    r"增长|增速|增幅|增减|比上年|同比|目标|计划|预期|预计|排名|位次|名次|占全市|完成率"
)
_YEAR_HEADER_RE = re.compile(r"(?<!\d)(\d{4})\s*年?")
_NAME_UNIT_RE = re.compile(r"^(?P<name>.+?)\s*[(（](?P<unit>[^()（）]{1,6})[)）]\s*$")
_VALUE_RE = re.compile(r"^[\d,]+(\.\d+)?$")
# a cell holding its own unit ("512件", "10.6亿元"): read as written; "2024年" is a column title
_VALUE_WITH_UNIT_RE = re.compile(r"^[\d,]+(\.\d+)?(万|亿)?(?![年月日])[^\d\s]{1,4}$")
# "全区每万人发明专利拥有量(件)  17.6": a name with its unit in brackets, then the value
_NAME_UNIT_VALUE_RE = re.compile(
    r"^(?P<name>[^|｜\t]+?[(（][^()（）]{1,6}[)）])[\s\u3000]+(?P<value>[\d,]+(\.\d+)?)$"
)


# A yearbook table with places as columns, its cells kept apart by spaces
# ("单位   吴兴区 南浔区 德清县 △市区"):
# a header of three or more place names (after an optional label), then rows "name [unit] v1 v2 v3 …".
_PLACE_NAME = r"[△▲#*]?[\u4e00-\u9fff]{1,6}(?:市区|市|县|区|旗|州|镇)"
_PLACES_HEADER_RE = re.compile(
    rf"^(?:(?:单位|计量单位|指标|项目|地区|区域)\s+)?(?P<places>{_PLACE_NAME}(?:\s+{_PLACE_NAME}){{2,}})$"
)
_SPACED_ROW_RE = re.compile(
    r"^(?:\d{1,2}[.、]|[#＃])?\s*(?P<name>[^\d\s|｜][^|｜\t]*?[^\d\s|｜])"
    r"(?:\s+(?P<unit>[^\d\s|｜]{1,4}))?\s+(?P<values>[\d.,]+(?:[ \u3000]+[\d.,]+){2,})$"
)


@dataclass(frozen=True)
class TableCell:
    """One value cell of a table, rewritten as a statement, with the row as written and the column (and the
    place a column of places names); ``bracketed``: the value was in brackets ("[360]"), which tables use
    for estimates and figures to be confirmed."""

    statement: str
    row: str
    column: str
    year: int | None
    place: str = ""
    bracketed: bool = False


def is_table_line(line: str) -> bool:
    """A line of cells ("a | b | c", tab-separated) or a single "name(unit)  value" line."""
    norm = normalise(line.strip())
    return (
        len([c for c in _CELL_SPLIT_RE.split(norm) if c]) >= 2
        or bool(_NAME_UNIT_VALUE_RE.match(norm))
        or bool(_PLACES_HEADER_RE.match(norm))
    )


def is_places_row(line: str) -> bool:
    """A row of a places-as-columns table ("年末拥有高新技术企业 290 95 43 50"), read after its header."""
    return bool(_SPACED_ROW_RE.match(normalise(line.strip())))


def table_cells(lines: list[str], reference: int | None) -> Iterator[TableCell]:
    """The value cells of one block of consecutive table lines (the first line of cells is the header)."""
    header: list[str] | None = None
    places: list[str] | None = None
    for line in lines:
        norm = normalise(line.strip())
        places_header = _PLACES_HEADER_RE.match(norm)
        if places_header:
            places = [p.lstrip("△▲#*") for p in places_header["places"].split()]
            continue
        spaced = _SPACED_ROW_RE.match(norm) if places else None
        if places and spaced:
            yield from _places_cells(line, spaced, places, reference)
            continue
        single = _NAME_UNIT_VALUE_RE.match(norm)
        if single:
            yield from _row_cells(line, [single["name"], single["value"]], ["", ""], reference)
            continue
        cells = [c.strip() for c in _CELL_SPLIT_RE.split(norm)]
        if _is_year_header(cells):
            # a line of year titles is the header, whatever title lines came before it ("14-3 科技活动基本
            # 情况 | ||", "(2009-2014年)"); without a label cell the names' column has no title
            header = ["指标", *cells] if YEAR_TITLE_RE.match(cells[0]) else cells
            continue
        if header is None and not any(_VALUE_WITH_UNIT_RE.match(c) for c in cells[1:]):
            header = cells  # the first line without a figure ("指标 | 2023年 | 2024年")
            continue
        yield from _row_cells(line, cells, header or [], reference)


# The first cell of a header of years: a label, nothing, or the first year itself. A row of four-digit
# values under a statistic's name ("研发人员(人) | 1180 | 1848 | 2399") is data, not a header.
_HEADER_LABEL_RE = re.compile(
    r"^(指\s*标|项\s*目|指标名称|项目名称|名称|类别|主要指标|地区|区域|年份|年度|单位)?$"
)


def _is_year_header(cells: list[str]) -> bool:
    years = [c for c in cells if YEAR_TITLE_RE.match(c)]
    others = [c for c in cells if c and not YEAR_TITLE_RE.match(c)]
    numbers = [int(y[:4]) for y in years]  # YEAR_TITLE_RE: each starts with its four digits
    return (
        len(years) >= 2
        and all(1949 <= n <= 2100 for n in numbers)
        and numbers == sorted(set(numbers))  # distinct and increasing, as a header's years are
        and (YEAR_TITLE_RE.match(cells[0]) is not None or _HEADER_LABEL_RE.match(cells[0]) is not None)
        and not any(_VALUE_RE.match(c) or _VALUE_WITH_UNIT_RE.match(c) for c in others)
    )


def _row_cells(line: str, cells: list[str], header: list[str], reference: int | None) -> Iterator[TableCell]:
    name, unit = cells[0], ""
    bracketed = _NAME_UNIT_RE.match(name)
    if bracketed:
        name, unit = bracketed["name"], bracketed["unit"]
    columns = header + [""] * (len(cells) - len(header))
    for index, title in enumerate(columns[1 : len(cells)], start=1):
        if _UNIT_HEADER_RE.match(title):
            unit = cells[index]
    if unit in ("%", "％"):
        unit = "%"
    for index, title in enumerate(columns[1 : len(cells)], start=1):
        value = cells[index].replace(",", "")
        bracketed = BRACKETED_VALUE_RE.match(value)
        if bracketed:
            value = bracketed.group(1)
        if _UNIT_HEADER_RE.match(title) or _SKIP_HEADER_RE.search(title):
            continue
        if _VALUE_RE.match(value):
            value += unit
        elif not _VALUE_WITH_UNIT_RE.match(value):
            continue
        year = _YEAR_HEADER_RE.search(title)
        yield TableCell(
            statement=f"{name}{value}",
            row=line.strip(),
            column=title,
            year=int(year.group(1)) if year else reference,
            bracketed=bracketed is not None,
        )


def _places_cells(
    line: str, row: re.Match[str], places: list[str], reference: int | None
) -> Iterator[TableCell]:
    """The cells of one row under a header of places: the values line up with the places from the right;
    a value before them (a column without a title) is the whole's, the table's own region."""
    values = row["values"].split()
    unit = row["unit"] or ""
    named = values[len(values) - len(places) :] if len(values) >= len(places) else []
    whole = values[: len(values) - len(named)]
    cells = [("", v) for v in whole] + list(zip(places[-len(named) :] if named else [], named, strict=True))
    for place, value in cells:
        yield TableCell(
            statement=f"{row['name']}{value.replace(',', '')}{unit}",
            row=line.strip(),
            column=place or "(whole)",
            year=reference,
            place=place,
        )
