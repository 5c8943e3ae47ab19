"""Generated pages stay the same size however many reports there are: every list is cut into
pages of ``page_size`` rows, every page of a list links to the others, and the rows of all the
pages together are the whole list. Built end to end on a small synthetic corpus with a small
``page_size``, so that every kind of page has to paginate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import corpus
from sitebuild import build_site, fixture_site

from jixiao.site.catalog import slug

PAGE_SIZE = 6
REPORTS = 90


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paged")
    config = fixture_site(root, {}, options={"page_size": PAGE_SIZE})
    corpus.write_corpus(REPORTS, root / "content", seed=4)
    return build_site(config, root / "site")


def body_rows(page: Path) -> int:
    """Rows of the page's main table: <tr> inside <tbody>, not the header nor the sub-headings
    (a department's name above its reports), nor a profile's fixed-size tables of figures, which
    come before the list (id="reports")."""
    html = page.read_text(encoding="utf-8").split('id="reports"')[-1]
    return sum(part.count("<tr>") + part.count("<tr ") - part.count('<tr class="jx-subhead"')
               for part in re.findall(r"<tbody>(.*?)</tbody>", html, re.S))


def table_links(page: Path) -> list[str]:
    """The reports a listing page lists: links inside its table body."""
    html = page.read_text(encoding="utf-8")
    return [link for part in re.findall(r"<tbody>(.*?)</tbody>", html, re.S)
            for link in re.findall(r'<td[^>]*><a href="[./]*(reports/[^"]+?/)"', part)]


def pages_of_list(site: Path, base: str) -> list[Path]:
    first = site / base / "index.html"
    assert first.is_file(), base
    rest = sorted((site / base / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [first, *rest]


def test_no_generated_list_page_holds_more_than_page_size_rows(paged_site):
    checked = 0
    for folder in ("browse", "indicators", "quality"):
        for page in (paged_site / folder).rglob("index.html"):
            if page.parent == paged_site / folder:
                continue  # the overview pages: a fixed number of rows per dimension or indicator
            assert body_rows(page) <= PAGE_SIZE, page.relative_to(paged_site)
            checked += 1
    assert checked > 50


def test_year_pages_together_list_every_report_of_the_year_once(paged_site):
    year_pages = sorted(p.parent.name for p in (paged_site / "browse/year").glob("*/index.html"))
    assert year_pages
    listed: list[str] = []
    reports_per_year = {}
    for year in year_pages:
        pages = pages_of_list(paged_site, f"browse/year/{year}")
        rows = [link for p in pages for link in table_links(p)]
        reports_per_year[year] = len(rows)
        listed += rows
        for number, page in enumerate(pages, start=1):
            html = page.read_text(encoding="utf-8")
            if len(pages) > 1:  # every page names the others
                assert 'aria-label="分页"' in html and html.count('class="jx-pagination"') == 1
                assert '<span aria-current="page">' + str(number) + "</span>" in html
    assert len(listed) == len(set(listed)) == REPORTS
    assert max(reports_per_year.values()) > PAGE_SIZE, "the corpus should make at least one year paginate"


def test_browse_values_paginate_and_link_to_their_groups(paged_site):
    pages = pages_of_list(paged_site, "browse/evaluator")
    assert len(pages) > 1, "more evaluators than page_size: the list of evaluators itself paginates"
    groups = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert body_rows(page) <= PAGE_SIZE
        for href in re.findall(r'<th scope="row"><a href="([^"]+)"', html):
            target = (page.parent / href / "index.html").resolve()
            assert target.is_file(), (page, href)
            groups.add(target)
    assert len(groups) == len({p.parent for p in (paged_site / "browse/evaluator").glob("*/index.html")} - {
        paged_site / "browse/evaluator/page"})


def test_indicator_pages_paginate_and_summarise_every_use(paged_site):
    pages = pages_of_list(paged_site, f"indicators/{slug('预算执行率')}")
    assert len(pages) > 1
    first = pages[0].read_text(encoding="utf-8")
    uses = int(re.search(r"<dt>使用报告数</dt><dd>(\d+)", first).group(1))
    assert uses > PAGE_SIZE
    assert sum(body_rows(p) for p in pages) == uses  # one row per use, across the pages
    # The summary is of every use, on every page, not of the rows on the page.
    for page in pages[1:]:
        assert f"<dt>使用报告数</dt><dd>{uses}" in page.read_text(encoding="utf-8")


def test_all_reports_table_pages_with_the_same_size(paged_site):
    html = (paged_site / "reports/index.html").read_text(encoding="utf-8")
    assert f'data-page-size="{PAGE_SIZE}"' in html
    assert body_rows(paged_site / "reports/index.html") == PAGE_SIZE  # the first page without script


def test_page_size_must_be_positive(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    config = fixture_site(tmp_path, {}, options={"page_size": 0})
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "option 'page_size': page_size（每页行数）必须是正整数，现为 0" in caplog.text
