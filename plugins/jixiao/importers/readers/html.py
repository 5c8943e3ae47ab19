"""Saved web pages (.html, .htm, a page saved as .txt) into the neutral model.

A government portal publishes a self-evaluation form as an HTML table inside its page chrome. The
page is decoded (:mod:`.htmlcode`), the chrome is left out (:mod:`.htmlchrome`), and the rest is
walked in document order: headings ``h1``–``h6`` keep their level, every other block is a
paragraph, every table is a :class:`Table` with ``rowspan``/``colspan`` as merges and ``<br>``
inside a cell as a line break. A table inside a cell follows its parent as a table of its own. A
table used only for page layout (one row or one column holding other tables, or a single cell) is
read through as if it were not there.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree, html as lxml_html

from ..document import Document, Merge, Paragraph, Table, Unreadable
from .htmlchrome import is_chrome, is_hidden, is_widget_text
from .htmlcode import decode_page

_SKIPPED = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "object", "embed",
            "iframe", "frame", "frameset", "svg", "math", "canvas", "audio", "video", "map", "button",
            "select", "input", "textarea", "option", "img"}
_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
           "pre", "center", "form", "fieldset", "address", "figure", "figcaption", "hr", "body", "html",
           "header", "footer", "nav", "aside", "caption", "details", "summary", "legend", "tr", "td", "th",
           "tbody", "thead", "tfoot", "font-block"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0\u200b]+")
_BR = "\x00"  # a <br> inside a cell, kept apart from the source's own line breaks until the end
MAX_SPAN = 1000  # a colspan="10000" typo must not make a table ten thousand columns wide


def read(path: Path) -> Document:
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> Document:
    document = Document(name=name, format_label="网页")
    text = decode_page(data, document.notes)
    root = _parse(text)
    if root is None:
        raise Unreadable("网页无法解析：文件不是有效的 HTML；请在浏览器中打开后“另存为”网页再导入")
    body = root.find("body")
    start = body if body is not None else root
    document.blocks = _Walker(leave_out_chrome=True).blocks(start)
    if document.is_empty():  # everything looked like chrome: better the whole page than nothing
        document.blocks = _Walker(leave_out_chrome=False).blocks(start)
        if not document.is_empty():
            document.notes.append("网页的正文无法与导航、页眉页脚区分开，已读入整页文字；请核对并删去无关内容")
    if document.is_empty():
        raise Unreadable("网页里没有可读的正文文字（可能只有图片或脚本）；请导入报告的原始文件（Word、Excel 或 PDF）")
    return document


def _parse(text: str):
    # lxml refuses a str that still declares its bytes' encoding
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        return None
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def clean(text: str) -> str:
    """Whitespace as a browser shows it: runs become one space; a line break in the source between
    two Chinese characters is no space at all (pages wrap their source lines anywhere)."""
    text = _CJK_BREAK.sub("", text)
    return _SPACES.sub(" ", text).strip()


class _Walker:
    """Blocks of an element in document order; paragraphs gather inline text until a block ends."""

    def __init__(self, leave_out_chrome: bool, in_cell: bool = False):
        self.leave_out_chrome = leave_out_chrome
        self.in_cell = in_cell
        self.out: list = []
        self.buffer: list[str] = []
        self.nested: list[Table] = []  # tables met inside a cell, for the caller to place after its table
        self.total = 0

    def blocks(self, element) -> list:
        if self.leave_out_chrome:
            self.total = len(element.text_content() or "")
        self._element(element)
        self._flush()
        return self.out

    def _flush(self, level: int | None = None) -> None:
        parts = "".join(self.buffer).split(_BR)
        text = "\n".join(line for line in map(clean, parts) if line)
        self.buffer = []
        if text and not (self.leave_out_chrome and not self.in_cell and level is None and is_widget_text(text)):
            self.out.append(Paragraph(text, level))

    def _element(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIPPED or is_hidden(element):
            return
        if self.leave_out_chrome and is_chrome(element, self.total):
            return
        if tag == "br":
            if self.in_cell:
                self.buffer.append(_BR)
            else:
                self._flush()
            return
        if tag == "table":
            self._flush()
            self._table(element)
            return
        if tag in _HEADINGS and not self.in_cell:
            self._flush()
            self._children(element)
            self._flush(_HEADINGS[tag])
            return
        if tag == "pre":
            self._flush()
            for line in element.text_content().splitlines():
                self.buffer.append(line)
                self._flush()
            return
        block = tag in _BLOCKS or tag in _HEADINGS
        if block:
            self._flush()
        self._children(element)
        if block:
            self._flush()

    def _children(self, element) -> None:
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self._element(child)
            if child.tail:
                self.buffer.append(child.tail)

    # --- tables ---

    def _table(self, element) -> None:
        rows = _own_rows(element)
        if _is_layout(rows, element):
            for row in rows:
                for cell in _own_cells(row):
                    self._flush()
                    self._children(cell)
                    self._flush()
            return
        caption = element.find("caption")
        if caption is not None:
            self._children(caption)
            self._flush()
        table, nested = self._read_table(rows)
        if table is not None:
            self.out.append(table)
        if self.in_cell:
            self.nested.extend(nested)
        else:
            self.out.extend(nested)

    def _read_table(self, rows) -> tuple[Table | None, list[Table]]:
        grid: list[list[str | None]] = []
        merges: list[Merge] = []
        nested: list[Table] = []
        for r, row in enumerate(rows):
            while len(grid) <= r:
                grid.append([])
            c = 0
            for cell in _own_cells(row):
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1  # taken by a rowspan from above
                text, inner = self._cell(cell)
                nested.extend(inner)
                colspan = _span(cell.get("colspan"))
                rowspan = _span(cell.get("rowspan"), zero_means=len(rows) - r)
                rowspan = min(rowspan, len(rows) - r)  # a span past the last row stops at it
                for dr in range(rowspan):
                    while len(grid) <= r + dr:
                        grid.append([])
                    target = grid[r + dr]
                    while len(target) < c + colspan:
                        target.append(None)
                    for dc in range(colspan):
                        target[c + dc] = "" if (dr or dc) else text
                if colspan > 1 or rowspan > 1:
                    merges.append(Merge(r, c, r + rowspan - 1, c + colspan - 1))
                c += colspan
        cells = [["" if text is None else text for text in row] for row in grid]
        if not any(text.strip() for row in cells for text in row):
            return None, nested
        return Table.from_origins(cells, merges, spans_known=True), nested

    def _cell(self, cell) -> tuple[str, list[Table]]:
        walker = _Walker(self.leave_out_chrome, in_cell=True)
        walker.total = self.total
        walker._children(cell)
        walker._flush()
        text = "\n".join(block.text for block in walker.out if isinstance(block, Paragraph))
        tables = [block for block in walker.out if isinstance(block, Table)] + walker.nested
        return text, tables


def _own_rows(table) -> list:
    """The table's rows in order (thead, tbody, tfoot or bare), not those of tables inside it."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if isinstance(row.tag, str) and row.tag.lower() == "tr")
    return rows


def _own_cells(row) -> list:
    return [cell for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]


def _is_layout(rows, table) -> bool:
    """A table that only places things on the page: a single cell, or one row or one column whose
    cells hold other tables. Its content is read as if the table were not there."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    cells = [cell for row in rows for cell in _own_cells(row)]
    if not cells:
        return True
    if len(cells) == 1:
        return True
    widest = max(len(_own_cells(row)) for row in rows)
    holds_tables = any(cell.find(".//table") is not None for cell in cells)
    return holds_tables and (len(rows) == 1 or widest == 1)


def _span(value: str | None, zero_means: int = 1) -> int:
    match = re.match(r"\s*(\d+)", value or "")
    if not match:
        return 1
    number = int(match.group(1))
    if number == 0:
        return max(1, zero_means)
    return min(number, MAX_SPAN)
