"""The reference panels: real annual series of the plan's indicators in China's provinces (build inputs).

They are read from ``../shared/data/reference/`` beside the repository (or ``$HZANALYSIS_REFERENCE_DIR``)
and never copied into the project: the package ships only what :mod:`hzanalysis.calibration` derives from
them (the provenance of each file is in ``src/hzanalysis/derived/PROVENANCE.md``). One loader serves the
calibration fit, the reference classes of the outside view and the leave-one-panel-out validation.

The national row (全国) is left out everywhere: it aggregates the provinces, it is not one more unit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .errors import InputError, Problem
from .paths import project_root

#: Environment variable that points at the folder holding the reference panels.
REFERENCE_DIR_ENV = "HZANALYSIS_REFERENCE_DIR"
#: Environment variable that points at the folder holding the external benchmark panels (never fitted on).
BENCH_DIR_ENV = "HZANALYSIS_BENCH_DIR"
NATIONAL_REGION = "全国"


@dataclass(frozen=True)
class PanelSpec:
    """One reference panel: which file, which variable, which project indicator and domain it stands for."""

    name: str
    file: str
    indicator: str
    domain: str
    variable: str
    first_year: int | None = None
    why_first_year: str = ""
    #: False for a ratio (per resident, per GDP): it carries no unit size, so no small-unit widening.
    extensive: bool = True


#: Every panel fitted on. ``indicator`` is the id in data/raw/indicators.csv whose reference class it is.
PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("rd_intensity", "china_province_rd_intensity.csv", "rd_share_gdp", "share", "rd_intensity_pct"),
    PanelSpec(
        "rd_expenditure",
        "china_province_rd_intensity.csv",
        "rd_expenditure",
        "amount",
        "rd_expenditure_100m_cny",
    ),
    PanelSpec(
        "invention_patents_granted",
        "china_province_patents.csv",
        "invention_patents_granted",
        "count",
        "invention_patents_granted",
    ),
    PanelSpec(
        "invention_patents_per_10k",
        "china_province_patents.csv",
        "invention_patents_per_10k",
        "amount",
        "invention_patents_in_force_per_10k_pop",
        extensive=False,
    ),
    PanelSpec(
        "tech_contract_turnover",
        "china_province_tech_market.csv",
        "tech_contract_value",
        "amount",
        "tech_contract_turnover_outflow",
        first_year=2012,
        why_first_year="2000, 2005 and 2010 stand alone before the yearly run 2012-2023",
    ),
    PanelSpec("hte_valid_stock", "china_province_hte.csv", "hte_count", "count", "hte_valid_est_rolling3"),
)
PANEL_NAMES = tuple(spec.name for spec in PANELS)


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


def panel_spec(name: str) -> PanelSpec:
    """The spec of the panel called ``name``."""
    for spec in PANELS:
        if spec.name == name:
            return spec
    raise KeyError(name)


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
