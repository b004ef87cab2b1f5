"""The catalogues observations are checked against, as the frames and lookups the checks and pages use.

The records themselves (typed, checked, read once) are :mod:`hzanalysis.catalogue`'s; these are views of
them, so ``indicators.csv`` and ``regions.csv`` are read in one place only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import catalogue


def load_indicators() -> pd.DataFrame:
    """The indicator catalogue ``data/raw/indicators.csv`` (one row per indicator id, all text columns).

    A new frame each call (callers may index or change it); the file is read once
    (:func:`hzanalysis.catalogue.indicators`).
    """
    rows = [record.row() for record in catalogue.indicators().values()]
    return pd.DataFrame(rows, columns=list(catalogue.INDICATOR_COLUMNS), dtype=str)


def load_regions() -> pd.DataFrame:
    """The regions ``data/raw/regions.csv``; ``peer_group`` is ``lyg_county`` for the six county units."""
    rows = [record.row() for record in catalogue.regions().values()]
    return pd.DataFrame(rows, columns=list(catalogue.REGION_COLUMNS), dtype=str)


@dataclass(frozen=True)
class Catalogue:
    """Units and domains by indicator id, and the region ids, as the checks need them."""

    units: dict[str, str]
    domains: dict[str, str]
    regions: tuple[str, ...]
    #: each Chinese name and synonym of an indicator (see :func:`name_key`) -> its id
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Catalogue:
        """The catalogue's indicators and regions, as lookups."""
        indicators = catalogue.indicators().values()
        return cls(
            units={i.id: i.unit for i in indicators},
            domains={i.id: i.domain for i in indicators},
            regions=tuple(catalogue.regions()),
            names={name_key(name): i.id for i in indicators for name in i.names},
        )

    def indicator_id(self, text: str) -> str:
        """The id ``text`` names: itself when it is an id, the id of the indicator whose Chinese name or
        synonym it is (a bureau's sheet says 高新技术企业数, not hte_count), else ``text`` unchanged."""
        if text in self.units:
            return text
        return self.names.get(name_key(text), text)


def name_key(name: str) -> str:
    """A name as compared: no spaces (half or full width), Latin letters in one case (R&D, r&d)."""
    return "".join(name.split()).casefold()
