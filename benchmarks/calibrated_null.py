"""The table "Would a calibrated forecast meet the aims here?" of ``benchmarks.populations``.

Per population, with its class and without: each aim's observed statistic beside the 5-95% range a forecast
calibrated by construction shows on the same events (:mod:`hzanalysis.derive.chance`: the population's own
probabilities taken as true, outcomes redrawn with the year and unit dependence its PITs show), and how often
such a forecast meets the aim. A figure outside the range (↑/↓) is evidence against the probabilities; a
figure inside it is not, and an aim met in few draws is one these events cannot show however good the
forecast.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from benchmarks.harness import markdown_table
from hzanalysis.derive.chance import DRAWS

#: The aims shown, the statistic each is judged on, and the column titles.
SHOWN = (
    ("reliability_gap", "gap", "gap"),
    ("brier_within_110pct_of_base_rate", "ratio", "Brier / base"),
    ("cover_80", "cover_80", "cover 80"),
    ("cover_95", "cover_95", "cover 95"),
)


def _cell(value: float | None, low_high: list[float] | None) -> str:
    if value is None or not low_high:
        return "—"
    low, high = low_high
    flag = "" if low <= value <= high else (" ↑" if value > high else " ↓")
    return f"{value:.3f} ({low:.3f}-{high:.3f}){flag}"


def null_table(summary: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The table from the validation summary (``validate``'s), and the part of it the JSON keeps."""
    rows, kept = [], {}
    for key, scores in summary.items():
        found = scores.get("chance")
        if not found:
            continue
        mode, name = key.split("/", 1)
        observed = {
            "gap": scores.get("gap"),
            "ratio": scores["brier"] / scores["brier_base_rate"] if scores.get("brier_base_rate") else None,
            "cover_80": scores.get("cover_80"),
            "cover_95": scores.get("cover_95"),
        }
        dependence = found["dependence"]
        row = {
            "population": name,
            "mode": mode,
            "year / unit share, lag-1": f"{dependence['year_share']:.2f} / {dependence['unit_share']:.2f}, "
            f"{dependence['year_persistence']:.2f}",
        }
        for aim, stat, title in SHOWN:
            row[f"{title} (calibrated 5-95%)"] = _cell(observed[stat], found["range"].get(stat))
            share = found["met_if_calibrated"].get(aim)
            row[f"{title}: aim met if calibrated"] = "—" if share is None else f"{share:.0%}"
        rows.append(row)
        kept[key] = found
    lines = [
        "### Would a calibrated forecast meet the aims here?",
        "",
        f"Each population's own probabilities taken as true, its outcomes redrawn {DRAWS} times with the "
        "year (lag-1 correlated) and unit dependence its PITs show (`hzanalysis.derive.chance`). Observed "
        "figure, then the 5th-95th percentile a calibrated forecast shows on the same events; ↑/↓ = outside "
        "that range (evidence against the probabilities); then the share of draws that meet the aim.",
        "",
        markdown_table(pd.DataFrame(rows).set_index("population")),
        "",
    ]
    return lines, kept
