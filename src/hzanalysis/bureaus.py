"""Bureau names as readers see them: the plan's short names and the catalogue's holders, in Chinese or
English (the Chinese in brackets), for the pages, the CLI and the sentences ``assess`` writes.
"""

from __future__ import annotations

from functools import cache

from .labels import check_lang
from .observations import load_indicators

#: The plan's short names of responsible units (as the plan writes them) in English; names the indicator
#: catalogue already pairs (区科技局 …) come from its holder_zh / holder_en columns.
UNIT_NAMES_EN = {
    "区委组织部": "District Party Organisation Department",
    "高新区组织人事部": "High-tech Zone Organisation and Personnel Department",
    "科技局": "Science and Technology Bureau",
    "科经局": "High-tech Zone Science and Economy Bureau",
    "发改局": "Development and Reform Bureau",
    "工信局": "Industry and Information Technology Bureau",
    "商务局": "Commerce Bureau",
    "财政局": "Finance Bureau",
    "税务局": "Tax Bureau",
    "市场监管局": "Market Supervision Bureau",
    "双创中心": "Innovation and Entrepreneurship Centre",
    "住建局": "Housing and Urban-Rural Development Bureau",
    "统计局": "Statistics Bureau",
    "各中心": "the zone's centres",
}


@cache
def _bureau_names_en() -> dict[str, str]:
    """Chinese bureau name → English, paired from the catalogue's holder_zh / holder_en columns."""
    names: dict[str, str] = dict(UNIT_NAMES_EN)
    catalogue = load_indicators()
    for zh, en in zip(catalogue["holder_zh"], catalogue["holder_en"], strict=True):
        zh_parts, en_parts = str(zh).split("、"), str(en).split("; ")
        if len(zh_parts) == len(en_parts):
            names.update(zip(zh_parts, en_parts, strict=True))
    return names


def bureau_text(names: str | list[str] | tuple[str, ...], lang: str = "zh") -> str:
    """Bureau names joined for reading; in English each known name is translated, Chinese in brackets."""
    parts = [n for n in (names.split("、") if isinstance(names, str) else names) if n]
    if check_lang(lang) == "zh":
        return "、".join(parts)
    # The plan lists the district's units, then the high-tech zone's from its first 高新区… name on
    # (区科技局、财政局、…，高新区科经局、财政局、…): the same short name 财政局 is two bureaus, so in
    # English each says whose it is. A list with no zone unit is left as the plan wrote it.
    has_zone = any(n.startswith(_ZONE) for n in parts)
    english, zone = [], False
    for name in parts:
        zone = zone or name.startswith(_ZONE)
        english.append(_bureau_en(name, ("zone" if zone else "district") if has_zone else None))
    return "; ".join(f"{en} ({n})" if en else n for n, en in zip(parts, english, strict=True))


_ZONE = "高新区"
_OWNED = ("District", "High", "the ")


def _bureau_en(name: str, side: str | None = None) -> str:
    """One bureau in English, or "" when unknown. A plan may write the district's bureau with its 区
    prefix (区财政局) or the zone's with 高新区 where the list knows the short name (财政局); ``side``
    ("district", "zone") names whose a short name is when the list has both."""
    known = _bureau_names_en()
    if name in known and known[name].startswith(_OWNED):  # 高新区组织人事部: the list names it whole
        return known[name]
    if name.startswith(_ZONE):
        name, side = name.removeprefix(_ZONE), "zone"
    elif name not in known and name.startswith("区"):
        name, side = name[1:], "district"
    english = known.get(name, "")
    if not english or english.startswith(_OWNED) or side is None:
        return english
    return f"{'High-tech Zone' if side == 'zone' else 'District'} {english}"
