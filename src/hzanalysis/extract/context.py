"""The data year and region of a figure: from the sentence, the document's heading, or the arguments."""

from __future__ import annotations

import re

from .scope import in_bracketed_breakdown
from .timeline import _PERIOD_END_RE, period_end_year
from .vocabulary import OWN_REGION_WORDS, RELATIVE_REGION_WORDS, _Catalogue, normalise, relative_region

# A year followed by a month is a date, not the data's year (2021年3月), unless the months run the whole year
# (2021年1月至12月)
_YEAR_RE = re.compile(
    r"(?<!\d)(\d{4})\s*年(?!(?!1\s*月份?\s*[-—~至到]\s*12\s*月)\d{1,2}月(?!底|末))"
    r"|去年|上年|今年|本年|当年|前年|上一年|过去一年|过去的一年|如今"
)
_RELATIVE_YEARS = {
    "去年": -1,
    "上年": -1,
    "上一年": -1,
    "过去一年": -1,
    "过去的一年": -1,
    "前年": -2,
    "今年": 0,
    "本年": 0,
    "当年": 0,
    "如今": 0,  # "从2017年269家增长到如今1441家": the document's year
}
# Documents that review the year before their date: a government work report (2026年政府工作报告 reviews
# 2025), a report on the past year's plan execution.
_YEAR_REVIEW_RE = re.compile(r"政府工作报告|工作报告|计划执行情况|人民代表大会[^。]{0,12}会议上|工作回顾")

# The year an event happened to the region or a body (1987年，威海市成立; 始建于1992年; 2019年挂牌): a date in
# its history, not the period its figures are of.
_EVENT_AFTER_YEAR_RE = re.compile(
    r"\s*,?\s*[^,;:。\d]{0,14}?(成立|设立|建市|建区|建县|撤县设[市区]|始建|创建|组建|挂牌|更名)(了)?\s*(?=[,;:。]|$)"
)
_EVENT_BEFORE_YEAR_RE = re.compile(r"(成立|设立|始建|创建|组建|建市|建区|挂牌|更名)于\s*$")
_RANK_CONTEXT_RE = re.compile(r"(的)?(第|首位|前列|前茅|平均|之首|各县|同类|领先)")
_HEADING_YEAR_RE = re.compile(r"(\d{4})\s*年")


def heading_year(text: str) -> int | None:
    """The year in the document's heading (first three non-empty lines), e.g. 2024 for 《2024年…统计公报》."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # a heading is a short line without closing punctuation, above the body
    for line in lines[:3] if len(lines) > 1 else []:
        if len(line) > 60 or line.endswith(("。", "；", "！", "？", ";", ".")):
            continue
        if len(_HEADING_YEAR_RE.findall(normalise(line))) >= 2 or len(re.findall(r"\d{4}", line)) >= 3:
            continue  # a table's header of years ("指标 2022年 2023年"), not the document's year
        match = _HEADING_YEAR_RE.search(normalise(line))
        if match and 1949 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


def is_year_review(text: str) -> bool:
    """Whether the document's heading (first three lines) names a work report, dated after the year it
    reviews."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # the date line of a report ("——2024年1月23日在…人民代表大会…会议上") may wrap over two lines
    head = "".join(line for line in lines[:4] if len(line) <= 60)
    return bool(_YEAR_REVIEW_RE.search(normalise(head)))


def _data_year(
    norm: str, position: int, reference: int | None, relative_to: int | None = None
) -> tuple[int | None, str]:
    """The year of the figure at ``position``: the last year named before it (去年 counted from
    ``relative_to``, the document's date, default ``reference``; 过去一年 is ``reference``), else
    ``reference``."""
    relative_to = reference if relative_to is None else relative_to
    chosen: tuple[int | None, str] | None = None
    year: int | None
    last_start = -1
    for match in _YEAR_RE.finditer(norm[:position]):
        start = match.start()
        head = norm[max(0, start - 2) : start]
        tail = norm[match.end() : match.end() + 2]
        base = re.fullmatch(r"(底|末)?的\s*", norm[match.end() : position])  # (较2016年的6938家)
        if (head.endswith(("比", "较", "同")) and not base) or tail.startswith(
            ("以来", "起", "同期", "相比", "相较")
        ):
            continue  # (较2016年的6938家: the base of a comparison is of the year it names)
        if re.match(r"(底|末)?(\([\d.]+\))?[^,;:。\d]{0,8}?的\s*\d+(\.\d+)?\s*(多)?倍", norm[match.end() :]):
            # "是2015年的4.7倍", "是2016年增幅的2.5倍多", "是2005年(66.83)的3倍多": the base of a comparison,
            # not the figure's year
            continue
        if re.search(r"\(\s*\d{4}\s*[-—~至到]\s*$", norm[max(0, start - 8) : start]):
            continue  # a plan's period in brackets (…三年行动计划(2021-2023年)): no data year
        if match.group(1) and (
            _EVENT_AFTER_YEAR_RE.match(norm, match.end()) or _EVENT_BEFORE_YEAR_RE.search(norm, 0, start)
        ):
            continue  # a founding year (1987年，…市成立; 始建于1992年): the region's history, no data year
        last_start = start
        if match.group(1):
            year = int(match.group(1))
            if not 1949 <= year <= 2100:
                continue
            chosen = (year, f"year {year} from the sentence")
        elif relative_to is not None:
            word = match.group(0)
            # 过去一年 is the year under review (the data year), whatever the document's date
            year = reference if word.startswith("过去") else relative_to + _RELATIVE_YEARS[word]
            chosen = (year, f"{word} → {year}")
        else:
            chosen = (None, f"{match.group(0)} but no reference year: fill in the year")
    # "从“十三五”末的1.62%…": a plan period's end named after the last year is the figure's year
    period = [
        m
        for m in _PERIOD_END_RE.finditer(norm[:position])
        if not norm[max(0, m.start() - 2) : m.start()].endswith(("比", "较", "同", "是"))
    ]
    if period and period[-1].start() > last_start:
        year = period_end_year(period[-1].group(0))
        if year is not None:
            return year, f"{period[-1].group(0)} → {year}"
    if chosen is not None:
        return chosen
    if reference is not None:
        return reference, f"year {reference} from the heading or --year"
    return None, "no year in the sentence, heading or --year: fill in the year"


def _region(norm: str, position: int, region: str, cat: _Catalogue) -> tuple[str, str]:
    last: tuple[int, str] | None = None
    used = [False] * position
    for name, ident in cat.regions:
        for match in re.finditer(re.escape(name), norm[:position]):
            if any(used[match.start() : match.end()]):
                continue
            used[match.start() : match.end()] = [True] * len(name)
            if in_bracketed_breakdown(norm, match.start()):
                continue  # 436家(东园高新区365家、…): a part the total was broken into, not its scope
            preceding = norm[match.start() - 1] if match.start() else ""
            if _RANK_CONTEXT_RE.match(norm, match.end()) or (preceding and preceding in "居列占于比较"):
                continue  # 位居全市第一, 占全市的26%: a comparison, not the figure's scope
            if last is None or match.start() > last[0]:
                last = (match.start(), ident)
    for word in OWN_REGION_WORDS:
        index = norm.rfind(word, 0, position)
        if index >= 0 and (last is None or index > last[0]):
            last = (index, region)
    if last is None or last[1] == region:
        return region, "" if region else "no region given: fill in the region"
    word = last[1]
    if word in RELATIVE_REGION_WORDS:  # 全市, 我市, 高新区: relative to the region extracted for
        named, unsure = relative_region(word, region)
        if named == region:
            return region, ""
        return named, unsure or f"region {named} ({word}) named in the sentence"
    return last[1], f"region {last[1]} named in the sentence"
