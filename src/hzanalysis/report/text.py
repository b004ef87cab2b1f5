"""Visible text of the runner's own pages (run index, runs index, latest, failure page), per language.

The words are the catalogue's ``run.*`` codes (``locale/<lang>.toml``): Chinese pages carry the English
beside the Chinese; the English text stands alone.
"""

from __future__ import annotations

from ..labels import catalogue


def texts(lang: str) -> dict[str, str]:
    """Every text of the runner's pages in ``lang`` ("zh" or "en"), by its code without ``run.``."""
    return {code[4:]: text for code, text in catalogue(lang).items() if code.startswith("run.")}
