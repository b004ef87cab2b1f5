"""What checking every input before the first notebook costs, and how fast a bad data file is refused.

``hzanalysis report`` now validates its ``--data`` files as ``hzanalysis data check`` does, plans every page
(reading each notebook's parameters with papermill) and probes the output folder before anything runs.
Measured in the same run, on the SYNTHETIC complete data set (benchmarks/synthetic_complete.py, every
target, written to a scratch folder and never shipped):

- in-process: planning alone (the checks the runner already made) against planning plus data validation;
- end to end: ``hzanalysis data check bad.csv`` (the baseline) against ``hzanalysis report --data bad.csv``,
  which must refuse with exit 2 before running any notebook.

    python -m benchmarks.report_preflight [--repeat 5]
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
from hzanalysis.report import plan
from hzanalysis.report.plan import check_data_files, plan_pages

RESULTS = Path(__file__).parent / "results"


def _median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        plan._declared_parameters.cache_clear()  # every repeat reads the notebooks afresh
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def _cli_seconds(args: list[str], expected_code: int, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "hzanalysis.cli", *args], capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != expected_code:
            raise SystemExit(f"{args}: exit {done.returncode}, expected {expected_code}\n{done.stderr}")
    return round(statistics.median(times), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="repeats per figure (median reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        good = write(Path(scratch) / "SYNTHETIC_complete.csv")
        lines = good.read_text(encoding="utf-8").splitlines()
        bad = Path(scratch) / "SYNTHETIC_bad.csv"
        # The last row's value made non-numeric: one problem at the very end of the file.
        fields = lines[-1].split(",")
        fields[3] = "not-a-number"
        bad.write_text("\n".join([*lines[:-1], ",".join(fields)]) + "\n", encoding="utf-8")
        out = Path(scratch) / "reports"
        figures = {
            "data_rows": len(lines) - 1,
            "plan_only_seconds": _median_seconds(lambda: plan_pages(data=[good]), args.repeat),
            "plan_and_validate_seconds": _median_seconds(
                lambda: (check_data_files([good]), plan_pages(data=[good])), args.repeat
            ),
            "cli_data_check_bad_seconds": _cli_seconds(["data", "check", str(bad)], 2, args.repeat),
            "cli_report_refuses_bad_seconds": _cli_seconds(
                ["report", "--out", str(out), "--data", str(bad)], 2, args.repeat
            ),
            "report_folder_created": out.exists(),
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report_preflight.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
