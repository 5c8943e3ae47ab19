"""What of a saved web page is the site's chrome, not the published document.

Judged by what the markup says, not by one site's layout: the semantic tags (``nav``, ``aside``,
a ``header``/``footer`` that is not an article's own), the words in ``class`` and ``id``
(``nav``, ``menu``, ``breadcrumb``, ``footer``, ``sidebar``, ``share``, ``print`` …), lists made
only of links, and the short widget lines (“打印本页”“关闭窗口”“字号：大 中 小”). Two guards keep
the content: an element that holds a table or most of the page's text is never chrome.
"""

from __future__ import annotations

import re

CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "mainmenu", "topmenu", "footer",
    "foot", "sidebar", "side", "sidenav", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "share", "print",
    "copyright", "banner", "search", "searchbar", "searchbox", "toolbar", "topbar", "login", "skip", "advert",
    "ads", "friendlink", "friendlinks", "links", "qrcode", "weixin", "wechat", "weibo", "position", "location",
    "pager", "pagination", "dh", "daohang", "wzdh", "banquan",
}
# Also names of a page's top and bottom, but just as often of an article's title block: these
# count only for an element without a heading in it.
WEAK_WORDS = {"top", "head", "header", "bottom", "position", "location"}
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SEMANTIC = {"nav", "aside"}
_OWN_PARTS = {"header", "footer"}  # chrome at page level, the article's own inside article/main
_WIDGET = re.compile(
    r"^(?:[\s【】\[\]()（）|｜:：/·•>»-]*"
    r"(?:打印本页|打印本文|打印正文|打印|关闭本页|关闭窗口|关闭|返回顶部|返回列表|返回|收藏本页|加入收藏|收藏|"
    r"设为首页|分享到|分享|扫一扫|(?:字号|字体)[:：]?(?:\s*[大中小]\s*)*|[大中小]|[Tt]op)"
    r"[\s【】\[\]()（）|｜:：/·•>»-]*)+$"
)
MAIN_SHARE = 0.4  # an element with this share of the page's text is the content, whatever its name


def words(element) -> set[str]:
    found: set[str] = set()
    for attribute in ("class", "id"):
        value = element.get(attribute) or ""
        found.update(_WORD.findall(_CAMEL.sub(" ", value).lower()))
    return found


def is_hidden(element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def is_chrome(element, page_text: int) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in ("html", "body", "table", "tr", "td", "th", "tbody", "thead", "tfoot"):
        return False  # a data table's cells are never chrome, whatever the site calls them
    named = words(element)
    named = bool(named & CHROME_WORDS) or bool(named & WEAK_WORDS and not _has_heading(element))
    semantic = tag in _SEMANTIC or (tag in _OWN_PARTS and not _inside_article(element))
    if not (named or semantic or _link_list(element)):
        return False
    if element.find(".//table") is not None:
        return False
    text = len(element.text_content() or "")
    return not (page_text and text >= MAIN_SHARE * page_text)


def is_widget_text(text: str) -> bool:
    return len(text) <= 40 and bool(_WIDGET.match(text))


def _has_heading(element) -> bool:
    return any(element.find(f".//h{level}") is not None for level in (1, 2, 3))


def _inside_article(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if isinstance(parent.tag, str) and parent.tag.lower() in ("article", "main"):
            return True
        parent = parent.getparent()
    return False


def _link_list(element) -> bool:
    """A menu without a name: a list or box whose text is all in three or more links."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag not in ("ul", "ol", "div", "p", "span", "dl"):
        return False
    links = element.findall(".//a")
    if len(links) < 3:
        return False
    text = re.sub(r"\s+", "", element.text_content() or "")
    linked = sum(len(re.sub(r"\s+", "", link.text_content() or "")) for link in links)
    return bool(text) and linked >= 0.9 * len(text)
