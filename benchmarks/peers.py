"""Peer benchmark: the project's forecasts beside statsforecast's on exactly the same splits, scored alike.

Every population of ``load_populations()`` (``hzanalysis.derive.populations``) is scored (issue 13,
point 4): the six Chinese provincial panels, the four US-state / EU-region panels, Tourism and M1 (read from
``../shared/data``, never copied). Splits, fixed before any figure was looked at:

- Tourism and M1: the competition split (``bench.split_tidy``; h = 4 and 6), series with 6+ training points.
- The other panels have no competition split. Each unit's last run of consecutive years (values > 0;
  shares also < 100 as the domain requires) is split so that the last ``h = min(4, n - 6)`` years are the
  test and the ``n - h`` years before them the training history; a unit is scored only when ``h >= 1``
  (``n >= 7``), so every history has 6+ points (the model rung). Panels whose units never reach 7
  consecutive years (the high-tech-enterprise stock, 5 years; US R&D intensity, 6; EU patents, 5) are
  listed with no series.
- Each population is forecast in its own domain (shares on the logit scale, counts and amounts on the log).

The training parts go to a temporary folder; ``benchmarks/peers_run.py`` runs in its own environment
(``.venv-peers``: statsforecast needs pandas < 3) and writes each peer's point forecast and 80% / 95%
intervals back. Both sides are scored here by the same code (``bench.summarise``: MASE, sMAPE, MSIS,
coverage) and printed as ONE table per population (the project's ``auto`` and every model of
:data:`hzanalysis.models.MODELS`, the classical baselines, every peer), then a **pooled** table: each
figure averaged over the populations with scored series, **every population weighing the same** (Tourism's
518 series count as much as 31 provinces).

**Choice of the default point model for 6+ points (rule written before the figures were seen).**
Candidates: the models of :data:`hzanalysis.models.MODELS`, each run in the population's own domain.
Counts and amounts get the candidate with the lowest pooled MASE (equal weight per population; a tie keeps
the earlier in ``MODELS``). Shares get that same candidate only if its mean MASE over the share populations
is below drift's there, else drift. Validation leaving each population out: the same rule applied to the
other populations, the model it picks scored on the held-out one, beside drift and DynamicOptimizedTheta.
Aims (issue 13): ``auto`` pooled MASE below the drift baseline's and within 1% of DynamicOptimizedTheta's.

Nothing is cached; results go to ``benchmarks/results/peers_<data>.*`` (git-ignored). Run with
``make bench-peers`` (creates ``.venv-peers`` from ``requirements/peers.lock``), or
``python -m benchmarks.peers --peer-python .venv-peers/bin/python``; ``--data tourism,m1`` restricts the run,
``--max-series N`` caps each population at a fixed-seed sample of N series (in id order; none by default:
a full run takes 3-7 minutes on 2 shared cores).
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks import TOURISM_PATH, environment, parallel_map, results_dir, say, write_json
from benchmarks import harness as bench
from benchmarks.accuracy import run_chunk
from hzanalysis.errors import HzError, ParameterError
from hzanalysis.labels import Message
from hzanalysis.models import FALLBACK_CODES, MODELS, point_forecast
from hzanalysis.transforms import from_transformed, to_transformed

M1_PATH = Path(os.environ.get("HZ_M1_CSV") or TOURISM_PATH.with_name("m1_yearly.csv"))
#: Populations with a competition split (read from their tidy files, split as benchmarks.accuracy does).
DATA_SETS = {"tourism": TOURISM_PATH, "m1": M1_PATH}
#: Longest test of a panel without a competition split, and the training points every history keeps.
MAX_TEST_YEARS = 4
MIN_TRAIN = 6
#: Candidates of the point-model choice (the rule in the module docstring), in tie-breaking order.
CANDIDATES = tuple(f"model:{m}" for m in MODELS)
DRIFT_BASELINE = "baseline:drift"
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
    series: Sequence[tuple[str, pd.Series, pd.Series]],
    peer_python: Path,
    alongside: Callable[[], Any] | None = None,
) -> tuple[pd.DataFrame, float] | tuple[pd.DataFrame, float, Any]:
    """Forecasts of every peer (run by ``peer_python`` on ``peers_run.py``) and the wall time it took.

    ``alongside``: work done here while the peer process runs (the project's side: the two use a core
    each); when given, its result is returned third.
    """
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
        process = subprocess.Popen([str(peer_python), str(PEER_SCRIPT), str(folder)], env=env)
        try:
            done = alongside() if alongside is not None else None
        except BaseException:
            process.kill()
            raise
        if process.wait() != 0:
            raise subprocess.CalledProcessError(process.returncode, process.args)
        wall = time.perf_counter() - started
        frame = pd.read_csv(folder / "peers.csv", dtype={"series_id": str})
        return (frame, wall) if alongside is None else (frame, wall, done)


def last_run(values: pd.Series) -> pd.Series:
    """The last run of consecutive years of a yearly series (everything before its last gap dropped)."""
    years = values.index.to_numpy(int)
    breaks = np.flatnonzero(np.diff(years) != 1)
    return values.iloc[breaks[-1] + 1 :] if len(breaks) else values


def panel_split(
    sid: str, values: pd.Series, max_test: int = MAX_TEST_YEARS, min_train: int = MIN_TRAIN
) -> tuple[str, pd.Series, pd.Series] | None:
    """(id, train, test) of a unit without a competition split, or None if its history is too short.

    The last run of consecutive years, n points, is split so that its last ``h = min(max_test, n -
    min_train)`` years are the test; None when ``h < 1``.
    """
    run = last_run(values.sort_index())
    horizon = min(max_test, len(run) - min_train)
    if horizon < 1:
        return None
    return sid, run.iloc[:-horizon], run.iloc[-horizon:]


def candidate_rows(
    chunk: Sequence[tuple[str, pd.Series, pd.Series]], *, models: Sequence[str], domain: str
) -> list[dict[str, Any]]:
    """Point forecasts (no intervals) of each of ``models`` in the row shape of ``bench.evaluate_one``.

    The point is exactly the one ``forecast(model=...)`` gives (the same guarded fits and fallbacks on the
    same modelling scale); the damped and Theta fits are made once per series and reused by ``combo``.
    Interval columns are NaN: these rows rank point models, ``model:auto`` carries the intervals.
    """
    rows: list[dict[str, Any]] = []
    for sid, train, test in chunk:
        last_year = int(train.index[-1])
        horizons = test.index.to_numpy().astype(int) - last_year
        grid = train.reindex(np.arange(int(train.index[0]), last_year + 1)).to_numpy(float)
        z = to_transformed(grid, domain)
        cache: dict = {}
        scale = bench.mase_scale(train.to_numpy())
        for model in models:
            notes: list[Message] = []
            started = time.perf_counter()
            point_z, used, _ = point_forecast(z, int(horizons.max()), model, notes, cache, domain=domain)
            point = from_transformed(point_z, domain)
            seconds = time.perf_counter() - started
            for h, actual in zip(horizons, test.to_numpy(), strict=True):
                rows.append(
                    {
                        "series_id": sid,
                        "origin": last_year,
                        "method": f"model:{model}",
                        "used": used,
                        "fallbacks": sum(n.code in FALLBACK_CODES for n in notes),
                        "h": int(h),
                        "actual": float(actual),
                        "point": float(point[h - 1]),
                        "scale": scale,
                        "n_train": len(train),
                        "seconds": seconds,
                        **{f"{side}_{p}": float("nan") for side in ("lower", "upper") for p in (80, 95)},
                    }
                )
    return rows


def sample_series(
    series: Sequence[tuple[str, pd.Series, pd.Series]], cap: int | None, seed: int = 0
) -> list[tuple[str, pd.Series, pd.Series]]:
    """At most ``cap`` series: a fixed-seed sample without replacement, kept in id order (all if fewer)."""
    if cap is None or len(series) <= cap:
        return list(series)
    keep = np.sort(np.random.default_rng(seed).choice(len(series), size=cap, replace=False))
    return [series[i] for i in keep]


def population_splits(population: Any) -> list[tuple[str, pd.Series, pd.Series]]:
    """The scored series of one population (rules in the module docstring), ids sorted."""
    if population.name in DATA_SETS:
        series = bench.split_tidy(bench.read_tidy(DATA_SETS[population.name]))
        return [(sid, train, test) for sid, train, test in series if len(train) >= MIN_TRAIN]
    out = []
    for sid in sorted(population.series):
        values = population.series[sid]
        if population.domain == "share":
            values = values[values < 100]
        split = panel_split(sid, values)
        if split is not None:
            out.append(split)
    return out


def pooled_table(summaries: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each method's figures averaged over the populations, every population weighing the same.

    Only methods scored on every population given are pooled (a mean over different sets would mislead).
    """
    columns = ["smape", "mase", "msis", "cover_80", "cover_95"]
    stacked = pd.concat({name: table[columns] for name, table in summaries.items()}, names=["population"])
    counts = stacked.groupby(level="method").size()
    complete = counts[counts == len(summaries)].index
    out = stacked.groupby(level="method").mean().loc[complete]
    out["n_populations"] = len(summaries)
    out["n_series"] = sum(int(t["n_series"].max()) for t in summaries.values())
    return out.sort_values("mase")


def choose_model(mase: pd.DataFrame, domains: dict[str, str]) -> dict[str, str]:
    """The point model per growth-scale domain by the rule of the module docstring.

    ``mase``: one row per population, one column per method (MASE); ``domains``: population → domain.
    Counts and amounts: the candidate with the lowest mean MASE over the rows (ties: earlier in MODELS).
    Shares: that candidate if its mean MASE over the share rows is below drift's, else drift.
    """
    candidates = [c for c in CANDIDATES if c in mase.columns]
    means = mase[candidates].mean()
    best = min(candidates, key=lambda c: (means[c], candidates.index(c)))
    shares = [name for name in mase.index if domains[name] == "share"]
    share_best = best
    if not shares or not mase.loc[shares, best].mean() < mase.loc[shares, "model:drift"].mean():
        share_best = "model:drift"
    name = best.split(":", 1)[1]
    return {"count": name, "amount": name, "share": share_best.split(":", 1)[1]}


def leave_one_population_out(mase: pd.DataFrame, domains: dict[str, str]) -> pd.DataFrame:
    """For each population: the model the rule picks on the others, and its MASE on the held-out one.

    Beside it, on the held-out population: drift (the baseline) and DynamicOptimizedTheta, when scored.
    """
    rows = []
    for held_out in mase.index:
        chosen = choose_model(mase.drop(index=held_out), domains)[domains[held_out]]
        row = {
            "population": held_out,
            "domain": domains[held_out],
            "chosen_on_the_others": chosen,
            "mase_chosen": float(mase.loc[held_out, f"model:{chosen}"]),
            "mase_drift": float(mase.loc[held_out, DRIFT_BASELINE]),
        }
        if TOLERATED_PEER in mase.columns:
            row["mase_dotm"] = float(mase.loc[held_out, TOLERATED_PEER])
        rows.append(row)
    table = pd.DataFrame(rows).set_index("population")
    pooled = table.select_dtypes("number").mean()
    table.loc["pooled (equal weight)"] = {**pooled.to_dict(), "domain": "", "chosen_on_the_others": ""}
    return table


def pooled_aims(pooled: pd.DataFrame, model: str) -> dict[str, Any]:
    """Issue 13's aims on the pool: MASE below the drift baseline's, within 1% of DynamicOptimizedTheta's."""
    ours = float(pooled.loc[model, "mase"])
    drift = float(pooled.loc[DRIFT_BASELINE, "mase"])
    dotm = float(pooled.loc[TOLERATED_PEER, "mase"]) if TOLERATED_PEER in pooled.index else float("nan")
    return {
        "mase_below_drift": {"model": ours, "drift": drift, "met": bool(ours < drift)},
        "mase_within_1pct_of_dotm": {
            "model": ours,
            "dotm": dotm,
            "met": bool(ours <= dotm * (1 + TOLERANCE)),
        },
    }


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


def population_table(tag: str, summary: pd.DataFrame, n_series: int, checks: dict[str, Any]) -> list[str]:
    """Markdown lines of one population's table and its aims."""
    lines = [f"### {tag}: {n_series} series (peers: statsforecast)", "", bench.markdown_table(summary), ""]
    for model, checked in checks.items():
        lines.append(
            f"aims for {model}: "
            + "; ".join(
                f"{key} {'met' if value['met'] else 'MISSED'} ({value['model']:.3f})"
                for key, value in checked.items()
            )
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    try:  # the build-time loader lives in hzanalysis.derive once the layers change is merged
        from hzanalysis.derive.populations import load_populations
    except ImportError:  # before it: hzanalysis.populations
        from hzanalysis.populations import load_populations

    parser = argparse.ArgumentParser(prog="python -m benchmarks.peers", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", default="all", help="comma-separated populations, or all (every load_populations() one)"
    )
    parser.add_argument("--peer-python", type=Path, default=DEFAULT_PEER_PYTHON, help="Python of .venv-peers")
    parser.add_argument(
        "--models",
        default=",".join(["auto", *MODELS]),
        help="comma-separated project models shown beside the peers (the choice needs all of MODELS)",
    )
    parser.add_argument("--n-paths", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the project's side")
    parser.add_argument(
        "--max-series", type=int, default=None, help="cap per population: a fixed-seed sample of N series"
    )
    parser.add_argument(
        "--earlier-origin",
        action="store_true",
        help="forecast the last H training years from H years earlier (a period the model choice never saw)",
    )
    parser.add_argument("--out", type=Path, default=None, help="results folder (default benchmarks/results)")
    args = parser.parse_args(argv)

    populations = {p.name: p for p in load_populations()}
    names = (
        list(populations) if args.data == "all" else [d.strip() for d in args.data.split(",") if d.strip()]
    )
    unknown = [d for d in names if d not in populations]
    if unknown:
        raise ParameterError(
            f"--data must be all or name populations among {list(populations)}; found {unknown}"
        )
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    # `auto` is run whole (paths and intervals); the other models are ranked on their points alone
    methods = [f"baseline:{b}" for b in bench.BASELINES] + (["model:auto"] if "auto" in models else [])
    point_models = [m for m in models if m != "auto"]
    out = results_dir(args.out)
    suffix = "_earlier" if args.earlier_origin else ""

    splits: dict[str, list[tuple[str, pd.Series, pd.Series]]] = {}
    for name in names:
        series = sample_series(population_splits(populations[name]), args.max_series)
        series = [(f"{name}/{sid}", train, test) for sid, train, test in series]
        splits[name] = earlier_origin(series, MIN_TRAIN) if args.earlier_origin else series
    scored = [name for name in names if splits[name]]
    say(
        [f"{name}: {len(splits[name])} series, domain {populations[name].domain}" for name in names]
        + [f"peers in {args.peer_python}; ours {methods} and the points of {point_models}"]
    )

    def our_side() -> tuple[dict[str, list[dict[str, Any]]], float]:
        started = time.perf_counter()
        rows = {}
        for name in scored:
            domain = populations[name].domain
            whole = functools.partial(
                run_chunk, methods=methods, domain=domain, n_paths=args.n_paths, seed=args.seed
            )
            points = functools.partial(candidate_rows, models=point_models, domain=domain)
            rows[name] = parallel_map(whole, splits[name], args.jobs)
            rows[name] += parallel_map(points, splits[name], args.jobs)
            say([f"ours: {name} done ({time.perf_counter() - started:.0f} s)"])
        return rows, time.perf_counter() - started

    # one peer process for every population (statsforecast's import and compilation paid once), running
    # while the project's side is computed here
    everything = [item for name in scored for item in splits[name]]
    if everything:
        peers, peer_wall, (ours, our_wall) = run_peers(everything, args.peer_python, our_side)
    else:
        peers, peer_wall, (ours, our_wall) = pd.DataFrame(), 0.0, ({}, 0.0)

    summaries: dict[str, pd.DataFrame] = {}
    report: list[str] = []
    for name in scored:
        series = splits[name]
        ids = {sid for sid, _, _ in series}
        rows = pd.DataFrame(ours[name] + peer_rows(series, peers[peers["series_id"].isin(ids)]))
        summary = bench.summarise(rows)
        # point-only rows have no intervals: their interval figures are not zeros but absent
        interval_columns = ["msis", "cover_80", "cover_95", "min_h_cover_80", "min_h_cover_95"]
        summary.loc[[f"model:{m}" for m in point_models], interval_columns] = float("nan")
        summaries[name] = summary
        tag = f"{name}{suffix}"
        rows.to_csv(out / f"peers_{tag}_rows.csv", index=False)
        summary.to_csv(out / f"peers_{tag}_summary.csv")
        checks = {"model:auto": aims(summary, "model:auto", tag)} if "auto" in models else {}
        lines = population_table(f"{tag} ({populations[name].domain})", summary, len(series), checks)
        report += [*lines, ""]
        say(lines)
    tail_start = len(report)
    skipped = [name for name in names if not splits[name]]
    if skipped:
        report.append(f"no series with {MIN_TRAIN + 1}+ consecutive years (not scored): {', '.join(skipped)}")
        report.append("")

    result: dict[str, Any] = {
        "populations": {name: len(splits[name]) for name in names},
        "n_paths": args.n_paths,
        "seed": args.seed,
        "max_series": args.max_series,
        "summaries": {name: t.reset_index().to_dict(orient="records") for name, t in summaries.items()},
    }
    if summaries:
        pooled = pooled_table(summaries)
        pooled.to_csv(out / f"peers_pooled{suffix}_summary.csv")
        report += [
            f"### pooled{suffix}: {len(summaries)} populations, each weighing the same",
            "",
            bench.markdown_table(pooled),
            "",
        ]
        result["pooled"] = pooled.reset_index().to_dict(orient="records")
        if "model:auto" in pooled.index:
            result["pooled_aims"] = pooled_aims(pooled, "model:auto")
            report.append(
                "pooled aims for model:auto: "
                + "; ".join(
                    f"{key} {'met' if value['met'] else 'MISSED'} ({value['model']:.3f})"
                    for key, value in result["pooled_aims"].items()
                )
            )
        if all(c in pooled.index for c in CANDIDATES):
            mase = pd.DataFrame({name: t["mase"] for name, t in summaries.items()}).T
            domains = {name: populations[name].domain for name in summaries}
            chosen = choose_model(mase, domains)
            held_out = leave_one_population_out(mase, domains)
            held_out.to_csv(out / f"peers_choice{suffix}.csv")
            result["choice"] = chosen
            result["leave_one_population_out"] = held_out.reset_index().to_dict(orient="records")
            report += [
                "",
                f"rule's choice on the pool: {chosen}",
                "",
                "leave one population out (the rule applied to the others, scored on the held-out one):",
                "",
                bench.markdown_table(held_out),
            ]
    report.append(
        f"wall time: ours {our_wall:.1f} s ({args.jobs} job(s)); peers {peer_wall:.1f} s (1 process, beside)"
    )
    result["wall_seconds"] = {"ours": our_wall, "peers": peer_wall}
    result["environment"] = environment()
    result["peer_environment"] = subprocess.run(
        [str(args.peer_python), "-c", "import statsforecast; print(statsforecast.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    write_json(out / f"peers_all{suffix}_summary.json", result)
    (out / f"peers_all{suffix}.md").write_text("\n".join(report) + "\n", encoding="utf-8")
    say(report[tail_start:])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HzError as error:  # bad data or options: say what and how to fix, exit 2, no traceback
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
