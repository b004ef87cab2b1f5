"""Reading a plan's text into targets: one :class:`DraftTarget` per target the text sets.

How a plan is read (developed on the 2024 plan and on passages of other regions' plans, benchmarks/):

- a target is a number with a unit (家, 件, %, 亿元, 万平方米, 台次/人次/批次…; 1万名, 十万家), an index value
  (指数达到78), a growth (年均增长12%, 比2025年增长50%, 翻一番/增加一倍/实现倍增) or a rank (首位/第一, 前三,
  前40位) in a sentence with a cue (达到/超过/不少于/累计/每年/力争/争取/建成/新增/预计…/到YYYY年);
  a clause is cut after each target it states (A达到80家、B达到260家; …集群和10个合作区; A和B分别超过
  X和Y); 居/走在…前列, and in the goals 基本覆盖, 取得…突破, 显著提升, are qualitative aims, listed after the
  numeric targets;
- a change from a base figure (从2020年的15%提高到56%, 由80家增至150家) sets the second figure, in a sentence
  that sets a deadline, strives or forecasts (到2025年, 力争/争取, 预计), or changes from now
  (由目前的…提高到…); told without one, it is the past;
- a lead naming the goals (2030年目标:…, 主要预期目标是:…) or a title line of them cues the items after it;
  a year of the plan opening a clause (2026年…;2027年…) or naming goals (2028年目标) is their deadline;
- the past is no target: review sections and paragraphs (发展基础, 执行情况, “十三五”以来, 去年…) and the
  paragraphs after them until one speaks of the future, clauses from 截至/现有/已/较上年 until the
  sentence names a plan year, years before the plan period (a page's date line 2018-02-06 opens it),
  the sentences and lines after a sentence of the past until one speaks of the future, what a sentence
  tells as counted (据统计…) and estimates (估算); now and spans up to now (目前, 当前, 近三年来, 以来); a
  sentence that says nothing of the future and holds a word of the past (较上年, 同比) in any clause is the
  past in all of them; a paragraph opening on a review is the past up to its first sentence of the future;
- comparator: ``>`` for 超/超过/高于/突破, ``~`` for 左右/约/近 (met from :data:`APPROX_TOLERANCE`
  below), ``<=`` for a ceiling (降低到/控制在…以内) or a fall (比2020年下降13.5%: growth of -13.5),
  ``first``/``top`` for ranks (前三, 第一, 百强), ``>=`` otherwise; round amounts without digits
  (突破万亿元, 近千亿元) are values; A和B均达到60%, 上述两项…均 and A、B各5家 set one target per
  subject; 不超过/不高于/低于 X is a ceiling; an amount before a count (10亿元以上企业20家) qualifies it;
- kind: ``rank``; ``growth`` (unit ``%/年`` or ``%``, the base year in ``base_year``); ``annual_floor``
  for 每年/年均 (每年新增 of a stock goes on its flow indicator; 每年 reaches the later clauses of its
  sentence that have no cue of their own); ``cumulative`` for 累计 of a flow (up
  to the next ；) and 用N年时间, ``level`` for 累计 of a stock and otherwise; 万亿元 of an indicator
  kept in 亿元 is written in 亿元;
- indicator: the catalogue row whose Chinese name (or synonyms) shares most character pairs with the
  clause's subject (Dice coefficient of character bigrams, at least :data:`MATCH_THRESHOLD`), among the
  rows whose unit fits and whose qualifiers (增加值, 营业收入, 有效, 中小, 企业研发, 制造业, the level of
  government 国家/市级/县级, per 10,000 people, 综合, 单位, 战略性新兴, 高新区…) agree,
  else "new indicator needed"; a name whose words the phrase does not all say (a word of it missing
  inside, another word in its place, another head: 创新平台 is no 研发平台) is refused; a value without a
  subject (…增加一倍,达到1.2%) takes the last one named in its paragraph;
- responsible units: （责任单位：…）, 牵头单位：…；配合单位：… lines or a bracketed list of bureaus,
  for every target of the paragraphs they close; actions from the headings; 力争/争取 kept in the note;
- the same target stated in two places is one entry citing both places; a change told after the level
  it leads to (…达到85,比2015年提高约12) is cited with it;
- a table of main indicators sets one target a row, a table of tasks every figure of its task cells
  (:mod:`hzanalysis.plan_tables`); one growth shared by measures listed with 、 is one target each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from . import catalogue
from .catalogue import Indicator
from .plan_drafts import BASE_ASIDE, DraftTarget, clause_subject, higher_level, merge_restated, table_draft
from .plan_figures import RESTATED as _RESTATED
from .plan_figures import adds as _adds
from .plan_figures import drop_base as _drop_base
from .plan_figures import named as _named
from .plan_lists import each, respectively, shared_figure, shared_growth
from .plan_segment import Context, draft_segment
from .plan_tables import read_tables, read_task_tables
from .plan_text import (
    AIMS,
    AS_OF,
    CRITERIA,
    CUE,
    DEADLINE,
    DOUBLE,
    FORECAST_WORD,
    FROM_NOW,
    FROM_NOW_NO_BASE,
    FROM_TO,
    FUTURE,
    GATHERED,
    NOW_TO,
    PART_IN_BRACKETS,
    PAST,
    PLAN_ITSELF,
    REPORTED,
    REVIEW_PARAGRAPH,
    REVIEW_SECTION,
    STRIVE,
    VERSUS_LAST_YEAR,
    YEAR_NAMED,
    YEAR_REVIEWED,
    YEAR_STATED,
    clauses_of,
    deadline_year,
    paragraphs,
    plan_period,
    secured_only,
    segments,
    sentences,
)

#: A lead naming the goals before the list of them: 目标:, 主要预期目标是:, 主要指标:.
_GOALS = re.compile(r"(?:目标|指标)(?:是|为)?\s*[:：]|目标是")

#: A line of its own naming the goals: 主要目标, 2025年经济社会发展的主要预期目标:, 主要指标. A headline that
#: tells of goals with a verb (某省明确2024年科技工作目标, 某县确定…目标) is news about them, not their list.
_GOALS_TITLE = re.compile(
    r"^(?![^。，,；;]*(?:明确|确定|提出|锁定|发布|部署|定下|设定|敲定|实现|完成|围绕|瞄准|聚焦))"
    r"[^。，,；;\d]{0,30}(?:20\d\d年?[^。，,；;\d]{0,30})?(?:目标|指标)\s*[:：]?$"
)

#: A line of its own that can only be a title: short, no sentence, no figure but a year.
_TITLE = re.compile(r"^[^。，,；;\d]{0,30}(?:20\d\d年?[^。，,；;\d]{0,30})?$")

#: The goals of a year: 2025年目标, 2035年远景目标, 2026年主要预期目标.
_YEAR_GOALS = re.compile(r"(20\d\d)\s*年(?:的|主要|预期|发展|远景|奋斗)*目标")

#: A paragraph whose first words (a speaker, a place) lead to a year told: 某某介绍,2023年,…
_OPENS_ON_YEAR = re.compile(r"^[^。,，；;]{0,12}[,，:：]?\s*(20\d\d)\s*年(?:以来)?\s*[,，]")

#: A change to a year named: 提升至2025年的…, 增加到2027年的….
_TO_YEAR = re.compile(r"(?:提高|增加|增长|提升|上升|跃升|进入|降低|下降|减少)(?:到|至)\s*(20\d\d)\s*年")

#: A line ending on a lead to the goals listed after it: 实现以下目标:, 主要目标如下：, 具体指标为:.
_GOALS_END = re.compile(r"(?:目标|指标)(?:如下|是|为)?\s*[:：]\s*$")

#: Deadlines listed together: 到2027年和2030年, 到2027年、2030年.
_LISTED_DEADLINES = re.compile(r"到\s*20\d\d\s*年(?:\s*[、和及与]\s*20\d\d\s*年)+")

#: A subject that names only a share or a total of what the clause before it names.
#: (…强度达到1.5%,投入总量达到375亿元; …达到8亿元,力争总额实现翻一番: the total of the spending just named)
_BARE_SUBJECT = re.compile(
    r"(?:我|本|全)[县区市省]|(?:其)?(?:投入|经费|支出|资金)?(?:总数|总量|总额|数量|总规模|规模|占比|比重|占[^占]{0,14}?的?(?:比重|比例))"
)


def draft_targets(
    text: str, deadline: int, indicators: Sequence[Indicator] | None = None
) -> list[DraftTarget]:
    """Every target the plan's text sets, one entry per target (a target stated twice cites both places);
    the numeric targets first, then the qualitative aims."""
    indicators = list(catalogue.indicators().values()) if indicators is None else indicators
    base = plan_period(text, deadline) - 1  # growth with no stated base: from the year before the period
    # A table of main indicators sets one target a row; the prose reader then reads the text without it.
    rows, spans = read_tables(text, deadline, base)
    drafts = [table_draft(row, text, base, indicators) for row in rows]
    for start, end in spans:
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    text, tasks = read_task_tables(text)
    # 新增60家机构(其中10家国家级): a part in brackets is a target of its own, read as a clause
    text = PART_IN_BRACKETS.sub(r",\1", text)
    # 达到100家(2020年底为45家): the base told aside in brackets is no part of the target's clause
    text = BASE_ASIDE.sub(lambda m: "" if int(m.group(1)) <= base else m.group(0), text)
    # A review paragraph (去年…, “十三五”以来…) carries on into the paragraphs after it that say nothing of
    # the future (a work report's review runs over several paragraphs), until a heading.
    reviewing, where, past = False, None, False
    goals_lead = False  # after a line of its own naming the goals (2025年主要预期目标), up to a heading
    listed_after = False  # the line before ended on a goals lead (…实现以下目标:)
    # A text that names its deadlines with 到 (到2020年) tells what was done in a year of the plan period
    # without one: 2016年,…达到50.7 in a text setting targets 到2020年 is a statistic.
    # (a year before the first so named: 2027年,… after 到2026年… is a milestone of the plan, kept)
    dated = min((deadline_year(m) for m in DEADLINE.finditer(text)), default=None)
    for number, paragraph in enumerate(paragraphs(text)):
        # a cell of a table of tasks: a target however it is worded, of the units its row names
        task = paragraph.text in tasks
        if task and tasks[paragraph.text]:
            paragraph = replace(paragraph, units=tasks[paragraph.text])
        if (paragraph.section, paragraph.action) != where:
            reviewing, where, past = False, (paragraph.section, paragraph.action), False
            goals_lead = False
        # …实现以下目标: / 1.高新技术企业100家; …: a line ending on a goals lead cues the lines after it
        goals_lead, listed_after = goals_lead or listed_after, bool(_GOALS_END.search(paragraph.text))
        title = paragraph.text.strip(" ■●◆▲·•*#-—")
        if _GOALS_TITLE.match(title):
            # ■ 2025年经济社会发展的主要预期目标 / ● 经济增长6%左右 …: the lines after it are the goals, cued
            # whatever their words, and no longer the past a review before it told
            goals_lead, reviewing, past = True, False, False
            continue
        if _TITLE.match(title) and REVIEW_SECTION.search(title):
            # ■ 2025年成绩单 / ● 高新技术企业达到120家 …: a title line of a review, as a review heading
            goals_lead, reviewing = False, True
            continue
        future_here = bool(FUTURE.search(paragraph.text))
        if paragraph.review or (reviewing and not future_here):
            reviewing = True
            continue
        # A paragraph opening on a review (“十四五”以来…, 去年…) is the past up to a sentence of the future:
        # 2021年以来,累计培育…230家。到2028年,…达到120家。 sets the 120 only.
        opens_review = bool(REVIEW_PARAGRAPH.search(paragraph.text))
        # 厅长介绍,2023年,…: a paragraph opening on a year before the plan period reviews it as 去年… does
        opened = _OPENS_ON_YEAR.match(paragraph.text)
        year_before = opened is not None and int(opened.group(1)) <= base
        opens_review = opens_review or year_before
        # 2022年,…高新技术企业总数预计突破2万家: the 预计 of a paragraph on a year before the plan is that
        # year's estimate (as after a year named as the one reviewed), no word of the future
        if year_before:
            future_here = bool(FUTURE.search(FORECAST_WORD.sub("", paragraph.text)))
        if opens_review and not future_here:
            reviewing = True
            continue
        past = past or opens_review
        # A line of the past (2025年,…超过1.2万亿元。) carries on into the lines after it under the same
        # heading, as into the sentences after it, until one speaks of the future (a news page writes one
        # sentence a line).
        reviewing = False
        # The last subject named, for a clause without one (…达到1.2%); it carries over the sentences of
        # its paragraph: 高新技术企业达到65家,较上年增加12家。到2028年,达到120家。
        previous = ""
        in_paragraph: list[DraftTarget] = []  # the targets of this paragraph so far
        year_review = False  # a work report's review of the year just ended, named as such
        aimed = False  # a sentence of this paragraph before spoke of the future
        for sentence in sentences(paragraph.text):
            if CRITERIA.search(sentence) and not DEADLINE.search(sentence):
                continue  # 申报单位须具有不少于10名研发人员: who qualifies, not what the region reaches
            year = deadline
            # "2025年是…的一年。数据显示,…。预计全社会研发投入5350亿元,…": after a year is named as the one
            # being reviewed, 预计 is that year's estimate, not a forecast; a sentence of the future ends it
            year_review = year_review or bool(YEAR_REVIEWED.search(sentence))
            # 2024年…高新技术企业超1.4万家,全社会研发投入预计超1200亿元: 预计 beside a year before the
            # deadline, in a sentence setting none, is that year's first estimate, not a forecast
            estimate = not DEADLINE.search(sentence) and any(
                int(y) < deadline for y in YEAR_NAMED.findall(sentence)
            )
            # 记者从报告中获悉,2024年…超1.4万家 (a plan to 2025): the report's review, told
            gathered = estimate and bool(GATHERED.search(sentence))
            forecast_only = year_review or estimate
            future = bool(FUTURE.search(FORECAST_WORD.sub("", sentence) if forecast_only else sentence))
            # 争取国家科技计划项目713项,…专利申请24448件,同比增长20.6%: beside a comparison with the year
            # before, 争取 (its only word of the future) is what was secured, not what is striven for
            future = future and not (secured_only(sentence) and VERSUS_LAST_YEAR.search(sentence))
            # 由2022年的第8位提升至2025年的前5位: a change to a year of the plan speaks of the future
            to_year = _TO_YEAR.search(sentence)
            future = future or bool(to_year and int(to_year.group(1)) > base)
            year_review = year_review and not future
            # A sentence of the past (2017年,…总数达3174家。) carries on into the next ones of the
            # paragraph until one speaks of the future (到2025年, 力争, 将…).
            past = (past or year_review) and not future
            # A sentence that says nothing of the future and compares with the year before or speaks of now
            # (…达到65家,较上年增加12家; 目前,…; 近三年来,…) is a statistic in every clause, also those
            # before the word that tells it.
            # (由目前的1.75%提高到2.2%: 目前 is the base of a change, which aims at its second figure)
            told_now = not future and bool(PAST.search(FROM_NOW.sub("", sentence)))
            # A change from a base figure is a target where the sentence sets a deadline or strives (将 alone
            # also opens reviews: 我们将…摆在核心位置,…从2015年的50家增加到120家), or changes from now.
            # (由2022年的第8位提升至2025年的前5位: a change to a year of the plan aims at it too)
            aims = bool(
                AIMS.search(sentence)
                or FROM_NOW.search(sentence)
                or (to_year and int(to_year.group(1)) > base)
            )
            cumulative = strive = told = every_year = adding = False
            # A cue anywhere in the sentence covers every clause of it (争取建成X1家,Y1家,Z1家).
            # So does a lead naming the goals (2030年目标:A 180家;B 700家), or a title line of them over it
            # (a whole section of goals does not: 批复建设…2家 there tells, 在…3个领域 says where).
            cued = task or bool(CUE.search(sentence) or DEADLINE.search(sentence) or _GOALS.search(sentence))
            cued = cued or goals_lead
            previous_drafts: list[DraftTarget] = []
            # 到2027年和2030年,…分别达到2.5%和3%: the deadlines of the values listed after 分别, in order
            listed = _LISTED_DEADLINES.search(sentence)
            sentence_years = [int(y) for y in re.findall(r"20\d\d", listed.group(0))] if listed else []
            follows_aim, aimed = aimed, aimed or future
            for new_part, whole in clauses_of(sentence):
                if new_part:  # 累计, 力争 and 每年 hold up to the next ；, the deadline beyond it
                    cumulative = strive = every_year = False
                # 据统计,2024年底…达84.9%,…达47.2%: what was counted, up to a clause of the future
                told = (told or gathered or bool(REPORTED.search(whole))) and not FUTURE.search(whole)
                # 到2025年,…从2020年的15%提高到56% is read as 为56%: 2020 is the base, not the past; so
                # after a sentence of the future or under a goals lead. A change in a sentence that does none
                # of these (全县高新技术企业由30家增至52家; 园区从2020年的169家增加到178家) is told: the past.
                aiming = aims or follows_aim or goals_lead or task
                told = told or bool(not aiming and FROM_TO.search(whole))
                clause = _drop_base(whole) if aiming else whole
                # 由现在的达到15家 (the base left out) is no base in a clause of its own: it aims at 15
                now = FROM_NOW.search(clause)
                if now and not NOW_TO.search(clause) and not FROM_NOW_NO_BASE.match(clause, now.start()):
                    # 由目前的3906亿元,提高到8000亿元: the base in a clause of its own names the subject of
                    # the change told next, and is no past that carries on to it
                    previous = whole[: now.start()] if clause_subject(whole[: now.start()]) else previous
                    continue
                if found := DEADLINE.search(clause):  # 到2020年 in a 2021–2025 plan: what was reached
                    year = deadline_year(found)
                    past = year <= base
                # 截至2018年底,…达285家,较…增加107家: the past runs on until the sentence names a deadline;
                # 2020年…为7.8% (a year before the plan period, not 比/较/在 a base year) is the past too.
                if (as_of := AS_OF.search(clause)) and deadline_year(as_of) >= deadline:
                    clause = clause.replace(as_of.group(0), "")  # the deadline said with 截至: no past
                stated = [int(y) for y in YEAR_STATED.findall(clause)]
                # a clause opening on a year before the deadline (not a range 2026—2028年), in a sentence
                # that says nothing of the future, in a text that writes its deadlines 到2030年: the past
                opens = re.match(r"\s*(?:\d{1,2}[.．、]\s*)?(20\d\d)\s*年(?!\s*[—–\-~～至到以前])", clause)
                then = dated is not None and not future and opens is not None and int(opens.group(1)) < dated
                # 2019年建设…1家;2020年建设…1家, 设立2025年目标:…: a year of the plan period opening a clause
                # or naming its goals is the deadline of what follows it in the sentence (two milestones,
                # not one target twice)
                named = opens if opens and not then else _YEAR_GOALS.search(clause)
                if named and base < int(named.group(1)) <= deadline:
                    year = int(named.group(1))
                # 专利申请量比上年增长10%以上 in a sentence of the future: a growth over the year before,
                # aimed at (in a review, 比上年增长 tells what was)
                telling = VERSUS_LAST_YEAR.sub("", clause) if future else clause
                if stated:  # a year of its own decides: 2020年…为7.8%, then 2025年预计增加到10%
                    before = any(y <= base for y in stated) or then
                    past = before or bool(PAST.search(telling)) or told or told_now
                else:
                    past = past or bool(PAST.search(telling)) or told or told_now
                cumulative = cumulative or "累计" in clause
                strive = strive or bool(STRIVE.search(clause))
                if past:
                    previous = whole if clause_subject(whole) else previous
                    previous_drafts = []
                    continue
                clause = whole
                # 达到1.2% after 比重增加一倍: the clause has no subject of its own, the one before gives
                # it, and the doubling it follows is the same target restated.
                # (…年均增长12%,占GDP比重达到2.8%; …净增100家,总数达到250家: a subject of a share or a total
                # alone is the last subject's too)
                own = clause_subject(clause)
                inherit = previous if not own or _BARE_SUBJECT.fullmatch(own) else ""
                if (
                    "总" in own and inherit
                ):  # 净增100家,总数达到250家: the total is of the stock, not the addition
                    inherit = re.sub(r"净增|新增|新培育|新认定|新引进", "", inherit)
                lead = sentence[: max(sentence.find(whole), 0)] if not future else ""
                context = Context(year, cumulative, cued, strive, base, aims=aiming)
                context = replace(
                    context,
                    plan_lead=bool(PLAN_ITSELF.search(lead)),
                    parent=previous,
                    follows_aim=follows_aim,
                )
                # …指数达到85,比2015年提高约12; …超过3500亿元。相比较2013年的…,增长近千亿元: a change told
                # after the level it leads to, in a clause with no subject of its own, restates that level
                # (the last one of the paragraph; cited with it)
                host = next((d for d in reversed(in_paragraph) if d.kind in ("level", "cumulative")), None)
                if host is not None and _RESTATED.match(clause):
                    host.quotes.append(clause.strip())
                    previous_drafts = []
                    continue
                # one clause, several targets: each drafted as a segment of this clause's context
                draft_one = partial(
                    draft_segment, context=context, paragraph=paragraph, indicators=indicators
                )
                found_here = (
                    respectively(clause, previous, draft_one, sentence_years)
                    or each(clause, drafts, draft_one)
                    or shared_growth(clause, draft_one)
                    or shared_figure(clause, draft_one)
                )
                # 每年发放创新券3亿元,开放仪器1.5万台次: 每年 covers the later clauses (and the items of
                # its list) that have no cue or deadline of their own; 每年新增A 10家、B达到200家 does not
                # reach B.
                every_year = every_year and not (CUE.search(clause) or DEADLINE.search(clause))
                # 培育A品种2个、B品种1个: the verb of addition covers the later items of its list that have
                # no verb of their own, as 每年 does
                # 新增60家机构,其中10家国家级: a part of an addition is added too
                adding = adding and clause.lstrip(" ,，").startswith("其中")
                for segment in segments(clause) if not found_here else []:
                    if _named(sentence, segment):
                        continue  # “聚焦1个行动、构建2大体系”的整体工作安排: a name, not a target
                    every_year = "每年" in segment or (every_year and not CUE.search(segment))
                    adding = _adds(segment) or (adding and not CUE.search(segment))
                    here = replace(context, every_year=every_year, adding=adding)
                    draft = draft_segment(segment, here, paragraph, indicators, inherit)
                    if draft is not None:
                        found_here.append(draft)
                if inherit and found_here:
                    doubled = [d for d in previous_drafts if d.kind == "growth" and DOUBLE.search(d.clause)]
                    drafts[:] = [d for d in drafts if not any(d is g for g in doubled)]
                for draft in found_here:  # a headline may repeat its sentence word for word
                    draft.place = number
                drafts.extend(found_here)
                in_paragraph += found_here
                previous = clause if clause_subject(clause) else previous
                previous_drafts = found_here
    merged = [d for d in merge_restated(drafts) if not higher_level(d, text)]
    return [d for d in merged if d.kind != "qualitative"] + [d for d in merged if d.kind == "qualitative"]
