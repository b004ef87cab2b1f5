"""When a figure is: the times a document sets beyond one sentence.

Across the real rounds, time was the one mechanism that cost both precision and recall (25 wrong and 26
missed figures on first touch, in seven of nine rounds), each round through another door: a news lead's 去年
after the lede it dates, a from–to series whose years are named in the sentence before or as a plan period
(从"十三五"末的…提升到目前的…), a range of years over a series (2019—2023年…由48家增长到131家). Three
pieces of one model answer them, whatever the wording around:

- :func:`period_end_year`: a five-year plan period named as a time ("十三五"末, 十二五期末) is its last year;
- :func:`series_years`: the years a sentence gives a from–to series (从2014年的…到2023年的…, 2017—2021年,
  从"十三五"末…到目前); the next sentence's series without years of its own takes them;
- :func:`lead_year`: the year a news lead names for what it reports ("…昨日，记者从…获悉，去年，…") dates the
  whole document's figures that name no year, the lede before it included.
"""

from __future__ import annotations

import re

from ..text_layout import FIVE_YEAR_PLAN_END, five_year_plan_end
from .vocabulary import normalise

# "十三五"末: the end of a five-year plan period (text_layout reads its year)
_PERIOD_END_RE = re.compile(FIVE_YEAR_PLAN_END)
_FROM_TO_YEARS_RE = re.compile(
    r"(从|由)[^,;:。]{0,16}?(?<!\d)(\d{4})\s*年[^;。]{0,40}?(到|至)了?\s*(?<!\d)(\d{4})\s*年"
)
# "由2021年的3家发展到目前的82家": a series from a year to now (the document's year)
_FROM_YEAR_TO_NOW_RE = re.compile(
    r"(从|由)[^,;:。]{0,16}?(?<!\d)(\d{4})\s*年[^;。\d]{0,20}?\d[^;。]{0,30}?(到|至)了?\s*(目前|如今|现在|当前)的"
)
_RANGE_RE = re.compile(r"(?<!\d)(\d{4})\s*[-—~至到]\s*(\d{4})\s*年")
_FROM_PERIOD_TO_NOW_RE = re.compile(
    r"(从|由)[^,;:。]{0,8}?十[一二三四五六]五[^;。]{0,40}?(到|至)了?\s*(目前|如今|现在)"
)
# "较比“十三五”末,…由135.63亿元提高到201.3亿元": the changes since a plan period's end, to now
_SINCE_PERIOD_END_RE = re.compile(
    r"(较比|较之|相比|比|与)\s*[\"“]?十[一二三四五六]五[\"”]?\s*(时期)?(期末|末期|末)(相比)?\s*[,:]"
)
# A news lead and the time it names for the news: "记者从省科技厅获悉，去年，…", "…显示，2021年，…".
_LEAD_YEAR_RE = re.compile(
    r"(获悉|了解到|显示|透露|宣布)\s*[,:]\s*(去年|上年|今年|(?<!\d)(\d{4})\s*年)"
    r"(?![\d\s]|\d{0,2}月|上半年|下半年|前三季度|一季度|以来|起)"
)


def period_end_year(words: str) -> int | None:
    """The last year of the five-year plan period ``words`` name as a time ("十三五"末 → 2020), else None."""
    match = _PERIOD_END_RE.search(words)
    if match is None:
        return None
    return five_year_plan_end(match.group(1))


def series_years(norm: str, reference: int | None) -> tuple[int, int] | None:
    """The (first, last) years a normalised sentence gives a from–to series: 从2014年的…提高到2023年的…,
    2017—2021年, 从"十三五"末的…提升到目前的… (目前 is ``reference``); None when it gives none."""
    match = _FROM_TO_YEARS_RE.search(norm)
    if match:
        return int(match.group(2)), int(match.group(4))
    match = _FROM_YEAR_TO_NOW_RE.search(norm)
    if match and reference is not None and int(match.group(2)) < reference:
        return int(match.group(2)), reference
    match = _RANGE_RE.search(norm)
    if match and int(match.group(1)) < int(match.group(2)):
        return int(match.group(1)), int(match.group(2))
    match = _FROM_PERIOD_TO_NOW_RE.search(norm) or _SINCE_PERIOD_END_RE.search(norm)
    start = period_end_year(norm)
    if match and start is not None and reference is not None:
        return start, reference
    return None


# "2015-2018年,…R&D经费投入分别29.92、29.64、33.57、30.75亿元": one value per year of the range, in order
_RESPECTIVE_LIST_RE = re.compile(
    r"\s*(?:的)?\s*分别(?:为|是|达到|达|有|实现)?\s*"
    r"(?P<list>\d[\d.,]*\s*[^\d,;:、。]{0,4}?(?:\s*、\s*\d[\d.,]*\s*[^\d,;:、。]{0,4}?)+)(?=[^\d、]|$)"
)
_LISTED_NUMBER_RE = re.compile(r"\d[\d.,]*")


def years_of_listed_values(norm: str, after: int) -> dict[int, int]:
    """Where each value of a 分别 list right after position ``after`` (a statistic's name) starts, and its
    year, when a range of years named before it in the sentence (2015-2018年) has one year per value; else {}.

    A range with another count of years than values says nothing of which value is which year.
    """
    listed = _RESPECTIVE_LIST_RE.match(norm, after)
    ranges = [m for m in _RANGE_RE.finditer(norm, 0, after) if int(m.group(1)) < int(m.group(2))]
    if listed is None or not ranges:
        return {}
    first, last = int(ranges[-1].group(1)), int(ranges[-1].group(2))
    starts = [listed.start("list") + m.start() for m in _LISTED_NUMBER_RE.finditer(listed["list"])]
    if len(starts) != last - first + 1:
        return {}
    return {start: first + i for i, start in enumerate(starts)}


def lead_year(text: str, relative_to: int | None) -> int | None:
    """The year the document's news lead names for its news ("记者从自治区科技厅获悉，去年，…" in a document
    of 2022 → 2021), looked for in its first 600 characters; None when there is none (or 去年 with no year to
    count from)."""
    match = _LEAD_YEAR_RE.search(normalise(text[:600]))
    if match is None:
        return None
    if match.group(3):
        return int(match.group(3))
    if relative_to is None:
        return None
    return relative_to - (1 if match.group(2) in ("去年", "上年") else 0)


# A page's publication date near its top ("2021-01-19 09:35", "发布时间：2025年02月15日", "2020/7/27").
_PAGE_DATE_RE = re.compile(r"(?<!\d)(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})(?!\d)")


def early_in_year(text: str, year: int | None) -> bool:
    """Whether the page is dated in January or February of ``year`` (its date among the first five lines):
    a stock it states as it stands now (目前, 截至目前) is then the year-end's of the year before, the new
    year's certifications not yet made."""
    if year is None:
        return False
    head = "\n".join(line for line in text.splitlines()[:5] if line.strip())
    match = _PAGE_DATE_RE.search(normalise(head))
    return match is not None and int(match.group(1)) == year and int(match.group(2)) <= 2


def page_year(text: str) -> int | None:
    """The year of the page's date among its first five lines (发布时间：2023-03-25, 2024-01-23 来源：…), or
    None: news of a year is written in the next, and its 去年/今年 count from when it was written."""
    head = "\n".join(line for line in text.splitlines()[:5] if line.strip())
    match = _PAGE_DATE_RE.search(normalise(head))
    return int(match.group(1)) if match else None


# A year's S&T work conference ("2025年全省科技工作会议", "2020年青海省科技工作视频会议"): held early in
# that year, it reviews the year before.
CONFERENCE_RE = re.compile(
    r"(?<!\d)(\d{4})\s*年[^,;:。\d]{0,16}?(科技|科学技术|科技创新)工作[^,;:。\d]{0,4}?(会议|会)"
)


def conference_year(text: str) -> int | None:
    """The year of the S&T work conference a news item reports from (its first 300 characters), or None."""
    match = CONFERENCE_RE.search(normalise(text[:300]))
    return int(match.group(1)) if match else None


# A section heading naming the year it reviews ("一、2023年政府工作回顾", "2024年主要工作完成情况"): the
# figures under it are that year's, whatever the document's own year.
_REVIEWED_YEAR_HEADING_RE = re.compile(
    r"(\d{4})\s*年[^,;:。\d]{0,10}?(工作回顾|回顾|工作总结|主要成绩|取得的成绩|完成情况|工作成效)"
)


def section_year(line: str, current: int | None) -> int | None:
    """The year the section under the (normalised) ``line`` reviews: the year a heading names with 回顾,
    完成情况 …; None after another heading naming a year, targets or tasks; else ``current``."""
    if len(line) > 30 or re.search(r"[,;。]", line):
        return current  # no heading
    reviewed = _REVIEWED_YEAR_HEADING_RE.search(line)
    if reviewed:
        return int(reviewed.group(1))
    return None if re.search(r"\d{4}年|目标|任务|安排|计划", line) else current
