"""Peer benchmark: the project's forecasts beside statsforecast's on exactly the same splits, scored alike.

Every population of :func:`hzanalysis.populations.load_populations` is scored (issue 13, point 4): the six
Chinese provincial panels, the four US-state / EU-region panels, Tourism and M1 (read from ``../shared/data``,
never copied). Splits, fixed before any figure was looked at:

- Tourism and M1: the competition split (``bench.split_tidy``; h = 4 and 6), series with 6+ training points.
- The other panels have no competition split. Each unit's last run of consecutive years (values > 0; shares
  also < 100 as the domain requires) is split so that the last ``h = min(4, n - 6)`` years are the test and the
  ``n - h`` years before them the training history; a unit is scored only when ``h >= 1`` (``n >= 7``), so
  every history has 6+ points (the model rung). Panels whose units never reach 7 consecutive years (the
  high-tech-enterprise stock, 5 years; US R&D intensity, 6; EU patents, 5) are listed with no series.
- Each population is forecast in its own domain (shares on the logit scale, counts and amounts on the log).

The training parts go to a temporary folder; ``benchmarks/peers_run.py`` runs in its own environment
(``.venv-peers``: statsforecast needs pandas < 3) and writes each peer's point forecast and 80% / 95%
intervals back. Both sides are scored here by the same code (``bench.summarise``: MASE, sMAPE, MSIS,
coverage) and printed as ONE table per population (the project's ``auto`` and every model of
:data:`hzanalysis.forecast.MODELS`, the classical baselines, every peer), then a **pooled** table: each
figure averaged over the populations with scored series, **every population weighing the same** (Tourism's
518 series count as much as 31 provinces).

**Choice of the default point model for 6+ points (rule written before the figures were seen).**
Candidates: the models of :data:`hzanalysis.forecast.MODELS`, each run in the population's own domain.
Counts and amounts get the candidate with the lowest pooled MASE (equal weight per population; a tie keeps
the earlier in ``MODELS``). Shares get that same candidate only if its mean MASE over the share populations
is below drift's there, else drift. Validation leaving each population out: the same rule applied to the
other populations, the model it picks scored on the held-out one, beside drift and DynamicOptimizedTheta.
Aims (issue 13): ``auto`` pooled MASE below the drift baseline's and within 1% of DynamicOptimizedTheta's.

Nothing is cached; results go to ``benchmarks/results/peers_<data>.*`` (git-ignored). Run with
``make bench-peers`` (creates ``.venv-peers`` from ``requirements/peers.lock``), or
``python -m benchmarks.peers --peer-python .venv-peers/bin/python``; ``--data tourism,m1`` restricts the run,
``--max-series N`` keeps the first N series (sorted by id) of each population.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks import TOURISM_PATH, environment, parallel_map, results_dir, say, write_json
from benchmarks import harness as bench
from benchmarks.accuracy import run_chunk
from hzanalysis.errors import HzError, ParameterError

M1_PATH = Path(os.environ.get("HZ_M1_CSV") or TOURISM_PATH.with_name("m1_yearly.csv"))
DATA_SETS = {"tourism": TOURISM_PATH, "m1": M1_PATH}
PEER_SCRIPT = Path(__file__).resolve().with_name("peers_run.py")
DEFAULT_PEER_PYTHON = Path(__file__).resolve().parents[1] / ".venv-peers" / "bin" / "python"
#: The peer the issue allows to stay ahead (by at most 1%): statsforecast's DynamicOptimizedTheta.
TOLERATED_PEER = "peer:DynamicOptimizedTheta"
TOLERANCE = 0.01
#: The project's Tourism MSIS before this benchmark existed (benchmarks/README.md, auto = Theta).
TOURISM_MSIS_BEFORE = 31.3


def write_peer_inputs(series: Sequence[tuple[str, pd.Series, pd.Series]], folder: Path) -> None:
    """Training values and horizons of every series, as plain CSV the peer environment can read.

    The horizon counts years from the last training year to the last test year (as ``bench.evaluate_one``).
    """
    train_rows, horizon_rows = [], []
    for sid, train, test in series:
        train_rows += [{"series_id": sid, "year": int(y), "value": float(v)} for y, v in train.items()]
        horizon_rows.append({"series_id": sid, "horizon": int(test.index.max()) - int(train.index[-1])})
    pd.DataFrame(train_rows).to_csv(folder / "train.csv", index=False)
    pd.DataFrame(horizon_rows).to_csv(folder / "horizons.csv", index=False)


def earlier_origin(
    series: Sequence[tuple[str, pd.Series, pd.Series]], min_train: int = 6
) -> list[tuple[str, pd.Series, pd.Series]]:
    """Each series moved back by its test length: the last H training years become the test.

    Series left with fewer than ``min_train`` training points (the model rung) are dropped. The official
    test years are never used, so a model chosen on them is checked on a period it was not chosen on.
    """
    out = []
    for sid, train, test in series:
        horizon = len(test)
        if len(train) - horizon >= min_train:
            out.append((sid, train.iloc[:-horizon], train.iloc[-horizon:]))
    return out


def peer_rows(
    series: Sequence[tuple[str, pd.Series, pd.Series]], forecasts: pd.DataFrame
) -> list[dict[str, Any]]:
    """The peers' forecasts in the row shape of ``bench.evaluate_one`` (method ``peer:<name>``).

    Each test year is matched to the forecast of its horizon; ``fallbacks`` is 1 where the peer's fit
    failed and the peer script used Naive instead.
    """
    by_key = forecasts.set_index(["series_id", "method", "h"]).sort_index()
    rows = []
    for sid, train, test in series:
        last_year = int(train.index[-1])
        scale = bench.mase_scale(train.to_numpy())
        for name in forecasts["method"].unique():
            for year, actual in test.items():
                h = int(year) - last_year
                found = by_key.loc[(sid, name, h)]
                rows.append(
                    {
                        "series_id": sid,
                        "origin": last_year,
                        "method": f"peer:{name}",
                        "used": found["used"],
                        "fallbacks": int(found["used"] != name),
                        "h": h,
                        "actual": float(actual),
                        "point": float(found["point"]),
                        "scale": scale,
                        "n_train": len(train),
                        "seconds": float(found["seconds"]),
                        **{
                            f"{side}_{p}": float(found[f"{side}_{p}"])
                            for side in ("lower", "upper")
                            for p in (80, 95)
                        },
                    }
                )
    return rows


def run_peers(
    series: Sequence[tuple[str, pd.Series, pd.Series]], peer_python: Path
) -> tuple[pd.DataFrame, float]:
    """Forecasts of every peer (run by ``peer_python`` on ``peers_run.py``) and the wall time it took."""
    if not peer_python.exists():
        raise ParameterError(
            f"the peer environment's Python {peer_python} does not exist; run `make bench-peers`, which "
            "creates .venv-peers from requirements/peers.lock, or pass --peer-python"
        )
    with tempfile.TemporaryDirectory(prefix="hz-peers-") as scratch:
        folder = Path(scratch)
        write_peer_inputs(series, folder)
        started = time.perf_counter()
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
        subprocess.run([str(peer_python), str(PEER_SCRIPT), str(folder)], check=True, env=env)
        wall = time.perf_counter() - started
        return pd.read_csv(folder / "peers.csv", dtype={"series_id": str}), wall


def aims(summary: pd.DataFrame, model: str, data_name: str) -> dict[str, Any]:
    """The issue's accuracy aims for ``model`` against the peers of the same run, each with met True/False."""
    peers = summary.loc[[m for m in summary.index if m.startswith("peer:")], "mase"]
    ours = float(summary.loc[model, "mase"])
    others = peers.drop(TOLERATED_PEER, errors="ignore")
    tolerated = float(peers.get(TOLERATED_PEER, float("nan")))
    out: dict[str, Any] = {
        "mase_below_every_peer_but_dotm": {
            "model": ours,
            "best_other_peer": float(others.min()),
            "best_other_peer_name": str(others.idxmin()),
            "met": bool(ours < others.min()),
        },
        "mase_within_1pct_of_dotm": {
            "model": ours,
            "dotm": tolerated,
            "met": bool(ours <= tolerated * (1 + TOLERANCE)),
        },
    }
    if data_name == "tourism":
        msis = float(summary.loc[model, "msis"])
        out["msis_below_31_3"] = {
            "model": msis,
            "before": TOURISM_MSIS_BEFORE,
            "met": bool(msis < TOURISM_MSIS_BEFORE),
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.peers", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", default="tourism,m1", help=f"comma-separated data sets ({', '.join(DATA_SETS)})"
    )
    parser.add_argument("--peer-python", type=Path, default=DEFAULT_PEER_PYTHON, help="Python of .venv-peers")
    parser.add_argument("--domain", default="amount", choices=["level", "share", "count", "amount"])
    parser.add_argument(
        "--models", default="auto,theta,drift", help="comma-separated project models shown beside the peers"
    )
    parser.add_argument("--n-paths", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the project's side")
    parser.add_argument("--limit", type=int, default=None, help="only the first N series (quick look)")
    parser.add_argument(
        "--earlier-origin",
        action="store_true",
        help="forecast the last H training years from H years earlier (a period the model choice never saw)",
    )
    parser.add_argument("--out", type=Path, default=None, help="results folder (default benchmarks/results)")
    args = parser.parse_args(argv)

    names = [d.strip() for d in args.data.split(",") if d.strip()]
    unknown = [d for d in names if d not in DATA_SETS]
    if unknown:
        raise ParameterError(f"--data must name data sets among {list(DATA_SETS)}; found {unknown}")
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    methods = [f"baseline:{b}" for b in bench.BASELINES] + [f"model:{m}" for m in models]
    out = results_dir(args.out)
    for name in names:
        path = DATA_SETS[name]
        series = bench.split_tidy(bench.read_tidy(path))[: args.limit]
        tag = name
        if args.earlier_origin:
            series, tag = earlier_origin(series), f"{name}_earlier"
        say([f"{tag}: {len(series)} series from {path}; ours {methods}; peers in {args.peer_python}"])
        peers, peer_wall = run_peers(series, args.peer_python)
        started = time.perf_counter()
        worker = functools.partial(
            run_chunk, methods=methods, domain=args.domain, n_paths=args.n_paths, seed=args.seed
        )
        ours = parallel_map(worker, series, args.jobs)
        our_wall = time.perf_counter() - started
        rows = pd.DataFrame(ours + peer_rows(series, peers))
        summary = bench.summarise(rows)
        horizons = bench.by_horizon(rows)
        rows.to_csv(out / f"peers_{tag}_rows.csv", index=False)
        summary.to_csv(out / f"peers_{tag}_summary.csv")
        checks = {f"model:{m}": aims(summary, f"model:{m}", tag) for m in models}
        write_json(
            out / f"peers_{tag}_summary.json",
            {
                "data": str(path),
                "n_series": len(series),
                "domain": args.domain,
                "n_paths": args.n_paths,
                "seed": args.seed,
                "wall_seconds": {"ours": our_wall, "peers": peer_wall},
                "summary": summary.reset_index().to_dict(orient="records"),
                "by_horizon": horizons.reset_index().to_dict(orient="records"),
                "aims": checks,
                "environment": environment(),
                "peer_environment": subprocess.run(
                    [str(args.peer_python), "-c", "import statsforecast; print(statsforecast.__version__)"],
                    capture_output=True,
                    text=True,
                ).stdout.strip(),
            },
        )
        lines = [
            f"### {tag}: {len(series)} series (peers: statsforecast)",
            "",
            bench.markdown_table(summary),
            "",
        ]
        for model, checked in checks.items():
            lines.append(
                f"aims for {model}: "
                + "; ".join(
                    f"{key} {'met' if value['met'] else 'MISSED'} ({value['model']:.3f})"
                    for key, value in checked.items()
                )
            )
        lines.append(
            f"wall time: ours {our_wall:.1f} s ({args.jobs} job(s)), peers {peer_wall:.1f} s (1 process)"
        )
        (out / f"peers_{tag}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        say(lines)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HzError as error:  # bad data or options: say what and how to fix, exit 2, no traceback
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
