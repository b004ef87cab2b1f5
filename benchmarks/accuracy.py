"""Accuracy and interval calibration on a tidy CSV of annual series (default: the Tourism yearly set).

Measures sMAPE, MASE, MSIS (M4, alpha 0.05) and the coverage of the 80% / 95% intervals per horizon for the
project's forecast (``model:auto`` and any other project models asked for) and, in the same run, the naive,
drift and linear-trend baselines with their own classical intervals. Writes to benchmarks/results/:
``accuracy_<tag>_rows.csv`` (one row per series, method and horizon), ``..._summary.csv``,
``..._by_horizon.csv`` and ``..._summary.json`` (figures, aims met or missed, timings, environment).

Example: ``python -m benchmarks.accuracy --domain amount`` and ``python -m benchmarks.accuracy --last 10``.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks import TOURISM_PATH, environment, parallel_map, results_dir, say, write_json
from benchmarks import harness as bench

#: The Tourism paper's naive MAPE for h = 1..4 (Athanasopoulos et al. 2011; data/bench/SOURCE.md).
TOURISM_NAIVE_MAPE = (21.47, 20.80, 24.12, 28.05)
#: Aims of the issue: pooled coverage bands and the worst horizon allowed.
COVER_80_BAND, COVER_95_BAND = (0.77, 0.83), (0.92, 0.97)
COVER_80_FLOOR, COVER_95_FLOOR = 0.75, 0.90


def run_chunk(
    chunk: list[tuple[str, pd.Series, pd.Series]],
    *,
    methods: Sequence[str],
    domain: str,
    n_paths: int,
    seed: int,
) -> list[dict[str, Any]]:
    """Score ``methods`` on each (series id, train, test) of ``chunk``; one worker process's share."""
    rows: list[dict[str, Any]] = []
    for sid, train, test in chunk:
        rows += bench.evaluate_one(sid, train, test, methods, domain=domain, n_paths=n_paths, seed=seed)
    return rows


def aims(summary: pd.DataFrame, model: str) -> dict[str, Any]:
    """The issue's aims for ``model`` against the baselines of the same run, each with met True/False."""
    row = summary.loc[model]
    base = summary.loc[[m for m in summary.index if m.startswith("baseline:")]]
    return {
        "mase_below_every_baseline": {
            "model": row["mase"],
            "best_baseline": float(base["mase"].min()),
            "met": bool(row["mase"] < base["mase"].min()),
        },
        "cover_80_pooled_in_77_83": {
            "value": row["cover_80"],
            "met": bool(COVER_80_BAND[0] <= row["cover_80"] <= COVER_80_BAND[1]),
        },
        "cover_95_pooled_in_92_97": {
            "value": row["cover_95"],
            "met": bool(COVER_95_BAND[0] <= row["cover_95"] <= COVER_95_BAND[1]),
        },
        "cover_80_every_h_at_least_75": {
            "value": row["min_h_cover_80"],
            "met": bool(row["min_h_cover_80"] >= COVER_80_FLOOR),
        },
        "cover_95_every_h_at_least_90": {
            "value": row["min_h_cover_95"],
            "met": bool(row["min_h_cover_95"] >= COVER_95_FLOOR),
        },
    }


def naive_mape_check(horizon_table: pd.DataFrame) -> dict[str, Any]:
    """Compare the naive baseline's MAPE per horizon with the Tourism paper (rounded to 2 decimals)."""
    ours = [round(float(horizon_table.loc[("baseline:naive", h), "mape"]), 2) for h in range(1, 5)]
    return {"ours": ours, "published": list(TOURISM_NAIVE_MAPE), "match": ours == list(TOURISM_NAIVE_MAPE)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=TOURISM_PATH,
        help="tidy CSV: series_id, year, value, split (train|test); default the Tourism set",
    )
    parser.add_argument(
        "--domain",
        default="amount",
        choices=["level", "share", "count", "amount"],
        help="domain of the project's forecast (tourism is positive: amount)",
    )
    parser.add_argument("--last", type=int, default=None, help="truncate each history to its last K points")
    parser.add_argument(
        "--models",
        default="auto",
        help="comma-separated project models (auto,naive,drift,linear,damped,theta,combo)",
    )
    parser.add_argument("--n-paths", type=int, default=2000, help="simulated paths per forecast")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--limit", type=int, default=None, help="only the first N series (quick look)")
    parser.add_argument("--tag", default=None, help="name of the result files (default from data and --last)")
    parser.add_argument("--out", type=Path, default=None, help="results folder (default benchmarks/results)")
    args = parser.parse_args(argv)

    frame = bench.read_tidy(args.data)
    series = bench.split_tidy(frame, last=args.last)[: args.limit]
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    methods = [f"baseline:{b}" for b in bench.BASELINES] + [f"model:{m}" for m in models]
    tag = args.tag or f"{args.data.stem}_{'full' if args.last is None else f'last{args.last}'}"
    say([f"{tag}: {len(series)} series, methods {methods}, {args.jobs} job(s)"])

    started = time.perf_counter()
    worker = functools.partial(
        run_chunk, methods=methods, domain=args.domain, n_paths=args.n_paths, seed=args.seed
    )
    rows = pd.DataFrame(parallel_map(worker, series, args.jobs))
    wall = time.perf_counter() - started

    summary = bench.summarise(rows)
    horizons = bench.by_horizon(rows)
    out = results_dir(args.out)
    rows.to_csv(out / f"accuracy_{tag}_rows.csv", index=False)
    summary.to_csv(out / f"accuracy_{tag}_summary.csv")
    horizons.to_csv(out / f"accuracy_{tag}_by_horizon.csv")

    # time per method: sum of per-series fit+simulate times (each series' row repeats it once per horizon)
    per_series = rows.drop_duplicates(["series_id", "method"])
    seconds = per_series.groupby("method")["seconds"].sum().to_dict()
    payload: dict[str, Any] = {
        "data": str(args.data),
        "tag": tag,
        "domain": args.domain,
        "last": args.last,
        "n_series": len(series),
        "n_paths": args.n_paths,
        "seed": args.seed,
        "jobs": args.jobs,
        "wall_seconds": wall,
        "cpu_seconds_by_method": seconds,
        "summary": summary.reset_index().to_dict(orient="records"),
        "by_horizon": horizons.reset_index().to_dict(orient="records"),
        "aims": {f"model:{m}": aims(summary, f"model:{m}") for m in models},
        "methods_used": {
            m: rows[rows["method"] == m].drop_duplicates("series_id")["used"].value_counts().to_dict()
            for m in methods
            if m.startswith("model:")
        },
        "environment": environment(),
    }
    lines = [bench.markdown_table(summary), "", bench.markdown_table(horizons)]
    if args.data.resolve() == TOURISM_PATH.resolve() and args.last is None and args.limit is None:
        check = naive_mape_check(horizons)
        payload["naive_mape_check"] = check
        lines.append(
            f"naive MAPE h=1..4 {check['ours']} vs published {check['published']}: "
            f"{'MATCH' if check['match'] else 'MISMATCH'}"
        )
    for m, checks in payload["aims"].items():
        lines.append(
            f"aims for {m}: "
            + "; ".join(
                f"{k} {'met' if v['met'] else 'MISSED'} ({np.round(v.get('value', v.get('model')), 3)})"
                for k, v in checks.items()
            )
        )
    rounded = {k: round(v, 1) for k, v in seconds.items()}
    lines.append(f"wall time {wall:.1f} s; cpu seconds by method {rounded}")
    write_json(out / f"accuracy_{tag}_summary.json", payload)
    (out / f"accuracy_{tag}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
