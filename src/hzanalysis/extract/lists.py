"""Lists in a sentence: names or values listed in order (分别, "A、B达…、…"), the items of a list of
additions that take the verb of its first item (新增…、…), and the regions or parts a list of figures is
for. Split from ``mentions`` by meaning: these read a list's shape, not one mention's words."""

from __future__ import annotations

import re
from collections.abc import Callable

from .spans import _Mention
from .vocabulary import _Catalogue

# "苏南、苏中、苏北…分别为", "海口市、三亚市、澄迈县…分别为": a list of names (places, sectors) right
# before the
# statistic, whose figures follow one per name
_NAMES_LIST_RE = re.compile(r"[\u4e00-\u9fff]{2,8}(、[\u4e00-\u9fff]{2,8})+(的|地区)?$")


def _parts_respectively(norm: str, mentions: list[_Mention]) -> None:
    """ "苏南、苏中、苏北高新技术产业产值…占规上工业的比重分别为52.3%、49.8%": the figures after 分别 are the
    parts' (places or sectors outside the catalogue listed before the statistic), never the whole's; the
    first of them is not the region's figure. Catalogue regions are paired one by one instead."""
    for mention in mentions:
        if not mention.indicator or mention.regions or "分别" not in norm[mention.end : mention.end + 8]:
            continue
        segment = max(norm.rfind(c, 0, mention.start) for c in ";:。") + 1
        subjects = [m for m in mentions if segment <= m.start <= mention.start]
        for subject in subjects:
            # the list right before the statistic, or ending the clause before it
            # ("…前三名的市县分别是海口市、
            # 三亚市、澄迈县，技术合同成交金额分别为…")
            clause_start = max(norm.rfind(",", 0, subject.start), segment)
            ends = [subject.start, clause_start] if clause_start > segment else [subject.start]
            listed = next(
                (found for end in ends if (found := _NAMES_LIST_RE.search(norm, segment, end)) is not None),
                None,
            )
            # the names are not statistics of their own (全区高新技术企业、科技型中小企业分别…)
            if listed and not any(listed.start() <= m.start < subject.start for m in mentions):
                mention.indicator = None
                break


# Words that may stand before a name in a list item without being a verb of its own
# (levels, a batch, a place).
_ITEM_LEVELS_RE = re.compile(
    r"(第[一二三四五六七八九十\d]+批|(国家|省|市|县|区)级以上|国家级|国家|省级|市级|县级|区级|备案"
    r"|[\u4e00-\u9fff]{2,3}[省市县区]级?|[省市县区])*"
)
# (with its bound: "新培育科技型中小企业50家以上、高新技术企业30家以上", 120余家)
_ITEM_COUNT = r"\s*\d[\d.,]*\s*万?\s*(余|多)?[家个件项所](以上|左右|以下)?"
# The opening of a list's first item that makes its figures the year's additions (我市新认定…6家).
_FLOW_OPENING_RE = re.compile(
    # (after a task list's row number too: "33 新培育科技型中小企业50家以上、…")
    r"^\s*(\d{1,3}[\s.、]*)?(\d{4}年)?[\u4e00-\u9fff]{0,4}?(新增|新认定|新培育|新建|新获批|获批|新引进|认定|净增|培育)"
    r"[^\d,、;:]{2,24}" + _ITEM_COUNT + r"\s*$"
)


def _bare_item_after_flow(norm: str, mention: _Mention) -> bool:
    """ "新增国家高新技术企业120家、省科技型中小企业282家": an item of a list that is only a name and its
    figure
    takes the 新增/新认定 of the list's first item (the year's additions, not the stock)."""
    start = max(norm.rfind(c, 0, mention.start) for c in "、,")
    if start < 0 or not _ITEM_LEVELS_RE.fullmatch(norm[start + 1 : mention.start].strip()):
        return False
    if not re.match(_ITEM_COUNT + r"\s*([,、;。]|$)", norm[mention.end :]):
        return False
    # back over the items before it, each a name and its figure, to the one opening the list
    return _list_opens_on_flow(
        norm, start, lambda item: re.search(_ITEM_COUNT + r"\s*$", item) is not None, _FLOW_OPENING_RE
    )


def _list_opens_on_flow(
    norm: str, end: int, is_item: Callable[[str], bool], opening: re.Pattern[str]
) -> bool:
    """Walking back from ``end`` over the items of a list (kept apart by 、 or ,), whether it reaches an
    item that ``opening`` finds (its verb a flow) before one that is no item (``is_item``) or the clause's
    start."""
    while True:
        start = max(norm.rfind(c, 0, end) for c in "、,;:")
        item = norm[start + 1 : end]
        if opening.search(item):
            return True
        if not is_item(item) or start < 0 or norm[start] in ";:":
            return False
        end = start


# "新增14家市级工程技术中心、20家市级企业技术中心、…,380家高新技术企业": items that open on their figure
# (then a name), after an item whose verb makes its figure the year's additions: the verb holds for all.
_FIGURE_FIRST_ITEM_RE = re.compile(_ITEM_COUNT + r"[^\d,、;:]{1,24}$")
_FLOW_FIGURE_ITEM_RE = re.compile(
    r"(新增|新认定|新培育|新建|新获批|新引进|引进|认定|培育|净增)了?" + _ITEM_COUNT + r"[^\d,、;:]{1,24}$"
)


def _figure_first_item_after_flow(norm: str, at: int) -> bool:
    """Whether the figure at ``at`` opens an item of a list of "N家<name>" items whose first item's verb is a
    flow (新增, 新认定 …): the year's additions, not the stock."""
    end = max(norm.rfind(c, 0, at) for c in "、,")
    if end < 0 or norm[end + 1 : at].strip():
        return False  # the figure does not open its item
    return _list_opens_on_flow(
        norm,
        end,
        lambda item: _FIGURE_FIRST_ITEM_RE.fullmatch(item.strip()) is not None,
        _FLOW_FIGURE_ITEM_RE,
    )


def _respectively(norm: str, mentions: list[_Mention]) -> None:
    """ "A、B分别达到312家、760家": the mentions before 分别 take the numbers after it, in order."""
    for index, mention in enumerate(mentions):
        after = norm[mention.end : mention.end + 8]
        # "A、B达6588家、6403家": a list of figures right after a list of names pairs up as 分别 does
        listed = re.match(
            r"\s*(达到|达|为|有|共有|分别为)?\s*\d[\d.,]*\s*[^\d,;:、]{0,4}\s*、\s*\d", norm[mention.end :]
        )
        if "分别" not in after and not listed:
            continue
        group = [mention]
        for previous in reversed(mentions[:index]):
            between = norm[previous.end : group[0].start]
            if re.fullmatch(r"\s*(、|和|及|与|,)\s*", between):
                group.insert(0, previous)
            else:
                break
        if len(group) > 1:
            group[0].respectively = group


# One value of a list ("39.8%和47.5%", "32家、150家"): a number, its unit, and the word joining the next one.
_LISTED_VALUE = r"\d[\d.,]*\s*(?:万|亿)?\s*(?:%|‰|家|个|件|项|所|元|亿元|万元)?"
_VALUE_LIST_RE = re.compile(
    # the verb (分别 or not) between the last subject and the values
    r"[^\d,;:。、和及与]{0,8}?(?P<values>"
    + _LISTED_VALUE
    + r"(?:\s*(?:、|和|及|与)\s*"
    + _LISTED_VALUE
    + r")+)"
    r"(?![\d.])"
)
# The subjects listed before a mention in its clause: items joined by 、 (the last one may be by 和/及/与).
_SUBJECTS_BEFORE_RE = re.compile(r"((?:[^\d,;:。、和及与]{2,16}、)*[^\d,;:。、和及与]{2,16})(?:、|和|及|与)$")
_SUBJECTS_AFTER_RE = re.compile(
    r"(?:(?:、|和|及|与)[^\d,;:。、和及与]{2,16}?)+(?=[^\d,;:。、和及与]{0,8}?\d)"
)


def _subjects_and_values(norm: str, mentions: list[_Mention]) -> None:
    """ "工业战略性新兴产业、高新技术产业产值占规上工业比重提高到39.8%和47.5%": a list of subjects, only
    some of them statistics of the catalogue, and a list of as many values after them pair up in order,
    with or without 分别; the mention takes the value at its own place in the list, never the first.

    The subjects must be parallel to the mention (the last characters of each, 产业, 企业, 平台, are in the
    mention's words); else the list before a statistic names parts of it (苏南、苏北高新技术产业…, 企业、高校
    研发投入…), which other rules read."""
    for mention in mentions:
        if not mention.indicator or mention.regions or mention.respectively:
            continue
        if any(mention in m.respectively for m in mentions):
            continue
        before = _SUBJECTS_BEFORE_RE.search(norm, max(0, mention.start - 60), mention.start)
        after = _SUBJECTS_AFTER_RE.match(norm, mention.end)
        subjects_end = after.end() if after else mention.end
        values = _VALUE_LIST_RE.match(norm, subjects_end)
        if values is None or (before is None and after is None):
            continue
        items_before = re.split(r"、|和|及|与", before.group(1)) if before else []
        items_after = re.split(r"、|和|及|与", after.group(0))[1:] if after else []
        items = items_before + items_after
        # other statistics of the catalogue among the subjects are paired by 分别's own rule
        list_start = before.start() if before else mention.start
        if any(m is not mention and list_start <= m.start < subjects_end for m in mentions):
            continue
        heads = [re.sub(r"(分别|的)$", "", item.strip())[-2:] for item in items]
        if not heads or any(len(head) < 2 or head not in mention.phrase for head in heads):
            continue
        spans = [
            (values.start("values") + m.start(), values.start("values") + m.end())
            for m in re.finditer(r"\d[\d.,]*", values.group("values"))
        ]
        if len(spans) != len(items) + 1:
            continue
        mention.listed = (spans, len(items_before))


def _regions_respectively(norm: str, mentions: list[_Mention], cat: _Catalogue) -> None:
    """ "灌南县、灌云县高新技术企业分别为88家、95家": the regions before the mention, one per figure."""
    names = "|".join(re.escape(name) for name, _ in cat.regions)
    lookup = dict(cat.regions)
    for mention in mentions:
        if "分别" not in norm[mention.end : mention.end + 8]:
            continue
        listed = re.search(rf"((?:{names})(?:(?:、|和|与|及)(?:{names}))+)$", norm[: mention.start])
        if listed:
            # (全市 and 高新区 stay words: they name a region relative to the one extracted for)
            mention.regions = [lookup[name] for name in re.findall(names, listed.group(1))]
