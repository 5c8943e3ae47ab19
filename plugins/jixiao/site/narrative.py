"""A report's narrative, from the Markdown a unit wrote to the HTML and contents list a page shows.

The narrative is report text and nothing else. It is rendered here, by a Markdown converter of its
own, never by the site's: the site's extensions (attribute lists in mkdocs.yml, whatever a later
site adds) are for the hand-written pages, and each of them is a way for a record to reach
Material's templates, which print the table of contents, the skip link and the page head without
escaping them. So here there are headings, paragraphs, lists, emphasis, links, code and tables,
and no attribute lists (``{: id=… }`` stays visible text), no metadata block (a ``---`` block at
the start of the narrative is text and a rule, never page metadata), no Markdown inside HTML.
Raw HTML goes through the allow-list of :mod:`jixiao.site.sanitize`.

Contents entries come out as plain text (markup-safe, every character escaped) and each heading's
anchor is a slug made of letters, digits, ``-`` and ``_`` only, so they are safe wherever a
template prints them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import markdown
import nh3
from markupsafe import Markup, escape
from markdown.extensions.toc import TocExtension

from .sanitize import sanitize_html

ANCHOR_LIMIT = 60  # characters of an anchor: a 300-character heading must not give a 300-character URL


def anchor(text: str, separator: str = "-") -> str:
    """A heading's anchor: its letters and digits (any script), lowercased, words joined by ``-``."""
    words = re.findall(r"\w+", text.lower())
    return separator.join(words)[:ANCHOR_LIMIT].strip(separator + "_") or "section"


@dataclass
class Heading:
    level: int
    anchor: str
    title: Markup  # plain text, escaped
    children: list["Heading"] = field(default_factory=list)

    def token(self) -> dict:
        """The shape MkDocs builds its table of contents from (mkdocs.structure.toc.get_toc)."""
        return {"level": self.level, "id": self.anchor, "name": self.title,
                "children": [child.token() for child in self.children]}


@dataclass
class Narrative:
    html: str  # sanitised
    headings: list[Heading]  # nested as the levels nest


# Every inline pattern of the converter (INLINE_PATTERNS) starts with one of these: code, escapes,
# links and images, autolinks and raw HTML, entities, emphasis, a hard line break (two spaces at a
# line's end, or a tab there, which the converter first turns into spaces).
INLINE_START = re.compile(r"[`\\\[<&*_]|(?:\t| {2})[ \t]*[\r\n]")
INLINE_PATTERNS = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                   "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong")


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "fenced_code", TocExtension(slugify=anchor, permalink=False)],
        output_format="html",
    )


class NarrativeRenderer:
    """One converter for every narrative of a build (reset between them: cheaper than a new one).

    A narrative with none of INLINE_START's characters, nearly every one a unit writes, goes to a
    second converter without the inline pass: that pass tries each of the fourteen patterns on
    every paragraph and leaves such a text as it is, and was half the time of a narrative."""

    def __init__(self):
        self._md = _converter()
        self._plain = _converter()
        self._plain.treeprocessors.deregister("inline")

    def render(self, text: str) -> Narrative:
        text = text or ""
        md = self._md if INLINE_START.search(text) else self._plain
        md.reset()
        markup = md.convert(text)
        headings = [_heading(token) for token in getattr(md, "toc_tokens", [])]
        return Narrative(sanitize_html(markup, heading_ids=set(_anchors(headings))), headings)


def _heading(token: dict) -> Heading:
    # The contents entry is the heading's text alone: tags (even ones the allow-list keeps) go.
    # Escaped once more from plain text so that quotes are entities too, for any attribute a
    # template might put it in.
    text = _heading_text(token.get("html") or token.get("name") or "")
    title = escape(" ".join(text.split()))
    return Heading(token["level"], token["id"], title, [_heading(child) for child in token.get("children", [])])


# What the cleaner changes in a text that has none of these: nothing (it parses the text as HTML,
# and only a tag, a comment, an entity or a NUL is anything but the text itself; a carriage
# return becomes a line break, which the joining of words above makes a space anyway).
_MARKUP_CHARS = re.compile(r"[<&\x00]")


def _heading_text(markup: str) -> str:
    """A heading's text without its tags. Most headings are plain words: they skip the cleaner,
    whose set-up for each call was a tenth of a report page's narrative."""
    if _MARKUP_CHARS.search(markup) is None:
        return markup
    return html.unescape(nh3.clean(markup, tags=set(), strip_comments=True))


def _anchors(headings: list[Heading]):
    for heading in headings:
        yield heading.anchor
        yield from _anchors(heading.children)
