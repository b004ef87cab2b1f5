"""The reference panels the package knows of: which file and variable stands for which indicator.

The panels themselves (real annual series of the plan's indicators in China's provinces) are build inputs
kept outside the repository; :mod:`hzanalysis.derive` reads them at build time (``make calibrate``) and the
package ships only what it derives from them (``src/hzanalysis/derived/``, provenance in ``PROVENANCE.md``).
At run time only this catalogue is read: a reference class needs to know whether its indicator is a ratio
(:func:`hzanalysis.reference.is_extensive`).
"""

from __future__ import annotations

from dataclasses import dataclass


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


def panel_spec(name: str) -> PanelSpec:
    """The spec of the panel called ``name``."""
    for spec in PANELS:
        if spec.name == name:
            return spec
    raise KeyError(name)
