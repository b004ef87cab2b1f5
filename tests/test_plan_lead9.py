"""Plan draft: forms seen in round 17 of real plans (sentences and figures invented for the test)."""

from __future__ import annotations

from hzanalysis.plan_read import draft_targets


def numeric(text: str, deadline: int):
    return [d for d in draft_targets(text, deadline) if d.kind != "qualitative"]


def test_a_stretch_figure_in_wan_after_a_floor_is_the_same_indicators_second_target():
    # 突破3万家, 力争达到3.5万家: the stretch has no subject of its own, so it is the floor's indicator's;
    # before, its 万家 counted as a subject, so it had none and merged with another entry of the same value
    text = "到2028年,全市高新技术企业突破3万家,力争达到3.5万家,入库科技型中小企业突破3.5万家,力争达到4万家。"
    drafts = {(d.indicator, d.value, d.comparator) for d in numeric(text, 2028)}
    assert drafts == {
        ("hte_count", 30000.0, ">"),
        ("hte_count", 35000.0, ">="),
        ("tech_smes", 35000.0, ">"),
        ("tech_smes", 40000.0, ">="),
    }


def test_a_news_leads_clause_before_the_past_five_years_makes_the_paragraph_a_review():
    # 记者从新闻发布会获悉,过去五年,…增长2.1倍: what was achieved, not a target; the goals come after
    text = (
        "记者从新闻发布会获悉,过去五年,全省技术合同成交额增长2.1倍,高新技术企业数量增长1.8倍,"
        "研发经费投入强度提高0.4个百分点。\n"
        "目标到2027年,全省高新技术企业数量达到5200家,技术合同成交额累计突破900亿元。"
    )
    drafts = {(d.indicator, d.value) for d in numeric(text, 2027)}
    assert drafts == {("hte_count", 5200.0), ("tech_contract_value", 900.0)}
