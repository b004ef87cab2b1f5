"""The plan-draft benchmark's real-plan folders: plans scored, other labelled files beside them left alone."""

from __future__ import annotations

from pathlib import Path

from benchmarks.plan_draft import real_plan_lines

PLAN = "到2027年,全区高新技术企业达到150家,技术合同成交额达到20亿元。\n"
LABELS = """deadline: 2027
targets:
  - {quote: 全区高新技术企业达到150家, value: 150, comparator: ">=", kind: level, indicator: hte_count}
  - quote: 技术合同成交额达到20亿元
    value: 20
    comparator: ">="
    kind: level
    indicator: tech_contract_value
"""


def test_a_plan_folder_is_scored_and_extraction_passages_beside_it_are_skipped(tmp_path: Path):
    part = tmp_path / "seen-round1"
    part.mkdir()
    (part / "county.txt").write_text(PLAN, encoding="utf-8")
    (part / "county.yaml").write_text(LABELS, encoding="utf-8")
    # extraction passages share the default folder: a YAML without a .txt beside it is no plan's labels
    (part / "passages-r1.yaml").write_text(
        "- {split: r1, text: 全年技术合同成交额3亿元。, expect: []}\n", "utf-8"
    )
    lines = real_plan_lines(tmp_path)
    rows = [line for line in lines if line.startswith("| seen-round1 |")]
    # one plan and the total: both targets found, no extra entry, values and indicators right
    assert [row.split(" | ")[1] for row in rows] == ["county", "total"]
    assert rows[0].startswith("| seen-round1 | county | 2 | 2 | 1.00 | 1.00 | 1.00 | 1.00 |")
