"""The pages of the public edition that carry the payloads of the generated records
(tests/recordgen.py: an attack in every string of the record model and in the narrative's Markdown
features, long unbroken text), loaded in Chromium: no dialog, no script error, no script or event
handler from a payload, nothing loaded from another host, and no page wider than a phone's screen.
Every payload is loaded on a page of each kind that shows it (``pages_to_load``), and every report
page of the internal edition.

The site is the ``generated_sites`` fixture of tests/conftest.py, built once for the file tests of
tests/test_generated_sites.py and these.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browserkit import HOST, kind_of, screenshot, serve
from recordgen import PAYLOAD_MARK

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}

INSPECT = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
            if (/^\\s*(javascript|data|vbscript):/i.test(attr.value)
                && /^(href|src|action|data|formaction|xlink:href|srcdoc)$/.test(attr.name))
                found.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 40)}`);
        }
    }
    for (const script of document.scripts) {
        if (/alert\\(/.test(script.textContent)) found.push(`script ${script.textContent.slice(0, 40)}`);
    }
    for (const el of document.querySelectorAll('.jx-narrative :is(script, iframe, object, embed, form, input, style, img, svg, math, base, meta, link)'))
        found.push(`${el.tagName} in a narrative`);
    for (const el of document.querySelectorAll('img[src="x"], iframe, object, embed, frame, base[href^="http"]'))
        found.push(`${el.tagName} in the page`);
    const root = document.documentElement;
    return {found, overflow: root.scrollWidth - root.clientWidth};
}"""


@pytest.fixture(scope="module")
def generated_url(generated_sites):
    """The public edition at /, the internal one at /internal/ (its pages show the internal fields)."""
    root = generated_sites["public"].parent / "served"
    if not root.exists():
        root.mkdir()
        for entry in generated_sites["public"].iterdir():
            (root / entry.name).symlink_to(entry)
        (root / "internal").symlink_to(generated_sites["internal"])
    yield from serve(root)


def payload_pages(site) -> list[str]:
    """The pages whose HTML holds a payload, escaped or not, as paths under the site."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        if PAYLOAD_MARK.search(file.read_text(encoding="utf-8")):
            path = file.relative_to(site).as_posix()
            pages.append(re.sub(r"(^|/)index\.html$", r"\1", path))
    return pages


# A payload as it shows in a page: each attack calls alert(n) with a number of its own; a long
# text is told by the drawn text it follows (the same field shows the same text before it).
PAYLOAD = re.compile(r"alert\(\d+\)|.{16}jxwide", re.DOTALL)


def pages_to_load(site, pages: list[str]) -> list[str]:
    """Of ``pages``, for each kind of page (its template), a few that between them show every
    payload shown on a page of that kind (taken greedily, the page showing most of those still
    missing first): a payload runs or widens a page by where its kind's template puts it, not by
    which other records share the page. Of the 70-odd pages about 30 remain (every report; a few
    of the 50-odd lists and profiles)."""
    def html(path: str) -> str:
        return (site / path / "index.html" if path == "" or path.endswith("/") else site / path).read_text(encoding="utf-8")

    shown = {path: set(PAYLOAD.findall(html(path))) for path in pages}
    by_kind: dict[str, list[str]] = {}
    for path in pages:
        by_kind.setdefault(kind_of(path), []).append(path)
    chosen = []
    for group in by_kind.values():
        missing = set().union(*(shown[path] for path in group))
        while missing:
            best = max(group, key=lambda path: (len(shown[path] & missing), len(shown[path]), path))
            chosen.append(best)
            missing -= shown[best]
    return sorted(chosen)


def test_no_payload_runs_and_no_page_is_wider_than_a_phone(browser, generated_sites, generated_url, chromium):
    every = payload_pages(generated_sites["public"])
    assert len(every) > 20  # reports, every index listing them, the dashboard, the search page
    pages = pages_to_load(generated_sites["public"], every)
    assert {kind_of(path) for path in pages} == {kind_of(path) for path in every}
    assert {path for path in every if kind_of(path) == "report"} <= set(pages)
    # and the internal edition's report pages: the internal fields, drafts and embargoed reports
    pages += ["internal/" + path for path in payload_pages(generated_sites["internal"]) if path.startswith("reports/")
              and path.count("/") == 3]
    assert sum(path.startswith("internal/") for path in pages) == len(generated_sites["records"])
    # One page for all of them, watched as browserkit.Watched would, but without routing every
    # request through Python (a third of the time): any request leaving 127.0.0.1 is still seen.
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    requests, errors, dialogs = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    problems = {}
    try:
        for path in pages:
            page.goto(generated_url + path, wait_until="load")
            result = page.evaluate(INSPECT)
            if result["found"] or result["overflow"] > 1:
                problems[path] = result
        page.wait_for_timeout(200)  # a late handler (an image's onerror) would have fired by now
        if problems:
            screenshot(page, "generated-last-page")
        assert problems == {}, problems
        assert dialogs == [] and errors == []
        assert [url for url in requests if urlsplit(url).hostname != HOST and urlsplit(url).scheme != "data"] == []
    finally:
        context.close()
