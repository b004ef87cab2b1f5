"""The processed observations table ``data/processed/observations.csv`` (deterministic)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..fileio import atomic_write_text
from ..paths import processed_dir
from .combine import load_observations
from .schema import LOADED_COLUMNS


def _format_value(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def build_processed(extra: Sequence[str | Path] | None = (), out_dir: str | Path | None = None) -> list[Path]:
    """Validate everything, then write ``observations.csv`` into ``data/processed/`` (or ``out_dir``).

    Deterministic: fixed columns (:data:`LOADED_COLUMNS`) and sort, shortest round-trip floats, UTF-8, "\\n"
    line ends, so the same inputs give byte-identical output. Written atomically with the user's umask
    (:mod:`hzanalysis.fileio`); on any problem an :class:`InputError` is raised and nothing is written.
    """
    data = load_observations(extra)
    target_dir = Path(out_dir) if out_dir is not None else processed_dir()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LOADED_COLUMNS)
    for row in data.itertuples(index=False):
        writer.writerow([_format_value(v) for v in row])
    target_dir.mkdir(parents=True, exist_ok=True)
    return [atomic_write_text(target_dir / "observations.csv", buffer.getvalue())]
