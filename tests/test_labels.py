"""The one language layer (issue 15): one catalogue per language, codes and numbers in the judgement.

Every word a reader sees lives in ``locale/zh.toml`` and ``locale/en.toml`` under the same codes; the
judgement returns codes with their numbers (Assessment.missing, data_notes, the rules' explanations, the
verdict), and the words are put on above it, in the reader's language.
"""

from __future__ import annotations

import json
import re
import string
import tomllib
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from test_assess import synthetic_observations, synthetic_target

import hzanalysis.report.plan as report_plan
from hzanalysis import display, labels, rules
from hzanalysis.assess import assess_target
from hzanalysis.errors import ParameterError
from hzanalysis.labels import Message, message_text
from hzanalysis.report.store import assessment_from_record, assessment_record

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff]")

#: Codes whose Chinese leaves out a name the English gives, or the other way round, on purpose: the English
#: title adds the plan's Chinese title and date of issue; the English sentences do not name the Chinese
#: indicator or target again (the page around them does).
PLACEHOLDERS_DIFFER = {
    "prose.scorecard.title",
    "missing.growth_base",
    "missing.peers_lacking",
    "missing.no_data",
}
#: Chinese-page texts without a Chinese character, on purpose: the English line under a Chinese title, the
#: percent sign, a header in Latin letters and a pattern of two placeholders.
NO_CJK = {
    "run.report_of_en",
    "run.plan_title_en",
    "run.runs_title_en",
    "run.runs_intro_en",
    "run.page_secondary",
    "unit.%",
    "verdict.with_outside_view",
    # list and part separators and brackets: Chinese punctuation (、；（）), outside the ideograph range
    "class_text.list_sep",
    "class_text.part_sep",
    "class_text.names",
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_code_is_in_both_languages_with_the_same_placeholders():
    zh, en = labels.catalogue("zh"), labels.catalogue("en")
    assert set(zh) == set(en)
    assert len(zh) > 300  # the labels, prose, runner texts, rules, verdicts, judgement messages
    for code in zh:
        if code not in PLACEHOLDERS_DIFFER:
            assert fields(zh[code]) == fields(en[code]), code
        assert CJK.search(zh[code]) or code in NO_CJK, code
        assert not CJK.search(en[code][:12]), code  # English may name a Chinese term, never start with one


def test_the_catalogue_files_are_package_data_and_plain_toml():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "locale/*.toml" in pyproject["tool"]["setuptools"]["package-data"]["hzanalysis"]
    for lang in labels.LANGS:
        table = tomllib.loads((ROOT / "src/hzanalysis/locale" / f"{lang}.toml").read_text(encoding="utf-8"))
        assert table["col"]["action"] == {"zh": "行动", "en": "Action"}[lang]
        assert table["bound"][">="] == {"zh": "下限（不低于）", "en": "lower bound (at least)"}[lang]


def test_one_lang_check_for_the_whole_package():
    # report/plan.py had its own LANGS and check_lang (a None-returning twin); there is one now
    assert report_plan.check_lang is labels.check_lang
    assert not hasattr(report_plan, "LANGS")
    with pytest.raises(ParameterError, match="lang: expected 'zh'"):
        labels.label("col.action", "fr")


def test_a_message_is_formatted_by_its_parameter_names():
    message = Message(
        "missing.floor_failed", {"years": [2024, 2025], "floor": {"value": 500.0, "unit": "件"}}
    )
    assert message_text(message, "zh") == "2024年、2025年低于每年500件的下限"
    assert message_text(message, "en") == "2024, 2025 fell below the floor of 500 items a year"
    # a rule's explanation: years as years, *_pct with two decimals, *_pct0 with none, numbers as written
    explanation = Message(
        "explain.eurostat",
        {
            "base_year": 2021.0,
            "latest_year": 2023.0,
            "actual_pct": 0.05,
            "deadline": 2025.0,
            "target_value": 3.8,
            "required_pct": 0.04,
            "ratio_pct0": 1.25,
        },
    )
    assert message_text(explanation, "zh") == (
        "2021—2023年实际年均复合增长5.00%，为按期（2025年）达到3.8所需增速4.00%的125%"
    )
    assert message_text(message.record(), "en") == message_text(message, "en")  # a stored record reads too
    assert message_text(None, "zh") == ""


def test_rule_results_and_verdicts_hold_codes_and_numbers_only():
    # 3.0 (2021) -> 3.5 (2023): actual CAGR (3.5/3)^(1/2) - 1 = 8.01%; needed to 3.8 by 2025 from 2021:
    # (3.8/3)^(1/4) - 1 = 6.09%; ratio 1.32 -> significant progress
    result = rules.eurostat_progress(3.0, 2021, 3.5, 2023, 3.8, 2025)
    stored = json.loads(json.dumps(result.explanation.record()))
    assert stored["code"] == "explain.eurostat"
    assert not any(isinstance(v, str) for v in stored["params"].values())  # numbers, no words
    assert result.category_code == "significant_progress"
    assert (result.category_text("zh"), result.category_text("en")) == ("显著进展", "significant progress")
    assert result.explanation_text("en") == (
        "actual compound growth 2021–2023 of 8.01% a year is 132% of the 6.09% a year needed to reach 3.8 "
        "by 2025"
    )
    outside = rules.Verdict("likely", outside_view=True)
    assert (outside.text("zh"), outside.text("en")) == ("可能（参考类判断）", "likely (outside view)")


def test_the_judgement_stores_what_is_missing_as_a_code_with_its_numbers():
    a = assess_target(synthetic_target(), synthetic_observations({}))
    record = json.loads(json.dumps(assessment_record(a), default=str))
    missing = record["missing"]
    assert missing["code"] == "missing.no_data"
    assert missing["params"]["years"] == [2024, 2025]
    assert "sentence" not in record  # no words stored: readers put them on in their language
    assert record["verdict"] == {"code": "insufficient_data", "outside_view": False}
    again = assessment_from_record(record)
    # the words, put on from the code, read as the judgement's words always did
    assert again.missing_zh == (
        "没有合成目标的公开观测值；需要2024年、2025年的数据（区科技局、高新区科经局；责任单位：区科技局）"
    )
    assert again.missing_en == (
        "no public observation; figures for 2024, 2025 are needed (held by District Science and "
        "Technology Bureau; High-tech Zone Science and Economy Bureau; responsible units: District Science "
        "and Technology Bureau (区科技局))"
    )


def test_data_notes_are_codes_and_read_in_both_languages():
    obs = pd.concat(
        [
            synthetic_observations({2023: 280, 2024: 290}),
            synthetic_observations({2026: 330}),
        ],
        ignore_index=True,
    )
    a = assess_target(synthetic_target(value=300), obs, compare_models=False)
    (note,) = a.data_notes
    assert note == Message("note.after_deadline", {"years": [2026], "deadline": 2025})
    assert message_text(note, "zh") == "2026年的数据晚于目标年份2025年：列在观测表中，不用于判断"


def test_a_target_page_shows_the_registry_note_in_its_own_language():
    from hzanalysis.targets import get_target
    from hzanalysis.views import target_facts

    target = get_target("hte_count")
    a = assess_target(target, synthetic_observations({}), compare_models=False)
    zh = dict(zip(*target_facts(a, "zh").to_dict("list").values(), strict=True))
    en = dict(zip(*target_facts(a, "en").to_dict("list").values(), strict=True))
    assert zh["登记说明"] == target.note_zh and "登记说明（英文）" not in zh
    assert en["Note"] == target.note
    english_only = assess_target(
        replace(target, note_zh=""), synthetic_observations({}), compare_models=False
    )
    facts = dict(zip(*target_facts(english_only, "zh").to_dict("list").values(), strict=True))
    assert facts["登记说明（英文）"] == target.note  # said to be English, and marked lang="en" by the page


def test_the_page_language_is_not_kept_between_calls():
    # display.setup("en") used to set a module-wide language that every later call without one used
    display.setup("en")
    assert "lang" not in display._state
    assert display.note("Finance Bureau (财政局)").data == display.note("Finance Bureau (财政局)", "zh").data
    assert '<span lang="zh-CN">财政局</span>' in display.note("Finance Bureau (财政局)", "en").data
    assert '<span lang="en">Finance Bureau</span>' in display.note("Finance Bureau (财政局)").data


def test_prose_and_runner_pages_mark_the_other_language():
    from hzanalysis.report.export import page_header

    # rendered prose as the exporter writes it: the English rules section names the Chinese rule, the English
    # scorecard title the plan's Chinese title; commands in code stay as they are
    block = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-OutputArea-output">{}</div>'
    english = block.format(
        "<h1>Scorecard</h1><p><em>《海州区推进科技创新行动方案》 (issued 2024-02-28)</em></p>"
        "<p>the Chinese rule (时间过半、任务过半) and <code>hzanalysis 数据</code></p>"
    )
    marked = display.mark_rendered_prose(english, "en")
    assert '<em><span lang="zh-CN">《海州区推进科技创新行动方案》</span> (issued' in marked
    assert '(<span lang="zh-CN">时间过半、任务过半</span>)' in marked
    assert "<code>hzanalysis 数据</code>" in marked
    chinese = block.format("<p>只看端点，Eurostat rule shown beside，与<code>make calibrate</code></p>")
    marked = display.mark_rendered_prose(chinese.replace("只看端点", "极不可能 &lt; 10%，只看端点"), "zh")
    assert "极不可能 &lt; 10%" in marked  # an entity is never split by a mark
    assert '，<span lang="en">Eurostat rule shown beside</span>，' in marked
    assert "<code>make calibrate</code>" in marked
    outside = "<p>时间过半</p>"  # outside the rendered prose (tables are marked where they are built)
    assert display.mark_rendered_prose(outside, "en") == outside
    # the runner's header on a Chinese page: the English beside the Chinese is marked, the Chinese is not
    header = page_header("2026-12-07", "zh")
    assert '本期报告目录 / <span lang="en">Contents</span>' in header
    assert '历次报告 / <span lang="en">All runs</span>' in header
    assert "lang=" not in page_header("2026-12-07", "en")
