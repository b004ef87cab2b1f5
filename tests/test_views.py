"""What readers see: one catalogue of labels, one number formatter, and pages that read in their language.

Synthetic targets and observations (from test_assess) are labelled synthetic; the real registry is used
where the point is what the shipped report says.
"""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest
from test_assess import synthetic_observations, synthetic_target

from hzanalysis import charts, display, forecast, labels, views
from hzanalysis.assess import assess_all, assess_one, assess_target, data_gaps, gap_checklist
from hzanalysis.errors import ParameterError
from hzanalysis.observations import load_observations
from hzanalysis.sentences import verdict_sentence

CJK = re.compile(r"[\u3400-\u9fff]")


def chinese(text: object) -> bool:
    """Chinese outside brackets (an English page may give the Chinese name in brackets after the English)."""
    return bool(CJK.search(re.sub(r"\([^()]*\)|（[^（）]*）", "", str(text))))


@pytest.fixture(scope="module")
def scorecard() -> pd.DataFrame:
    return assess_all()


# ---------------------------------------------------------------------------------------------------------
# labels


def test_an_unknown_language_is_a_parameter_error_not_chinese():
    rd = assess_one("rd_share_gdp")
    with pytest.raises(ParameterError, match="'fr'"):
        verdict_sentence(rd, "fr")
    with pytest.raises(ParameterError):
        labels.label("col.target", "fr")
    with pytest.raises(ParameterError):
        labels.fmt_value(1.0, "%", lang="de")
    with pytest.raises(ParameterError):
        views.scorecard_view(assess_all(targets=[]), "EN")


def test_fmt_value_writes_unit_bound_and_year_in_the_reader_language():
    assert labels.fmt_value(3.75, "%", "=", 2024) == "3.75%（2024）"
    assert labels.fmt_value(3.75, "%", "=", 2024, lang="en") == "3.75% (2024)"
    assert labels.fmt_value(120, "家", lang="en") == "120 units"
    assert labels.fmt_value(120, "家") == "120家"
    assert labels.fmt_value(40, "亿元", ">", 2023, "en") == ">40 × 100 million yuan (2023)"
    assert labels.fmt_value(12.5, "万平方米", lang="en") == "12.5 × 10,000 m²"
    for missing in (None, math.nan, pd.NA):
        assert labels.fmt_value(missing, "%") == "—"
        assert labels.fmt_pct(missing) == "—"
    assert labels.fmt_pct(0.0512) == "+5.1%"
    assert labels.fmt_pct(0.72, signed=False, digits=0) == "72%"


# ---------------------------------------------------------------------------------------------------------
# sentences and tables in English


def test_english_sentence_names_the_holder_in_english():
    hte = assess_one("hte_count")  # one public point: the sentence asks the holder for more
    text = verdict_sentence(hte, "en")
    assert "District Science and Technology Bureau" in text
    assert text.startswith("“Valid high-tech enterprises”")
    rank = verdict_sentence(assess_one("invention_patents_per_10k"), "en")
    # the peers are region ids in the judgement, named in the page's language here (nothing re-parsed)
    assert "missing: Haizhou District, Lianyun District," in rank and "Needs at least" in rank
    assert not chinese(rank.split("missing:")[1])


def test_english_scorecard_table_reads_as_english(scorecard):
    table = views.scorecard_view(scorecard, "en")
    for column in ("action", "target", "goal", "kind", "latest", "gap", "verdict", "missing"):
        offenders = [v for v in table[column] if chinese(v)]
        assert offenders == [], column
    by_target = dict(zip(scorecard["target_id"], table.to_dict("records"), strict=True))
    assert by_target["rd_share_gdp"]["action"] == "Overall goals"
    assert by_target["hte_count"]["goal"] == "≥ 300 units"
    assert by_target["tech_contract_value"]["goal"] == "≥ 40 × 100 million yuan"
    # the rank target's latest figure is in the indicator's unit, not "places"
    assert by_target["invention_patents_per_10k"]["latest"].endswith("per 10,000 residents (2017)")
    chinese_table = views.scorecard_view(scorecard, "zh")
    assert chinese_table.loc[0, "action"] == "总体目标" and chinese_table.loc[0, "latest"] == "3.75%（2024）"


def test_table_headers_are_put_on_last_in_the_reader_language(scorecard):
    frame = views.scorecard_view(scorecard, "en")
    assert list(frame.columns[:3]) == ["action", "target", "goal"]  # plain keys in the frame
    english = display.table(frame, lang="en").data
    assert "<th>Action</th>" in english and "<th>行动</th>" not in english
    chinese_html = display.table(views.scorecard_view(scorecard, "zh"), lang="zh").data
    assert "<th>行动</th>" in chinese_html
    # without a language the names are shown as they are (a frame that is not a views frame)
    assert "<th>latest</th>" in display.table(frame[["latest"]]).data
    # a column the catalogue does not know keeps its own name
    assert "<th>odd name</th>" in display.table(pd.DataFrame({"odd name": [1]}), lang="en").data


def test_data_gaps_chart_and_checklist_in_english():
    observations = load_observations()
    gaps = views.gaps_view(data_gaps(observations=observations), "en")
    assert not [t for t in gaps["target"] if chinese(t)]
    assert set(gaps["state_label"]) <= {"observed", "bound only", "missing"}
    rd_2024 = gaps[(gaps["target_id"] == "rd_share_gdp") & (gaps["year"] == 2024)].iloc[0]
    assert rd_2024["detail"].startswith("3.75%; ")
    assert set(gaps.loc[gaps["state"] == "missing", "detail"]) == {"figure needed"}
    checklist = views.checklist_view(gap_checklist(observations=observations), "en")
    for column in ("target", "indicator", "holder"):
        assert not [v for v in checklist[column] if chinese(v)], column
    assert "Valid high-tech enterprises (units)" in set(checklist["indicator"])


def test_scorecard_chart_groups_by_action_in_the_reader_language(scorecard):
    spec = charts.scorecard_chart(scorecard, "en").to_dict()
    groups = {row["group"] for row in spec["datasets"][next(iter(spec["datasets"]))]}
    assert "0 Overall goals" in groups and not [g for g in groups if chinese(g)]
    zh_spec = charts.scorecard_chart(scorecard, "zh").to_dict()
    assert "0 总体目标" in {row["group"] for row in zh_spec["datasets"][next(iter(zh_spec["datasets"]))]}


# ---------------------------------------------------------------------------------------------------------
# the five things that read wrong


def test_a_settled_target_does_not_say_insufficient_data_under_the_models_heading():
    achieved = assess_target(synthetic_target(value=100), synthetic_observations({2024: 90, 2025: 100}))
    assert achieved.status == "achieved" and not achieved.model_probabilities
    zh, en = views.models_note(achieved, "zh"), views.models_note(achieved, "en")
    assert "数据不足" not in zh and "已由观测数据判定" in zh and "已实现" in zh
    assert "insufficient" not in en and "already settle" in en and "achieved" in en
    lacking = assess_target(synthetic_target(value=100), synthetic_observations({2024: 90}))
    assert views.models_note(lacking, "zh") == "无预测：数据不足。"


def test_a_cumulative_target_without_data_does_not_claim_a_total_of_zero():
    nothing = assess_target(
        synthetic_target(kind="cumulative", value=40, period_start=2021, unit="亿元"),
        synthetic_observations({}),
    )
    rows = dict(views.growth_view(nothing, "en").itertuples(index=False))
    assert rows["Observed total in the period"] == "no figure observed in the period yet"
    rows_zh = dict(views.growth_view(nothing, "zh").itertuples(index=False))
    assert rows_zh["期内已累计"] == "期内尚无观测值"
    some = assess_target(
        synthetic_target(kind="cumulative", value=40, period_start=2021, unit="亿元"),
        synthetic_observations({2021: 5, 2022: 6}, unit="亿元"),
    )
    assert dict(views.growth_view(some, "zh").itertuples(index=False))["期内已累计"] == "11亿元"


def _tooltips(spec: dict) -> list[dict]:
    found = []
    for layer in spec.get("layer", [spec]):
        tooltip = layer.get("encoding", {}).get("tooltip", [])
        found += tooltip if isinstance(tooltip, list) else [tooltip]
    return found


def test_target_chart_tooltip_names_the_kind_of_value_instead_of_equals_signs():
    observations = pd.concat(
        [
            synthetic_observations({2022: 30}, indicator="tech_contract_value", unit="亿元"),
            synthetic_observations({2023: 40}, indicator="tech_contract_value", unit="亿元", bound=">"),
        ],
        ignore_index=True,
    )
    empty_fan = pd.DataFrame(columns=["year", "level", "lower", "upper", "median"])
    spec = charts.target_chart(observations, empty_fan, 50, 2025, "亿元", "en").to_dict()
    titles = [t.get("title") for t in _tooltips(spec)]
    assert "=" not in titles and "Value" in titles
    data = [row for rows in spec["datasets"].values() for row in rows if "value_text" in row]
    assert {row["value_text"] for row in data} == {"30 × 100 million yuan", ">40 × 100 million yuan"}
    assert {row["kind"] for row in data} == {"observed value", "bound (more than / at least)"}


def test_a_whole_document_quote_is_clipped_with_the_full_text_one_click_away():
    quote = "很长的原文。" * 20_000  # 120,000 characters
    frame = pd.DataFrame({"year": [2024], "quote": [quote]})
    html = display.table(frame, lang="zh").data
    assert html.count("<details") == 1 and quote in html  # the whole text, folded
    summary = re.search(r"<summary>(.*?)</summary>", html).group(1)
    assert len(summary) < display.CLIP_CHARS + 100 and "展开全文" in summary
    assert "<details" not in display.table(pd.DataFrame({"quote": ["short"]}), lang="zh").data
    observations = synthetic_observations({2024: 3.0}, indicator="rd_share_gdp", unit="%", domain="share")
    observations["quote"] = quote
    empty_fan = pd.DataFrame(columns=["year", "level", "lower", "upper", "median"])
    spec = charts.target_chart(observations, empty_fan, 3.8, 2025, "%", "zh").to_dict()
    shown = [row["quote"] for rows in spec["datasets"].values() for row in rows if "quote" in row]
    assert shown and all(len(q) == charts.TOOLTIP_CHARS and q.endswith("…") for q in shown)


def test_default_model_text_follows_forecast_auto_model(monkeypatch):
    for lang in ("zh", "en"):
        text = views.models_intro(lang)
        assert "组合" not in text and "combination" not in text
        # AUTO_MODEL today: drift for shares and levels, median_trend for counts and amounts.
        assert "drift" in text and "median_trend" in text
    monkeypatch.setitem(forecast.AUTO_MODEL, "share", "damped")
    assert "damped ETS for shares" in views.auto_model_text("en")


def test_an_empty_table_says_there_is_nothing_instead_of_showing_bare_headers():
    empty = pd.DataFrame(columns=["rule", "category", "explanation"])
    assert "<table" not in display.table(empty, lang="en").data
    assert "(none)" in display.table(empty, lang="en").data
    assert "（无）" in display.table(empty, lang="zh").data


def test_growth_view_writes_the_deadline_in_each_language_s_brackets():
    nothing = assess_target(synthetic_target(value=300), synthetic_observations({}))
    assert dict(views.growth_view(nothing, "zh").itertuples(index=False))["目标"] == "≥ 300家（2025）"
    assert dict(views.growth_view(nothing, "en").itertuples(index=False))["Target"] == "≥ 300 units (2025)"


def test_target_chart_axis_names_the_unit_in_the_reader_language():
    observations = synthetic_observations({2022: 30, 2023: 40})
    empty_fan = pd.DataFrame(columns=["year", "level", "lower", "upper", "median"])
    english = json.dumps(
        charts.target_chart(observations, empty_fan, 50, 2025, "家", "en").to_dict(), ensure_ascii=False
    )
    assert '"Value (units)"' in english and "家" not in english
    chinese_spec = json.dumps(
        charts.target_chart(observations, empty_fan, 50, 2025, "家", "zh").to_dict(), ensure_ascii=False
    )
    assert '"数值（家）"' in chinese_spec


@pytest.mark.parametrize(
    ("kind", "comparator", "value", "unit", "lang", "expected"),
    [
        ("rank", "first", 1.0, "位", "zh", "居各县区首位"),
        ("rank", ">=", 3.0, "位", "zh", "前3位"),  # 排名前三: the place, not "first"
        ("rank", ">=", 40.0, "位", "en", "top 40"),
        ("level", "<=", 2.5, "%", "en", "≤ 2.5%"),  # a ceiling (降低到/控制在…以内) prints its sign
        ("growth", "~", 10.0, "%/年", "zh", "≈ 10%/年"),
    ],
)
def test_a_goal_prints_the_place_of_a_rank_and_the_sign_of_a_ceiling(
    kind, comparator, value, unit, lang, expected
):
    assert views._goal(kind, comparator, value, unit, lang) == expected
