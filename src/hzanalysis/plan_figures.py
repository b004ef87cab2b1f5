"""Where a plan's figure sits in its words: which number of a segment is the value it sets (not a
qualifier, a class, a base or a scope), a base figure written as the target alone, a verb of addition
governing the figure, a name in quotation marks, and a change restating a level.

Pure functions of text, shared by :mod:`hzanalysis.plan_read`.
"""

from __future__ import annotations

import re

from .plan_text import BARE_AMOUNT, CN_NUMBER, CUE, FROM_TO, NOW_TO, NUMBER_UNIT, UNITS, WAN, YI, bare_amount

#: Verbs of addition over the plan period, and the words after one that make its figure a stock reached.
# 实施/发行/认定 N (projects carried out, bonds issued, platforms accredited over the plan) are additions too.
_ADDITION = re.compile(
    r"新增|净增|新建|新培育|培育|开通|新引进|引进|新获批|新认定|(?<!通过)认定(?!的)|实施|发行|组建|促成"
)
_REACHED = re.compile(r"达到|达|突破|超过|超|总数|总量|增至|增加到|提高到|提升至|提升到|保有|拥有|累计|建成")
# A verb that only adds (新增, 新引进, 实施…) keeps its figure an addition after 超过/突破 (新增…超200亿元:
# more than 200 added); after 培育/引进, which also name a stock grown, 突破300家 is the stock reached.
_ONLY_ADDS = re.compile(r"新增|净增|新建|新培育|新引进|新获批|新认定|开通|认定|实施|发行|组建|促成")
_STOCK_REACHED = re.compile(r"达到|达|总数|总量|增至|增加到|提高到|提升至|提升到|保有|拥有|累计|建成")


def adds(segment: str) -> bool:
    """Whether a verb of addition governs the segment's figure (新建通用机场1个, 开通航线18条), not a stock
    reached after it (培育高新技术企业达到300家)."""
    number = value_match(segment)
    if number is None:
        return False
    before = segment[: number.start()]
    verbs = list(_ADDITION.finditer(before))
    # 依托企业重组(新建)的平台100个: a verb before 的 says which things are counted, not what is added
    after = before[verbs[-1].end() :] if verbs else ""
    # 培育销售收入超过10亿元的骨干企业5家: a 超过 inside the qualifier before 的 is no stock reached
    reached = _STOCK_REACHED if verbs and _ONLY_ADDS.fullmatch(verbs[-1].group(0)) else _REACHED
    return bool(verbs) and not reached.search(after.rsplit("的", 1)[-1]) and not re.match(r"[)）]?的", after)


#: A rank a change starts from: 由2022年的第8位提升至(2025年的), 从全市第8位进入.
_RANK_FROM = re.compile(
    r"(?:从|由)\s*(?:20\d\d\s*年[末底]?的?|目前的?|现在的?|当前的?)?(?:全[国省市区县]|省内|市内)?(?:的)?"
    r"第\s*(?:\d+|[一二三四五六七八九十]+)\s*[位名]\s*(?:提升|上升|提高|跃升|前移|进入|跃居|跻身)(?:到|至)?"
    r"\s*(?:20\d\d\s*年[末底]?的?)?"
)
#: A base figure of now or of a year before a change: 在现有1.8%的基础上, 在2022年30家基础上.
_ON_BASE = re.compile(
    r"在\s*(?:现有|目前|当前|现在|20\d\d\s*年[末底]?)?的?\s*\d+(?:\.\d+)?\s*(?:"
    + "|".join(re.escape(u) for u in UNITS)
    + r")?\s*的?\s*基础上\s*[,，]?"
)


def drop_base(text: str) -> str:
    """The text with the base of a change written as the target alone: 从2020年的15%提高到56% -> 为56%,
    由2015年的1.08%提升至2020年的2.12% -> 为2020年的2.12% (whose year then says it is the past)."""
    # 由2022年的第8位提升至前5位, 由全市第8位进入前5位 -> 进入前5位 (the place it starts from is no target)
    text = _RANK_FROM.sub("进入", text)
    # 在现有1.8%的基础上提高到2.3% -> 提高到2.3%; 在目前45家的基础上翻一番 -> 翻一番 (the base is now's)
    text = _ON_BASE.sub("", text)
    # 由目前的1.75%提高到2.2% -> 达到2.2%; 从目前的第21位上升至前18位 -> 达到前18位
    if now := NOW_TO.search(text):
        falls = re.search(r"下降|降低|减少|压降", now.group(1))
        verb = "降至" if falls else "进入" if now.group(1).startswith(("进入", "跃居")) else "达到"
        return text[: now.start()] + verb + text[now.end() :]
    change = FROM_TO.search(text)
    if change is None:
        return text
    to_year = re.search(r"(?:到|至)\s*(20\d\d\s*年[末底]?的?)", change.group(0))
    # 从12%降低到8%: a ceiling, written 降至 so that the comparator reads "at most"
    verb = "降至" if re.search(r"下降|降低|减少|压降|降至|减至|降到|减到", change.group(0)) else "为"
    return text[: change.start()] + verb + (to_year.group(1) if to_year else "") + text[change.start(1) :]


def figures(clause: str) -> list[re.Match[str]]:
    """The numbers with a unit of a clause in order, 6万家 and 1.2亿台 read whole (not as a bare 6 or 1.2)."""
    counts = [m for pattern in (WAN, YI) for m in pattern.finditer(clause)]
    plain = [
        m for m in NUMBER_UNIT.finditer(clause) if not any(c.start() <= m.start() < c.end() for c in counts)
    ]
    return sorted(counts + plain, key=lambda m: m.start())


#: A name in quotation marks: a short span with no sentence punctuation and no word setting a figure
#: (“聚焦1个行动、构建2大体系、实施8大工程”的整体工作安排, “1+4+N”产业体系); a quoted goal (“到2030年…达到
#: 300家”的目标) sets one.
_QUOTED = re.compile(r"[“\"]([^“”\"，,。；;：:！!？?]{1,40})[”\"]")
_SETS = re.compile(r"到\s*20\d\d|达到|达|超过|突破|增长|提高|提升|不少于|不低于|以上|翻")


def named(sentence: str, segment: str) -> bool:
    """Whether the figure a segment would set lies inside a quoted name of its sentence."""
    figure = value_match(segment)
    at = sentence.find(segment)
    if figure is None or at < 0:
        return False
    spot = at + figure.start()
    return any(
        m.start(1) <= spot < m.end(1) and not _SETS.search(m.group(1)) for m in _QUOTED.finditer(sentence)
    )


#: A change over a base year, or an increment, opening a clause (so with no subject of its own):
#: 比2015年提高约12, 比2020年增加15家, 增长近千亿元 (not a share: …,增长20% is a growth of its own);
#: a doubling told after the level it reaches (…突破2000家,较2022年实现倍增; …达到80家,实现翻番).
RESTATED = re.compile(
    r"^\s*(?:(?:(?:相比较|相比|比|较|在)\s*20\d\d\s*年[末底]?(?:的?基础上)?\s*)?(?:力争|争取)?实现(?:倍增|翻)"
    r"|(?:相比较|相比|比|较)\s*20\d\d\s*年[末底]?(?:的?基础上)?\s*"
    r"(?:提高|增加|增长|提升|上升|下降|降低|减少|翻)"
    r"|(?:增长|增加|提高)(?![到至])\s*(?:近|约|超过)?\s*(?:\d+(?:\.\d+)?|[百千万]亿)(?!\s*(?:[%％]|个?百分点))"
    # …强度达到3%,年均提高0.2个百分点: the share's path to its level (a yearly rate of growth, 年均增长12%,
    # stays a target of its own)
    r"|年均(?:提高|提升|增加|上升)\s*(?:约|近)?\s*\d+(?:\.\d+)?\s*个?\s*百分点)"
)

#: What a listed subject of a shared growth ends on: a measure (产值, 企业数, 授权量, 投资, 强度…), so
#: that 电子信息、生物医药产业增加值 (two industries qualifying one measure) is not split.
MEASURE_END = re.compile(r"(?:值|额|数|量|率|比重|比例|收入|投资|强度|规模|面积|支出|利润|产量|总额|总量)$")


#: A list after a verb of definition up to the figure that counts it: 包括A、B和C (no verb setting a figure
#: in between, and not 包括…在内的10家, which counts things of which the list names some).
_DEFINED_LIST = re.compile(
    r"(?:包括|包含|涵盖|涉及|分为|主要有)(?:(?!达到|达|超过|突破|新增|培育|建成|在内)[^,，。；;:：])*、"
    r"(?:(?!达到|达|超过|突破|新增|培育|建成|在内)[^,，。；;:：])*$"
)
#: Before an amount given to each beneficiary: a verb of granting money, per unit (每家), at most (最高) or
#: once (一次性), with no verb setting a total in between.
_GRANT_RATE = re.compile(
    r"(?:给予|资助|补助|奖励|补贴|每(?:家|个|项|件|人|户|名|所|次)|最高|一次性)"
    r"(?:(?!达到|达|超过|突破|累计|总额|总计|不少于|不低于)[^,，。；;\d])*[\d.]*\s*[-—–~～至到]?\s*$"
)
#: After an amount: the grant it is (10万元奖励, 5万元的补助).
_GRANT_AFTER = re.compile(r"\s*(?:以内|以下)?的?(?:奖励|补助|资助|补贴|奖补|扶持)")

#: A clause opening on a verb of scope right before a figure: 聚焦, 围绕, 瞄准, 面向, 依托.
_SCOPE_COUNT = re.compile(
    r"\s*(?:力争|坚持)?\s*(?:聚焦|围绕|瞄准|面向|依托|立足|涵盖|覆盖)\s*(?:全[省市县区])?\s*"
)
#: The whole region right before a figure: 全县, 全市所辖.
_WHOLE = re.compile(r"全[省市县区](?:所辖|域内|范围内)?\s*(?:共|所有)?\s*$")

#: Verbs that say what a plan is about, not what it builds: 聚焦/围绕/涵盖… a list of fields.
_SCOPE = re.compile(r"^\s*(?:聚焦|围绕|包括|涵盖|涉及|瞄准|面向)")


def value_match(segment: str) -> re.Match[str] | None:
    """The figure a segment sets: the first number with a unit that does not qualify what is counted
    (总收入超过100亿元的企业达到10家 sets 10家) nor say where (在10个重点行业打造30个…工厂 sets 30个);
    1万名, 1.2亿台 and 十万家 included."""
    durations = (_YEARS,) if "年限" in segment else ()
    found = [
        m
        for pattern in (WAN, YI, NUMBER_UNIT, CN_NUMBER, BARE_AMOUNT, *durations)
        for m in pattern.finditer(segment)
        # 总投资10亿元以上的项目: a figure qualifying what is counted; but 满足…近30%的市场需求, 占…15%的份额:
        # a share of what follows, after a verb that sets it, when no figure follows
        if (
            not re.match(r"\s*(?:以上|以下|左右)?\s*的(?!主要目标|目标)", segment[m.end() :])
            or (
                m.group(0).endswith(("%", "％"))
                and _SHARE_OF.search(segment[: m.start()])
                and not re.search(r"\d", segment[m.end() :])  # 占比达到3%的企业超过100家: a qualifier
            )
            # 90%以上的研发机构设立在企业: a share opening its clause, of the things named after it, with no
            # figure after it (the clause says where that share is)
            or (
                m.group(0).endswith(("%", "％"))
                and _SHARE_OPENS.match(segment[: m.start()])
                and not re.search(r"\d", segment[m.end() :])
            )
        )
        # 首位产业为工业的县(市)34个: how many places are of a kind, with no verb that sets it, is a
        # classification (创建示范县25个 has its verb)
        and not (_OF_A_KIND.search(segment[: m.start()]) and not CUE.search(segment))
        # 100亿元级企业, 10亿元级品种: a class of what is counted, never a value; so is an amount or an
        # area written just before the things it sizes (新增20亿元企业, 引进10亿元以上项目5个)
        and not segment[m.end() :].startswith("级")
        and not (unit_of(m) in _SIZES and _SIZED.match(segment[m.end() :]))
        # 相比较2013年的2508亿元: the base a change is measured from, never the target
        and not _BASE_FIGURE.search(segment[: m.start()])
        # 聚焦A、B…等10个重点领域: the size of the scope just listed, no target (组建A、B等5个 is one)
        and not (segment[: m.start()].endswith("等") and _SCOPE.match(segment))
        # 聚焦21条产业链, 围绕6大主导产业: the scope a clause opens on, right before its count, is where the
        # plan works, not what it sets
        and not _SCOPE_COUNT.fullmatch(segment[: m.start()])
        # 全县18个乡镇实现…全覆盖: all the places of the region, counted, are its size
        and not (_WHOLE.search(segment[: m.start()]) and _PLACES.match(segment[m.end() :]))
        # 建设年产10万吨…项目: a capacity names the project it belongs to
        and not _CAPACITY.search(segment[: m.start()])
        # X包括A、B和C 3个领域: the size of a list that defines a term, no target
        and not _DEFINED_LIST.search(segment[: m.start()])
        # 每家资助5万元, 给予最高50万元补助: an amount given to each beneficiary is a policy's rate, not a
        # target (a total, 安排资金1000万元, stays one)
        and not (unit_of(m).endswith("元") and _GRANT_RATE.search(segment[: m.start()]))
        and not (unit_of(m).endswith("元") and _GRANT_AFTER.match(segment[m.end() :]))
    ]
    # 1万名 is read by WAN, not as 1 of NUMBER_UNIT's 万…; the earliest figure wins
    found.sort(key=lambda m: (m.start(1) if m.re is BARE_AMOUNT else m.start(), m.re not in (WAN, YI)))
    # 前100家企业的研发投入超过…10%: the first N of a class say which are counted, when a figure follows
    while len(found) > 1 and segment[: found[0].start()].rstrip().endswith("前"):
        found.pop(0)
    # 在10个重点行业打造30个…: a figure after 在 says where the target is set, when another one follows
    while len(found) > 1 and _WHERE.search(segment[: found[0].start()]) and found[1].start() > found[0].end():
        found.pop(0)
    # 全省76个县(市)主导产业总产值将达1.7万亿元: a count of the places whose total is set says whose it
    # is, when a figure follows after the verb
    while (
        len(found) > 1
        and _PLACES.match(segment[found[0].end() :])
        and _VERB_BETWEEN.search(segment[found[0].end() : found[1].start()])
    ):
        found.pop(0)
    # 主营业务收入10亿元以上企业达到20家, 实施5000万元以上项目10项: an amount or an area before a count of
    # one segment says which things are counted (as …以上的 does); the count is the target
    while len(found) > 1 and unit_of(found[0]) in _SIZES and any(unit_of(m) in _COUNTED for m in found[1:]):
        found.pop(0)
    return found[0] if found else None


#: Before a share written N%的…: a verb that sets it (满足国内近30%的需求, 占全球15%的份额).
_SHARE_OF = re.compile(r"(?:满足|占|达到|接近)[^,，。；、\d]{0,8}$")

#: Before a share that opens its clause: nothing, or a word of striving or making (力争, 确保, 使).
_SHARE_OPENS = re.compile(r"\s*(?:力争|争取|确保|推动|实现|使|让)?\s*$")

#: What opens a base figure: (相)比(较)/较 a year's figure (相比较2013年的…, 较2020年末的…).
_BASE_FIGURE = re.compile(r"(?:相比较|相比|相较|比|较)\s*20\d\d\s*年[末底]?的\s*$")

#: 平均受教育年限达到11.5年: years as the unit of a duration (年限), never a year (2025年) or a span (3年内)
_YEARS = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*(年)(?=\s*(?:以上|左右)?\s*(?:[,，;；。、]|$))")

#: The places of a kind just described, before their count: …为工业的县(市), …的乡镇.
_OF_A_KIND = re.compile(r"的(?:县|市|区|乡镇|镇|乡|街道)(?:[(（][^()（）]{1,4}[)）])?\s*$")
#: What a count of places names: 个县(市), 个地级市, 个乡镇, 个园区 (the count's unit went with the figure).
_PLACES = re.compile(r"^\s*(?:[(（][^()（）]{1,4}[)）])?(?:地级|县级)?(?:县|市|区|镇|乡镇|乡|街道|园区|城市)")
_VERB_BETWEEN = re.compile(r"达到|达|超过|突破|增至|提高到|提升至|实现")

#: What an amount written just before it sizes: 20亿元企业, 亿元以上项目, 10亿元重大工程.
_SIZED = re.compile(r"(?:以上|以下)?(?:级)?(?:重大|重点|龙头|骨干|大)?(?:企业|项目|工程|产品|品种|单品)")

#: Units of a size (an amount of money, an area) and of a count, for telling a qualifying figure.
_SIZES = frozenset({"亿元", "万元", "万亿元", "万平方米", "平方米", "吨", "千瓦", "千瓦时"})
_COUNTED = frozenset({"家", "个", "项", "件", "名", "所", "座", "套", "台", "条", "款", "种", "支"})


def unit_of(figure: re.Match[str]) -> str:
    """The unit a figure of :func:`_value_match` is written in (a bare amount's is 亿元 or 万亿元)."""
    if figure.re is BARE_AMOUNT:
        return bare_amount(figure)[1]
    return figure.group(2) if figure.re.groups >= 2 else ""


#: 在10个重点行业…, 在全省20个县…: what follows 在 (with a few words of scope) says where, not how many.
_WHERE = re.compile(r"在[^,，。；、\d]{0,4}$")


#: A goal another document sets, quoted for the purpose the plan serves: 为落实《…规划》提出的…达到2.8%的目标,
#: 为对接…的要求 (a plan's own 确保实现…达到100家的目标 has no such purpose, and stays a target).
_QUOTED_GOAL = re.compile(
    r"(?:为了?\s*(?:全面|认真)?(?:落实|贯彻|对接|对标|服务)|《[^》]{1,40}》[^,，。；;]{0,6}?(?:提出|确定|明确|设定)的)"
    r"[^。；;]*?\d[^。；;]*?的\s*(?:目标|要求|任务)"
)
#: A rate of a policy instrument (加计扣除比例提高到100%, 减按15%的税率, 按10%给予补助, 贴息50%), not a target
#: of the region; how far the policy reaches (落实率, 覆盖率, 兑现率) stays one.
_POLICY_RATE = re.compile(r"加计扣除|税率|贴息|补助|补贴|奖励|资助|奖补|费率|利率|减免|返还|担保")
_POLICY_REACH = re.compile(r"落实率|覆盖率|兑现率|享受率|到位率|惠及")
#: Before a capacity: 年产10万吨, 产能50万吨, 装机容量30万千瓦.
_CAPACITY = re.compile(r"(?:年产|年产能|产能|装机(?:容量)?|年处理)\s*$")

#: Money allotted before its amount: 拟安排…投资, 下达…资金, 拨付…经费.
_ALLOTTED = re.compile(
    r"(?:拟安排|安排|下达|拨付)[^,，。；;\d]{0,12}?(?:资金|投资|债券|预算|经费)[^,，。；;\d]{0,4}$"
)
_FLOOR = re.compile(r"不少于|不低于|以上|超过|达到|突破|每年|年均")
#: What a project is expected to give once built (建成后年产值可达100亿元): no target the plan sets.
_ONCE_BUILT = re.compile(r"(?:建成|投产|达产|竣工|运营)后")


def not_set_here(segment: str, number: re.Match[str] | None) -> bool:
    """Whether a figure of a segment is no target the plan sets although the segment reads like one: a goal
    of another document quoted for a purpose, a policy instrument's rate, or a project's expected output."""
    if _QUOTED_GOAL.search(segment) or _ONCE_BUILT.search(segment):
        return True
    if number is not None and _ALLOTTED.search(segment[: number.start()]) and not _FLOOR.search(segment):
        return (
            True  # 拟安排中央预算内投资7000亿元: money allotted, not a result (不少于…, 每年…: a commitment)
        )
    rate = number is not None and unit_of(number) in ("%", "％")
    return rate and bool(_POLICY_RATE.search(segment)) and not _POLICY_REACH.search(segment)
