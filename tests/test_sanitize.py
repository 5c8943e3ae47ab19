"""Safe rendering: a hostile record (tests/browser/hostile.py) built into a site renders as harmless
text. Narrative HTML goes through the nh3 allow-list; every record string shown in a page, a
navigation entry, the search index or the feed is escaped. No browser here: these read the built
files; tests/browser/ checks the same pages in Chromium."""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import build_site, fixture_site

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
import hostile  # noqa: E402

from jixiao.site.sanitize import sanitize_html  # noqa: E402

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
EMBEDDING = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    config = fixture_site(tmp, hostile.RECORDS)
    return build_site(config, tmp / "site")


def report_html(site: Path, url: str = hostile.URL) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def section(markup: str, css_class: str) -> str:
    start = markup.index(f'class="{css_class}"')
    return markup[start:markup.index("</section>", start)]


class Elements(HTMLParser):
    """Every start tag with its (unescaped) attributes, the text of <script> and <style> elements,
    and whether it sits inside <body>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None], bool]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_body = False
        self._raw: tuple[str, dict] | None = None
        self._raw_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self._in_body = True
        self.tags.append((tag, attributes, self._in_body))
        if tag in ("script", "style"):
            self._raw, self._raw_text = (tag, attributes), []

    def handle_data(self, data):
        if self._raw:
            self._raw_text.append(data)

    def handle_endtag(self, tag):
        if self._raw and tag == self._raw[0]:
            if tag == "script":
                self.scripts.append((self._raw[1], "".join(self._raw_text)))
            self._raw = None


def elements(markup: str) -> Elements:
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser


def dangers(markup: str) -> list[str]:
    """Everything in a page that could run, embed or navigate to script."""
    found = []
    parsed = elements(markup)
    for tag, attributes, in_body in parsed.tags:
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value and re.match(r"\s*(javascript|vbscript|data):", value, re.I):
                found.append(f"<{tag} {name}={value[:40]}>")
        if tag in EMBEDDING and in_body:
            found.append(f"<{tag}>")
        if tag == "style" and in_body:
            found.append("<style> in body")
        if tag == "img" and attributes.get("src") == "x":  # the hostile record's images
            found.append("<img src=x>")
        if tag == "script" and attributes.get("src") and re.match(r"\s*(https?:)?//", attributes["src"]):
            found.append(f"<script src={attributes['src']}>")
    for _attributes, text in parsed.scripts:
        if "alert(" in text:
            found.append(f"<script>{text.strip()[:40]}")
    return found


# --- the allow-list itself --------------------------------------------------------------------

@pytest.mark.parametrize("dirty", [
    "<script>alert(1)</script>",
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example/"><input name="q"><button>go</button></form>',
    "<style>body{display:none}</style>",
    '<img src="x" onerror="alert(1)">',
    '<svg onload="alert(1)"></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<base href=\"https://evil.example/\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
])
def test_allow_list_removes(dirty):
    clean = sanitize_html(dirty)
    assert dangers(clean) == [], clean
    assert not re.search(r"<(script|iframe|object|embed|form|input|style|img|svg|math|base|meta)\b", clean, re.I), clean
    assert not re.search(r"\son\w+\s*=|javascript:|data:text|style=", clean, re.I), clean


def test_allow_list_keeps_structure_and_http_links():
    kept = sanitize_html(
        '<h2 id="a">标题</h2><p><strong>加粗</strong> <em>强调</em> <a href="https://www.mof.gov.cn/">财政部</a>'
        ' <a href="http://example.org/">http</a></p><ul><li>一</li></ul><ol><li>二</li></ol>'
        '<table><thead><tr><th colspan="2">表头</th></tr></thead><tbody><tr><td>甲</td><td>1.00</td></tr></tbody></table>'
    )
    for fragment in ('<h2 id="a">标题</h2>', "<strong>加粗</strong>", "<em>强调</em>", 'href="https://www.mof.gov.cn/"',
                     'href="http://example.org/"', "<ul><li>一</li></ul>", "<ol><li>二</li></ol>", '<th colspan="2">表头</th>',
                     "<td>1.00</td>"):
        assert fragment in kept
    assert kept.count('rel="noopener noreferrer nofollow"') == 2


# --- the hostile record built into a site -------------------------------------------------------

def test_narrative_keeps_only_harmless_markup(site):
    narrative = section(report_html(site), "jx-narrative")
    assert dangers(narrative) == []
    for construct in ("<script", "onclick", "onmouseover", "onerror", "javascript:", "data:text/html", "<iframe",
                      "<object", "<form", "<input", "<button", "<style", "<img", "display: none"):
        assert construct not in narrative.lower(), construct
    # what a unit may legitimately write survives: the table, its figures, the https link
    table = narrative[narrative.index("<table"):narrative.index("</table>")]
    assert "<th>项目</th>" in table and "<td>宣传资料印制</td>" in table and "<td>6.30</td>" in table
    assert re.search(r'<a href="https://www\.mof\.gov\.cn/" rel="noopener noreferrer nofollow">财政部网站</a>', narrative)
    assert "点击这里" in narrative and "正常段落" in narrative  # the text of stripped elements stays readable


def test_narrative_of_second_record_is_clean(site):
    narrative = section(report_html(site, hostile.TITLE_BREAKER_URL), "jx-narrative")
    assert dangers(narrative) == []
    assert "evil.example" not in narrative and "javascript" not in narrative.lower()


def test_record_strings_show_as_text(site):
    markup = report_html(site)
    header = markup[markup.index('<header class="jx-card jx-header">'):]
    header = header[:header.index("</header>")]
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", header, re.S).group(1)
    assert "<" not in h1 and html.unescape(h1) == hostile.TITLE
    department = re.search(r"<dt\b[^>]*>主管部门</dt>\s*<dd\b[^>]*>(.*?)</dd>", header, re.S).group(1)
    assert "<" not in department and html.unescape(department) == hostile.DEPARTMENT
    names = re.findall(r'<td class="[^"]*\bjx-col-name\b[^"]*"[^>]*>(.*?)</td>', markup, re.S)
    assert all("<" not in name for name in names)
    assert hostile.INDICATOR in [html.unescape(name) for name in names]


@pytest.mark.parametrize("payload", [hostile.TITLE, hostile.DEPARTMENT, hostile.INDICATOR, hostile.TITLE_BREAKER,
                                     "<svg/onload=alert(14)>", "<i onclick=alert(19)>", "</dd><script>alert(15)</script>"])
def test_no_page_carries_a_payload_unescaped(site, payload):
    """Report page, indexes, navigation entries, table of contents, <title>: anywhere."""
    offenders = [str(f.relative_to(site)) for f in site.rglob("*.html") if payload in f.read_text(encoding="utf-8")]
    assert offenders == [], f"{payload} appears unescaped in {offenders[:10]}"


def test_no_page_has_anything_that_runs(site):
    offenders = {}
    for file in site.rglob("*.html"):
        found = dangers(file.read_text(encoding="utf-8"))
        if found:
            offenders[str(file.relative_to(site))] = sorted(set(found))[:6]
    assert offenders == {}


def test_search_index_titles_are_text(site):
    """The search index (Pagefind's, the only one the portal has) holds a record's title as the
    text the unit wrote, read from the escaped page, never taken as markup; the 检索 page and the
    header box show it as text (tests/browser/test_search.py). No fragment's title holds markup
    that is not a record's own text."""
    from test_search_index import Bundle

    fragments = {url.strip("/"): fragment for url, fragment in Bundle(site).fragments.items()}
    assert fragments[hostile.URL.strip("/")]["meta"]["title"] == hostile.TITLE
    assert fragments[hostile.TITLE_BREAKER_URL.strip("/")]["meta"]["title"] == hostile.TITLE_BREAKER
    own = {hostile.TITLE, hostile.TITLE_BREAKER}
    for url, fragment in fragments.items():
        title = fragment["meta"].get("title") or ""
        assert title in own or dangers(title) == [], (url, title)


def test_feeds_and_sitemaps_are_well_formed(site):
    """Unescaped record strings would break XML; a reader would render them as markup."""
    xml_files = [f for f in site.rglob("*.xml")]
    for file in xml_files:
        ET.parse(file)  # raises on unescaped markup
    for file in xml_files:
        text = file.read_text(encoding="utf-8")
        for payload in (hostile.TITLE, hostile.TITLE_BREAKER, hostile.DEPARTMENT):
            assert payload not in text, (file.name, payload)
