"""Word (.docx) documents into the neutral model: body paragraphs and tables, in order.

python-docx opens the package and names the styles; the body is then walked directly so that
merged cells come out positionally (``gridSpan`` covers the columns to the right, ``vMerge``
continuation covers the cells below) and paragraphs between tables keep their place. A package
too damaged for python-docx is read as far as it goes (see :mod:`.salvage`).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from ..document import Document, Merge, Paragraph, Table, Unreadable
from .salvage import read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def read(path: Path) -> Document:
    document = Document(name=path.name, format_label="Word 文档")
    data = path.read_bytes()
    body, styles = _open(data, path, document.notes)
    document.blocks = list(_blocks(body, styles))
    if document.is_empty():
        raise Unreadable("Word 文档里没有可读的文字")
    return document


def _open(data: bytes, path: Path, notes: list[str]):
    try:
        import docx  # python-docx

        opened = docx.Document(str(path))
        styles = {}
        for style in opened.styles:
            match = _HEADING_NAME.match((style.name or "").strip())
            if match:
                styles[style.style_id] = int(match.group(1))
        return opened.element.body, styles
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as error:
        reason = type(error).__name__
    except Exception as error:  # noqa: BLE001 - python-docx raises its own types for a broken package
        reason = type(error).__name__
    xml = read_member(data, "word/document.xml")
    if not xml:
        raise Unreadable(f"不是可读的 Word 文档（.docx）：文件已损坏或不是 Word 格式（{reason}）")
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=False, resolve_entities=False))
    body = root.find(f"{W}body") if root is not None else None
    if body is None:
        raise Unreadable(f"Word 文档已损坏，正文无法读出（{reason}）")
    notes.append(f"Word 文件已损坏或不完整（{reason}），只读出了其中能读的部分；缺失的内容请对照原件补录")
    return body, {}


def _blocks(container, styles):
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            yield Paragraph(paragraph_text(child).strip(), _heading_level(child, styles))
        elif tag == f"{W}tbl":
            yield _table(child)
            # tables nested in cells follow their parent, in document order
            for nested in child.iter(f"{W}tbl"):
                if nested is not child:
                    yield _table(nested)
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):  # content controls wrap real blocks
            inner = child.find(f"{W}sdtContent")
            yield from _blocks(inner if inner is not None else child, styles)


def paragraph_text(paragraph) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _heading_level(paragraph, styles) -> int | None:
    properties = paragraph.find(f"{W}pPr")
    if properties is None:
        return None
    style = properties.find(f"{W}pStyle")
    if style is not None and style.get(f"{W}val") in styles:
        return styles[style.get(f"{W}val")]
    outline = properties.find(f"{W}outlineLvl")
    if outline is not None and (outline.get(f"{W}val") or "").isdigit():
        level = int(outline.get(f"{W}val")) + 1
        return level if level <= 6 else None
    return None


def _table(element) -> Table:
    """Rows of the table; ``gridSpan`` merges to the right, ``vMerge`` continuations extend the
    merge started above them, so the merged text is known at every position it covers."""
    grid: list[list[str]] = []
    spans: dict[tuple[int, int], list[int]] = {}  # origin → [bottom, right]
    open_vertical: dict[int, tuple[int, int]] = {}  # column → origin of the vertical merge running there
    for row in element.iter(f"{W}tr"):
        if _owning_table(row) is not element:  # rows of a nested table are read as their own table
            continue
        r = len(grid)
        cells: list[str] = []
        before = _int_property(row.find(f"{W}trPr"), "gridBefore")
        cells.extend("" for _ in range(before))
        for cell in _row_cells(row):
            properties = cell.find(f"{W}tcPr")
            span = max(1, _int_property(properties, "gridSpan"))
            merge = properties.find(f"{W}vMerge") if properties is not None else None
            continues = merge is not None and merge.get(f"{W}val") in (None, "continue")
            start = len(cells)
            origin = open_vertical.get(start) if continues else None
            if origin is not None:
                spans[origin][0] = r
                cells.extend("" for _ in range(span))
            else:
                cells.append(_cell_text(cell))
                cells.extend("" for _ in range(span - 1))
                spans[(r, start)] = [r, start + span - 1]
                for col in range(start, start + span):
                    open_vertical.pop(col, None)
                if merge is not None:  # vMerge="restart": a vertical merge starts here
                    open_vertical[start] = (r, start)
            if merge is None:
                for col in range(start, start + span):
                    open_vertical.pop(col, None)
        grid.append(cells)
    merges = [Merge(top, left, bottom, right) for (top, left), (bottom, right) in spans.items()
              if (bottom, right) != (top, left)]
    return Table.from_origins(grid, merges, spans_known=True)


def _owning_table(row):
    parent = row.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def _row_cells(row):
    for child in row:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            yield from child.iter(f"{W}tc")


def _cell_text(cell) -> str:
    """The cell's paragraphs, one per line; a table nested in the cell is read as a table of its
    own (it follows its parent in the document), so only a mark of it stays in the text."""
    lines: list[str] = []
    for child in cell:
        if child.tag == f"{W}p":
            lines.append(paragraph_text(child))
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            lines.extend(paragraph_text(p) for p in child.iter(f"{W}p") if _owning_cell(p) is cell)
    return "\n".join(line.rstrip() for line in lines).strip()


def _owning_cell(node):
    parent = node.getparent()
    while parent is not None and parent.tag != f"{W}tc":
        parent = parent.getparent()
    return parent


def _int_property(properties, name: str) -> int:
    if properties is None:
        return 0
    node = properties.find(f"{W}{name}")
    value = node.get(f"{W}val") if node is not None else None
    return int(value) if value and value.isdigit() else 0
