"""The build inputs: the reference panels and the external panels, read from ``../shared/data/``.

They are read from ``../shared/data/reference/`` beside the repository (or ``$HZANALYSIS_REFERENCE_DIR``)
and the external competition and other countries' panels from ``../shared/data/bench/`` (or
``$HZANALYSIS_BENCH_DIR``), never copied into the project. One loader serves the calibration fit, the
reference classes of the outside view, the persistence fit and the validations (and the benchmarks).

The national row (全国) is left out everywhere: it aggregates the provinces, it is not one more unit.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import InputError, Problem
from ..panels import PANEL_NAMES, PANELS, PanelSpec, panel_spec
from ..paths import project_root

#: Environment variable that points at the folder holding the reference panels.
REFERENCE_DIR_ENV = "HZANALYSIS_REFERENCE_DIR"
#: Environment variable that points at the folder holding the external benchmark panels (never fitted on).
BENCH_DIR_ENV = "HZANALYSIS_BENCH_DIR"
NATIONAL_REGION = "全国"


class PanelSeries(NamedTuple):
    """One reference series: ``panel`` is the unit held out in leave-one-panel-out validation."""

    name: str
    group: str
    domain: str
    series: pd.Series
    panel: str = ""


def _default_dir(kind: str) -> Path:
    return project_root().parent / "shared" / "data" / kind


def reference_dir() -> Path:
    """Folder of the reference panels: ``$HZANALYSIS_REFERENCE_DIR`` or ``../shared/data/reference``."""
    override = os.environ.get(REFERENCE_DIR_ENV)
    return Path(override) if override else _default_dir("reference")


def bench_dir() -> Path:
    """Folder of the external panels (Tourism, M1): ``$HZANALYSIS_BENCH_DIR`` or ``../shared/data/bench``."""
    override = os.environ.get(BENCH_DIR_ENV)
    return Path(override) if override else _default_dir("bench")


def require_file(path: Path, env: str) -> Path:
    """``path`` if it exists, else an InputError saying where the build inputs are expected."""
    if not path.exists():
        raise InputError(
            Problem(
                str(path),
                "-",
                "-",
                "the build input file",
                "no such file",
                f"the reference panels are build inputs kept outside the repository; point {env} at the "
                "folder that holds them (default ../shared/data/ beside the repository)",
            )
        )
    return path


def read_panel_table(spec: PanelSpec, folder: Path | None = None) -> pd.DataFrame:
    """One panel as a tidy frame ``region, year, value`` (national row left out, sorted)."""
    path = require_file((folder or reference_dir()) / spec.file, REFERENCE_DIR_ENV)
    table = pd.read_csv(path)
    if "province_zh" in table.columns:  # the wide R&D file: one column per variable
        tidy = pd.DataFrame(
            {"region": table["province_zh"], "year": table["year"], "value": table[spec.variable]}
        )
    else:
        rows = table[table["indicator"] == spec.variable]
        tidy = rows[["region", "year", "value"]]
    tidy = tidy[tidy["region"] != NATIONAL_REGION].dropna()
    if spec.first_year is not None:
        tidy = tidy[tidy["year"] >= spec.first_year]
    tidy = tidy.astype({"region": str, "year": int, "value": float})
    return tidy.sort_values(["region", "year"], kind="stable").reset_index(drop=True)


def series_of(tidy: pd.DataFrame) -> dict[str, pd.Series]:
    """Region → values indexed by year, from a tidy ``region, year, value`` frame."""
    return {
        str(region): pd.Series(rows["value"].to_numpy(float), index=rows["year"].to_numpy(int))
        for region, rows in tidy.groupby("region", sort=True)
    }


def load_panels(names: tuple[str, ...] = PANEL_NAMES, folder: Path | None = None) -> list[PanelSeries]:
    """Every series of the named panels (default all), one per (panel, province)."""
    out = []
    for name in names:
        spec = panel_spec(name)
        for region, values in series_of(read_panel_table(spec, folder)).items():
            out.append(PanelSeries(f"{name}/{region}", region, spec.domain, values, name))
    return out


def input_files(folder: Path | None = None) -> list[Path]:
    """The panel files the fit reads (each once, sorted)."""
    base = folder or reference_dir()
    return [base / f for f in sorted({spec.file for spec in PANELS})]


def bench_series(file: str, domain: str, name: str) -> tuple[list[PanelSeries], dict[str, int]]:
    """An external benchmark panel (``series_id, year, value, split``) as series and their split years.

    Returns one PanelSeries per series (train and test years together) and, by series name, the last
    training year: the competition's forecast origin.
    """
    path = require_file(bench_dir() / file, BENCH_DIR_ENV)
    table = pd.read_csv(path, dtype={"series_id": str})
    series, origins = [], {}
    for sid, rows in table.groupby("series_id", sort=True):
        values = pd.Series(rows["value"].to_numpy(float), index=rows["year"].to_numpy(int))
        series.append(PanelSeries(f"{name}/{sid}", str(sid), domain, values, name))
        origins[f"{name}/{sid}"] = int(rows.loc[rows["split"] == "train", "year"].max())
    return series, origins
