"""Adding a region: one row of ``data/raw/regions.csv``, written by ``hzanalysis region add``.

A region id is the Chinese name the observation files and plans use (青石县); regions of different scope
are different regions. ``peer_group`` names the group a rank target is judged in (``lyg_county`` for the
six county units of Lianyungang); a new region outside it leaves the column empty.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path
from typing import Any

from . import catalogue
from .catalogue import LEVELS, regions_path
from .errors import ParameterError
from .fileio import atomic_write_text

COLUMNS: tuple[str, ...] = catalogue.REGION_COLUMNS


def region_ids() -> list[str]:
    """The ids of the regions of ``regions.csv`` (:func:`hzanalysis.catalogue.regions`, read once)."""
    return list(catalogue.regions())


def add_region_hint(region: str) -> str:
    """How to add a region: the command, and the row it writes (for messages that meet an unknown one)."""
    return (
        f'run `hzanalysis region add {region} --name-en "<English name>" --level county` '
        f"(or add the row '{region},<English name>,county,<parent>,' to {regions_path()})"
    )


def add_region(
    region: str, name_en: str, level: str = "county", parent: str = "", peer_group: str = ""
) -> Path:
    """Append one region to ``regions.csv`` (rewritten atomically); refuse an id already there."""
    region, name_en = region.strip(), name_en.strip()
    if not region or re.search(r"[,\s\"]", region):
        raise ParameterError(f"region id {region!r}: expected the region's Chinese name, e.g. 青石县")
    if not name_en or "\n" in name_en:
        raise ParameterError('--name-en: expected the region\'s English name, e.g. "Qingshi County"')
    if level not in LEVELS:
        raise ParameterError(f"--level {level!r}: expected one of {', '.join(LEVELS)}")
    known = region_ids()
    if region in known:
        raise ParameterError(f"region {region!r} is already in {regions_path()}; nothing written")
    if parent and parent not in known:
        raise ParameterError(
            f"--parent {parent!r} is not a region of {regions_path()}; add it first or leave --parent out"
        )
    text = regions_path().read_text(encoding="utf-8")
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerow([region, name_en, level, parent, peer_group])
    return atomic_write_text(regions_path(), text.rstrip("\n") + "\n" + row.getvalue())


def add_region_commands(sub: Any) -> None:
    """Add ``region add`` to the ``hzanalysis`` parser's subcommands."""
    region = sub.add_parser("region", help="add a region to data/raw/regions.csv")
    region_sub = region.add_subparsers(title="region commands")
    add = region_sub.add_parser(
        "add", help="add a region, so that its plans and observation files are accepted"
    )
    add.add_argument("id", help="the region's Chinese name as plans and data files write it, e.g. 青石县")
    add.add_argument("--name-en", required=True, help='the English name, e.g. "Qingshi County"')
    add.add_argument("--level", default="county", choices=LEVELS, help="administrative level")
    add.add_argument("--parent", default="", help="the region it belongs to, if listed (e.g. 连云港市)")
    add.add_argument(
        "--peer-group",
        default="",
        help="the group rank targets are judged in (lyg_county: Lianyungang's county units)",
    )
    add.set_defaults(handler=_add_command)


def _add_command(args: argparse.Namespace) -> int:
    path = add_region(args.id, args.name_en, args.level, args.parent, args.peer_group)
    print(f"added {args.id} to {path}")
    return 0
