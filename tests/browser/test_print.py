"""A report page printed on A4 is a disclosure document: the report's header and tables, page
numbers, and none of the site's navigation or search chrome."""

from __future__ import annotations

import functools
import io
import re
import unicodedata

import pytest

from browserkit import ARTIFACTS, DESKTOP, SEED_REPORTS, SUZHOU

# The site's chrome: none of it belongs on paper.
CHROME = ".md-header, .md-tabs, .md-search, .md-sidebar, .md-footer, .md-top, .md-content__button"

# Chromium writes the PDF's text layer from the font's cmap, and Noto CJK maps several glyphs to
# a radical code point first (页 becomes U+2EDA ⻚, 自 becomes U+2F83 ⾃): a reader that goes by it
# (pypdf did) gets those. NFKC folds the Kangxi radicals; the simplified radicals of the supplement
# block need this table (from Unicode's EquivalentUnifiedIdeograph.txt).
RADICALS = str.maketrans({
    "⺰": "纟", "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻐": "钅",
    "⻓": "长", "⻔": "门", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻠": "饣", "⻢": "马",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿",
    "⻰": "龙", "⻳": "龟",
})


def readable(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(RADICALS)


class Printed:
    def __init__(self, pdf: bytes, chrome_texts: list[str], chrome_shown_in_print: list[str],
                 search_placeholders: list[str]):
        self.pdf = pdf
        self.search_placeholders = search_placeholders
        self.chrome_texts = chrome_texts
        self.chrome_shown_in_print = chrome_shown_in_print


@pytest.fixture(scope="module")
def printed(page_pool, base_url) -> Printed:
    watched = page_pool.borrow(base_url, **DESKTOP)
    try:
        page = watched.page
        watched.open(SUZHOU)
        # What the chrome says on screen: the site name, every tab, the search box, the footer.
        chrome_texts = page.evaluate("""(selector) => {
            const texts = [];
            for (const el of document.querySelectorAll(selector)) {
                for (const t of el.innerText.split('\\n')) if (t.trim().length >= 2) texts.push(t.trim());
            }
            const content = document.querySelector('.md-content').innerText.replace(/\\s+/g, '');
            // a chrome text that is also the report's own words (its title) proves nothing
            return texts.filter(t => !content.includes(t.replace(/\\s+/g, '')));
        }""", CHROME)
        placeholders = page.evaluate("""(selector) => [...document.querySelectorAll(selector)]
            .flatMap(el => [...el.querySelectorAll('input[placeholder]')].map(i => i.placeholder))""", CHROME)
        page.emulate_media(media="print")
        shown = page.evaluate("""(selector) => [...document.querySelectorAll(selector)]
            .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
            .map(el => el.className)""", CHROME)
        page.screenshot(path=str(_artifact("screenshots/report-suzhou-2024-print.png")), full_page=True)
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        page_pool.give_back(watched)
    _artifact("report-suzhou-2024.pdf").write_bytes(pdf)
    return Printed(pdf, chrome_texts, shown, placeholders)


@pytest.fixture(scope="module")
def suzhou_pdf(printed) -> bytes:
    return printed.pdf


def _artifact(name: str):
    path = ARTIFACTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@functools.lru_cache(maxsize=4)  # the Suzhou PDF is read by three tests
def _pages(pdf: bytes) -> tuple[str, ...]:
    """Each printed page's text, read by PDFium (installed with pdfplumber): a tenth of a second
    for the six pages of Minhang's report, where pypdf took one and a half."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return tuple(readable(document[index].get_textpage().get_text_range()) for index in range(len(document)))
    finally:
        document.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_print_is_a4_and_of_sensible_length(suzhou_pdf):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(suzhou_pdf))
    assert 2 <= len(reader.pages) <= 8, f"{len(reader.pages)} pages"
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)  # A4 in points


def test_print_holds_the_report(suzhou_pdf):
    text = _squash("".join(_pages(suzhou_pdf)))
    for expected in ("党建系列活动", "中国共产党苏州市委员会市级机关工作委员会", "绩效指标", "预算执行率",
                     "99.86%", "7.94", "参加活动人员满意度", "81.94", "数据核验", "报告正文"):
        assert expected in text, expected
    # the indicator row is one row on paper: name, target, weight, actual, score in order
    assert re.search(r"预算执行率=100%899\.86%7\.94", text), "the 预算执行率 row is split or reordered"


def test_print_has_no_site_chrome(printed):
    assert printed.chrome_shown_in_print == [], "site chrome is laid out in print"
    # the probe sees the chrome: the site name in the header and the search box's placeholder
    assert "财政项目绩效评价报告公开平台" in printed.chrome_texts, printed.chrome_texts
    assert printed.search_placeholders, "no search box found in the header"
    text = _squash("".join(_pages(printed.pdf)))
    for chrome in printed.chrome_texts + printed.search_placeholders:
        assert _squash(chrome) not in text, f"site chrome on paper: {chrome}"


def test_print_numbers_its_pages(suzhou_pdf):
    pages = _pages(suzhou_pdf)
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"第\s*{number}\s*页\s*/\s*共\s*{len(pages)}\s*页", text), f"page {number} has no page number"


A4_PRINTABLE_PX = 680  # 210 mm less 2 × 15 mm margins, at 96 CSS px per inch


@pytest.mark.parametrize("report_id", SEED_REPORTS)
def test_every_report_fits_the_printed_page(page_pool, base_url, report_id):
    """No column is cut off at the right edge of the paper, and the total row is not repeated at
    the foot of every page (the widest table, Minhang's, runs over several pages)."""
    year = report_id.split("-")[1]
    watched = page_pool.borrow(base_url, **DESKTOP)
    try:
        page = watched.page
        page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 900})  # before the page is laid out
        watched.open(f"reports/{year}/{report_id}/")
        page.emulate_media(media="print")
        too_wide = page.evaluate("""(limit) => [...document.querySelectorAll('.md-content *')]
            .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > limit + 1)
            .map(el => `${el.tagName}.${el.className}`).slice(0, 5)""", A4_PRINTABLE_PX)
        assert too_wide == [], f"wider than the paper: {too_wide}"
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        page_pool.give_back(watched)
    pages = _pages(pdf)
    assert 1 <= len(pages) <= 10, f"{len(pages)} pages"
    text = _squash("".join(pages))
    if "合计（申报）" in text:
        assert text.count("合计（申报）") == 1, "the total row is printed on every page"
