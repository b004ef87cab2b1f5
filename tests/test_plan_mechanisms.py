"""Plan draft mechanisms that recur across the rounds of real plans (issue 14 point 2, plan7): general rules
rather than one surface form each. See benchmarks/README.md, "Misses by mechanism across rounds (plan7)".

Every plan sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from tests.plan_helpers import draft


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
    # is 研发: each keeps its indicator (the rule above must not refuse them)
    assert indicators(
        tmp_path,
        "到2030年,全县省级以上研发中心达到45家,高新技术产业产值占规模以上工业比重达到40%,"
        "全社会研究与试验发展经费投入强度达到2.8%。",
    ) == ["prov_rd_institutions", "hitech_output_share", "rd_share_gdp"]
