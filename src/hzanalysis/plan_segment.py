"""One segment of a plan's clause read into a :class:`DraftTarget`: its value, unit, comparator, kind
and indicator, given what the sentence around it says (:class:`Context`). Split from
:mod:`hzanalysis.plan_read`, which walks the text and calls it for every segment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Indicator
from .plan_drafts import DraftTarget
from .plan_figures import drop_base as _drop_base
from .plan_figures import not_set_here
from .plan_figures import value_match as _value_match
from .plan_indicators import MATCH_THRESHOLD, match_indicator, measure_qualifiers, unit_fits
from .plan_text import (
    ANNUAL,
    APPROX_AFTER,
    APPROX_BEFORE,
    BARE_AMOUNT,
    BASE_YEAR,
    CEILING_AFTER,
    CEILING_BEFORE,
    CN_NUMBER,
    CUE,
    DEADLINE,
    DOUBLE,
    ESTIMATE,
    FALL,
    GROWTH_ANNUAL,
    GROWTH_BY,
    GROWTH_TOTAL,
    INDEX,
    LEADING,
    MEASURES,
    MORE_THAN,
    NOISE,
    OVER_YEARS,
    PAST,
    PLAN_END_BASE,
    PLAN_ITSELF,
    POINTS,
    QUALITATIVE_AIM,
    QUESTION,
    RANGE_LOW,
    RANK,
    RANK_SCOPE,
    SECTOR,
    STRICT,
    STRUCTURE,
    VERSUS_LAST_YEAR,
    WAN,
    YI,
    Paragraph,
    bare_amount,
    bare_counts,
    chinese_number,
    double_digits,
    fractions_as_shares,
)
from .targets import APPROX_TOLERANCE
from .text_layout import five_year_plan_end

#: The words of a share: a growth of it in percent (研发投入强度年均提高5%) may be meant.
_SHARE_WORD = re.compile(r"比重|占比|比例|强度|率")

#: The end of a qualitative aim (…显著增强, …不断壮大), followed by other words.
_QUALITY_TOLD = re.compile(
    r"(?:显著|明显|不断|持续|大幅|进一步)(?:增强|提升|壮大|完善|加大|活跃|优化|提高)(?=[\u4e00-\u9fff])"
)


@dataclass(frozen=True)
class Context:
    year: int
    cumulative: bool
    cued: bool
    strive: bool
    base_year: int
    every_year: bool = False
    aims: bool = True
    adding: bool = False
    #: the sentence, saying nothing of the future, speaks of the plan itself before this clause (规划按照…,
    #: 提出具体举措,配套实施8个重大工程): a count of its actions or programmes is how it is built
    plan_lead: bool = False
    #: the last clause before this one that names its subject (what a 其中 clause is a part of)
    parent: str = ""
    #: a sentence of the paragraph before this clause's spoke of the future (…到2028年…。…排名前三)
    follows_aim: bool = False


def draft_segment(
    segment: str,
    context: Context,
    paragraph: Paragraph,
    indicators: Sequence[Indicator],
    inherit: str = "",
    *,
    match_on: str | None = None,
) -> DraftTarget | None:
    quote = segment.strip()
    original = segment
    segment = bare_counts(
        fractions_as_shares(double_digits(_drop_base(segment) if context.aims else segment))
    )
    rank = RANK.search(segment)
    if rank is not None and re.search(
        r"若干|一批|一些|多家|多个|(?:\d+|[一二两三四五六七八九十]+)\s*(?:家|个|所|名)[^,，。；、\d]{0,6}$",
        segment[: rank.start()],
    ):
        # 若干企业进入世界百强, 一批企业进入第一梯队, 2家进入全国前二十位: firms counted among the first, not
        # the region's place (a count before the verb is the target, as a count)
        rank = None
    growth = (
        POINTS.search(segment)
        or GROWTH_ANNUAL.search(segment)
        or GROWTH_TOTAL.search(segment)
        or DOUBLE.search(segment)
        or FALL.search(segment)
        or GROWTH_BY.search(segment)
    )
    number = _value_match(segment)
    index = INDEX.search(segment) if number is None else None
    base = {
        "deadline": context.year,
        "action": paragraph.action,
        "sections": [paragraph.section],
        "quotes": [quote],
        "responsible_units": list(paragraph.units),
    }
    if rank is None and growth is None and number is None and index is None:
        # 走在全市前列 anywhere; 基本覆盖, 取得重要突破, 显著提升 where the plan sets its goals (action 0)
        aim = LEADING.search(segment) or (
            paragraph.action == 0 and context.cued and QUALITATIVE_AIM.search(segment)
        )
        if aim:
            return DraftTarget(
                clause=quote,
                value=None,
                unit="",
                comparator=None,
                kind="qualitative",
                indicator=None,
                name_zh=NOISE.sub("", segment)[:30],
                name_en="",
                notes=["qualitative: listed, never scored"],
                **base,  # type: ignore[arg-type]
            )
        return None
    if not (
        context.cued
        or CUE.search(original)
        or DEADLINE.search(segment)
        or (rank and (context.aims or context.follows_aim))
    ):
        # (全县高新技术企业总数居全市第2位: a rank told with no cue, no deadline and no goals is the present)
        return None
    # (a comparison with the year before, 比上年增长10%以上, reaches here only from a sentence of the future:
    # the clause's past was judged before)
    if PAST.search(VERSUS_LAST_YEAR.sub("", segment)) or ESTIMATE.search(segment):
        return None  # 今年初步估算…将超过7万亿元: a guess at the present, not a target
    if QUESTION.search(segment):
        return None  # 研发投入占比如何达到12%: a heading asks how a target is met; the target is stated apart
    if not_set_here(segment, number):
        return None  # another document's goal quoted, a policy's rate, a project's expected output
    if number is not None and MEASURES.match(segment[number.end() :]):
        return None  # 提出了18项培育措施: how many measures the plan lists, not a target
    if (
        number is not None
        and STRUCTURE.match(segment[number.end() :])
        and (context.plan_lead or PLAN_ITSELF.search(segment[: number.start()]))
    ):
        return None  # 设置了…6个专项行动: how the plan is built, not what it sets
    notes: list[str] = []
    subject = re.sub(r"\s+", "", inherit + segment if match_on is None else match_on)  # R&D 经费 is R&D经费
    base_year = None
    if rank is not None:
        subject = subject.replace(re.sub(r"\s+", "", rank.group(0)), "")
        written = rank.group(1) or rank.group(2) or rank.group(4)
        place = 1 if rank.group(3) else int(written) if written.isdigit() else chinese_number(written)
        value, unit, kind = float(place), "位", "rank"
        comparator = "first" if place == 1 else "top"
        scope = RANK_SCOPE.search(segment)
        notes.append(
            f"rank within {scope.group(0) if scope else 'an unstated group'}: judged among the region's "
            "peer group of data/raw/regions.csv; check that the plan ranks among the same units"
        )
    elif growth is not None:
        # 超过 before the rate, or inside its words (年均增速超过20%)
        strict = STRICT.search(segment[: growth.start()][-4:]) or STRICT.search(growth.group(0))
        kind, comparator = "growth", ">" if strict else ">="
        approx = re.search(r"(?:约|近)\s*\d", growth.group(0))  # 提高约3个百分点
        if growth.group(0).endswith("左右") or approx or APPROX_AFTER.search(segment[growth.end() :]):
            comparator = "~"  # 年均增长10%左右: approximate, as a level's 左右
        subject = subject.replace(re.sub(r"\s+", "", growth.group(0)), "")
        if growth.re is POINTS:
            value, unit = float(growth.group(2)), "个百分点"
            if growth.group(1) in ("下降", "降低", "减少"):  # a fall in points: met by any fall as deep
                value, comparator = -value, "~" if comparator == "~" else "<="
        elif growth.re is GROWTH_ANNUAL:
            value, unit = float(growth.group(1)), "%/年"
        elif growth.re is GROWTH_TOTAL:
            value, unit = float(growth.group(2)), "%"
        elif growth.re is GROWTH_BY:  # 提高20%: in total, over the year before the plan period
            value, unit = float(growth.group(1)), "%"
        elif growth.re is FALL:
            # 下降13.5%: a change of -13.5% in total, met by any fall at least as deep ("<=")
            value, unit = -float(growth.group(2)), "%"
            comparator = "~" if comparator == "~" else "<="
        else:
            value, unit = (100.0 if growth.group(1) in (None, "一") else 300.0), "%"
        stated = BASE_YEAR.search(segment)
        base_year = int(stated.group(1)) if stated else context.base_year
        if not stated and (stated := PLAN_END_BASE.search(segment)):
            base_year = five_year_plan_end(stated.group(1))
        notes.append(
            f"growth over the {base_year} figure"
            + (" (stated)" if stated else " (the year before the plan period; check)")
            + (
                ": compound, per year"
                if unit == "%/年"
                else ": in percentage points of the share, added to the base year's"
                if unit == "个百分点"
                else ": in total by the deadline"
            )
        )
    else:
        found = number or index
        if number is not None and number.re is CN_NUMBER:
            value = float(chinese_number(number.group(1)))
        elif number is not None and number.re is BARE_AMOUNT:  # 突破万亿元
            value, unit = bare_amount(number)
        else:
            value = float(found.group(1))  # type: ignore[union-attr]
        # 1万名 is 10,000 persons, 1.2亿台 120,000,000 machines
        scale = {WAN: 10000, YI: 100000000}.get(number.re, 1) if number is not None else 1
        value = round(value * scale, 6)  # 1.1亿 is 110000000, not 110000000.00000001
        if number is None:
            unit = "点"
        elif number.re is not BARE_AMOUNT:
            unit = number.group(2).replace("％", "%")
        # BARE_AMOUNT's match starts at its verb (突破, 近): what is before the amount ends with it
        start = number.start(1) if number is not None and number.re is BARE_AMOUNT else found.start()  # type: ignore[union-attr]
        before = segment[:start]
        after = segment[found.end() :]  # type: ignore[union-attr]
        span = RANGE_LOW.search(before) if number is not None and number.re is not BARE_AMOUNT else None
        if span is not None:  # 3~5个, 35—40%: the lower end is the floor the plan sets
            value, before = round(float(span.group(1)) * scale, 6), before[: span.start()]
            notes.append(f"a range ({span.group(0).strip()}{found.group(0)}): the lower end is the floor")  # type: ignore[union-attr]
        if APPROX_AFTER.search(after) or APPROX_BEFORE.search(before):
            comparator = "~"
            notes.append(
                f"approximate (左右/约/近): met from {APPROX_TOLERANCE:.0%} below the value, i.e. "
                f"{value * (1 - APPROX_TOLERANCE):g}{unit}"
            )
        elif CEILING_BEFORE.search(before) or CEILING_AFTER.search(after):
            comparator = "<="  # 降低到8%, 控制在5%以内: a ceiling
            notes.append("a ceiling (降低到/控制在…以内): met at or below the value")
        else:
            # 超过业务收入的10%: the comparator stands before the whole of which the share is taken
            over = unit == "%" and bool(re.search(r"(?:超过|超|高于|突破)[^,，。；、\d]{1,10}的\s*$", before))
            beyond = over or bool(STRICT.search(before[-4:] if len(before) > 4 else before))
            beyond = beyond or bool(MORE_THAN.search(found.group(0)))  # type: ignore[union-attr]
            comparator = ">" if beyond else ">="
        kind = "annual_floor" if ANNUAL.search(segment) or context.every_year else "level"
    # A level, floor or sum is measured in its indicator's unit: 78 (an index) is no area, 2.6% no amount.
    fitting = indicators if kind in ("rank", "growth") else [i for i in indicators if unit_fits(unit, i)]
    if kind == "growth" and unit != "个百分点" and not _SHARE_WORD.search(subject):
        # …增加值达到1000亿元,年均增长15%: a growth in percent is of an amount or a count, not of a share
        fitting = [i for i in indicators if i.unit != "%"]
    if unit == "个百分点":  # points change a share: only an indicator in % has them
        fitting = [i for i in indicators if unit_fits("%", i)]
    if re.match(r"\s*其中", quote) and (
        inherited := measure_qualifiers(context.parent) - measure_qualifiers(subject)
    ):
        # 专利申请量达200件,其中发明专利20件: a part of what is applied for is applied for too
        subject = "".join(sorted(inherited)) + subject
    indicator, score = match_indicator(subject, fitting)
    if indicator is None and (told := list(_QUALITY_TOLD.finditer(subject))):
        # 企业创新主体地位显著增强高新技术企业达到100家: a qualitative aim run on into the target's words (a
        # lost comma) is no word of its indicator
        indicator, score = match_indicator(subject[told[-1].end() :], fitting)
    if NOISE.sub("", subject).startswith("占"):
        # 占生产总值比重超30% (a headline cut after its subject): the share of what is not said
        indicator, score = None, 0.0
    if (
        indicator is not None
        and re.match(r"\s*其中", quote)
        and (SECTOR.search(context.parent) or match_indicator(context.parent, fitting)[0] is indicator)
    ):
        # 技术合同成交额30亿元,其中技术开发合同成交额10亿元: a part of the whole its clause before measures is
        # no whole
        # 集聚产业链企业150家,其中高新技术企业超50家: a part of what a sector's clause counts (the chain's
        # firms), not the region's whole a catalogue indicator measures; 全县科技型企业500家,其中高新技术企业
        # 150家 counts all the region's high-tech firms (every one is a tech firm) and keeps hte_count
        notes.append(f"其中: a part of what is counted before it, not the region's {indicator.id}")
        indicator, score = None, 0.0
    if indicator is None and unit == "万亿元" and kind not in ("rank", "growth"):
        # 2万亿元 of an indicator kept in 亿元: the value is written in the indicator's unit
        in_yi = [i for i in indicators if unit_fits("亿元", i)]
        converted, converted_score = match_indicator(subject, in_yi)
        if converted is not None:
            indicator, score, value, unit = converted, converted_score, value * 10000, "亿元"
            notes.append("万亿元 written in 亿元, the indicator's unit")
    if indicator is None and unit == "万人" and kind not in ("rank", "growth"):
        # 研发人员达到5万人: persons counted, as 1万名 is (万人 is the unit of a population only)
        value, unit = round(value * 10000, 6), "人"
        notes.append("万人 written in persons (人)")
    # 新增/净增 and a batch 认定 this period (not the stock 通过认定的) are increments of a stock
    increment = re.search(r"新增|净增|(?<!通过)认定(?!的)", segment)
    # 新培育科技型中小企业2000家, 新认定A 5000家、B 1.2万家: a verb of addition over the figure (its own
    # or its list's) adds to a stock as 新增 does: never the stock itself (累计组建…N个 of a stock is the
    # total reached, as 累计 of a stock always is)
    adding = context.adding and not context.cumulative and growth is None and unit not in ("%", "点")
    if indicator is not None and indicator.stock and (increment or adding) and kind != "rank":
        # 每年新增10家 of a stock is its yearly increment: a flow, never a floor on the stock.
        flows = [i for i in indicators if i.flow]
        stock = indicator
        # 分别新增1000家 matched on its subject alone: the increment is said by the segment
        flow_subject = subject.replace("新增", "净增") if "新增" in subject else "净增" + subject
        added = increment is not None and increment.group(0) in ("新增", "净增")
        indicator, score = match_indicator(flow_subject if added else subject, flows)
        if indicator is None:
            notes.append(f"an increment of the stock {stock.id}: needs its flow indicator")
    # 用3年时间推广150项: a sum over the years named, as 累计
    over_years = bool(OVER_YEARS.search(segment))
    summed = context.cumulative or over_years
    # A share or an index (% , 点) is never a sum over years: 累计 of the list before it does not reach it.
    if (
        kind in ("level", "annual_floor")
        and summed
        and rank is None
        and growth is None
        and unit not in ("%", "点")
    ):
        if kind == "level":
            kind = "level" if indicator is not None and indicator.stock else "cumulative"
        if kind == "level":
            notes.append("累计 of a stock indicator: read as the level at the deadline")
    # 新增/新建/培育/开通/引进 N by the deadline: what is added over the plan period, a sum (the stock
    # reached, 达到/建成 N, stays a level); a stock indicator keeps the level, as 累计 of a stock does
    if (
        kind == "level"
        and context.adding
        and rank is None
        and growth is None
        and unit not in ("%", "点")
        and (indicator is None or indicator.flow)
    ):
        kind = "cumulative"
        notes.append("an addition over the plan period (新增/新建/培育/开通/引进 N): the sum over its years")
    if context.strive:
        notes.append("力争/争取: the plan states this as a stretch target")
    if indicator is None:
        notes.append(
            f"new indicator needed (best catalogue match scored {score:.2f} < {MATCH_THRESHOLD}): add a row "
            "to data/raw/indicators.csv and write its id here"
        )
    return DraftTarget(
        clause=quote,
        value=value,
        unit=unit,
        comparator=comparator,
        kind=kind,
        indicator=indicator.id if indicator else None,
        name_zh=indicator.name_zh if indicator else NOISE.sub("", segment)[:30],
        name_en=indicator.name_en if indicator else "",
        notes=notes,
        base_year=base_year,
        **base,  # type: ignore[arg-type]
    )
