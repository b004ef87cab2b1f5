"""Plan draft mechanisms that recur across the rounds of real plans (issue 14 point 2, plan7): general rules
rather than one surface form each. See benchmarks/README.md, "Misses by mechanism across rounds (plan7)".

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from tests.plan_helpers import REVIEW_FIELDS, draft, draft_and_check, got


def indicators(tmp_path, text: str) -> list[object]:
    return [d.indicator for d in draft(tmp_path, "二、主要目标\n" + text + "\n") if d.kind != "qualitative"]


# --- An indicator explains every word of its own name (the commonest indicator miss, 9 of 11 rounds) ---


def test_a_word_in_the_place_of_the_indicators_word_is_another_thing(tmp_path):
    # 创新平台 where the catalogue has 研发平台: main drafted prov_rd_institutions
    assert indicators(tmp_path, "到2030年,全县省级以上创新平台达到45家。") == [None]


def test_a_name_narrower_than_the_phrase_is_not_its_indicator(tmp_path):
    # all of the digital economy is no share of its 核心产业 only: main drafted digital_core_share_gdp
    assert indicators(tmp_path, "到2030年,全市数字经济增加值占地区生产总值比重达到55%。") == [None]


def test_a_different_head_is_another_thing(tmp_path):
    # firms incubated are no transfer projects: main drafted major_transfer_projects
    assert indicators(tmp_path, "到2030年,科技成果转化孵化的企业超过300家。") == [None]


def test_words_written_two_ways_and_words_of_amount_still_match(tmp_path):
    # 中心 is one of the words of an institution; the denominator's 产值 goes without saying; 研究与试验发展
    # is 研发; fewer examples before 等 than the catalogue's name lists: each keeps its indicator (the rule
    # above must not refuse them)
    assert indicators(
        tmp_path,
        "到2030年,全县省级以上研发中心达到45家,高新技术产业产值占规模以上工业比重达到40%,"
        "全社会研究与试验发展经费投入强度达到2.8%,众创空间、孵化器等双创载体达到20家。",
    ) == ["prov_rd_institutions", "hitech_output_share", "rd_share_gdp", "shuangchuang_carriers"]


# --- Every numeral form reads every count unit (number and unit forms: 5 of 11 rounds) ---


def test_every_numeral_form_reads_every_count_unit(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,推广首台套新产品三十款,示范应用新能源汽车1.5万辆,新建科创走廊3条,"
        "组建科技服务队伍20支。\n",
    )
    # main read none of them: 款, 辆, 条 and 支 were no units, for digits, 万 and Chinese numerals alike
    assert [(d.value, d.unit) for d in drafts if d.kind != "qualitative"] == [
        (30, "款"),
        (15_000, "辆"),
        (3, "条"),
        (20, "支"),
    ]


def test_plan_check_accepts_the_counts_as_written(tmp_path):
    columns, targets = draft_and_check(
        tmp_path, "科技创新", "到2028年,推广首台套新产品三十款,示范应用新能源汽车1.5万辆。"
    )
    # only what a person fills in on any draft is left: no value or unit is refused
    assert columns <= REVIEW_FIELDS
    assert [(t["value"], t["unit"]) for t in targets] == [(30, "款"), (15_000, "辆")]


# --- What was, or is now, is no target (review figures as targets: 6 of 11 rounds, most false targets) ---


def values(tmp_path, text: str) -> list[tuple[object, ...]]:
    drafts = draft(tmp_path, "二、主要目标\n" + text + "\n", deadline=2028)
    return [(d.value, d.indicator) for d in drafts if d.kind != "qualitative"]


def test_now_and_a_span_up_to_now_are_the_present(tmp_path):
    text = (
        "近三年来,全县新增高新技术企业45家。目前,全县拥有省级以上研发机构32家,技术合同成交额达到6.5亿元。"
        "到2028年,全县高新技术企业达到120家。"
    )
    # main drafted 45, 32 and 6.5 as targets: 近三年来 past the paragraph's start and 目前 were not read
    assert values(tmp_path, text) == [(120, "hte_count")]


def test_a_paragraph_opening_on_a_review_still_sets_its_later_targets(tmp_path):
    text = "2021年以来,全县累计培育科技型中小企业230家。到2028年,全县高新技术企业达到120家。"
    # main dropped the whole paragraph, the 2028 target with it
    assert values(tmp_path, text) == [(120, "hte_count")]


def test_a_comparison_with_last_year_tells_the_whole_sentence(tmp_path):
    text = (
        "2025年,全县技术合同成交额突破5亿元,同比增长20%。全县高新技术企业数量达到65家,较上年增加12家。"
        "到2028年,达到120家,技术合同成交额达到10亿元。"
    )
    # main drafted 65 and 5 (the clause before 较上年/同比) as targets, and 120 without its subject,
    # which the sentence before names
    assert values(tmp_path, text) == [(120, "hte_count"), (10, "tech_contract_value")]


# --- One value over several subjects (segmentation of multi-target clauses: 4 of 11 rounds) ---


def test_ge_distributes_a_value_over_the_subjects_listed(tmp_path):
    drafts = draft(tmp_path, "二、主要目标\n到2030年,新建省级重点实验室、省级工程技术研究中心各5家。\n")
    # main gave one entry for the two subjects; 各 before the figure reads as 均 before the verb
    assert [(d.value, d.name_zh) for d in drafts] == [(5, "新建省级重点实验室"), (5, "省级工程技术研究中心")]


# --- Comparator cues: a ceiling however it is worded (falls and ceilings: round 8's commonest miss) ---


def test_every_wording_of_a_ceiling_is_a_ceiling(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,规上企业研发机构空白率不超过20%,重点实验室闲置率低于5%,"
        "高新技术企业不低于120家,科技型中小企业不少于300家。\n",
    )
    # main read 不超过 as strict "more than" (超过) and 低于 as a floor; 不低于/不少于 stay floors
    assert [(d.comparator, d.value) for d in drafts] == [("<=", 20), ("<=", 5), (">=", 120), (">=", 300)]


# --- A figure's role: an amount before a count says which things are counted (3 of 11 rounds) ---


def test_an_amount_before_a_count_qualifies_what_is_counted(tmp_path):
    drafts = draft(
        tmp_path,
        "二、主要目标\n到2030年,主营业务收入10亿元以上企业达到20家,实施5000万元以上重大科技项目10项,"
        "培育产值超50亿元企业3家。技术合同成交额达到10亿元。\n",
    )
    # main drafted the amounts (10亿元, 5000万元, 50亿元) as the targets; an amount alone stays one; the
    # projects of 5000万元 are no transfer projects (a single word before 等 in a catalogue name is a word
    # of the thing, not an example)
    assert [(d.value, d.unit, d.indicator) for d in drafts] == [
        (20, "家", None),
        (10, "项", None),
        (3, "家", None),
        (10, "亿元", "tech_contract_value"),
    ]


def test_a_part_of_the_year_to_date_is_the_present(tmp_path):
    text = (
        "今年前三季度,全县技术合同成交额达到3.2亿元。1—10月,新增科技型中小企业46家。"
        "到2028年,全县技术合同成交额达到10亿元。"
    )
    # main drafted 3.2 (今年 read as the future) and 46 as targets: a plan sets no target for part of a year
    assert values(tmp_path, text) == [(10, "tech_contract_value")]


# --- One target stated twice (3 of 11 rounds) ---


def test_a_headline_restating_a_target_is_one_entry_citing_both(tmp_path):
    drafts = draft(
        tmp_path,
        "青石县出台科技创新三年行动方案 到2030年高新技术企业将达120家\n"
        "《方案》提出,到2030年,全县高新技术企业将达到120家,科技型中小企业达到300家。\n",
    )
    # main gave the headline an entry of its own, without an indicator (its subject is buried in the title)
    assert [(d.value, d.indicator, len(d.quotes)) for d in drafts] == [
        (120, "hte_count", 2),
        (300, "tech_smes", 1),
    ]


# --- A five-year plan's end named by its period (到“十二五”末) is its deadline (round 10 lost a plan) ---


def test_the_end_of_a_named_five_year_plan_is_its_deadline(tmp_path):
    # a 十三五 plan (2016-2020): main read no deadline, and 十三五末 as the past, so drafted nothing
    text = "二、主要目标\n到“十三五”末,全县高新技术企业达到60家,研发经费投入强度达到2.5%。\n"
    assert got(draft(tmp_path, text, deadline=2020)) == [
        ("level", ">=", 60.0, "家"),
        ("level", ">=", 2.5, "%"),
    ]


def test_the_end_of_the_previous_five_year_plan_stays_the_past(tmp_path):
    # in a 十四五 plan (2021-2025) 截至“十三五”末 is the base and 到“十三五”末 was reached before the period
    text = "二、主要目标\n截至“十三五”末,全县高新技术企业达到45家。到“十四五”末,全县高新技术企业达到90家。\n"
    assert got(draft(tmp_path, text, deadline=2025)) == [("level", ">=", 90.0, "家")]
