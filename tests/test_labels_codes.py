"""Words a reader sees come from the catalogue in the page's language, never from strings made in the core.

Three faults this file pins down: the forecast's warnings were English sentences shown on Chinese pages; a
rank target's missing peers travelled as one joined string per language, which the English sentence parsed
back into names; the data-gaps grid wrote Chinese labels in the core, which the views wrote over.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_assess import synthetic_observations, synthetic_target

from hzanalysis import catalogue, charts, display, labels, reliability, sentences, views
from hzanalysis import forecast as fc
from hzanalysis.assess import assess_one, assess_target, scorecard_frame
from hzanalysis.gaps import GRID_COLUMNS, data_gaps, plan_checklist, plan_gaps
from hzanalysis.labels import message_text
from hzanalysis.reference import shipped_classes
from hzanalysis.report.store import assessment_from_record, assessment_record

SRC = Path(__file__).resolve().parents[1] / "src" / "hzanalysis"
CJK = re.compile(r"[\u3400-\u9fff]")
#: A literal catalogue code given to a Message or to an error: Message("warning.x", ...) or code="warning.x".
CODE_LITERAL = re.compile(r"""(?:Message\(\s*|\bcode=)["']([a-z_]+\.[a-z_0-9.]+)["']""")


def test_every_code_the_source_gives_a_message_is_in_both_catalogues():
    used = {
        code for path in SRC.rglob("*.py") for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8"))
    }
    # the warnings, the widening reasons and the judgement's messages are all among them
    expected = {"warning.grid_gaps", "warning.persistence_own", "widening.spread", "missing.peers_lacking"}
    assert expected <= used
    for lang in labels.LANGS:
        missing = sorted(code for code in used if code not in labels.catalogue(lang))
        assert missing == [], lang


# ------------------------------------------------------------------------------------------ 1. warnings


def test_forecast_warnings_are_codes_said_in_the_page_language():
    # three counts with 2019 missing, theta asked for: a gap note and a "needs six points" note
    history = pd.Series({2018: 10.0, 2020: 12.0, 2021: 13.0})
    out = fc.forecast(history, 2, domain="count", model="theta", n_paths=50)
    codes = [w.code for w in out.warnings]
    assert codes == ["warning.grid_gaps", "warning.needs_more_points"]
    gaps, rung = out.warnings
    assert gaps.params == {"n": 1, "first_year": 2018, "last_year": 2021}
    assert message_text(gaps, "zh").startswith("2018–2021年间缺1个年份：")
    assert message_text(rung, "zh") == "theta至少需要6个观测值，现有3个；改用漂移模型（drift）"
    # the English is the sentence the notes said before, so logs and the terminal read as they did
    assert str(rung) == "theta needs at least 6 observations, the history has 3; drift used instead"
    # a Message is not a string: looking for a phrase in it is an error, not a silent test of the English
    with pytest.raises(TypeError):
        "drift used instead" in rung  # noqa: B015


def test_the_persistence_note_on_a_chinese_page_is_chinese():
    # two figures, no class of the indicator (hte_count's class is not used: 2-5 points, model auto,
    # a class is named in the catalogue, so take an indicator without one through a synthetic frame)
    target = synthetic_target(indicator="hte_count")
    observations = synthetic_observations({2022: 80.0, 2024: 90.0})
    judged = assess_target(target, observations, n_paths=200, compare_models=False)
    [note] = [w for w in judged.warnings if w.code.startswith("warning.persistence")]
    zh, en = message_text(note, "zh"), message_text(note, "en")
    assert "P(trends carry" in en and "P(trends carry" not in zh
    assert "趋势完全延续的概率" in zh
    page = display.warnings(judged.warnings, "zh").data
    assert "trends carry" not in page and "reference class" not in page
    # the folded list on an English page is English
    assert "P(trends carry in full)" in display.warnings(judged.warnings, "en").data


def test_an_outside_view_widened_for_a_small_unit_says_why_in_chinese():
    cls = shipped_classes()["tech_contract_turnover"]  # widened 1.64x: its small provinces vary more
    out = fc.outside_view(pd.Series({2023: 5.0}), 2, cls, domain="amount", n_paths=50, seed=0)
    [note] = out.warnings
    assert note.code == "warning.class_widened" and note.params["factor"] == "1.64"
    assert message_text(note, "zh") == (
        "参考类为小单位放宽为1.64倍：规模最小的三分之一单位逐年变化的离散程度是全部单位的1.64倍"
    )
    assert str(note) == (
        "reference class widened 1.64x for a small unit: smallest third of units 1.64x as spread out as all "
        "units (one-year changes)"
    )


def test_a_value_outside_its_domain_is_said_in_the_page_language():
    # a count of 0 cannot go on the log scale: the page says so instead of failing, in its language
    target = synthetic_target(indicator="hte_count")
    judged = assess_target(
        target, synthetic_observations({2022: 0.0, 2023: 50.0}), n_paths=100, compare_models=False
    )
    assert judged.status == "forecast_failed"
    assert judged.missing_text("zh") == (
        "无法预测：2022年：数值0超出计数类指标的取值范围（应为正数）；请更正数值或指标的取值类型"
    )
    assert judged.missing_text("en") == (
        "no forecast: year 2022: value 0 is outside the range of counts (expected a positive number); "
        "correct the value or choose the indicator's domain"
    )
    assert [w.code for w in judged.warnings] == ["warning.outside_domain"]


def test_warnings_are_stored_as_codes_and_read_back(tmp_path):
    target = synthetic_target(indicator="hte_count")
    judged = assess_target(target, synthetic_observations({2022: 80.0, 2024: 90.0}), n_paths=200)
    record = json.loads(json.dumps(assessment_record(judged), ensure_ascii=False))
    assert all(set(w) == {"code", "params"} for w in record["warnings"])
    assert all(set(w) == {"code", "params"} for w in record["forecast"]["warnings"])
    again = assessment_from_record(record)
    assert again.warning_texts("zh") == judged.warning_texts("zh")
    assert again.forecast.warnings == judged.forecast.warnings


# ------------------------------------------------------------------------------------------ 2. peers


def test_missing_peers_are_region_ids_named_in_the_page_language():
    rank = assess_one("invention_patents_per_10k")
    assert rank.status == "peers_missing"
    ids = rank.missing_regions
    regions = catalogue.regions()
    assert ids and all(i in regions for i in ids)  # ids, not a string joined for one language
    assert list(rank.missing.params["regions"]) == list(ids)
    english = ", ".join(regions[i].name_en for i in ids)
    assert rank.missing_text("en").endswith(f"missing: {english}")
    assert rank.missing_text("zh").endswith("缺少：" + "、".join(ids))
    # the sentence puts the names on from the ids; nothing parses a sentence back into names
    assert sentences.verdict_sentence(rank, "en").endswith(f"missing: {english}.")
    assert not hasattr(sentences, "english_region_names")


def test_stored_peers_stay_ids():
    rank = assess_one("invention_patents_per_10k")
    record = json.loads(json.dumps(assessment_record(rank), ensure_ascii=False))
    assert record["missing"]["params"]["regions"] == list(rank.missing_regions)
    assert assessment_from_record(record).missing_text("en") == rank.missing_text("en")


# ------------------------------------------------------------------------------------------ 3. gaps


def test_the_gap_grid_holds_codes_and_figures_only():
    observations = synthetic_observations({2024: 80.0})
    grid = plan_gaps([synthetic_target()], observations, plan="haizhou-2024", as_of="2024-06-01")
    assert tuple(grid.columns) == (*GRID_COLUMNS, "name_en")
    assert set(grid["state"]) == {"missing", "observed", "not_yet_due"}
    text_cells = [str(c) for c in grid[["state", "bound", "unit", "source_title"]].to_numpy().ravel()]
    assert not [c for c in text_cells if CJK.search(c) and c != "家"]  # the unit is the data's
    cell = grid[grid["year"] == 2024].iloc[0]
    assert (cell["value"], cell["bound"], cell["source_title"]) == (80.0, "=", "SYNTHETIC test series")
    # the words come on at render time, from the catalogue, in the page's language
    for lang in labels.LANGS:
        view = views.gaps_view(grid, lang).set_index("year")
        assert view.loc[2025, "state_label"] == labels.label("gap.not_yet_due", lang)
        assert view.loc[2020, "detail"] == labels.label("value.figure_needed", lang)
    assert views.gaps_view(grid, "zh").loc[lambda v: v["year"] == 2024, "detail"].item() == (
        "80家；SYNTHETIC test series"
    )
    assert views.gaps_view(grid, "en").loc[lambda v: v["year"] == 2024, "detail"].item() == (
        "80 units; SYNTHETIC test series"
    )


def test_the_checklist_holds_lists_and_the_view_writes_them_out():
    target = replace(synthetic_target(), responsible_units=())
    observations = synthetic_observations({y: 80.0 for y in range(2021, 2024)})
    checklist = plan_checklist([target], observations, plan="haizhou-2024", as_of="2024-06-01")
    assert checklist.loc[0, "years_missing"] == [] and checklist.loc[0, "responsible_units"] == []
    zh, en = views.checklist_view(checklist, "zh").iloc[0], views.checklist_view(checklist, "en").iloc[0]
    assert (zh["years_missing"], zh["responsible_units"]) == ("无", "方案未列明")
    assert (en["years_missing"], en["responsible_units"]) == ("none", "none named in the plan")


def test_data_gaps_has_no_label_columns():
    grid = data_gaps([synthetic_target()], synthetic_observations({2024: 1.0}), years=range(2023, 2025))
    assert "state_label" not in grid and "detail" not in grid
    assert grid["state"].tolist() == ["missing", "observed"]
    assert np.isnan(grid.loc[0, "value"])


# ------------------------------------------------------------------------------------------ rank chart


def test_a_rank_targets_chart_draws_no_goal_line_on_its_indicators_axis():
    # first place (value 1, unit 位) is not a figure of invention patents per 10,000 residents
    rank = assess_one("invention_patents_per_10k")
    assert views.chart_goal(rank) == (None, "件/万人")
    no_fan = pd.DataFrame(columns=["year", "level", "lower", "upper", "median"])
    spec = charts.target_chart(rank.observations, no_fan, None, 2025, "件/万人", "en").to_dict()
    assert not [layer for layer in spec["layer"] if layer["mark"].get("color") == "#cf222e"]
    assert "Value (per 10,000 residents)" in json.dumps(spec)
    # a level target keeps its line at the goal, in its own unit
    level = assess_one("rd_share_gdp")
    assert views.chart_goal(level) == (3.8, "%")


def test_the_class_table_names_the_indicator_and_source_in_the_page_language():
    described = shipped_classes()["rd_intensity"].describe()
    zh = dict(zip(*views.reference_class_view(described, "zh").T.to_numpy(), strict=True))
    # the indicator's name from indicators.csv, not its id; the source's words in Chinese
    assert zh["指标"] == catalogue.indicators()["rd_share_gdp"].name_zh
    assert (
        zh["来源"]
        == "china_province_rd_intensity.csv，rd_intensity_pct：中国各省份（见 derived/PROVENANCE.md）"
    )
    en = dict(zip(*views.reference_class_view(described, "en").T.to_numpy(), strict=True))
    assert en["indicator"] == catalogue.indicators()["rd_share_gdp"].name_en
    assert en["source"].endswith(": provinces of China (see derived/PROVENANCE.md)")


def test_the_class_table_names_its_units_in_the_page_language():
    # the English page listed the provinces in Chinese (上海、云南、内蒙古…)
    described = shipped_classes()["rd_intensity"].describe()
    en = dict(zip(*views.reference_class_view(described, "en").T.to_numpy(), strict=True))
    units = en["units"].split(", ")
    assert len(units) == 31 and not CJK.search(en["units"])
    # Shaanxi (陕西) and Shanxi (山西) are two provinces; in English alphabetical order
    assert {"Beijing", "Inner Mongolia", "Shaanxi", "Shanxi", "Heilongjiang"} <= set(units)
    assert units == sorted(units, key=str.casefold) and units[:2] == ["Anhui", "Beijing"]
    zh = dict(zip(*views.reference_class_view(described, "zh").T.to_numpy(), strict=True))
    assert zh["参考单位"].split("、") == list(described["regions"])  # as the panel names them
    # a caller's class: a region of regions.csv by its English name, an unknown one as it is written
    mine = {**described, "regions": ["连云区", "海州区", "青石县"]}
    en_mine = dict(zip(*views.reference_class_view(mine, "en").T.to_numpy(), strict=True))
    assert en_mine["units"] == "Haizhou District, Lianyun District, 青石县"


def test_the_scorecards_missing_column_takes_its_words_from_the_catalogue():
    target = synthetic_target()  # hte_count, held by 区科技局、高新区科经局; no figure at all
    frame = scorecard_frame([assess_target(target, synthetic_observations({2017: 50.0}), n_paths=100)])
    frame.loc[0, "needed_years"] = "2024、2025"  # as the frame holds a single point's request
    zh = views.scorecard_view(frame, "zh").loc[0, "missing"]
    en = views.scorecard_view(frame, "en").loc[0, "missing"]
    holder = frame.loc[0, "holder"]
    assert zh == f"需2024、2025年数据（{holder}）"
    assert en.startswith("figures for 2024, 2025 (held by ") and not CJK.search(en)


def test_the_validation_texts_use_the_page_languages_punctuation():
    # the Chinese class table read "优于随机游走、漂移与欧盟统计局规则: 11/12" and the populations table
    # "未达：Brier 不超过…; 80%…" (an English colon and semicolon inside Chinese text)
    described = assess_one("rd_share_gdp").reference_class  # the class and the learned persistence
    zh = dict(zip(*views.reference_class_view(described, "zh").T.to_numpy(), strict=True))
    en = dict(zip(*views.reference_class_view(described, "en").T.to_numpy(), strict=True))
    validated_zh, validated_en = zh["留一总体验证"], en["validated leaving one population out"]
    assert re.search(r"规则：\d+/\d+", validated_zh) and ": " not in validated_zh
    assert re.search(r"rule: \d+/\d+", validated_en)
    aims = reliability.population_table("zh")["达到的目标"]
    several = [text for text in aims if text.count("未达：") and "；" in text]
    assert several and not any("; " in text for text in aims)
    assert any("; " in text for text in reliability.population_table("en")["aims met"])
