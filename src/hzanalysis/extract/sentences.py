"""Candidate rows from text: each sentence's mentions, numbers, filters, bound, year and region."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..documents import split_sentences
from ..text_layout import join_wrapped_lines, regroup_table_cells
from .context import _YEAR_RE, _data_year, _region, heading_year, is_year_review
from .filters import _PART_YEAR_RE, _WHOLE_YEAR_RE, _outside_plan_sections, _plan_start, _skip_reason
from .mentions import LEVEL_AFTER_CHANGE, RESPECTIVE_YEARS, _mentions, _owner
from .numbers import _bound, _convert, _numbers, with_list_units
from .restated import _DEFAULT_YEAR_NOTE, _is_headline, _once
from .running import running_text
from .scope import figure_part, heading_topic, opening_subject, subject_part, whole_level
from .tables import is_places_row, is_table_line, table_cells
from .timeline import (
    CONFERENCE_RE,
    conference_year,
    early_in_year,
    lead_year,
    page_year,
    section_year,
    series_years,
    years_of_listed_values,
)
from .vocabulary import (
    BREAKDOWN_RE,
    ELIDED_CONTRACT_VALUE_RE,
    RELATIVE_REGION_WORDS,
    SHARE_OF,
    _catalogue,
    normalise,
    relative_region,
)

_WHOLE_UNITS = frozenset("家件项个套所座处户名")
# A yearbook table titled by a population that is a part of the region (21-39 科学研究与开发机构基本情况,
# 规模以上工业企业科技活动情况): its R&D and patent rows are that part's, never the region's.
_PART_TABLE_TITLE_RE = re.compile(
    r"((规模以上|规上|大中型)?工业企业|研究与开发机构|科研机构|研究机构|高等学校|高校)[^|]{0,12}"
    r"(科技|研发|R&D|研究与试验发展|基本情况|情况)",
    re.IGNORECASE,
)

# A paragraph opening a news item of its own ("另讯12月12日，…", "中新网西宁2月24日电"): the time a paragraph
# before left open does not hold in it.
_DATELINE_RE = re.compile(
    r"\s*(另讯|又讯|本报讯|[^,;:。\d]{0,10}?(?<!\d年)\d{1,2}月\d{1,2}日(电|讯)?\s*[,: ])"
)

# A news lead before what a sentence says ("10月27日，记者从贵州省统计局获悉，", "数据显示，"): the time after
# it opens the sentence.
_NEWS_LEAD_RE = re.compile(r"[^。]{0,30}?(获悉|了解到|显示|介绍|表示|透露|宣布)\s*[,:]")
_OPENING_YEAR_RE = re.compile(r".{0,12}?(?<![\d~至到—-])(\d{4})年(?![\d~至到—-]|以来|起|同期|相比|相较)")
# Words that may stand before the end of a name in a clause lending its subject: a time or a verb, not a
# subject of its own ("全年实现总产值" but not "规上工业实现产值").
_BARE_OPENING_RE = re.compile(r"\s*(全年|当年|年内)?\s*(共|共计|合计)?\s*(实现|完成|创造)?\s*总?")
_OPENING_RELATIVE_RE = re.compile(r".{0,12}?(去年|上年|过去一年|今年)")

# A review of several years ("十年来", "近三年", "过去五年", "“十三五”以来"): levels stated in it without a
# year may be of the latest full year rather than the document's.
_REVIEW_RE = re.compile(
    r"(?<!\d)(十|[两二三四五六七八九]|\d+)年(来|以来)|近(\d+|[两二三四五六七八九十])年|过去(\d+|[两二三四五六七八九十])年"
    r"|十[一二三四五六]五[\"”]?(以来|期间)"
)

# A sentence opening on a share with no statistic of its own (占地区生产总值比重…, 投入强度…): a numerator's
# share, the numerator being what the sentence before ended on.
_SHARE_OPENING_RE = re.compile(
    r"\s*(而|其)?\s*((?P<of>占(全区|全市|全县|全省|全国)?[^,;:。\d]{1,12}?的?(比重|比例))|(经费)?(投入|支出)?强度)"
)

# A stock stated as it stands when the document speaks (目前, 现有, 截至目前): its level, no part of the year.
_STOCK_NOW_RE = re.compile(r"目前|现有|截[至止]目前|至今|现已")

EXTRACT_COLUMNS: tuple[str, ...] = (
    "region",
    "indicator",
    "year",
    "value",
    "unit",
    "bound",
    "quote",
    "why",
    "confidence",
)


def extract_text(text: str, *, region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Candidate observations in ``text``: one row per figure of a catalogue indicator.

    Columns :data:`EXTRACT_COLUMNS` (``confidence``: "high" or "review: <reason>"); ``year`` is ``<NA>`` and
    ``region`` empty where neither the sentence nor the arguments tell them (the reviewer fills them in).
    ``year`` is the reference year for 今年/去年 and the default data year; without it, the year in the
    document's heading is used.
    """
    dated = heading_year(text)
    review = dated is not None and is_year_review(text)
    # a work report dated 2026 reviews 2025: its figures are of the year before its date, and 去年/过去一年
    # count from its date; a bulletin's heading year is its data year and 上年 counts from it
    reference = year
    if reference is None:
        reference = dated - 1 if dated is not None and review else dated
    relative_to = dated if review else reference
    if year is not None and not review and page_year(text) == year + 1:
        relative_to = year + 1  # news of 2023 dated 2024-01-23: its 去年 is 2023, its figures (--year) too
    if year is not None and conference_year(text) == year:
        # news of the year's S&T work conference reviews the year before, as a work report does: its 过去一年
        # and the figures naming no year are of that year (去年 still counted from the conference's year)
        reference, relative_to = year - 1, year
    region = region or ""
    rows: list[dict] = []
    table: list[str] = []
    recent: list[str] = []  # the lines before a table, where its title is
    headline_pending = True  # the document's first line may be a title
    section: int | None = None  # the year a section's heading says it reviews ("一、2024年工作回顾")
    carried: dict = {}  # the time a paragraph left open (a news lead's 去年 or 1-5月), for the next ones
    # the year a news lead names for its news ("…昨日，记者从…获悉，去年，…") dates the figures that name
    # none, the lede before it included
    carried["early"] = early_in_year(text, year if year is not None else dated)
    lead = lead_year(text, relative_to)
    if lead is not None and lead != reference:
        carried["year"] = lead
    # the widest whole the document speaks for (全省 …): below it a named county or district is a part
    carried["level"] = whole_level(normalise(text))
    carried["own"] = opening_subject(normalise(text))  # the zones and places it is about
    # a table pasted or saved one cell per line reads as rows of cells (as a PDF's text layer does)
    # a text layer's lines wrapped inside a sentence (科技型\n中小企业) are joined, as when a PDF is read
    for line in [*_outside_plan_sections(join_wrapped_lines(regroup_table_cells(text))), ""]:
        if is_table_line(line) or (table and is_places_row(line)):
            table.append(line)
            continue
        if table:
            if not any(_PART_TABLE_TITLE_RE.search(normalise(t)) for t in recent if len(t) <= 40):
                rows.extend(_table_rows(table, region, reference))
            table, recent = [], []
        recent = [*recent[-2:], line]
        if line.strip() and not headline_pending:
            # a heading naming a part ("●东部片区引领作用突出") sets the topic of the list lines under it,
            # until the next heading or the end of a paragraph in prose
            heading, part = heading_topic(normalise(line), own=carried["own"])
            if heading:
                carried["heading_topic"] = normalise(line) if part else None
        running = running_text(line)
        section = section_year(normalise(line.strip()), section)
        found = _paragraph_rows(
            running, region, reference if section is None else section, relative_to, carried
        )
        if headline_pending and line.strip() and (len(line.strip()) > 6 or re.search(r"\d", line)):
            headline_pending = False  # (a site's section name above the title, 苏州 or 要闻, is no title)
            if (
                _is_headline(line)
                and not re.search(r"[,;:。]", normalise(line))
                and _period(normalise(line)) == "part"
            ):
                # a title naming a part of the year ("1至11月全区科技创新主要指标", "一季度…情况") dates the
                # body's figures that name no time of their own as that part, as a sentence opening on it does
                carried["in_part"] = True
            if _is_headline(line):  # a title restating the body: kept only if the body does not say it
                for row in found:
                    row["headline"] = True
        rows.extend(found)
        if line.rstrip().endswith("。"):
            carried.pop("heading_topic", None)
    if year is not None:
        # a figure dated after the document's year (--year) is a target, whatever words carried the year to
        # it ("到2025年，…力争…。为保障这一目标，…高新技术企业数量达到3000家"); a year read from the
        # heading may be a table's first column, so it is not trusted for this
        rows = [row for row in rows if row["year"] is None or row["year"] <= year]
    frame = pd.DataFrame(_once(rows), columns=list(EXTRACT_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return frame


#: Why a value in brackets in a table is to be reviewed.
BRACKETED_CELL = "in brackets in the table: an estimate or a figure to be confirmed (see the table's note)"


def _table_rows(lines: list[str], region: str, reference: int | None) -> list[dict]:
    """Rows of a table flattened to text: each value cell read as "<name><value><unit>", in its column's
    year."""
    rows = []
    cat = _catalogue()
    for cell in table_cells(lines, reference):
        statement = cell.statement
        named = [m.indicator for m in _mentions(normalise(statement), cat) if m.indicator]
        only = named[0] if len(named) == 1 else None
        if re.search(r"\d$", statement) and only is not None and cat.units[only] in _WHOLE_UNITS:
            statement += cat.units[only]  # a count's cell without its unit (the 单位 cell empty)
        for row in _sentence_rows(statement, cell.place or region, cell.year):
            column = f"column “{cell.column}”" if cell.column else "value after the name"
            row["quote"] = cell.row
            row["why"] = f"table row, {column}: {row['why']}"
            if cell.bracketed:
                why = BRACKETED_CELL
                row["why"] += f"; {why}"
                row["confidence"] = f"review: {why}"
            rows.append(row)
    return rows


def _paragraph_rows(
    line: str,
    region: str,
    reference: int | None,
    relative_to: int | None = None,
    carried: dict | None = None,
) -> list[dict]:
    """Rows of one paragraph, sentence by sentence. A sentence naming no statistic takes its subject from
    the sentence before it when that one states no figure: the statistic it names ("技术合同成交额再创新高。
    全年达到11.2亿元"), or the start of a name whose end this sentence has ("高新技术产业发展提速。全年实现
    产值402.5亿元" reads 高新技术产业实现产值). The quote is both sentences.
    """
    cat = _catalogue()
    rows: list[dict] = []
    previous: tuple[str, list] | None = None  # the sentence before, if it states no figure, and its mentions
    # the time the paragraphs before left open: a news lead's "去年，…" or "今年1-5月，…" holds in the
    # paragraphs after it until one names another time
    carried = {} if carried is None else carried
    if _DATELINE_RE.match(normalise(line)):
        for key in (
            "year",
            "in_part",
            "topic",
        ):  # "另讯 12月12日，…": another news item, whose time is its own
            carried.pop(key, None)
    year = carried.get("year", reference)  # else the last year a sentence of the paragraph named
    in_part = carried.get("in_part", False)  # a sentence before opened with a part of the year
    # "两年来，全县新增…。全县申请专利…，专利授权数448件" : a paragraph opened by several years sums them,
    # so its
    # flows are totals over those years, until a sentence names one year
    several = (
        re.match(r"[^,;:。]{0,8}?(?<!近)(\d+|[两二三四五六七八九十]+)年(来|以来|间)", normalise(line))
        is not None
    )
    breakdown = False  # a sentence of the paragraph opened a breakdown ("分活动主体看，…")
    numerator: tuple[str, str] | None = None  # the statistic the sentence before ended on (研发投入…;)
    contracts = False  # a sentence before named technology contracts ("登记技术合同106552项；成交额…")
    granted = False  # the sentence before counted patents granted ("专利授权…。其中，发明专利…")
    planning = False  # the clause before, cut at ；, set targets ("今年将力争…；技术合同年成交额保持在…")
    sentence_topic = None  # a part a figure-less sentence before named ("企业创新能力持续增强。研发投入…")
    series: tuple[int, int] | None = None  # the years of a from–to series a sentence before named
    part_before: str | None = None  # a part the sentence before named anywhere (for the confidence)
    several_years_review = False  # a sentence of the paragraph opened a review (十年来, 近三年 …)
    continues = False  # the sentence before ended on ；
    parts: list[tuple[int, str]] = []  # the parts' figures (where, which statistic) the sentence before read
    for sentence in split_sentences(line):
        norm = normalise(sentence)
        mentions = _mentions(norm, cat)
        # "2018年，…。同年，…", "…是2023年的关键词。从指标上看，这一年…": the year the sentence before named
        named_before = carried.get("named")  # the last year the sentence before named, if any
        if named_before is not None and re.match(r"([^,;:。\d]{0,12}[,:])?\s*(同年|这一年|该年)", norm):
            year = named_before
        kept_year = year  # the year that carries on after this sentence, whatever dates its own figures
        if not _YEAR_RE.search(norm):
            if continues and named_before is not None:
                year = named_before  # "从2015年的…提高到2020年的…；每万人…16.9件": the clause before's year
            elif _STOCK_NOW_RE.search(norm) and reference is not None:
                # "目前，全市拥有高新技术企业72家" after sentences of an earlier year: the document's own
                # year (on a page of January or February, the year before: _stocks_now)
                year = reference
        first = next(iter(_numbers(norm)), None)
        first_figure = first.start if first else None
        # the scope, time and doubt the sentences around lend this one (keyword arguments of _sentence_rows)
        scope: dict[str, Any] = {key: carried.get(key) for key in ("level", "own")}
        scope["topic"] = sentence_topic or carried.get("heading_topic")
        # a from–to series' years, named in this sentence or in a series sentence before it
        series = series_years(norm, reference) or series
        scope["series"] = series
        # what makes this sentence's figures doubtful, though read: a part the sentence before named (not
        # as its subject), a review of several years (whose levels may be the latest full year's)
        doubts = []
        if part_before:
            doubts.append(f"a part ({part_before}) was named in the sentence before")
        several_years_review = several_years_review or bool(_REVIEW_RE.search(norm))
        if several_years_review and not _YEAR_RE.search(norm):
            doubts.append("a review of several years: the level may be of the latest full year")
        scope["doubt"] = "; ".join(doubts)
        # the parts' figures of the sentence before, when this one goes on after its ；
        parts = [(-1, part) for _, part in parts] if continues else []
        found = _sentence_rows(sentence, region, year, relative_to, reference, parts=parts, **scope)
        continues = norm.rstrip().endswith(";")
        parts = [part for part in parts if part[0] >= 0]
        if contracts and not found and ELIDED_CONTRACT_VALUE_RE.match(norm.lstrip()):
            for row in _sentence_rows("技术合同" + sentence, region, year, relative_to, reference, **scope):
                row["quote"] = sentence
                row["why"] = (
                    f"turnover of the technology contracts named in the sentence before: {row['why']}"
                )
                row["confidence"] = "review: its statistic is named only in the sentence before"
                found.append(row)
        if granted and not found and re.match(r"\s*其中[,:]?\s*(国内)?发明专利(?!申请|拥有|有效)", norm):
            # "专利授权…7.6万件。其中，发明专利增至9413件": the invention patents among the grants the
            # sentence before counted
            for row in _sentence_rows("专利授权," + sentence, region, year, relative_to, reference, **scope):
                row["quote"] = sentence
                if named_before is not None and row["why"].endswith(_DEFAULT_YEAR_NOTE):
                    row["why"] = f"{row['why'].rsplit('; year ', 1)[0]}; year {named_before} of the total"
                    row["year"] = named_before  # the year of the total it is a part of
                row["why"] = f"among the patents granted named in the sentence before: {row['why']}"
                row["confidence"] = "review: its statistic is named only in the sentence before"
                found.append(row)
        granted = bool(re.search(r"(?<!申请)专利授权|授权专利", norm)) and "申请" not in norm
        share_id = SHARE_OF[numerator[1]][0] if numerator else None
        opening_share = _SHARE_OPENING_RE.match(norm) if share_id else None
        if numerator and opening_share and (opening_share.group("of") or share_id == "rd_share_gdp"):
            # "研发投入达1800亿元,是2010年的2倍;占地区生产总值比重达2.55%": a sentence opening on a share
            # with no statistic of its own is the share of the one the sentence before ended on (强度 is
            # R&D's: 研发 is its elided subject)
            subject = numerator[0] if opening_share.group("of") else "研发"
            lent_rows = _sentence_rows(
                subject + sentence.lstrip(), region, year, relative_to, reference, **scope
            )
            for row in lent_rows if not any(row["indicator"] == share_id for row in found) else []:
                if row["indicator"] != share_id:
                    continue
                row["quote"] = sentence
                row["why"] = f"share of the statistic named in the sentence before: {row['why']}"
                doubt = "its statistic is named only in the sentence before"
                row["confidence"] = (
                    f"review: {doubt}" if row["confidence"] == "high" else f"{row['confidence']}; {doubt}"
                )
                found.append(row)
        # the statistic this sentence ends on, whose share the next may state without naming it
        last = max(mentions, key=lambda m: m.start, default=None)
        numerator = (last.phrase, last.indicator) if last and last.indicator in SHARE_OF else None
        contracts = bool(re.search(r"技术合同|技术市场", norm))
        carried_plan = planning  # a clause after ； goes on with the targets of the clause before
        planning = norm.rstrip().endswith((";", "；")) and (
            planning
            or (  # a target's own words, not 年均增长12.2% of the years gone by
                _plan_start(norm, reference, mentions) is not None
                and re.search(r"力争|争取|计划|确保|预期|目标|(?<!即)将(?!近)", norm) is not None
            )
        )
        # no statistic named ahead of the first figure: its subject may be in the sentence before
        # ("117家高新技术企业中…": a figure right before a name is that name's, not an unnamed one)
        unnamed = first is not None and all(
            m.start > first.start and not re.fullmatch(r"的?", norm[first.end : m.start]) for m in mentions
        )
        attempts = []  # (words kept before, the rest, where its figure is, the words lending a subject, …)
        if previous is not None and unnamed:
            attempts.append(("", sentence, first_figure, *previous))
        # the clauses of this sentence before its first figure's may lend it instead ("全省高新技术产业总体
        # 运行良好，全年实现总产值1075.4亿元" reads 高新技术产业…产值)
        value = _first_value(norm)
        if value is not None and not any(m.start < value.start for m in mentions):
            cut = max(norm.rfind(c, 0, value.start) for c in ",;:")
            if cut > 0:
                rest = sentence[cut + 1 :]
                attempts.append((sentence[: cut + 1], rest, value.start - cut - 1, sentence[:cut], []))
        for kept, rest, at, before, before_mentions in attempts:
            completed = _with_subject(rest[:at], normalise(before), before_mentions, bare=bool(kept))
            if completed is None:
                continue
            text, how = completed
            helped = []
            lent_rows = _sentence_rows(kept + text + rest[at:], region, year, relative_to, reference, **scope)
            for row in lent_rows:
                if not any(_same_figure(row, other) for other in found):  # found without help
                    row["quote"] = sentence if kept else before + sentence
                    lent = how.replace("previous sentence", "clause before") if kept else how
                    row["why"] = f"{lent}: {row['why']}"
                    doubt = f"its statistic is named only in the {'clause' if kept else 'sentence'} before"
                    row["confidence"] = (
                        f"review: {doubt}" if row["confidence"] == "high" else f"{row['confidence']}; {doubt}"
                    )
                    helped.append(row)
            found = helped + found
            break
        year = kept_year
        breakdown = breakdown or bool(BREAKDOWN_RE.match(norm))
        if breakdown or carried_plan:
            # "分活动主体看，企业…经费1943.2亿元": a part of the total, in this and later sentences
            found = []
        period = _period(norm)
        if in_part and period in (None, "part"):
            # "2014年上半年，…。全省高新技术产业产值…": the half year still holds, but a stock stated as it
            # stands now ("一季度…。目前全省高新技术企业已达3157家") is no part of the year: its level is
            # the document's; the register of tech SMEs is evaluated anew each year, so its count to date is
            # part of the year's
            now = _STOCK_NOW_RE.search(norm)
            found = [row for row in found if now and row["indicator"] in cat.stocks - {"tech_smes"}]
        elif period is not None:
            in_part = period == "part"
        named, _ = _data_year(norm, len(norm), None)
        carried["named"] = named
        if named is not None and reference is None:
            year = named  # "2024年…。全社会研发经费支出…": the year carries on (not 与2021年相比's)
        # "10月27日，记者从省统计局获悉，2021年，…": the year after a news lead opens the sentence
        news = _NEWS_LEAD_RE.match(norm)
        after_lead = news.end() if news else 0
        dated = _OPENING_YEAR_RE.match(norm, after_lead)
        if (
            dated
            and not re.search(r"(比|较|同|与|至|到|从|由)$", norm[: dated.start(1)])
            and not CONFERENCE_RE.match(norm, dated.start(1))  # the conference's year, not the figures'
        ):
            # "王志刚介绍，2019年，…。全国高新技术企业达到22.5万家": a year opening a sentence carries on,
            # as 去年 does, whatever the document's year; not the start of a series (从2014年的…提高到…)
            year = _data_year(norm, dated.end(), reference, relative_to)[0]
        opening = _OPENING_RELATIVE_RE.match(norm, after_lead)
        if opening and relative_to is not None and not re.search(r"(比|较|同)$", norm[: opening.start(1)]):
            # "去年上海发展新动能…。全社会研发经费支出…": a relative year opening a sentence carries on too
            year = _data_year(norm, opening.end(), reference, relative_to)[0]
        if several and (dated or opening):
            several = False
        if several:
            found = [row for row in found if row["indicator"] in cat.stocks | cat.ratios]
        if _STOCK_NOW_RE.search(norm) and not re.search(r"年(底|末)|全年", norm):
            found = _stocks_now(found, reference, carried.get("early", False))
        rows.extend(found)
        previous = (sentence, mentions) if first_figure is None else None
        if not re.search(r"(从|由)[^;。]*(到|至)", norm):
            series = None  # the series' years hold over the series statements that follow, not beyond
        # a figure-less sentence opening on a part ("企业创新能力持续增强。") makes it the next one's topic;
        # a part named later in it (…在园区加速转化) is where, not who
        first_words = re.split(r"[,;:]", norm.strip())[0][:8]
        # a sentence with figures of its own opening on a part lends no topic, but makes the next doubtful
        part_before = (
            subject_part(first_words, own=carried.get("own") or "") if first_figure is not None else None
        )
        sentence_topic = first_words if first_figure is None and not mentions else None
        # a heading (no punctuation: "2025年某区政府工作报告") dates the document, not the paragraphs after it
        if (period is not None or opening or dated) and re.search(r"[,;:。]", norm):
            carried["in_part"] = in_part
            if year != reference:
                carried["year"] = year
            else:
                carried.pop("year", None)
    return rows


def _stocks_now(found: list[dict], reference: int | None, early: bool) -> list[dict]:
    """The rows of a sentence stating stocks as they stand now (目前, 截至目前), in the document's year: on a
    page dated in January or February, a stock whose year the sentence does not name is the year-end's of
    the year before; otherwise the register of tech SMEs, evaluated anew through the year in batches, has
    no year's figure yet (its count to date is not the year's)."""
    stocks = _catalogue().stocks
    kept = []
    for row in found:
        if row["indicator"] in stocks and row["year"] == reference and reference is not None:
            if early and _DEFAULT_YEAR_NOTE in row["why"]:  # no year of its own
                row["year"] = reference - 1
                row["why"] += f"; stated as it stands early in {reference}: the year-end of {reference - 1}"
            elif row["indicator"] == "tech_smes":
                continue
        kept.append(row)
    return kept


def _first_value(norm: str):
    """The first number of ``norm`` that is not a date (2024年, 10月27日)."""
    return next((n for n in _numbers(norm) if n.unit not in ("年", "月", "日", "号")), None)


def _period(norm: str) -> str | None:
    """What time a sentence names: "part" when it opens with a part of the year (上半年, 1-10月),
    "year" for any other time (a year, 全年, 年末, 去年 …), None when it names none."""
    norm = re.sub(
        r"(比|较|同比|与)(去年|上年|前年|\d{4}年)(年?(底|末)|同期)?", "", norm
    )  # a comparison ("比去年底增长…", "比去年年末增加…") names no time of the figure
    part = _PART_YEAR_RE.search(norm[:16])
    if part and not _WHOLE_YEAR_RE.fullmatch(part.group(0)):
        return "part"
    # "记者从省科技厅获悉，今年1-5月，…": a part of the year after a news lead, before any figure or
    # whole year
    part = _PART_YEAR_RE.search(norm)
    if (
        part
        and not _WHOLE_YEAR_RE.fullmatch(part.group(0))
        # (a date of the news before it is no figure: "1月4日,…公布了2014年1至11月…情况")
        and not re.search(r"\d", re.sub(r"\d{4}年|\d{1,2}月\d{1,2}日", "", norm[: part.start()]))
        and not _WHOLE_YEAR_RE.search(norm[: part.start()])
    ):
        return "part"
    if part and not _WHOLE_YEAR_RE.search(norm) and not _YEAR_RE.search(norm):
        return "part"  # "…增长26.5%，9月末有效发明专利…": a part of the year named later, no whole year
    if _PART_YEAR_RE.search(norm) or _WHOLE_YEAR_RE.search(norm) or _YEAR_RE.search(norm):
        return "year"
    return None


def _same_figure(row: dict, other: dict) -> bool:
    return all(row[key] == other[key] for key in ("region", "indicator", "year", "value", "bound"))


def _with_subject(
    opening: str, before: str, before_mentions: list, *, bare: bool = False
) -> tuple[str, str] | None:
    """``opening`` (a sentence up to its first figure) with the subject the figure-less sentence ``before``
    gives it, and how; else None. ``bare``: only when the words before the name's end are a time or a verb
    (全年实现总产值), not a subject of their own (规上工业实现产值)."""
    catalogued = [m for m in before_mentions if m.indicator]
    if len(before_mentions) == 1 and catalogued:
        return catalogued[0].phrase + opening, "named in the previous sentence"
    if before_mentions:
        return None  # another statistic, or several: no single subject
    norm = normalise(opening)
    best: tuple[int, int, str, int] | None = None  # (name length, head length, head, where the tail is)
    for phrase, indicator in _catalogue().phrases:
        for cut in range(2, len(phrase) - 1):
            head, tail = phrase[:cut], phrase[cut:]
            where = norm.find(tail)
            if not indicator or head not in before or where < 0:
                continue
            if best is None or (len(phrase), cut) > best[:2]:
                best = (len(phrase), cut, head, where)
    if best is None:
        return None
    _, _, head, where = best
    if bare and not _BARE_OPENING_RE.fullmatch(norm[:where]):
        return None
    return opening[:where] + head + opening[where:], f"“{head}” from the previous sentence"


def _share_of_part(norm: str, at: int, indicator: str, parts: list[tuple[int, str]]) -> bool:
    """Whether the statistic at ``at`` opens a later ``;`` segment with no subject of its own after a part's
    figure of its numerator ("规模以上工业企业法人单位R&D经费支出60.25亿元,…;R&D经费投入强度为0.86%"): the
    share is that part's (the firms' R&D over their revenue), not the region's."""
    segment = norm.rfind(";", 0, at) + 1
    if not re.fullmatch(r"\s*(其|全年|共|共计)?\s*", norm[segment:at]):
        return False
    return any(start < segment and SHARE_OF.get(part, ("",))[0] == indicator for start, part in parts)


def _sentence_rows(
    sentence: str,
    region: str,
    reference: int | None,
    relative_to: int | None = None,
    document_year: int | None = None,
    *,
    topic: str | None = None,
    level: int | None = None,
    own: str | None = None,
    series: tuple[int, int] | None = None,
    doubt: str = "",
    parts: list[tuple[int, str]] | None = None,
) -> list[dict]:
    """Rows of one sentence; ``reference`` is the year its figures default to (a year an earlier sentence
    named), ``document_year`` the document's own (``--year`` or its heading), against which "到2015年" is a
    date gone by or a target. ``topic``: a part a heading or sentence before made the subject; ``level``: the
    widest whole the document speaks for (see :mod:`.scope`); ``series``: the years of a from–to series this
    or the sentence before named (see :mod:`.timeline`); ``doubt``: why the paragraph makes its figures
    doubtful (a part named in the sentence before, a review of several years), for ``confidence``;
    ``parts``: the parts' figures read (appended to; those of a sentence before, cut at ;, at -1)."""
    cat = _catalogue()
    norm = normalise(sentence)
    mentions = _mentions(norm, cat)
    if not any(m.indicator or re.search(r"(研发|R&D)经费", m.phrase) for m in mentions):
        return []  # (the firms' R&D is read for the parts it leaves to a share after ；)
    numbers = with_list_units(norm, list(_numbers(norm)), mentions)
    # "2022年…。到2023年底，全区高新技术企业128家" in a document of 2024: a year an earlier sentence named
    # does not make a later year of the document's past a target
    plan_at = _plan_start(norm, document_year if document_year is not None else reference, mentions)
    rows: list[dict] = []
    parts = (
        [] if parts is None else parts
    )  # where a part's figure was (-1: the sentence before), its statistic
    for number in numbers:
        owner, how = _owner(norm, number, mentions, cat)
        reason = "" if owner is None else _skip_reason(norm, number, owner, plan_at, listed=bool(how))
        # "从3.2亿元增长到18.6亿元" after "从2014年的…提高到2023年的…": a series' start, in its
        # first year
        series_start = (
            series is not None
            and reason.startswith("starting value")
            and not _YEAR_RE.search(
                norm[max(norm.rfind("从", 0, number.start), norm.rfind("由", 0, number.start)) : number.start]
            )
        )
        if owner is None or (reason and not series_start):
            continue  # a date, rank, change or plan does not use up the mention
        owner.taken = True
        indicator = owner.indicator
        if indicator is None:
            named = dict(cat.phrases).get(owner.phrase)
            if re.search(r"(研发|R&D)经费", owner.phrase):
                named = "rd_expenditure"  # 企业研发经费: the firms' R&D, another statistic
            if named in SHARE_OF:  # a numerator read as a part's (规模以上工业企业R&D经费支出…)
                parts.append((number.start, named))
            continue
        if figure_part(
            norm,
            number,
            owner,
            topic=topic,
            level=level,
            own=own or "",
            # the catalogue's regions by their own names (高新区, 全市 are words of any document too)
            regions=[name for name, _ in cat.regions if name not in RELATIVE_REGION_WORDS],
        ):
            parts.append((number.start, indicator))
            continue  # a part's figure (the firms', a zone's, a county's …), not the region's
        if _share_of_part(norm, owner.start, indicator, parts):
            continue
        converted = _convert(number, cat.units[indicator])
        if converted is None:
            continue
        value, unit_note = converted
        if cat.units[indicator] == "%" and value >= 100:
            continue  # no share of a whole reaches 100% (创新资源指数达到129.36%: an index, not 占比)
        if cat.units[indicator] in _WHOLE_UNITS and not float(value).is_integer():
            continue  # 0.35件 of a count is a ratio (per person, per firm), never the count
        bound, bound_note = _bound(norm, number, owner.end, owner.start)
        if how == "exact figure after a bound":
            rows = [r for r in rows if not (r["indicator"] == indicator and r["bound"] != "=")]
        if owner.phrase.startswith("预计"):
            rows = [r for r in rows if r["indicator"] != indicator]  # the figure to date gives way
        owner.bounded = bound != "="
        data_year, year_note = _data_year(norm, number.start, reference, relative_to)
        if how == LEVEL_AFTER_CHANGE:
            # the year of the starting value (由上年的…) is not the new level's: only a year after it counts
            since = norm.rfind("到", 0, number.start)
            since = max(since, norm.rfind("至", 0, number.start))
            data_year, year_note = _data_year(norm[since:], number.start - since, reference, relative_to)
            if series is not None and year_note.endswith(_DEFAULT_YEAR_NOTE):
                data_year, year_note = series[1], f"the series' last year, {series[1]}"
        if series_start and series is not None:
            data_year, year_note = series[0], f"the series' first year, {series[0]}"
        listed_years = years_of_listed_values(norm, owner.end)
        if number.start in listed_years:  # the first value of the list too, before the mention is taken
            data_year = listed_years[number.start]
            year_note = f"{RESPECTIVE_YEARS}: {data_year}"
        # a flow stated as it stands now and summed (目前,我市共授权专利6394件,其中发明专利546件): a total
        # to date over the years, not one year's
        now = _STOCK_NOW_RE.search(norm, 0, number.start)
        if (
            now
            and indicator not in cat.stocks
            and indicator != "invention_patents_per_10k"
            and not _YEAR_RE.search(norm, now.end(), number.start)
            and re.search(r"共|累计", norm[now.end() : number.start])
        ):
            continue
        data_region, region_note = _region(norm, number.start, region, cat)
        if owner.regions and owner.values < len(owner.regions):
            listed_region = owner.regions[owner.values]
            if listed_region in RELATIVE_REGION_WORDS:  # 全市、海州区分别…: 全市 relative to the region
                listed_region, region_note = relative_region(listed_region, region)
            data_region = listed_region
            region_note = region_note if not data_region else f"分别: region {data_region}"
        owner.values += 1
        estimate = re.search(r"预计|有望", norm[: number.start]) is not None
        why = "; ".join(
            part
            for part in (
                f"“{owner.phrase}” → {indicator} ({cat.names[indicator]})",
                how,
                unit_note,
                bound_note,
                year_note,
                region_note,
                "预计 preliminary estimate" if estimate else "",
            )
            if part
        )
        doubts = [doubt] if doubt else []
        if estimate:  # a year-end figure estimated before the year closed: the final one may differ
            doubts.append("an estimate (预计/有望): check the final figure")
        if "(named before)" in year_note or year_note.startswith(("the series'", "“十", '"十')):
            doubts.append(f"its year is not in its clause: {year_note}")
        if not data_region:  # 全市 in a text about a region whose city regions.csv does not name
            doubts.append(region_note or "no region: fill it in")
        rows.append(
            {
                "region": data_region,
                "indicator": indicator,
                "year": data_year,
                "value": value,
                "unit": cat.units[indicator],
                "bound": bound,
                "quote": sentence,
                "why": why,
                "confidence": "review: " + "; ".join(doubts) if doubts else "high",
            }
        )
    return rows
