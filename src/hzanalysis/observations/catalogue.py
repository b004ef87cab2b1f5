"""The catalogues observations are checked against: indicators (id, unit, domain) and regions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..paths import raw_dir


def load_indicators() -> pd.DataFrame:
    """The indicator catalogue ``data/raw/indicators.csv`` (one row per indicator id, all text columns)."""
    return pd.read_csv(raw_dir() / "indicators.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def load_regions() -> pd.DataFrame:
    """The regions ``data/raw/regions.csv``; ``peer_group`` is ``lyg_county`` for the six county units."""
    return pd.read_csv(raw_dir() / "regions.csv", dtype=str, keep_default_na=False, encoding="utf-8")


@dataclass(frozen=True)
class Catalogue:
    """Units and domains by indicator id, and the region ids, as the checks need them."""

    units: dict[str, str]
    domains: dict[str, str]
    regions: tuple[str, ...]

    @classmethod
    def load(cls) -> Catalogue:
        """Read both catalogue files."""
        ind = load_indicators()
        return cls(
            units=dict(zip(ind["id"], ind["unit"], strict=True)),
            domains=dict(zip(ind["id"], ind["domain"], strict=True)),
            regions=tuple(load_regions()["id"]),
        )
