"""Moments: is ``Forecast.mean()`` finite and within 3x the median on every benchmark series?

For every Tourism and M1 series, at the competition's split, three history shapes (full with the default
model, the last three points, the last two points), 2000 paths each: the largest ratio mean / median over
the forecast years, for the product's mean (each year's paths winsorised to their 5th-95th percentiles)
and, as the baseline of the same run, the plain mean of the paths.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks import environment, results_dir, say, write_json
from benchmarks.harness import markdown_table
from hzanalysis.derive.panel_files import bench_series
from hzanalysis.forecast import forecast

AIM_RATIO = 3.0
FILES = {"tourism": "tourism_yearly.csv", "m1": "m1_yearly.csv"}
SHAPES = {"full": None, "three": 3, "two": 2}


def ratios(file: str, n_paths: int) -> pd.DataFrame:
    """One row per series and shape: largest mean/median ratio (winsorised and plain), any non-finite."""
    series, origins = bench_series(file, "amount", file)
    rows = []
    for item in series:
        origin = origins[item.name]
        train = item.series[item.series.index <= origin]
        horizon = int((item.series.index > origin).sum())
        sid = item.group
        for shape, last in SHAPES.items():
            history = train if last is None else train.iloc[-last:]
            out = forecast(history, horizon, domain="amount", n_paths=n_paths)
            median = out.quantile(0.5)
            rows.append(
                {
                    "series_id": sid,
                    "shape": shape,
                    "winsorised": float(np.max(out.mean() / median)),
                    "plain": float(np.max(out.paths.mean(axis=0) / median)),
                    "finite": bool(np.all(np.isfinite(out.mean()))),
                }
            )
    return pd.DataFrame(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.moments", description=__doc__.split("\n")[0])
    parser.add_argument("--n-paths", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    summary = []
    for name, file in FILES.items():
        frame = ratios(file, args.n_paths)
        for shape, group in frame.groupby("shape", sort=False):
            summary.append(
                {
                    "panel": name,
                    "shape": shape,
                    "forecasts": len(group),
                    "all finite": bool(group["finite"].all()),
                    "max mean/median (product, winsorised)": group["winsorised"].max(),
                    "over 3x (product)": int((group["winsorised"] > AIM_RATIO).sum()),
                    "max mean/median (plain mean)": group["plain"].max(),
                    "over 3x (plain mean)": int((group["plain"] > AIM_RATIO).sum()),
                }
            )
    table = pd.DataFrame(summary).set_index("panel")
    lines = [markdown_table(table), "", f"({time.perf_counter() - started:.0f} s)"]
    out = results_dir(args.out)
    (out / "moments.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_json(out / "moments.json", {"rows": summary, "environment": environment()})
    say(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
