"""The plan's text as the draft reads it: paragraphs with their sections, actions and responsible units,
sentences, clauses and segments, and the vocabulary of cues, numbers, ranks, growth and the past.

Pure functions of text (no files, no catalogue): :mod:`hzanalysis.plan_read` builds targets from them.
Responsible units: （责任单位：…）, 牵头单位：…；配合单位：… lines or a bracketed list of bureaus, for
every paragraph they close; actions from the headings (三、…行动, （一）实施…行动, 1. …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .text_layout import FIVE_YEAR_PLAN_END, five_year_plan_end

# Longest first, so that 万平方米 wins over 平方米 and 亿元 over 元.
UNITS = (
    "万平方米",
    "平方米",
    "万亿元",
    "亿元",
    "万元",
    "万人",
    "万户",
    "%",
    "％",
    "家",
    "个",
    "项",
    "件",
    # 1.5万台次 of instruments lent, 1万批次 of tests, 5000人次 of visits: counts of services, not of
    # machines or persons (before 台 and 人, which they start with)
    "台次",
    "人次",
    "批次",
    "台",
    "套",
    "所",
    "座",
    "名",
    "人",
    "次",
    "倍",
    "亩",
    "户",
    "批",
    # 新建科创走廊3条, 推广新产品50款, 100种新药, 组建服务队伍30支, 示范应用1.5万辆: counts of things too
    "条",
    "款",
    "种",
    "支",
    "辆",
    "篇",
    # 集成电路产量1500亿块, 粮食产量180万吨: pieces and tonnes, counted as the others (万/亿 multiply)
    "块",
    "吨",
    # 建设科技示范基地6处: places counted
    "处",
    # 农机总动力11亿千瓦, 年发电量3000亿千瓦时: power and energy, multiplied as counts are
    "千瓦时",
    "千瓦",
    # 人均预期寿命达到80岁, 铁路营业里程达到1.2万公里 (万 multiplies), 人口自然增长率控制在4‰以内,
    # 城乡居民收入比缩小到2.1∶1: ages, lengths, per-mille rates and ratios to one are figures as the others
    "岁",
    "公里",
    "‰",
    "∶1",
    ":1",
    "：1",
    # 网民规模12亿, IPv6活跃用户8亿: a bare 亿 of persons or users (亿元 and 万亿元 are matched first).
    "亿",
)
# (1000多名, 300余家: more than the figure, read as 超过)
#: Every unit of UNITS as one alternation, in its order.
UNIT_WORDS = "|".join(re.escape(u) for u in UNITS)
NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:多|余)?\s*(" + UNIT_WORDS + ")")
#: 多/余 between a figure and its unit: more than the figure.
MORE_THAN = re.compile(r"\d\s*(?:多|余)")
# 到2025年, or a five-year plan's end named by its period: 到“十二五”末 (2015), 到“十四五”期末 (2025).
DEADLINE = re.compile(r"到\s*(?:(20\d\d)\s*年|" + FIVE_YEAR_PLAN_END + ")")
# 截至“十四五”末,…将达1.7万亿元: "as of" a year is the past (PAST), unless that year is the deadline or after
AS_OF = re.compile(r"(?:截至|截止)\s*(?:(20\d\d)\s*年[末底]?|" + FIVE_YEAR_PLAN_END + ")")


def deadline_year(found: re.Match[str]) -> int:
    """The year a :data:`DEADLINE` match names (the last year of a named five-year plan: 十一五 2010)."""
    if found.group(1):
        return int(found.group(1))
    return five_year_plan_end(found.group(2))


# Count units (longest first: 台次 before 台): every way of writing a number (digits, with 万 or 亿, Chinese
# numerals) reads every one of them, so that a new unit or a new numeral form is added once for all forms.
_COUNTS = "台次|人次|批次|千瓦时|千瓦|公里|名|家|个|项|件|台|套|批|所|座|条|款|种|支|辆|篇|块|吨|处"
# 1万名 (ten thousand persons): 万 before a count unit multiplies; 万人, 万元, 万平方米 are units.
WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万\s*(" + _COUNTS + ")")
# 1.2亿台(套) of connected equipment: 亿 before a count unit multiplies too (a bare 亿 of users stays a unit).
YI = re.compile(r"(\d+(?:\.\d+)?)\s*亿\s*(" + _COUNTS + ")")
# 3~5个, 35—40%, 1—2家: a range; the lower end is the floor the plan sets (read before the upper end's unit).
RANGE_LOW = re.compile(r"(\d+(?:\.\d+)?)\s*[~～—–\-－至到]\s*$")
# 十万家, 一百万家: Chinese numerals of ten or more before a count unit (一个, 一家 are no amounts).
# 百项/千项 (实施百项示范项目, 千项技改工程): a bare 百 or 千 before 项 only (千家万户 and 百家 are idioms).
CN_NUMBER = re.compile(
    r"(?<!每)([一二两三四五六七八九十](?=[一二两三四五六七八九十百千万]*[十百千万])[一二两三四五六七八九十百千万]*"
    r"|(?<![一二两三四五六七八九十百千万])[百千](?=项))"
    r"(" + _COUNTS + ")"
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


CUE = re.compile(
    r"达到|达|以上|不少于|不低于|超过|超|累计|每年|年均|力争|争取|突破|提高到|提高至|提升至|提升到|增至|"
    r"增加到|上升到|建成|打造|新增|增长|预计|引进|引培|培育|集聚|培养|形成|下降|降低|降至|减少|控制在"
    # 新组建30家重点实验室, 促成4000项技术转移: verbs that add, with no other cue in their sentence
    r"|新建|组建|促成|(?<!通过)认定(?!的)|开通"
    # 现状45家,2030年目标100家: a goal written as a noun right before its figure
    r"|目标(?=\s*\d)"
    # 2020年建设国家级孵化器1家, 创建省级创新示范县25个: a verb of building with a figure after it in its
    # clause (…中心建设; is a noun); 批复建设 4家 (an approval of the past) is no plan's target
    r"|(?<!批复)(?<!批准)(?<!获批)(?:建设|创建)(?=[^,，;；。:：\n]{0,30}?\d)"
)
# 突破万亿元, 近千亿元: a round amount written without digits, after a verb that sets it
# (打造万亿元产业规模的… and 万亿级 name a scale, not a target).
BARE_AMOUNT = re.compile(r"(?:突破|超过|超|达到|达|近|逾|过)\s*(百|千|万)亿(元)?(?![级])")
_BARE_VALUES = {"百": (100.0, "亿元"), "千": (1000.0, "亿元"), "万": (1.0, "万亿元")}


def bare_amount(match: re.Match[str]) -> tuple[float, str]:
    """The value and unit of a BARE_AMOUNT match: 万亿元 -> (1, 万亿元), 千亿 -> (1000, 亿元)."""
    return _BARE_VALUES[match.group(1)]


# A fall: 比2020年下降13.5%, 能耗降低4%左右 (a growth of negative value; "<=": a fall of at least the figure).
FALL = re.compile(
    r"(?:(?:比|较)\s*(20\d\d)\s*年[末底]?)?(?:分别)?(?:下降|降低|减少)(?![到至])\s*(\d+(?:\.\d+)?)\s*[%％]"
    r"(?!\s*的)(以上|左右)?"
)
# A ceiling: 降低到10%以下, 控制在5%以内 (a level of at most the figure).
# 不超过/不高于/低于 X (not 不低于, 不少于: floors) set a ceiling as 控制在 does.
CEILING_BEFORE = re.compile(
    r"(?:下降|降低|减少|压降|降|缩小)(?:到|至)\s*$|控制在\s*$|(?:不超过|不高于|(?<!不)低于|(?<!不)少于)\s*$"
)
CEILING_AFTER = re.compile(r"^\s*(?:以内|以下)")
# 上述两项指标均提高到60%以上, A和B均达到80%: one target per subject, the same value for each.
# 新建A、B各5家: 各 before the figure distributes it over the subjects listed, as 均 before the verb.
EACH = re.compile(
    r"(?:均|都)\s*(?=达到|达|提高|提升|增加|超过|超|突破|不低于|不少于|保持|降低|下降|控制)|各\s*(?=\d)"
)
_EACH_COUNT = re.compile(r"(?:上述|以上|这)?\s*([两二三四五六七八九2-9])\s*(?:项|个)")
# 用3年时间推广150项: a sum over the years named, not a level.
OVER_YEARS = re.compile(r"用\s*(?:\d+|[一二两三四五六七八九十]+)\s*年(?:左右)?(?:的)?时间")
STRIVE = re.compile(r"力争|争取")
# (共有8项指标, 约束性指标3项: how many indicators a plan has is how it is built)
MEASURES = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:措施|举措|政策|意见|条款|任务|方面|指标)")
# The plan's own parts: 设置了…6个专项行动, 《方案》将实施…八大行动和27项工程, 共计27项任务. A count
# whose head noun is an action, programme or column, said by the plan of itself (the document as subject,
# or a verb of composition before it), is how the plan is built; 启动实施千项技改工程 stays a target.
STRUCTURE = re.compile(
    r"^[\u4e00-\u9fff“”\"]{0,8}?(?:行动|任务|工程|举措|措施|专栏|专项|板块|指标)(?=$|[,，。；;、)）和及与等])"
)
PLAN_ITSELF = re.compile(
    r"《[^》]{1,30}》|(?:方案|规划|计划|纲要|意见)(?=将|还|共|明确|提出|部署|设置|围绕)|"
    r"设置|部署|明确|提出|共计|分为|包含|包括|涵盖|布置"
)
YEAR_STATED = re.compile(r"(?<![到至比较在前])\s*(20\d\d)\s*年(?![前底末]?(?:的基础|基础))")
# A rank in any position: 居全市首位, 保持第一, 排名前三, 进入全省前40位, 位列前3.
RANK = re.compile(
    r"(?:居|位居|保持|排名|进入|位列|跻身|稳居|挺进|争创|达到|处于|位于)[^,，。；、]{0,20}?"
    r"(?:前\s*(\d+|[一二三四五六七八九十]+)\s*(?:位|名|强)?(?![季批年个])"
    r"|第\s*(\d+|[一二三四五六七八九十]+)\s*(?:位|名)?(?![批次届年])|(首位)"
    # 进入全国百强县, 跻身全省十强: the first N
    r"|(?<![\d一二三四五六七八九十百])(\d+|[一二三四五六七八九十百]+)\s*强)"
)
RANK_SCOPE = re.compile(r"全国|全省|省内|全市|市内|苏北|长三角|同类")
LEADING = re.compile(r"(居|走在|位居|保持)[^,，。；]*?前列")
# 突破75家 is more than 75: strict, as 超/超过.
STRICT = re.compile(r"超过|超|高于|突破")
ANNUAL = re.compile(r"每年|年均")
# Growth over a base year: 年均增长12% (compound, a rate per year), 比2025年增长50% or 翻一番 (in total).
# A rate of growth is a growth per year however it is named: 年均复合增长率保持25%左右, 年均增速超过20%, and a
# rate noun without 年均 (增速/增幅/涨幅/增长率 N%: a year's rate, the same as the total in a one-year plan).
# (年平均增长率力争超过10%: 年平均 is 年均, and striving may stand between the rate and its verb)
GROWTH_ANNUAL = re.compile(
    r"(?:年(?:平)?均(?:分别)?(?:复合)?(?:增长|增速|增幅)率?|增速|增幅|涨幅|增长率)"
    r"(?:力争|争取|确保)?(?:达到|达|保持在?|在|为|超过|超|高于|不低于)?\s*(\d+(?:\.\d+)?)\s*[%％](?:以上|左右)?"
)
# Double-digit growth (增速保持两位数, 实现两位数增长, 年均增长率超过两位数) is growth of 10% a year at least.
_DOUBLE_DIGITS_AFTER = re.compile(r"((?:增长|增速|增幅|涨幅)率?[^,，。；;\d]{0,8}?)两位数")
_DOUBLE_DIGITS_BEFORE = re.compile(r"(?:保持|实现)?两位数(?:以上)?的?(?:增长|增速)")


# A share written as a fraction after 占 (占全市1/8, 占全省比重超1/4, 占全国三分之一): a share in percent.
SHARE_FRACTION = re.compile(
    r"(占[^,，。；;、\d]{0,10}?)(?:(\d{1,2})\s*/\s*(\d{1,2})(?![\d/.])|([一二三四五六七八九十]+)分之([一二三四五六七八九]))"
)


def fractions_as_shares(text: str) -> str:
    """The text with a share written as a fraction written in percent: 占全市1/8 -> 占全市12.5%."""

    def percent(m: re.Match[str]) -> str:
        if m.group(2):
            whole, part = int(m.group(3)), int(m.group(2))
        else:
            whole, part = chinese_number(m.group(4)), chinese_number(m.group(5))
        return f"{m.group(1)}{round(100 * part / whole, 2):g}%" if 0 < part < whole else m.group(0)

    return SHARE_FRACTION.sub(percent, text)


# A round count or amount written without digits after a verb that sets it: 超百家, 突破千项, 超亿元.
_BARE_COUNT = re.compile(r"((?:突破|超过|超|达到|达|近|逾|过)\s*)(百|千|万)(?=[家个项件名人户])")
_BARE_YI = re.compile(r"((?:突破|超过|超|达到|达|近|逾|过)\s*)(?=亿元)")


def bare_counts(text: str) -> str:
    """The text with a round count written in digits: 超百家 -> 超100家, 超亿元 -> 超1亿元."""
    text = _BARE_COUNT.sub(
        lambda m: m.group(1) + str(_CN_POWERS[m.group(2)] if m.group(2) != "万" else 10000), text
    )
    return _BARE_YI.sub(r"\g<1>1", text)


def double_digits(text: str) -> str:
    """The text with a double-digit growth written as 10%: 增速保持两位数 -> 增速保持10%."""
    return _DOUBLE_DIGITS_BEFORE.sub("增速10%", _DOUBLE_DIGITS_AFTER.sub(r"\g<1>10%", text))


GROWTH_TOTAL = re.compile(r"(?:比|较)\s*(20\d\d)\s*年[末底]?(?:增长|提高|增加)\s*(\d+(?:\.\d+)?)\s*[%％]")
# 生产效率提高20%以上 (no base year, no 到/至): a growth in total over the year before the plan period.
GROWTH_BY = re.compile(r"(?:提高|提升|增长|增加)(?![到至])\s*(\d+(?:\.\d+)?)\s*[%％](?!\s*的)")
# 倍增 at the end of its clause (全球首发产品实现倍增) doubles too; 双倍增, “六个倍增” and 倍增计划 name a
# programme whose targets the plan states apart.
# (“四个翻番”, 三个翻一番: a count of doublings names a programme of several, stated apart)
DOUBLE = re.compile(
    r"(?<![个项大])翻(一|两|二)?番|(?:增加|增长)(一)倍|(?<![双个“\"\d一二三四五六七八九十])倍增(?=\s*(?:$|[,，。；;]))"
)
# 比2020年, 较2020年末, 在2010年(的)基础上: the year a growth is measured from.
BASE_YEAR = re.compile(r"(?:(?:比|较)\s*|在\s*(?=20\d\d\s*年[末底]?的?基础上))(20\d\d)\s*年")
# 比“十三五”末翻一番: a base named by a five-year plan's end (2020), not the past.
PLAN_END_BASE = re.compile(r"(?:比|较)\s*" + FIVE_YEAR_PLAN_END)
# 占GDP比重比2025年提高3个百分点: a change of a share in percentage points over the base year (a growth
# whose unit is 个百分点: the level it requires is the base share plus the points, not a share of 3 个).
POINTS = re.compile(
    r"(提高|提升|增长|增加|上升|下降|降低|减少)\s*(?:约|近|大约|超过)?\s*(\d+(?:\.\d+)?)\s*个?\s*百分点(左右)?(以上)?"
)
# An index has no unit: 综合指数达到78.
INDEX = re.compile(
    r"指数[^,，。；、\d]{0,8}?(?:达到|达|提高到|提升至|超过|不低于|突破|为)\s*(\d+(?:\.\d+)?)"
    r"(?![\d.]|\s*(?:%|％|万|亿|家|个|项|件|位|名))"
)
# 左右 after the number, 约/大约 just before it: approximate.
APPROX_AFTER = re.compile(r"^\s*左右")
APPROX_BEFORE = re.compile(r"(?:约|大约|近|接近)(?:为|是)?\s*$")
_YEAR_TO_DATE = r"前[一二三]季度|上半年|\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月"
# What the region already has (现有高校5所, 截至2025年…): the past, not a target.
# Now and a span up to now (目前, 当前, 近三年来, 2021年以来) are the present, told as the past is; so is a
# part of the year to date (前三季度, 上半年, 1—10月): a plan sets no target for part of a year.
PAST = re.compile(
    r"现有|已有|已经|已|截至|截止|上年|去年|同比|由\s*20\d\d\s*年|(?<![到比较“\"])[“”\"]?十[二三]五[”“\"]?末|目前|当前"
    r"|现阶段|现状|年来|以来"
    # 达到了60家, 实现了5亿元: a verb of setting made perfective by 了 tells what was done
    r"|(?:达到|实现|完成|增长|增加|突破|提高|提升|超过|建成|认定|培育|新增|引进|获批)了"
    r"|" + _YEAR_TO_DATE
)
# A change from a base figure to the target: 从2020年的7.8%提高到10%, 由85提升至95 (the target is the
# second figure; the year after 从/由 is the base, not the past). A fall (从…降低到…) sets a ceiling.
FROM_TO = re.compile(
    r"(?:从|由)\s*(?:20\d\d\s*年[末底]?的?)?\s*\d+(?:\.\d+)?\s*万?(?:"
    + UNIT_WORDS
    + r")?\s*(?:(?:提高|增加|增长|提升|上升|扩大|跃升|下降|降低|减少|压降)(?:到|至)|[增升降减](?:到|至))"
    r"\s*(?:20\d\d\s*年[末底]?的?)?\s*"
    r"(\d+(?:\.\d+)?)(?![\d.])\s*(" + UNIT_WORDS + r")?"
)
# A change from now to the target: 由目前的1.75%提高到2.2%, 从目前的第21位上升至前18位, 由目前的3906亿元,
# 提高到8000亿元 (the base in a clause of its own). 目前 is then the base of the change, not the present told.
FROM_NOW = re.compile(r"(?:从|由)\s*(?:目前|当前|现在|现阶段)的?")
_CHANGE_VERB = r"(?:提高|增加|增长|提升|上升|扩大|跃升|下降|降低|减少|压降|进入|跃居)(?:到|至)"
# 由现在的达到15家: a change from now whose base the text leaves out reaches its one figure.
FROM_NOW_NO_BASE = re.compile(
    r"(?:从|由)\s*(?:目前|当前|现在|现阶段)的?(?=\s*(?:达到|达|提高到|提升至|增加到|增至|上升到|上升至|为))"
)
NOW_TO = re.compile(r"(?:从|由)\s*(?:目前|当前|现在|现阶段)的?[^,，。；;]{0,40}?(" + _CHANGE_VERB + ")")
# A figure told as counted or estimated (据统计,2024年底…达84.9%; 今年初步估算…将超过7万亿元) is the
# present or a guess, not a target, whatever year it names.
REPORTED = re.compile(r"据(?:初步)?统计|统计(?:显示|数据显示)|数据显示|监测显示")
#: What a news item learned from a work report or meeting (记者从报告中获悉,…): its review when the sentence
#: names a year before the deadline (its goals for the deadline year stay goals).
GATHERED = re.compile(r"从[^,，。；;]{0,16}(?:工作)?(?:报告|会议|会上)[中上]?(?:了解到|获悉)")
#: The conditions a firm or project must meet to be supported or certified (支持对象为年销售收入5000万元以上
#: …的企业, 申报单位须具有不少于10名研发人员, 认定条件): thresholds of eligibility, no targets of the region.
CRITERIA = re.compile(
    r"(?:支持|扶持|奖励|补助|资助|申报)对象(?:为|是|须|应)|(?:申报|认定|评价|入库|准入|遴选|评审)(?:条件|标准)\s*(?:为|是|如下|[:：])"
    r"|(?<![每])[须需应](?:当)?(?:具有|具备|满足|符合)|单个(?:项目|企业|单位)?(?:支持|资助|补助|奖励)(?:金额|额度)"
)
#: A year named in a sentence, not as a deadline (到2025年) or the end of a range (2021—2025年).
YEAR_NAMED = re.compile(r"(?<![到至—–\-~～\d])(20\d\d)\s*年")
# (经初步预计,2012年全年实现…: a work report's first estimate of the year just ended, not its plan)
ESTIMATE = re.compile(r"估算|估计|预估|初步预计")
# What a plan says of the future: once a sentence of a paragraph reviews the past, the next ones do too
# until one of them speaks of the future.
# (Not a bare 要 or 计划: 重要, 主要, 行动计划 say nothing of the future.)
# (今年 followed by a part of it to date, 今年以来/今年前三季度, tells the present.)
FUTURE = re.compile(
    r"到\s*20\d\d|到\s*[“\"]?十[一二三四五]五|力争|争取|(?<!初步)预计|将|确保"
    r"|今年(?!以来|" + _YEAR_TO_DATE + r")|明年"
    r"|目标[是为:：]|目标\s*(?=\d)|计划到"
    # “十五五”时期,…年均增长7%以上 (a work report's line on the coming five-year plan after lines on the
    # year past); 十一五 to 十四五 are the past (REVIEW_PARAGRAPH)
    r"|十[五六七]五[”\"]?(?:时期|期间|末)"
    r"|要[在达实确]"
)

#: A comparison with the year before (同比增长, 比上年增加, 较上年下降): a statistic of a year gone by.
# (在上年基础上增加5%: the same comparison, told with the base)
VERSUS_LAST_YEAR = re.compile(r"(?:同比|比上年|较上年|在上年的?基础上)\s*(?:增长|增加|下降|减少|提高)")


def secured_only(sentence: str) -> bool:
    """Whether 争取 is the sentence's only word of the future (as in 争取国家项目713项: secured)."""
    return "争取" in sentence and not FUTURE.search(sentence.replace("争取", ""))


# "2025年是中国式现代化进程中具有重要意义的一年", "过去的一年是…的一年": the year a work report reviews; after
# it, 预计 (FORECAST_WORD) is that year's estimate, not a forecast
YEAR_REVIEWED = re.compile(r"(?:20\d\d年|去年|过去的?一年)(?:是|，是|,是)[^。；;]{0,60}?的一年")
FORECAST_WORD = re.compile(r"(?<!初步)预计")

RESPECTIVELY = re.compile(r"分别")
_TOP_HEADING = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_SUB_HEADING = re.compile(r"^(?:[（(]([一二三四五六七八九十]+)[）)]|(\d{1,2})[.．、](?!\d))\s*(.+)$")
# Sections that review the past (their figures are not targets) and those that open no action.
REVIEW_SECTION = re.compile(r"基础|成效|回顾|形势|现状|背景|成绩|成就|执行情况|完成情况|工作总结")
# A paragraph that opens on the past (“十三五”以来, 近年来, 过去五年) reviews it even outside such a section.
# (记者于发布会获悉,过去五年,…: a news item's lead clause before the span it reviews)
REVIEW_PARAGRAPH = re.compile(
    r"^(?:[^。,，；;]{0,16}[,，])?\s*(?:[“\"]?十[一二三四]五[”\"]?(?:以来|期间|时期)|近年来|过去[一二三四五]年|20\d\d年以来)|"
    # 去年上海发展新动能稳步壮大。…, 刚刚过去的一年,…: the past year reviewed
    r"^[^。]{0,12}(?:去年|上一年|过去的?一年)"
)
_NOT_ACTION = re.compile(r"目标|思路|原则|保障|组织实施|意义|要求|指导")
_ACTION_TITLE = re.compile(r"行动|工程|计划|专项")
# 牵头单位：, 责任部门：, and a bureau's own task lists: 牵头科室(单位)：, 责任处室：
_UNIT_LABEL = (
    r"(?:主要)?(?:牵头|责任|配合|协同|参与|协办)(?:单位|部门|科室|处室)(?:[(（][^()（）]{1,4}[)）])?\s*[:：]"
)
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
# 2024年2月28日, or 2018-02-06 (the date line of a web page)
ISSUE_DATE = re.compile(r"(20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(20\d\d)-[01]\d-[0-3]\d(?!\d)")
_NUMERALS = "一二三四五六七八九十"
# Words that say how a target is phrased, not what it measures: removed before matching an indicator.
# (以上 only after a number: 省级以上研发机构 names the indicator.)
NOISE = re.compile(
    # (5万家, 1.2亿元: a figure in 万 or 亿 is a figure, so 力争达到5万家 leaves no subject 万家 of its own)
    r"到\s*20\d\d\s*年|(?:比|较)\s*20\d\d\s*年|\d+(?:\.\d+)?\s*(?:(?:"
    + UNIT_WORDS
    + r")|[万亿](?:"
    + UNIT_WORDS
    + r")?)?(?:以上|左右)?|"
    r"达到|(?:提高|提升|上升|增加)(?:到|至)|增至|不少于|不低于|超过|累计|每年|年均增长|年均|力争|争取|翻一番|实现|"
    r"全国|全省|全区|全市|全县|持续提升|进一步|"
    r"[“”\"、,，。；:：%％()（）\s]"
)


#: What names a part of the region's economy (a chain, an industry, a park), whose firms are some of its own.
SECTOR = re.compile(r"产业链|产业|集群|园区|领域|行业|板块|基地")

#: A qualitative aim of the goals: 实现基本覆盖, 取得重要突破, 显著提升, 更加完善.
QUALITATIVE_AIM = re.compile(
    r"基本覆盖|全覆盖|取得[^,，。；]{0,6}突破|(?:显著|明显|大幅)(?:提升|增强|提高)|更加(?:完善|优化|健全|浓厚)"
)

#: A part of a count in brackets after it: (其中10家国家级), (其中国家级10家).
PART_IN_BRACKETS = re.compile(r"[(（](其中[^()（）\n]{0,20}\d[^()（）\n]{0,20})[)）]")

#: A question about a figure (如何达到12%, 能否实现翻番？): a heading or an analyst's question, no target.
QUESTION = re.compile(
    r"(?:如何|怎样|怎么|能否|可否|是否)\s*(?:才能|才可以|能够|可以)?\s*(?:达到|达|实现|提高|提升|突破|超过|完成)"
    r"|[？?]\s*$"
)

#: What makes a sentence set targets rather than tell: a deadline, striving, a forecast.
AIMS = re.compile(r"到\s*20\d\d|力争|争取|预计")


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


def numeral(text: str) -> int:
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
            review = bool(REVIEW_SECTION.search(title)) and not goals
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
            label, title = sub.group(1) or sub.group(2), sub.group(3)
            head, dot, rest = title.partition("。")
            if len(line) <= 30 or (dot and len(head) <= 24):
                counter += 1
                action, action_name = counter, head.removeprefix("实施").strip("。")
                top = f"{top_number}（{label}）"
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


def sentences(text: str) -> list[str]:
    """Sentences cut after 。！？ only: 到2025年…；…；… sets one deadline for every part after a ；."""
    # A summary flattened from bullets (…达到55%以上[1][11] - 当前,…): citation marks and a spaced dash
    # between items end a sentence too.
    parts = re.split(r"(?<=[。！？!?])|\n|(?<=[^\d\s])(?:\s*\[\d+\])*\s+-\s+(?=[^\d\s])", text)
    return [s.strip() for s in parts if s.strip()]


def clauses_of(sentence: str) -> list[tuple[bool, str]]:
    """The clauses of a sentence, each with whether it opens a new ；-separated part."""
    return [
        (index > 0 and position == 0, clause)
        for index, part in enumerate(re.split(r"[；;]", sentence))
        for position, clause in enumerate(clauses(part))
    ]


_CLAUSE_END = re.compile(r"[,，;；:：]")
_HEADLINE_SPACE = re.compile(r"(?<=[\u4e00-\u9fff%％])\s+(?=[\u4e00-\u9fff])")
#: The end of a figure (its unit, or 以上/左右 after it) and a space before the words of the next clause.
_FIGURE_SPACE = re.compile(
    r"(?:(?<=[%％])|(?<=\d[家个项件名所亿])|(?<=亿元)|(?<=万人)|(?<=以上)|(?<=左右)|(?<=以内)|(?<=以下))"
    r"\s+(?=[\u4e00-\u9fff])(?!以上|左右|以下|以内|的)"
)


def clauses(sentence: str) -> list[str]:
    """The comma-separated clauses of a sentence, without the closing punctuation; a colon closes a lead-in
    (要努力实现六个目标:一是…) and the 一是/二是 of a list is no part of the clause."""
    # in a sentence without commas (a news headline: …超过15个 培育…2家以上), a space between two Chinese
    # words parts clauses too; a sentence with commas keeps its spaces (a PDF's spacing inside a clause)
    parts = _CLAUSE_END.split(sentence.rstrip("。；;！!？?"))
    if not re.search(r"[,，]", sentence):
        parts = [piece for part in parts for piece in _HEADLINE_SPACE.split(part)]
    else:
        # …比重达8%左右 高新技术企业数达到1.2万家: a space after a figure, before words, is a lost comma
        parts = [piece for part in parts for piece in _FIGURE_SPACE.split(part)]
    return [c for c in (re.sub(r"^[一二三四五六七八九十]+是", "", p.strip()) for p in parts) if c]


def _quantity(text: str) -> bool:
    return bool(
        NUMBER_UNIT.search(text)
        or WAN.search(text)
        or YI.search(text)
        or CN_NUMBER.search(text)
        or RANK.search(text)
        or INDEX.search(text)
        or DOUBLE.search(text)
        or GROWTH_ANNUAL.search(text)
        or BARE_AMOUNT.search(text)
        or SHARE_FRACTION.search(text)
        or _BARE_COUNT.search(text)
        or _BARE_YI.search(text)
    )


def segments(clause: str) -> list[str]:
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


def plan_period(text: str, deadline: int) -> int:
    """The first year of the plan period: a range such as 2026—2030年, else the year of the issue date
    (the first full date 2024年2月28日 in the text), else five years before the deadline. A date after the
    deadline is a later page's (a repost dated 2019 of a plan to 2015: a plan is written before its
    deadline), not the plan's."""
    # (2018-2022年,高新技术企业由6590家增至2万家: a span ending before the deadline, told bare, is one
    # reviewed, not the plan's own; one in brackets or named as the period, (2021—2025年), stays the plan's)
    for found in _RANGE.finditer(text):
        named = re.search(
            r"(?:[(（]|规划期限?为?|实施期限?为?|期限为)\s*$", text[max(0, found.start() - 6) : found.start()]
        )
        if int(found.group(2)) >= deadline or named:
            return int(found.group(1))
    # 2024年科技工作要点, 2018年科技工作重点, 2024年全省科技工作会议, 2023年科技创新工作实施方案: one
    # year's work plan
    if re.search(
        rf"(?<![到至—–\-~～]){deadline}\s*年度?[\u4e00-\u9fff]{{0,10}}?"
        r"(?:工作(?:要点|重点|目标|计划|方案|实施方案|会议|任务)|实施方案|重点任务|重点工作|任务清单)",
        text,
    ) or re.search(rf"(?<!到){deadline}\s*年[^。，,；;\n]{{0,12}}?预期目标", text):
        return deadline  # (2024年经济社会发展主要预期目标, 2018年…工作预期目标: the goals of its year)
    # 给今年科技工作"定盘子", 今年的奋斗目标: a page that sets this year's goals with no range of years is a
    # year's work plan too (去年 and the years before it are its past)
    if re.search(r"今年(?:的|全[省市县区])?[^。，,；;\n]{0,8}?(?:目标|工作|任务)", text):
        return deadline
    if (issued := ISSUE_DATE.search(text)) and int(issued.group(1) or issued.group(2)) <= deadline:
        return int(issued.group(1) or issued.group(2))
    return deadline - 4
