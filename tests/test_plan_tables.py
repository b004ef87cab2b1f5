"""Plan draft (issue 14 point 2, plan9): a plan's table of main indicators, flattened to text, sets one
target a row. See benchmarks/README.md, "plan9".

Every table and sentence here is written for these tests (fictional, no text from any real plan).
"""

from __future__ import annotations

from hzanalysis import plan_read
from hzanalysis.plan_tables import read_tables
from tests.plan_helpers import REVIEW_FIELDS, draft_and_check

_HEAD = "青石县科技创新发展规划（2026—2030年）\n二、主要指标\n"


def _numeric(text: str, deadline: int = 2030) -> list[plan_read.DraftTarget]:
    return [d for d in plan_read.draft_targets(text, deadline) if d.kind != "qualitative"]


def test_a_table_one_cell_a_line_closed_by_bars_gives_the_target_column():
    # main drafted nothing from such a table (no cue word, one cell a line); the base column (2025) and the
    # change column ([…]) are no targets
    text = _HEAD + (
        "指标 |\n2025年基期值 |\n2030年目标值 |\n五年累计变化 |\n"
        "全社会研发投入强度(%) |\n2.1 |\n2.8 |\n[0.7] |\n"
        "有效高新技术企业数(家) |\n120 |\n>200 |\n[80] |\n"
        "技术合同成交额(亿元) |\n一 |\n15 |\n一 |\n"
    )
    drafts = _numeric(text)
    assert [(d.kind, d.comparator, d.value, d.unit, d.indicator) for d in drafts] == [
        ("level", ">=", 2.8, "%", "rd_share_gdp"),
        ("level", ">", 200.0, "家", "hte_count"),
        ("level", ">=", 15.0, "亿元", "tech_contract_value"),
    ]
    # each quote is verbatim, from the row's name to its target cell
    assert drafts[1].quotes == ["有效高新技术企业数(家) |\n120 |\n>200"]
    assert all(q in text for d in drafts for q in d.quotes)


def test_a_table_of_rows_with_unit_attribute_and_index_columns():
    # a Word table read as rows (序号, 指标, 单位, 2025年, 2030年, 属性); a growth row is a growth per
    # year, a row whose target is empty takes its change (a fall over the period, bracketed)
    text = _HEAD + (
        "序号 | 指标 | 单位 | 2025年 | 2030年 | 年均/累计 | 属性\n"
        "1 | 规模以上工业增加值增长 | % | 6.5 | 7左右 | — | 预期性\n"
        "2 | 高新技术产业产值占规模以上工业产值比重 | % | 48 | 55 | 〔7〕 | 预期性\n"
        "3 | 单位地区生产总值能耗降低 | % | — | — | 〔13.5〕 | 约束性\n"
        "4 | 万人有效发明专利拥有量 | 件 | 12 | 20 | 〔8〕 | 预期性\n"
        "三、重点任务\n（一）实施企业培育行动。\n"
    )
    got = [(d.kind, d.comparator, d.value, d.unit, d.indicator) for d in _numeric(text)]
    assert got == [
        ("growth", "~", 7.0, "%/年", None),
        ("level", ">=", 55.0, "%", "hitech_output_share"),
        ("growth", "<=", -13.5, "%", None),
        ("level", ">=", 20.0, "件", "invention_patents_per_10k"),
    ]


def test_a_table_whose_rows_are_kept_apart_by_runs_of_spaces():
    text = _HEAD + (
        "指标名称    单位    2025年    2030年\n"
        "省级以上研发机构数    家    40    60\n"
        "科技型中小企业    家    300    500\n"
        "到2030年,全县创新能力显著提升。\n"
    )
    assert [(d.value, d.unit) for d in _numeric(text)] == [(60.0, "家"), (500.0, "家")]


def test_a_table_one_cell_a_line_with_index_cells_and_no_bars():
    # a PDF's text layer: one cell a line, a 序号 cell before each name
    cells = "序号\n指标\n2025年\n2030年\n1\n新型研发机构数(家)\n3\n8\n2\n科创载体面积(万平方米)\n20\n35\n"
    text = _HEAD + cells
    rows, spans = read_tables(text, 2030, 2025)
    assert [(r.name, r.unit, r.value, r.year) for r in rows] == [
        ("新型研发机构数", "家", 8.0, 2030),
        ("科创载体面积", "万平方米", 35.0, 2030),
    ]
    assert len(spans) == 1


def test_a_list_of_figures_that_is_no_table_is_left_to_the_prose_reader():
    # two lines of one cell each are no header: nothing is read as a table
    text = _HEAD + "到2030年,全县高新技术企业达到200家。\n技术合同成交额达到15亿元。\n"
    assert read_tables(text, 2030, 2025) == ([], [])
    assert [d.value for d in _numeric(text)] == [200.0, 15.0]


def test_a_table_of_tasks_sets_the_figures_of_its_task_cells_with_the_units_of_their_row():
    # a work plan's task table read as rows: the task cells hold no cue word, yet each figure is a target,
    # answered for by the row's 牵头单位; main drafted none of them
    text = (
        "青石县2026年科技工作要点\n"
        "序号 | 重点任务 | 牵头单位 | 完成时限\n"
        "1 | 推进企业研发机构建设。新增省级以上研发机构8家。 | 县科技局 | 2026年12月\n"
        "2 | 促进科技成果转化。技术合同成交额12亿元。 | 县科技局、县财政局 | 2026年12月\n"
    )
    drafts = _numeric(text, deadline=2026)
    assert [(d.value, d.unit, d.responsible_units) for d in drafts] == [
        (8.0, "家", ["县科技局"]),
        (12.0, "亿元", ["县科技局", "县财政局"]),
    ]


def test_a_column_of_what_was_done_is_the_past():
    # one cell a line, cells kept apart by lines of a lone |: the 完成情况 column's figures (a rank, a
    # count) are what was done; main drafted its 位居全县第二 as a rank target and missed the task's 30项
    text = (
        "序号\n|\n工作任务\n|\n上半年完成情况\n|\n"
        "1\n|\n实施产学研合作项目30项。\n|\n已实施产学研合作项目18项,总量位居全县第二。\n|\n"
    )
    # (实施 N: the projects carried out over the plan's period, here its one year)
    assert [(d.kind, d.value, d.unit) for d in _numeric(text, deadline=2026)] == [("cumulative", 30.0, "项")]


def test_a_category_cell_merged_over_rows_is_skipped_in_both_layouts():
    # a 类别 cell spans the rows of its group: written once, in the group's first row (or line)
    rows = (
        "类别 | 指标 | 2025年 | 2030年 | 属性\n"
        "创新投入 | 全社会研发投入强度(%) | 2.1 | 2.8 | 预期性\n"
        " | 全社会研发经费支出增长(%) | 12 | >10 | 预期性\n"
    )
    cells = "类别\n指标\n2025年\n2030年\n属性\n创新投入\n全社会研发投入强度(%)\n2.1\n2.8\n预期性\n"
    cells += "全社会研发经费支出增长(%)\n12\n>10\n预期性\n"
    for text in (rows, cells):
        got = [(d.kind, d.comparator, d.value, d.unit, d.indicator) for d in _numeric(_HEAD + text)]
        assert got == [
            ("level", ">=", 2.8, "%", "rd_share_gdp"),
            ("growth", ">", 10.0, "%/年", "rd_expenditure"),
        ]


def test_target_columns_headed_as_expected_or_end_of_period_values():
    text = _HEAD + "指标 | 现状值 | 末期值\n省级以上研发机构数(家) | 40 | 60\n"
    text2 = _HEAD + "指标 | 2025年 | 2030年预期\n科技型中小企业(家) | 300 | 500\n"
    assert [(d.value, d.unit) for d in _numeric(text) + _numeric(text2)] == [(60.0, "家"), (500.0, "家")]


def test_a_drafted_table_passes_plan_check_on_its_values_and_quotes(tmp_path):
    # every row's value is written in its quote (a fall's 〔13.5〕 as -13.5), every quote verbatim
    goals = (
        "序号 | 指标 | 单位 | 2025年 | 2028年 | 年均/累计 | 属性\n"
        "1 | 高新技术产业产值占规模以上工业产值比重 | % | 48 | 55 | 〔7〕 | 预期性\n"
        "2 | 单位地区生产总值能耗降低 | % | — | — | 〔13.5〕 | 约束性\n"
        "3 | 有效高新技术企业数(家) | 家 | 120 | >200 | 〔80〕 | 预期性\n"
    )
    columns, targets = draft_and_check(tmp_path, "科技创新", goals)
    assert columns <= REVIEW_FIELDS
    assert [(t["kind"], t["value"], t["indicator"]) for t in targets] == [
        ("level", 55, "hitech_output_share"),
        ("growth", -13.5, None),
        ("level", 200, "hte_count"),
    ]


def test_cells_of_a_range_an_approximate_figure_and_an_area_unit():
    # one cell a line with a 单位 column: 万平方米 is a unit cell, 3-5 a range (its lower end), 约75 is
    # approximate
    text = _HEAD + (
        "指标\n单位\n2025年\n2030年\n"
        "科创载体面积\n万平方米\n20\n35\n"
        "新型研发机构数\n家\n2\n3-5\n"
        "高新技术产业产值占规模以上工业产值比重\n%\n60\n约75\n"
    )
    got = [(d.comparator, d.value, d.unit, d.indicator) for d in _numeric(text)]
    assert got == [
        (">=", 35.0, "万平方米", "kechuang_carrier_area"),
        (">=", 3.0, "家", "new_rd_institutions"),
        ("~", 75.0, "%", "hitech_output_share"),
    ]


def test_a_milestone_column_and_the_end_column_are_two_targets_with_their_years(tmp_path):
    # 2027年 and 2028年 columns of a 2026—2028 plan: a milestone and the end, each with its deadline and an
    # id of its own (main: nothing drafted; two entries of one indicator and kind shared an id)
    goals = "指标 | 单位 | 2025年 | 2027年 | 2028年\n有效高新技术企业数 | 家 | 100 | 150 | 200\n"
    columns, targets = draft_and_check(tmp_path, "科技创新", goals)
    assert columns <= REVIEW_FIELDS
    assert [(t["id"], t["value"], t["deadline"]) for t in targets] == [
        ("hte_count_level", 150, 2027),
        ("hte_count_level_2028", 200, 2028),
    ]


def test_a_blank_cell_and_a_remarks_column_keep_the_columns_in_place():
    # a new indicator has no base value (a blank cell between bars) and a row may leave 备注 blank; main
    # drafted nothing, and dropping the blank cells would have shifted the target column
    text = _HEAD + (
        "指标 | 单位 | 2025年 | 2030年 | 备注\n"
        "全社会研发投入强度 | % |  | 2.8 | 新设指标\n"
        "有效高新技术企业数 | 家 | 120 | 200 |\n"
    )
    assert [(d.value, d.unit, d.indicator) for d in _numeric(text)] == [
        (2.8, "%", "rd_share_gdp"),
        (200.0, "家", "hte_count"),
    ]
