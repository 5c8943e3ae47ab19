"""Browser tests: the portal built from content/ plus hostile records, served on 127.0.0.1 and
driven by Playwright through Debian's Chromium (/usr/bin/chromium).

Playwright's own browser download does not work on our machines, so the browser is always the
system Chromium. ``scripts/test`` installs it (and Playwright) when missing; if it is still missing
here we try once more, and skip — loudly, with the reason — only when it cannot be installed.
Helpers shared with the test modules are in browserkit.py.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile  # noqa: E402
from browserkit import CHROMIUM_ARGS, DESKTOP, PHONE, PagePool, browser_requirements, serve  # noqa: E402
from sitebuild import build_site, fixture_site  # noqa: E402


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "chromium" in getattr(item, "fixturenames", ())]
    if not browser_items:
        return
    chromium, reason = browser_requirements()
    if chromium is None:
        message = f"browser tests skipped: {reason}"
        warnings.warn(message)  # shown in the summary too, never silently
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def chromium() -> str:
    path, reason = browser_requirements()
    if path is None:
        pytest.skip(f"browser tests skipped: {reason}")
    return path


# --- the site ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """content/ plus the hostile records, built with the repository's own mkdocs.yml (palette,
    tabs, nav), as the public edition a citizen sees."""
    tmp = tmp_path_factory.mktemp("browser-site")
    return build_site(fixture_site(tmp, hostile.RECORDS, copy_seeds=True), tmp / "site")


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """content/ plus 200 reports of the synthetic corpus (scripts/corpus/) over eleven years, 1 to
    35 a year, built as production builds: the pages of each kind at their largest
    (test_reading.py), and a search index in parts of at most 12 reports (test_search.py): the
    larger years are cut into two or three parts, as every year of a large collection is."""
    import corpus  # scripts/corpus/, the synthetic-record generator
    from sitebuild import build_portal

    root = tmp_path_factory.mktemp("corpus-site")
    fixture_site(root, {}, copy_seeds=True)
    corpus.write_corpus(200, root / "content", seed=15)
    return build_portal(root / "content", root / "site", search_part_pages=12)


@pytest.fixture(scope="session")
def base_url(built_site) -> str:
    yield from serve(built_site)


@pytest.fixture(scope="session")
def corpus_url(corpus_site) -> str:
    yield from serve(corpus_site)


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def page_pool(browser):
    pool = PagePool(browser)
    try:
        yield pool
    finally:
        pool.close()


@pytest.fixture
def watched(page_pool, base_url):
    """A desktop-sized page, as fresh as a new one (browserkit.PagePool); a test fails itself on
    any dialog, error or foreign request with watched.assert_clean()."""
    watched = page_pool.borrow(base_url, **DESKTOP)
    try:
        yield watched
    finally:
        page_pool.give_back(watched)


@pytest.fixture
def watched_phone(page_pool, base_url):
    watched = page_pool.borrow(base_url, **PHONE)
    try:
        yield watched
    finally:
        page_pool.give_back(watched)
