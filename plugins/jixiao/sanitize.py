"""Narrative HTML is written by units and may carry markup that must not run in a reader's browser.

An allow-list (nh3, the Rust ammonia sanitiser): structure, tables, emphasis and http(s) links
stay; scripts, event handlers, styles, frames, forms and javascript:/data: URLs go.
"""

from __future__ import annotations

import nh3

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "b", "i", "u", "s", "sub", "sup", "mark",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "span", "div", "abbr",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "abbr": {"title"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    # Markdown's own permalinks and footnotes use these; they carry no script.
    "span": {"class"}, "div": {"class"}, "sup": {"id"}, "li": {"id"},
}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )

