"""How often forecasts of the kind the report makes were right, on panels they were not fitted on.

Reads the shipped leave-one-panel-out results (``derived/validation.json``, written by
``python -m hzanalysis.derive build`` from the panels in ``../shared/``) and lays them out for the
reliability page. Nothing is fitted or simulated here: the page opens in well under a second and shows the
figures benchmarks/README.md quotes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .reference import population_name

VALIDATION_PATH = Path(__file__).resolve().parent / "derived" / "validation.json"
SHAPE_TEXT = {
    "full": ("完整历史（6个点以上）", "full history (6+ points)"),
    "three": ("3个点", "three points"),
    "two": ("2个点，相隔1–7年", "two points 1–7 years apart"),
}
METHOD_TEXT = {
    "product": ("本工具（样本外：留出面板或省份）", "this tool (out of sample: panel or provinces held out)"),
    "v1": ("旧校准（仅研发面板）", "previous calibration (R&D panel only)"),
}


@lru_cache(maxsize=2)
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_validation(path: str | Path | None = None) -> dict[str, Any]:
    """The shipped validation results (see :mod:`hzanalysis.derive.validation` for what they measure)."""
    return _load(str(Path(path) if path is not None else VALIDATION_PATH))


def _text(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def _scored(results: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(group, panel, shape, scores of every method) for held-out and external panels."""
    rows = []
    for group in ("held_out", "external"):
        for panel, shapes in results[group].items():
            for shape, methods in shapes.items():
                rows.append((group, panel, shape, methods))
    return rows


def panel_table(lang: str = "zh", path: str | Path | None = None) -> pd.DataFrame:
    """One row per held-out (or external) panel and history shape: coverage, reliability gap, Brier scores."""
    en = lang == "en"
    out = []
    for _, panel, shape, methods in _scored(load_validation(path)):
        product, v1 = methods["product"], methods.get("v1", {})
        if not product.get("n"):
            continue
        worst = max(
            abs(v[f"cover_{p}"] - p / 100) for v in product["by_h"].values() if v["n"] >= 30 for p in (80, 95)
        )
        out.append(
            {
                ("panel" if en else "面板"): population_name(panel, lang),
                ("history" if en else "历史"): _text(SHAPE_TEXT, shape, lang),
                ("forecasts" if en else "预测数"): product["n"],
                ("80% covered" if en else "80%区间覆盖率"): product["cover_80"],
                ("95% covered" if en else "95%区间覆盖率"): product["cover_95"],
                ("worst horizon, off by" if en else "最差年份偏差"): round(worst, 3),
                ("reliability gap" if en else "可靠性偏差"): product["reliability_gap"],
                "Brier": product["brier"],
                ("Brier, base rate" if en else "Brier（基率）"): product["brier_base_rate"],
                ("Brier, Eurostat 0/1" if en else "Brier（欧盟规则0/1）"): product["brier_eurostat"],
                (
                    "previous: 80% / 95%" if en else "旧校准：80% / 95%"
                ): f"{v1.get('cover_80')} / {v1.get('cover_95')}",
            }
        )
    return pd.DataFrame(out)


def outside_view_table(lang: str = "zh", path: str | Path | None = None) -> pd.DataFrame:
    """The outside view per panel (one province held out of its own class): Brier against the base rate."""
    en = lang == "en"
    out = []
    results = load_validation(path)
    for panel, scores in results["outside_view"].items():
        if not scores.get("events"):
            continue
        widened = results.get("outside_view_widened", {}).get(panel, {})
        out.append(
            {
                ("panel" if en else "面板"): population_name(panel, lang),
                ("events" if en else "事件数"): scores["events"],
                "Brier": scores["brier"],
                ("Brier, base rate" if en else "Brier（基率）"): scores["brier_base_rate"],
                ("cells within 3% of base rate" if en else "不差于基率3%的格数"): (
                    f"{scores['cells_within_3pct_of_base_rate']} / {scores['cells']}"
                ),
                ("reliability gap" if en else "可靠性偏差"): scores["reliability_gap"],
                ("Brier, widened as for a district" if en else "Brier（按区县放宽）"): widened.get("brier"),
            }
        )
    return pd.DataFrame(out)


def coverage_frame(shape: str = "two", lang: str = "zh", path: str | Path | None = None) -> pd.DataFrame:
    """Coverage by horizon pooled over the held-out provincial panels (columns for charts.coverage_chart)."""
    rows = []
    for method in METHOD_TEXT:
        totals: dict[tuple[int, float], list[float]] = {}
        for shapes in load_validation(path)["held_out"].values():
            for h, v in shapes[shape][method].get("by_h", {}).items():
                for p in (80, 95):
                    n, c = totals.setdefault((int(h), p / 100), [0.0, 0.0]), v[f"cover_{p}"]
                    n[0] += v["n"]
                    n[1] += v["n"] * c
        for (h, nominal), (n, hits) in sorted(totals.items()):
            rows.append(
                {
                    "horizon": h,
                    "nominal": nominal,
                    "empirical": hits / n,
                    "method": _text(METHOD_TEXT, method, lang),
                    "n": int(n),
                }
            )
    return pd.DataFrame(rows)


def reliability_frame(shape: str = "two", lang: str = "zh", path: str | Path | None = None) -> pd.DataFrame:
    """Reliability diagram pooled over the held-out provincial panels (for charts.reliability_chart)."""
    rows = []
    for method in METHOD_TEXT:
        bins: dict[int, list[float]] = {}
        for shapes in load_validation(path)["held_out"].values():
            for b in shapes[shape][method].get("reliability", []):
                acc = bins.setdefault(b["bin"], [0.0, 0.0, 0.0])
                acc[0] += b["n"]
                acc[1] += b["n"] * b["mean_predicted"]
                acc[2] += b["n"] * b["observed"]
        for _, (n, predicted, observed) in sorted(bins.items()):
            rows.append(
                {
                    "mean_predicted": predicted / n,
                    "observed_frequency": observed / n,
                    "count": int(n),
                    "method": _text(METHOD_TEXT, method, lang),
                }
            )
    return pd.DataFrame(rows)


POPULATION_COLUMNS = {
    "population": ("总体（留出）", "population (left out)"),
    "mode": ("方式", "mode"),
    "events": ("事件数", "events"),
    "brier": ("Brier / 基准率", "Brier / base rate"),
    "gap": (
        "可靠性偏差（括号内：按起点年份重抽样的5%–95%范围）",
        "reliability gap (in brackets: 5-95% range, origin years resampled)",
    ),
    "cover_80": ("80%覆盖率", "80% coverage"),
    "cover_95": ("95%覆盖率", "95% coverage"),
    "aims": ("达到的目标", "aims met"),
}
MODE_TEXT = {
    "class": ("有参考类（其单位当时已知的数据）", "with its class (its units as known then)"),
    "own": ("无参考类", "without a class"),
}


def population_table(lang: str = "zh") -> pd.DataFrame:
    """How the 2-5 point probabilities held on each population left out of the fit (persistence.json).

    One row per population and mode; ``aims met`` counts the aims of the issue it meets (✓) and names the
    ones it misses, so a reader sees where the probabilities hold and where they do not.
    """
    from .persistence import shipped
    from .reference import aim_text

    column = 1 if lang == "en" else 0
    rows = []
    # with a class first; within a mode the populations in name order, the pooled row last
    order = sorted(
        shipped().get("validation", {}).items(),
        key=lambda item: (
            item[0].split("/")[0] != "class",
            item[0].endswith("pooled_outside_china"),
            item[0],
        ),
    )
    for key, scores in order:
        mode, name = key.split("/", 1)
        if not scores.get("events"):
            continue
        aims = scores.get("aims", {})
        missed = [aim_text(a, lang) for a, ok in aims.items() if not ok]
        met = f"{sum(aims.values())}/{len(aims)}" + (
            "" if not missed else (" — missed: " if lang == "en" else " — 未达：") + "; ".join(missed)
        )
        rows.append(
            {
                "population": population_name(name, lang),
                "mode": MODE_TEXT[mode][column],
                "events": int(scores["events"]),
                "brier": f"{scores['brier']:.3f} / {scores['brier_base_rate']:.3f}",
                "gap": _gap_text(scores),
                "cover_80": f"{scores.get('cover_80', float('nan')):.3f}",
                "cover_95": f"{scores.get('cover_95', float('nan')):.3f}",
                "aims": met,
            }
        )
    table = pd.DataFrame(rows, columns=list(POPULATION_COLUMNS))
    return table.rename(columns={k: v[column] for k, v in POPULATION_COLUMNS.items()})


def _gap_text(scores: dict[str, Any]) -> str:
    """The gap and, where known, the range it moves over when origin years are resampled."""
    if scores.get("gap") is None:
        return "—"
    low_high = scores.get("gap_range")
    return f"{scores['gap']:.3f}" + (f" ({low_high[0]:.2f}–{low_high[1]:.2f})" if low_high else "")


@dataclass
class Reliability:
    """Everything the reliability page shows."""

    panels: pd.DataFrame
    outside_view: pd.DataFrame
    coverage: pd.DataFrame
    reliability: pd.DataFrame
    populations: pd.DataFrame


def page(lang: str = "zh", path: str | Path | None = None) -> Reliability:
    """The tables and chart frames of the reliability page, from the shipped results."""
    return Reliability(
        panels=panel_table(lang, path),
        outside_view=outside_view_table(lang, path),
        coverage=coverage_frame("two", lang, path),
        reliability=reliability_frame("two", lang, path),
        populations=population_table(lang),
    )
