"""The target registry: faithful to the plan text, and strict about what it accepts.

The registry tests read the real plan text and the real data/raw/plans/haizhou-2024/targets.yaml; the
bad-registry tests work on tmp_path copies (or small synthetic files, labelled so), never on the raw data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from hzanalysis import catalogue, paths
from hzanalysis.errors import InputError, ParameterError
from hzanalysis.plans import resolve_plan
from hzanalysis.targets import (
    Target,
    default_targets_path,
    get_target,
    load_targets,
    targets_frame,
)

PLAN = paths.plan_text_path().read_text(encoding="utf-8")
#: The default plan's actions, as its plan.yaml names them.
ACTIONS = resolve_plan().action_names
REGISTRY = default_targets_path()
ZH_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}

# Hand count of the plan's quantitative 2025 targets (24), one per distinct promise; a target stated in both
# 三、发展目标 and a 四 task paragraph counts once:
#   三 only:   rd_share_gdp (3.8%), hitech_output_share (70%), invention_patents_annual (500件/年),
#              invention_patents_per_10k (居各县区首位), shuangchuang_carriers (20家),
#              talent_housing_units (1000套)
#   三 and 四: hte_count (300家), new_rd_institutions (15家), prov_rd_institutions (100家/个),
#              kechuang_carrier_area (100万平方米), tech_contract_value (40亿元)
#   四（一）:  tech_firms_recruited (100家/年), tech_smes (700家)
#   四（二）:  innovation_consortia (5个)
#   四（三）:  cooperation_institutions (30家), enterprises_served (100家), tech_demands (100项),
#              jiebang_projects (40项), iur_achievements (150项/年), iur_projects (100项)
#   四（四）:  joint_innovation_centers (10个), major_transfer_projects (10项), pilot_bases (2个),
#              invention_patents_cumulative (超1000件)
# 6 + 5 + 2 + 1 + 6 + 4 = 24.
QUANTITATIVE_IDS = {
    "rd_share_gdp",
    "hitech_output_share",
    "invention_patents_annual",
    "invention_patents_per_10k",
    "shuangchuang_carriers",
    "talent_housing_units",
    "hte_count",
    "new_rd_institutions",
    "prov_rd_institutions",
    "kechuang_carrier_area",
    "tech_contract_value",
    "tech_firms_recruited",
    "tech_smes",
    "innovation_consortia",
    "cooperation_institutions",
    "enterprises_served",
    "tech_demands",
    "jiebang_projects",
    "iur_achievements",
    "iur_projects",
    "joint_innovation_centers",
    "major_transfer_projects",
    "pilot_bases",
    "invention_patents_cumulative",
}
# Qualitative 2025 aims of 三 (listed, never scored):
# 核心指标走在全市前列, 关键核心技术取得重要突破, 研发机构基本覆盖.
QUALITATIVE_IDS = {"core_indicators_lead_city", "key_tech_breakthroughs", "enterprise_rd_coverage"}

# Units of the shared indicator contract (docs table), for the indicators the targets use.
CONTRACT_UNITS = {
    "rd_share_gdp": "%",
    "hitech_output_share": "%",
    "hte_count": "家",
    "invention_patents_granted": "件",
    "new_rd_institutions": "家",
    "prov_rd_institutions": "家",
    "kechuang_carrier_area": "万平方米",
    "shuangchuang_carriers": "家",
    "tech_contract_value": "亿元",
    "talent_housing_units": "套",
    "tech_firms_recruited": "家",
    "tech_smes": "家",
    "innovation_consortia": "个",
    "cooperation_institutions": "家",
    "enterprises_served": "家",
    "tech_demands": "项",
    "jiebang_projects": "项",
    "iur_achievements": "项",
    "iur_projects": "项",
    "joint_innovation_centers": "个",
    "major_transfer_projects": "项",
    "pilot_bases": "个",
}


@pytest.fixture(scope="module")
def targets() -> list[Target]:
    return load_targets()


# ---------------------------------------------------------------------------------------------------------
# Helpers that cut the plan text into the blocks the registry cites


def section_text(section: str) -> str:
    """The plan text a section label points at: the whole 三 block, or one 四 task paragraph."""
    if section == "三、发展目标":
        return PLAN[PLAN.index("三、发展目标") : PLAN.index("四、重点任务")]
    match = re.fullmatch(r"四（([一二三四五])）(.+)", section)
    assert match, f"section label {section!r} is neither 三、发展目标 nor 四（n）<paragraph title>"
    numeral, title = match.groups()
    block = action_block(ZH_NUMERALS[numeral])
    paragraphs = [line for line in block.splitlines() if line.startswith(title)]
    assert len(paragraphs) == 1, f"paragraph {title!r} not found once in action {numeral}"
    return paragraphs[0]


def action_block(number: int) -> str:
    """The text of action 四(number), from its heading to the next action (or to 五、保障措施)."""
    numerals = "一二三四五"
    start = PLAN.index(f"({numerals[number - 1]})实施")
    end = PLAN.index(f"({numerals[number]})实施") if number < 5 else PLAN.index("五、保障措施")
    return PLAN[start:end]


def units_in(paragraph: str) -> list[str]:
    """The (责任单位:…) clause of a paragraph, split on 、 and , as written; the trailing instruction
    '以下均需各镇街、园区办、农场落实' (who implements every task) is not a list of responsible units."""
    clauses = re.findall(r"\(责任单位:([^)]*)\)", paragraph)
    assert len(clauses) == 1, paragraph[:40]
    groups = [g for g in clauses[0].split(",") if not g.startswith("以下均需")]
    return [unit for group in groups for unit in group.split("、")]


# ---------------------------------------------------------------------------------------------------------
# The registry against the plan text


def test_counts_match_the_hand_count(targets):
    quantitative = {t.id for t in targets if t.is_quantitative}
    qualitative = {t.id for t in targets if not t.is_quantitative}
    assert len(QUANTITATIVE_IDS) == 24  # guards the hand list itself
    assert quantitative == QUANTITATIVE_IDS
    assert qualitative == QUALITATIVE_IDS
    assert len(targets) == 24 + 3


def test_ids_are_unique_snake_case(targets):
    ids = [t.id for t in targets]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_every_quote_is_verbatim_in_the_plan(targets):
    missing = [(t.id, q) for t in targets for q in t.quotes if q not in PLAN]
    assert missing == []


def test_every_quote_comes_from_one_of_the_cited_sections(targets):
    misplaced = [
        (t.id, q) for t in targets for q in t.quotes if not any(q in section_text(s) for s in t.sections)
    ]
    assert misplaced == []


def test_every_cited_section_has_a_quote(targets):
    # A target stated twice cites both places, with one quote from each.
    uncited = [
        (t.id, s) for t in targets for s in t.sections if not any(q in section_text(s) for q in t.quotes)
    ]
    assert uncited == []


def test_every_value_is_written_with_its_unit_in_a_quote(targets):
    # e.g. 3.8 → "3.8%", 40 → "40亿元", 100 → "100万平方米"; the rank target's 1 is written 首位.
    for t in targets:
        if t.kind == "rank":
            assert any("首位" in q for q in t.quotes), t.id
        elif t.is_quantitative:
            written = f"{t.value:g}{t.unit}"
            assert any(written in q for q in t.quotes), (t.id, written)


def test_units_match_the_indicator_contract(targets):
    for t in targets:
        if t.is_quantitative and t.kind != "rank":
            assert t.unit == CONTRACT_UNITS[t.indicator], t.id


def test_targets_stated_twice_are_one_entry_citing_both_places(targets):
    # hte_count: 三 "有效高新技术企业达300家" and 四（一） "力争有效高新技术企业达300家".
    twice = {t.id for t in targets if len(t.sections) == 2}
    assert twice == {
        "hte_count",
        "new_rd_institutions",
        "prov_rd_institutions",
        "kechuang_carrier_area",
        "tech_contract_value",
    }
    for t in targets:
        if t.id in twice:
            assert t.sections[0] == "三、发展目标" and t.sections[1].startswith("四（")
            assert len(t.quotes) == 2
    # No promise is entered twice: within a kind, an indicator carries one target.
    keys = [(t.indicator, t.kind) for t in targets if t.is_quantitative]
    assert len(keys) == len(set(keys))


def test_action_matches_the_task_paragraph_that_states_the_target(targets):
    for t in targets:
        four = [s for s in t.sections if s.startswith("四（")]
        if four:
            assert t.action == ZH_NUMERALS[four[0][2]], t.id
        assert t.action in ACTIONS


def test_responsible_units_are_the_plans_clause_verbatim(targets):
    for t in targets:
        four = [s for s in t.sections if s.startswith("四（")]
        if four:
            assert list(t.responsible_units) == units_in(section_text(four[0])), t.id
        else:
            assert t.responsible_units == (), t.id  # 三 names no responsible units


def test_responsible_units_worked_example(targets):
    # 四（一）大力培育科技型中小企业 ends
    # "(责任单位:区科技局、财政局、税务局,高新区科经局、财政局、双创中心)":
    # six names in the order written, 财政局 twice (district and high-tech zone).
    assert get_target("tech_smes", targets).responsible_units == (
        "区科技局",
        "财政局",
        "税务局",
        "高新区科经局",
        "财政局",
        "双创中心",
    )


def test_known_interpretations(targets):
    annual = get_target("invention_patents_annual", targets)
    cumulative = get_target("invention_patents_cumulative", targets)
    rank = get_target("invention_patents_per_10k", targets)
    assert (annual.kind, annual.comparator, annual.value, annual.indicator) == (
        "annual_floor",
        ">=",
        500,
        "invention_patents_granted",
    )
    assert (cumulative.kind, cumulative.comparator, cumulative.value, cumulative.indicator) == (
        "cumulative",
        ">",
        1000,
        "invention_patents_granted",
    )
    # 2 years x 500 per year = 1000: the default period 2024-2025 makes the two patent targets consistent.
    assert cumulative.period_years == (2024, 2025)
    assert len(cumulative.period_years) * annual.value == cumulative.value
    assert (rank.kind, rank.comparator, rank.value, rank.indicator) == (
        "rank",
        "first",
        1,
        "invention_patents_per_10k",
    )


def test_comparators_follow_the_plans_wording(targets):
    # ">" only where every quote says 超 before the number, except tech_contract_value, stated both ways
    # (三 "累计达到40亿元", 四（四） "超40亿元"), where the registry keeps 三's ">=" and says why in the note.
    for t in targets:
        if t.comparator == ">":
            assert all(f"超{t.value:g}" in q for q in t.quotes), t.id
    contracts = get_target("tech_contract_value", targets)
    assert contracts.comparator == ">="
    assert any("达到40亿元" in q for q in contracts.quotes) and any("超40亿元" in q for q in contracts.quotes)
    assert "超" in contracts.note and ">=" in contracts.note


def test_kinds_fields_and_periods_are_consistent(targets):
    for t in targets:
        assert t.deadline == 2025
        if t.kind in ("annual_floor", "cumulative"):
            assert t.period_start == 2024, t.id
        else:
            assert t.period_start is None and t.period_years == (), t.id
        if t.is_quantitative:
            assert t.indicator in catalogue.indicators() and t.value is not None and t.value > 0
        else:
            assert (t.comparator, t.value, t.indicator) == (None, None, None)
    # Each annual floor says 每年 in its quote; each cumulative target says 累计 (per the plan's sentence).
    for t in targets:
        if t.kind == "annual_floor":
            assert any("每年" in q for q in t.quotes), t.id
        if t.kind == "cumulative":
            assert any("累计" in q for q in t.quotes), t.id


def test_force_wording_is_noted(targets):
    # 力争 ("strive for") is an aspiration; every target quoted with 力争 says so in its note.
    for t in targets:
        if any("力争" in q for q in t.quotes):
            assert "力争" in t.note, t.id


def test_action_names_are_the_plans():
    assert sorted(ACTIONS) == [0, 1, 2, 3, 4, 5]
    for number in range(1, 6):
        assert f"实施{ACTIONS[number][0]}" in PLAN
        assert ACTIONS[number][1]  # an English name


def test_each_load_returns_its_own_list(targets):
    # Callers filter and reorder the list they get; that must not change what the next caller loads.
    first = load_targets()
    first.clear()
    assert len(load_targets()) == len(targets) > 0


# ---------------------------------------------------------------------------------------------------------
# get_target and targets_frame


def test_get_target_unknown_lists_valid_ids(targets):
    with pytest.raises(ParameterError) as info:
        get_target("rd_shar", targets)
    message = str(info.value)
    assert "'rd_shar'" in message and "rd_share_gdp" in message and "pilot_bases" in message


def test_get_target_default_loads_the_registry():
    assert get_target("pilot_bases").value == 2  # 四（四） "建设中试基地2个以上"


def test_targets_frame(targets):
    frame = targets_frame(targets)
    assert len(frame) == len(targets) == 27
    assert list(frame["id"]) == [t.id for t in targets]
    row = frame.set_index("id").loc["tech_smes"]
    assert row["responsible_units"] == "区科技局、财政局、税务局、高新区科经局、财政局、双创中心"
    assert row["action_zh"] == "创新型企业培育行动"
    hte = frame.set_index("id").loc["hte_count"]
    assert hte["quotes"] == "有效高新技术企业达300家 / 到2025年,力争有效高新技术企业达300家"
    assert hte["sections"] == "三、发展目标 / 四（一）致力增量高新技术企业"
    # Missing values stay missing, integers stay integers.
    qualitative = frame.set_index("id").loc["key_tech_breakthroughs"]
    assert qualitative["value"] is not None and str(qualitative["value"]) == "<NA>"
    assert str(frame["period_start"].dtype) == "Int64"
    # 3 annual floors (tech_firms_recruited, iur_achievements, invention_patents_annual) + 8 cumulative
    assert frame["period_start"].notna().sum() == 3 + 8


# ---------------------------------------------------------------------------------------------------------
# Bad registries (tmp_path copies of the real file, or small synthetic files)


def _raw() -> dict:
    return yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))


def _write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_targets(path)
    return info.value


def test_unmodified_copy_loads(tmp_path):
    # Guards the helpers below: a round-tripped copy is valid, so each failure comes from the one edit.
    assert load_targets(_write(tmp_path, _raw())) == load_targets()


def test_unknown_kind(tmp_path):
    doc = _raw()
    entry = doc["targets"][4]
    entry["kind"] = "stock"
    error = _error(_write(tmp_path, doc))
    message = str(error)
    assert str(tmp_path / "targets.yaml") in message
    assert f"entry 5 (id {entry['id']})" in message
    assert "column 'kind'" in message and "'stock'" in message
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert (problem.row, problem.column) == (f"entry 5 (id {entry['id']})", "kind")


def test_missing_value(tmp_path):
    doc = _raw()
    entry = doc["targets"][0]
    del entry["value"]
    message = str(_error(_write(tmp_path, doc)))
    assert "targets.yaml" in message and f"entry 1 (id {entry['id']})" in message
    assert "column 'value'" in message and "field missing" in message


def test_null_value_on_a_quantitative_target(tmp_path):
    doc = _raw()
    doc["targets"][0]["value"] = None
    message = str(_error(_write(tmp_path, doc)))
    assert "column 'value'" in message and "positive number" in message


def test_duplicate_id(tmp_path):
    doc = _raw()
    first, second = doc["targets"][0], doc["targets"][6]
    second["id"] = first["id"]
    error = _error(_write(tmp_path, doc))
    message = str(error)
    assert "targets.yaml" in message
    assert f"entry 7 (id {first['id']})" in message and "column 'id'" in message
    assert "already used by entry 1" in message


def test_bad_yaml_names_the_line(tmp_path):
    text = REGISTRY.read_text(encoding="utf-8").splitlines()
    line_number = next(i for i, line in enumerate(text, start=1) if line.strip() == "kind: level")
    text[line_number - 1] = text[line_number - 1] + ": oops"  # "kind: level: oops" is not valid YAML
    path = tmp_path / "targets.yaml"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    error = _error(path)
    assert len(error.problems) == 1
    assert error.problems[0].row == f"line {line_number}"
    assert str(path) in str(error)


def test_duplicate_key_in_an_entry_is_refused(tmp_path):
    # Synthetic registry: PyYAML would silently keep the second "value"; the loader must not.
    path = tmp_path / "targets.yaml"
    path.write_text("targets:\n  - id: synthetic\n    value: 1\n    value: 2\n", encoding="utf-8")
    error = _error(path)
    assert error.problems[0].row == "line 4" and "twice" in str(error)


def test_every_problem_is_reported_together(tmp_path):
    doc = _raw()
    doc["targets"][0]["comparator"] = ">>"  # entry 1
    doc["targets"][3]["period_start"] = None  # entry 4, an annual floor
    qualitative = next(i for i, e in enumerate(doc["targets"]) if e["kind"] == "qualitative")
    doc["targets"][qualitative]["value"] = 5
    doc["targets"][qualitative]["indicator"] = "rd_share_gdp"
    doc["targets"][1]["colour"] = "red"  # unknown field
    error = _error(_write(tmp_path, doc))
    found = {(p.row.split(" (")[0], p.column) for p in error.problems}
    assert found == {
        ("entry 1", "comparator"),
        ("entry 4", "period_start"),
        (f"entry {qualitative + 1}", "value"),
        (f"entry {qualitative + 1}", "indicator"),
        ("entry 2", "colour"),
    }
    assert all(p.file == str(tmp_path / "targets.yaml") and p.fix for p in error.problems)


def test_rank_value_must_be_one_and_indicator_must_be_known(tmp_path):
    doc = _raw()
    rank = next(e for e in doc["targets"] if e["kind"] == "rank")
    rank["value"] = 2
    doc["targets"][0]["indicator"] = "rd_share"
    columns = {p.column for p in _error(_write(tmp_path, doc)).problems}
    assert columns == {"value", "indicator"}


def test_empty_quotes_and_bad_deadline(tmp_path):
    doc = _raw()
    doc["targets"][0]["quotes"] = []
    doc["targets"][0]["deadline"] = "2025"  # a string, not a year
    columns = {p.column for p in _error(_write(tmp_path, doc)).problems}
    assert columns == {"quotes", "deadline"}


def test_not_a_registry(tmp_path):
    path = tmp_path / "targets.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")  # synthetic
    assert "'targets'" in str(_error(path))
    missing = tmp_path / "absent.yaml"
    assert "absent.yaml" in str(_error(missing))


def test_default_path_follows_the_project_root(tmp_path, monkeypatch):
    doc = _raw()
    doc["targets"] = doc["targets"][:2]
    folder = tmp_path / "data" / "raw" / "plans" / "haizhou-2024"
    folder.mkdir(parents=True)
    for name in ("plan.yaml", "plan.txt"):
        (folder / name).write_bytes((REGISTRY.parent / name).read_bytes())
    _write(folder, doc)
    monkeypatch.setenv("HZANALYSIS_ROOT", str(tmp_path))
    # The indicator ids come from the project's own catalogue: without it, no target can be checked.
    with pytest.raises(InputError, match=r"indicators\.csv: expected a readable UTF-8 CSV file"):
        load_targets()
    catalogue_file = paths.raw_dir() / "indicators.csv"
    catalogue_file.write_bytes((REGISTRY.parents[2] / "indicators.csv").read_bytes())
    assert [t.id for t in load_targets()] == [doc["targets"][0]["id"], doc["targets"][1]["id"]]


# ---------------------------------------------------------------------------------------------------------
# Notes in both languages (issue 15: Chinese pages showed the English registry notes)


def test_every_note_has_a_chinese_note_that_keeps_its_plan_words(targets):
    for t in targets:
        assert t.note and t.note_zh, t.id
        assert re.search(r"[\u3400-\u9fff]", t.note_zh), t.id
        # the plan's own words quoted in the English note (力争, 累计, 三、发展目标…) stay in the Chinese note
        for quoted in re.findall(r"[\u3400-\u9fff]{2,}", t.note):
            assert quoted in t.note_zh, (t.id, quoted)
    tech_smes = next(t for t in targets if t.id == "tech_smes")
    assert tech_smes.note_text("zh") == (tech_smes.note_zh, "zh")
    assert tech_smes.note_text("en") == (tech_smes.note, "en")


def test_a_registry_without_note_zh_still_loads_and_falls_back_to_english(tmp_path):
    doc = _raw()
    del doc["targets"][0]["note_zh"]
    first = load_targets(_write(tmp_path, doc))[0]
    assert first.note_zh == "" and first.note_text("zh") == (first.note, "en")


@pytest.mark.parametrize(
    ("note_zh", "expected"),
    [
        ("Read as at least 3.8% in 2025.", "the note in Chinese"),  # English in the Chinese field
        (["不少于"], "the note in Chinese"),
    ],
)
def test_a_note_zh_that_is_not_chinese_text_is_refused(tmp_path, capsys, note_zh, expected):
    doc = _raw()
    doc["targets"][0]["note_zh"] = note_zh
    error = _error(_write(tmp_path, doc))
    (problem,) = error.problems
    assert (problem.column, problem.row) == ("note_zh", "entry 1 (id rd_share_gdp)")
    assert expected in problem.expected


def test_a_note_zh_without_the_english_note_is_refused(tmp_path):
    doc = _raw()
    del doc["targets"][0]["note"]
    (problem,) = _error(_write(tmp_path, doc)).problems
    assert problem.column == "note_zh" and "English note" in problem.fix
