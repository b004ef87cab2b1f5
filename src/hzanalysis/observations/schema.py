"""The observation schema: columns, grades, bounds and publication dates (no I/O, no pandas).

``bound`` is ``=`` for a point value, or ``>=``/``>``/``<=``/``<`` for a bound (以上/突破, 超过, 近四成...).
Bounds are kept and shown; they are never fitted as point values.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from ..errors import ParameterError

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
    "quality",
)
#: A file must have at least one of these: a bureau's own figures have a title (its report) but often no
#: address, and a file of such figures should not need an empty column to be read.
SOURCE_COLUMNS: tuple[str, ...] = ("source_title", "source_url")


def column_requirement(column: str) -> str:
    """Whether a file must have ``column``: ``yes``, ``no``, or ``this or source_url`` for the source pair."""
    if column in REQUIRED_COLUMNS:
        return "yes"
    if column in SOURCE_COLUMNS:
        other = next(c for c in SOURCE_COLUMNS if c != column)
        return f"this or {other} 二者至少其一"
    return "no"


#: Column headers as a bureau's own sheet writes them in Chinese, read as the template's columns (a file
#: straight from a bureau should not need its header retyped). Only names with one meaning: 来源 is the
#: source's title, an address goes under 链接/网址; 口径 (a scope) is not a column of ours.
HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys(("地区", "地区名称", "区域", "行政区", "行政区划"), "region"),
    **dict.fromkeys(("指标", "指标名称", "指标代码"), "indicator"),
    **dict.fromkeys(("年份", "年度", "数据年份", "统计年度"), "year"),
    **dict.fromkeys(("数值", "指标值", "数据", "值"), "value"),
    **dict.fromkeys(("单位", "计量单位"), "unit"),
    **dict.fromkeys(("来源", "资料来源", "数据来源", "出处", "来源标题", "来源文件"), "source_title"),
    **dict.fromkeys(("链接", "网址", "来源链接", "来源网址"), "source_url"),
    **dict.fromkeys(("发布日期", "发布时间"), "published"),
    **dict.fromkeys(("原文", "引文", "原文摘录"), "quote"),
    **dict.fromkeys(("质量", "数据质量", "来源等级"), "quality"),
    **dict.fromkeys(("备注", "说明"), "note"),
    **dict.fromkeys(("替代", "取代"), "supersedes"),
}


def canonical_column(header: str) -> str:
    """The template's name of a column headed ``header`` (itself, or what its Chinese name means)."""
    return HEADER_ALIASES.get(header.strip(), header)


def chinese_headers(column: str) -> tuple[str, ...]:
    """The Chinese headers read as ``column`` (empty for a column that has none)."""
    return tuple(alias for alias, name in HEADER_ALIASES.items() if name == column)


#: Review columns a file may carry that are read past, never scored (``why``: why a candidate sentence
#: was matched, written by ``hzanalysis data extract`` for the person reviewing it).
IGNORED_COLUMNS: tuple[str, ...] = ("why",)
#: No figure of any indicator reaches this in its own unit: it is above the world's total in each of them
#: (about 3e8 firms, 7.5e6 亿元 of world GDP, 8e5 万人 of people; 9.6e8 万平方米 is all of China's land),
#: so a value at or above it is a typing or unit error (1e300 high-tech enterprises), never a figure.
IMPOSSIBLE_MAGNITUDE = 1e9
#: Optional column of a researcher's file: what a row replaces when another input gives the same figure
#: (region, indicator, year and bound) a different value. ``yes``/``是``, the replaced value, or the other
#: file's name (with its row, e.g. ``bureau.xlsx row 7``). Read and judged, then dropped on loading.
SUPERSEDES_COLUMN = "supersedes"
#: Words in ``supersedes`` that mean "this row replaces any other row with the same key".
SUPERSEDES_YES: tuple[str, ...] = ("yes", "y", "true", "是", "替换", "取代")
#: Columns of the templates: the observation columns, then ``supersedes``.
TEMPLATE_COLUMNS: tuple[str, ...] = (*OBSERVATION_COLUMNS, SUPERSEDES_COLUMN)
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
#: Words in the ``note`` that mark a figure as a preliminary estimate (预计数), which may be published
#: before its year ends (a year-end work summary); any other annual figure cannot exist before 31 December.
PRELIMINARY_MARKERS: tuple[str, ...] = ("预计", "初步", "preliminary", "estimate")
#: Earliest plausible data year (the founding of the PRC statistical system); the latest is this year + 10.
MIN_YEAR = 1949
MAX_YEARS_AHEAD = 10
#: Text put in the template's example row; a file still carrying it is rejected so it never counts as data.
EXAMPLE_ROW_MARKER = "示例行"
EXAMPLE_NOTE = "示例行，请替换/example row, replace"
#: Sheet name of the template's data sheet and of its explanation sheet.
SHEET_NAME = "observations"
HELP_SHEET = "说明"

# ISO dates, and the slashed dates Excel writes when a sheet goes through CSV (2026/3/15).
_DATE_RE = re.compile(r"^(\d{4})(?:([-/])(\d{1,2})(?:\2(\d{1,2}))?)?$")


def parse_published(text: str) -> date | None:
    """``YYYY-MM-DD`` as is, ``YYYY-MM`` as the month's last day, ``YYYY`` as 31 December; else None.

    Slashes (``2026/3/15``, as Excel writes dates into CSV) and one-digit months and days are accepted.
    """
    m = _DATE_RE.match(text.strip())
    if not m:
        return None
    y, mo, d = int(m[1]), m[3], m[4]
    try:
        if d is not None:
            return date(y, int(mo), int(d))
        if mo is not None:
            month = int(mo)
            return date(y, month, calendar.monthrange(y, month)[1])
        return date(y, 12, 31)
    except ValueError:
        return None


def normalise_published(text: str) -> str:
    """A valid publication date written the ISO way, at the precision given (2026/3/15 -> 2026-03-15)."""
    m = _DATE_RE.match(text.strip())
    if not m or parse_published(text) is None:
        return text
    return "-".join([m[1], *(f"{int(part):02d}" for part in (m[3], m[4]) if part is not None)])


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
    parsed = parse_published(text)
    if parsed is None:
        raise ParameterError(f"publication date {published!r}: expected YYYY-MM-DD, YYYY-MM, YYYY or empty")
    return parsed


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_of_date(as_of: date | str | None, name: str = "as_of") -> date | None:
    """The one parser of a cut-off (and of a run date): None stays None (everything published), a date
    stays itself, text must be an ISO date ``YYYY-MM-DD``; anything else is a :class:`ParameterError` naming
    ``name``. Callers decide what None means to them (today, for the data-gaps grid), never this parser."""
    if as_of is None or isinstance(as_of, date):
        return as_of.date() if isinstance(as_of, datetime) else as_of
    text = as_of if isinstance(as_of, str) else None
    if text is not None and _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ParameterError(
        f"{name}: expected a date written YYYY-MM-DD (for example 2025-06-30); found {as_of!r}"
    )
