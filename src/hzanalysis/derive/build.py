"""Regenerate every file of ``src/hzanalysis/derived/`` from the panels in ``../shared/data/``.

Run as ``python -m hzanalysis.derive build`` (``make calibrate``): a few minutes on 2 cores; the output is
byte for byte the same for the same inputs (sorted keys, rounded figures), so ``git diff`` shows what a
change of procedure or of the panels moved.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import HzError
from ..fileio import atomic_write_text
from . import validation
from .calibration import dump_json, fit_calibration, input_record, rolling_errors, write_calibration
from .panel_files import load_panels
from .persistence import build_persistence
from .plausibility import build_bounds
from .reference_classes import build_classes

#: Where the runtime reads the derived files from (each runtime module names its own file in it).
DERIVED_DIR = Path(__file__).resolve().parent.parent / "derived"


def build(out_dir: Path = DERIVED_DIR, *, say: Any = print) -> dict[str, Path]:
    """Regenerate every derived file from the reference panels (and the external panels for validation)."""
    started = time.perf_counter()
    panel = load_panels()
    errors = rolling_errors(panel)
    say(f"rolling errors: {len(errors)} rows on {len(panel)} series ({time.perf_counter() - started:.0f} s)")
    inputs = input_record()
    calibration = fit_calibration(errors, inputs=inputs)
    classes = build_classes()
    results = validation.validate(errors, calibration, say=say)
    persistence = build_persistence(say=say)
    written = {
        "calibration": write_calibration(calibration, out_dir / "calibration.json"),
        "reference_classes": atomic_write_text(out_dir / "reference_classes.json", dump_json(classes)),
        "validation": atomic_write_text(out_dir / "validation.json", dump_json(results)),
        "persistence": atomic_write_text(out_dir / "persistence.json", dump_json(persistence)),
        "plausibility": atomic_write_text(out_dir / "plausibility.json", dump_json(build_bounds())),
    }
    say(f"wrote {', '.join(str(p) for p in written.values())} in {time.perf_counter() - started:.0f} s")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m hzanalysis.derive build``: regenerate the derived files from ../shared/."""
    parser = argparse.ArgumentParser(
        prog="python -m hzanalysis.derive",
        description="Fit the calibration, reference classes, persistence and plausibility bounds on the "
        "panels in ../shared/data and validate them; writes src/hzanalysis/derived/.",
    )
    parser.add_argument("command", choices=["build"], help="build: regenerate src/hzanalysis/derived/")
    parser.add_argument("--out", type=Path, default=DERIVED_DIR, help="folder to write the derived files to")
    args = parser.parse_args(argv)
    try:
        build(args.out)
    except HzError as error:  # e.g. the panels are not where the build expects them: say so, exit 2
        print(error, file=sys.stderr)
        return error.exit_code
    return 0
