"""Which part of the search index each page goes into.

Why parts: the Pagefind indexer holds everything it indexes until it writes, about 0.4–0.6 MB a
report page, so one index of 100,000 reports cannot be made on one machine. The report pages are
indexed in parts of at most ``part_pages`` pages, each by its own Pagefind run, and the browser
merges them into one search (Pagefind's multisite search, assets/jixiao/search.js).

A part is one year of reports (reports/<year>/…): a year's pages change together, and past years
not at all, so a rebuilt or served site re-indexes only the year that changed. A year with more
pages than the budget is cut into parts by a hash of each page's address, so that a page stays in
its part while others are added. Every other indexed page (the home page and the pages written by
hand) is the main index, at pagefind/ itself; each part is at pagefind/parts/<name>/ and
pagefind/jixiao-parts.json lists them.
"""

from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

BUNDLE_DIR = "pagefind"  # the site's own folder: search.js imports pagefind/pagefind.js from it
PARTS_DIR = "parts"
PARTS_FILE = "jixiao-parts.json"
# Measured (search.pagefind_memory_mb): 0.6 MB of the indexer a report page and 60 MB a run. At
# 1,000 pages two runs fit the default search_memory together (1,320 MB of 1,400), so on two cores
# the indexing never leaves one idle waiting for memory: with 1,500, a year of 1,450 reports ran
# alone or beside a part of at most 470 pages, and one core idled for a tenth of the indexing.
# Two halves cost the processor time of the whole (10,000 reports' 2025: 8.2 s against 8.3–9.1 s,
# a run costs 0.27 s whatever its pages) and their bundles are 7% larger.
PART_PAGES = 1000


@dataclass
class Part:
    name: str  # "" for the main index; "2024", or "2024-2" when a year is cut
    year: str | None = None
    pages: list[str] = field(default_factory=list)  # site-relative paths of the HTML files

    @property
    def bundle(self) -> str:
        """Its folder, relative to the site."""
        return BUNDLE_DIR if not self.name else f"{BUNDLE_DIR}/{PARTS_DIR}/{self.name}"


def site_pages(site_dir: Path, skip: set[str]) -> list[str]:
    """The HTML pages of the site outside the top-level folders in ``skip`` (and the bundle)."""
    site_dir = Path(site_dir)
    pages = []
    for entry in sorted(site_dir.iterdir()):
        if entry.name in skip or entry.name == BUNDLE_DIR or entry.name.startswith("."):
            continue
        if entry.is_dir():
            for folder, dirs, files in os.walk(entry):
                dirs.sort()
                pages.extend(Path(folder, name).relative_to(site_dir).as_posix()
                             for name in sorted(files) if name.endswith(".html"))
        elif entry.suffix == ".html":
            pages.append(entry.name)
    return pages


def _bucket(page: str, count: int) -> int:
    return int(hashlib.sha1(page.encode("utf-8")).hexdigest()[:8], 16) % count


def plan(pages: list[str], reports_dir: str = "reports", part_pages: int = PART_PAGES) -> list[Part]:
    """The main index first, then the parts by name. Pages of ``reports_dir/<year>/`` go to their
    year's part; a year's own index pages (reports_dir/<year>/index.html, if any) too."""
    main = Part("")
    years: dict[str, list[str]] = {}
    prefix = reports_dir.strip("/") + "/"
    for page in pages:
        rest = page[len(prefix):] if page.startswith(prefix) else None
        if rest and "/" in rest:
            years.setdefault(rest.split("/", 1)[0], []).append(page)
        else:
            main.pages.append(page)
    parts = []
    for year, year_pages in sorted(years.items()):
        count = max(1, math.ceil(len(year_pages) / part_pages))
        cut = [Part(year if count == 1 else f"{year}-{number + 1}", year) for number in range(count)]
        for page in year_pages:
            cut[_bucket(page, count)].pages.append(page)
        parts.extend(part for part in cut if part.pages)
    if not main.pages and parts:
        # Pagefind writes no index of no pages, and the browser loads the main one first: the
        # first part takes its place.
        first = parts.pop(0)
        main.pages, main.year = first.pages, first.year
    return [main] + parts
