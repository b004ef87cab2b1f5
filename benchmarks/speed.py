"""Speed: median wall time of one forecast of a 10-point series with 2000 paths, per model and ``auto``.

``within_aim``: under 100 ms, or for a forecast against a caller's class of 1,600 rows under 5 ms (a built
class object) and 20 ms (a DataFrame seen before); a new DataFrame has no aim (it is built and learned once).

The series is synthetic (a labelled synthetic share series rising from 1.5% to 2.4% with a wobble) so that
the timing does not depend on any data file. The total time for all 518 Tourism series is measured by
``python -m benchmarks.accuracy`` (``cpu_seconds_by_method`` and ``wall_seconds`` in its summary JSON).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks import environment, results_dir, say, write_json
from benchmarks import harness as bench
from hzanalysis import populations
from hzanalysis import reference as ref
from hzanalysis.forecast import forecast
from hzanalysis.models import MODELS
from hzanalysis.reference import shipped_classes as reference_classes

#: The issue's aim for one forecast.
AIM_SECONDS = 0.100
#: Aims of a forecast against a caller's class of 1,600 rows: a built class object, a frame seen before.
AIM_BUILT_SECONDS = 0.005
AIM_SEEN_FRAME_SECONDS = 0.020


def synthetic_class(units: int = 80, years: int = 20) -> pd.DataFrame:
    """SYNTHETIC: ``units`` x ``years`` rows of counts growing 0-15% a year with noise (1,600 by default)."""
    rng = np.random.default_rng(0)
    growth = rng.uniform(0.0, 0.15, units)
    z = np.log(100.0) + growth[:, None] * np.arange(years) + rng.normal(0.0, 0.05, (units, years))
    return pd.DataFrame(
        {
            "region": np.repeat([f"unit{i}" for i in range(units)], years),
            "year": np.tile(np.arange(2000, 2000 + years), units),
            "value": np.exp(z).ravel(),
        }
    )


def class_rows(horizon: int, n_paths: int, repeats: int) -> list[dict]:
    """A 3-point count forecast against a 1,600-row class: built object, frame seen before, frame new."""
    frame = synthetic_class()
    history = pd.Series([120.0, 131.0, 140.0], index=[2017, 2018, 2019])
    built = ref.class_from_frame(frame, indicator=None, domain="count")

    def cold() -> object:  # what every call cost before classes were kept: build the class, learn it
        ref._FRAME_CLASSES.clear()
        populations._VIEWS.clear()
        return forecast(history, horizon, domain="count", n_paths=n_paths, reference=frame.copy())

    rows = []
    for label, call, aim in (
        (
            "class of 1,600 rows: built object",
            functools.partial(forecast, history, horizon, domain="count", n_paths=n_paths, reference=built),
            AIM_BUILT_SECONDS,
        ),
        (
            "class of 1,600 rows: DataFrame seen before",
            functools.partial(forecast, history, horizon, domain="count", n_paths=n_paths, reference=frame),
            AIM_SEEN_FRAME_SECONDS,
        ),
        ("class of 1,600 rows: DataFrame new (built and learned)", cold, None),
    ):
        call()  # the first call learns the class; a built object and a seen frame reuse it
        seconds = bench.median_seconds(call, repeats=repeats if aim else 5)
        rows.append(
            {
                "model": label,
                "method": "persistence",
                "median_ms": 1000 * seconds,
                "within_aim": seconds < (aim if aim else AIM_SECONDS),
            }
        )
    return rows


def synthetic_series(n: int = 10) -> pd.Series:
    """SYNTHETIC: a share rising 1.5 → 2.4 with a deterministic wobble, indexed 2014..2014+n-1."""
    t = np.arange(n)
    return pd.Series(1.5 + 0.1 * t + 0.05 * np.sin(t), index=2014 + t)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=10, help="length of the synthetic history")
    parser.add_argument("--horizon", type=int, default=3)
    parser.add_argument("--n-paths", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    history = synthetic_series(args.points)
    rows = []
    for model in ("auto", *MODELS):
        call = functools.partial(
            forecast, history, args.horizon, domain="share", n_paths=args.n_paths, model=model
        )
        seconds = bench.median_seconds(call, repeats=args.repeats)
        rows.append(
            {
                "model": model,
                "method": call().method,
                "median_ms": 1000 * seconds,
                "within_aim": seconds < AIM_SECONDS,
            }
        )
    # the outside view (one figure + the shipped R&D-intensity class) and partial pooling (two figures)
    # and two figures with no class: the library of populations, weighed by the unit's own growth
    shipped = reference_classes()["rd_intensity"]
    for label, points, reference in (
        ("outside view (1 point)", history.iloc[-1:], shipped),
        ("pooled (2 points)", history.iloc[[0, -1]], shipped),
        ("no class (2 points): library of populations", history.iloc[[0, -1]], None),
    ):
        call = functools.partial(
            forecast, points, args.horizon, domain="share", n_paths=args.n_paths, reference=reference
        )
        seconds = bench.median_seconds(call, repeats=args.repeats)
        rows.append(
            {
                "model": label,
                "method": call().method,
                "median_ms": 1000 * seconds,
                "within_aim": seconds < AIM_SECONDS,
            }
        )
    rows += class_rows(args.horizon, args.n_paths, args.repeats)
    table = pd.DataFrame(rows).set_index("model")
    out = results_dir(args.out)
    table.to_csv(out / "speed.csv")
    write_json(
        out / "speed.json",
        {
            "points": args.points,
            "horizon": args.horizon,
            "n_paths": args.n_paths,
            "repeats": args.repeats,
            "rows": table.reset_index().to_dict(orient="records"),
            "environment": environment(),
        },
    )
    lines = [bench.markdown_table(table, floatfmt=".1f")]
    (out / "speed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
