"""Speed of ``hzanalysis report`` for every target, timed by stage, on a SYNTHETIC complete data set.

The designs run in the same invocation, on the same data, one after the other: "pages" (the design before:
``run_report(compute_once=False, warm_kernels=False)``, every notebook loads and forecasts what it shows in
a fresh kernel), "once_fresh" (the run judges every target once into ``assessments.json`` and the pages
render it, each in a fresh kernel) and "once" (the default: the same, with each worker's pages in one warm
kernel emptied between pages).

The data set (benchmarks/synthetic_complete.py) gives every target six years of figures so that every
target page runs its full forecast and model comparison: the worst case for speed. It is written to a
scratch folder and never shipped. Stages: kernel start (a bare kernel, measured separately), Python
imports inside a kernel, execution per notebook, and HTML export; figures come from the run's manifest.

    python -m benchmarks.report_speed [--jobs 2] [--designs pages once_fresh once]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic_complete import write
from hzanalysis.report import run_report

RESULTS = Path(__file__).parent / "results"


def kernel_start_seconds(repeats: int = 3) -> float:
    """Median time to start the project's kernel and get an answer from an empty cell."""
    from jupyter_client.manager import start_new_kernel

    from hzanalysis.report import ensure_kernel

    ensure_kernel()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        manager, client = start_new_kernel(kernel_name="hzanalysis")
        client.execute_interactive("pass", timeout=60)
        times.append(time.perf_counter() - started)
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return statistics.median(times)


def import_seconds(repeats: int = 3) -> float:
    """Median time of ``import hzanalysis`` (the stack: pandas, statsmodels, altair...) in a fresh process."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import hzanalysis"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


#: design -> (compute once, warm kernels, description)
DESIGNS = {
    "pages": (False, False, "before: each page computes, a fresh kernel per page"),
    "once_fresh": (True, False, "compute once (assessments.json), a fresh kernel per page"),
    "once": (True, True, "now: compute once, warm kernels"),
}


def run(jobs: int, design: str = "once") -> dict:
    """One full report on the synthetic data; returns the manifest's timings summarised."""
    with tempfile.TemporaryDirectory() as scratch:
        data = write(Path(scratch) / "SYNTHETIC_complete.csv")
        started = time.perf_counter()
        result = run_report(
            date="2026-01-01",
            out=Path(scratch) / "reports",
            data=[str(data)],
            jobs=jobs,
            progress=False,
            compute_once=DESIGNS[design][0],
            warm_kernels=DESIGNS[design][1],
        )
        wall = time.perf_counter() - started
        manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    pages = manifest["pages"]
    by_notebook: dict[str, list[float]] = {}
    for page in pages:
        by_notebook.setdefault(page["notebook"], []).append(page["execution_seconds"])
    judgements = manifest.get("judgements") or {}
    return {
        "design": DESIGNS[design][2],
        "jobs": jobs,
        "wall_seconds": round(wall, 1),
        "judgements_seconds": judgements.get("seconds"),
        "outputs_seconds": round(sum(o.get("seconds", 0) for o in manifest.get("outputs") or []), 1),
        "pages": len(pages),
        "failed": [p["slug"] for p in pages if p["status"] != "ok"],
        "execution_seconds_sum": round(sum(p["execution_seconds"] for p in pages), 1),
        "export_seconds_sum": round(sum(p["export_seconds"] for p in pages), 1),
        "execution_by_notebook": {
            k: {"n": len(v), "median": round(statistics.median(v), 2), "sum": round(sum(v), 1)}
            for k, v in sorted(by_notebook.items())
        },
        "html_bytes": {
            "median": int(statistics.median(p["html_bytes"] for p in pages)),
            "total": int(sum(p["html_bytes"] for p in pages)),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, nargs="*", default=[2], help="parallel notebooks to time")
    parser.add_argument(
        "--designs", nargs="*", choices=list(DESIGNS), default=list(DESIGNS), help="designs to time"
    )
    args = parser.parse_args(argv)
    figures = {
        "kernel_start_seconds": round(kernel_start_seconds(), 2),
        "import_hzanalysis_seconds": round(import_seconds(), 2),
        "runs": [run(jobs, design) for jobs in args.jobs for design in args.designs],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report_speed.json").write_text(
        json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    print(json.dumps(figures, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
