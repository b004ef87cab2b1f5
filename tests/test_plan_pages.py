"""Pages for any plan: prose and titles name the plan given, years after the last publishable one are
"not yet due", and the English sentences name units and bureaus in English.

The plans here are the project's 2024 plan and a 2030 variant of it built in the test (not a real plan);
the targets and figures are synthetic and labelled so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest

import hzanalysis as hz
from hzanalysis import bureaus, charts, display, labels, views
from hzanalysis.assess import assess_target, scorecard_frame
from hzanalysis.errors import ParameterError
from hzanalysis.gaps import checklist_years, last_publishable_year, plan_checklist, plan_gaps
from hzanalysis.plans import resolve_plan
from hzanalysis.report.export import run_titles
from hzanalysis.targets import Target

PLAN_2024 = resolve_plan("haizhou-2024")
#: A 2030 plan for the same district (synthetic: the 2024 plan's folder with other years and title).
PLAN_2030 = dataclasses.replace(
    PLAN_2024,
    id="synthetic-2030",
    title_zh="合成测试方案（2026—2030）",
    title_en="Synthetic test plan 2026-2030",
    period_start=2026,
    deadline=2030,
    actions=((0, "总体目标", "Overall goals"), (1, "甲行动", "Action A"), (2, "乙行动", "Action B")),
)


def synthetic_target(kind: str = "level", deadline: int = 2030, period_start: int | None = None) -> Target:
    return Target(
        id=f"synthetic_{kind}",
        name_zh="合成目标",
        name_en="synthetic target",
        action=1,
        sections=("synthetic",),
        kind=kind,
        comparator=">=",
        value=100.0,
        unit="家",
        indicator="hte_count",
        deadline=deadline,
        period_start=period_start,
        responsible_units=("区科技局",),
        quotes=("synthetic",),
    )


COLUMNS = ["region", "indicator", "year", "value", "unit", "bound", "source_title", "source_url", "published",
           "quote", "quality", "note", "domain"]  # fmt: skip


def synthetic_observations(figures: list[tuple[int, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        columns=COLUMNS,
        data=[
            {
                "region": "海州区",
                "indicator": "hte_count",
                "year": year,
                "value": value,
                "unit": "家",
                "bound": bound,
                "source_title": "合成测试来源（synthetic）",
                "source_url": "",
                "published": f"{year + 1}-03-01",
                "quote": f"synthetic {value}",
                "quality": "official_statistics",
                "note": "synthetic",
                "domain": "count",
            }
            for year, value, bound in figures
        ],
    )


# ---------------------------------------------------------------------------------------------------------
# Prose that names the plan


def test_the_default_plan_prose_reads_as_before():
    # the 2024 plan's pages, word for word as they were written for it
    assert display.prose("scorecard.title", "zh").data == "# 海州区推进科技创新行动方案：2025年目标总览"
    assert display.prose("gaps.checklist", "zh", as_of="2026-06-01").data == "## 数据索取清单（2021–2025年）"
    assert (
        "按方案五大行动分组。条形长度为到2025年达到目标的概率" in display.prose("scorecard.chart", "zh").data
    )
    assert display.plan_label("print.title", "zh") == "海州区2025年科技创新目标一览"
    assert display.plan_label("print.title", "en") == "Haizhou District 2025 S&T targets at a glance"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_2030_plan_prose_names_its_own_title_deadline_and_actions(lang):
    for key in [code.removeprefix("prose.") for code in labels.catalogue(lang) if code.startswith("prose.")]:
        text = display.prose(key, lang, PLAN_2030, as_of="2027-06-01").data
        assert "{" not in text, key
        assert "海州区推进科技创新行动方案" not in text and "action plan for advancing" not in text, key
        # as of mid-2027 the checklist runs from the base year 2025 to 2026, the last publishable year
        assert "2025" not in text or key == "gaps.checklist", key
    title = display.prose("scorecard.title", lang, PLAN_2030).data
    assert (
        "合成测试方案（2026—2030）：2030年目标总览" if lang == "zh" else "Synthetic test plan 2026-2030"
    ) in title
    chart = display.prose("scorecard.chart", lang, PLAN_2030).data
    assert ("按方案两大行动分组" if lang == "zh" else "the plan's two actions") in chart
    assert display.prose("gaps.checklist", lang, PLAN_2030, as_of="2027-06-01").data.endswith(
        "（2025–2026年）" if lang == "zh" else "(2025–2026)"
    )
    assert "2030" in display.plan_label("print.title", lang, PLAN_2030)


def test_the_grid_legend_names_the_years_not_yet_due_only_when_there_are_any():
    assert "2028–2030" in display.prose("gaps.grid", "en", PLAN_2030, as_of="2028-01-10").data
    assert "not yet due" not in display.prose("gaps.grid", "en", PLAN_2024, as_of="2026-06-01").data


def test_a_prose_field_left_unfilled_is_an_error_not_a_brace_on_the_page():
    with pytest.raises(ParameterError, match="deadline"):
        labels.prose_text("scorecard.table", "zh")


def test_the_run_index_title_names_the_run_plan():
    assert run_titles("haizhou-2024", "zh")[0] == "海州区推进科技创新行动方案：2025年目标评估"
    assert run_titles("haizhou-2024", "en")[0].endswith(": the 2025 targets")
    assert run_titles("/no/such/plan", "en") == ("/no/such/plan", "/no/such/plan")


def test_the_scenario_chart_titles_use_the_targets_deadline():
    frame = pd.DataFrame(
        {
            "label": ["a"],
            "latest_value": [50.0],
            "latest_year": [2025],
            "target_value": [100.0],
            "deadline": [2030],
        }
    )
    spec = charts.scenario_chart(frame, "zh").to_dict()
    assert "2030年值 / 目标（%）" in str(spec) and "2025年值" not in str(spec)


# ---------------------------------------------------------------------------------------------------------
# Years not yet due


def test_the_last_publishable_year_is_the_year_before_the_as_of_date():
    assert last_publishable_year("2026-06-01") == 2025
    assert last_publishable_year("2026-01-01") == 2025
    assert last_publishable_year(None, today=dt.date(2031, 3, 1)) == 2030


def test_checklist_years_run_over_the_plan_period_up_to_the_last_publishable_year():
    # 2024 plan: base year 2023, five-year period 2021-2025 -> from 2021
    assert checklist_years(PLAN_2024, "2026-06-01") == range(2021, 2026)
    assert checklist_years(PLAN_2024, "2025-06-30") == range(2021, 2025)
    # 2030 plan: base year 2025 (the five-year period starts 2026); by mid-2026 only 2025 can be published
    assert checklist_years(PLAN_2030, "2026-06-01") == range(2025, 2026)
    assert checklist_years(PLAN_2030, "2029-05-01") == range(2025, 2029)
    assert checklist_years(PLAN_2030, "2032-01-01") == range(2025, 2031)  # never past the deadline


def test_years_after_the_last_publishable_one_are_not_yet_due_not_missing():
    observations = synthetic_observations([(2024, 80.0, "="), (2025, 90.0, ">"), (2027, 95.0, "=")])
    grid = plan_gaps([synthetic_target()], observations, plan=PLAN_2030, as_of="2026-06-01")
    states = dict(zip(grid["year"], grid["state"], strict=True))
    assert list(grid["year"]) == list(range(2017, 2031))
    assert {y for y, s in states.items() if s == "missing"} == set(range(2017, 2024))
    assert states[2024] == "observed" and states[2025] == "bound"
    # a 2027 figure someone added stays observed; the other later years are not yet due
    assert states[2027] == "observed"
    assert {y for y, s in states.items() if s == "not_yet_due"} == {2026, 2028, 2029, 2030}
    assert set(grid["name_en"]) == {"synthetic target"}


def test_the_checklist_asks_only_for_years_that_can_be_published():
    observations = synthetic_observations([(2024, 80.0, "=")])
    checklist = plan_checklist([synthetic_target()], observations, plan=PLAN_2030, as_of="2027-06-01")
    # years 2025 and 2026 are due and missing; 2027-2030 are not asked for
    assert checklist.loc[0, "years_missing"] == [2025, 2026] and checklist.loc[0, "n_missing"] == 2
    assert checklist.loc[0, "name_en"] == "synthetic target"


def test_the_gaps_chart_has_a_fourth_colour_only_when_a_year_is_not_yet_due():
    observations = synthetic_observations([(2024, 80.0, "=")])
    for as_of, expected in (("2026-06-01", True), ("2031-06-01", False)):
        grid = plan_gaps([synthetic_target()], observations, plan=PLAN_2030, as_of=as_of)
        view = views.gaps_view(grid, "en")
        spec = charts.gaps_chart(view, "en").to_dict()
        domain = spec["encoding"]["color"]["scale"]["domain"]
        assert ("not yet due" in domain) is expected
        if expected:
            row = view[view["year"] == 2028].iloc[0]
            assert row["detail"] == "not yet due (the 2028 figure is published in 2029 at the earliest)"
            assert row["target"] == "synthetic target"


# ---------------------------------------------------------------------------------------------------------
# English sentences name units and bureaus in English


def test_a_floor_broken_by_a_figure_is_written_with_an_english_unit():
    target = synthetic_target("annual_floor", deadline=2025, period_start=2024)
    result = assess_target(target, synthetic_observations([(2024, 120.0, "="), (2025, 90.0, "=")]))
    assert result.status == "missed"
    assert result.missing_en == "2025 fell below the floor of 100 units a year"
    assert result.missing_zh == "2025年低于每年100家的下限"


def test_a_floor_broken_by_a_bound_is_written_with_an_english_unit():
    target = synthetic_target("annual_floor", deadline=2025, period_start=2024)
    result = assess_target(target, synthetic_observations([(2024, 120.0, "="), (2025, 90.0, "<")]))
    assert result.status == "missed"
    assert result.missing_en == "the bounds for 2025 lie below the floor of 100 units a year"


def test_missing_data_in_english_names_the_holder_and_units_in_english():
    result = assess_target(synthetic_target(deadline=2025), synthetic_observations([]))
    assert result.status == "no_data"
    # holder from the catalogue's holder_en for hte_count; the plan's unit translated, Chinese in brackets
    assert result.missing_en == (
        "no public observation; figures for 2024, 2025 are needed (held by District Science and Technology "
        "Bureau; High-tech Zone Science and Economy Bureau; responsible units: District Science and "
        "Technology Bureau (区科技局))"
    )
    assert not re.search(r"[\u3400-\u9fff]", re.sub(r"\([^()]*\)", "", result.missing_en))


def test_short_text_cells_do_not_wrap_and_long_ones_do():
    # a verdict squeezed to one Chinese character per line read wrongly in the scorecard table
    frame = pd.DataFrame(
        {"verdict": ["数据不足"], "source": ["海州区科技局荣获2017年度全省科技管理工作先进集体"]}
    )
    out = display.table(frame).data
    assert '<td class="hz-short">数据不足</td>' in out
    assert "<td>海州区科技局荣获2017年度全省科技管理工作先进集体</td>" in out


def test_the_checklist_lists_missing_years_in_the_reader_language():
    observations = synthetic_observations([(2024, 80.0, "=")])
    checklist = plan_checklist([synthetic_target()], observations, plan=PLAN_2030, as_of="2027-06-01")
    assert views.checklist_view(checklist, "zh").loc[0, "years_missing"] == "2025、2026"
    assert views.checklist_view(checklist, "en").loc[0, "years_missing"] == "2025, 2026"
    assert views.checklist_view(checklist, "en").loc[0, "target"] == "synthetic target"


def test_the_coverage_legend_draws_line_strokes_so_dashed_and_solid_differ():
    # two filled black dots in the legend could not tell calibrated (solid) from uncalibrated (dashed)
    coverage = pd.DataFrame(
        {
            "horizon": [1, 1],
            "nominal": [0.8, 0.8],
            "empirical": [0.79, 0.4],
            "method": ["calibrated", "uncalibrated"],
        }
    )
    spec = charts.coverage_chart(coverage, "en").to_dict()
    legend = spec["layer"][0]["encoding"]["strokeDash"]["legend"]
    assert legend["symbolType"] == "stroke" and legend["symbolStrokeWidth"] > 0
    assert legend["labelLimit"] >= 300  # "models' own intervals (uncalibrated)" whole, not cut at 160 px
    # calibrated is the solid line in both languages (alphabetical order made it dashed in English)
    scale = spec["layer"][0]["encoding"]["strokeDash"]["scale"]
    assert scale["domain"][0] == "this tool (calibrated)" and scale["range"][0] == [1, 0]


def test_the_reliability_page_legend_names_the_methods_its_lines_show():
    # The page compares this tool with the previous calibration; a legend naming "models' own intervals"
    # described lines that were not drawn.
    coverage = hz.reliability.coverage_frame("two", "en")
    spec = charts.coverage_chart(coverage, "en").to_dict()
    scale = spec["layer"][0]["encoding"]["strokeDash"]["scale"]
    assert scale["domain"] == list(dict.fromkeys(coverage["method"]))
    assert scale["domain"][0].startswith("this tool") and "previous calibration" in scale["domain"][1]
    assert scale["range"] == [[1, 0], [6, 3]]


def test_the_english_facts_put_the_chinese_name_in_ascii_brackets():
    observations = synthetic_observations([(2024, 80.0, "=")])
    assessment = assess_target(synthetic_target(deadline=2025), observations)
    facts = views.target_facts(assessment, "en")
    assert facts.loc[0, "content"] == "synthetic target (合成目标)"


def test_an_action_without_a_reviewed_english_name_shows_its_chinese_name():
    # a drafted plan's actions have Chinese names only until review; "1 " alone named nothing
    assert labels.action_text("企业创新能力提升行动", "", "en") == "企业创新能力提升行动"
    assert labels.action_text("企业创新能力提升行动", None, "en") == "企业创新能力提升行动"
    assert (
        labels.action_text("企业创新能力提升行动", "Enterprise innovation", "en") == "Enterprise innovation"
    )
    assert labels.action_text("企业创新能力提升行动", "Enterprise innovation", "zh") == "企业创新能力提升行动"


def test_a_district_bureau_written_with_its_prefix_is_named_in_english():
    # the 2030 fixture plan writes 区财政局 where the 2024 plan wrote 财政局
    text = bureaus.bureau_text("区财政局、区住建局、区不存在局", "en")
    assert text == (
        "District Finance Bureau (区财政局); "
        "District Housing and Urban-Rural Development Bureau (区住建局); 区不存在局"
    )
    assert bureaus.bureau_text("区财政局、区住建局", "zh") == "区财政局、区住建局"


def test_the_scorecard_names_the_holder_of_another_plans_target_in_english():
    # the target id is not in the default plan's registry: "(held by —)" was shown
    target = dataclasses.replace(synthetic_target(), indicator="hv_invention_patents_per_10k", unit="件/万人")
    assessment = assess_target(target, synthetic_observations([]))
    view = views.scorecard_view(scorecard_frame([assessment]), "en")
    assert view.loc[0, "missing"] == (
        "figures for 2029, 2030 (held by District Market Supervision Bureau (intellectual property))"
    )
