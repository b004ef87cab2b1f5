"""One clause, several targets: A和B分别超过90家和870家, A和B均达到80%, A、B年均增长10%, A、B、C营业收入突破
1000亿元. Each form finds the subjects and figures of its clause and drafts one target per subject with the
drafting function it is given (:func:`hzanalysis.plan_read.draft_targets` binds it to the clause's context);
each returns an empty list when its clause is not of its form.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from .plan_drafts import DraftTarget, clause_subject
from .plan_figures import MEASURE_END as _MEASURE_END
from .plan_figures import figures as _figures
from .plan_figures import unit_of as _unit_of
from .plan_text import (
    DOUBLE,
    EACH,
    FALL,
    GROWTH_ANNUAL,
    GROWTH_BY,
    GROWTH_TOTAL,
    NOISE,
    NUMBER_UNIT,
    RESPECTIVELY,
    numeral,
)

#: Drafts one segment of the clause (its quote), matched on ``match_on`` when given, or None.
DraftOne = Callable[..., DraftTarget | None]

#: 上述两项…均, 三个…均: how many targets a 均 clause sets when its subjects are not listed.
_EACH_COUNT = re.compile(r"([两二三四五六七八九2-9])\s*(?:项|个|类)")


#: Years listed (2027年、2030年, 2027年和2030年): one deadline for each value after 分别.
_LISTED_YEAR = re.compile(r"(20\d\d)\s*年")
_YEARS_LISTED = re.compile(r"20\d\d\s*年(?:\s*[、和及与]\s*20\d\d\s*年)+")


def respectively(
    clause: str, previous: str, draft_one: DraftOne, years: Sequence[int] = ()
) -> list[DraftTarget]:
    """A和B…分别超过90家和870家: one target per subject, each with its value (empty when not this form).
    Years listed before 分别 (A 2027年、2030年分别达到100家、150家), or ``years`` the sentence lists
    (到2027年和2030年,…分别…), are one deadline per value, on one subject."""
    found = RESPECTIVELY.search(clause)
    numbers = _figures(clause)
    if found is None or len(numbers) < 2:
        return []
    head = clause[: found.start()] or previous
    if len(own_years := [int(y) for y in _LISTED_YEAR.findall(head)]) >= 2:
        years, head = own_years, _YEARS_LISTED.sub("", head)
    head = re.sub(
        r"在\s*20\d\d\s*年.*$|(?:实现|达到).*$", "", re.sub(r"^.*?(?:全区|全市|全县|全省)", "", head)
    )
    subjects = [s for s in re.split(r"和|与|及|、", head) if s.strip()]
    # 城乡居民人均可支配收入分别增长7%、8%左右: values listed after one subject that names its parts (城乡)
    # are one target each on that subject; the word after the last value (左右, 以上) holds for every one
    gaps = [clause[a.end() : b.start()] for a, b in itertools.pairwise(numbers)]
    listed = all(re.fullmatch(r"\s*[、和及]\s*", gap) for gap in gaps)
    tail = clause[numbers[-1].end() :] if listed else ""
    if len(subjects) == 1 and listed:
        subjects = subjects * len(numbers)
    if len(subjects) != len(numbers):
        return []
    drafts: list[DraftTarget] = []
    for subject, number in zip(subjects, numbers, strict=True):
        # The quote is the clause (verbatim); the subject written before the value is what is matched.
        draft = draft_one(
            # 分别超过90家: the words between 分别 and the first value say how (超过: strict) for each value.
            clause[: numbers[0].start()] + number.group(0) + tail,
            # matched on its own subject alone: A和B…分别 names both, and each has its own indicator
            match_on=subject,
        )
        if draft is not None:
            draft.quotes, draft.clause = [clause], clause
            if draft.indicator is None:
                draft.name_zh = subject
            if len(years) == len(numbers):
                draft.deadline = years[len(drafts)]
            drafts.append(draft)
    return drafts


def each(clause: str, earlier: Sequence[DraftTarget], draft_one: DraftOne) -> list[DraftTarget]:
    """A和B均达到80%, 上述两项指标均提高到60%: one target per subject, all with the clause's one value
    (empty when not this form). 上述 N 项 refers to the last N targets drafted before the clause."""
    found = EACH.search(clause)
    if found is None or len(NUMBER_UNIT.findall(clause)) != 1:
        return []
    head = clause[: found.start()]
    listed = re.sub(r"^.*?(?:全区|全市|全县|全省)", "", head)
    subjects = [s for s in re.split(r"和|与|及|、", listed) if s.strip()]
    if len(subjects) < 2:
        count = _EACH_COUNT.search(head)
        if count is None:
            return []
        number = count.group(1)
        n = int(number) if number.isdigit() else numeral(number.replace("两", "二"))
        refers = re.search(r"上述|以上|前述", head) and len(earlier) >= n
        subjects = [clause_subject(d.clause) for d in earlier[-n:]] if refers else [""] * n
    drafts: list[DraftTarget] = []
    for subject in subjects:
        draft = draft_one(clause, match_on=subject or None)
        if draft is not None:
            if draft.indicator is None and subject:
                draft.name_zh = subject
            drafts.append(draft)
    return drafts


#: What a listed subject of a shared growth that is counted ends on: a kind of firm or institution.
_COUNTED_END = re.compile(r"(?:企业|机构|平台|载体|团队)$")


def shared_growth(clause: str, draft_one: DraftOne) -> list[DraftTarget]:
    """A、B、C在2010年基础上翻两番, A、B年均增长10%: one growth shared by the measures listed before it
    is one target per measure, each matched on its own name (empty when not this form)."""
    growth = (
        DOUBLE.search(clause)
        or GROWTH_ANNUAL.search(clause)
        or GROWTH_TOTAL.search(clause)
        or FALL.search(clause)
        or GROWTH_BY.search(clause)
    )
    if growth is None or _figures(clause)[1:] or "等" in clause[: growth.start()]:
        return []
    # (A、B增长在上年基础上增加5%: the base is the year before)
    base_told = r"(?:增长|增幅)?\s*(?:在|比|较)\s*(?:20\d\d\s*年[末底]?|上年)(?:的?基础上)?\s*$"
    head = re.sub(base_told, "", clause[: growth.start()])
    # A、B、C均增长12%左右: the growth holds for each; A、B均实现翻番: the verb is no item's word
    each_one = re.search(r"(?:均|都|分别)(?:(?:力争|争取|努力|确保)?实现)?\s*$", head)
    head = re.sub(r"(?:均|都|分别|(?:力争|争取|努力|确保)?实现)+\s*$", "", head)
    # A、B和C: the last item joined by 和/及 in a list told with 、 (each must still end on a measure);
    # A和B均实现翻番: 均 says 和 joins two measures (without it, 和 may be a word of one name)
    # (A数量和B数量比2016年翻一番: a measure word before 和 closes one measure, as 均 would say)
    joined = re.search(r"(?:数量|总数|总额|总量|数|额|值)\s*[和及与]", head)
    items = list(re.finditer(r"[^、和及]+" if "、" in head or each_one or joined else r"[^、]+", head))
    names = [NOISE.sub("", re.sub(r"^(?:力争|争取|努力|确保)?实现", "", m.group(0))) for m in items]
    # 高新技术企业、科技型中小企业实现翻番: kinds of firm (or institution) listed are counts, each doubled
    if len(items) < 2 or not all(_MEASURE_END.search(n) or _COUNTED_END.search(n) for n in names):
        return []
    drafts: list[DraftTarget] = []
    for number, (item, name) in enumerate(zip(items, names, strict=True)):
        draft = draft_one(clause, match_on=name)
        if draft is None:
            return []
        # the item's own words name the target; the clause (with the growth) is quoted beside them
        own = clause[item.start() :] if number == len(items) - 1 else item.group(0)
        draft.clause, draft.quotes = own, [own] if own == clause else [own, clause]
        if draft.indicator is None:
            draft.name_zh = name
        drafts.append(draft)
    return drafts


#: The measure of a part of the economy named before it: 营业收入, 产值, 增加值, 规模 (of 食品加工营业收入).
#: (新能源汽车产业保300亿元: an industry alone before an amount is measured by its size)
_SECTOR_MEASURE = re.compile(
    r"(?:产业|行业|集群|产业链)?(?:主营业务收入|营业收入|销售收入|营收|总产值|产值|增加值|规模)$|(?:产业|行业|集群)$"
)


def shared_figure(clause: str, draft_one: DraftOne) -> list[DraftTarget]:
    """A、B、C营业收入突破1000亿元: parts of the economy listed with 、 before one measure and one figure
    each reach it (one target per part; empty when not this form). A sum (合计, 总, 共, 等, N个/N大)
    is one target, and so is a list whose items are measures of their own (read by shared_growth)."""
    numbers = _figures(clause)
    if len(numbers) == 2 and re.fullmatch(r"\s*争\s*", clause[numbers[0].end() : numbers[1].start()]):
        numbers = numbers[:1]  # 保300亿元争500亿元: the floor secured is the target, the 争 figure a hope
    if len(numbers) != 1 or re.search(
        r"合计|总计|共计|总和|等|[\d两二三四五六七八九十]\s*[个大项类]", clause
    ):
        return []
    head = clause[: numbers[0].start()]
    if not _unit_of(numbers[0]).endswith("元"):
        return []  # A、B企业达到50家 counts both together
    verb = re.search(r"(?:力争|争取|确保)?\s*(?:突破|超过|超|达到|达|保|实现|过)\s*$", head)
    if verb is None:
        return []
    items = list(re.finditer(r"[^、]+", head[: verb.start()]))
    names = [re.sub(r"^(?:力争|争取|努力|确保|推动)?(?:实现)?", "", m.group(0)).strip() for m in items]
    measure = _SECTOR_MEASURE.search(names[-1]) if len(items) >= 2 else None
    if measure is None or not names[-1][: measure.start()] or any(_MEASURE_END.search(n) for n in names[:-1]):
        return []
    drafts: list[DraftTarget] = []
    for number, (item, name) in enumerate(zip(items, names, strict=True)):
        own = name if number == len(items) - 1 else name + measure.group(0)
        draft = draft_one(clause, match_on=own)
        if draft is None:
            return []
        # the item's own words and the measure they share name the target; the clause is quoted beside them
        draft.clause = clause[item.start() :]
        draft.quotes = [draft.clause] if draft.clause == clause else [draft.clause, clause]
        if draft.indicator is None:
            draft.name_zh = own
        drafts.append(draft)
    return drafts
