"""Narrative HTML is written by units and may carry markup that must not run in a reader's browser.

An allow-list (nh3, the Rust ammonia sanitiser): structure, tables, emphasis and http(s) links
stay; scripts, event handlers, styles, classes, frames, forms and javascript:/data: URLs go. A
heading keeps an ``id`` only when it is one of the anchors the narrative's own contents list
made (narrative.py): an id written by hand could take the name of an element of the page.
"""

from __future__ import annotations

import re

import nh3

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "b", "i", "u", "s", "sub", "sup", "mark",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "span", "div", "abbr",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "abbr": {"title"},
    **{tag: {"id"} for tag in HEADINGS},
}
_SAFE_ID = re.compile(r"[\w-]{1,80}")
_SPAN = re.compile(r"[0-9]{1,3}")  # colspan/rowspan: a number, and a small one


def sanitize_html(html: str, heading_ids: set[str] | None = None) -> str:
    """``html`` with only the allow-listed markup left. ``heading_ids``: the ids headings may keep
    (None: any plain one, letters, digits, ``-`` and ``_``)."""

    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            allowed = _SAFE_ID.fullmatch(value) if heading_ids is None else value in heading_ids
            return value if allowed else None
        if attribute in ("colspan", "rowspan"):
            return value if _SPAN.fullmatch(value) else None
        return value

    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
