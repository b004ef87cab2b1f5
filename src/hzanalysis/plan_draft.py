"""Drafting a plan's target registry from its text, and checking a registry against its text.

``hzanalysis plan draft PLAN.txt --id ID --region REGION --deadline 2030`` writes a plan folder for review:
the text, ``targets.yaml`` (every clause that sets a quantitative target, with value, unit, comparator, kind,
deadline, period start, the catalogue indicator it maps to, the responsible units and the verbatim clause)
and ``plan.yaml`` (a provenance stub). ``hzanalysis plan check --plan ID|PATH`` validates a registry against
its text. The draft is a starting point: every entry says where it comes from, and what it could not decide
(an indicator missing from the catalogue, an English name) is left for the reviewer and flagged by the check.

How a plan is read (developed on the 2024 plan and on passages of other regions' plans, benchmarks/):

- a target is a number with a unit (家, 件, %, 亿元, 万平方米…; 1万名, 十万家), an index value
  (指数达到78), a growth (年均增长12%, 比2025年增长50%, 翻一番/增加一倍) or a rank (首位/第一, 前三,
  前40位) in a sentence with a cue (达到/超过/不少于/累计/每年/力争/争取/建成/新增/预计…/到YYYY年);
  a clause is cut after each target it states (A达到80家、B达到260家; …集群和10个合作区; A和B分别超过
  X和Y); 居/走在…前列 is a qualitative aim, listed after the numeric targets;
- the past is no target: review sections and paragraphs (发展基础, 执行情况, “十三五”以来, 去年…),
  clauses from 截至/现有/较上年 until the sentence names a plan year, years before the plan period;
- comparator: ``>`` for 超/超过/高于/突破, ``~`` for 左右/约 (met from :data:`APPROX_TOLERANCE`
  below), ``first``/``top`` for ranks, ``>=`` otherwise;
- kind: ``rank``; ``growth`` (unit ``%/年`` or ``%``, the base year in ``base_year``); ``annual_floor``
  for 每年/年均 (每年新增 of a stock goes on its flow indicator); ``cumulative`` for 累计 of a flow (up
  to the next ；), ``level`` for 累计 of a stock and otherwise;
- indicator: the catalogue row whose Chinese name (or synonyms) shares most character pairs with the
  clause's subject (Dice coefficient of character bigrams, at least :data:`MATCH_THRESHOLD`), among the
  rows whose unit fits and whose qualifiers (增加值, 营业收入, 有效, 中小, per 10,000 people…) agree,
  else "new indicator needed"; a value without a subject (…增加一倍,达到1.2%) takes the last one named;
- responsible units: （责任单位：…）, 牵头单位：…；配合单位：… lines or a bracketed list of bureaus,
  for every target of the paragraphs they close; actions from the headings; 力争/争取 kept in the note;
- the same target stated in two places is one entry citing both places.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from . import paths
from .documents import read_document, split_sentences
from .errors import InputError, ParameterError, Problem
from .fileio import atomic_write_text
from .plans import PLAN_FILE, Plan, resolve_plan
from .targets import APPROX_TOLERANCE, KINDS, load_targets

#: First words of a drafted targets.yaml; a reviewer who removes them marks the registry as reviewed.
DRAFT_MARK = "# DRAFT target registry"
#: Lowest bigram Dice similarity between a clause and an indicator name for the draft to map them.
MATCH_THRESHOLD = 0.5

# Longest first, so that 万平方米 wins over 平方米 and 亿元 over 元.
UNITS = (
    "万平方米",
    "平方米",
    "亿元",
    "万元",
    "万人",
    "%",
    "％",
    "家",
    "个",
    "项",
    "件",
    "套",
    "所",
    "座",
    "名",
    "人",
    "次",
    "倍",
    "亩",
)
_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(re.escape(u) for u in UNITS) + ")")
_DEADLINE = re.compile(r"到\s*(20\d\d)\s*年")
# 1万名 (ten thousand persons): 万 before a count unit multiplies; 万人, 万元, 万平方米 are units.
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万\s*(名|家|个|项|件)")
# 十万家, 一百万家: Chinese numerals of ten or more before a count unit (一个, 一家 are no amounts).
_CN_NUMBER = re.compile(
    r"(?<!每)([一二两三四五六七八九十](?=[一二两三四五六七八九十百千万]*[十百千万])[一二两三四五六七八九十百千万]*)"
    r"(家|个|项|件|名|所)"
)
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int:
    """一百万 -> 1000000, 十万 -> 100000, 三十五 -> 35 (numerals below 亿)."""
    total = section = digit = 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_POWERS:
            section += (digit or 1) * _CN_POWERS[char]
            digit = 0
        elif char == "万":
            total += (section + digit or 1) * 10000
            section = digit = 0
    return total + section + digit


_CUE = re.compile(
    r"达到|达|以上|不少于|不低于|超过|超|累计|每年|年均|力争|争取|突破|提高到|提高至|提升至|提升到|增至|"
    r"增加到|上升到|建成|新增|增长|预计|引进|引培|培育|集聚|培养|形成"
)
_STRIVE = re.compile(r"力争|争取")
_MEASURES = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:措施|举措|政策|意见|条款|任务|方面)")
_YEAR_STATED = re.compile(r"(?<![到至比较在前])\s*(20\d\d)\s*年(?![前底末]?(?:的基础|基础))")
# A rank in any position: 居全市首位, 保持第一, 排名前三, 进入全省前40位, 位列前3.
_RANK = re.compile(
    r"(?:居|位居|保持|排名|进入|位列|跻身|稳居|挺进|争创|达到|处于|位于)[^,，。；、]{0,20}?"
    r"(?:前\s*(\d+|[一二三四五六七八九十]+)\s*(?:位|名|强)?(?![季批年个])"
    r"|第\s*(\d+|[一二三四五六七八九十]+)\s*(?:位|名)?(?![批次届年])|(首位))"
)
_RANK_SCOPE = re.compile(r"全国|全省|省内|全市|市内|苏北|长三角|同类")
_LEADING = re.compile(r"(居|走在|位居|保持)[^,，。；]*?前列")
# 突破75家 is more than 75: strict, as 超/超过.
_STRICT = re.compile(r"超过|超|高于|突破")
_ANNUAL = re.compile(r"每年|年均")
# Growth over a base year: 年均增长12% (compound, a rate per year), 比2025年增长50% or 翻一番 (in total).
_GROWTH_ANNUAL = re.compile(
    r"年均(?:增长|增速|增幅)率?(?:达到|达|保持在?|在)?\s*(\d+(?:\.\d+)?)\s*[%％](?:以上|左右)?"
)
_GROWTH_TOTAL = re.compile(r"(?:比|较)\s*(20\d\d)\s*年[末底]?(?:增长|提高|增加)\s*(\d+(?:\.\d+)?)\s*[%％]")
_DOUBLE = re.compile(r"翻(一|两|二)?番|(?:增加|增长)(一)倍")
_BASE_YEAR = re.compile(r"(?:比|较)\s*(20\d\d)\s*年")
# An index has no unit: 综合指数达到78.
_INDEX = re.compile(
    r"指数[^,，。；、\d]{0,8}?(?:达到|达|提高到|提升至|超过|不低于|突破)\s*(\d+(?:\.\d+)?)"
    r"(?![\d.]|\s*(?:%|％|万|亿|家|个|项|件|位|名))"
)
# 左右 after the number, 约/大约 just before it: approximate.
_APPROX_AFTER = re.compile(r"^\s*左右")
_APPROX_BEFORE = re.compile(r"(?:约|大约)\s*$")
# What the region already has (现有高校5所, 截至2025年…): the past, not a target.
_PAST = re.compile(r"现有|已有|已经|截至|截止|上年|去年|同比|由\s*20\d\d\s*年|[“”]?十[二三]五[”“]?末")
# Words that make two indicators different things although their names share most characters:
# 增加值 is not 产值, 营业收入 of high-tech firms not their number, 建有率 of R&D institutions not a count.
_QUALIFIERS = (
    "基础研究",
    "中小",
    "有效",
    "小型",
    "增加值",
    "营业收入",
    "覆盖率",
    "建有率",
    "贡献率",
    "招引",
    "引进",
    "净增",
    "高价值",
    "数字经济",
)
# 分别达到90家和870家: the values go, in order, to the subjects listed before 分别.
_RESPECTIVELY = re.compile(r"分别")
_TOP_HEADING = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_SUB_HEADING = re.compile(r"^(?:[（(]([一二三四五六七八九十]+)[）)]|(\d{1,2})[.．、](?!\d))\s*(.+)$")
# Sections that review the past (their figures are not targets) and those that open no action.
_REVIEW_SECTION = re.compile(r"基础|成效|回顾|形势|现状|背景|成绩|成就|执行情况|完成情况|工作总结")
# A paragraph that opens on the past (“十三五”以来, 近年来, 过去五年) reviews it even outside such a section.
_REVIEW_PARAGRAPH = re.compile(
    r"^[“\"]?十[一二三四]五[”\"]?(?:以来|期间|时期)|^近年来|^过去[一二三四五]年|^20\d\d年以来|"
    r"^[^。]{0,12}(?:去年|上一年|过去一年)"  # 去年上海发展新动能稳步壮大。…: the past year reviewed
)
_NOT_ACTION = re.compile(r"目标|思路|原则|保障|组织实施|意义|要求|指导")
_ACTION_TITLE = re.compile(r"行动|工程|计划|专项")
_UNIT_LABEL = r"(?:主要)?(?:牵头|责任|配合|协同|参与|协办)(?:单位|部门)\s*[:：]"
# (责任单位：…), 【牵头单位：…；配合单位：…】, or a bracketed list of bureaus at the end of a paragraph.
_UNITS_BRACKET = re.compile(
    r"[（(【\[]\s*((?:" + _UNIT_LABEL + r")?[^（）()【】\[\]]+?)[）)】\]]\s*[。；;]?\s*$"
)
# 责任单位：… written after the paragraph's last sentence, or as a line of its own.
_UNITS_INLINE = re.compile(r"(?:^|(?<=[。；;]))\s*(" + _UNIT_LABEL + r".+?)\s*[。]?\s*$")
_BUREAU = re.compile(
    r"(局|委|办|部|院|中心|政府|街道|镇|乡|园区|管委会|办公室|公司|集团|协会|队|处|署|会|行)$"
)
_RANGE = re.compile(r"(20\d\d)\s*[—–\-－~至到]+\s*(20\d\d)\s*年")
_ISSUE_DATE = re.compile(r"(20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_NUMERALS = "一二三四五六七八九十"
# Words that say how a target is phrased, not what it measures: removed before matching an indicator.
# (以上 only after a number: 省级以上研发机构 names the indicator.)
_NOISE = re.compile(
    r"到\s*20\d\d\s*年|(?:比|较)\s*20\d\d\s*年|\d+(?:\.\d+)?\s*(?:"
    + "|".join(re.escape(u) for u in UNITS)
    + r")?(?:以上|左右)?|"
    r"达到|不少于|不低于|超过|累计|每年|年均增长|年均|力争|争取|翻一番|全区|全市|全县|持续提升|进一步|"
    r"[“”\"、,，。；:：%％()（）\s]"
)


@dataclass
class DraftTarget:
    """One drafted target, before it is written as a registry entry."""

    clause: str
    value: float | None
    unit: str
    comparator: str | None
    kind: str
    deadline: int
    indicator: str | None
    name_zh: str
    name_en: str
    action: int
    sections: list[str]
    quotes: list[str]
    responsible_units: list[str]
    notes: list[str] = field(default_factory=list)
    #: growth targets: the year whose figure the growth is measured from.
    base_year: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the plan with where it sits: its section label, action number and named units."""

    text: str
    section: str
    action: int
    action_name: str
    units: tuple[str, ...]
    #: a paragraph of a section reviewing the past (发展基础, 现状): its figures are not targets.
    review: bool = False


# ---------------------------------------------------------------------------------------------------------
# Reading the plan


def _numeral(text: str) -> int:
    """一..十九 (or digits) as an integer (plans number their sections with these)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_NUMERALS.index(tens) + 1) * 10 + (_NUMERALS.index(ones) + 1 if ones else 0)
    return _NUMERALS.index(text) + 1


def paragraphs(text: str) -> list[Paragraph]:
    """The plan's paragraphs with their section, in order; headings themselves are not paragraphs.

    Actions come from the headings, numbered 1, 2… in the order of the plan: a top-level heading naming an
    action (``三、企业梯队培育行动``), or a sub-heading ``（一）实施…行动`` / ``1. …`` under a task section.
    The goals (目标), principles, safeguards (保障) and review (发展基础) sections open none: their
    paragraphs are action 0. A task paragraph's first short sentence (its title) is added to the label,
    e.g. ``四（二）推动新型研发机构集聚发展``. Responsible units (责任单位：…, 牵头单位：…；配合单位：…, or a
    bracketed list of bureaus) at a paragraph's end, or on a line of their own, go to the paragraphs they
    close.
    """
    out: list[Paragraph] = []
    top, top_number, goals, review, container = "", "", True, False, False
    action, action_name, counter, top_action = 0, "", 0, False
    open_from = 0  # the paragraphs a units line standing on its own closes start here
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if (match := _TOP_HEADING.match(line)) and len(line) <= 30:
            top, top_number, title = line, match.group(1), match.group(2)
            goals = "目标" in title
            review = bool(_REVIEW_SECTION.search(title)) and not goals
            container = not (goals or review or _NOT_ACTION.search(title))
            top_action = container and bool(_ACTION_TITLE.search(title))
            if top_action:
                counter += 1
                action, action_name = counter, title.removeprefix("实施").strip("。")
            else:
                action, action_name = 0, ""
            open_from = len(out)
            continue
        sub = _SUB_HEADING.match(line)
        if sub and container:
            numeral, title = sub.group(1) or sub.group(2), sub.group(3)
            head, dot, rest = title.partition("。")
            if len(line) <= 30 or (dot and len(head) <= 24):
                counter += 1
                action, action_name = counter, head.removeprefix("实施").strip("。")
                top = f"{top_number}（{numeral}）"
                top_action = False
                open_from = len(out)
                if not (len(line) > 30 and rest.strip()):
                    continue
                line = rest.strip()  # （一）实施…行动。到2028年…: the heading's own sentences
        units, body = _units_of(line)
        if not body:  # a units line of its own closes the paragraphs since the last heading or units line
            out[open_from:] = [replace(p, units=p.units or units) for p in out[open_from:]]
            open_from = len(out)
            continue
        section = top
        if action and not goals and not top_action:
            title = body.split("。", 1)[0]
            if len(title) <= 20 and "。" in body:
                section = f"{top}{title}"
        out.append(Paragraph(body, section, action if not goals else 0, action_name, units, review))
        if units:
            open_from = len(out)
    return out


def _units_of(line: str) -> tuple[tuple[str, ...], str]:
    """The responsible units a line names at its end, and the line without them."""
    if (found := _UNITS_BRACKET.search(line)) and (units := _split_units(found.group(1))):
        labelled = re.match(_UNIT_LABEL, found.group(1).strip())
        if labelled or all(_BUREAU.search(u) for u in units):
            return units, line[: found.start()].strip()
    if (found := _UNITS_INLINE.search(line)) and (units := _split_units(found.group(1))):
        return units, line[: found.start()].strip()
    return (), line


def _split_units(text: str) -> tuple[str, ...]:
    # Units are separated by 、 and commas; an instruction such as 以下均需各镇街…落实 is not a unit.
    parts = [p.strip().rstrip("。") for p in re.split(r"[、,，;；]", text)]
    kept: list[str] = []
    for part in parts:
        if not part:
            continue
        if part.startswith("以下") or "落实" in part:
            break
        # (牵头单位:区科技局;责任单位:区财政局): the second label starts a new list, not a unit's name.
        part = re.sub("^" + _UNIT_LABEL, "", part).strip()
        if part:
            kept.append(part.removesuffix("等") if part.endswith("等") and len(part) > 2 else part)
    return tuple(kept)


def _sentences(text: str) -> list[str]:
    """Sentences cut after 。！？ only: 到2025年…；…；… sets one deadline for every part after a ；."""
    return [s.strip() for s in re.split(r"(?<=[。！？!?])|\n", text) if s.strip()]


def _clauses_of(sentence: str) -> list[tuple[bool, str]]:
    """The clauses of a sentence, each with whether it opens a new ；-separated part."""
    return [
        (index > 0 and position == 0, clause)
        for index, part in enumerate(re.split(r"[；;]", sentence))
        for position, clause in enumerate(_clauses(part))
    ]


def _clauses(sentence: str) -> list[str]:
    """The comma-separated clauses of a sentence, without the closing punctuation; a colon closes a lead-in
    (要努力实现六个目标:一是…) and the 一是/二是 of a list is no part of the clause."""
    parts = re.split(r"[,，;；:：]", sentence.rstrip("。；;！!？?"))
    return [c for c in (re.sub(r"^[一二三四五六七八九十]+是", "", p.strip()) for p in parts) if c]


def _quantity(text: str) -> bool:
    return bool(
        _NUMBER_UNIT.search(text)
        or _CN_NUMBER.search(text)
        or _RANK.search(text)
        or _INDEX.search(text)
        or _DOUBLE.search(text)
        or _GROWTH_ANNUAL.search(text)
    )


def _segments(clause: str) -> list[str]:
    """A clause cut after each target it states: A达到80家、B达到260家 (or …集群和10个合作区) gives two.

    Pieces between 、/和/及 without a quantity of their own belong to the next piece that has one
    (A、B达到80家 names one target), trailing ones to the last; each segment is a verbatim slice of it.
    """
    pieces = list(re.finditer(r"[^、和及]+", clause))
    if sum(_quantity(p.group(0)) for p in pieces) <= 1:
        return [clause]
    spans: list[list[int]] = []
    start = 0
    for index, piece in enumerate(pieces):
        if _quantity(piece.group(0)):
            spans.append([start, piece.end()])
            start = pieces[index + 1].start() if index + 1 < len(pieces) else len(clause)
    spans[-1][1] = max(spans[-1][1], len(clause) if start < len(clause) else spans[-1][1])
    return [clause[a:b] for a, b in spans]


# ---------------------------------------------------------------------------------------------------------
# Indicators


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two texts (1 = same pairs, 0 = none shared)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@dataclass(frozen=True)
class Indicator:
    """A catalogue row as the draft needs it."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    stock: bool
    names: tuple[str, ...]
    flow: bool = False


def catalogue(path: Path | None = None) -> list[Indicator]:
    """The indicator catalogue (``data/raw/indicators.csv``), with its ``synonyms`` column when present."""
    import csv

    path = path or paths.raw_dir() / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Indicator(
            id=row["id"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            unit=row["unit"],
            stock=row.get("flow_or_stock", "") == "stock",
            names=(row["name_zh"], *filter(None, re.split(r"[;；|]", row.get("synonyms") or ""))),
            flow=row.get("flow_or_stock", "") == "flow",
        )
        for row in rows
        if row.get("id")
    ]


# Units that count the same kind of thing (a plan's 个 for the catalogue's 家); 件 counts patents only.
_COUNT_UNITS = frozenset({"家", "个", "项", "套", "所", "座", "名", "人", "次"})


def unit_fits(unit: str | None, indicator: Indicator) -> bool:
    """Whether a target's unit measures what the indicator does: the same unit, two count units (a plan's
    个 for the catalogue's 家), a count per population (件 for 件/万人), or an index (点) of a 指数."""
    if unit == "点":
        return any("指数" in name for name in indicator.names)
    if unit == indicator.unit or (unit in _COUNT_UNITS and indicator.unit in _COUNT_UNITS):
        return True
    return "/" in indicator.unit and indicator.unit.split("/")[0] == unit


def match_indicator(clause: str, indicators: Sequence[Indicator]) -> tuple[Indicator | None, float]:
    """The catalogue indicator whose name is most like the clause, and its score (None below threshold)."""
    subject = _NOISE.sub("", clause)
    # Before the units go (万人 is one): a figure per 10,000 people, once its number is gone, says 万人.
    per_population = bool(re.search(r"万人|每万", subject))
    for unit in UNITS:
        subject = subject.replace(unit, "")
    best, score = None, 0.0
    own = {q for q in _QUALIFIERS if q in subject}
    for indicator in indicators:
        if indicator.unit != "%" and ("/" in indicator.unit) != per_population:
            continue  # 每万人…拥有量 is a count per population, 发明专利拥有量 of firms is not
        for name in indicator.names:
            if own != {q for q in _QUALIFIERS if q in name}:
                continue
            s = similarity(subject, _NOISE.sub("", name.removesuffix("数")))
            if s > score:
                best, score = indicator, s
    return (best, score) if score >= MATCH_THRESHOLD else (None, score)


# ---------------------------------------------------------------------------------------------------------
# Drafting


def draft_targets(
    text: str, deadline: int, indicators: Sequence[Indicator] | None = None
) -> list[DraftTarget]:
    """Every target the plan's text sets, one entry per target (a target stated twice cites both places);
    the numeric targets first, then the qualitative aims."""
    indicators = catalogue() if indicators is None else indicators
    base = plan_period(text, deadline) - 1  # growth with no stated base: from the year before the period
    drafts: list[DraftTarget] = []
    for paragraph in paragraphs(text):
        if paragraph.review or _REVIEW_PARAGRAPH.search(paragraph.text):
            continue
        for sentence in _sentences(paragraph.text):
            year = deadline
            cumulative = strive = past = False
            # A cue anywhere in the sentence covers every clause of it (争取建成X1家,Y1家,Z1家).
            cued = bool(_CUE.search(sentence) or _DEADLINE.search(sentence))
            previous, previous_drafts = "", []
            for new_part, clause in _clauses_of(sentence):
                if new_part:  # 累计 and 力争 hold up to the next ；, the deadline beyond it
                    cumulative = strive = False
                if found := _DEADLINE.search(clause):  # 到2020年 in a 2021–2025 plan: what was reached
                    year, past = int(found.group(1)), int(found.group(1)) <= base
                # 截至2018年底,…达285家,较…增加107家: the past runs on until the sentence names a deadline;
                # 2020年…为7.8% (a year before the plan period, not 比/较/在 a base year) is the past too.
                stated = [int(y) for y in _YEAR_STATED.findall(clause)]
                if stated:  # a year of its own decides: 2020年…为7.8%, then 2025年预计增加到10%
                    past = any(y <= base for y in stated) or bool(_PAST.search(clause))
                else:
                    past = past or bool(_PAST.search(clause))
                cumulative = cumulative or "累计" in clause
                strive = strive or bool(_STRIVE.search(clause))
                if past:
                    previous = clause if _subject(clause) else previous
                    previous_drafts = []
                    continue
                # 达到1.2% after 比重增加一倍: the clause has no subject of its own, the one before gives
                # it, and the doubling it follows is the same target restated.
                inherit = previous if not _subject(clause) else ""
                context = _Context(year, cumulative, cued, strive, base)
                found_here = _respectively(clause, previous, context, paragraph, indicators)
                for segment in _segments(clause) if not found_here else []:
                    draft = _draft_segment(segment, context, paragraph, indicators, inherit)
                    if draft is not None:
                        found_here.append(draft)
                if inherit and found_here:
                    doubled = [d for d in previous_drafts if d.kind == "growth" and _DOUBLE.search(d.clause)]
                    drafts[:] = [d for d in drafts if not any(d is g for g in doubled)]
                drafts.extend(found_here)
                previous = clause if _subject(clause) else previous
                previous_drafts = found_here
    merged = _merge(drafts)
    return [d for d in merged if d.kind != "qualitative"] + [d for d in merged if d.kind == "qualitative"]


@dataclass(frozen=True)
class _Context:
    year: int
    cumulative: bool
    cued: bool
    strive: bool
    base_year: int


def _subject(clause: str) -> str:
    """What a clause measures: the clause without numbers, units and phrasing words (may be empty)."""
    subject = _NOISE.sub("", re.sub(r"\s+", "", clause))
    subject = _PAST.sub("", re.sub(r"20\d\d年|" + _FILLER, "", subject)).strip("较比")
    return "" if len(subject) < 2 else subject


# Words that say how much or how firmly, never what: a clause of only these has no subject of its own.
_FILLER = (
    r"[一二三四五六七八九十]年|努力|确保|争取|力争|实现|要|完成|新增|新建|达到|达|突破|增加到|增加|提高到|提升至|增至|超过|超|分别|预计|"
    r"以上|左右|约"
)


def _respectively(
    clause: str,
    previous: str,
    context: _Context,
    paragraph: Paragraph,
    indicators: Sequence[Indicator],
) -> list[DraftTarget]:
    """A和B…分别超过90家和870家: one target per subject, each with its value (empty when not this form)."""
    found = _RESPECTIVELY.search(clause)
    numbers = list(_NUMBER_UNIT.finditer(clause))
    if found is None or len(numbers) < 2:
        return []
    head = clause[: found.start()] or previous
    head = re.sub(
        r"在\s*20\d\d\s*年.*$|(?:实现|达到).*$", "", re.sub(r"^.*?(?:全区|全市|全县|全省)", "", head)
    )
    subjects = [s for s in re.split(r"和|与|及|、", head) if s.strip()]
    if len(subjects) != len(numbers):
        return []
    drafts = []
    for subject, number in zip(subjects, numbers, strict=True):
        # The quote is the clause (verbatim); the subject written before the value is what is matched.
        draft = _draft_segment(
            # 分别超过90家: the words between 分别 and the first value say how (超过: strict) for each value.
            clause[: numbers[0].start()] + number.group(0),
            context,
            paragraph,
            indicators,
            subject,
        )
        if draft is not None:
            draft.quotes, draft.clause = [clause], clause
            if draft.indicator is None:
                draft.name_zh = subject
            drafts.append(draft)
    return drafts


def _value_match(segment: str) -> re.Match[str] | None:
    """The figure a segment sets: the first number with a unit that does not qualify what is counted
    (总收入超过100亿元的企业达到10家 sets 10家); 1万名 and 十万家 included."""
    found = [
        m
        for pattern in (_WAN, _NUMBER_UNIT, _CN_NUMBER)
        for m in pattern.finditer(segment)
        if not re.match(r"的(?!主要目标|目标)", segment[m.end() :])
    ]
    # 1万名 is read by _WAN, not as 1 of _NUMBER_UNIT's 万…; the earliest figure wins
    found.sort(key=lambda m: (m.start(), m.re is not _WAN))
    return found[0] if found else None


def _draft_segment(
    segment: str,
    context: _Context,
    paragraph: Paragraph,
    indicators: Sequence[Indicator],
    inherit: str = "",
) -> DraftTarget | None:
    quote = segment.strip()
    rank = _RANK.search(segment)
    growth = _GROWTH_ANNUAL.search(segment) or _GROWTH_TOTAL.search(segment) or _DOUBLE.search(segment)
    number = _value_match(segment)
    index = _INDEX.search(segment) if number is None else None
    base = {
        "deadline": context.year,
        "action": paragraph.action,
        "sections": [paragraph.section],
        "quotes": [quote],
        "responsible_units": list(paragraph.units),
    }
    if rank is None and growth is None and number is None and index is None:
        if _LEADING.search(segment):
            return DraftTarget(
                clause=quote,
                value=None,
                unit="",
                comparator=None,
                kind="qualitative",
                indicator=None,
                name_zh=_NOISE.sub("", segment)[:30],
                name_en="",
                notes=["qualitative: listed, never scored"],
                **base,  # type: ignore[arg-type]
            )
        return None
    if rank is None and not (context.cued or _CUE.search(segment) or _DEADLINE.search(segment)):
        return None
    if _PAST.search(segment):
        return None
    if number is not None and _MEASURES.match(segment[number.end() :]):
        return None  # 提出了18项培育措施: how many measures the plan lists, not a target
    notes: list[str] = []
    subject = re.sub(r"\s+", "", inherit + segment)  # R&D 经费 is R&D经费
    base_year = None
    if rank is not None:
        subject = subject.replace(re.sub(r"\s+", "", rank.group(0)), "")
        written = rank.group(1) or rank.group(2)
        place = 1 if rank.group(3) else _numeral(written)
        value, unit, kind = float(place), "位", "rank"
        comparator = "first" if place == 1 else "top"
        scope = _RANK_SCOPE.search(segment)
        notes.append(
            f"rank within {scope.group(0) if scope else 'an unstated group'}: judged among the region's "
            "peer group of data/raw/regions.csv; check that the plan ranks among the same units"
        )
    elif growth is not None:
        kind, comparator = "growth", ">" if _STRICT.search(segment[: growth.start()][-4:]) else ">="
        subject = subject.replace(re.sub(r"\s+", "", growth.group(0)), "")
        if growth.re is _GROWTH_ANNUAL:
            value, unit = float(growth.group(1)), "%/年"
        elif growth.re is _GROWTH_TOTAL:
            value, unit = float(growth.group(2)), "%"
        else:
            value, unit = (100.0 if growth.group(1) in (None, "一") else 300.0), "%"
        stated = _BASE_YEAR.search(segment)
        base_year = int(stated.group(1)) if stated else context.base_year
        notes.append(
            f"growth over the {base_year} figure"
            + (" (stated)" if stated else " (the year before the plan period; check)")
            + (": compound, per year" if unit == "%/年" else ": in total by the deadline")
        )
    else:
        found = number or index
        if number is not None and number.re is _CN_NUMBER:
            value = float(chinese_number(number.group(1)))
        else:
            value = float(found.group(1))  # type: ignore[union-attr]
        if number is not None and number.re is _WAN:  # 1万名 is 10,000 persons
            value *= 10000
        unit = number.group(2).replace("％", "%") if number else "点"
        before = segment[: found.start()]  # type: ignore[union-attr]
        after = segment[found.end() :]  # type: ignore[union-attr]
        if _APPROX_AFTER.search(after) or _APPROX_BEFORE.search(before):
            comparator = "~"
            notes.append(
                f"approximate (左右/约): met from {APPROX_TOLERANCE:.0%} below the value, i.e. "
                f"{value * (1 - APPROX_TOLERANCE):g}{unit}"
            )
        else:
            comparator = ">" if _STRICT.search(before[-4:] if len(before) > 4 else before) else ">="
        kind = "annual_floor" if _ANNUAL.search(segment) else "level"
    # A level, floor or sum is measured in its indicator's unit: 78 (an index) is no area, 2.6% no amount.
    fitting = indicators if kind in ("rank", "growth") else [i for i in indicators if unit_fits(unit, i)]
    indicator, score = match_indicator(subject, fitting)
    if indicator is not None and indicator.stock and re.search(r"新增|净增", segment) and kind != "rank":
        # 每年新增10家 of a stock is its yearly increment: a flow, never a floor on the stock.
        flows = [i for i in indicators if i.flow]
        stock = indicator
        indicator, score = match_indicator(subject.replace("新增", "净增"), flows)
        if indicator is None:
            notes.append(f"an increment of the stock {stock.id}: needs its flow indicator")
    if kind in ("level", "annual_floor") and context.cumulative and rank is None and growth is None:
        if kind == "level":
            kind = "level" if indicator is not None and indicator.stock else "cumulative"
        if kind == "level":
            notes.append("累计 of a stock indicator: read as the level at the deadline")
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
        name_zh=indicator.name_zh if indicator else _NOISE.sub("", segment)[:30],
        name_en=indicator.name_en if indicator else "",
        notes=notes,
        base_year=base_year,
        **base,  # type: ignore[arg-type]
    )


def _merge(drafts: list[DraftTarget]) -> list[DraftTarget]:
    """One entry per (indicator, kind family, value): a target stated in two places cites both."""
    merged: list[DraftTarget] = []
    index: dict[tuple[Any, ...], DraftTarget] = {}
    for draft in drafts:
        if draft.indicator is None:
            same = [
                m
                for m in merged
                if m.indicator is None
                and (m.value, m.unit, m.kind) == (draft.value, draft.unit, draft.kind)
                and m.kind != "qualitative"
                and similarity(_subject(m.clause), _subject(draft.clause)) >= 0.6
            ]
            if not same:
                merged.append(draft)
                continue
            first = same[0]
            first.sections += [s for s in draft.sections if s not in first.sections]
            first.quotes += [q for q in draft.quotes if q not in first.quotes]
            continue
        key = (draft.indicator, draft.kind == "annual_floor", draft.kind == "growth", draft.value)
        first = index.get(key)
        if first is None:
            index[key] = draft
            merged.append(draft)
            continue
        first.sections += [s for s in draft.sections if s not in first.sections]
        first.quotes += [q for q in draft.quotes if q not in first.quotes]
        if not first.responsible_units:
            first.responsible_units = draft.responsible_units
        for name in ("comparator", "unit", "kind"):
            if getattr(first, name) != getattr(draft, name):
                first.notes.append(
                    f"the places differ on {name} ({getattr(first, name)} vs {getattr(draft, name)}): "
                    "the first place's is kept; check"
                )
    return merged


def plan_period(text: str, deadline: int) -> int:
    """The first year of the plan period: a range such as 2026—2030年, else the year of the issue date
    (the first full date 2024年2月28日 in the text), else five years before the deadline."""
    if found := _RANGE.search(text):
        return int(found.group(1))
    if found := _ISSUE_DATE.search(text):
        return int(found.group(1))
    return deadline - 4


def registry_document(drafts: Sequence[DraftTarget], period_start: int, source: str) -> dict[str, Any]:
    """The draft as a targets.yaml document (same format as the curated registries)."""
    ids: dict[str, int] = {}
    for d in drafts:
        if d.indicator:
            ids[d.indicator] = ids.get(d.indicator, 0) + 1
    entries = []
    for number, d in enumerate(drafts, start=1):
        if d.indicator and ids[d.indicator] == 1:
            target_id = d.indicator
        elif d.indicator:
            target_id = f"{d.indicator}_{d.kind}"
        else:
            target_id = f"target_{number}"
        period = d.kind in ("annual_floor", "cumulative")
        start = d.base_year if d.kind == "growth" else min(period_start, d.deadline) if period else None
        entries.append(
            {
                "id": target_id,
                "name_zh": d.name_zh,
                "name_en": d.name_en,
                "action": d.action,
                "sections": d.sections,
                "kind": d.kind,
                "comparator": d.comparator,
                "value": (int(d.value) if d.value is not None and d.value.is_integer() else d.value),
                "unit": d.unit or None,
                "indicator": d.indicator,
                "deadline": d.deadline,
                "period_start": start,
                "responsible_units": d.responsible_units,
                "quotes": d.quotes,
                "note": " ".join(["DRAFT (hzanalysis plan draft): review.", *d.notes]),
            }
        )
    return {"plan": source, "targets": entries}


def draft_plan(
    source: Path,
    plan_id: str,
    region: str,
    deadline: int,
    out_dir: Path,
    *,
    title: str | None = None,
    issuer: str | None = None,
    period_start: int | None = None,
    issued_on: str | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write a plan folder ``out_dir/plan_id`` (text, draft targets.yaml, plan.yaml stub, SOURCE.md)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9\-_]*", plan_id):
        raise ParameterError(
            f"--id {plan_id!r}: expected a lower-case slug such as lyg-2030 (letters, digits, -)"
        )
    if not 2000 <= deadline <= 2100:
        raise ParameterError(f"--deadline {deadline}: expected a year such as 2030")
    text = read_document(source)
    folder = Path(out_dir) / plan_id
    if folder.exists() and any(folder.iterdir()):
        if not overwrite:
            raise ParameterError(
                f"{folder} already exists and is not empty; choose another --id or --out, or pass --force"
            )
        registry_file = folder / "targets.yaml"
        if registry_file.is_file() and not registry_file.read_text(encoding="utf-8").startswith(DRAFT_MARK):
            # --force replaces an earlier draft, never a registry someone has reviewed (its header is gone).
            raise ParameterError(
                f"{folder} holds a reviewed registry (targets.yaml without the draft header); not "
                "replacing it even with --force. Fix: draft under another --id or --out, or move the folder "
                "away yourself"
            )
    start = period_start if period_start is not None else plan_period(text, deadline)
    drafts = draft_targets(text, deadline)
    if not drafts:
        raise InputError(
            Problem(
                str(source),
                "",
                "",
                "sentences setting quantitative targets (到2030年…达到/不少于…)",
                "none",
                "check that the file is the plan's full text",
            )
        )
    actions = {0: ["总体目标", "Overall goals"]}
    for paragraph in paragraphs(text):
        if paragraph.action and any(d.action == paragraph.action for d in drafts):
            actions.setdefault(paragraph.action, [paragraph.action_name, ""])
    issued = _ISSUE_DATE.search(text)
    provenance = {
        "id": plan_id,
        "title_zh": title or _first_title(text) or plan_id,
        "title_en": "",
        "issuer": issuer or "(to fill: 发文机关)",
        # No date in the text: left empty (plan check then asks for it) rather than guessed.
        "issued": issued_on or (_iso(issued.group(0)) if issued else None),
        "published": None,
        "url": None,
        "region": region,
        "period_start": start,
        "deadline": deadline,
        "text": "plan.txt",
        "targets": "targets.yaml",
        "actions": actions,
    }
    header = (
        f"{DRAFT_MARK} written by `hzanalysis plan draft` from {source.name}, {dt.date.today()}.\n"
        "# Review every entry against plan.txt, then run `hzanalysis plan check --plan <this folder>`.\n"
    )
    registry = registry_document(drafts, start, "plan.txt")
    # Written into a staging folder renamed into place: a failed draft leaves no half-written plan folder.
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{plan_id}.draft-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()  # a plain mkdir keeps the user's umask (mkdtemp would make it private)
    try:
        _write_draft(
            staging,
            text,
            header + _dump(registry),
            _dump(provenance),
            plan_id,
            source,
            drafts,
            deadline,
            start,
        )
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return [folder / name for name in ("plan.txt", "targets.yaml", PLAN_FILE, "SOURCE.md")]


def _write_draft(
    folder: Path,
    text: str,
    registry: str,
    provenance: str,
    plan_id: str,
    source: Path,
    drafts: Sequence[DraftTarget],
    deadline: int,
    start: int,
) -> None:
    for name, content in (
        ("plan.txt", text if text.endswith("\n") else text + "\n"),
        ("targets.yaml", registry),
        (
            PLAN_FILE,
            "# Provenance stub written by `hzanalysis plan draft`: fill issuer, url and the dates.\n"
            + provenance,
        ),
        (
            "SOURCE.md",
            f"# {plan_id}: how the registry was built\n\n"
            f"Drafted by `hzanalysis plan draft` from `{source.name}` ({len(drafts)} entries), "
            f"deadline {deadline}, plan period from {start}. Record here the plan's source (title, issuer, "
            "date, URL) and every choice made while reviewing the draft.\n",
        ),
    ):
        atomic_write_text(folder / name, content)


def _first_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if (
            re.search(r"(方案|规划|意见|计划)([（(][^）)]*[）)])*$", line)  # …计划（2026—2028年）（虚构）
            and len(line) <= 40
            and not line.startswith("关于")
        ):
            return line
    return None


def _iso(chinese_date: str) -> str:
    year, month, day = (int(n) for n in re.findall(r"\d+", chinese_date))
    return dt.date(year, month, day).isoformat()


def _dump(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)


# ---------------------------------------------------------------------------------------------------------
# Checking a registry against its text


def check_plan(plan: str | Path | Plan | None = None) -> list[Problem]:
    """Every problem of a plan's registry: the loader's field checks, then the checks against the text
    (each quote verbatim in the text, each value written in one of its quotes, deadlines in the period),
    against the catalogues (a unit and kind that fit the indicator, a region of regions.csv) and for what
    a reviewer must still fill (placeholders, an empty ``title_en``)."""
    plan = resolve_plan(plan)
    file = str(plan.targets_path)
    problems: list[Problem] = _provenance_problems(plan)
    try:
        load_targets(plan=plan)
    except InputError as error:
        problems.extend(error.problems)
    try:
        entries = yaml.safe_load(plan.targets_path.read_text(encoding="utf-8")).get("targets") or []
        text = plan.text()
    except (OSError, AttributeError, yaml.YAMLError):
        return problems  # the loader has already said what is wrong with the file
    flat = re.sub(r"\s+", "", text)
    indicators = {i.id: i for i in catalogue()}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            continue
        row = f"entry {number} (id {entry.get('id')})" if entry.get("id") else f"entry {number}"
        quotes = [q for q in entry.get("quotes") or [] if isinstance(q, str)]
        for quote in quotes:
            if quote not in text and re.sub(r"\s+", "", quote) not in flat:
                problems.append(
                    Problem(
                        file,
                        row,
                        "quotes",
                        f"a verbatim passage of {plan.text_path.name}",
                        f"{quote!r:.60}",
                        "copy the clause character for character from the plan text (commas included)",
                    )
                )
        problems += _entry_problems(entry, row, file, indicators)
        value = entry.get("value")
        numeric = entry.get("kind") in KINDS and entry.get("kind") not in ("qualitative", "rank")
        if (
            numeric
            and quotes
            and isinstance(value, int | float)
            and not any(_written(value, q) for q in quotes)
        ):
            problems.append(
                Problem(
                    file,
                    row,
                    "value",
                    "the number written in one of the entry's quotes",
                    f"{value!r}, not in {quotes}",
                    "correct the value, or quote the clause that states it",
                )
            )
        deadline = entry.get("deadline")
        if isinstance(deadline, int) and not plan.period_start <= deadline <= plan.deadline:
            problems.append(
                Problem(
                    file,
                    row,
                    "deadline",
                    f"a year inside the plan period {plan.period_start}–{plan.deadline} (plan.yaml)",
                    repr(deadline),
                    "correct the deadline, or the plan period in plan.yaml",
                )
            )
    return problems


def _written(value: float, quote: str) -> bool:
    numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", quote)}
    numbers |= {float(n) * 10000 for n in re.findall(r"(\d+(?:\.\d+)?)\s*万", quote)}  # 1万名
    numbers |= {float(chinese_number(m.group(1))) for m in _CN_NUMBER.finditer(quote)}  # 十万家
    if (found := _DOUBLE.search(quote)) is not None:  # 翻一番 is +100%, 翻两番 +300%
        numbers.add(100.0 if found.group(1) in (None, "一") else 300.0)
    return float(value) in numbers


#: Text a reviewer is meant to replace: the draft's stubs and the usual placeholders.
_PLACEHOLDER = re.compile(r"TODO|TBD|FIXME|XXX|待填|待补|待定|待核|to fill", re.IGNORECASE)


def _provenance_problems(plan: Plan) -> list[Problem]:
    """What plan.yaml still lacks: placeholders, an English title, a region of regions.csv."""
    from .regions import add_region_hint, region_ids

    file = str(plan.folder / PLAN_FILE)
    problems = []
    document = yaml.safe_load((plan.folder / PLAN_FILE).read_text(encoding="utf-8")) or {}
    for key, value in document.items():
        if isinstance(value, str) and _PLACEHOLDER.search(value):
            problems.append(
                Problem(
                    file, "", str(key), "the real value, not a placeholder", repr(value), f"fill '{key}:'"
                )
            )
    if not plan.title_en.strip():
        problems.append(
            Problem(
                file,
                "",
                "title_en",
                "the plan's English title (reports in English name the plan by it)",
                repr(plan.title_en),
                "write 'title_en:', e.g. Three-Year Action Plan for S&T Innovation (2026-2028)",
            )
        )
    if plan.region not in region_ids():
        problems.append(
            Problem(
                file,
                "",
                "region",
                "a region id of data/raw/regions.csv (observation files are checked against it)",
                repr(plan.region),
                add_region_hint(plan.region),
            )
        )
    return problems


def _entry_problems(
    entry: dict[str, Any], row: str, file: str, indicators: dict[str, Indicator]
) -> list[Problem]:
    """Placeholders in an entry, and a unit or kind that does not fit its indicator."""
    problems = []
    for key in ("name_zh", "name_en", "note"):
        value = entry.get(key)
        if isinstance(value, str) and _PLACEHOLDER.search(value.replace("DRAFT (hzanalysis plan draft)", "")):
            problems.append(
                Problem(file, row, key, "the real text, not a placeholder", repr(value), f"fill {key}")
            )
    indicator = indicators.get(str(entry.get("indicator")))
    kind, unit = entry.get("kind"), entry.get("unit")
    if indicator is None or kind not in ("level", "annual_floor", "cumulative"):
        return problems
    if not unit_fits(unit, indicator):
        problems.append(
            Problem(
                file,
                row,
                "unit",
                f"the unit of indicator {indicator.id}: {indicator.unit} (observations are in it)",
                repr(unit),
                "choose the indicator the plan's unit measures, or state the value in the indicator's unit",
            )
        )
    if kind in ("annual_floor", "cumulative") and not indicator.flow:
        what = "a stock" if indicator.stock else "a ratio"
        problems.append(
            Problem(
                file,
                row,
                "kind",
                f"a flow indicator for kind {kind!r} ({indicator.id} is {what}: a yearly floor or a sum "
                "over years of it means nothing)",
                repr(kind),
                "use its flow (每年新增 X: the yearly increment, e.g. hte_net_new), or kind level",
            )
        )
    return problems


# ---------------------------------------------------------------------------------------------------------
# Indicator coverage (for `hzanalysis data check --plan`)


def coverage_lines(plan: str | Path | Plan | None, data: Sequence[str] = ()) -> list[str]:
    """Which of the plan's indicators the observation files cover for the plan's region, one line each."""
    from .observations import load_observations

    plan = resolve_plan(plan)
    observations = load_observations(list(data))
    rows = observations[observations["region"] == plan.region]
    lines = [f"indicator coverage for plan {plan.id} ({plan.region}):"]
    seen: set[str] = set()
    for target in load_targets(plan=plan):
        if not target.indicator or target.indicator in seen:
            continue
        seen.add(target.indicator)
        years = sorted({int(y) for y in rows.loc[rows["indicator"] == target.indicator, "year"]})
        state = f"covered: {', '.join(map(str, years))}" if years else "NOT covered (no figure)"
        lines.append(f"  {target.indicator:<32} {state}")
    covered = sum("covered:" in line for line in lines)
    lines.append(f"  {covered} of {len(seen)} indicators covered")
    return lines


# ---------------------------------------------------------------------------------------------------------
# Command line (wired into hzanalysis.cli)


def add_plan_commands(sub: Any) -> None:
    """Add ``plan draft`` and ``plan check`` to the ``hzanalysis`` parser's subcommands."""
    plan = sub.add_parser("plan", help="draft a new plan's target registry, or check a registry")
    plan_sub = plan.add_subparsers(title="plan commands")
    draft = plan_sub.add_parser(
        "draft", help="draft a plan folder (targets.yaml for review) from the plan's text"
    )
    draft.add_argument("source", type=Path, help="the plan's text (.txt, UTF-8 or GBK)")
    draft.add_argument("--id", required=True, help="the new plan's id, e.g. haizhou-2030")
    draft.add_argument("--region", required=True, help="the region the plan's targets are about, e.g. 海州区")
    draft.add_argument("--deadline", type=int, required=True, help="the year the targets are set for")
    draft.add_argument(
        "--start", type=int, help="first year of the plan period (default: read from the text)"
    )
    draft.add_argument("--title", help="the plan's title (default: read from the text)")
    draft.add_argument("--issuer", help="who issued the plan (发文机关)")
    draft.add_argument(
        "--issued", help="the issue date YYYY-MM-DD (default: the first full date in the text)"
    )
    draft.add_argument(
        "--out", type=Path, help="folder to write the plan folder into (default: data/raw/plans)"
    )
    draft.add_argument("--force", action="store_true", help="overwrite an existing plan folder")
    draft.set_defaults(handler=_draft_command)
    check = plan_sub.add_parser("check", help="validate a plan's registry against its text")
    check.add_argument("--plan", help="plan id or plan folder path (default: haizhou-2024)")
    check.set_defaults(handler=_check_command)


def _draft_command(args: argparse.Namespace) -> int:
    out = args.out if args.out is not None else paths.raw_dir() / "plans"
    written = draft_plan(
        args.source,
        args.id,
        args.region,
        args.deadline,
        out,
        title=args.title,
        issuer=args.issuer,
        period_start=args.start,
        issued_on=args.issued,
        overwrite=args.force,
    )
    for path in written:
        print(f"wrote {path}")
    print(f"next: review {written[1]}, then `hzanalysis plan check --plan {written[0].parent}`")
    return 0


def _check_command(args: argparse.Namespace) -> int:
    plan = resolve_plan(args.plan)
    problems = check_plan(plan)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    print(
        f"ok: {plan.targets_path} agrees with {plan.text_path.name} ({len(load_targets(plan=plan))} targets)"
    )
    return 0


# ---------------------------------------------------------------------------------------------------------
# Scoring a draft against a curated registry (benchmarks/plan_draft.py)


def naive_draft(text: str, deadline: int) -> list[DraftTarget]:
    """The baseline the benchmark compares with: every clause holding a number with a unit is a ``level``
    target with ``>=``, no merging, no responsible units, no indicator."""
    drafts = []
    for paragraph in paragraphs(text):
        for sentence in split_sentences(paragraph.text):
            for clause in _clauses(sentence):
                if number := _NUMBER_UNIT.search(clause):
                    drafts.append(
                        DraftTarget(
                            clause=clause,
                            value=float(number.group(1)),
                            unit=number.group(2),
                            comparator=">=",
                            kind="level",
                            deadline=deadline,
                            indicator=None,
                            name_zh=clause,
                            name_en="",
                            action=0,
                            sections=[paragraph.section],
                            quotes=[clause],
                            responsible_units=[],
                        )
                    )
    return drafts


def score_draft(drafts: Sequence[DraftTarget], curated: Sequence[Any]) -> dict[str, Any]:
    """Recall, precision and field agreement of drafted numeric targets against a curated registry.

    A draft entry finds a curated target when one of its quotes and one of the target's quotes contain one
    another and the values agree (rank targets: both ranks); each curated target is found at most once.
    Returns counts and rates: ``recall`` (curated numeric targets found), ``precision`` (numeric draft
    entries that are curated targets), and among the found the share whose ``value_comparator``, ``kind``,
    ``indicator`` and ``units`` (responsible units, as a list) agree, plus ``sections`` (both places cited).
    """
    numeric = [t for t in curated if t.is_quantitative]
    drafted = [d for d in drafts if d.kind != "qualitative"]
    found: dict[str, DraftTarget] = {}
    for draft in drafted:
        for target in numeric:
            if target.id in found:
                continue
            same_value = (draft.kind == "rank") == (target.kind == "rank") and (
                draft.kind == "rank" or draft.value == target.value
            )
            overlap = any(q in c or c in q for q in draft.quotes for c in target.quotes)
            if same_value and overlap:
                found[target.id] = draft
                break
    matched = [(t, found[t.id]) for t in numeric if t.id in found]

    def share(test: Any) -> float:
        return sum(bool(test(t, d)) for t, d in matched) / len(numeric) if numeric else float("nan")

    return {
        "curated": len(numeric),
        "drafted": len(drafted),
        "found": len(matched),
        "recall": len(matched) / len(numeric) if numeric else float("nan"),
        "precision": len(matched) / len(drafted) if drafted else float("nan"),
        "value_comparator": share(lambda t, d: d.value == t.value and d.comparator == t.comparator),
        "kind": share(lambda t, d: d.kind == t.kind),
        "indicator": share(lambda t, d: d.indicator == t.indicator),
        "units": share(lambda t, d: list(d.responsible_units) == list(t.responsible_units)),
        "sections": share(lambda t, d: len(d.quotes) >= len(t.quotes)),
        "missed": [t.id for t in numeric if t.id not in found],
        "disagree": {
            t.id: [
                name
                for name, ok in (
                    ("comparator", d.comparator == t.comparator),
                    ("kind", d.kind == t.kind),
                    ("indicator", d.indicator == t.indicator),
                    ("units", list(d.responsible_units) == list(t.responsible_units)),
                    ("places", len(d.quotes) >= len(t.quotes)),
                )
                if not ok
            ]
            for t, d in matched
        },
    }
