"""Which years hold a department's reports, or a report's title: for the header's search.

The search index is in parts, a year each, and the header's box reads the newest years first
(assets/jixiao/search.js). A query that is the name of a department with no report in recent
years read every year before it found one: at 10,000 reports 1.4 MB for its first query. Looked
up here first, such a name reads only its own years.

The names are cut into ``SHARDS`` small files by a hash of the name, so the box downloads one
file of a few kilobytes (about 60 names at 10,000 reports), and at 100,000 reports still well
under the budget of a first query. A name is the text as the page shows it, spaces closed up;
the script computes the same hash (FNV-1a over UTF-16 code units) of the query.
"""

from __future__ import annotations

import json
import re
import struct
from collections import defaultdict
from pathlib import Path

SHARDS = 256
_SPACES = re.compile(r"\s+")


def normal(name: str) -> str:
    return _SPACES.sub(" ", name).strip()


def shard_of(name: str) -> int:
    """FNV-1a, 32 bits, over the UTF-16 code units of ``name`` (JavaScript's string units)."""
    encoded = name.encode("utf-16-le")
    value = 0x811C9DC5
    for unit in struct.unpack(f"<{len(encoded) // 2}H", encoded):
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    return value % SHARDS


def name_years(entries, reports_dir: str, unknown: str) -> dict[str, list[str]]:
    """Each department's name and each title, with the years of the search's parts holding them:
    the year folder of each report's address (search_parts.plan reads the same one)."""
    prefix = reports_dir.strip("/") + "/"
    years: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        rest = entry.url[len(prefix):] if entry.url.startswith(prefix) else ""
        if "/" not in rest:
            continue
        folder = rest.split("/", 1)[0]
        for name in (entry.department, entry.title):
            if name and name != unknown:
                years[normal(name)].add(folder)
    return {name: sorted(found) for name, found in years.items()}


def write_names(entries, folder: Path, reports_dir: str, unknown: str) -> None:
    """<folder>/<shard>.json, every shard (an empty one too: a query that names nothing must not
    be a missing file in the reader's console); each written whole."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shards: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for name, years in sorted(name_years(entries, reports_dir, unknown).items()):
        shards[shard_of(name)][name] = years
    for number in range(SHARDS):
        text = json.dumps(shards.get(number, {}), ensure_ascii=False, separators=(",", ":"))
        (folder / f"{number:02x}.json").write_text(text, encoding="utf-8")
