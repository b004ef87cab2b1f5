"""Reference classes for the outside view: how an indicator grew in other units over the same horizon.

Reference-class forecasting asks how things of this kind usually go before asking how this one is going.
With one figure of a district, the only evidence on plausible growth is how the same indicator moved in
other units. A :class:`ReferenceClass` summarises that: for each horizon h, quantiles of the change
``z(t + h) - z(t)`` on the growth scale (log for counts, amounts and positive levels, logit for shares),
pooled over every unit and origin of the panel.

Smaller units are more volatile. Where the panel can show it (an extensive quantity, enough changes), the
spread of the smallest third of units (by size within the origin year) is compared with the spread of all;
if the small third is more spread out, the class is widened by that ratio around its median, because a
district is smaller than any province. This is a floor on the widening a district would need, not an
estimate of it: the panel holds no unit as small as a district.

The classes shipped with the package (``derived/reference_classes.json``) are built from the provincial
panels at build time (:mod:`hzanalysis.derive.reference_classes`, ``make calibrate``); a researcher can
pass a panel of their own (``region, year, value``), which goes through exactly the same summary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import catalogue
from .errors import ForecastError, ParameterError
from .fileio import derived_json
from .labels import (
    Message,
    bias_text,
    check_lang,
    has_label,
    label,
    list_text,
    message_text,
    parts_text,
    population_text,
    populations_text,
)
from .transforms import to_growth_scale

CLASSES_PATH = Path(__file__).resolve().parent / "derived" / "reference_classes.json"
#: Probabilities of the stored quantiles of the change at each horizon.
GROWTH_P = (0.0, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 1.0)
#: Longest horizon a class summarises.
MAX_CLASS_HORIZON = 10
#: Fewest changes at a horizon for the class to speak for it.
MIN_CHANGES = 20
#: Fewest one-year changes in the small third of units for the size widening to be measured.
MIN_SIZE_CHANGES = 30
#: Domains whose values are extensive (bigger unit, bigger value): the only ones where size can be read.
EXTENSIVE_DOMAINS = ("count", "amount")


@dataclass(frozen=True)
class ReferenceClass:
    """The growth of one indicator across a panel of units, by horizon (see the module docstring)."""

    id: str
    indicator: str
    domain: str
    source: str
    regions: tuple[str, ...]
    first_year: int
    last_year: int
    quantiles: dict[int, tuple[float, ...]]
    n_changes: dict[int, int]
    widening: float
    #: Why the class was (not) widened: a code under ``widening.`` and its numbers (:func:`size_widening`).
    widening_basis: Message
    #: The same class as known by each earlier year (year -> quantiles, n_changes, widening, basis):
    #: a forecast from a figure of year t may use only growth that had happened by t.
    earlier: dict[int, dict[str, Any]] = field(default_factory=dict, compare=False)
    #: The tidy panel a caller's class was built from (None for a shipped class), and its fingerprint:
    #: the persistence model learns from the class's own units (:func:`hzanalysis.populations.class_view`).
    panel: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    fingerprint: str = field(default="", compare=False)

    def known_by(self, year: int) -> ReferenceClass:
        """The class restricted to changes that had happened by ``year`` (itself if it ends by then).

        Raises ForecastError when no change of the class was known by then.
        """
        if year >= self.last_year:
            return self
        if year not in self.earlier:
            raise ForecastError(
                f"reference class {self.id!r} knows no growth by {year} (its data run {self.first_year}-"
                f"{self.last_year}); a figure of {year} gets no outside view"
            )
        cut = self.earlier[year]
        return replace(
            self,
            last_year=year,
            quantiles={int(h): tuple(q) for h, q in cut["quantiles"].items()},
            n_changes={int(h): int(n) for h, n in cut["n_changes"].items()},
            widening=float(cut["widening"]),
            widening_basis=widening_reason(cut["widening_basis"]),
            earlier={},
        )

    @property
    def n_regions(self) -> int:
        """Number of units in the class."""
        return len(self.regions)

    def describe(self) -> dict[str, Any]:
        """What a page says about the class: indicator, regions, years, number of units and of changes."""
        return {
            "id": self.id,
            "indicator": self.indicator,
            "source": self.source,
            "regions": list(self.regions),
            "years": [self.first_year, self.last_year],
            "n_regions": self.n_regions,
            "n_changes": {int(h): int(n) for h, n in self.n_changes.items()},
            "widening": self.widening,
            "widening_basis": self.widening_basis.record(),
        }

    def median_growth(self) -> float:
        """Median one-year change on the growth scale (what partial pooling pulls toward)."""
        first = min(self.quantiles)
        return float(np.interp(0.5, GROWTH_P, self.quantiles[first])) / first

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (horizons as string keys)."""
        out = asdict(self)
        out.pop("panel", None)
        out.pop("fingerprint", None)
        out["regions"] = list(self.regions)
        out["widening_basis"] = self.widening_basis.record()
        out["quantiles"] = {str(h): list(q) for h, q in self.quantiles.items()}
        out["n_changes"] = {str(h): n for h, n in self.n_changes.items()}
        out["earlier"] = {
            str(year): {
                "quantiles": {str(h): list(q) for h, q in cut["quantiles"].items()},
                "n_changes": {str(h): int(n) for h, n in cut["n_changes"].items()},
                "widening": cut["widening"],
                "widening_basis": widening_reason(cut["widening_basis"]).record(),
            }
            for year, cut in sorted(self.earlier.items())
        }
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReferenceClass:
        """Inverse of :meth:`to_json`."""
        return cls(
            id=data["id"],
            indicator=data["indicator"],
            domain=data["domain"],
            source=data["source"],
            regions=tuple(data["regions"]),
            first_year=int(data["first_year"]),
            last_year=int(data["last_year"]),
            quantiles={int(h): tuple(q) for h, q in data["quantiles"].items()},
            n_changes={int(h): int(n) for h, n in data["n_changes"].items()},
            widening=float(data["widening"]),
            widening_basis=widening_reason(data["widening_basis"]),
            earlier={int(year): cut for year, cut in data.get("earlier", {}).items()},
        )


def _r(x: float) -> float:
    return float(f"{float(x):.6g}")


def _check_frame(frame: pd.DataFrame, indicator: str | None, domain: str) -> pd.DataFrame:
    """The tidy reference frame, checked: columns, same indicator, values inside the domain."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(
            f"reference must be a DataFrame with columns region, year, value or a ReferenceClass; found "
            f"{type(frame).__name__}"
        )
    missing = [c for c in ("region", "year", "value") if c not in frame.columns]
    if missing:
        raise ParameterError(
            f"reference frame lacks column(s) {missing}; expected a tidy frame with region, year, value "
            "(one row per unit and year, of the same indicator)"
        )
    if "indicator" in frame.columns and indicator is not None:
        others = sorted({str(v) for v in frame["indicator"].dropna()} - {indicator})
        if others:
            raise ParameterError(
                f"reference rows are of indicator(s) {others}, not {indicator!r}: a reference class must be "
                "the same indicator in other units; pass only rows of this indicator"
            )
    tidy = pd.DataFrame(
        {
            "region": frame["region"].astype(str),
            "year": pd.to_numeric(frame["year"], errors="coerce"),
            "value": pd.to_numeric(frame["value"], errors="coerce"),
        }
    ).dropna()
    low = 0.0
    high = 100.0 if domain == "share" else np.inf
    bad = tidy[(tidy["value"] <= low) | (tidy["value"] >= high)]
    if not bad.empty:
        row = bad.iloc[0]
        need = "strictly between 0 and 100" if domain == "share" else "positive"
        raise ParameterError(
            f"reference value {row['value']!r} for {row['region']} {int(row['year'])} is not {need}; growth "
            "is measured on the log/logit scale, so drop or correct that row"
        )
    if tidy.duplicated(["region", "year"]).any():
        row = tidy[tidy.duplicated(["region", "year"])].iloc[0]
        raise ParameterError(f"reference has more than one value for {row['region']} {int(row['year'])}")
    return tidy.astype({"year": int})


def _changes(tidy: pd.DataFrame, domain: str, max_horizon: int) -> pd.DataFrame:
    """Every change z(t + h) - z(t) of every unit: columns region, start, h, change, size (value at t)."""
    pieces = []
    for region, rows in tidy.groupby("region", sort=True):
        years = rows["year"].to_numpy()
        grid = np.arange(years.min(), years.max() + 1)
        values = pd.Series(rows["value"].to_numpy(float), index=years).reindex(grid).to_numpy()
        z = to_growth_scale(values, domain)
        for h in range(1, min(max_horizon, len(grid) - 1) + 1):
            change = z[h:] - z[:-h]
            ok = np.isfinite(change)
            pieces.append(
                pd.DataFrame(
                    {
                        "region": region,
                        "start": grid[:-h][ok],
                        "h": h,
                        "change": change[ok],
                        "size": values[:-h][ok],
                    }
                )
            )
    if not pieces:
        return pd.DataFrame(columns=["region", "start", "h", "change", "size"])
    return pd.concat(pieces, ignore_index=True)


def _iqr(values: np.ndarray) -> float:
    q75, q25 = np.quantile(values, [0.75, 0.25])
    return float(q75 - q25)


def is_extensive(domain: str, indicator: str | None) -> bool:
    """Whether a unit's size shows in the indicator: counts and amounts, except the ratios among them.

    A positive ratio (patents per 10,000 residents) is modelled on the log scale like an amount, but a
    smaller district is not a smaller value of it; the reference panels record which indicator is a ratio.
    """
    from .panels import PANELS

    if domain not in EXTENSIVE_DOMAINS:
        return False
    return all(spec.extensive for spec in PANELS if spec.indicator == indicator)


def size_widening(
    changes: pd.DataFrame, domain: str, *, extensive: bool | None = None
) -> tuple[float, Message]:
    """Widening for a unit smaller than any in the panel, and why (1.0 when the panel cannot show it).

    One-year changes, each minus its year's median (so a common good or bad year is not read as size);
    spread = interquartile range; small = the lowest third of units by value within the origin year.
    ``extensive`` (default: the domain is a count or amount) False: a ratio, never widened.
    """
    if not (domain in EXTENSIVE_DOMAINS if extensive is None else extensive):
        return 1.0, Message("widening.ratio")
    one = changes[changes["h"] == 1].copy()
    if one.empty:
        return 1.0, Message("widening.no_changes")
    one["dev"] = one["change"] - one.groupby("start")["change"].transform("median")
    one["rank"] = one.groupby("start")["size"].rank(pct=True)
    small = one[one["rank"] <= 1.0 / 3.0]
    if len(small) < MIN_SIZE_CHANGES:
        return 1.0, Message("widening.few_small", {"n": len(small)})
    ratio = _iqr(small["dev"].to_numpy()) / max(_iqr(one["dev"].to_numpy()), 1e-12)
    if ratio <= 1.0:
        return 1.0, Message("widening.not_spread", {"ratio": f"{ratio:.2f}"})
    return _r(ratio), Message("widening.spread", {"ratio": f"{ratio:.2f}"})


def widening_reason(basis: Message | Mapping[str, Any]) -> Message:
    """The reason a class was (not) widened, from a message or its record (as a class file stores it)."""
    return basis if isinstance(basis, Message) else Message.from_record(basis)


def class_from_frame(
    frame: pd.DataFrame,
    *,
    indicator: str | None,
    domain: str,
    class_id: str = "caller",
    source: str = "panel passed by the caller",
    max_horizon: int = MAX_CLASS_HORIZON,
    known_by: int | None = None,
) -> ReferenceClass:
    """Summarise a tidy panel (``region, year, value``) of one indicator as a reference class.

    ``known_by``: use only the years up to then (the growth that had happened by a forecast's origin).
    """
    tidy = _check_frame(frame, indicator, domain)
    if known_by is not None:
        tidy = tidy[tidy["year"] <= known_by]
    changes = _changes(tidy, domain, max_horizon)
    quantiles, counts = {}, {}
    for h, rows in changes.groupby("h", sort=True):
        if len(rows) < MIN_CHANGES:
            continue
        quantiles[int(h)] = tuple(_r(q) for q in np.quantile(rows["change"].to_numpy(), GROWTH_P))
        counts[int(h)] = len(rows)
    if not quantiles:
        raise ForecastError(
            f"the reference panel gives fewer than {MIN_CHANGES} changes at every horizon; a reference class "
            "needs more units or more years"
        )
    widening, basis = size_widening(changes, domain, extensive=is_extensive(domain, indicator))
    return ReferenceClass(
        id=class_id,
        indicator=indicator or "",
        domain=domain,
        source=source,
        regions=tuple(sorted(tidy["region"].unique())),
        first_year=int(tidy["year"].min()),
        last_year=int(tidy["year"].max()),
        quantiles=quantiles,
        n_changes=counts,
        widening=widening,
        widening_basis=basis,
        panel=tidy,
        fingerprint=frame_fingerprint(tidy),
    )


def frame_fingerprint(frame: pd.DataFrame) -> str:
    """A checksum of a frame's region, year, value (and indicator) columns: same content, same fingerprint."""
    columns = [c for c in ("region", "year", "value", "indicator") if c in frame.columns]
    hashed = pd.util.hash_pandas_object(frame[columns], index=False).to_numpy()
    return hashlib.sha256(",".join(columns).encode() + hashed.tobytes()).hexdigest()[:20]


#: Classes built from callers' frames, by (fingerprint, indicator, domain): a frame seen again is not rebuilt.
_FRAME_CLASSES: dict[tuple[str, str | None, str], ReferenceClass] = {}
_FRAME_CLASSES_MAX = 32


def as_class(reference: Any, *, indicator: str | None, domain: str) -> ReferenceClass:
    """A ReferenceClass from what a caller passed (a class, its JSON dict or a tidy frame), checked.

    A class of another indicator is refused with a ParameterError: growth of a different indicator says
    nothing reliable about this one.
    """
    if isinstance(reference, dict):
        reference = ReferenceClass.from_json(reference)
    if isinstance(reference, ReferenceClass):
        if indicator is not None and reference.indicator != indicator:
            raise ParameterError(
                f"reference class {reference.id!r} is of indicator {reference.indicator!r}, "
                f"not {indicator!r}; use a class of the same indicator (data/raw/indicators.csv, column "
                "reference_class)"
            )
        if reference.domain != domain:
            raise ParameterError(
                f"reference class {reference.id!r} is on the {reference.domain!r} domain, not {domain!r}"
            )
        return reference
    if isinstance(reference, pd.DataFrame) and {"region", "year", "value"} <= set(reference.columns):
        key = (frame_fingerprint(reference), indicator, domain)
        if key not in _FRAME_CLASSES:
            if len(_FRAME_CLASSES) >= _FRAME_CLASSES_MAX:
                _FRAME_CLASSES.pop(next(iter(_FRAME_CLASSES)))
            _FRAME_CLASSES[key] = class_from_frame(reference, indicator=indicator, domain=domain)
        return _FRAME_CLASSES[key]
    return class_from_frame(reference, indicator=indicator, domain=domain)


def class_changes(cls: ReferenceClass, horizon: int, uniforms: np.ndarray) -> np.ndarray:
    """Changes on the growth scale for h = 1..horizon at the given uniforms (n × horizon), widened."""
    available = sorted(cls.quantiles)
    if horizon > available[-1]:
        raise ForecastError(
            f"reference class {cls.id!r} covers horizons up to {available[-1]} years, not {horizon}; it has "
            "no evidence on growth that far ahead",
            code="warning.class_horizon",
            params={"population": cls.id, "horizon": available[-1], "needed": horizon},
        )
    out = np.empty_like(uniforms)
    for h in range(1, horizon + 1):
        # a horizon without enough changes borrows the nearest longer one that has them (wider, not narrower)
        use = min(k for k in available if k >= h)
        table = np.asarray(cls.quantiles[use], dtype=float)
        median = float(np.interp(0.5, GROWTH_P, table))
        raw = np.interp(uniforms[:, h - 1], GROWTH_P, table)
        out[:, h - 1] = median + cls.widening * (raw - median)
    return out


def shipped_classes(path: str | Path | None = None) -> dict[str, ReferenceClass]:
    """The reference classes shipped with the package, by id."""
    data = derived_json(path if path is not None else CLASSES_PATH, "reference classes")
    return {k: ReferenceClass.from_json(v) for k, v in data["classes"].items()}


def small_unit_text(small: dict[str, Any], lang: str = "zh", has_class: bool = True) -> str:
    """What the page says about widening for a small unit (the class's size relation, or why none)."""
    if not small:
        return label("class_text.not_widened" if has_class else "class_text.not_widened_no_class", lang)
    return label(
        "class_text.widened",
        lang,
        factor=f"{small['factor']:.2f}",
        slope=f"{small['slope']:+.2f}",
        beyond=label("class_text.beyond_smallest", lang) if small["beyond_smallest"] else "",
    )


def own_weight_text(learned: dict[str, Any], lang: str = "zh") -> str:
    """How much of a 2-5 point forecast's yearly growth is the unit's own, and how much its class's."""
    own = float(learned["own_trend_weight"])
    shares = {"own": f"{own:.0%}", "rest": f"{1.0 - own:.0%}"}
    if not learned.get("class_year"):
        return label("class_text.own_weight_library", lang, **shares)
    growth = learned.get("class_growth_pct")
    if growth is None:
        return label("class_text.own_weight_class_share", lang, **shares)
    return label("class_text.own_weight_class", lang, growth=f"{growth:+.1%}", **shares)


def resembles_text(weights: dict[str, float], lang: str = "zh") -> str:
    """Which validated populations a unit without a class resembles, by its growth and noise (posterior)."""
    return label("class_text.resembles", lang, parts=populations_text(weights, lang))


def own_validation_text(own: dict[str, Any], lang: str = "zh", *, short: bool = False) -> str:
    """How the probabilities held on one population when it was left out of the fit (``short``: without
    the aims, for a list)."""
    # the gap's range for a forecast calibrated by construction on the same events (derive.chance)
    low, high = own.get("chance", {}).get("range", {}).get("gap") or (float("nan"), float("nan"))
    text = label(
        "class_text.population_short" if short else "class_text.own_population",
        lang,
        population=population_text(own["population"], lang),
        brier=f"{own['brier']:.3f}",
        base=f"{own['brier_base_rate']:.3f}",
        gap=f"{own['gap']:.3f}",
        low=f"{low:.2f}",
        high=f"{high:.2f}",
        cover_80=f"{own['cover_80']:.3f}",
        cover_95=f"{own['cover_95']:.3f}",
    )
    if short or "bias" not in own:
        return text
    # which way the probabilities missed, and in how many years: a reader of a class whose trend shifted
    # (too low year after year) reads the probability shown with that in mind
    text += label("class_text.own_bias", lang, bias=bias_text(own, lang))
    # and the misses a right forecast would not show on these events: the ones to weigh the page by
    beyond = [aim for aim, verdict in own.get("chance", {}).get("misses", {}).items() if verdict == "beyond"]
    if beyond:
        text += label(
            "class_text.own_beyond", lang, aims=parts_text([aim_text(a, lang) for a in beyond], lang)
        )
    return text


def class_table(description: dict[str, Any], lang: str = "zh") -> pd.DataFrame:
    """The reference class and the learned persistence a judgement used, as a two-column table."""
    rows: dict[str, str] = {}
    if "id" in description:
        rows = {
            "indicator": indicator_text(description["indicator"], lang),
            "source": source_text(description, lang),
            "regions": list_text(regions_text(description["regions"], lang), lang),
            "years": f"{description['years'][0]}–{description['years'][1]}",
            "n": f"{description['n_regions']} / {sum(description['n_changes'].values())}",
        }
        if not description.get("persistence"):
            # the outside view's widening; a 2-5 point forecast widens by the class's size relation instead
            rows["widening"] = f"×{description['widening']:.2f}" + label(
                "punct.bracketed", lang, text=message_text(description["widening_basis"], lang)
            )
    learned = description.get("persistence")
    if learned:
        year = learned.get("class_year")
        rows["persistence"] = label(
            "class_text.persistence",
            lang,
            carries=f"{learned['p_trend_carries']:.2f}",
            fades=f"{learned['p_trend_fades']:.2f}",
            tau=f"{learned['median_tau']:g}",
            basis=label("class_text.basis_class", lang, year=year)
            if year
            else label("class_text.basis_library", lang),
        )
        if learned.get("own_trend_weight") is not None:
            rows["own_weight"] = own_weight_text(learned, lang)
        if learned.get("resembles"):
            rows["resembles"] = resembles_text(learned["resembles"], lang)
        validated = learned.get("validation") or {}
        resembled = [
            {"population": name, **validated["scores"][name]}
            for name in learned.get("resembles", {})
            if name in validated.get("scores", {})
        ]
        if resembled:
            rows["resembled_validation"] = parts_text(
                (own_validation_text(scores, lang, short=True) for scores in resembled), lang
            )
        if validated:
            total = len(validated["populations"])
            parts = [
                f"{aim_text(aim, lang)}{label('punct.colon', lang)}{len(names)}/{total}"
                + label(
                    "punct.bracketed", lang, text=list_text((population_text(n, lang) for n in names), lang)
                )
                for aim, names in validated["met"].items()
            ]
            gap = validated.get("pooled_outside_china_gap")
            if gap is not None:
                parts.append(label("class_text.pooled_gap", lang, gap=f"{gap:.3f}"))
            rows["validated"] = parts_text(parts, lang)
            # a shipped class is itself a validated population: how it scored when left out
            own = (
                validated.get("scores", {}).get(description.get("id", ""))
                if learned.get("class_year")
                else None
            )
            if own:
                rows["validated_own"] = own_validation_text({"population": description["id"], **own}, lang)
        rows["small_unit"] = small_unit_text(
            learned.get("small_unit") or {}, lang, has_class="id" in description
        )
    return pd.DataFrame(
        {
            label("class.item", lang): [label(f"class.{k}", lang) for k in rows],
            label("class.value", lang): list(rows.values()),
        }
    )


def regions_text(regions: Iterable[str], lang: str = "zh") -> list[str]:
    """The units of a class as a reader names them: as the panel writes them (Chinese) on a Chinese page; on
    an English page each in English (regions.csv's ``name_en`` for a region the catalogue knows, the
    ``province`` table of the words for a province, the name itself otherwise), in English alphabetical
    order, since the panel's order is the order of the Chinese names."""
    names = list(regions)
    if check_lang(lang) == "zh":
        return names
    known = catalogue.regions()

    def english(name: str) -> str:
        found = known.get(name)
        if found is not None and found.name_en:
            return found.name_en
        return label(f"province.{name}", lang) if has_label(f"province.{name}") else name

    return sorted(map(english, names), key=str.casefold)


def indicator_text(indicator: str, lang: str = "zh") -> str:
    """An indicator's name in ``lang`` from the catalogue (indicators.csv), its id when it is not there."""
    found = catalogue.indicators().get(indicator)
    if found is None:
        return indicator
    return found.name_en if lang == "en" else found.name_zh


def source_text(description: dict[str, Any], lang: str = "zh") -> str:
    """Where a class's figures come from, in ``lang``: a shipped class names its panel's file and variable
    (panels.PANELS); a class built from a caller's panel says what the caller said."""
    from .panels import PANEL_NAMES, panel_spec

    if description["id"] not in PANEL_NAMES:
        return str(description["source"])
    spec = panel_spec(description["id"])
    return label("class_text.source_panel", lang, file=spec.file, variable=spec.variable)


def aim_text(aim: str, lang: str = "zh") -> str:
    """An aim of the leave-one-population-out validation as a reader reads it (its code if unknown)."""
    code = f"aim.{aim}"
    return label(code, lang) if has_label(code) else aim
