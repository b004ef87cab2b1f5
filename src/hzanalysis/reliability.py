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

from .labels import bias_text, has_label, label, parts_text, population_text

VALIDATION_PATH = Path(__file__).resolve().parent / "derived" / "validation.json"
#: The history shapes and methods scored (their words: ``validation.shape_*``, ``validation.method_*``).
SHAPES = ("full", "three", "two")
METHODS = ("product", "v1")


@lru_cache(maxsize=2)
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_validation(path: str | Path | None = None) -> dict[str, Any]:
    """The shipped validation results (see :mod:`hzanalysis.derive.validation` for what they measure)."""
    return _load(str(Path(path) if path is not None else VALIDATION_PATH))


def _text(kind: str, key: str, lang: str) -> str:
    """A shape, method or mode of the validation in ``lang`` (``validation.<kind>_<key>``; else its code)."""
    code = f"validation.{kind}_{key}"
    return label(code, lang) if has_label(code) else key


def _col(key: str, lang: str) -> str:
    """A column header of the reliability tables in ``lang``."""
    return label(f"validation_col.{key}", lang)


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
                _col("panel", lang): population_text(panel, lang),
                _col("history", lang): _text("shape", shape, lang),
                _col("forecasts", lang): product["n"],
                _col("covered_80", lang): product["cover_80"],
                _col("covered_95", lang): product["cover_95"],
                _col("worst_horizon", lang): round(worst, 3),
                _col("reliability_gap", lang): product["reliability_gap"],
                "Brier": product["brier"],
                _col("brier_base_rate", lang): product["brier_base_rate"],
                _col("brier_eurostat", lang): product["brier_eurostat"],
                _col("previous", lang): f"{v1.get('cover_80')} / {v1.get('cover_95')}",
            }
        )
    return pd.DataFrame(out)


def outside_view_table(lang: str = "zh", path: str | Path | None = None) -> pd.DataFrame:
    """The outside view per panel (one province held out of its own class): Brier against the base rate."""
    out = []
    results = load_validation(path)
    for panel, scores in results["outside_view"].items():
        if not scores.get("events"):
            continue
        widened = results.get("outside_view_widened", {}).get(panel, {})
        out.append(
            {
                _col("panel", lang): population_text(panel, lang),
                _col("events", lang): scores["events"],
                "Brier": scores["brier"],
                _col("brier_base_rate", lang): scores["brier_base_rate"],
                _col("cells_within", lang): f"{scores['cells_within_3pct_of_base_rate']} / {scores['cells']}",
                _col("reliability_gap", lang): scores["reliability_gap"],
                _col("brier_widened", lang): widened.get("brier"),
            }
        )
    return pd.DataFrame(out)


def coverage_frame(shape: str = "two", lang: str = "zh", path: str | Path | None = None) -> pd.DataFrame:
    """Coverage by horizon pooled over the held-out provincial panels (columns for charts.coverage_chart)."""
    rows = []
    for method in METHODS:
        totals: dict[tuple[int, float], list[float]] = {}
        for shapes in load_validation(path)["held_out"].values():
            for h, v in shapes[shape][method].get("by_h", {}).items():
                for p in (80, 95):
                    running = totals.setdefault((int(h), p / 100), [0.0, 0.0])
                    running[0] += v["n"]
                    running[1] += v["n"] * v[f"cover_{p}"]
        for (h, nominal), (n, hits) in sorted(totals.items()):
            rows.append(
                {
                    "horizon": h,
                    "nominal": nominal,
                    "empirical": hits / n,
                    "method": _text("method", method, lang),
                    "n": int(n),
                }
            )
    return pd.DataFrame(rows)


def reliability_frame(shape: str = "two", lang: str = "zh", path: str | Path | None = None) -> pd.DataFrame:
    """Reliability diagram pooled over the held-out provincial panels (for charts.reliability_chart)."""
    rows = []
    for method in METHODS:
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
                    "method": _text("method", method, lang),
                }
            )
    return pd.DataFrame(rows)


#: The columns of the populations table (headers: ``population_col.*``).
POPULATION_COLUMNS = ("population", "mode", "events", "brier", "gap", "bias", "cover_80", "cover_95", "aims")


def population_table(lang: str = "zh") -> pd.DataFrame:
    """How the 2-5 point probabilities held on each population left out of the fit (persistence.json).

    One row per population and mode; ``aims met`` counts the aims of the issue it meets (✓) and names the
    ones it misses, so a reader sees where the probabilities hold and where they do not.
    """
    from .persistence import shipped
    from .reference import aim_text

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
        chance = scores.get("chance", {}).get("misses", {})
        missed = [
            aim_text(a, lang) + (label("validation.within_chance", lang) if chance.get(a) == "within" else "")
            for a, ok in aims.items()
            if not ok
        ]
        met = f"{sum(aims.values())}/{len(aims)}" + (
            label("validation.missed", lang, aims=parts_text(missed, lang)) if missed else ""
        )
        rows.append(
            {
                "population": population_text(name, lang),
                "mode": _text("mode", mode, lang),
                "events": int(scores["events"]),
                "brier": f"{scores['brier']:.3f} / {scores['brier_base_rate']:.3f}",
                "gap": _gap_text(scores),
                "bias": bias_text(scores, lang),
                "cover_80": f"{scores.get('cover_80', float('nan')):.3f}",
                "cover_95": f"{scores.get('cover_95', float('nan')):.3f}",
                "aims": met,
            }
        )
    table = pd.DataFrame(rows, columns=list(POPULATION_COLUMNS))
    return table.rename(columns={k: label(f"population_col.{k}", lang) for k in POPULATION_COLUMNS})


def _gap_text(scores: dict[str, Any]) -> str:
    """The gap and, where known, the range a forecast calibrated by construction shows on the same events."""
    if scores.get("gap") is None:
        return "—"
    low_high = scores.get("chance", {}).get("range", {}).get("gap")
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
