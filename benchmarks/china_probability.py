"""Probability calibration on the China provincial panel: "intensity at or above a threshold in year T".

From every rolling origin (≥ 5 training points) and every test year T (h = 1..3), thresholds are the last
observed value × {0.9, 0.95, 1.0, 1.03, 1.06, 1.1, 1.2}. Three probabilities are scored with the Brier score,
the log loss (p clipped to [1e-3, 1 - 1e-3]) and a 10-bin reliability table:

- ``p_calibrated``: share of the project's ``auto`` forecast paths at or above the threshold;
- ``p_uncalibrated``: a normal predictive distribution on the logit scale around the same point forecast,
  with the drift model's own sd (in-sample residual sd, sigma sqrt(h (1 + h/T)));
- ``p_eurostat``: the Eurostat rule read as 0/1 (significant progress or met → 1), base year = first
  training year, target = threshold, deadline = T.

The shipped calibration is fitted on this panel: ``[in-sample]`` figures flatter the project's forecast.
``[cross-fit]`` figures use constants fitted on the other provinces only (5 folds by province).
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Sequence
from typing import Any

import pandas as pd

from benchmarks import add_panel_options, environment, parallel_map, results_dir, say, write_json
from hzanalysis import bench

MULTIPLIERS = (0.9, 0.95, 1.0, 1.03, 1.06, 1.1, 1.2)
COLUMNS = ("p_calibrated", "p_uncalibrated", "p_eurostat")


def _run_chunk(
    chunk: list[bench.Origin],
    *,
    calibrations: dict[str, dict[str, Any]] | None,
    tag: str,
    n_paths: int,
    seed: int,
    model: str,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for origin in chunk:
        calib = calibrations[origin.series_id] if calibrations is not None else None
        for row in bench.event_rows(
            origin, MULTIPLIERS, domain="share", n_paths=n_paths, seed=seed, calibration=calib, model=model
        ):
            row["variant"] = tag
            rows.append(row)
    return rows


def score(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores per probability column, reliability tables stacked with a ``probability`` column)."""
    scores = bench.score_probabilities(events, COLUMNS)
    tables = [bench.reliability_table(events[c], events["outcome"]).assign(probability=c) for c in COLUMNS]
    return scores, pd.concat(tables, ignore_index=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.china_probability", description=__doc__.split("\n")[0]
    )
    add_panel_options(parser)
    parser.add_argument("--model", default="auto", help="project model behind p_calibrated (default auto)")
    parser.add_argument("--tag", default="", help="suffix of the result files (e.g. _drift)")
    args = parser.parse_args(argv)

    origins = bench.rolling_origins(
        bench.load_province_panel(args.panel), min_train=args.min_train, max_horizon=args.max_horizon
    )
    started = time.perf_counter()
    variants = {"in-sample": None}
    notes: list[str] = []
    if not args.no_cross_fit:
        try:
            variants["cross-fit"] = bench.cross_fitted_calibrations(args.folds, models=[args.model])
        except Exception as error:  # the calibration module is another engineer's; report, do not hide
            notes.append(f"cross-fitted run not done: {type(error).__name__}: {error}")
    pieces = []
    for tag, calibrations in variants.items():
        worker = functools.partial(
            _run_chunk,
            calibrations=calibrations,
            tag=tag,
            n_paths=args.n_paths,
            seed=args.seed,
            model=args.model,
        )
        pieces.append(pd.DataFrame(parallel_map(worker, origins, args.jobs)))
    events = pd.concat(pieces, ignore_index=True)
    wall = time.perf_counter() - started

    out = results_dir(args.out)
    events.to_csv(out / f"china_probability{args.tag}_events.csv", index=False)
    lines: list[str] = []
    payload: dict[str, Any] = {
        "panel": str(args.panel),
        "n_origins": len(origins),
        "model": args.model,
        "multipliers": MULTIPLIERS,
        "wall_seconds": wall,
        "notes": notes,
        "variants": {},
    }
    for tag, group in events.groupby("variant", sort=False):
        scores, reliability = score(group)
        by_h = pd.concat(
            {h: bench.score_probabilities(g, COLUMNS)[["brier", "log_loss"]] for h, g in group.groupby("h")},
            names=["h"],
        )
        scores.to_csv(out / f"china_probability{args.tag}_scores_{tag}.csv")
        reliability.to_csv(out / f"china_probability{args.tag}_reliability_{tag}.csv", index=False)
        payload["variants"][tag] = {
            "scores": scores.reset_index().to_dict(orient="records"),
            "scores_by_h": by_h.reset_index().to_dict(orient="records"),
            "reliability": reliability.to_dict(orient="records"),
            "aim_brier_better_than_both": bool(
                scores.loc["p_calibrated", "brier"]
                < min(scores.loc["p_uncalibrated", "brier"], scores.loc["p_eurostat", "brier"])
            ),
        }
        wide = reliability.pivot(
            index=["bin_lower", "bin_upper"],
            columns="probability",
            values=["mean_predicted", "observed_frequency", "count"],
        )
        wide.columns = [f"{stat}:{col.removeprefix('p_')}" for stat, col in wide.columns]
        wide = wide.astype({c: "Int64" for c in wide.columns if c.startswith("count:")})
        lines += [
            f"## {tag}, model {args.model} ({len(group)} events)",
            bench.markdown_table(scores),
            "",
            bench.markdown_table(by_h),
            "",
            bench.markdown_table(wide),
            "",
            f"aim (calibrated Brier better than both): "
            f"{'met' if payload['variants'][tag]['aim_brier_better_than_both'] else 'MISSED'}",
            "",
        ]
    lines += [*notes, f"wall time {wall:.1f} s"]
    payload["environment"] = environment()
    write_json(out / f"china_probability{args.tag}_summary.json", payload)
    (out / f"china_probability{args.tag}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
