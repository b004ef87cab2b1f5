"""Mapping a target's phrase to a catalogue indicator (``data/raw/indicators.csv``).

The indicator is the catalogue row whose Chinese name (or synonyms) shares most character pairs with the
phrase (Dice coefficient of character bigrams, at least :data:`MATCH_THRESHOLD`), among the rows whose unit
fits and whose qualifiers (增加值, 营业收入, 有效, 中小, per 10,000 people…) agree; else none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from .catalogue import Indicator
from .plan_text import NOISE, UNITS

#: Lowest bigram Dice similarity between a clause and an indicator name for the draft to map them.
MATCH_THRESHOLD = 0.5

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
    # a composite (科技创新综合排名, 综合实力) is no single indicator of the catalogue
    "综合",
    # per unit of GDP (单位国内生产总值能耗) is not GDP
    "单位",
    # the output of high-tech firms (高新技术企业工业总产值) is not the high-tech industry's, nor a
    # high-tech zone's (高新区工业总产值) the region's
    "高新技术企业",
    "高新区",
    # high-tech is a classification of industry: 工业总产值 is no 高新技术产业产值
    "高新技术",
    # strategic emerging industries are another classification than high-tech industry
    "战略性新兴",
    # the level of government: 市级以上研发机构 are not the 省级以上 ones, 国家科技计划项目 not all
    # plan projects;
    # one industry (制造业研发经费投入强度) is not the economy
    "国家",
    "市级",
    "县级",
    # 省级以上研发机构 are not all 研发机构 (研发机构200家 counts every level)
    "省级",
    "制造业",
    # firms' R&D (企业研发经费支出占GDP比例) is part of all R&D (研发经费投入强度)
    "企业研发",
    # the output of firms above designated size is the region's, named so (规上 is written 规模以上 first):
    # 其中工业产值 of one industry is a part of that industry, not 规模以上工业产值
    "规模以上",
    # patents applied for are not patents granted (发明专利申请量 is no 授权 count), exports of an
    # industry not its output (高新技术产业出口额), and 新型研发机构 a kind of R&D institution, not all
    "申请",
    "出口",
    "新型",
    # patents of every kind (授权专利, 专利授权量) are not invention patents, a part of them
    "发明",
    # the register of tech SMEs counts 科技型 firms: 中小企业 of every kind are a wider class
    "科技型",
    # public money (财政科技支出, 政府研发投入) is a part of the society-wide R&D spending
    "财政",
    "政府",
    # contracts a region buys in (吸纳技术合同) are not those its sellers register (技术合同成交额)
    "吸纳",
    # per 10,000 employed (每万名就业人员) is not per 10,000 residents
    "就业人员",
    # the candidates for a title (高新技术企业培育库, 后备企业) are not the firms that hold it
    "培育库",
    # firms applying for a title (高新技术企业申报数) are not its holders
    "申报",
    # investment in an industry (高新技术产业投资) is not its output
    "投资",
    # one kind of technology contract (技术开发合同, 技术转让合同) is a part of all contracts
    "合同类别",
    # one firm's figure (某某集团研发投入, 某某公司营业收入) is no region's
    "集团",
    "公司",
)
# 分别达到90家和870家: the values go, in order, to the subjects listed before 分别.


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two texts (1 = same pairs, 0 = none shared)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


# Units that count the same kind of thing (a plan's 个 for the catalogue's 家); 件 counts patents only.
_COUNT_UNITS = frozenset({"家", "个", "项", "套", "所", "座", "名", "人", "次", "户"})


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
    # 国家级和省级研发机构 are the 省级以上 ones: the levels listed up from the province are "and above"
    clause = _LEVELS.sub("省级以上", clause)
    # 研究与开发(R&D)经费, 生产总值(GDP): an abbreviation in brackets restates the name before it
    clause = _ABBREVIATION.sub("", clause)
    # the full names of R&D (研究与开发, 研究与试验发展) are 研发; a 比例 of GDP is its 比重
    clause = _RD_FULL.sub("研发", clause).replace("比例", "比重")
    # 研发强度, R&D强度: the intensity of R&D is its spending's (研发投入强度)
    clause = re.sub(r"(研发|R&D|r&d)(?:经费)?强度", r"\1投入强度", clause)
    # 研发经费与国内生产总值之比: a ratio to GDP is its share (占国内生产总值比重)
    clause = _RATIO_TO_GDP.sub(r"占\1比重", clause)
    # 比“十一五”末: a base named by a five-year plan says when, not what (比2010年 is noise already)
    clause = _PLAN_BASE.sub("", clause)
    subject = NOISE.sub("", clause)
    # 千家工商注册企业中高新技术企业数, 每千户…: a count per thousand of something is a density, which no
    # catalogue row of the count measures (per 10,000 people is read below)
    if _DENSITY.search(clause):
        return None, 0.0
    # Before the units go (万人 is one): a figure per 10,000 people, once its number is gone, says 万人.
    per_population = bool(re.search(r"万人|每万", subject))
    # Units of two characters or more (万人, 亿元): one character (项, 家, 户) is also part of words that name
    # what is counted (合作项目, 国家, 用户), and a figure's own unit went with its number.
    for unit in UNITS:
        if len(unit) > 1:
            subject = subject.replace(unit, "")
    best, score = None, 0.0
    own = _qualifiers(subject)
    said = NOISE.sub("", _head(clause))
    joined = _joined(_same_words(said))
    # 研发支出占国内生产总值比重: a share of a whole is measured in percent, never the whole's own amount
    share = bool(re.search(r"(?:占|相当于).*(?:比重|比例)", subject))
    for indicator in indicators:
        if indicator.unit != "%" and ("/" in indicator.unit) != per_population:
            continue  # 每万人…拥有量 is a count per population, 发明专利拥有量 of firms is not
        if share and indicator.unit != "%":
            continue
        if indicator.flow and _STOCK_WORD.search(subject):
            continue  # 发明专利拥有量 is the patents held, not those granted in a year
        if not indicator.flow and "授权" in subject:
            continue  # and 每万人发明专利授权量 the patents granted, not those held
        for name in indicator.names:
            if own != _qualifiers(name):
                continue
            if joined and not _joined(_same_words(name)):
                continue  # 高新技术企业与创新型企业数 counts two things together: no one of them
            if not _same_numerator(subject, name):
                continue  # 技术交易额占GDP比重 is no R&D share although both are shares of GDP
            bare = NOISE.sub("", name.removesuffix("数"))
            if _differs(said, NOISE.sub("", _head(name.removesuffix("数")))):
                continue  # 省级以上创新平台 is no 研发平台, 孵化的企业 no 转化项目: a word the other lacks
            s = similarity(_of_gdp(subject), _of_gdp(bare))
            if s > score:
                best, score = indicator, s
    return (best, score) if score >= MATCH_THRESHOLD else (None, score)


#: Words of a stock held: no flow indicator (a year's grants, additions) measures it.
_STOCK_WORD = re.compile(r"拥有量|保有量|存量")

_DENSITY = re.compile(r"每[百千](?:人|户|家|名)|[百千万]家[\u4e00-\u9fff]{1,10}中")

#: A share of GDP however GDP is written (占国内生产总值比重, 占地区生产总值的比重, 占GDP比重): one pair of
#: characters for the whole, so that the name of what is shared decides the match.
_GDP_WHOLE = re.compile(r"(?<=[占于])(?:国内|地区)?(?:生产总值|GDP)")


def _of_gdp(text: str) -> str:
    return _GDP_WHOLE.sub("GDP", text)


#: The levels of government listed from the province up: 省级以上 (国家级和省级, 国家、省级, 省级及以上).
_LEVELS = re.compile(r"国家(?:级)?(?:和|与|及|、)省级|省级及以上|省级(?:和|与|及|、)国家级")

#: A Latin abbreviation in brackets after the Chinese words it abbreviates (R&D, RD, GDP, PCT).
_ABBREVIATION = re.compile(r"(?<=[\u4e00-\u9fff])\s*[(（]\s*[A-Za-z&]{2,5}\s*[)）]")

_RATIO_TO_GDP = re.compile(r"(?:与|和|同)\s*((?:国内|地区)?生产总值|GDP)\s*(?:的|之)?\s*比(?:重|值)?")
_PLAN_BASE = re.compile(r"(?:比|较)\s*[“\"]?十[一二三四五]五[”\"]?期?末")
_RD_FULL = re.compile(r"研究与试验发展|研究与开发|研究开发")

#: Two things of one kind counted together (高新技术企业与创新型企业数: two kinds of 企业): a sum, which no
#: catalogue row of one of them measures (研究与试验发展 is one word, written 研发 before this test; 技术攻关
#: 和成果转化项目 joins things of two kinds, the count is the projects').
_JOINED = re.compile(r"([\u4e00-\u9fff]{2,})(?:与|和|及)([\u4e00-\u9fff]{2,})")


def _joined(text: str) -> bool:
    return any(m.group(1)[-2:] in m.group(2) for m in _JOINED.finditer(text))


# Words two names may write differently for one thing, each rewritten to the first before aligning names.
_SAME = (
    ("研发", ("研究与试验发展", "研究开发", "R&D", "r&d")),
    ("GDP", ("地区生产总值", "国内生产总值", "生产总值")),
    ("投入", ("经费投入", "经费支出", "支出", "经费")),
    ("机构", ("中心", "平台")),
    ("额", ("金额", "总额")),
)
# Words that say how much or where, not what: either side may leave them out (…占规模以上工业比重 is the
# share of 规模以上工业产值: the denominator's amount goes without saying).
_GENERIC = re.compile(
    r"全社会|全国|全省|全市|全区|全县|我[国省市区县]|数量|总数|总量|产值|产业|总|数|的|年|量"
)
# Where the subject's own words end and its verb or cue begins (科技型企业数量突破 -> 科技型企业数量).
_VERB = re.compile(r"达|为|突破|增|提高|提升|超|保持|要|将|实现|预计|累计|力争|争取|完成|不少于|不低于|新增")


def _head(text: str) -> str:
    """What a name or phrase listing examples names: 众创空间、孵化器、加速器等双创载体 -> 双创载体 (the
    examples are no words of the thing; a single word before 等, 成果转化等项目, is kept)."""
    examples, sep, head = text.rpartition("等")
    return head if sep and "、" in examples else text


def _same_words(text: str) -> str:
    for word, variants in _SAME:
        for variant in variants:
            text = text.replace(variant, word)
    return text


def _differs(subject: str, name: str) -> bool:
    """Whether a phrase and an indicator name, aligned on the runs of two or more characters they share,
    differ in a word: the name holds a qualifier inside it that the phrase lacks (数字经济[核心产业]增加值
    against 数字经济增加值: the name is narrower), the two hold different words in one place
    (省级以上[创新]平台 against 省级以上[研发]平台), or they end on different heads
    (科技成果转化[孵化的企业] against 科技成果转化[项目]). Words written two ways (研发/R&D,
    机构/中心/平台…) are one word; words of scope or amount (全市, 数量, 总…) and a word a cut phrase leaves
    out at its start are no difference. The general rule beside the listed qualifiers (which catch a word
    of the phrase the name lacks): a word of the name the phrase does not say."""
    a, b = _same_words(name), _same_words(subject)
    blocks = [m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size >= 2]
    if not blocks:
        return False
    for left, right in itertools.pairwise(blocks):
        # a place between two shared runs: the name's word there must be the phrase's too
        own = _GENERIC.sub("", a[left.a + left.size : right.a])
        other = _GENERIC.sub("", b[left.b + left.size : right.b])
        if len(own) >= 2 and not set(own) & set(other):
            return True
    last = blocks[-1]
    # the heads: what each names after the last shared run (the phrase up to its verb)
    own = _GENERIC.sub("", a[last.a + last.size :])
    other = _GENERIC.sub("", _VERB.split(b[last.b + last.size :], maxsplit=1)[0])
    if len(own) >= 2 and len(other) >= 2 and not set(own) & set(other):
        return True
    # 转移转化科技成果15项 against 实施重大科技成果转化等项目: the phrase ends on the words both share, and
    # the name goes on to the thing it counts (项目); the phrase counts the results themselves. (转化重大科技
    # 成果30项: a major result transferred is one project of the name's kind, as its 重大 says)
    shared = "".join(a[m.a : m.a + m.size] for m in blocks)
    return not other and bool(_COUNTED_HEAD.search(own)) and "重大" not in shared


#: Nouns that name what a count counts, at the end of an indicator's name.
_COUNTED_HEAD = re.compile(r"(?:项目|企业|机构|平台|载体|团队|人才|专利)$")


#: Qualifiers that say what is measured of a thing (applied for, value added, revenue, exports, public money),
#: not which things: a part (其中…) of such a measure is measured the same way.
MEASURE_QUALIFIERS = frozenset({"申请", "增加值", "营业收入", "出口", "吸纳", "财政", "政府"})


def measure_qualifiers(text: str) -> set[str]:
    """The qualifiers of :data:`MEASURE_QUALIFIERS` a phrase holds (专利申请量 -> {申请})."""
    return _qualifiers(text) & MEASURE_QUALIFIERS


def _qualifiers(text: str) -> set[str]:
    """The qualifiers a phrase or name holds (规上 read as 规模以上)."""
    # 规上 and 规模工业 (a county's shorthand) are 规模以上工业
    text = text.replace("规上", "规模以上").replace("规模工业", "规模以上工业")
    # 企业R&D, 企业 研究与试验发展: R&D however written is 研发 (企业研发 is a qualifier)
    text = re.sub(r"R\s*&\s*D|r\s*&\s*d", "研发", _RD_FULL.sub("研发", re.sub(r"\s+", "", text)))
    # revenue however named (主营业务收入, 销售收入, 营收) is one qualifier: a share of revenue is no
    # share of output
    text = _REVENUE.sub("营业收入", text)
    text = _CONTRACT_KIND.sub("合同类别", text)
    # 高新技术企业培育库, 高企培育入库企业, 后备企业: the pool of candidates, one qualifier
    text = _CANDIDATES.sub("培育库", text)
    # 入库国家科技型中小企业: the register of tech SMEs is a national one, no level of government
    text = re.sub(r"国家(?=科技型中小)", "", text)
    return {q for q in _QUALIFIERS if q in text}


_CONTRACT_KIND = re.compile(r"技术(?:开发|转让|咨询|服务|许可)(?:类)?合同")
_REVENUE = re.compile(r"主营业务收入|业务收入|销售收入|营收")
_CANDIDATES = re.compile(r"(?:(?<=企业)|(?<=高企))培育(?:库|入库|对象|企业)?|后备|培育库")


def _same_numerator(subject: str, name: str) -> bool:
    """Two shares (A占B比重) measure the same thing only if their numerators A share a character pair; a
    phrase or name that is no such share is not tested here."""
    if "占" not in subject or "占" not in name:
        return True
    return similarity(subject.split("占", 1)[0], name.split("占", 1)[0]) > 0
