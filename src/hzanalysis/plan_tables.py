"""A plan's table of main indicators (主要指标表) read from its text: one target per row.

Plans set most of their figures in a table (指标 | 单位 | 2020年 | 2025年 | 属性, or 基期值 | 目标值 |
年均增长/累计). Copied or flattened, the table reaches the drafter in one of these layouts:

- one row a line, cells kept apart by ``|`` (a .docx or .xlsx table, a PDF table put back into rows by
  :func:`hzanalysis.text_layout.regroup_table_cells`), by tabs or by runs of spaces;
- one cell a line (a PDF's text layer, a web page), each cell closed by ``|`` or cells kept apart by lines
  of a lone ``|``, or bare.

The header says what each column holds: the indicator's name (指标, 指标名称, 项目; a 序号 or 类别 column
beside it is skipped), its unit (单位), the base (基期值, 现状, a year before the plan period, 完成情况:
the past, never a target), the target (目标值, 2025年目标, a year of the plan period), the change over
the period (年均增长, 累计, 〔〕 or [] around a figure: a five-year total) and the attribute (预期性/
约束性). A row's target cell is a ``level`` (``>6.5`` is strict, ``≤``/``<`` a ceiling, ``左右`` approximate);
a row named as a growth (…增长(%), …增速) is a ``growth`` per year; a row whose target cell is empty and
whose change cell holds the figure sets the change: a growth (or fall) per year, or over the period when
bracketed, and a sum over the period (``cumulative``) for a count or an amount (城镇新增就业〔>5500〕).

Pure functions of text: :mod:`hzanalysis.plan_read` matches each row's name to an indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What a header cell says of its column (checked in this order: 2020年基期值 is a base, not a target).
_NAME = re.compile(
    r"^(?:主要)?(?:指标|指标名称|具体指标|项目|项目名称|名称|内容|一级指标|二级指标|三级指标)$"
)
_SKIPPED = re.compile(r"^(?:序号|编号|类别|类型|领域|分类|维度)$")
_UNIT = re.compile(r"^(?:计量)?单位$")
_ATTRIBUTE = re.compile(r"^(?:指标)?(?:属性|性质|类型)$")
_BASE = re.compile(r"基期|基数|基准|现状|完成|实际|现值|起始")
_TARGET = re.compile(r"目标|规划值|预期(?!性)|预计|末期|期末")
#: Columns a row may fill or leave blank that set nothing: remarks, sources, who answers for the row.
_OTHER = re.compile(r"^(?:备注|说明|数据来源|来源|责任单位|牵头单位|责任部门|牵头部门)$")
# (5年 alone, not the end of a year: 2025年 is a year's column)
_CHANGE = re.compile(r"年均|累计|增长|增量|增减|变化|提高|五年|(?<!\d)5年")
_YEAR = re.compile(r"(20\d\d)\s*年?")

#: A value cell: a figure with a comparator, a unit sign or a word of range; a bracketed figure (a change
#: over the period, brackets written many ways: 〔4〕, [2.75), 【5.7】, (9)); a dash for no value.
# (约75 and 75左右 are approximate; a range 3-5 or 35—40% is its lower end)
_FIGURE = re.compile(
    r"^(?P<cmp>[<>≤≥＜＞]=?|约|近)?\s*(?P<value>[-+]?\d+(?:\.\d+)?)\s*(?:%|％)?"
    r"(?:\s*[-~～—–至到]\s*\d+(?:\.\d+)?\s*(?:%|％)?)?\s*(?P<word>以上|以下|以内|左右)?$"
)
_BRACKETED = re.compile(r"^[\[［【〔(（]\s*(?P<inner>[^\]］】〕)）]+?)\s*[\]］】〕)）]$")
_DASH = re.compile(r"^[-—–一/－~～―…]*$")
_ATTRIBUTE_CELL = re.compile(r"^(?:预期性|约束性|指导性)$")
_UNIT_CELL = re.compile(
    r"^(?:%|％|‰|[个家项件人元亿万千百吨亩户所座套台名次篇条款种支辆年岁小时天平方米公里瓦]{1,5}(?:/[^\d\s]{1,4})?)$"
)
#: A unit written after the name: 粮食综合生产能力(亿吨), 研发投入强度（%）.
_NAME_UNIT = re.compile(r"[(（]\s*([^()（）\d]{1,8})\s*[)）]\s*$")
_GROWTH_NAME = re.compile(r"增长|增速|增幅|涨幅")
_FALL_NAME = re.compile(r"降低|下降|减少")


@dataclass(frozen=True)
class TableTarget:
    """One row's target: what the row names, the figure its target (or change) cell sets, and the verbatim
    text from the row's name to that cell."""

    name: str
    unit: str
    value: float
    comparator: str
    kind: str
    year: int
    quote: str
    attribute: str
    note: str
    #: where the row's name starts in the text (for the section the table sits in)
    at: int = 0


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int
    end: int


def _cells_of_lines(text: str) -> list[list[_Cell]]:
    """Each line of the text as its cells (one cell for a line with no separator), with their offsets."""
    out: list[list[_Cell]] = []
    position = 0
    for line in text.split("\n"):
        cells: list[_Cell] = []
        if "|" in line:
            out.append(_bar_cells(line, position))
            position += len(line) + 1
            continue
        if "\t" in line or re.search(r"\S\s{2,}\S", line.strip()) or _spaced_row(line):
            # (on the line as written: a tab written as spaces would shift every later cell's offset)
            pieces = re.finditer(r"\S+" if _spaced_row(line) else r"\S+(?: \S+)*", line)
        else:
            pieces = re.finditer(r".+", line)
        for piece in pieces:
            stripped = piece.group(0).strip()
            if stripped:
                offset = piece.start() + piece.group(0).index(stripped)
                cells.append(_Cell(stripped, position + offset, position + offset + len(stripped)))
        out.append(cells)
        position += len(line) + 1
    return out


def _spaced_row(line: str) -> bool:
    """Whether a line is a table's row with its cells kept apart by single spaces (a web page's table
    flattened): three or more words, no punctuation of prose, and either every word a column title
    (指标 2025年基期值 2030年目标值) or a name followed by values only (高新技术企业数(家) 80 150 13.4%)."""
    words = line.split()
    if len(words) < 3 or re.search(r"[，。；：,;:、]", line):
        return False
    if all(_column(w, 0) for w in words):
        return True
    return not _is_value(words[0]) and all(_is_value(w) for w in words[1:])


def _bar_cells(line: str, position: int) -> list[_Cell]:
    """The cells of a line kept apart by bars, an empty cell between two bars kept (a blank base value), an
    opening or closing bar leaving none."""
    parts, start = [], 0
    for chunk in line.split("|"):
        parts.append((chunk, start))
        start += len(chunk) + 1
    while parts and not parts[0][0].strip():
        parts.pop(0)
    while parts and not parts[-1][0].strip():
        parts.pop()
    cells = []
    for chunk, at in parts:
        stripped = chunk.strip()
        offset = position + at + (chunk.index(stripped) if stripped else 0)
        cells.append(_Cell(stripped, offset, offset + len(stripped)))
    return cells


def _column(title: str, base_year: int) -> str | None:
    """What a header cell names: name, skipped, unit, attribute, base, target, change; None if no title."""
    title = re.sub(r"\s+", "", title)
    title_head = re.sub(r"[(（].*$", "", title) or title  # 2025年目标值(各项目标应达到的水平)
    if _NAME.match(title_head):
        return "name"
    if _SKIPPED.match(title_head):
        return "skipped"
    if _UNIT.match(title_head):
        return "unit"
    if _ATTRIBUTE.match(title_head):
        return "attribute"
    if _OTHER.match(title_head):
        return "other"
    if len(title) > 40:
        return None
    if _BASE.search(title_head):
        return "base"
    if _TARGET.search(title_head):
        return "target"
    if _CHANGE.search(title_head):
        return "change"
    year = _YEAR.match(title_head)
    if year and re.fullmatch(r"20\d\d\s*年?\s*(?:末|底|度)?", title_head):
        return "target" if int(year.group(1)) > base_year else "base"
    return None


def _is_value(text: str) -> bool:
    return bool(
        _FIGURE.match(text)
        or _BRACKETED.match(text)
        or _DASH.match(text)
        or _ATTRIBUTE_CELL.match(text)
        or _UNIT_CELL.match(text)
    )


def _header(rows: list[list[_Cell]], at: int, base_year: int) -> tuple[list[tuple[str, str]], int] | None:
    """The header starting at line ``at``: its columns (kind, title) and the line after it, if one is
    there. A header is one line of three or more titles, or a run of lines of one title each."""
    line = rows[at]
    if len(line) >= 3:
        kinds = [_column(c.text, base_year) for c in line]
        if all(kinds) and "name" in kinds and "target" in kinds:
            return [(k, c.text) for k, c in zip(kinds, line, strict=True) if k], at + 1  # type: ignore[misc]
        return None
    if len(line) != 1 or _column(line[0].text, base_year) not in ("name", "skipped"):
        return None
    columns: list[tuple[str, str]] = []
    j = at
    while j < len(rows) and len(rows[j]) <= 1:
        if not rows[j]:
            j += 1
            continue
        kind = _column(rows[j][0].text, base_year)
        if kind is None:
            break
        columns.append((kind, rows[j][0].text))
        j += 1
    # 主要指标 / 指标 / 单位 / …: a caption over the header reads as a name column; the header's own one is it
    if len(columns) >= 2 and columns[0][0] == columns[1][0] == "name":
        columns.pop(0)
    kinds = [k for k, _ in columns]
    if "name" in kinds and "target" in kinds and len(columns) >= 3:
        return columns, j
    return None


def read_tables(text: str, deadline: int, base_year: int) -> tuple[list[TableTarget], list[tuple[int, int]]]:
    """The targets of every indicator table in the text, and the spans (start, end offsets) the tables
    take, so that the prose reader skips them."""
    rows = _cells_of_lines(text)
    targets: list[TableTarget] = []
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(rows):
        found = _header(rows, at, base_year) if rows[at] else None
        if found is None:
            at += 1
            continue
        columns, after = found
        body, end = _body(rows, after, len(columns))
        if not body:
            at += 1
            continue
        start = rows[at][0].start
        spans.append((start, end))
        targets += [t for row in body for t in _row_targets(text, columns, row, deadline)]
        at = next((i for i in range(after, len(rows)) if rows[i] and rows[i][0].start >= end), len(rows))
    return targets, spans


def _body(rows: list[list[_Cell]], after: int, width: int) -> tuple[list[list[_Cell]], int]:
    """The table's rows after its header: lines of several cells, or runs of one cell a line grouped from
    each name cell to the values after it. Ends at a line that is no row (a sentence of prose)."""
    body: list[list[_Cell]] = []
    end = 0
    current: list[_Cell] = []
    for line in rows[after:]:
        if not line:
            continue
        if len(line) >= 2:
            if current:
                body.append(current)
                current = []
            if _is_value(line[0].text) and not re.fullmatch(r"\d{1,2}", line[0].text):
                break
            if not any(_is_value(c.text) for c in line[1:]):
                break
            body.append(line)
            end = line[-1].end
            continue
        cell = line[0]
        if _is_value(cell.text):
            if not current:
                if re.fullmatch(r"\d{1,2}", cell.text):  # a 序号 before the first name
                    continue
                break
            current.append(cell)
            end = cell.end
            continue
        if len(cell.text) > 40 or re.search(r"[。；;，,]", cell.text):
            break  # prose: the table has ended
        if current and len(current) == 1 and _UNIT_CELL.match(cell.text):
            current.append(cell)  # the row's unit (家, %, 亿元) after its name, before its values
            continue
        if current and len(current) == 1:
            current = [cell]  # a category cell (merged over rows) before the row's own name
            continue
        if current:
            body.append(current)
        current = [cell]
        end = cell.end
    if current and len(current) > 1:
        body.append(current)
    # a 序号 cell read as the last value of the row before it
    return [r for r in body if len(r) >= 2], end if body or current else 0


def _row_targets(
    text: str, columns: list[tuple[str, str]], row: list[_Cell], deadline: int
) -> list[TableTarget]:
    """The targets one row sets: one a target column (2025年 and 2027年: a milestone and the end, each with
    its year), else the change cell's; none when no cell holds a figure."""
    kinds = [k for k, _ in columns if k != "skipped"]
    titles = [t for k, t in columns if k != "skipped"]
    cells = list(row)
    # a 序号 cell the grouping kept as the row's last value, or a leading 序号/类别 of a line row
    while len(cells) > len(kinds) and re.fullmatch(r"\d{1,2}", cells[-1].text):
        cells.pop()
    while len(cells) > len(kinds) and not _is_value(cells[1].text):
        cells.pop(0)
    if len(cells) > len(kinds) and re.fullmatch(r"\d{1,3}", cells[0].text):
        cells.pop(0)
    # a row leaving its last columns blank (属性, 备注): the text holds no cell for them
    while len(cells) < len(kinds) and all(k in ("attribute", "other", "change") for k in kinds[len(cells) :]):
        cells.append(_Cell("", cells[-1].end, cells[-1].end))
    if len(cells) != len(kinds) or kinds[0] != "name":
        return []
    by_kind = {k: c for k, c in zip(kinds, cells, strict=True) if k not in ("target",)}
    name_cell = cells[0]
    name = re.sub(r"\s+", "", name_cell.text)
    unit = ""
    if (written := _NAME_UNIT.search(name)) is not None:
        unit, name = written.group(1).strip(), name[: written.start()]
    if "unit" in by_kind and _UNIT_CELL.match(by_kind["unit"].text):
        unit = by_kind["unit"].text
    unit = unit.replace("％", "%")
    attribute = by_kind["attribute"].text if "attribute" in by_kind else ""
    found: list[tuple[_Cell, re.Match[str] | None, _Made]] = []
    for index, kind in enumerate(kinds):
        if kind == "target" and (made := _from_cell(name, unit, cells[index].text)) is not None:
            found.append((cells[index], _YEAR.search(titles[index]), made))
    if not found and "change" in by_kind and "target" in kinds:
        made = _from_change(name, unit, by_kind["change"].text, titles[kinds.index("change")])
        last_target = max(i for i, k in enumerate(kinds) if k == "target")
        if made is not None:
            found.append((by_kind["change"], _YEAR.search(titles[last_target]), made))
    return [
        TableTarget(
            name=name,
            unit=unit_of or unit,
            value=value,
            comparator=comparator,
            kind=kind_of,
            year=int(year.group(1)) if year else deadline,
            quote=text[name_cell.start : cell.end],
            attribute=attribute,
            note=note,
            at=name_cell.start,
        )
        for cell, year, (value, comparator, kind_of, unit_of, note) in found
    ]


def _comparator(sign: str | None, word: str | None) -> str:
    if sign in (">", "＞"):
        return ">"
    if sign in ("约", "近"):
        return "~"
    if (sign and sign[0] in "<＜≤") or word in ("以下", "以内"):
        return "<="
    if word == "左右":
        return "~"
    return ">="


#: What a cell sets: value, comparator, kind, unit ("" for the row's own) and a note for the reviewer.
_Made = tuple[float, str, str, str, str]


def _from_cell(name: str, unit: str, cell: str) -> _Made | None:
    """A target cell's figure: a level, or a growth (per year) for a row named as a growth or a fall."""
    found = _FIGURE.match(cell)
    if found is None:
        return None
    value = float(found.group("value"))
    comparator = _comparator(found.group("cmp"), found.group("word"))
    if unit == "%" and _FALL_NAME.search(name):
        fall = "<=" if comparator != "~" else "~"
        return -value, fall, "growth", "%/年", "a fall per year (the row names a fall)"
    if unit == "%" and _GROWTH_NAME.search(name):
        return value, comparator, "growth", "%/年", "a growth per year (the row names a growth)"
    return value, comparator, "level", "", "the row's target cell"


def _from_change(name: str, unit: str, cell: str, title: str) -> _Made | None:
    """The figure of a row whose target cell is empty, from its change cell: a growth or fall (per year,
    or over the period when bracketed), or for a count or an amount the sum over the period."""
    bracketed = _BRACKETED.match(cell)
    inner = bracketed.group("inner").strip() if bracketed else cell
    found = _FIGURE.match(inner)
    if found is None:
        return None
    value = float(found.group("value"))
    comparator = _comparator(found.group("cmp"), found.group("word"))
    total = bool(bracketed) or ("累计" in title and "年均" not in title)
    growth_unit, span = ("%", "over the plan period") if total else ("%/年", "per year")
    if unit == "%" and _FALL_NAME.search(name):
        fall = "<=" if comparator != "~" else "~"
        return -value, fall, "growth", growth_unit, f"a fall {span} (the change column)"
    if unit == "%" and _GROWTH_NAME.search(name):
        return value, comparator, "growth", growth_unit, f"a growth {span} (the change column)"
    if total and unit != "%":
        return value, comparator, "cumulative", "", "a sum over the plan period (the change column)"
    return None


# A table of tasks (序号 | 工作任务 | 牵头单位 | 完成时限, or | 二季度完成情况): every figure of its task
# cells is a target (a task table writes none of the cue words of prose: 技术合同交易额40亿元), the units
# column names who answers for each, and a column of what was done (完成情况, 进展) is the past.
_TASK = re.compile(r"^(?:重点|主要|年度|具体)?(?:工作)?(?:任务|目标|内容|举措)(?:内容|及目标|目标)?$")
_TASK_UNITS = re.compile(r"^(?:牵头|责任|配合|协办|主办|实施)(?:单位|部门)(?:及.{0,6})?$")
_TASK_PAST = re.compile(r"完成情况|进展|落实情况|进度|执行情况|完成$")
_TASK_TIME = re.compile(r"^(?:完成)?(?:时限|时间|期限|时间节点)$")


def _task_column(title: str) -> str | None:
    title = re.sub(r"\s+", "", title)
    if _SKIPPED.match(title):
        return "skipped"
    if _TASK_PAST.search(title):
        return "past"
    if _TASK.match(title):
        return "task"
    if _TASK_UNITS.match(title):
        return "units"
    if _TASK_TIME.match(title):
        return "time"
    return None


def read_task_tables(text: str) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The text with each table of tasks reduced to its task cells (every other cell blanked, offsets
    kept), and each task cell's text with the units its row names (empty when no units column)."""
    rows = _cells_of_lines(text)
    chars = list(text)
    tasks: dict[str, tuple[str, ...]] = {}
    at = 0
    while at < len(rows):
        header, after = _task_header(rows, at)
        if not header:
            at += 1
            continue
        cells = [c for line in rows[after:] for c in line] if all(len(r) <= 1 for r in rows[at:after]) else []
        chunks: list[list[_Cell]] = []
        if cells:  # one cell a line: the cells after the header, in chunks as wide as the header
            while len(cells) >= len(header) * (len(chunks) + 1):
                chunk = cells[len(header) * len(chunks) : len(header) * (len(chunks) + 1)]
                if header[0] == "skipped" and not re.fullmatch(r"\d{1,3}", chunk[0].text):
                    break
                chunks.append(chunk)
        else:
            for line in rows[after:]:
                if len(line) != len(header):
                    break
                chunks.append(line)
        if not chunks:
            at += 1
            continue
        start, end = rows[at][0].start, chunks[-1][-1].end
        keep = []
        for chunk in chunks:
            row = dict(zip(header, chunk, strict=True))
            units = re.split(r"[、,，;；\s]+", row["units"].text) if "units" in row else []
            tasks[row["task"].text] = tuple(u for u in units if u)
            keep.append((row["task"].start, row["task"].end))
        for i in range(start, end):
            if chars[i] != "\n" and not any(a <= i < b for a, b in keep):
                chars[i] = " "
        at = next((i for i in range(after, len(rows)) if rows[i] and rows[i][0].start >= end), len(rows))
    return "".join(chars), tasks


def _task_header(rows: list[list[_Cell]], at: int) -> tuple[list[str], int]:
    """The columns of a task table's header starting at line ``at`` (one line of titles, or a run of one
    title a line), and the line after it; ([], at) when no such header starts there."""
    if len(rows[at]) >= 2:
        kinds = [_task_column(c.text) for c in rows[at]]
        if all(kinds) and "task" in kinds and len(set(kinds)) >= 2:
            return [k for k in kinds if k], at + 1
        return [], at
    columns: list[str] = []
    j = at
    while j < len(rows) and len(rows[j]) <= 1:
        if rows[j]:
            kind = _task_column(rows[j][0].text)
            if kind is None:
                break
            columns.append(kind)
        j += 1
    if "task" in columns and len(set(columns)) >= 2 and columns.count("task") == 1:
        return columns, j
    return [], at
