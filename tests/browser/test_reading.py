"""The public's reading experience, at a phone's width (390×844) and a laptop's (1366×900): the pages
of the seed site (with the hostile records of the other browser tests) where a page could be wider
than its kind's largest — every report, every page showing a hostile record's strings — and the
largest page of each kind of the seed site and of a generated site of 200 reports (every page
of both with JIXIAO_READ_EVERY_PAGE=1): no page is wider
than the screen, no table cell of four or more characters is narrower than three characters,
nothing breaks on the page; axe finds no serious or critical violation on a page of each kind at
either width; the home page shows what the portal holds, and every report links to the page of
its scoring scheme. Screenshots of the home, report, list, profile and dashboard pages at both
widths go to test-artifacts/screenshots/reading-*.png.

Time is the constraint (a page takes about a tenth of a second to load on a 2-core machine, axe
half a second): each page is loaded once, checked at the laptop's width, then at the phone's by
resizing the window, and axe runs once per kind and width.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
from browserkit import SCREENSHOTS, kind_of
from test_accessibility import blocking, run_axe

WIDTHS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1366, "height": 900}},
}

# One script per page: the page's overflow, table cells too narrow for their text, and (in the
# report pages) the scheme link. A cell is measured only where it is shown: the column headers of a
# table set as cards on a phone are kept for screen readers in a 1-pixel box.
CHECK = """() => {
    const root = document.documentElement;
    const narrow = [];
    for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
        const text = cell.textContent.replace(/\\s+/g, '');
        if ([...text].length < 4 || !cell.checkVisibility()) continue;
        const box = cell.closest('thead, table');
        if (box && box.getBoundingClientRect().width <= 2) continue;
        const size = parseFloat(getComputedStyle(cell).fontSize);
        const width = cell.getBoundingClientRect().width;
        if (width < 3 * size) narrow.push(`${text.slice(0, 12)} (${Math.round(width)}px < ${3 * size}px)`);
    }
    return {overflow: root.scrollWidth - root.clientWidth, narrow: narrow.slice(0, 5)};
}"""


@pytest.fixture(scope="module")
def sites(built_site, base_url, corpus_site, corpus_url):
    return {"seed": (built_site, base_url), "generated": (corpus_site, corpus_url)}


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def pages_of(site: Path) -> list[str]:
    """Every page of the site, as a path under its root."""
    return sorted(re.sub(r"(^|/)index\.html$", r"\1", p.relative_to(site).as_posix())
                  for p in site.rglob("index.html") if "pagefind" not in p.parts)


# axe's rules whose outcome depends on the layout (the rest read the markup, the same at any width).
LAYOUT_RULES = ["color-contrast", "scrollable-region-focusable", "target-size", "link-in-text-block"]
# Kinds tests/browser/test_accessibility.py already checks at the laptop's width.
AXED_ELSEWHERE = {("home/0", "laptop"), ("report", "laptop"), ("reports-index", "laptop"), ("rules/0", "laptop"),
                  ("indicators/0", "laptop")}
SHOTS = {"": "home", "reports/2018/suzhou-2018-shequ-weimin/": "report", "reports/": "list",
         "browse/region/jiangsusheng/": "profile", "dashboard/": "dashboard"}


def chosen_pages(site: Path, every: bool, also=lambda path: False) -> list[str]:
    """Every page, or the largest page of each kind, where long names and many rows are, and the
    pages ``also`` asks for. JIXIAO_READ_EVERY_PAGE=1 reads them all: about 3 minutes for the
    200-report site on a 2-core machine, too long for every run."""
    pages = pages_of(site)
    if every:
        return pages
    by_kind: dict[str, list[str]] = defaultdict(list)
    for path in pages:
        by_kind[kind_of(path)].append(path)
    size = lambda path: (site / path / "index.html").stat().st_size  # noqa: E731
    return sorted({max(group, key=size) for group in by_kind.values()} | {path for path in pages if also(path)})


def seed_pages_to_read(site: Path):
    """Of the seed site, besides each kind's largest page: every report (each is laid out from its
    own tables, and the seed reports are the real forms' widest), and every page that shows a
    hostile record's strings (each calls alert(n); the long ones are what could widen a page).
    Pages of a kind that differ only in which seed reports they list are laid out alike."""
    return lambda path: kind_of(path) == "report" or "alert(" in (site / path / "index.html").read_text(encoding="utf-8")


def check_home(page) -> list[str]:
    """The home page shows what the portal holds: counts, the latest reports, the most serious findings."""
    stats = page.locator(".jx-stat").all_inner_texts()
    problems = [] if len(stats) == 4 and all(re.search(r"\d", s) for s in stats) and "份报告" in stats[0] else [f"counts: {stats}"]
    if page.locator("#jx-latest + ol > li").count() < 5:
        problems.append("fewer than five latest reports")
    if page.locator("#jx-serious + ol > li").count() < 3:
        problems.append("fewer than three reports with findings")
    if not page.locator("form[role=search] input[name=q]").is_visible():
        problems.append("no search box")
    problems += [f"no link to {link}" for link in ("dashboard/", "data/reports.csv")
                 if not page.locator(f'a[href$="{link}"]').count()]
    return [f"home: {p}" for p in problems]


def test_every_page_fits_the_screen(page_pool, sites):
    """Each page read (chosen_pages) is checked at the phone's width; the largest page of each
    kind (and each one photographed) is loaded at the laptop's width and checked, then at the
    phone's by resizing the window (what the layout answers to). axe runs on one page of each kind at both widths
    (the seed site's where it has the kind). The home page's contents are checked at both widths,
    and the main pages are photographed (test-artifacts/screenshots/reading-*.png)."""
    problems = []
    axed = set(AXED_ELSEWHERE)
    for name in ("seed", "generated"):
        site, url = sites[name]
        every = os.environ.get("JIXIAO_READ_EVERY_PAGE") == "1"
        seed = seed_pages_to_read(site)
        also = (lambda path: path in SHOTS or seed(path)) if name == "seed" else (lambda path: False)
        watched = page_pool.borrow(url, **WIDTHS["laptop"])
        page = watched.page
        try:
            pages = chosen_pages(site, every, also)
            # Every page is checked on a phone, where pages overflow; at a laptop's width the
            # largest page of each kind (and each photographed one) stands for its kind.
            wide = set(chosen_pages(site, False)) | (set(SHOTS) & set(pages))
            narrow_only = False
            for path in [p for p in pages if p in wide] + [p for p in pages if p not in wide]:
                if path not in wide and not narrow_only:
                    page.set_viewport_size(WIDTHS["phone"]["viewport"])  # once, for all the rest
                    narrow_only = True
                page.goto(url + path, wait_until="domcontentloaded")
                injected = False
                for width in ("laptop", "phone") if path in wide else ("phone",):
                    if width == "phone" and path in wide:  # narrowing is immediate; widening again animates the tabs back
                        page.set_viewport_size(WIDTHS[width]["viewport"])
                    found = page.evaluate(CHECK)
                    if found["overflow"] > 0:
                        problems.append(f"{name} {path} ({width}): {found['overflow']}px wider than the screen")
                    if found["narrow"]:
                        problems.append(f"{name} {path} ({width}): cells narrower than three characters: {found['narrow']}")
                    if path == "":
                        problems += check_home(page)
                    if name == "seed" and path in SHOTS:
                        page.screenshot(path=str(screenshot_path(f"reading-{SHOTS[path]}-{width}")))
                    kind = kind_of(path)
                    if (kind, width) not in axed:
                        # A kind's markup is the same at both widths: once it is checked at one, the
                        # other needs only the rules that answer to layout (axe takes half a second).
                        only = LAYOUT_RULES if any((kind, other) in axed for other in WIDTHS) else None
                        axed.add((kind, width))
                        bad = blocking(run_axe(page, inject=not injected, only=only))
                        injected = True
                        problems += [f"{name} {path} ({width}): axe {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                                     for v in bad]
                if path in wide:
                    page.set_viewport_size(WIDTHS["laptop"]["viewport"])
            watched.assert_clean()
        finally:
            page_pool.give_back(watched)
    assert not problems, "\n".join(problems[:30])


def test_every_report_links_its_scheme_page(sites):
    for name, (site, _) in sites.items():
        used = defaultdict(int)
        for report in (site / "reports").glob("*/*/index.html"):
            html = report.read_text(encoding="utf-8")
            links = set(re.findall(r'href="((?:\.\./)+)schemes/([a-z0-9-]+)/"', html))
            assert links, report
            for up, scheme in links:
                assert (report.parent / up / "schemes" / scheme / "index.html").resolve().is_file(), (report, scheme)
                used[scheme] += 1
        assert used and all((site / "schemes" / s / "index.html").is_file() for s in used), name
