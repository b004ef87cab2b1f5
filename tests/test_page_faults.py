"""Faults a new user met on the report pages (issue 15): the scorecard's gap, bounds and rules column, the
printed summary, the scenario chart, and words in the wrong language. Each test failed on the code before
its fix. Targets and figures are synthetic (tests/test_assess.py builds them)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_assess import synthetic_observations, synthetic_target

from hzanalysis import charts, display, views
from hzanalysis.assess import assess_target, scorecard_frame
from hzanalysis.bureaus import bureau_text
from hzanalysis.labels import Message, fmt_value, message_text
from hzanalysis.reference import widening_reason

CJK = re.compile(r"[\u3400-\u9fff]")


def missed_share() -> pd.DataFrame:
    """A share target of ≥ 3.8% whose deadline year came in at 3.62%: missed, 0.18 percentage points short."""
    target = synthetic_target(value=3.8, indicator="rd_share_gdp", unit="%")
    observed = synthetic_observations(
        {2017: 2.68, 2024: 3.5, 2025: 3.62}, indicator="rd_share_gdp", unit="%", domain="share"
    )
    return scorecard_frame([assess_target(target, observed, compare_models=False)])


# --- scorecard cells ----------------------------------------------------------------------------------------


def test_bounds_print_with_the_mathematical_sign():
    assert fmt_value(95, "万平方米", ">=") == "≥95万平方米"
    assert fmt_value(95, "万平方米", "<=", 2024, lang="en") == "≤95 × 10,000 m² (2024)"
    assert fmt_value(40, "%", ">") == ">40%"


@pytest.mark.parametrize(
    ("gap", "unit", "lang", "text"),
    [
        (3.8 - 3.62, "%", "zh", "差0.18个百分点"),
        (3.8 - 3.62, "%", "en", "0.18 pp short"),
        (3.8 - 3.85, "%", "zh", "超0.05个百分点"),
        (300 - 253, "家", "zh", "差47家"),
        (300 - 253, "家", "en", "47 units short"),
    ],
)
def test_the_gap_of_a_share_is_in_percentage_points_with_its_direction_in_words(gap, unit, lang, text):
    assert views.gap_text(gap, unit, lang) == text


def test_a_settled_target_shows_its_outturn_in_the_rules_column_not_a_progress_category():
    row = views.scorecard_view(missed_share(), "zh").iloc[0]
    assert row["verdict"] == "未实现"
    # Eurostat's ratio on 2017-2025 is a progress category: beside 未实现 it read as a contradiction.
    assert row["eurostat"] == "期末未达到"
    assert row["gap"] == "差0.18个百分点"
    assert views.scorecard_view(missed_share(), "en").iloc[0]["eurostat"] == "not met at the deadline"


def test_the_rules_table_of_a_settled_target_shows_the_outturn():
    target = synthetic_target(value=3.8, indicator="rd_share_gdp", unit="%")
    observed = synthetic_observations(
        {2017: 2.68, 2024: 3.5, 2025: 3.62}, indicator="rd_share_gdp", unit="%", domain="share"
    )
    rules = views.rules_view(assess_target(target, observed, compare_models=False), "zh")
    assert len(rules) >= 2 and set(rules["category"]) == {"期末未达到"}


def test_a_missed_target_at_zero_draws_a_mark_and_says_its_probability():
    frame = missed_share()
    spec = charts.scorecard_chart(frame, "zh").to_dict()
    layers = spec["spec"]["layer"]
    ticks = [
        layer
        for layer in layers
        if (layer["mark"].get("type") if isinstance(layer["mark"], dict) else layer["mark"]) == "tick"
    ]
    assert len(ticks) == 1
    # The tick is drawn for rows with a probability (0% included), not for insufficient data.
    assert ticks[0]["transform"] == [{"filter": "datum.p_text != ''"}]
    data = next(iter(spec["datasets"].values()))
    assert data[0]["p_text"] == "0%" and data[0]["label_text"] == "未实现 0%"


# --- printed summary ----------------------------------------------------------------------------------------


def test_the_printed_summary_carries_the_legend_and_names_the_researchers_files():
    frame = missed_share()
    line = views.run_facts_line(frame, as_of=None, lang="zh", data_paths=["/home/r/我的数据.csv"])
    assert line.endswith("含研究者自有数据文件：我的数据.csv。")
    assert "own data" not in views.run_facts_line(frame, as_of=None, lang="en")
    english = views.run_facts_line(frame, as_of=None, lang="en", data_paths=["/x/a.csv", "/y/b.xlsx"])
    assert english.endswith("Includes the researcher's own data files: a.csv, b.xlsx.")
    html = display.print_summary(views.print_view(frame, "zh"), "标题", line, lang="zh").data
    assert "很可能 ≥90%" in html and "数据不足" in html and 'class="hz-legend"' in html


# --- scenarios ----------------------------------------------------------------------------------------------


def test_scenario_labels_carry_the_unit_and_the_goal():
    scenarios = pd.DataFrame(
        {
            "label": ["合成目标"],
            "unit": ["%"],
            "latest_year": [2024],
            "latest_value": [3.62],
            "target_value": [3.8],
            "deadline": [2025],
        }
    )
    spec = charts.scenario_chart(scenarios, "zh").to_dict()
    text_layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    assert text_layer["encoding"]["text"]["field"] == "projected_text"
    expression = next(t["calculate"] for t in text_layer["transform"] if t.get("as") == "projected_text")
    assert "datum.unit_text" in expression and "datum.goal_text" in expression
    data = next(iter(spec["datasets"].values()))[0]
    assert (data["unit_text"], data["goal_text"]) == ("%", "（目标3.8%）")


def test_an_empty_scenario_chart_says_why():
    empty = pd.DataFrame(columns=["label", "unit", "latest_year", "latest_value", "target_value", "deadline"])
    for lang, words in (("zh", "没有可设定增长情景的目标"), ("en", "No target to set a growth scenario for")):
        spec = charts.scenario_chart(empty, lang).to_dict()
        data = next(iter(spec["datasets"].values()))
        assert data[0]["text"].startswith(words)


# --- one language a page ------------------------------------------------------------------------------


def test_the_english_responsible_units_say_district_or_high_tech_zone():
    units = ["区科技局", "财政局", "高新区科经局", "财政局", "双创中心"]
    assert bureau_text(units, "en") == (
        "District Science and Technology Bureau (区科技局); District Finance Bureau (财政局); "
        "High-tech Zone Science and Economy Bureau (高新区科经局); High-tech Zone Finance Bureau (财政局); "
        "High-tech Zone Innovation and Entrepreneurship Centre (双创中心)"
    )
    # A zone unit the list knows by its whole name keeps it.
    assert bureau_text(["区委组织部", "高新区组织人事部"], "en") == (
        "District Party Organisation Department (区委组织部); "
        "High-tech Zone Organisation and Personnel Department (高新区组织人事部)"
    )
    # A list without the zone is as before: no owner is guessed.
    assert bureau_text(["财政局"], "en") == "Finance Bureau (财政局)"


def test_the_english_look_back_shows_words_not_codes():
    target = synthetic_target(value=100)
    a = assess_target(target, synthetic_observations({2024: 90, 2025: 99}), compare_models=False)
    history = pd.DataFrame(
        {
            "as_of": [pd.Timestamp("2025-03-01").date(), pd.Timestamp("2026-03-01").date()],
            "status": ["single_point", "missed"],
            "status_zh": ["仅一个观测值", "未实现"],
            "latest_value": [90.0, 99.0],
            "latest_year": [2024, 2025],
            "probability": [float("nan"), 0.0],
            "verdict_zh": ["数据不足", "未实现"],
            "verdict_en": ["insufficient data", "missed"],
        }
    )
    basis = list(views.as_of_history_view(history, a, "en")["basis"])
    assert basis == ["one observation", "the deadline year's figure"]
    assert list(views.as_of_history_view(history, a, "zh")["basis"]) == ["仅一个观测值", "期限年份数据"]


def test_the_reference_class_widening_reads_in_chinese_on_a_chinese_page():
    # the reason is a code with its numbers, as the class file stores it
    reason = widening_reason({"code": "widening.few_small", "params": {"n": 10}})
    assert reason == Message("widening.few_small", {"n": 10})
    assert message_text(reason, "zh") == "未放宽：规模最小的三分之一单位只有10个逐年变化"
    spread = Message("widening.not_spread", {"ratio": "0.93"})
    assert message_text(spread, "zh") == "未放宽：规模最小的三分之一单位离散程度并不更大（比值0.93）"
    # the class table says the code in the page's language
    described = {
        "id": "rd_intensity",
        "indicator": "rd_share_gdp",
        "source": "panel",
        "regions": ["a", "b"],
        "years": [2011, 2023],
        "n_regions": 2,
        "n_changes": {1: 40},
        "widening": 1.0,
        "widening_basis": Message("widening.ratio").record(),
    }
    zh = dict(zip(*views.reference_class_view(described, "zh").T.to_numpy(), strict=True))
    assert zh["小单位放宽"] == "×1.00（未放宽：比率指标不随单位规模变化）"
    en = dict(zip(*views.reference_class_view(described, "en").T.to_numpy(), strict=True))
    assert en["small-unit widening"] == "×1.00 (not widened: a ratio indicator carries no unit size)"


def test_text_in_the_other_language_carries_a_lang_attribute():
    frame = pd.DataFrame(
        {"quote": ["全社会研发投入占比3.62%"], "note": ["re-post of a review, title not seen"]}
    )
    english = display.table(frame, lang="en").data
    assert '<span lang="zh-CN">全社会研发投入占比3.62%</span>' in english
    chinese = display.table(frame, lang="zh").data
    assert '<span lang="en">re-post of a review, title not seen</span>' in chinese
    assert '<span lang="zh-CN">' not in chinese and '<span lang="en">' not in english
    # Escaping still holds inside the marked runs.
    assert "&lt;b&gt;" in display.tagged("<b> 海州区", "en")
    heading = display.heading("Finance Bureau (财政局)", lang="en").data  # the page passes its language
    assert heading == '<h2>Finance Bureau (<span lang="zh-CN">财政局</span>)</h2>'


def test_the_run_index_marks_the_other_languages_titles():
    from pathlib import Path

    from hzanalysis.report import Page
    from hzanalysis.report.execute import PageResult
    from hzanalysis.report.export import run_index_html

    page = Page("plain.ipynb", "plain", "合成页面", "Synthetic page", {})
    results = [PageResult(page, "ok", Path("plain.html"), None, 1.0, 0.5, 10)]
    manifest = {"date": "2025-06-01", "parameters": {"lang": "en", "plan": "haizhou-2024"}}
    english = run_index_html("2025-06-01-en", "en", results, manifest)
    assert '<a href="plain.html">Synthetic page</a>' in english
    assert '<td lang="zh-CN">合成页面</td>' in english
    chinese = run_index_html("2025-06-01", "zh", results, {**manifest, "parameters": {"lang": "zh"}})
    assert '<a href="plain.html">合成页面</a>' in chinese and '<td lang="en">Synthetic page</td>' in chinese
