"""Plan draft: forms found on round 16 of real plans once measured, each in a text written for the test.

Every text here is fictional (青石县, 某省); the figures are made up. Each test fails on the code before it.
"""

from __future__ import annotations

from hzanalysis import plan_read
from tests.plan_helpers import indicator_of as _indicator


def _drafted(text: str, deadline: int) -> list[tuple[float | None, str, int]]:
    return [
        (d.value, d.kind, d.deadline)
        for d in plan_read.draft_targets(text, deadline)
        if d.kind != "qualitative"
    ]


def test_a_years_work_priorities_review_the_year_before():
    # the title names one year's priorities (科技工作重点): the paragraph on the year before is its record
    text = (
        "某省部署2027年科技工作重点\n\n"
        "2026年全省科技创新取得新成效,登记科技成果812项,技术合同成交额达到96.4亿元。\n\n"
        "2027年全省科技工作预期目标是:高新技术企业达到640家,技术合同成交额达到110亿元。\n"
    )
    assert _drafted(text, 2027) == [(640.0, "level", 2027), (110.0, "level", 2027)]


def test_a_page_on_this_years_goals_reviews_the_years_before_it():
    # a news page on a work conference: 今年 sets the goals, 2026年 (the year before) is told, not aimed at
    text = (
        "青石县科技工作会议召开。会上梳理了去年成绩,部署今年工作任务。\n"
        "2026年,全县科技进步贡献率达到51.6%,186项成果实现转化。\n"
        "今年的奋斗目标是:高新技术企业达到75家,研发投入强度达到2.2%。\n"
    )
    values = [value for value, _, _ in _drafted(text, 2027)]
    assert values == [75.0, 2.2]


def test_projects_secured_beside_a_comparison_with_the_year_before_are_a_record():
    # 争取 + what was won, in a sentence that compares with the year before: secured last year, no goal
    text = (
        "某省部署2027年科技工作重点\n\n"
        "争取国家科技项目236项,资金3.1亿元;专利授权5120件,同比增长14.2%。\n\n"
        "2027年目标:高新技术企业达到640家。\n"
    )
    assert _drafted(text, 2027) == [(640.0, "level", 2027)]
    # guard: 争取 as a goal (no comparison with the year before) stays a target
    goal = "青石县科技创新行动方案（2026—2030年）\n一、主要目标\n每年争取省级以上科技项目20项以上。\n"
    assert [value for value, _, _ in _drafted(goal, 2030)] == [20.0]


def test_a_growth_over_the_year_before_among_the_years_goals_is_a_target():
    text = (
        "某省部署2027年科技工作重点\n\n"
        "2027年全省科技工作预期目标是:高新技术企业达到640家,专利申请量比上年增长8%以上。\n"
    )
    assert _drafted(text, 2027) == [(640.0, "level", 2027), (8.0, "growth", 2027)]
    # guard: the same comparison in a review of the year before is a record
    review = "某省部署2027年科技工作重点\n\n2026年,专利申请量比上年增长8%,高新技术企业达到600家。\n"
    assert _drafted(review, 2027) == []


def test_patents_granted_per_10000_residents_are_not_the_patents_held():
    # 授权量 counts a year's grants: no match for the stock of patents held per 10,000 residents
    assert _indicator("每万人发明专利授权量") is None
    # guards: the stock and the flow themselves
    assert _indicator("每万人发明专利拥有量") == "invention_patents_per_10k"
    assert _indicator("发明专利授权量") == "invention_patents_granted"
