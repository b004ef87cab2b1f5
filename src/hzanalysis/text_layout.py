"""Text laid out on a page, put back together: tables read one cell per line, rows whose cells are kept
apart by spaces, and lines wrapped inside a sentence.

A PDF's text layer (and text copied from one) loses a table's grid and breaks sentences at the page's
width. :func:`regroup_table_cells` puts a table's cells back into rows with " | " between them (as a .docx
table row is read), so that every value keeps its row's name and its column's year;
:func:`join_wrapped_lines` joins the lines of one sentence, so that a sentence stays one quote. Both know
nothing of indicators: the document readers (:mod:`hzanalysis.documents`) and the extractor share them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

#: A PDF line at least this long that ends without closing punctuation is a wrapped line: join it.
_WRAPPED_LINE_CHARS = 18
_CLOSING = tuple("。！？；：:!?;”’」』)）")
# A line ending on a figure and its unit ("…达171家,占全市约35%") before one that opens a statement of its
# own: an item of a list written without closing punctuation (a web page's bullets), not a sentence a text
# layer wrapped; a wrapped sentence goes on with punctuation or a joining word ("，比上年…", "和15家").
_FIGURE_END_RE = re.compile(r"\d\s*(%|‰|(?![年月日号])[\u4e00-\u9fff]{1,2})$")
# A web page's line of particulars ("发布机构：市科技局 发布时间：2024-01-12", "来源：…"): a line of its own,
# never the start of a sentence a text layer wrapped (the body's first year would be lost behind it).
_PARTICULARS_RE = re.compile(
    r"(发布|发表|更新)(时间|日期|机构)\s*[:：]|来源\s*[:：]|\d{4}-\d{1,2}-\d{1,2}(\s+[\d:]+)?$"
    # (also a date alone: "日期：2023-03-25", "时间：2021-08-10 18:10")
    r"|^\s*(日期|时间)\s*[:：]\s*\d{4}"
)
# A table's row opening on its number and a cell of words ("33 新培育科技型中小企业50家以上…  区科技局"),
# not a count a text layer wrapped ("12 家高新技术企业")
_NUMBERED_ROW_RE = re.compile(r"\d{1,3}\s+(?![家个件项亿万元年月日人户所座名位次批倍])[\u4e00-\u9fff]{2}")
_GOES_ON_RE = re.compile(r"[,，、;；:：。)）%‰和及与或的]|[\d.]")


# A PDF's text layer often holds a table one cell per line: a header ("指标", "单位", "2024年", "增长%")
# then each row's cells. Cells of a header and of a value row:
_TABLE_LABEL_RE = re.compile(r"^(指标|项目|指标名称|项目名称|名称|类别|主要指标|地区)$")
_COLUMN_TITLE_RE = re.compile(
    r"^(\d{4}\s*年?(末|底|度)?|(计量)?单位|本年|上年|本期|上年同期|去年同期|今年"
    r"|(比上年|同比|较上年)?(增长|增减|增速|增幅)(率)?[(（]?(%|％)?[)）]?|.{0,8}[(（](%|％)[)）])$"
)
_VALUE_CELL_RE = re.compile(r"^([-+]?[\d,]+(\.\d+)?\s*(%|％|万|亿|万元|亿元|家|件|个|项)?|[-—–/])$")


def regroup_table_cells(text: str) -> str:
    """Lines of a table read one cell per line (a PDF's text layer, a table copied from one), put back as
    rows with " | " between cells (as a .docx table row), so that every value keeps its row's name and its
    column's year. Other lines are returned as they are (blank lines dropped)."""
    lines = _regroup_closed_cells([line.strip() for line in text.splitlines() if line.strip()])
    lines = _regroup_transposed(lines)
    lines = _regroup_spaced_rows(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        width, titles = _table_header(lines, i)
        if width < 3:
            out.append(lines[i])
            i += 1
            continue
        header = lines[i : i + titles]
        if titles < width:  # no label cell above the names (an empty cell is not in the text layer)
            header = ["指标", *header]
        rows, j = [], i + titles
        while j + width <= len(lines):
            cells = lines[j : j + width]
            name_ok = not _VALUE_CELL_RE.match(cells[0]) and len(cells[0]) <= 30
            values = [c for title, c in zip(header[1:], cells[1:], strict=True) if "单位" not in title]
            if not (name_ok and values and all(_VALUE_CELL_RE.match(c) for c in values)):
                break
            rows.append(" | ".join(cells))
            j += width
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += [" | ".join(header), *rows]
        i = j
    return "\n".join(_regroup_year_columns(out))


# A table of years as columns read one cell per line whose rows are not all as wide: a merged cell (a
# category named once for several rows, "科技创新投入指标"), a row number, columns after the years (growth,
# rank) and estimates in brackets ("[360]") leave no fixed width to cut at. A run of year titles is the
# header; a row is a name cell followed by one value cell per year; the cells between rows are skipped; a
# line of prose ends the table.

#: "[360]", "〔2.42〕": a value a table puts in brackets (its note says: an estimate, a figure to be
#: confirmed)
BRACKETED_VALUE_RE = re.compile(r"^[\[［〔]\s*([-+]?[\d,]+(?:\.\d+)?)\s*[\]］〕]$")
_EMPTY_CELL_RE = re.compile(r"^[-—–/…]+$")
#: Most cells between two rows (row number, category, growth and rank columns) before the table is over.
_MAX_CELLS_BETWEEN_ROWS = 6
_PROSE_RE = re.compile(r"[，。；,;]")


def _year_value(cell: str) -> str | None:
    """A value cell of a year column as written (an estimate in brackets, "[360]", keeps them: the reader
    of the row must see it), else None."""
    if _NUMBER_CELL_RE.match(cell) or _EMPTY_CELL_RE.match(cell) or BRACKETED_VALUE_RE.match(cell):
        return cell
    return None


# a cell of a unit column ("家", "亿元", "(%)"): no row's name
_UNIT_CELL_RE = re.compile(r"^[(（]?(万|亿)?(元|家|件|个|项|人|人年|人次|台|套|平方米|亩|吨|%|％|‰)[)）]?$")


def _row_name(cell: str) -> bool:
    return (
        len(cell) <= 40
        and not _UNIT_CELL_RE.match(cell)
        and re.search(r"[\u4e00-\u9fff]", cell) is not None
        and not YEAR_TITLE_RE.match(cell)
        and _year_value(cell) is None
        and not _PROSE_RE.search(cell)
    )


def _year_titles(lines: list[str], i: int) -> list[str]:
    """The year titles of a header starting at line ``i``, after a cell that is no value (a run of
    four-digit values inside a row is data)."""
    if i > 0 and _year_value(lines[i - 1]) is not None:
        return []
    return _year_run(lines[i:])


def _uneven_rows(lines: list[str], start: int, width: int) -> tuple[list[str], int]:
    """The rows from line ``start`` of a table of ``width`` year columns: a name cell and one value per year,
    the cells between rows skipped; and the line after the last row."""
    rows, j, end, between = [], start, start, 0
    while j < len(lines) and between <= _MAX_CELLS_BETWEEN_ROWS:
        values = [_year_value(cell) for cell in lines[j + 1 : j + 1 + width]]
        if _row_name(lines[j]) and len(values) == width and None not in values:
            rows.append(" | ".join([_clean_row_name(lines[j].lstrip("*※")), *map(str, values)]))
            j = end = j + 1 + width
            between = 0
            continue
        if len(lines[j]) > 40 or _PROSE_RE.search(lines[j]):
            break
        j, between = j + 1, between + 1
    return rows, end


def _regroup_year_columns(lines: list[str]) -> list[str]:
    return _regroup_under_years(lines, _year_titles, _uneven_rows)


def _year_run(cells: Iterable[str | None]) -> list[str]:
    """The leading cells that are year titles, distinct, increasing and plausible (None ends the run)."""
    years: list[str] = []
    for cell in cells:
        if cell is None or not YEAR_TITLE_RE.match(cell):
            break
        year = int(cell[:4])
        if not 1949 <= year <= 2100 or (years and year <= int(years[-1][:4])):
            break
        years.append(cell)
    return years


def _regroup_under_years(
    lines: list[str],
    years_at: Callable[[list[str], int], list[str]],
    rows_from: Callable[[list[str], int, int], tuple[list[str], int]],
) -> list[str]:
    """Tables whose header is a run of years (``years_at``) and whose rows ``rows_from`` reads, rewritten as
    " | " rows under a "指标 | years" header; other lines unchanged."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        years = years_at(lines, i)
        rows, end = rows_from(lines, i + len(years), len(years)) if len(years) >= 2 else ([], i)
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += [" | ".join(["指标", *years]), *rows]
        i = end
    return out


# A yearbook table saved one cell per line with each cell closed by "|" ("2002 |", "1287.6 |", "|" for an
# empty cell), as web copies of statistical yearbooks hold them: a run of year cells is the header, then each
# row is a name cell and one value cell per year. A name may wrap onto a line of its own before its cell
# ("科技活动人员" / "(万人) |"), or onto the next row whose value cells are all empty ("…相当于 | 1.07 | … |
# 国内生产总值比例 (%) | | …"). English glosses after a name are dropped; a row starting with 占 is the share
# of the row above ("R&D 经费支出(亿元)" then "占国内生产总值的比重 (%)"); "#" and 其中 rows are parts of the
# row above and are left out.
_CLOSED_CELL_RE = re.compile(r"^(?P<cell>[^|｜]*?)\s*[|｜]$")
#: A column title that is a year ("2024年", "2023年末"); the extractor's tables read the same.
YEAR_TITLE_RE = re.compile(r"^\d{4}\s*年?(末|底|度)?$")


#: The end of a five-year plan named by its period: "十三五"末, 十二五期末, “十一五”末期, 十四五时期末 (the
#: ordinal is the one group; normalised or raw quotes around the name).
FIVE_YEAR_PLAN_END = r"[\"“]?十([一二三四五六])五[\"”]?\s*(?:时期)?(?:期末|末期|末)"


def five_year_plan_end(ordinal: str) -> int:
    """The last year of the five-year plan named by its Chinese ordinal ("十一五": 一 -> 2010, 四 -> 2025);
    the one reading of a plan period's end for extraction and plan drafting."""
    return 2010 + 5 * "一二三四五六".index(ordinal)


_NUMBER_CELL_RE = re.compile(r"^[-+]?[\d,]+(\.\d+)?$")
_ENGLISH_GLOSS_RE = re.compile(r"\s+[A-Za-z][A-Za-z0-9 ().,&%/'*-]*$")
_PART_ROW_RE = re.compile(r"^(#|＃|其中[:：]?)")


def _clean_row_name(name: str) -> str:
    """A row name without an English gloss after it, spaces inside its unit bracket, or label spacing."""
    name = _ENGLISH_GLOSS_RE.sub("", name).strip()
    name = re.sub(r"\s*[(（]\s*([^()（）]*?)\s*[)）]", r"(\1)", name)
    return name


def _regroup_closed_cells(lines: list[str]) -> list[str]:
    """Tables of "cell |" lines (see above) rewritten as " | " rows under a "指标 | years" header; other lines
    unchanged."""
    return _regroup_under_years(lines, _closed_year_run, _closed_rows)


def _closed_year_run(lines: list[str], i: int) -> list[str]:
    """The year cells of a header starting at line ``i`` (a run of four-digit values under a row's name is
    data)."""
    return _year_run(match["cell"] if (match := _CLOSED_CELL_RE.match(line)) else None for line in lines[i:])


def _closed_rows(lines: list[str], i: int, width: int) -> tuple[list[str], int]:
    """The rows of a closed-cell table from line ``i`` and the line after its end."""
    rows: list[tuple[str, list[str]]] = []
    while i < len(lines):
        match = _CLOSED_CELL_RE.match(lines[i])
        name, step = (match["cell"], 1) if match else ("", 0)
        if not match:  # a name wrapped onto a line of its own before its cell
            follow = _CLOSED_CELL_RE.match(lines[i + 1]) if i + 1 < len(lines) else None
            if follow is None or _NUMBER_CELL_RE.match(lines[i]) or len(lines[i]) > 30:
                break
            name, step = lines[i] + follow["cell"], 2
        if not name:
            i += step  # an empty separator row
            continue
        if _NUMBER_CELL_RE.match(name):
            break
        cells = []
        for line in lines[i + step : i + step + width]:
            cell = _CLOSED_CELL_RE.match(line)
            if cell is None or not (cell["cell"] == "" or _NUMBER_CELL_RE.match(cell["cell"])):
                break
            cells.append(cell["cell"])
        if len(cells) < width:
            break
        i += step + width
        if not any(cells):
            if rows:  # the rest of the row name above
                rows[-1] = (rows[-1][0] + name, rows[-1][1])
            continue
        rows.append((name, cells))
    named: list[tuple[str, list[str]]] = []
    for name, cells in rows:
        name = _clean_row_name(name)
        if name.startswith("占") and named:
            above = re.sub(r"\([^()]*\)$", "", named[-1][0])
            name = above + name
        named.append((name, cells))
    return [" | ".join([n, *c]) for n, c in named if not _PART_ROW_RE.match(n)], i


# A table pasted or extracted the other way round: the statistics' names first, one per line, then for each
# year the year and one value per name ("全社会研发经费" / "研发人员" / "2015年" / "1.42万亿元" / "376万人" /
# "2020年" / …). Rewritten as rows of the names under a header of the years.
_TRANSPOSED_VALUE_RE = re.compile(r"^(第\s*)?[-+]?[\d,]+(\.\d+)?\S{0,8}$")


def _regroup_transposed(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        names = []
        j = i
        while j < len(lines) and _transposed_name(lines[j]):
            names.append(lines[j])
            j += 1
        width = len(names)
        groups = []
        while width >= 2 and j + width < len(lines) + 0 and YEAR_TITLE_RE.match(lines[j]):
            values = lines[j + 1 : j + 1 + width]
            # a year title among the values is a header of years read one per line, not this layout
            if len(values) < width or not all(
                _TRANSPOSED_VALUE_RE.match(v) and not YEAR_TITLE_RE.match(v) for v in values
            ):
                break
            groups.append((lines[j], values))
            j += 1 + width
        if not groups:
            out.append(lines[i])
            i += 1
            continue
        out.append(" | ".join(["指标", *(year for year, _ in groups)]))
        out += [" | ".join([name, *(values[k] for _, values in groups)]) for k, name in enumerate(names)]
        i = j
    return out


# A table whose cells a PDF's text layer (or a fixed-width page) keeps apart by spaces only: a header of
# years ("指标 2022年 2023年 2024年", "项目 Item 2020 2021") then rows of a name, an optional unit and one
# number per year ("研发经费支出(万元) 21000 23500 26100", "技术合同成交额 亿元 3.2 4.1 5.0"). Rewritten as
# " | " rows; a row with another count of numbers, or any other line, ends the table.
_SPACED_HEADER_RE = re.compile(
    r"^(?P<label>[^\d\s|｜][^|｜]*?\s+)?(?P<years>\d{4}\s*年?(?:\s+\d{4}\s*年?)+)$"
)
_SPACED_ROW_RE = re.compile(
    r"^(?P<name>[^\d\s|｜][^|｜]*?)(?:\s+(?P<unit>[^\s\d|｜()（）]{1,4}|[(（][^()（）]{1,8}[)）]))?"
    r"(?P<values>(?:\s+[-+]?[\d,]+(?:\.\d+)?)+)$"
)


def _regroup_spaced_rows(lines: list[str]) -> list[str]:
    out: list[str] = []
    years: list[str] = []
    for line in lines:
        header = _SPACED_HEADER_RE.match(line)
        found = [int(y[:4]) for y in re.findall(r"\d{4}", header["years"])] if header else []
        label = (header["label"] or "").strip() if header else ""
        if (
            header
            and not re.search(r"[，。；,;:：]", line)
            and all(1949 <= y <= 2100 for y in found)
            and found == sorted(set(found))
            # a label such as 指标/项目 (an English gloss may follow), not a statistic's name with a unit
            and not re.search(r"[(（]|[家件个项元%]$", label)
        ):
            years = re.findall(r"\d{4}\s*年?", header["years"])
            out.append(" | ".join(["指标", *years]))
            continue
        row = _SPACED_ROW_RE.match(line) if years else None
        values = row["values"].split() if row else []
        if row and len(values) == len(years) and not re.search(r"[，。；;:：]", row["name"]):
            name = _clean_row_name(row["name"])
            unit = row["unit"] or ""
            if unit and not unit.startswith(("(", "（")):
                unit = f"({unit})"
            out.append(" | ".join([name + unit, *values]))
            continue
        years = []
        out.append(line)
    return out


def _transposed_name(line: str) -> bool:
    return (
        len(line) <= 20
        and not YEAR_TITLE_RE.match(line)
        and not _TRANSPOSED_VALUE_RE.match(line)
        and not re.search(r"[。；;，,:：|｜]", line)
    )


def _table_header(lines: list[str], i: int) -> tuple[int, int]:
    """(columns, header lines) of a one-cell-per-line table header starting at line ``i``; (0, 0) if none."""
    labelled = bool(_TABLE_LABEL_RE.match(lines[i]))
    start = i + 1 if labelled else i
    end = start
    while end < len(lines) and _COLUMN_TITLE_RE.match(lines[end]):
        end += 1
    titles = end - start
    # a header needs a year column; without a label cell, at least two titles
    years = any(re.match(r"\d{4}", line) for line in lines[start:end])
    if not years or titles < (1 if labelled else 2):
        return 0, 0
    return titles + 1, titles + (1 if labelled else 0)


_NUMBERED_HEADING_RE = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、](?!\d))"
)


# A line ending in three or more figures kept apart by spaces: a row of a table typeset without rules.
_FIGURES_ROW_RE = re.compile(r"(?<![\d.,])\d[\d.,]*(?:[ \u3000]+\d[\d.,]*){2,}$")


def join_wrapped_lines(text: str) -> str:
    """Lines cut inside a sentence (a PDF's text layer) joined back; table rows and short lines kept."""
    out: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        previous = out[-1] if out else ""
        if " | " in previous or " | " in line:
            out.append(line)  # table rows are whole lines
        elif _FIGURES_ROW_RE.search(previous) or _FIGURES_ROW_RE.search(line):
            out.append(line)  # so are a yearbook's rows of figures kept apart by spaces (…企业 290 95 43)
        elif _NUMBERED_HEADING_RE.match(previous) or _NUMBERED_HEADING_RE.match(line):
            out.append(line)  # a numbered heading (一、…计划执行情况) is a line of its own
        elif _NUMBERED_ROW_RE.match(line) and len(previous.split()) >= 3:
            out.append(line)  # a task table's row ("33 新培育…") under its header or the row before
        elif _PARTICULARS_RE.search(previous) or _PARTICULARS_RE.match(line):
            out.append(line)  # a page's particulars (date, source) stand alone, under a title too
        elif _FIGURE_END_RE.search(previous) and not _GOES_ON_RE.match(line):
            out.append(line)  # a list's items, each ending on its figure
        elif previous and len(previous) >= _WRAPPED_LINE_CHARS and not previous.endswith(_CLOSING):
            out[-1] = previous + line
        else:
            out.append(line)
    return "\n".join(out)
