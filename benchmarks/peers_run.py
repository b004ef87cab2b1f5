"""Peer side of the peer benchmark: statsforecast models on training histories written by benchmarks.peers.

Runs in its own environment (``.venv-peers``, from ``requirements/peers.lock``): statsforecast needs
pandas < 3, hzanalysis needs pandas >= 3, so this file imports neither hzanalysis nor the benchmarks package
and only exchanges plain CSV files with the project side:

- input ``<folder>/train.csv``: ``series_id, year, value`` (the training part of every series, in order);
- input ``<folder>/horizons.csv``: ``series_id, horizon``;
- output ``<folder>/peers.csv``: ``series_id, method, h, point, lower_80, upper_80, lower_95, upper_95,
  seconds, used`` (``used`` is the peer itself, or ``naive`` when the peer's fit raised; never silent).

Every peer gives its own 80% / 95% intervals; the project side scores them with the same code as its own
forecasts. Usage: ``.venv-peers/bin/python benchmarks/peers_run.py <folder>``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

# One BLAS thread: the fits are tiny, and threads fight over the shared cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import pandas as pd
from statsforecast.models import (
    AutoARIMA,
    AutoETS,
    AutoTheta,
    DynamicOptimizedTheta,
    Naive,
    RandomWalkWithDrift,
)

# statsforecast's ETS search divides by zero on its way past over-parameterised candidates (thousands of
# identical RuntimeWarnings per run); the candidates are discarded, so the warnings carry no information.
warnings.filterwarnings("ignore", category=RuntimeWarning, module="statsforecast")

#: Peer name in the tables → factory of a fresh, non-seasonal model (annual data: season_length 1).
PEERS = {
    "AutoETS": lambda: AutoETS(season_length=1),
    "AutoTheta": lambda: AutoTheta(season_length=1),
    "DynamicOptimizedTheta": lambda: DynamicOptimizedTheta(season_length=1),
    "AutoARIMA": lambda: AutoARIMA(season_length=1),
    "RandomWalkWithDrift": lambda: RandomWalkWithDrift(),
    "Naive": lambda: Naive(),
}
LEVELS = (80, 95)


def forecast_one(name: str, values: np.ndarray, horizon: int) -> tuple[dict[str, np.ndarray], str]:
    """Point and 80/95% interval of one peer; a peer whose fit raises is replaced by Naive (reported)."""
    try:
        out = PEERS[name]().forecast(y=values, h=horizon, level=list(LEVELS))
        used = name
    except Exception as error:  # a failed fit is reported in `used`, never hidden
        print(f"{name} failed ({type(error).__name__}: {error}); Naive used", file=sys.stderr)
        out = Naive().forecast(y=values, h=horizon, level=list(LEVELS))
        used = "Naive"
    result = {"point": np.asarray(out["mean"], float)}
    for level in LEVELS:
        result[f"lower_{level}"] = np.asarray(out[f"lo-{level}"], float)
        result[f"upper_{level}"] = np.asarray(out[f"hi-{level}"], float)
    return result, used


def run(folder: Path) -> pd.DataFrame:
    """Forecast every series in ``folder`` with every peer; long rows (one per series, peer and h)."""
    train = pd.read_csv(folder / "train.csv", dtype={"series_id": str})
    horizons = pd.read_csv(folder / "horizons.csv", dtype={"series_id": str}).set_index("series_id")
    rows = []
    for sid, group in train.groupby("series_id", sort=True):
        values = group.sort_values("year")["value"].to_numpy(float)
        horizon = int(horizons.loc[sid, "horizon"])
        for name in PEERS:
            started = time.perf_counter()
            result, used = forecast_one(name, values, horizon)
            seconds = time.perf_counter() - started
            for i in range(horizon):
                rows.append(
                    {
                        "series_id": sid,
                        "method": name,
                        "h": i + 1,
                        **{key: float(value[i]) for key, value in result.items()},
                        "seconds": seconds,
                        "used": used,
                    }
                )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="folder holding train.csv and horizons.csv")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    table = run(args.folder)
    partial = args.folder / "peers.csv.partial"
    table.to_csv(partial, index=False)
    partial.replace(args.folder / "peers.csv")  # the project side never reads a half-written table
    print(
        f"peers: {table['series_id'].nunique()} series in {time.perf_counter() - started:.1f} s", flush=True
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
