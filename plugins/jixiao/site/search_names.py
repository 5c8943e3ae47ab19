"""Which parts of the search index hold a department's reports, or a report's title: for the
header's search.

The search index is in parts, a year each, a large year cut into several (search_parts.py), and
the header's box reads the newest parts first (assets/jixiao/search.js). A query that is the name
of a department with few reports, or none in recent years, read part after part before it found
them: at 10,000 reports 1.4 MB for its first query, at 100,000 a department with 15 reports over
nine years read all 71 parts, 8.6 MB. Looked up here first, such a name reads only the parts
that hold its reports, newest first.

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


def name_parts(entries, part_of, unknown: str) -> dict[str, list[str]]:
    """Each department's name and each title, with the names of the index's parts holding its
    reports' pages (``part_of(entry)``: a part's name, or None for the main index, which the
    browser always reads)."""
    found: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        part = part_of(entry)
        if not part:
            continue
        for name in (entry.department, entry.title):
            if name and name != unknown:
                found[normal(name)].add(part)
    return {name: sorted(parts) for name, parts in found.items()}


def write_names(entries, folder: Path, part_of, unknown: str) -> None:
    """<folder>/<shard>.json, every shard (an empty one too: a query that names nothing must not
    be a missing file in the reader's console); each written whole."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shards: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for name, parts in sorted(name_parts(entries, part_of, unknown).items()):
        shards[shard_of(name)][name] = parts
    for number in range(SHARDS):
        text = json.dumps(shards.get(number, {}), ensure_ascii=False, separators=(",", ":"))
        (folder / f"{number:02x}.json").write_text(text, encoding="utf-8")
