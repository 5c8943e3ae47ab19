"""A record's front matter is found and written by one module (jixiao.core.record.frontmatter):
the loader behind `jixiao check` and the importer that merges into a record agree on its end."""

from __future__ import annotations

import pytest

from jixiao.core.record import frontmatter, load_text
from jixiao.importers.existing import split_front_matter


def test_split_and_join_give_back_the_text():
    text = "---\nid: a\ntitle: 甲\n---\n\n## 一、概况\n正文\n"
    parts = frontmatter.split(text)
    assert parts == frontmatter.Parts("id: a\ntitle: 甲\n", "\n## 一、概况\n正文\n", 5)
    assert frontmatter.join(parts.front, parts.body) == text


@pytest.mark.parametrize("text", [
    "---\nid: a\n---\n正文\n",
    "---  \nid: a\n---\t\n正文\n",  # fences with trailing spaces
    "---\nid: a\n...\n正文\n",  # YAML's end-of-document marker
    "\ufeff---\r\nid: a\r\n---\r\n正文\r\n",  # a byte-order mark and Windows line ends
])
def test_the_importer_and_the_loader_end_the_front_matter_at_the_same_line(text):
    front, body = split_front_matter(text)
    assert (front, body) == ("id: a\n", "正文\n")
    assert load_text(text.removeprefix("\ufeff"), shown_as="a.md").body == body


@pytest.mark.parametrize("text", ["id: a\n---\n", "---\nid: a\n", " ---\nid: a\n---\n", "---\nid: a\n----\n"])
def test_no_front_matter_block(text):
    assert frontmatter.split(frontmatter.normalise(text)) is None
    assert split_front_matter(text) is None
