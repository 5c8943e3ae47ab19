"""The pages a citizen opens, in a real browser: they show what they should, raise no error, fetch
nothing from another host and open no dialog — above all the page built from a hostile record."""

from __future__ import annotations

import pytest

import hostile
from browserkit import PAGES, SEED_REPORTS, SUZHOU, screenshot, settle


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly(watched, name):
    watched.open(PAGES[name])
    watched.page.wait_for_timeout(300)  # let late scripts (search worker, palette) run
    screenshot(watched.page, name)
    watched.assert_clean()
    assert watched.requests, "the request listener saw nothing"


def test_a_request_to_another_host_is_seen_and_never_answered(watched):
    # The browser's own guard (browserkit.CHROMIUM_ARGS): what a page asks of another host, by
    # name or by address, fails, and the test sees that it was asked for.
    watched.open("")
    answers = watched.page.evaluate("""async () => Promise.all(
        ['http://example.com/x.js', 'http://203.0.113.9/x.js', 'https://example.org/x.css'].map(
            url => fetch(url, {mode: 'no-cors'}).then(() => 'answered', () => 'failed')))""")
    assert answers == ["failed"] * 3
    assert len(watched.foreign_requests()) == 3


def test_report_page_shows_every_indicator_and_the_checks(watched):
    watched.open(SUZHOU)
    page = watched.page
    rows = page.locator("table.jx-indicator-table > tbody > tr")
    assert rows.count() == 17
    for index in range(17):
        assert rows.nth(index).is_visible(), f"indicator row {index + 1} is not visible"
    execution = page.locator("table.jx-indicator-table > tbody > tr", has_text="预算执行率")
    assert execution.count() == 1
    for figure in ("=100%", "99.86%", "7.94"):
        assert figure in execution.inner_text()
    checks = page.locator("#jx-checks")
    assert checks.is_visible()
    assert page.locator("#jx-checks-title").inner_text().strip() == "数据核验"
    assert checks.locator("table.jx-compare tbody tr").count() >= 1
    assert page.locator("h1").first.inner_text().strip() == "党建系列活动"
    watched.assert_clean()


def test_reports_index_lists_every_report(watched):
    watched.open("reports/")
    page = watched.page
    table = page.locator("table.jx-index")
    assert table.is_visible()
    for report_id, title in SEED_REPORTS.items():
        link = table.locator(f'a[href$="{report_id}/"]')
        assert link.count() == 1, report_id
        assert link.inner_text().strip() == title
        assert link.is_visible()
    hostile_link = table.locator(f'a[href$="{hostile.REPORT_ID}/"]')
    assert hostile_link.inner_text().strip() == hostile.TITLE  # shown as text, not as an image
    watched.assert_clean()


def test_rules_page_explains_every_code(watched):
    from jixiao.core.rules import RULES

    watched.open("rules/")
    page = watched.page
    for code in RULES:
        assert page.locator(f'section[id="{code}"]').count() == 1, code
    watched.assert_clean()


def test_home_page_leads_to_the_reports(watched):
    watched.open("")
    page = watched.page
    assert "财政项目绩效评价报告公开平台" in page.locator("article h1").inner_text()
    page.locator("article a", has_text="全部报告").first.click()
    page.wait_for_url(lambda url: url.endswith("/reports/"))
    settle(page)
    watched.assert_clean()


def test_report_page_on_a_phone(watched_phone):
    watched_phone.open(SUZHOU)
    page = watched_phone.page
    assert page.locator("table.jx-indicator-table > tbody > tr").count() == 17
    # Wide tables scroll inside their own box; the page itself does not scroll sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the phone's screen"
    screenshot(page, "report-suzhou-2024-phone")
    watched_phone.assert_clean()


# --- the hostile record -----------------------------------------------------------------------

def test_hostile_record_renders_as_harmless_text(watched):
    watched.open(hostile.URL)
    page = watched.page
    article = page.locator("article.jx-report")
    assert article.get_attribute("data-report-id") == hostile.REPORT_ID
    assert article.locator("h1").first.inner_text().strip() == hostile.TITLE
    assert hostile.DEPARTMENT in article.locator(".jx-header").inner_text()
    assert article.locator("td.jx-col-name", has_text=hostile.INDICATOR).count() == 1

    found = page.evaluate("""() => {
        const handlers = [];
        for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
                if (attr.name.startsWith('on')) handlers.push(`${el.tagName} ${attr.name}`);
                if (/^\\s*(javascript|data|vbscript):/i.test(attr.value) && /^(href|src|action|data|formaction|xlink:href)$/.test(attr.name))
                    handlers.push(`${el.tagName} ${attr.name}=${attr.value}`);
            }
        }
        const content = document.querySelector('.md-content');
        return {
            handlers,
            inlineScripts: [...document.scripts].filter(s => /alert/.test(s.textContent)).length,
            scriptsInContent: content.querySelectorAll('script').length,
            embeds: content.querySelectorAll('iframe, object, embed, form, input, style, svg:not(.md-icon svg), img').length,
        };
    }""")
    assert found["handlers"] == []
    assert found["inlineScripts"] == 0
    assert found["scriptsInContent"] == 0
    assert found["embeds"] == 0, "an embedded element survived in the page content"

    narrative = page.locator("section.jx-narrative")
    assert narrative.locator("table").count() == 1
    assert "宣传资料印制" in narrative.locator("table").inner_text()
    assert narrative.locator('a[href="https://www.mof.gov.cn/"]').count() == 1

    # Poke everything a reader might touch: any handler that survived would fire now. The events a
    # pointer and the keyboard send, dispatched to every element of the report in one call (one
    # round trip instead of one per element: the same handlers fire).
    poked = page.evaluate("""() => {
        const kinds = ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin',
                       'mouseout', 'mouseleave', 'blur', 'keydown', 'keyup'];
        const elements = [...document.querySelectorAll('article.jx-report *')];
        for (const el of elements) {
            for (const kind of kinds) {
                const Event = kind.startsWith('key') ? KeyboardEvent : kind.startsWith('pointer') ? PointerEvent : kind.startsWith('focus') || kind === 'blur' ? FocusEvent : MouseEvent;
                el.dispatchEvent(new Event(kind, {bubbles: !kind.endsWith('enter') && !kind.endsWith('leave'), cancelable: true}));
            }
        }
        return elements.length;
    }""")
    assert poked > 100
    for element in article.locator("tr, a, code, h2").all()[:40]:  # and a real pointer over some of them
        if element.is_visible():
            element.hover(timeout=2000)
    for link in article.locator("a").all():
        if link.is_visible():
            link.click(modifiers=["Control"], timeout=2000)  # a new tab: the page stays
    page.wait_for_timeout(300)
    screenshot(page, "hostile-after-interaction")
    watched.assert_clean()


def _search(page, query: str):
    box = page.locator(".md-header input.md-search__input, .md-search input.md-search__input").first
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone sends none
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    return results


def test_search_finds_a_chinese_word(watched):
    watched.open("")
    page = watched.page
    results = _search(page, "丽人健康行")
    hrefs = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__link").all()]
    assert any("suzhou-2024-dangjian" in href for href in hrefs), hrefs
    screenshot(page, "search-chinese")
    assert results.count() >= 1
    watched.assert_clean()


def test_search_result_for_hostile_record_is_text(watched):
    watched.open("")
    page = watched.page
    _search(page, "正常段落")  # a phrase only the hostile narrative has
    hostile_results = page.locator(f'.md-search-result__link[href*="{hostile.REPORT_ID}"]')
    assert hostile_results.count() >= 1
    page.wait_for_timeout(500)
    assert page.locator(".md-search-result img, .md-search-result svg:not(.md-icon svg), .md-search-result script").count() == 0
    screenshot(page, "search-hostile")
    watched.assert_clean()


def test_indicator_lookup_finds_a_name_without_a_page_of_its_own(watched):
    watched.open("indicators/")
    page = watched.page
    box = page.locator("#jx-indicator-input")
    assert box.is_visible()
    box.fill("「每季一讲」")  # other quote marks than the record's “每季一讲”: folded away
    found = page.locator("#jx-indicator-results a[href$='suzhou-2024-dangjian/']")
    found.first.wait_for(state="visible", timeout=10000)
    assert "目标 >=2，实际 2" in page.locator("#jx-indicator-results").inner_text()
    box.fill("预算执行率")  # a name with its own page links to it
    page.locator("#jx-indicator-results a[href*='indicators/']").first.wait_for(state="visible", timeout=10000)
    box.fill('<svg onload')  # the hostile record's indicator name shows as text
    page.wait_for_timeout(300)
    assert page.locator("#jx-indicator-results").inner_text().count("<svg onload=alert(3)>") == 1
    assert page.locator("#jx-indicator-results svg, #jx-indicator-results img").count() == 0
    screenshot(page, "indicator-lookup")
    watched.assert_clean()


def test_a_page_put_back_is_lent_again_as_a_new_one(page_pool, base_url):
    """The browser tests take pages in turn (browserkit.PagePool): nothing one test leaves in its
    page reaches the next, neither what the site stored, nor the cache, size, print emulation or
    a tab it opened."""
    size = {"width": 1000, "height": 700}
    first = page_pool.borrow(base_url, viewport=size)
    page = first.page
    first.open(SUZHOU)
    page.evaluate("""() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1');
                             document.cookie = 'left=1; path=/'; }""")
    page.set_viewport_size({"width": 400, "height": 400})
    page.emulate_media(media="print")
    with page.context.expect_page():
        page.evaluate("() => window.open(location.href)")
    page_pool.give_back(first)

    again = page_pool.borrow(base_url, viewport=size)
    try:
        assert again.page is page, "the page was not lent again"
        assert page.context.pages == [page], "a tab the last test opened is still open"
        assert again.requests == [] and again.base_url == base_url
        again.open(SUZHOU)
        left = page.evaluate("""() => ({
            stored: [localStorage.getItem('left'), sessionStorage.getItem('left')], cookie: document.cookie,
            width: innerWidth, print: matchMedia('print').matches,
            // a stylesheet served from the cache transfers nothing
            cached: performance.getEntriesByType('resource').filter(r => r.name.endsWith('.css') && r.transferSize === 0).length,
        })""")
        assert left == {"stored": [None, None], "cookie": "", "width": 1000, "print": False, "cached": 0}, left
        assert any(url.endswith(".css") for url in again.requests), "a first visit asks for the stylesheets"
        again.assert_clean()
    finally:
        page_pool.give_back(again)
