"""A narrative without inline Markdown skips the converter's inline pass, and looks the same."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.site.narrative import INLINE_PATTERNS, INLINE_START, NarrativeRenderer


def _always_inline() -> NarrativeRenderer:
    renderer = NarrativeRenderer()
    renderer._plain = renderer._md  # every text through the whole converter
    return renderer


def test_the_converter_has_the_inline_patterns_inline_start_was_written_for():
    # A Markdown release that adds a pattern must add its first characters to INLINE_START.
    assert tuple(NarrativeRenderer()._md.inlinePatterns._data) == INLINE_PATTERNS


# One piece of each inline pattern, and what the inline pass makes of it.
INLINE_EXAMPLES = {
    "backtick": "用 `代码` 表示",
    "escape": "星号 \\* 不是强调",
    "reference": "见[文件][1]\n\n[1]: http://example.com",
    "link": "见[文件](http://example.com)",
    "image_link": "![图](a.png)",
    "image_reference": "![图][1]\n\n[1]: a.png",
    "short_reference": "见[文件]\n\n[文件]: http://example.com",
    "short_image_ref": "![图]\n\n[图]: a.png",
    "autolink": "<http://example.com>",
    "automail": "<office@example.com>",
    "linebreak": "第一行  \n第二行",
    "html": "一个<b>粗体</b>词",
    "entity": "A&amp;B",
    "em_strong": "**重点**与_强调_",
}


def test_every_inline_pattern_is_seen_and_rendered_as_before():
    assert set(INLINE_EXAMPLES) == set(INLINE_PATTERNS)
    renderer, reference = NarrativeRenderer(), _always_inline()
    for name, text in INLINE_EXAMPLES.items():
        assert INLINE_START.search(text), name
        assert renderer.render(text).html == reference.render(text).html, name
    # A tab at a line's end becomes spaces, and two of them are a line break.
    assert INLINE_START.search("第一行\t\n第二行") and INLINE_START.search("第一行 \t\r\n第二行")
    assert "<br" in reference.render("第一\t\n第二").html


# Block Markdown, Chinese text and the characters next to the inline ones, with and without them.
PIECES = ["一、项目概况", "资金到位率100%。", "（一）", "“绩效”", "！", "!", "#", "## 标题", "### 小节",
          "- 条目", "1. 第一", "> 引文", "---", "| 指标 | 值 |\n|---|---|\n| 完成率 | 98% |", "    缩进的代码",
          "~~~\n代码\n~~~", "{", "}", "]", "(", ")", ":", "@", "http://example.com", "a.b", "=", "+", "~", "^",
          "'", '"', "/", "%", "、", " ", "  ", "\t", "\n", "\n\n", "\r\n",
          "*", "_", "`", "[", "<", "&", "\\", "**加粗**", "[链接](http://x.cn)", "<i>斜体</i>", "&lt;"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_narrative_renders_as_the_whole_converter_renders_it(text):
    got, expected = NarrativeRenderer().render(text), _always_inline().render(text)
    assert got.html == expected.html
    assert [h.token() for h in got.headings] == [h.token() for h in expected.headings]


def test_plain_narratives_are_the_common_case_and_skip_the_pass():
    renderer = NarrativeRenderer()
    text = "## 一、项目概况\n\n本项目资金到位率 100%，执行率 98.5%。\n\n- 完成了培训\n- 发放了补贴\n"
    assert not INLINE_START.search(text)
    assert "inline" not in renderer._plain.treeprocessors
    assert renderer.render(text).html == _always_inline().render(text).html


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("标题 一二\t\r\n\x0b\x0c\xa0\u3000>\"'=/;#x&<!-\x00ampltgbs38"), max_size=30))
@example("&amp; 与 &lt;b&gt;")
@example("A&#38;B")
@example("预算&nbsp;执行")
@example("x\x00y")
@example("<b>粗</b>体")
@example("<!-- 注 -->标题")
@example("1 > 0")
def test_a_heading_without_markup_is_its_text_as_the_cleaner_gives_it(markup):
    """A heading with no tag, entity or NUL skips the cleaner (narrative._heading_text); the
    contents list shows the same words either way."""
    import html

    import nh3

    from jixiao.site.narrative import _heading_text

    cleaned = html.unescape(nh3.clean(markup, tags=set(), strip_comments=True))
    assert " ".join(_heading_text(markup).split()) == " ".join(cleaned.split())
