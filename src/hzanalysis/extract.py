"""Candidate observations from the text of a bulletin, work report or year-end summary.

Every figure a sentence states for a catalogue indicator becomes one candidate row (region, indicator, year,
value in the indicator's unit, bound, the whole sentence as quote, and *why* it matched) for a person to
review. Nothing here is ever merged into the data: the reviewed file is passed with ``--data`` like any
other and validated by ``data check``.

How a sentence is read (the forms were studied in county and city bulletins, work reports and summaries):

1. The sentence is normalised one character for one (full-width digits and punctuation to ASCII, a few
   traditional characters of re-posted pages to simplified), so positions still point into the verbatim
   quote.
2. Indicator mentions are found by the synonyms in ``indicators.csv`` (longest first). Longer phrases of
   *other* statistics (新认定高新技术企业, 发明专利申请, 企业研发投入强度 ...) are matched too and own their
   numbers, so that those numbers are never given to a catalogue indicator. "X占Y比重" after a numerator
   (研发经费 / 高新技术产业产值) is the matching share.
3. Numbers with their multiplier (万, 亿) and unit are found; a number belongs to the nearest mention before
   it that has no value yet (or the mention right after it: "312家高新技术企业"), only if its unit converts
   to the indicator's unit. "分别" pairs lists in order.
4. Never a candidate: changes (同比增长12%, 提高0.3个百分点, 增加37家), ranks (第1位), targets and plans
   (力争, 计划, 目标, 到2025年 ahead of the data year ...), months or quarters of a year (1-5月, 上半年), and
   numbers of another statistic.
5. Bounds, as the observation validator reads them: 超过/超/逾/余/多 → ``>``; 以上/突破/不低于 → ``>=``;
   不到/不足/低于 → ``<``; 以下/不超过 → ``<=``; 近/约/左右 → ``~`` (approximate: the reviewer
   decides whether it is a point or a bound; ``data check`` does not accept ``~`` as such, so nothing
   approximate slips in as a point value).
6. Year: the last year named in the sentence before the figure (2024年, 去年/今年/上年 relative to the
   reference year), else the reference year: ``year=`` if given, else the year in the document's heading.
   Region: the last catalogue region named before the figure (全市 = 连云港市; 全区/我区 = ``region``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .documents import read_document, split_sentences
from .errors import InputError, ParameterError, Problem
from .observations import OBSERVATION_COLUMNS, QUALITY_GRADES, load_indicators, load_regions

EXTRACT_COLUMNS: tuple[str, ...] = ("region", "indicator", "year", "value", "unit", "bound", "quote", "why")
#: The review marker for 近/约/左右: not a bound the validator accepts, so a person must decide.
APPROXIMATE = "~"

# Full-width ASCII to ASCII and a few traditional characters seen in re-posted pages: one character for one.
# Traditional characters of the statistical vocabulary (re-posted pages), traditional then simplified.
_TRADITIONAL_PAIRS = (
    "發发億亿萬万術术業业產产額额專专權权數数與与資资費费範范圍围單单計计劃划標标實实現现達达區区縣县"
    "國国類类統统門门關关際际東东雲云連连贛赣鎮镇報报網网傳传凈净強强為为爲为佔占規规總总級级構构機机體体創创載载積积淨净於于項项獲获請请個个經经務务學学園园"
    "開开員员從从長长較较點点內内營营過过將将爭争確确聯联設设備备養养預预齊齐"
)
_NORMALISE = str.maketrans(
    {
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
        "\u3000": " ",
        "、": "、",
        "﹪": "%",
        "（": "(",
        "）": ")",
        **{_TRADITIONAL_PAIRS[i]: _TRADITIONAL_PAIRS[i + 1] for i in range(0, len(_TRADITIONAL_PAIRS), 2)},
    }
)

# Statistics that are not catalogue indicators but share words with them: they own their numbers.
OTHER_STATISTICS: tuple[str, ...] = (
    "新认定高新技术企业",
    "新认定国家高新技术企业",
    "新认定高企",
    "高新技术企业申报",
    "高企申报",
    "高新技术企业培育",
    "高企培育",
    "入库培育",
    "高新技术企业产值",
    "高新技术企业营业收入",
    "专利申请",
    "发明专利申请",
    "专利授权",
    "有效发明专利",
    "有效专利",
    "企业研发投入强度",
    "工业企业研发投入强度",
    "企业研发经费",
    "研发人员",
    "研发机构数占比",
    "科技型中小企业评价入库数占",
    "工业增加值",
    "规上工业增加值",
    "一般公共预算收入",
    "固定资产投资",
    "营业收入",
)
# Before a stock (高新技术企业, 研发机构 ...), these words make it the year's additions, not the stock.
FLOW_QUALIFIERS: tuple[str, ...] = (
    "新增",
    "新认定",
    "新建",
    "新获批",
    "获批",
    "新引进",
    "新培育",
    "培育",
    "净增",
    "新",
)
# Before a flow, 累计 in a sentence spanning years (…以来, 十四五期间) makes it a multi-year total.
_MULTI_YEAR_RE = re.compile(r"以来|期间|十四五|十三五|\d{4}\s*[-—~至到]\s*\d{4}")
# A share written as "<numerator> ... 占<denominator>(的)比重": the numerator's id and the denominator's
# phrases (the catalogue synonyms of the denominator plus the short forms bulletins use).
SHARE_OF: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "rd_expenditure": ("rd_share_gdp", "gdp", ("地区生产总值", "GDP", "生产总值")),
    "hitech_output_value": (
        "hitech_output_share",
        "above_scale_industrial_output",
        (
            "规模以上工业产值",
            "规上工业产值",
            "规上工业总产值",
            "规模以上工业总产值",
            "规上工业",
            "规模以上工业",
        ),
    ),
}
# Catalogue flows that are the yearly additions to a catalogue stock.
STOCK_OF_ADDITIONS: dict[str, str] = {"hte_net_new": "hte_count"}
NET_ADDITIONS_OF: dict[str, str] = {stock: flow for flow, stock in STOCK_OF_ADDITIONS.items()}
SHARE_IDS = frozenset(share for share, _, _ in SHARE_OF.values())
REGION_ALIASES: dict[str, str] = {"全市": "连云港市", "我市": "连云港市", "高新区": "连云港高新区"}
OWN_REGION_WORDS: tuple[str, ...] = ("全区", "我区", "本区")

_NUMBER_RE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?P<cn>[一二三四五六七八九])(?=成))"
    r"\s*(?P<approx>余|多)?"
    r"(?P<mult>万亿|亿|万|千)?"
    r"(?P<unit>个百分点|百分点|万平方米|平方米|㎡|%|‰|元|家|件|个|项|套|所|座|处|人|倍|成|年|月|日|号|位|名|次|批|户)?"
)
_CN_DIGITS = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
_MULTIPLIERS = {
    "": Decimal(1),
    "千": Decimal(1000),
    "万": Decimal(10**4),
    "亿": Decimal(10**8),
    "万亿": Decimal(10**12),
}
_ENTITY_UNITS = frozenset("家个所座处户")
_COUNT_UNITS = frozenset("家个所座处户件项套名")
_CHANGE_RE = re.compile(
    r"(增长|增加|提高|提升|上升|下降|减少|回落|扩大|缩小|增速|增幅|降低|增|降|多|少)(了)?$"
)
_CHANGE_TO_LEVEL_RE = re.compile(r"(增长|增加|提高|提升|上升|下降|减少|回落|扩大|跃升|降低|增|降)(至|到)")
_COMPARISON_RE = re.compile(r"(比|较|同比|环比|比上年|较上年|同期)")
_PLAN_RE = re.compile(r"力争|争取|计划|确保|规划|预期目标|拟|将达到|将突破|将超过|目标(?!任务)|每年|年均")
_ACHIEVED_PLAN_RE = re.compile(r"(完成|实现|超额完成|达成)[^,;:]{0,8}目标")
_FUTURE_YEAR_RE = re.compile(r"(到|至|在)(\d{4})年")
_PART_YEAR_RE = re.compile(
    r"(\d{1,2})\s*[-—~至到]\s*(\d{1,2})\s*月|上半年|前三季度|一季度|二季度|三季度|第[一二三四]季度|(\d{1,2})月(份|末|底)"
)
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})\s*年(?!\d{1,2}月(?!底|末))|去年|上年|今年|本年|当年|前年|上一年")
_RELATIVE_YEARS = {"去年": -1, "上年": -1, "上一年": -1, "前年": -2, "今年": 0, "本年": 0, "当年": 0}
_APPROX_BEFORE_RE = re.compile(r"(近|接近|将近|约|大约|约为|约占)$")
_OVER_BEFORE_RE = re.compile(r"(超过|超出|超|逾|多于|高于|大于)(了)?$")
_AT_LEAST_BEFORE_RE = re.compile(r"(突破|不低于|不少于)(了)?$")
_UNDER_BEFORE_RE = re.compile(r"(不到|不足|低于|少于|未达到|未达)$")
_AT_MOST_BEFORE_RE = re.compile(r"(不超过|不高于|不多于)$")
_HEADING_RES = (
    re.compile(r"\s*[一二三四五六七八九十]+、"),
    re.compile(r"\s*\([一二三四五六七八九十]+\)"),
    re.compile(r"\s*\d{1,2}[.、](?!\d)"),
)
_PLAN_SECTION_RE = re.compile(r"目标|任务|思路|打算|计划|安排|举措|措施|重点工作|保障|展望")
_RANK_CONTEXT_RE = re.compile(r"(的)?(第|首位|前列|前茅|平均|之首|各县|同类|领先)")
_HEADING_YEAR_RE = re.compile(r"(\d{4})\s*年")
_CLAUSE_BREAK = ",;:"


@dataclass
class _Mention:
    start: int
    end: int
    indicator: str | None  # None: another statistic, which owns the numbers that follow it
    phrase: str
    taken: bool = False
    bounded: bool = False  # its last value was a bound (突破800亿元)
    regions: list[str] = field(default_factory=list)  # "灌南县、灌云县…分别为88家、95家": one per value
    values: int = 0
    stock: str | None = None  # for the year's additions to a stock (新增…, 净增…): that stock
    respectively: list[_Mention] = field(default_factory=list)


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: Decimal
    multiplier: str
    unit: str
    approx_suffix: str


@dataclass(frozen=True)
class _Catalogue:
    units: dict[str, str]
    names: dict[str, str]
    stocks: frozenset[str]
    phrases: tuple[tuple[str, str | None], ...]  # (normalised phrase, indicator or None), longest first
    regions: tuple[tuple[str, str], ...]  # (normalised name, region id), longest first


@lru_cache(maxsize=1)
def _catalogue() -> _Catalogue:
    indicators = load_indicators()
    units = dict(zip(indicators["id"], indicators["unit"], strict=True))
    names = dict(zip(indicators["id"], indicators["name_zh"], strict=True))
    phrases: dict[str, str | None] = {p.translate(_NORMALISE): None for p in OTHER_STATISTICS}
    synonyms = indicators["synonyms"] if "synonyms" in indicators else [""] * len(indicators)
    for ident, name, extra in zip(indicators["id"], indicators["name_zh"], synonyms, strict=True):
        for phrase in [name, *str(extra).split(";")]:
            if phrase.strip():
                phrases[phrase.strip().translate(_NORMALISE)] = ident
    region_names = {r.translate(_NORMALISE): r for r in load_regions()["id"]}
    region_names.update({alias: region for alias, region in REGION_ALIASES.items()})
    return _Catalogue(
        units=units,
        names=names,
        stocks=frozenset(indicators.loc[indicators["flow_or_stock"] == "stock", "id"]),
        phrases=tuple(sorted(phrases.items(), key=lambda item: -len(item[0]))),
        regions=tuple(sorted(region_names.items(), key=lambda item: -len(item[0]))),
    )


def normalise(text: str) -> str:
    """``text`` with full-width ASCII and a few traditional characters mapped one for one (same length)."""
    return text.translate(_NORMALISE)


def heading_year(text: str) -> int | None:
    """The year in the document's heading (first three non-empty lines), e.g. 2024 for 《2024年…统计公报》."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # a heading is a short line without closing punctuation, above the body
    for line in lines[:3] if len(lines) > 1 else []:
        if len(line) > 60 or line.endswith(("。", "；", "！", "？", ";", ".")):
            continue
        match = _HEADING_YEAR_RE.search(normalise(line))
        if match and 1949 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


def extract_text(text: str, *, region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Candidate observations in ``text``: one row per figure of a catalogue indicator.

    Columns :data:`EXTRACT_COLUMNS`; ``year`` is ``<NA>`` and ``region`` empty where neither the sentence
    nor the arguments tell them (the reviewer fills them in). ``year`` is the reference year for 今年/去年
    and the default data year; without it, the year in the document's heading is used.
    """
    reference = year if year is not None else heading_year(text)
    rows: list[dict] = []
    for line in _outside_plan_sections(text):
        for sentence in split_sentences(line):
            rows.extend(_sentence_rows(sentence, region or "", reference))
    frame = pd.DataFrame(rows, columns=list(EXTRACT_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return frame


def _heading_level(line: str) -> int | None:
    """1 for 一、…, 2 for （一）…, 3 for 1.…/1、…; None for a line that is not a numbered heading."""
    for level, pattern in enumerate(_HEADING_RES, start=1):
        if pattern.match(line):
            return level
    return None


def _outside_plan_sections(text: str) -> list[str]:
    """The lines of ``text`` outside sections headed as targets or plans (三、发展目标, 二、明年工作思路 …).

    A plan section runs from its numbered heading to the next heading of the same or a higher level, so
    the sub-headings of 四、重点任务 stay inside it. Work reports and year-end summaries close with such
    sections; their figures are targets, never observations.
    """
    kept, plan_level = [], None
    for line in text.splitlines():
        norm = normalise(line.strip())
        level = _heading_level(norm)
        if level is not None:
            title = re.split(r"[。;:]", norm, maxsplit=1)[0]
            if plan_level is not None and level <= plan_level:
                plan_level = None
            if plan_level is None and _PLAN_SECTION_RE.search(title):
                plan_level = level
        if plan_level is None:
            kept.append(line)
    return kept


def _sentence_rows(sentence: str, region: str, reference: int | None) -> list[dict]:
    cat = _catalogue()
    norm = normalise(sentence)
    mentions = _mentions(norm, cat)
    if not any(m.indicator for m in mentions):
        return []
    numbers = list(_numbers(norm))
    plan_at = _plan_start(norm, reference, mentions)
    rows = []
    for number in numbers:
        owner, how = _owner(norm, number, mentions, cat)
        if owner is None or _skip_reason(norm, number, owner, plan_at, listed=bool(how)):
            continue  # a date, rank, change or plan does not use up the mention
        owner.taken = True
        indicator = owner.indicator
        if indicator is None:
            continue
        converted = _convert(number, cat.units[indicator])
        if converted is None:
            continue
        value, unit_note = converted
        bound, bound_note = _bound(norm, number, owner)
        if how == "exact figure after a bound":
            rows = [r for r in rows if not (r["indicator"] == indicator and r["bound"] != "=")]
        owner.bounded = bound != "="
        data_year, year_note = _data_year(norm, number.start, reference)
        data_region, region_note = _region(norm, number.start, region, cat)
        if owner.regions and owner.values < len(owner.regions):
            data_region, region_note = (
                owner.regions[owner.values],
                f"分别: region {owner.regions[owner.values]}",
            )
        owner.values += 1
        why = "; ".join(
            part
            for part in (
                f"“{owner.phrase}” → {indicator} ({cat.names[indicator]})",
                how,
                unit_note,
                bound_note,
                year_note,
                region_note,
                "预计 preliminary estimate" if "预计" in norm[: number.start] else "",
            )
            if part
        )
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
            }
        )
    return rows


def _mentions(norm: str, cat: _Catalogue) -> list[_Mention]:
    found: list[_Mention] = []
    used = [False] * len(norm)
    for phrase, indicator in cat.phrases:
        for match in re.finditer(re.escape(phrase), norm, flags=re.IGNORECASE):
            if any(used[match.start() : match.end()]):
                continue
            used[match.start() : match.end()] = [True] * len(phrase)
            found.append(_Mention(match.start(), match.end(), indicator, norm[match.start() : match.end()]))
    found.sort(key=lambda m: m.start)
    for index, mention in enumerate(found):
        # 国家级/省级 between the qualifier and the name: 净增国家级高新技术企业
        before = re.sub(r"(国家级|国家|省级|市级)$", "", norm[max(0, mention.start - 7) : mention.start])
        previous = found[index - 1].indicator if index else None
        if before.endswith("净增") and mention.indicator in NET_ADDITIONS_OF:
            mention.indicator = NET_ADDITIONS_OF[mention.indicator]
        elif mention.indicator in cat.stocks and (
            before.endswith(FLOW_QUALIFIERS)
            # "招引科技型企业102家，其中高新技术企业18家": part of a flow, not the stock
            or (before.endswith("其中") and previous is not None and previous not in cat.stocks)
        ):
            # the year's additions to a stock: another statistic, but "总数…" after it is the stock
            mention.stock, mention.indicator = mention.indicator, None
        elif mention.indicator not in cat.stocks and before.endswith("累计") and _MULTI_YEAR_RE.search(norm):
            mention.indicator = None  # a total over several years, not one year's flow
    found = _totals(norm, found)
    found = _shares(norm, found)
    shares = [m for m in found if m.indicator in SHARE_IDS]
    # the denominator named inside a share (GDP in 占GDP比重) is not a mention of its own
    found = [
        m for m in found if not any(s is not m and s.start <= m.start and m.end <= s.end for s in shares)
    ]
    _respectively(norm, found)
    _regions_respectively(norm, found, cat)
    return found


def _totals(norm: str, mentions: list[_Mention]) -> list[_Mention]:
    """Words that stand for a statistic named just before them.

    "净增高新技术企业46家，总数达到312家": 总数/总量 after the additions to a stock is that stock;
    "地区生产总值增长5.8%，总量达到835亿元": after anything else it is the same statistic again;
    "高新技术企业总数305家，净增28家": 净增 + figure after a stock is its net additions, if catalogued.
    """
    out = list(mentions)
    for match in re.finditer(r"总数|总量|净增(?=\d)", norm):
        previous = [m for m in mentions if m.end <= match.start()]
        if not previous or any(m.start <= match.start() < m.end for m in mentions):
            continue
        last = previous[-1]
        if match.group(0) == "净增":
            meant = NET_ADDITIONS_OF.get(last.indicator or "")
        else:
            meant = last.stock or STOCK_OF_ADDITIONS.get(last.indicator or "") or last.indicator
        if meant:
            out.append(_Mention(match.start(), match.end(), meant, match.group(0)))
    return sorted(out, key=lambda m: m.start)


def _shares(norm: str, mentions: list[_Mention]) -> list[_Mention]:
    """Turn "<numerator> … 占<denominator>(的)比重" into a mention of the share indicator."""
    out: list[_Mention] = []
    for mention in mentions:
        share = SHARE_OF.get(mention.indicator or "")
        if share is None:
            out.append(mention)
            continue
        share_id, _denominator, short_forms = share
        denominators = "|".join(re.escape(p) for p in sorted(short_forms, key=len, reverse=True))
        tail = re.compile(
            rf"[^;:占]*?(?:的)?占(?:全区)?(?:(?:{denominators})[^,;:]{{0,4}}?的?(?:比重|比例|份额)|比重|比)"
        )
        match = tail.match(norm, mention.end)
        if match is None:
            out.append(mention)
            continue
        share_start = norm.index("占", mention.end, match.end())
        if share_start == mention.end or (match.group(0)[: share_start - mention.end].strip(", 的") == ""):
            # "研发经费投入占GDP比重": one mention of the share
            out.append(_Mention(mention.start, match.end(), share_id, norm[mention.start : match.end()]))
        else:
            # "研发经费支出20.5亿元，占GDP比重3.1%": the numerator keeps its value, the tail is the share
            out.append(mention)
            out.append(_Mention(share_start, match.end(), share_id, norm[share_start : match.end()]))
    return out


def _respectively(norm: str, mentions: list[_Mention]) -> None:
    """ "A、B分别达到312家、760家": the mentions before 分别 take the numbers after it, in order."""
    for index, mention in enumerate(mentions):
        after = norm[mention.end : mention.end + 8]
        if "分别" not in after:
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


def _regions_respectively(norm: str, mentions: list[_Mention], cat: _Catalogue) -> None:
    """ "灌南县、灌云县高新技术企业分别为88家、95家": the regions before the mention, one per figure."""
    names = "|".join(re.escape(name) for name, _ in cat.regions)
    lookup = dict(cat.regions)
    for mention in mentions:
        if "分别" not in norm[mention.end : mention.end + 8]:
            continue
        listed = re.search(rf"((?:{names})(?:(?:、|和|与|及)(?:{names}))+)$", norm[: mention.start])
        if listed:
            mention.regions = [lookup[name] for name in re.findall(names, listed.group(1))]


def _numbers(norm: str) -> Iterable[_Number]:
    for match in _NUMBER_RE.finditer(norm):
        if match.group("cn"):
            value = Decimal(_CN_DIGITS[match.group("cn")])
        else:
            value = Decimal(match.group("num").replace(",", ""))
        start, end = match.span()
        if start > 0 and (norm[start - 1].isdigit() or norm[start - 1] == "."):
            continue
        yield _Number(
            start,
            end,
            value,
            match.group("mult") or "",
            match.group("unit") or "",
            match.group("approx") or "",
        )


def _owner(
    norm: str, number: _Number, mentions: list[_Mention], cat: _Catalogue
) -> tuple[_Mention | None, str]:
    before = [m for m in mentions if m.end <= number.start]
    after = [m for m in mentions if m.start >= number.end]
    clause_start = max(norm.rfind(c, 0, number.start) for c in _CLAUSE_BREAK) + 1
    same_clause = [m for m in before if m.start >= clause_start and not m.taken]
    # "拥有312家高新技术企业": a number right before a mention belongs to it, unless its own clause
    # already named what it counts ("新增312家…" is another statistic)
    if after and not same_clause and re.fullmatch(r"(的)?", norm[number.end : after[0].start]):
        return (after[0], "figure before the name") if not after[0].taken else (None, "")
    for mention in reversed(before):
        group = next((m.respectively for m in before if m.respectively and mention in m.respectively), None)
        if group:
            pending = [m for m in group if not m.taken]
            if pending:
                return pending[0], "分别 list, in order"
            return None, ""
        if mention.regions and mention.values < len(mention.regions):
            return mention, "分别 over the regions listed, in order"
        if mention.taken:
            # "全市高新技术企业585家，其中海州区142家": the same statistic for a region named after the value
            between = norm[mention.end : number.start]
            after_value = re.split(r"\d", re.sub(r"\d{4}年", "年", between))[-1]
            if any(name in after_value for name, _ in cat.regions):
                return mention, "same statistic, for the region named before the figure"
            # "从2020年的2.9%提高到2024年的3.75%": the same statistic in another year
            if re.search(r"(到|至)\d{4}年(底|末)?的?\s*$", between):
                return mention, "same statistic, for the year named before the figure"
            # "去年为3.62%，今年达到3.75%": a later clause naming another year
            if re.search(r",\s*(\d{4}年|今年|去年|上年|本年)[^,;:]{0,6}$", between):
                return mention, "same statistic, for the year named before the figure"
            # "突破800亿元，达到806.2亿元": the exact figure after a bound replaces it
            if mention.bounded and re.search(r",\s*(达到|达|为|共计|共)\s*$", after_value):
                return mention, "exact figure after a bound"
            return None, ""
        return mention, ""
    return None, ""


def _skip_reason(norm: str, number: _Number, owner: _Mention, plan_at: int | None, *, listed: bool) -> str:
    """Why this number is not an observation of its mention ('' when it is one)."""
    prefix = norm[owner.end : number.start] if owner.end <= number.start else ""
    clause_prefix = re.split(r"[,;:]", norm[: number.start])[-1]
    if number.start - len(clause_prefix) < owner.end <= number.start:
        clause_prefix = norm[owner.end : number.start]  # the statistic's own name (净增…) is no change verb
    if number.unit in ("个百分点", "百分点", "倍", "年", "月", "日", "号", "位", "次", "批"):
        return "change, rank or date"
    if number.unit == "" and number.multiplier == "":
        return "bare number"
    if norm[max(0, number.start - 1) : number.start] == "第" or norm[number.end : number.end + 1] == "位":
        return "rank"
    if norm[number.end : number.end + 1] == "的":
        return "attribute of something else (… 1.25万元的项目)"
    if norm[number.end : number.end + 1] in "-~—" and norm[number.end + 1 : number.end + 2].isdigit():
        return "range"
    gap = prefix.rstrip(" 了")
    if listed:
        gap = re.split(r"\d[^,;:、和]*", prefix)[-1].rstrip(" 了")
    if _CHANGE_RE.search(gap) or (
        _COMPARISON_RE.search(clause_prefix) and _CHANGE_RE.search(clause_prefix.rstrip(" 了"))
    ):
        return "change"
    if re.search(
        r"(增长|增加|提高|提升|下降|减少|增|降)$", clause_prefix.rstrip(" 了")
    ) and not _CHANGE_TO_LEVEL_RE.search(clause_prefix):
        return "change"
    from_to = re.search(r"(由|从)[^,;:]*(至|到)$", gap)
    if re.search(r"(由|从)$", gap):
        return "starting value of a change (由…至…)"
    if not listed and not from_to and re.search(r"\d", prefix) and not re.search(r"\d{4}年", prefix):
        return "another number in between"
    if plan_at is not None and plan_at < number.start:
        return "target or plan"
    if _PART_YEAR_RE.search(norm[: number.start]) and not re.search(
        r"1\s*[-—~至到]\s*12\s*月|12月(份|末|底)", norm
    ):
        return "part of a year"
    return ""


def _plan_start(norm: str, reference: int | None, mentions: Sequence[_Mention]) -> int | None:
    starts = []
    for match in _PLAN_RE.finditer(norm):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue  # 计划 in 科技计划项目 names the statistic
        if match.group(0).startswith("目标") and _ACHIEVED_PLAN_RE.search(norm[: match.end()]):
            continue
        starts.append(match.start())
    for match in _FUTURE_YEAR_RE.finditer(norm):
        if norm[: match.start()].endswith("截") or re.search(
            _CHANGE_TO_LEVEL_RE.pattern + "$", norm[: match.end(1)]
        ):
            continue  # 截至2024年: up to a date; 提高到2024年的3.75%: a change to a dated level
        # ahead of the reference year; without one, "到2025年" is read as a target (precision first)
        if reference is None or int(match.group(2)) > reference:
            starts.append(match.start())
    return min(starts) if starts else None


def _convert(number: _Number, unit: str) -> tuple[float, str] | None:
    """The number in ``unit`` and a note on the conversion, or None when its unit is another kind."""
    amount = number.value * _MULTIPLIERS[number.multiplier]
    written = f"{number.multiplier}{number.unit}"
    factor: Decimal | None = None
    if unit == "%":
        if number.unit == "%" and not number.multiplier:
            factor = Decimal(1)
        elif number.unit == "成" and not number.multiplier:
            factor = Decimal(10)
    elif unit == "亿元":
        if number.unit == "元" or (number.unit == "" and number.multiplier in ("亿", "万亿")):
            factor = Decimal(1) / _MULTIPLIERS["亿"]
    elif unit == "万平方米":
        if number.unit in ("平方米", "㎡"):
            factor = Decimal(1) / _MULTIPLIERS["万"]
        elif number.unit == "万平方米":
            amount, factor = number.value, Decimal(1)
    elif unit == "万人":
        if number.unit == "人":
            factor = Decimal(1) / _MULTIPLIERS["万"]
    elif unit == "件/万人":
        if number.unit == "件" and not number.multiplier:
            factor = Decimal(1)
    elif unit in _ENTITY_UNITS:
        if number.unit in _ENTITY_UNITS:
            factor = Decimal(1)
    elif unit in _COUNT_UNITS and number.unit == unit:
        factor = Decimal(1)
    if factor is None:
        return None
    value = float(amount * factor)
    note = "" if written == unit else f"{number.value.normalize():f}{written} → {value:g} {unit}"
    return value, note


def _bound(norm: str, number: _Number, owner: _Mention) -> tuple[str, str]:
    before = norm[max(owner.end, number.start - 6) : number.start].rstrip(" ")
    after = norm[number.end : number.end + 3]
    if number.approx_suffix:
        return ">", f"{number.approx_suffix} → > (more than)"
    if after.startswith(("左右", "上下")):
        return APPROXIMATE, f"{after[:2]} → ~ approximate: decide = or a bound before use"
    if after.startswith("以上"):
        return ">=", "以上 → >= (at least)"
    if after.startswith("以下"):
        return "<=", "以下 → <= (at most)"
    for pattern, bound, meaning in (
        (_AT_MOST_BEFORE_RE, "<=", "at most"),
        (_AT_LEAST_BEFORE_RE, ">=", "at least"),
        (_UNDER_BEFORE_RE, "<", "less than"),
        (_OVER_BEFORE_RE, ">", "more than"),
    ):
        match = pattern.search(before)
        if match:
            return bound, f"{match.group(1)} → {bound} ({meaning})"
    match = _APPROX_BEFORE_RE.search(before)
    if match:
        return APPROXIMATE, f"{match.group(1)} → ~ approximate: decide = or a bound before use"
    return "=", ""


def _data_year(norm: str, position: int, reference: int | None) -> tuple[int | None, str]:
    chosen: tuple[int | None, str] | None = None
    for match in _YEAR_RE.finditer(norm[:position]):
        start = match.start()
        head = norm[max(0, start - 2) : start]
        tail = norm[match.end() : match.end() + 2]
        if head.endswith(("比", "较", "同")) or tail.startswith(("以来", "起", "同期")):
            continue
        if match.group(1):
            year = int(match.group(1))
            if not 1949 <= year <= 2100:
                continue
            chosen = (year, f"year {year} from the sentence")
        elif reference is not None:
            word = match.group(0)
            chosen = (reference + _RELATIVE_YEARS[word], f"{word} → {reference + _RELATIVE_YEARS[word]}")
        else:
            chosen = (None, f"{match.group(0)} but no reference year: fill in the year")
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
    return last[1], f"region {last[1]} named in the sentence"


def extract_files(
    paths: Sequence[str | Path],
    *,
    region: str | None,
    year: int | None = None,
    title: str | None = None,
    url: str = "",
    published: str = "",
    quality: str,
) -> pd.DataFrame:
    """Candidates from documents, as observation rows (template columns) for review; ``note`` says why.

    ``title`` defaults to the file name; every other provenance column is what the caller gives. Raises
    :class:`InputError` for an unreadable document and :class:`ParameterError` for an unknown quality grade
    or region.
    """
    if quality not in QUALITY_GRADES:
        raise ParameterError(f"--quality must be one of {', '.join(QUALITY_GRADES)}; found {quality!r}")
    regions = set(load_regions()["id"])
    if region and region.translate(str.maketrans("（）", "()")) not in regions:
        raise ParameterError(
            f"--region must be a catalogue region ({'、'.join(sorted(regions))}); found {region!r}"
        )
    region = region.translate(str.maketrans("（）", "()")) if region else region
    problems: list[Problem] = []
    frames = []
    for path in paths:
        try:
            text = read_document(path)
        except InputError as error:
            problems.extend(error.problems)
            continue
        found = extract_text(text, region=region, year=year)
        found["source_title"] = title or Path(path).name
        found["source_url"] = url
        found["published"] = published
        found["quality"] = quality
        found["note"] = ("extracted, review before use: " + found["why"]) if len(found) else found["why"]
        frames.append(found)
    if problems:
        raise InputError(problems)
    if not frames:
        return pd.DataFrame(columns=[*OBSERVATION_COLUMNS, "why"])
    combined = pd.concat(frames, ignore_index=True)
    return combined[[*OBSERVATION_COLUMNS, "why"]]


REVIEW_SUFFIXES = (".xlsx", ".csv")


def write_review(frame: pd.DataFrame, out: str | Path, *, overwrite: bool = False) -> Path:
    """Write candidates as an observation file (.xlsx sheet ``observations`` or UTF-8 .csv) for review.

    The columns are the template's (the reason for each row is in ``note``), so ``data check`` reads the
    file like any other once a person has reviewed it. Written atomically; an existing file (perhaps
    already reviewed) is kept unless ``overwrite`` (``--force``).
    """
    import csv
    import io

    from .fileio import atomic_write_bytes

    path = check_review_path(out, overwrite=overwrite)
    rows = [[_cell(frame.at[i, column]) for column in OBSERVATION_COLUMNS] for i in frame.index]
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(OBSERVATION_COLUMNS)
        writer.writerows(rows)
        # BOM: Excel on Chinese Windows shows UTF-8 without it as mojibake.
        return atomic_write_bytes(path, buffer.getvalue().encode("utf-8-sig"))
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "observations"  # the sheet the observation reader looks for first
    sheet.append(list(OBSERVATION_COLUMNS))
    for row in rows:
        sheet.append(row)
    for letter, width in zip("ABCDEFGHIJKL", (10, 26, 6, 10, 8, 6, 24, 24, 11, 60, 18, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())


def check_review_path(out: str | Path, *, overwrite: bool = False) -> Path:
    """``out`` as a Path if a review file may be written there, else :class:`ParameterError` (exit 2)."""
    path = Path(out)
    if path.suffix.lower() not in REVIEW_SUFFIXES:
        raise ParameterError(f"--out must end in .xlsx or .csv; found {path.name!r}")
    if path.exists() and not overwrite:
        raise ParameterError(
            f"not overwriting {path}: it may hold your review already; choose another name or pass --force"
        )
    return path


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if hasattr(value, "item"):  # numpy scalars to plain Python for openpyxl and csv
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 300 firms, not 300.0
    return value


def candidate_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Candidates per indicator with the plan targets it measures (``targets`` column of indicators.csv)."""
    indicators = load_indicators().set_index("id")
    counts = frame.groupby("indicator", sort=True).size().rename("candidates").reset_index()
    counts["targets"] = [indicators.at[i, "targets"].replace(";", ", ") for i in counts["indicator"]]
    counts["name_zh"] = [indicators.at[i, "name_zh"] for i in counts["indicator"]]
    return counts


#: What ``data extract`` prints, in both languages (zh first).
REVIEW_MESSAGES: dict[str, dict[str, str]] = {
    "found": {
        "zh": "{n} 条候选数据，来自 {files} 个文件，写入 {out}",
        "en": "{n} candidates from {files} file(s) in {out}",
    },
    "none": {"zh": "未找到候选数据，未写入文件", "en": "no candidates found; nothing written"},
    "approximate": {
        "zh": "{n} 条为约数（bound 为 ~）：核对后改为 =、> 或 <，data check 才会接受",
        "en": "{n} approximate (bound ~): change to =, > or < after checking, or data check rejects them",
    },
    "no_year": {"zh": "{n} 条缺少年份：请填写 year", "en": "{n} without a year: fill in the year"},
    "no_region": {"zh": "{n} 条缺少地区：请填写 region", "en": "{n} without a region: fill in the region"},
    "next": {
        "zh": "请逐条核对（note 列说明匹配原因），然后运行：",
        "en": "review every row (note says why it matched), then run:",
    },
}


def review_summary(frame: pd.DataFrame, out: Path | None, *, files: int) -> list[str]:
    """What ``data extract`` prints: candidates per indicator and target, what to fix, what to run next."""

    def say(key: str, **values: object) -> str:
        return " / ".join(REVIEW_MESSAGES[key][lang].format(**values) for lang in ("zh", "en"))

    if frame.empty or out is None:
        return [say("none")]
    lines = [say("found", n=len(frame), files=files, out=out)]
    for row in candidate_counts(frame).itertuples():
        target = f"  (target {row.targets})" if row.targets else ""
        lines.append(f"  {row.indicator} {row.name_zh}: {row.candidates}{target}")
    for key, count in (
        ("approximate", int((frame["bound"] == APPROXIMATE).sum())),
        ("no_year", int(frame["year"].isna().sum())),
        ("no_region", int((frame["region"] == "").sum())),
    ):
        if count:
            lines.append(say(key, n=count))
    lines += [say("next"), f"  hzanalysis data check {out}", f"  hzanalysis assess --data {out}"]
    return lines
