"""Benchmark scripts for hzanalysis (run from the repository root as ``python -m benchmarks.<name>``).

The metrics, splitters and runners are pure functions in :mod:`benchmarks.harness`; the scripts here only
parse arguments, fan work out over processes, and write tables to ``benchmarks/results/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from hzanalysis.derive.panel_files import bench_dir

T = TypeVar("T")

RESULTS_DIR = Path(__file__).resolve().parent / "results"
#: Development benchmark data is read where the workspace keeps it (``../shared/data/bench`` beside the
#: repository, or $HZANALYSIS_BENCH_DIR: the one loader of hzanalysis.derive.panel_files), never copied into
#: the project; HZ_TOURISM_CSV points at another Tourism file.
TOURISM_PATH = Path(os.environ.get("HZ_TOURISM_CSV") or bench_dir() / "tourism_yearly.csv")


def results_dir(override: str | Path | None = None) -> Path:
    """The folder results are written to (created if needed)."""
    folder = Path(override) if override else RESULTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def chunked(items: Sequence[T], parts: int) -> list[list[T]]:
    """Split ``items`` into at most ``parts`` interleaved chunks (balances long and short series)."""
    parts = max(1, min(parts, len(items)))
    return [list(items[i::parts]) for i in range(parts)]


def parallel_map(func: Callable[[list[T]], list[Any]], items: Sequence[T], jobs: int) -> list[Any]:
    """``func`` over chunks of ``items`` in ``jobs`` processes (here when jobs == 1); rows concatenated."""
    chunks = chunked(items, jobs)
    if jobs <= 1 or len(chunks) <= 1:
        return [row for chunk in chunks for row in func(chunk)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [row for rows in pool.map(func, chunks) for row in rows]


def environment() -> dict[str, Any]:
    """Where the figures were measured (written beside every result)."""
    import numpy
    import pandas
    import scipy
    import statsmodels

    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "calibration": calibration_fingerprint(),
    }


def calibration_fingerprint() -> dict[str, Any]:
    """Which calibration constants the project's forecast used (results depend on them)."""
    import hashlib

    from hzanalysis.forecast import CALIBRATION_PATH

    data = CALIBRATION_PATH.read_bytes()
    version = json.loads(data).get("procedure_version")
    return {
        "path": CALIBRATION_PATH.name,
        "sha256": hashlib.sha256(data).hexdigest()[:16],
        "procedure_version": version,
    }


def write_json(path: Path, payload: dict[str, Any]) -> None:
    """Write ``payload`` as indented JSON (NaN written as null)."""

    def clean(value: Any) -> Any:
        if isinstance(value, float) and value != value:
            return None
        if isinstance(value, dict):
            return {str(k): clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    path.write_text(json.dumps(clean(payload), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def say(lines: Iterable[str]) -> None:
    """Print lines and flush (benchmarks run for minutes; show progress)."""
    for line in lines:
        print(line, flush=True)
