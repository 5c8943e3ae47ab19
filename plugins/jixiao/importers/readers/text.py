"""Plain text extracted from Word or Excel documents, like the seed files, into the neutral model.

Three layouts occur, and a file is read as the one most of its lines follow:

- **Word cells** (Word's "save as text" of a table form): every cell is a line that starts with a
  tab, a blank line ends a table row, and a line without the tab continues the cell above it
  (a cell with a line break).
- **Sheet rows** (Excel saved as tab-separated text): one line per row, cells split by tabs;
  a ``.csv`` file is read the same way, by the csv module.
- **Prose** (a narrative report): every line is a paragraph; a run of lines that contain tabs is
  a small table.

Nothing here knows about reports. Encoding problems are read through and noted, never fatal,
unless the bytes are not text at all.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..document import Document, Paragraph, Table, Unreadable

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORDISH = re.compile(r"[\w\u3000-\u303f\uff00-\uffef%.]")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")  # left behind by some Word-to-text converters


def read(path: Path) -> Document:
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> Document:
    document = Document(name=name, from_text_extraction=True, format_label="文本提取")
    text = decode(data, document.notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _without_controls(text, document.notes)
    text = _BOOKMARK.sub("", text)
    lines = text.split("\n")
    layout = "csv" if name.lower().endswith(".csv") else _layout(lines)
    if layout == "csv":
        document.blocks = [_csv(text)]
    elif layout == "cells":
        document.blocks = _word_cells(lines)
    elif layout == "sheet":
        document.blocks = [_sheet(lines)]
    else:
        document.blocks = _prose(lines)
    if document.is_empty():
        raise Unreadable("文件里没有可读的文字")
    return document


def _without_controls(text: str, notes: list[str]) -> str:
    """Control characters are not text; a file made mostly of them is not a text file at all."""
    kept = _CONTROL.sub("", text)
    removed = len(text) - len(kept)
    words = len(_WORDISH.findall(kept))
    visible = len(kept) - len(re.findall(r"\s", kept))
    if words < 2 or words < 0.3 * visible:
        raise Unreadable("文件不是可识别的文本（几乎没有文字，可能是二进制文件或已损坏）")
    if removed:
        notes.append(f"文件中有 {removed} 个控制字符（不是文字），已去掉")
    return kept


def decode(data: bytes, notes: list[str]) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030; stray bytes are noted."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", "replace")
    broken = loose.count("\ufffd")
    if len(_CJK.findall(loose)) >= 4 * broken:
        notes.append(f"文件有 {broken} 处字节无法按 UTF-8 解码，已显示为“\ufffd”；这些位置的文字请对照原件补正")
        return loose
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _CJK.search(text):
        notes.append("文件按 GBK/GB18030 编码读取（不是 UTF-8）；请核对文字是否正确")
        return text
    if len(_CJK.findall(loose)) < 2:
        raise Unreadable("文件不是可识别的文本（既不是 UTF-8 也不是 GBK 编码的中文），可能是二进制文件或已损坏")
    notes.append(f"文件有 {broken} 处字节无法解码，已显示为“\ufffd”；这些位置的文字请对照原件补正")
    return loose


def _layout(lines: list[str]) -> str:
    filled = [line for line in lines if line.strip()]
    if not filled:
        return "prose"
    # A Word cell line is one tab and its text; a sheet row has tabs between cells.
    cells = sum(1 for line in filled if line.startswith("\t") and "\t" not in line[1:])
    tabbed = sum(1 for line in filled if "\t" in line[1:])
    if cells >= 0.3 * len(filled) and tabbed < 0.1 * len(filled):
        return "cells"
    if tabbed >= 0.5 * len(filled):
        return "sheet"
    return "prose"


def _word_cells(lines: list[str]) -> list:
    """Rows separated by blank lines; ``\\t`` starts a cell; other lines continue the cell above."""
    rows: list[list[str]] = []
    current: list[str] = []
    blocks: list = []

    def end_row():
        nonlocal current
        if current and any(cell.strip() for cell in current):
            rows.append([cell.rstrip() for cell in current])
        current = []

    for line in lines:
        if not line.strip() and not line.startswith("\t"):
            end_row()
        elif line.startswith("\t"):
            current.append(line[1:])
        elif current:
            current[-1] += "\n" + line
        else:  # a line outside any cell: a paragraph between tables
            if rows:
                blocks.append(Table(rows))
                rows = []
            blocks.append(Paragraph(line.strip()))
    end_row()
    if rows:
        blocks.append(Table(rows))
    return blocks


def _sheet(lines: list[str]) -> Table:
    rows = [_split_tsv_row(line) for line in _join_quoted(lines)]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    width = max((len(row) for row in rows), default=0)
    return Table([row + [""] * (width - len(row)) for row in rows])


def _csv(text: str) -> Table:
    """Excel saved as CSV: the same rows as a tab-separated sheet, read by the csv module."""
    rows = [row for row in csv.reader(io.StringIO(text))]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    return Table([row + [""] * (width - len(row)) for row in rows])


def _join_quoted(lines: list[str]) -> list[str]:
    """Excel quotes a cell that holds a line break: ``"line one\\nline two"`` spans text lines."""
    joined: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None:
            pending += "\n" + line
            if pending.count('"') % 2 == 0:
                joined.append(pending)
                pending = None
        elif line.count('"') % 2 == 1 and any(cell.startswith('"') for cell in line.split("\t")):
            pending = line
        else:
            joined.append(line)
    if pending is not None:  # an unclosed quote: read the lines as they are
        joined.extend(pending.split("\n"))
    return joined


def _split_tsv_row(line: str) -> list[str]:
    cells: list[str] = []
    buffer: str | None = None
    for cell in line.split("\t"):
        if buffer is not None:
            buffer += "\t" + cell
            if buffer.count('"') % 2 == 0:
                cells.append(_unquote(buffer))
                buffer = None
        elif cell.startswith('"') and cell.count('"') % 2 == 1:
            buffer = cell
        else:
            cells.append(_unquote(cell))
    if buffer is not None:
        cells.append(buffer)
    return cells


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell


def _prose(lines: list[str]) -> list:
    blocks: list = []
    table: list[list[str]] = []
    for line in lines:
        stripped = line.strip()
        if "\t" in stripped:
            table.append([cell.strip() for cell in stripped.split("\t")])
            continue
        if table:
            blocks.append(_square(table))
            table = []
        if stripped:
            blocks.append(Paragraph(stripped))
    if table:
        blocks.append(_square(table))
    return blocks


def _square(rows: list[list[str]]) -> Table:
    width = max(len(row) for row in rows)
    return Table([row + [""] * (width - len(row)) for row in rows])
