"""Whose figure it is: the whole region's, or a part's named by the clause's subject or a topic before it.

Across the real rounds the largest cause of wrong candidates was a figure of a part (a county, a zone,
centres, the firms, a field, a size class) taken as the region's, and each round named its parts with new
words. So scope is judged on the *subject* of the figure's clause, not on a list of part names before one
statistic:

- the subject is the words of the clause before its statistic (or before its figure when the figure comes
  first); a clause without a subject of its own takes the subject of its sentence's first clause, and a
  sentence without one takes the topic a heading line or a figure-less sentence before it set
  ("●东部片区引领作用突出" over bullet lines);
- a subject names a part when it counts a group ("12家区级企业研发中心，…"), names a population,
  field or zone (企业法人, 高校, 科研院所, 领域, 园区, 中心城区 …), qualifies the population by a figure
  ("营业收入超5亿元的高新技术企业"), or names a county or district below the whole the document speaks for;
- a clause that states a figure of its own ("全区拥有科研院所6家，…") is a sibling, not a subject: only a
  clause that names without stating (a head, a heading, a figure-less sentence) lends its subject;
- a zone or place the document opens with (苏州工业园区…, 高新区… in a zone's news) is the document's own
  subject, not a part of it.

An explicit whole (全省, 全市, 我国, 全社会 …) in the subject after the part words resets it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from .vocabulary import FIRM_KINDS

# The region as a whole: a subject naming it after a part's words speaks for the whole again (not a
# comparison with it: 高于全区平均水平, 占全市的…).
WHOLE_RE = re.compile(
    r"(?<![于占为居比较过])(全国|我国|全省|我省|该省|本省|全市|我市|该市|本市|全县|我县|该县|全区|我区|本区|全社会|自治区)"
)
# Populations and fields whose amounts are a part of the region's sum (the firms', a sector's, a field's R&D,
# contract turnover or patents), when they stand as the subject (not as a partner: 与高校院所共建…).
_POPULATION_RE = re.compile(
    r"(?<![与和同向为对])(企业法人|企业|高企|高校|高等学校|高等院校|科研院所|院所|科研机构|研究机构|领域|行业"
    # a sector (五大优势产业, 高技术制造业) and one side of a flow between places (流向津冀, 吸纳, 输出)
    r"|产业|制造业|流向|吸纳|输出)"
)
# Kinds of firms right before the statistic ("上市的国家级高新技术企业", "境内…"): a part for any statistic.
_FIRM_KIND_RE = re.compile(
    rf"({FIRM_KINDS})(的)?\s*(国家级|国家|省级|市级)?\s*(高新技术企业|高企|科技型中小企业)?\s*$"
)
# A breakdown as the head of a clause chain ("分活动主体看", "从技术交易类型看", "按地区分"): its figures are
# those of the parts along that dimension.
_BREAKDOWN_HEAD_RE = re.compile(
    r"\s*(分|按)[^,;:]{0,10}(看|统计|分)|\s*从[^,;:]{0,12}(类型|主体|行业|领域|部门|门类|地区|区域|县区)(来)?看"
)
# Several places as subject ("3市全年实现…", "5地输出…", "长三角地区四省市…"): their sum, a part.
_COUNTED_PLACES_RE = re.compile(
    r"(?<![\d.])([2-9]|[两三四五六七八九])\s*个?(省市|市州|县市区|县区|市|地|县|区|省|街道|镇|乡|园区)(?![级\d])"
)
_SUMMED_OVER_UNITS = frozenset({"tech_contract_value", "rd_expenditure", "invention_patents_granted"})
# Ratios a population as subject makes the population's own (高企研发强度: R&D over the firms' revenue).
_POPULATION_RATIOS = frozenset({"rd_share_gdp"})
# One enterprise, group of firms or research body as the subject ("…集团下属高新技术企业40余家", "…公司研发
# 投入", "…重点实验室新授权发明专利9件"): its own figure for any statistic, never the region's.
_ENTERPRISE_RE = re.compile(r"集团|公司|下属|旗下|实验室|研究院|研究所")
# The zones of a whole taken together ("全省高新区实现生产总值…", "全市各类园区…"): their sum, a part of the
# whole, even in a page about zones.
# A class of zones by level, with no name of its own before it ("国家高新区研发经费…", "我国169家国家高新区",
# "省级以上开发区"): all the zones of that level summed, a part, even in a page about them; one zone has its
# name before the level (东湖国家高新区).
_ZONE_CLASS_RE = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[我全各的家个省国年]))(国家级?|省级以上|省级|国家和省级)\s*"
    r"(高新技术产业开发区|高新区|经济技术开发区|经开区|开发区|产业园区|园区)"
)
_WHOLES_ZONES_RE = re.compile(
    r"(全国|我国|全省|我省|全市|我市|全县|我县|全区|我区)(各类?|所有)?[^,;:。\d]{0,8}?(高新区|开发区|经开区|园区|工业园|产业园)"
)
# Zones and places inside a region; the document's own when its opening names them.
_ZONE_RE = re.compile(r"中心城区|园区|开发区|高新区|经开区|片区|街道|乡镇|科技园|科学城|工业园|产业园")
# A counted group as subject: "12家区级企业研发中心", "3个园区".
_COUNTED_GROUP_RE = re.compile(
    r"(?<![\d.])(\d+|[两三四五六七八九十]+)\s*(家|个|所|座)[^,;:。、\d]{0,16}?"
    r"(企业|中心|机构|园区|高新区|开发区|经开区|高校|院所|平台|基地|孵化器|单位|实验室)"
)
# The population qualified by a figure: "营业收入超5亿元的", "亿元以上的": a size class.
_SIZE_CLASS_RE = re.compile(
    r"(\d+(\.\d+)?\s*(亿|万|千万)?\s*元(以上|以下)?|(亿元|万元)(以上|以下))的\s*(高新技术企业|高企|科技型中小企业)?\s*$"
)
# A county or district by name; not 全区/我区/自治区/地区/城区/市区/辖区/县区 …
_COUNTY_RE = re.compile(
    r"(?:(?<![\u4e00-\u9fff“\"])|(?<=其中)|(?<=[、在和与而由]))[\u4e00-\u9fff]{2,3}(县|区)(?![域级内外])"
)
_NOT_COUNTY = (
    "全区",
    "我区",
    "本区",
    "该区",
    "自治区",
    "地区",
    "城区",
    "市区",
    "辖区",
    "园区",
    "县区",
    "市县",
    "新区",
    "景区",
    "社区",
    "山区",
    "片区",
    "高新区",
    "开发区",
    "各县",
    "各区",
    "小县",
)
# A city by name, below a province's or the nation's whole ("江城市技术合同成交额…" in a province's text); not
# the whole's own words or kinds of city (全市, 城市, 地级市 …), nor 上市 (listed firms).
_CITY_RE = re.compile(
    r"(?:(?<![\u4e00-\u9fff“\"])|(?<=其中)|(?<=[、在和与而由]))[\u4e00-\u9fff]{2,3}市(?![场级区域内外值])"
)
_NOT_CITY = ("上市", "都市", "超市", "股市", "门市", "各市", "两市", "级市", "辖市", "区市", "县市", "新市")
# Words before 城市/城区 that make a kind of city or town area, not a name (智慧城市, 中心城区, 老城区); a
# name keeps its own first character (江城市, 东城区).
_GENERIC_BEFORE_CITY = (
    "智慧",
    "创新",
    "文明",
    "中心",
    "节点",
    "试点",
    "示范",
    "重点",
    "全国",
    "沿海",
    "主要",
    "其他",
    "国家",
    "卫生",
    "园林",
    "宜居",
    "核心",
    "大",
    "小",
    "各",
    "该",
    "本",
    "全",
    "老",
    "主",
    "新",
    "旧",
    "城",
)


def _generic_place(name: str) -> bool:
    """Whether ``name`` (…城市 / …城区) is a kind of city or town area rather than a place's name."""
    if not name.endswith(("城市", "城区")):
        return False
    return name[:-2] in _GENERIC_BEFORE_CITY or len(name[:-2]) != 1


# A clause that says where the news comes from ("记者从省科技厅获悉", "据省科技信息中心统计"), or frames a
# topic ("在培育创新型企业方面"): no subject of the figures after it.
_LEAD_CLAUSE_RE = re.compile(r"(获悉|了解到|显示|介绍|表示|透露|宣布|统计|发布|报道|指出)\s*$")
_FRAME_RE = re.compile(r"在[^,;:]{0,20}?方面")
# A clause that ends on a figure states it ("科研院所6家"): a sibling, not the subject of the next clause.
_ENDS_ON_FIGURE_RE = re.compile(r"\d[\d.]*\s*(万|亿|千)?\s*[^\d\s]{0,3}\s*$")


def subject_part(
    subject: str, *, whole_level: int | None = None, own: str = "", indicator: str | None = None
) -> str | None:
    """The part ``subject`` (normalised words before a clause's statistic) names, or None for the whole or
    no subject. ``whole_level``: the widest whole the document speaks for (0 national, 1 province, 2 city,
    3 county), below which a named county or district is a part; ``own``: the document's opening, whose
    zones and places are its own subject; ``indicator``: the statistic (populations are parts of amounts
    summed over units, not of counts: 企业有效技术需求 is the indicator itself; None: any)."""
    whole = list(WHOLE_RE.finditer(subject))
    rest = subject[whole[-1].end() :] if whole else subject
    zones = _WHOLES_ZONES_RE.search(subject) or _ZONE_CLASS_RE.search(subject)
    if zones:
        return zones.group(0)
    enterprise = _ENTERPRISE_RE.search(rest)
    # (not firms named as examples of the population: "共有甲集团、乙公司等高新技术企业239家")
    if enterprise and "等" not in rest[enterprise.end() :]:
        return enterprise.group(0)
    if _BREAKDOWN_HEAD_RE.fullmatch(subject):
        return f"a breakdown ({subject.strip()})"
    # 其中 and a name before the statistic (其中厦门…, 其中高校…): one part of the total just named;
    # 其中 right before a catalogue statistic (其中高新技术产业产值…) names that statistic, no part
    if (
        re.match(r"\s*其中[,:]?\s*[\u4e00-\u9fff]{2}", subject)
        and indicator != "invention_patents_granted"
        and not whole
    ):
        return "其中… (a part of the total just named)"
    for pattern in (_COUNTED_GROUP_RE, _COUNTED_PLACES_RE, _FIRM_KIND_RE):
        group = pattern.search(rest)
        if group:
            return group.group(0)
    population = _POPULATION_RE.search(rest)
    if population and (indicator is None or indicator in _SUMMED_OVER_UNITS | _POPULATION_RATIOS):
        return population.group(0)
    for match in _ZONE_RE.finditer(rest):
        name = rest[max(0, match.start() - 4) : match.end()]
        if match.group(0) not in own and name not in own:
            return match.group(0)
    if _SIZE_CLASS_RE.search(rest):
        return "a size class"
    # (a city only when the document's own opening names the province or the nation it speaks for: a whole
    # named later may be a yardstick, 在全国城市创新能力百强榜中…)
    opening = _DOCUMENT_WHOLE_RE.search(own)
    if opening is not None and opening.group(0) in (*_WHOLE_LEVELS[0], *_WHOLE_LEVELS[1]):
        for city in _CITY_RE.finditer(rest):
            name = city.group(0)
            if not name.endswith(_NOT_CITY) and not _generic_place(name) and name not in own:
                return name
    if whole_level is not None and whole_level < 3:
        for county in _COUNTY_RE.finditer(rest):
            name = county.group(0)
            if not name.endswith(_NOT_COUNTY) and name not in own:
                return name
    return None


def heading_topic(line: str, *, own: str = "") -> tuple[bool, str | None]:
    """Whether a (normalised) line is a heading (short, no closing punctuation, no figure), and the part it
    names ("●东部片区引领作用突出"), the topic of the lines under it."""
    line = line.strip()
    if not 0 < len(line) <= 30 or line.endswith(("。", "；", ";", "！", "？", ".")) or re.search(r"\d", line):
        return False, None
    return True, subject_part(line, own=own)


# A whole the document speaks for; one named as a yardstick is not (高于全省平均, 占全省的, 全省排名第一,
# 居全省第二).
_DOCUMENT_WHOLE_RE = re.compile(
    r"(?<![于占为居比较过列])(全国|我国|全省|我省|该省|本省|全市|我市|该市|本市|全县|我县|全区|我区|本区)"
    r"(?!\s*(的|中)?\s*(排名|排位|第|前列|首位|之首|平均|前茅|领先|唯一))"
)


# A figure with its unit (not a date): where a document's opening stops naming what it is about.
_FIGURE_RE = re.compile(r"\d[\d.,]*\s*(?:万|亿|千)?\s*(?:家|个|所|户|件|项|元|亿元|万元|%)")


def opening_subject(norm: str) -> str:
    """The zones and places a (normalised) document is about: its opening (title and first sentence, 80
    characters) up to its first figure; a place named after the whole's figure there is a part of it
    ("全市…2.6%，青石县…3.4%")."""
    return _FIGURE_RE.split("".join(re.split(r"[\n。]", norm.strip())[:2])[:80])[0]


def whole_level(text: str) -> int | None:
    """The whole a document speaks for, from the first such word it uses: 0 national (全国/我国), 1 province
    (全省/我省), 2 city (全市/我市), 3 county (全县/全区); None when it names none."""
    match = _DOCUMENT_WHOLE_RE.search(text)
    if match is None:
        return None
    return next(level for level, words in enumerate(_WHOLE_LEVELS) if match.group(0) in words)


def names_whole(subject: str) -> bool:
    """Whether ``subject`` names the whole region (全市, 我省 …)."""
    return WHOLE_RE.search(subject) is not None


class _Number(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class _Owner(Protocol):
    start: int
    end: int
    indicator: str | None
    phrase: str


_WHOLE_LEVELS = (
    ("全国", "我国"),
    ("全省", "我省", "该省", "本省"),
    ("全市", "我市", "该市", "本市"),
    ("全县", "全区", "我县", "我区", "本区"),
)


def _decision(subject: str, level: int | None, own: str, indicator: str | None) -> str:
    """ "part: <words>", "whole", or "" (the subject says neither)."""
    subject = _FRAME_RE.sub("", subject)
    if _LEAD_CLAUSE_RE.search(subject):
        return ""
    part = subject_part(subject, whole_level=level, own=own, indicator=indicator)
    if part:
        return f"part: {part}"
    return "whole" if names_whole(subject) else ""


# A figure and its unit right before an opening bracket: what the bracket holds breaks that figure down
# ("436家(甲区365家、乙区71家)", "4.05%(甲区3.45%、乙区5.46%)").
_FIGURE_BEFORE_BRACKET_RE = re.compile(r"\d\s*(%|[\u4e00-\u9fff]{1,3})?\s*$")


def in_bracketed_breakdown(norm: str, at: int) -> bool:
    """Whether position ``at`` lies inside a bracket opened right after a figure: a breakdown of that figure
    into parts (or a comparison with another whole), never the region's own figure a second time."""
    opening = norm.rfind("(", 0, at)
    if opening < 0 or ")" in norm[opening:at]:
        return False
    return bool(_FIGURE_BEFORE_BRACKET_RE.search(norm[max(0, opening - 8) : opening]))


# A figure followed by its share of a total ("1924家,占全省高企总数的40%", "493家、…458家,分别占全区总数的
# 31.36%和28.82%", "9856家,占总量比重近80%"): the figure is a part of that total. The total is the
# document's own whole, or a total of the statistic with no whole named (总数/总量); a wider whole than the
# document's (a city's figure 占全省的8%) leaves the figure the document's whole.
_SHARE_OF_TOTAL_RE = re.compile(
    r"\s*(分别|均|约|共|各)?\s*占\s*(?P<whole>全国|我国|全省|我省|本省|全市|我市|本市|全县|我县|全区|我区|本区)?"
    # (also the whole's same statistic named: 占全省GDP的28.8%)
    r"(?P<total>[^,;:。\d]{0,10}?(总数|总量|总额)|(?<=[国省市县区])[^,;:。\d的]{1,10}(?=的))?的?(比重|比例)?"
    r"[近约超达为了]{0,2}\d"
    # its share written after the whole: "在全省的占比上升到63%", "在全市中的比重为…"
    r"|\s*在(?P<whole_in>全国|我国|全省|我省|本省|全市|我市|本市|全县|我县|全区|我区|本区)(中|内)?的?(占比|比重|份额)"
)
# A figure compared with the whole's own ("增长46.2%，高于全省40%的增速", "高于全省平均水平"): one unit set
# beside the whole it belongs to, when that whole is the document's.
_ABOVE_WHOLE_RE = re.compile(
    r"\s*(均|也|仍)?(高于|低于|快于|慢于|领先)(?P<whole>全国|我国|全省|我省|本省|全市|我市|本市|全县|我县|全区|我区|本区)"
)
_CHANGE_CLAUSE_AFTER_RE = re.compile(r"\s*(同比|比上年|较上年|比|较|增长|增加|提高|下降|减少)")


# A clause naming a group the firms are counted among ("全区授权发明专利前10位的机构中,高新技术企业有6家",
# "科技型中小企业中,高新技术企业120家"): the count is of the firms in that group, a part.
# (全区企业中 is all the region's firms: no group)
# (also "…所在企业中有55家高新技术企业", "规上工业企业中共有高新技术企业586家": the group's members of a kind)
_AMONG_GROUP_RE = re.compile(
    r"(机构|(?<!全[省市区县国])(?<!我[省市区县国])企业|单位|名单|榜单|百强|[强位名])中\s*(,[^,;:。]*|(共|共计)?有\s*)$"
)


def _share_of_total(match: re.Match[str], level: int | None, own: str) -> str | None:
    """The words of a share clause (``_SHARE_OF_TOTAL_RE``) when its total is the document's own or its
    statistic's; None for a wider whole than the document's, or a zone's own page."""
    groups = match.groupdict()
    whole = groups.get("whole") or groups.get("whole_in")
    if whole is None and groups.get("total") is None:
        return None
    if whole is not None:
        named = _DOCUMENT_WHOLE_RE.search(own)
        if named is None and _ZONE_RE.search(own):
            return None  # a zone's own page: any whole is wider than the zone
        if named is not None:
            level = next(i for i, words in enumerate(_WHOLE_LEVELS) if named.group(0) in words)
        whole_at = next(i for i, words in enumerate(_WHOLE_LEVELS) if whole in words)
        if level is None or whole_at < level:
            return None  # a share of a wider whole: the figure is the document's whole
    return match.group(0).strip()


COMPARED = "compared with the whole: "


def share_of_total_after(norm: str, end: int, level: int | None, own: str = "") -> str | None:
    """The words saying that the figure ending at ``end`` is a share of a total, in the clause after it
    (past a change clause): a total of its statistic (占总量比重近80%), or the whole the document speaks for
    (占全省高企总数的40% in a province's text). None otherwise, and for a wider whole than the document's
    (a city's figure 占全省的8%; any whole in a zone's own page): that figure is the document's whole."""
    clause_end = min((i for i in (norm.find(c, end) for c in ",;:。") if i >= 0), default=len(norm))
    # the share joined by 、 right after the figure ("高新技术企业2182家、占全市34.4%")
    joined = re.match(r"\s*[\u4e00-\u9fff%]{0,2}?\s*、(?=\s*占)", norm[end:clause_end])
    if joined:
        match = _SHARE_OF_TOTAL_RE.match(norm, end + joined.end(), clause_end)
        if match:
            return _share_of_total(match, level, own)
    if re.search(r"\d", norm[end:clause_end]) and "、" not in norm[end:clause_end]:
        return None  # another figure follows in the figure's own clause (not a list of items)
    at = clause_end
    for _ in range(3):
        if at >= len(norm) or norm[at] != ",":
            return None
        clause = norm[
            at + 1 : min((i for i in (norm.find(c, at + 1) for c in ",;:。") if i >= 0), default=len(norm))
        ]
        match = _SHARE_OF_TOTAL_RE.match(clause)
        if match:
            return _share_of_total(match, level, own)
        above = _ABOVE_WHOLE_RE.match(clause)
        if above and _share_of_total(above, level, own):
            return COMPARED + above.group(0).strip()
        if not above and not _CHANGE_CLAUSE_AFTER_RE.match(clause):
            return None
        at += 1 + len(clause)
    return None


def figure_part(
    norm: str,
    number: _Number,
    owner: _Owner,
    *,
    topic: str | None = None,
    level: int | None = None,
    own: str = "",
    regions: Sequence[str] = (),
) -> str | None:
    """The part whose figure ``number`` (of ``owner``'s statistic) is, with the words that say so; None for
    the whole region's.

    The subject is read in the figure's clause; if it names neither a part nor the whole, in the first
    clause of its ``;``/``:`` segment when that clause names without stating a figure; else ``topic`` (a
    part a heading or sentence before set)."""
    indicator = owner.indicator
    if in_bracketed_breakdown(norm, number.start):
        return "part: a breakdown in brackets after the total"
    share = share_of_total_after(norm, number.end, level, own)
    if share and not share.startswith(COMPARED):
        return f"part: its share of a total follows ({share})"
    among = _AMONG_GROUP_RE.search(norm, 0, min(owner.start, number.start))
    if among and indicator in ("hte_count", "tech_smes"):
        return f"part: the firms among a group ({among.group(0).strip(',')})"
    at = min(owner.start, number.start)
    if owner.end <= number.start and re.search(r"[,;:]", norm[owner.end : number.start]):
        at = number.start  # the statistic named in an earlier clause: the figure's own clause speaks
        clause_start = max(norm.rfind(c, 0, at) for c in ",;:") + 1
        words = norm[clause_start:at]
        if re.match(r"\s*其中", words) and not names_whole(words) and not any(r in words for r in regions):
            return "part: 其中… (a part of the total just named)"
    clause_start = max(norm.rfind(c, 0, at) for c in ",;:") + 1
    # the words before the statistic, after the items listed before it ("新增高新技术企业12家、科技型中小
    # 企业85家", "86家科技型企业和37家高新技术企业": the first item is a sibling, not the second's subject)
    subject = re.split(r"[、和及]", norm[clause_start:at])[-1]
    for name in regions:  # 其中海州区298家: a catalogue region's own figure, not a part's
        subject = subject.replace(name, "")
    decided = _decision(subject, level, own, indicator)
    if not decided and WHOLE_RE.search(owner.phrase):
        decided = "whole"  # 全社会研发经费: the whole's by its name
    if not decided and at == number.start and owner.end <= at:
        # the statistic named in an earlier clause: the figure is of that statistic's subject
        # ("营业收入亿元以上的高新技术企业33家,较上年增加5家")
        owner_clause = max(norm.rfind(c, 0, owner.start) for c in ",;:") + 1
        decided = _decision(
            re.split(r"[、和及]", norm[owner_clause : owner.start])[-1], level, own, indicator
        )
    segment_start = max(norm.rfind(c, 0, at) for c in ";:") + 1
    if not decided and clause_start > segment_start:
        head_end = norm.find(",", segment_start)
        head = norm[segment_start:head_end]
        # a head that states a figure is a sibling of a clause naming its own statistic, but the subject of
        # one that only says how it changed ("亿元以上的高新技术企业33家,较上年增加5家")
        own_name = owner.start >= clause_start and not re.search(r"(增加|净增|新增|增长|减少)$", owner.phrase)
        # (a head ending on a date states no figure: "该公司成立于2015年,…")
        if not _ENDS_ON_FIGURE_RE.search(head) or re.search(r"\d{4}\s*年\s*$", head):
            decided = _decision(head, level, own, indicator)
        elif not own_name:  # the head's own subject: its words before the figure it states
            decided = _decision(_ENDS_ON_FIGURE_RE.sub("", head), level, own, indicator)
        if head.strip() == "其中" and re.search(r"[\u4e00-\u9fff]{2}", subject) and not names_whole(subject):
            # "其中,青石街道技术合同成交额…": a name after 其中 is one part of the total
            decided = "part: 其中… (a part of the total just named)"
    if not decided and topic:
        decided = _decision(topic, level, own, indicator)
        decided = decided + " (named before)" if decided.startswith("part") else ""
    if decided.startswith("part"):
        return decided
    if share and decided != "whole":
        # compared with the whole's own (高于全省…的增速) and no whole of its own named: one of its units
        return f"part: {share}"
    return None
