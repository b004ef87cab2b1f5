"""Why a figure is not an observation: changes, ranks, dates, targets and plans, parts of a year, and the
sections of a document that set targets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .mentions import _Mention
from .numbers import _Number
from .vocabulary import _MULTI_YEAR_RE, FIRM_KINDS, _catalogue, normalise

# (also with a bound between: 强度增长约8.3%, 增长超20%, is a change however it is bounded)
_CHANGE_RE = re.compile(
    r"(增长|增加|提高|提升|上升|下降|减少|回落|扩大|缩小|增速|增幅|降低|增|降|多|少)(了)?"
    r"(约|近|超过|超|逾|将近|接近|大约)?$"
)
_CHANGE_TO_LEVEL_RE = re.compile(r"(增长|增加|提高|提升|上升|下降|减少|回落|扩大|跃升|降低|增|降)(至|到)")
_DURATION_RE = re.compile(
    r"连续\s*(\d+|[两二三四五六七八九十]+)\s*年|(\d+|[两二三四五六七八九十]+)\s*年(来|间)"
)
# Counts of firms: after their name, a clause naming firms of a size class counts another population.
_FIRM_COUNTS = frozenset({"hte_count", "tech_smes"})
_SIZE_CLASS_RE = re.compile(r"(上亿|超亿|亿元以上|千万元以上|超?\d+(\.\d+)?(亿|千万|万)元?(以上)?)(的)?企业")
_COMPARISON_RE = re.compile(r"(比|较|同比|环比|比上年|较上年|同期)")
_PLAN_RE = re.compile(
    # (实施市级计划项目406项: projects of a funding programme, done; 向上争取各类项目36项, 争取到资金1.6亿元:
    # what was won from higher levels of government; no plan set)
    r"力争|(?<!向上)争取(?!到)|计划(?!项目)|确保|规划|预期目标|拟|将达到|将突破|将超过|目标(?!任务)|每年|年均"
    # 年内将新增…5000家, 全市将认定260家: what is to come
    # (also with the subject between: "今年，河北省将保持…增长，分别新增1000家、10000家"; 将近 is "nearly")
    r"|(年内|今年|明年|下一步|未来)[,\s]?[^,;:。\d]{0,10}?将(?!近)"
    r"|将(新增|培育|建成|实现|认定|完成|引进|建设|打造|形成|保持)"
)
# After "N家", firms going through a procedure: those certified or approved in a batch, never the stock.
_BATCH_AFTER_RE = re.compile(
    r"(企业|单位)[^,;:。]{0,10}?(被|获)?(认定为|获批|通过认定|评为|入选)|(被|获)?(通过|获批)(认定|核查|备案|评审)?"
    # "完成8716家高新技术企业推荐报备工作": applicants recommended or filed, whatever the outcome
    r"|[^,;:。\d]{0,10}?(企业|单位)(的)?(推荐|报备|申报|复审)"
    # "第二批171家企业获国家高新技术企业备案": the firms of a batch filed as certified
    r"|(企业|单位)(被|获|通过)[^,;:。\d]{0,14}?(备案|认定|核查|评审)"
)
# A sentence naming a batch (第六批…入库公告, 首批…名单, 三批次): its counts of firms are the batch's, unless
# the figure's own words say the stock (累计, 总数, 共有 …).
_BATCH_NAMED_RE = re.compile(r"第[一二三四五六七八九十\d]+批|首批|批次|名单|公示|公告")
_STOCK_WORDS_RE = re.compile(r"累计|总数|总量|总计|共有|拥有|保有|有效期内|全[省市区县国]共")
# Before "N家" in its clause, the firms that applied: a batch of applicants.
_APPLICANTS_BEFORE_RE = re.compile(r"(申请复审|复审|申请认定|申报|推荐申报|推荐)的?\s*$")
# Before "N家" in its clause, the firms certified ("预计通过认定企业超过900家"): a batch, not the stock.
_CERTIFIED_BEFORE_RE = re.compile(
    r"(通过|获得?)认定的?(企业)?(数量?)?\s*(超过|超|突破|达到|达|为|共|约)?\s*$"
)
# After a figure, a rank among the parts of the region ("长沙以31.52亿元居各地区之首", "…位居各县区第二"):
# the figure of one of them, never the region's.
_RANK_AMONG_PARTS_RE = re.compile(
    r"\s*(居|位居|位列|排名?|列)\s*(全[省市区国])?各[^,;:。]{0,8}?(之首|首位|第|前|榜首)"
)
_ACHIEVED_PLAN_RE = re.compile(r"(完成|实现|超额完成|达成)[^,;:]{0,8}目标")
# 规划/计划 in the name of an office whose officer is quoted (发展规划处负责人, 规划司副司长,
# 战略规划与政策法规处
# 负责人告诉记者): who speaks, not a plan.
_OFFICE_AFTER_PLAN_RE = re.compile(
    r"[\u4e00-\u9fff与和、]{0,10}?(司|处|局|科|室|办)(有关)?(副?(司长|处长|局长|科长|主任)|负责人)"
)
# Thresholds passed one after another (连跨2000亿元、3000亿元台阶, 相继突破…): the milestones of a series, no
# one year's level. (A threshold held for several years, 连续三年保持在3.5%以上, does bound this year's.)
_THRESHOLDS_RE = re.compile(
    r"(连跨|连破|连上|接连(突破|跨越|迈上)|相继(突破|跨越|迈上|跨上)|先后(突破|跨越|迈上|跨上))[^,;:。]*$"
)
_FUTURE_YEAR_RE = re.compile(r"(到|至|在)(\d{4})年")
# A plan named as the cause of what was done ("随着…倍增计划的深入推进，…已有…", "通过实施…培育计划，
# 形成…"): a plan carried out, not a target set by the sentence.
_PLAN_CARRIED_OUT_AFTER_RE = re.compile(
    r"的?\s*(进一步|深入|持续|全面|扎实)?\s*(推进|实施|落实|开展|带动)下?\s*[,;:]"
)
# (also a plan named as what is being carried out: "落实《…三年行动计划(2021-2023年)》,持续开展…")
# ("我省实施加大全社会研发投入行动计划,2019年…": a plan being carried out, as 落实 one is; 将实施 is to come)
_PLAN_AS_MEANS_BEFORE_RE = re.compile(
    r"(随着|通过|依托|借助|(?<![将要拟])(落实|贯彻|按照|根据|依据|实施))(?![^,;:。]*[将拟要])[^,;:。]{0,24}$"
)
_PART_YEAR_RE = re.compile(
    r"(\d{1,2})\s*(?:月份?)?\s*[-—~至到]\s*(\d{1,2})\s*月|上半年|下半年|前三季度|一季度|二季度|三季度|四季度|第[一二三四]季度"
    r"|(\d{1,2})月(份|末|底)|当月|单月|当季|单季|前(\d{1,2}|[一二三四五六七八九十]{1,2})个?月"
    r"|截[至止]到?(今年|本年|\d{4}年)?(?!12月)\d{1,2}月"
)
# After a part of the year, these name the whole year again ("上半年…，全年…"): the figures that follow are
# the year's.
# (全年任务/目标/计划 is the year's target a part of the year is measured against: "完成全年任务的61.8%")
_WHOLE_YEAR_RE = re.compile(
    r"全年(?![^,;:。\d]{0,4}(任务|目标|计划))|(?<![去上前])年(末|底)|1\s*(?:月份?)?\s*[-—~至到]\s*12\s*月|12月(份|末|底)"
)
# A change clause with its figure ("增长18%，", "比上年提高0.3个百分点"): skipped before a level after it.
_CHANGE_CLAUSE_RE = re.compile(
    r"(同比|比上年|较上年|比去年|较去年)?(增长|增加|提高|提升|上升|下降|减少|增|降)(了)?"
    r"\s*(约|近|超过|超|逾)?\s*\d+(\.\d+)?\s*(%|个百分点|百分点|倍|成)"
)

_HEADING_RES = (
    re.compile(r"\s*[一二三四五六七八九十]+、"),
    re.compile(r"\s*\([一二三四五六七八九十]+\)"),
    re.compile(r"\s*\d{1,2}[.、](?!\d)"),
)
_PLAN_SECTION_RE = re.compile(r"目标|任务|思路|打算|计划|安排|举措|措施|重点工作|保障|展望")
# A heading that reports on the targets ("一、年度目标任务完成情况") heads results, not plans.
_RESULTS_SECTION_RE = re.compile(r"完成情况|完成|进展|成效|成绩|回顾|执行情况|落实情况|工作情况")


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
    kept, plan_level, results_level = [], None, None
    for line in text.splitlines():
        norm = normalise(line.strip())
        level = _heading_level(norm)
        if level is not None:
            title = re.split(r"[。;:]", norm, maxsplit=1)[0]
            if plan_level is not None and level <= plan_level:
                plan_level = None
            if results_level is not None and level <= results_level:
                results_level = None
            if results_level is None and _RESULTS_SECTION_RE.search(title):
                results_level = level
            # a sub-heading of a section of results (一、2022年工作情况 / (一)…下好重点工作"先手棋") tells
            # what was done under that name: its figures are results too
            if plan_level is None and results_level is None and _PLAN_SECTION_RE.search(title):
                plan_level = level
        if plan_level is None:
            kept.append(line)
    return kept


# "由建区之初的1.35亿元增长到875亿元", "从十多年前的4.9万家增加到…": the base of a change at a time the text
# dates only relative to an unknown start (之初, 十多年前), which no year can be given to
_UNDATED_BASE_RE = re.compile(
    r"(从|由)\s*[^,;:。\d]{0,8}?(之初|初期|当初|起步时|成立时|建立时|设立时|多年前|[一二三四五六七八九十几]+年前)的?\s*$"
)
# "对省内3112户高新技术企业进行问卷调查", "为86家高新技术企业提供辅导", "精准服务企业600余户": firms an office
# surveys, visits, serves or trains, however many, are the object of its work, not the region's stock
_ACTED_ON_RE = re.compile(
    r"(对|为|向|赴|走访|调研|服务|帮助|帮扶|指导|组织|培训|辅导|扶持|奖励|补贴|资助|推荐|引导|动员|遴选|筛选)"
    r"[^,;:。\d]{0,12}$"
)
# "高新技术企业中共有28家上市企业": the figure's own noun names a kind of firm, a part of the statistic before
_KIND_AFTER_RE = re.compile(rf"\s*({FIRM_KINDS}|规上|规模以上|龙头|骨干)[^,;:。\d]{{0,4}}企业")
# "N个市州/县市区/乡镇": places counted where something is found, never firms or institutions
_PLACES_COUNTED_RE = re.compile(
    r"\s*(市州|县市区|县\(市、区\)|县区|区县|市县|县市|地市|设区市|乡镇|镇街|街道|城市|省份|省区市|国家和地区)"
)
# "长期保持在6.5%以上的高位": a level held over many years, no one year's figure
_HELD_LEVEL_RE = re.compile(r"长期(保持|稳定|维持|处)在?[^,;:\d]{0,4}\d[\d.]*\s*(%|‰)?(以上|以下|左右)?")


def _skip_reason(norm: str, number: _Number, owner: _Mention, plan_at: int | None, *, listed: bool) -> str:
    """Why this number is not an observation of its mention ('' when it is one)."""
    prefix = norm[owner.end : number.start] if owner.end <= number.start else ""
    clause_prefix = re.split(r"[,;:]", norm[: number.start])[-1]
    clause_start = number.start - len(clause_prefix)
    if clause_start < owner.end <= number.start:
        clause_prefix = norm[owner.end : number.start]  # the statistic's own name (净增…) is no change verb
    if number.unit in ("个百分点", "百分点", "倍", "年", "月", "日", "号", "位", "次", "批"):
        return "change, rank or date"
    if number.unit == "" and number.multiplier == "":
        return "bare number"
    if number.unit == "个" and _PLACES_COUNTED_RE.match(norm, number.end):
        return "a count of places (在14个市州、122个县市区均有布局): not a count of the statistic"
    if _UNDATED_BASE_RE.search(clause_prefix):
        return "the base of a change at a time with no year (由建区之初的…, 从十多年前的…): no year's figure"
    if _THRESHOLDS_RE.search(clause_prefix):
        return "thresholds passed one after another (连跨…、…台阶): no one year's level"
    if re.match(r"\s*(大关|关口|台阶)[^。;]*?\d{4}年的?\s*\d", norm[number.end :]):
        # 首次突破百亿元大关,从2015年的73.73亿元增加到2019年的112.05亿元: a milestone crossed in a year the
        # dated figures after it tell (alone, 突破10亿元大关 bounds the year of its text)
        return "a milestone crossed (突破百亿元大关) before dated figures of it: no one year's level"
    if _HELD_LEVEL_RE.search(clause_prefix + norm[number.start : number.end]):
        return "a level held over many years (长期保持在…), no one year's figure"
    if norm[max(0, number.start - 1) : number.start] == "第" or norm[number.end : number.end + 1] == "位":
        return "rank"
    # (突破7%的大关: the threshold the figure itself is, no attribute)
    # (在2015年57家的基础上: the base of a multiple, the figure of that year)
    # (实现了70亿元的地区生产总值: the figure of the statistic named right after its 的)
    if (
        norm[number.end : number.end + 1] == "的"
        and not norm.startswith(("的大关", "的基础上"), number.end)
        and owner.start != number.end + 1
    ):
        return "attribute of something else (… 1.25万元的项目)"
    if (
        number.unit == "家"
        and _BATCH_AFTER_RE.match(norm, number.end)
        # "共有1638家企业通过…认定": the firms certified so far, the stock
        and not re.search(r"(共有|累计|总计|共计)有?\s*$", clause_prefix)
    ):
        return "firms going through a procedure (…等312家企业认定为…, 27家企业39个产品获批): a batch"
    # what opens the clause up to the firms (the figure, or the statistic named first in its clause)
    first = owner.start if clause_start <= owner.start < number.start else number.start
    lead = norm[clause_start:first]
    if owner.indicator in _FIRM_COUNTS and _ACTED_ON_RE.search(lead):
        return "firms something is done to (对…3112户…进行调查, 为86家…提供, 走访…200余家): not the stock"
    kind_after = _KIND_AFTER_RE.match(norm, number.end)
    if owner.indicator in _FIRM_COUNTS and owner.end <= number.start and kind_after:
        return "firms of a kind named after the figure (高新技术企业中共有28家上市企业): a part"
    if number.unit == "家" and _APPLICANTS_BEFORE_RE.search(clause_prefix):
        return "applicants (申请复审的93家…): a batch, not the stock"
    if number.unit == "家" and _CERTIFIED_BEFORE_RE.search(clause_prefix):
        return "firms certified (通过认定企业超过900家): a batch, not the stock"
    # from the clause of the statistic (or of the figure, when the figure comes first) to the figure
    since = max(norm.rfind(c, 0, min(owner.start, number.start)) for c in ",;:") + 1
    if (
        owner.indicator in _FIRM_COUNTS
        and _BATCH_NAMED_RE.search(norm[since : number.start])
        and not _STOCK_WORDS_RE.search(norm[since : number.end])
    ):
        return "firms of a batch the sentence names (第六批…入库公告, 首批…名单): not the stock"
    if _RANK_AMONG_PARTS_RE.match(norm, number.end):
        return "a rank among the region's parts (长沙以31.52亿元居各地区之首): one part's figure"
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
    # (由2021年的3家发展到目前的82家: the change's end now, as it stands in the document's year)
    from_to = re.search(r"(由|从)[^,;:]*(至|到)了?(目前|现在|如今|当前)?的?$", gap)
    if re.search(r"(由|从)$", gap):
        return "starting value of a change (由…至…)"
    between = _CHANGE_CLAUSE_RE.sub("", prefix)  # "增长18%，达到480家": the change is no other figure
    between = _DURATION_RE.sub("", between)  # "连续4年保持在4%以上": a duration is no other figure
    between = re.sub(r"\[\d{1,2}\]", "", between)  # a footnote marker ("生产总值(GDP)[2]91.3亿元")
    between = _HELD_LEVEL_RE.sub("", between)  # a level held over many years is no other figure
    # "1-11月…4500亿元，预计全年突破5000亿元": the whole year named after the part's figure
    between = re.split(_WHOLE_YEAR_RE.pattern, between)[-1] if parts_before(norm, number) else between
    if not listed and not from_to and re.search(r"\d", between) and not re.search(r"\d{4}年", between):
        return "another number in between"
    if (
        owner.indicator in _FIRM_COUNTS
        and re.search(r"[,;:]", prefix)
        and _SIZE_CLASS_RE.search(re.split(r"[,;:]", prefix)[-1])
    ):
        return "firms of another kind named in the figure's clause (…规模壮大，收入上亿企业35家)"
    # (also "…技术合同成交额最高，达到211亿元": the unit with the largest figure)
    if re.search(r"(最高|最低|最快|最慢|最大|最多|最少)的(也)?(是|为)", prefix) or re.search(
        r"(最高|最低|最大|最多|最少)\s*,\s*(达到?|为|有)?\s*$", prefix
    ):
        return "a superlative names a part (最高的是高港区，达到…)"
    if plan_at is not None and plan_at < number.start:
        return "target or plan"
    # "2021-2023年，…技术合同成交额累计达到156亿元": a flow summed over the years the sentence spans
    if (
        owner.end <= number.start
        and re.search(r"累计\s*(达到?|为|实现|完成|突破|超过)?\s*$", clause_prefix)
        and owner.indicator not in _catalogue().stocks
        and _MULTI_YEAR_RE.search(norm[: number.start])
    ):
        return "a flow summed over several years (…年至…年累计…): no one year's figure"
    # the date in brackets after the figure ("412家(截至2023年10月)"): as of a month before the year's end
    as_of = re.match(r"\s*\(\s*(数据)?截[至止]到?\s*(\d{4}年)?\s*(\d{1,2})月", norm[number.end :])
    if as_of and int(as_of.group(3)) < 12:
        return "part of a year (the date in brackets after the figure)"
    parts = list(_PART_YEAR_RE.finditer(norm[: number.start]))
    # the last part of the year named before the figure, unless the whole year is named after it; 1-12月
    # and 12月末 are the whole year
    if (
        parts
        and not _WHOLE_YEAR_RE.search(norm[parts[-1].end() : number.start])
        and not _WHOLE_YEAR_RE.fullmatch(parts[-1].group(0))
    ):
        return "part of a year"
    return ""


def parts_before(norm: str, number: _Number) -> bool:
    """Whether a part of the year (1-11月, 上半年 ...) is named before ``number``."""
    return bool(_PART_YEAR_RE.search(norm[: number.start]))


def _plan_start(norm: str, reference: int | None, mentions: Sequence[_Mention]) -> int | None:
    starts = []
    for match in _PLAN_RE.finditer(norm):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue  # 计划 in 科技计划项目 names the statistic
        if match.group(0) in ("规划", "计划") and _OFFICE_AFTER_PLAN_RE.match(norm, match.end()):
            continue  # 规划处负责人介绍: an office's officer speaking
        if (
            match.group(0) in ("规划", "计划")
            and _PLAN_AS_MEANS_BEFORE_RE.search(norm[: match.start()])
            and (
                _PLAN_CARRIED_OUT_AFTER_RE.match(norm, match.end())
                or re.match(r"\s*(\([^()]{0,16}\))?\s*[》”\"]?\s*[,;:]", norm[match.end() :])
            )
        ):
            continue  # 随着…计划的推进, 通过实施…计划，: a plan carried out, the means of what follows
        if match.group(0).startswith("目标") and _ACHIEVED_PLAN_RE.search(norm[: match.end()]):
            continue
        if (
            match.group(0).startswith("将")
            and re.search(r"预计[^。]*$", norm[: match.start()])
            and not re.search(
                r"明年|下一?年|未来|\d{4}年", norm[norm.rfind("预计", 0, match.start()) : match.end()]
            )
        ):
            continue  # "预计全年…，总量将达到490家左右": the year's estimate, not a target
        year_end = re.search(r"(?:(\d{4})年|今年|本年)?年?(?:底|末)[^。]*$", norm[: match.start()])
        if (
            match.group(0) in ("将达到", "将突破", "将超过")
            and year_end
            and (year_end.group(1) is None or (reference is not None and int(year_end.group(1)) <= reference))
        ):
            continue  # "2020年底，全区高企保有量将突破2700家" (in 2020): the year-end's estimate
        if match.group(0) in ("年均", "每年") and reference is not None:
            years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})年", norm)]
            if years and max(years) <= reference:
                continue  # 年均增长…,从2019年的…增加到2024年的…: the rate of years gone by, no target
        starts.append(match.start())
    for match in _FUTURE_YEAR_RE.finditer(norm):
        if norm[: match.start()].endswith("截") or re.search(
            _CHANGE_TO_LEVEL_RE.pattern + "$", norm[: match.end(1)]
        ):
            continue  # 截至2024年: up to a date; 提高到2024年的3.75%: a change to a dated level
        # ahead of the reference year; without one, "到2025年" is read as a target (precision first) unless
        # the sentence names a later year ("2021年…显示，到2020年底…": a date in the past)
        year = int(match.group(2))
        later = [int(y) for y in re.findall(r"(?<!\d)(\d{4})年", norm) if int(y) > year]
        if (reference is None and not later) or (reference is not None and year > reference):
            starts.append(match.start())
    return min(starts) if starts else None
