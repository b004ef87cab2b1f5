"""The one language layer: codes and numbers in, words out, in Chinese or English.

The words live in one catalogue per language, ``locale/zh.toml`` and ``locale/en.toml`` (shipped as package
data), keyed by the same codes: a table ``[col]`` with ``action = "行动"`` is the code ``col.action``.
:func:`label` looks a code up and fills its ``{placeholders}``; :func:`message_text` turns a
:class:`Message` (a code and its parameters as the judgement gives them: numbers, years, codes) into a
sentence, formatting each parameter for the language. Numbers go through :func:`fmt_value` (a value with
its unit, bound and year) and :func:`fmt_pct` (a growth rate), so a missing value reads the same everywhere.
An unknown language is a :class:`~hzanalysis.errors.ParameterError`, never a silent fall-back to Chinese.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from .errors import ParameterError

LANGS: tuple[str, ...] = ("zh", "en")
#: The ``lang`` attribute of an HTML page in each language.
HTML_LANG: dict[str, str] = {"zh": "zh-CN", "en": "en"}
#: What every formatter shows for a value that is not there.
MISSING = "—"


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Every code of the catalogue in ``lang`` and its text (read once from ``locale/<lang>.toml``)."""
    text = (files("hzanalysis") / "locale" / f"{check_lang(lang)}.toml").read_text(encoding="utf-8")
    flat: dict[str, str] = {}

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(f"{prefix}{key}.", value)
            else:
                flat[prefix + key] = value

    walk("", tomllib.loads(text))
    return MappingProxyType(flat)


def check_lang(lang: object) -> str:
    """``lang`` itself when it is "zh" or "en"; otherwise a ParameterError that says what to pass."""
    if lang not in LANGS:
        raise ParameterError(f"lang: expected 'zh' (Chinese) or 'en' (English); found {lang!r}")
    return str(lang)


def label(key: str, lang: str = "zh", **values: object) -> str:
    """The text for the code ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    text = catalogue(check_lang(lang))[key]
    return text.format(**values) if values else text


def prose_text(key: str, lang: str = "zh", **fields: object) -> str:
    """The Markdown of one prose section of a notebook, in ``lang``, with the plan's ``{fields}`` filled.

    The fields (plan_title, deadline, region, ...) come from ``display.plan_words``; a section that names
    one not given is a ParameterError, so no page shows a raw ``{deadline}``.
    """
    text = label(f"prose.{key}", lang)
    try:
        return text.format(**fields)
    except KeyError as exc:
        raise ParameterError(
            f"prose {key!r} needs the field {exc.args[0]!r}; pass the plan (plan=...)"
        ) from None


def number_word(n: int, lang: str = "zh") -> str:
    """A small count in words (五大行动, five actions: 两, not 二, before a measure word); digits past ten."""
    return label(f"number.{n}", lang) if 0 <= n <= 10 else str(n)


def has_label(key: str) -> bool:
    """True when the catalogue has ``key`` (used to put headers on frames with plain keys)."""
    return key in catalogue("zh")


def is_missing(value: object) -> bool:
    """None, NaN and pandas' NA all count as missing."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pd.NA (whose comparison is NA, falsy-ambiguous) are missing
    except TypeError:
        return True


def action_text(action_zh: object, action_en: object, lang: str = "zh") -> str:
    """An action's name in ``lang``; a drafted plan whose English names await review shows the Chinese."""
    english = "" if is_missing(action_en) else str(action_en).strip()
    chinese = "" if is_missing(action_zh) else str(action_zh)
    return (english or chinese) if check_lang(lang) == "en" else chinese


def unit_text(unit: str | None, lang: str = "zh") -> str:
    """The unit as written after a number: the Chinese unit, or its English rendering."""
    if not unit or is_missing(unit):
        return ""
    if check_lang(lang) == "zh":
        return str(unit)
    return catalogue("en").get(f"unit.{unit}", f" {unit}")


#: Bounds as printed: the mathematical signs, not the ASCII the data files use (">=95万平方米" read as code).
BOUND_SIGNS = {">=": "≥", "<=": "≤"}


def fmt_value(
    value: float | None,
    unit: str | None = "",
    bound: str | None = "=",
    year: int | None = None,
    lang: str = "zh",
) -> str:
    """A number as readers see it: ``>40%（2023）``, ``120 units (2024)``; an em dash when it is missing."""
    check_lang(lang)
    if value is None or is_missing(value):
        return MISSING
    prefix = "" if bound in (None, "=") or is_missing(bound) else BOUND_SIGNS.get(str(bound), str(bound))
    text = f"{prefix}{float(value):g}{unit_text(unit, lang)}"
    if year is not None and not is_missing(year):
        text += label("punct.bracketed", lang, text=int(year))
    return text


def fmt_pct(value: float | None, signed: bool = True, digits: int = 1) -> str:
    """A rate as a percentage (``+5.0%``), or an em dash when it is missing or not finite."""
    if value is None or is_missing(value) or not math.isfinite(float(value)):
        return MISSING
    return f"{float(value):{'+' if signed else ''}.{digits}%}"


def fmt_number(x: float) -> str:
    """A number as a reader writes it: 3.75, 0.1529, 1,234, 4,000,000,000 (an em dash when not finite)."""
    if not math.isfinite(x):
        return MISSING
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    text = f"{x:.4g}"
    return text if "e" not in text else f"{x:.6f}".rstrip("0").rstrip(".")


def fmt_year(y: float) -> str:
    """A year as written in prose (2024); a fractional one as a number."""
    return str(int(y)) if math.isfinite(y) and float(y).is_integer() else fmt_number(y)


def years_text(years: Sequence[int], lang: str = "zh") -> str:
    """Years as prose: ``2023年、2024年`` or ``2023, 2024``."""
    return list_text((label("value.year", lang, year=y) for y in years), lang)


@dataclass(frozen=True)
class Message:
    """A sentence as the judgement gives it: a catalogue code and its parameters, never words.

    Parameters are plain values (stored as they are in ``assessments.json``) and :func:`message_text`
    formats each by its name: ``years`` a list of years; ``inputs`` a list of codes under ``input.``;
    ``*_pct``/``*_pct0`` a rate with two/no decimals; ``*year``, ``deadline`` and ``period_start`` a year;
    ``population`` a population or class code, ``populations`` codes with their weights (named from the
    catalogue's ``population`` table); ``{"value": v, "unit": u}`` a figure with its unit;
    ``{"code": ..., "params": ...}`` a message within the message; ``{"zh": ..., "en": ...}`` a name taken
    from the data (a bureau), and a list of such names or of plain strings as a list in prose; other numbers
    as a reader writes them; strings as they are. Codes the words cannot name (region ids) are named by the
    layer that knows them before the message is rendered (``Assessment.missing_text``).
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        """The message in English: what a log, the terminal or an exception text shows."""
        return message_text(self, "en")

    def record(self) -> dict[str, Any]:
        """The message as plain JSON values."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Message:
        """The message of :meth:`record`."""
        return cls(str(record["code"]), dict(record.get("params") or {}))


def _param_text(name: str, value: Any, lang: str) -> str:
    if name == "population":
        return population_text(str(value), lang)
    if name == "populations":  # population code -> weight, in the order given
        return populations_text(value, lang)
    if isinstance(value, Mapping):
        if "code" in value:  # a message inside a message (the reason a class was widened)
            return message_text(value, lang)
        if "value" in value:
            return fmt_value(value["value"], value.get("unit"), lang=lang)
        return str(value[lang])
    if name == "years":
        return years_text([int(y) for y in value], lang)
    if name == "inputs":
        return list_text((label(f"input.{code}", lang) for code in value), lang)
    if isinstance(value, (list, tuple)):  # names taken from the data, each in both languages
        return list_text((str(v[lang]) if isinstance(v, Mapping) else str(v) for v in value), lang)
    if isinstance(value, (str, bool)):
        return str(value)
    if name.endswith("_pct0"):
        return fmt_pct(value, signed=False, digits=0)
    if name.endswith("_pct"):
        return fmt_pct(value, signed=False, digits=2)
    if value is None:
        return MISSING
    if name.endswith("year") or name in ("deadline", "period_start"):
        return fmt_year(float(value))
    return fmt_number(float(value))


def list_text(items: Iterable[str], lang: str = "zh") -> str:
    """Names as a list in prose: ``海州区、连云区`` or ``Haizhou District, Lianyun District``."""
    return label("punct.list", lang).join(items)


def parts_text(items: Iterable[str], lang: str = "zh") -> str:
    """Clauses of one statement, each a whole part: ``甲：1；乙：2`` or ``a: 1; b: 2``."""
    return label("punct.parts", lang).join(items)


def populations_text(weights: Mapping[str, float], lang: str = "zh") -> str:
    """Populations with their weights, in the order given: ``旅游（外部面板） 0.62；…``."""
    return parts_text(
        (f"{population_text(str(code), lang)} {float(w):.2f}" for code, w in weights.items()), lang
    )


def bias_text(scores: dict[str, Any], lang: str = "zh") -> str:
    """How a population's probabilities missed when it was left out: mean probability minus observed
    frequency, and in how many origin years they were too low or too high ("—" when not scored)."""
    if "bias" not in scores:
        return "—"
    return label(
        "validation.bias",
        lang,
        bias=f"{scores['bias']:+.3f}",
        low=scores["years_low"],
        high=scores["years_high"],
        years=scores["years"],
    )


def population_text(code: str, lang: str = "zh") -> str:
    """A validated population, reference class or panel as a reader names it (its code if unknown)."""
    key = f"population.{code}"
    return label(key, lang) if has_label(key) else code


def message_text(message: Message | Mapping[str, Any] | None, lang: str = "zh") -> str:
    """The words of a :class:`Message` (or its record) in ``lang``; "" for no message."""
    if not message:
        return ""
    if not isinstance(message, Message):
        message = Message.from_record(message)
    check_lang(lang)
    params = {name: _param_text(name, value, lang) for name, value in message.params.items()}
    return label(message.code, lang, **params)
