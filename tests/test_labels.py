"""The one language layer (issue 15): one catalogue per language, codes and numbers in the judgement.

Every word a reader sees lives in ``locale/zh.toml`` and ``locale/en.toml`` under the same codes; the
judgement returns codes with their numbers (Assessment.missing, data_notes, the rules' explanations, the
verdict), and the words are put on above it, in the reader's language.
"""

from __future__ import annotations

import ast
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
from hzanalysis import display, labels, reliability, rules, views
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
    # separators, colon and brackets: Chinese punctuation (、；：（）), outside the ideograph range
    "punct.list",
    "punct.parts",
    "punct.colon",
    "punct.bracketed",
    # models named alike in both languages
    "model_name.theta",
    "model_name.damped",
    "office.facts_sep",
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


#: Modules that put words on pages; their words come from the catalogue, never from literals of their own.
WORDING_MODULES = ("views", "charts", "reliability", "labels", "sentences", "cli", "report/office")
#: Chinese literals these modules may hold, and why: the scorecard frame's years column is joined with 、
#: (parsed back, never shown as it is); the plan's own (Chinese) section names are joined with ；; cli's help
#: names a region id as data files write it; charts counts a wide character's width by its code range.
CHINESE_LITERALS_ALLOWED = {
    ("views", "、"),
    ("views", "；"),
    ("charts", "\u3000"),
    ("charts", "\uffef"),
    ("cli", "the region the document reports on, e.g. 海州区"),
}
CHINESE_OR_ITS_PUNCTUATION = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _literals(tree: ast.AST) -> list[str]:
    """Every string literal of a module except docstrings (f-strings by their constant parts)."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _text_parts(node: ast.AST) -> tuple[str, ...] | None:
    """The constant text of a string literal or f-string (None for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, ast.JoinedStr):
        return tuple(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


@pytest.mark.parametrize("module", WORDING_MODULES)
def test_the_modules_that_word_pages_take_their_words_from_the_catalogue(module):
    # views.gap_text, run_facts_line and _model_name, the reliability tables and the chart titles wrote a
    # Chinese and an English text side by side (`"期限" if lang == "zh" else "deadline-year"`); every text a
    # reader sees is in locale/*.toml, so a page's words are reviewed (and translated) in one place.
    tree = ast.parse((ROOT / "src/hzanalysis" / f"{module}.py").read_text(encoding="utf-8"))
    chinese = [
        text
        for text in _literals(tree)
        if CHINESE_OR_ITS_PUNCTUATION.search(text) and (module, text) not in CHINESE_LITERALS_ALLOWED
    ]
    assert chinese == [], module
    # nor a pair of texts chosen by the language: `"; " if lang == "en" else "；"`
    pairs = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.IfExp)
        and {"lang", "en"} & {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
        and None is not _text_parts(node.body) != _text_parts(node.orelse) is not None
        # codes and column keys ("name_en" if en else "name_zh", "fact.note") are not words
        and not all(
            re.fullmatch(r"[\w.]*", part) for part in (*_text_parts(node.body), *_text_parts(node.orelse))
        )
    ]
    assert pairs == [], module


def test_the_words_moved_to_the_catalogue_read_as_before():
    # worked by hand from the texts the code wrote before they moved
    assert views.gap_text(0.0, "%", "zh") == "恰好达到" and views.gap_text(0.0, "%", "en") == "on target"
    assert (
        views.gap_text(-12.0, "家", "zh") == "超12家"
        and views.gap_text(-12.0, "家", "en") == "12 units above"
    )
    assert (
        views.auto_model_text("zh")
        == "drift用于比重类、其他水平类；三趋势中位数（median_trend）用于计数类、金额/面积类"
    )
    assert views.auto_model_text("en") == (
        "drift for shares, other levels; median of three trends (median_trend) for counts, amounts"
    )
    frame = pd.DataFrame({"status": ["forecast", "achieved", "no_data"], "kind": ["level"] * 3})
    assert views.run_facts_line(frame, as_of="2025-06-30", lang="zh") == (
        "数据截至：2025-06-30。共3个目标；1个有达成概率，1个已由观测数据判定，其余数据不足（见“数据缺口”页）。"
    )
    assert views.run_facts_line(frame, as_of=None, lang="en", data_paths=["/a/my.csv"]) == (
        "Data as of: all published figures. 3 targets; 1 with a probability, 1 settled by observed figures,"
        " the rest lack data (see the data-gaps page). Includes the researcher's own data files: my.csv."
    )
    assert labels.years_text([2023, 2024], "zh") == "2023年、2024年"
    assert labels.years_text([2023, 2024], "en") == "2023, 2024"
    assert labels.fmt_value(3.5, "%", year=2024, lang="zh") == "3.5%（2024）"
    assert labels.fmt_value(3.5, "%", year=2024, lang="en") == "3.5% (2024)"
    assert views._row_text("sheet 观测 row 7", "zh") == "工作表 观测 第7行"
    assert views._row_text("sheet 观测 row 7", "en") == "sheet 观测 row 7"
    assert views._row_text("line 12", "zh") == "第12行"
    populations = reliability.population_table("en")
    assert list(populations.columns)[:2] == ["population (left out)", "mode"]
    assert list(reliability.population_table("zh").columns)[-1] == "达到的目标"
