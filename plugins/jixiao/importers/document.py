"""The neutral shape every source format is read into: paragraphs and tables, in document order.

Readers (docx, xlsx, xls, text) know nothing about evaluation reports; recognisers know nothing
about file formats. This module is the contract between them.

A table is a positional grid: ``grid[r][c]`` is the text at grid row ``r``, column ``c``. A cell
covered by a merge (Word ``gridSpan``/``vMerge``, Excel merged ranges) holds ``""`` and is listed in
``covered``, so a value and its header line up by column however the document merged its cells —
the same shape a Word text extraction gives, where a vertically merged cell reads as an empty cell.
``spans_known`` says whether merges were read from the file (docx, xlsx, xls) or have to be
inferred (plain text): only inferred category spans may be re-aligned by a recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    heading_level: int | None = None  # from a Word heading style, when the document used one


@dataclass
class Table:
    grid: list[list[str]]
    covered: set[tuple[int, int]] = field(default_factory=set)
    spans_known: bool = False
    sheet: str | None = None  # the worksheet a table came from, for a workbook


Block = Paragraph | Table


class Unreadable(Exception):
    """Nothing could be read from the file; the message says why, in Chinese."""


@dataclass
class Document:
    """What a reader got out of a file, with what it could not read noted in Chinese."""

    name: str  # the file name, as the record's ``source.file`` will show it
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    from_text_extraction: bool = False  # lines may be broken at page ends; merges are not known
    format_label: str = ""  # 如“Word 文档”“Excel 工作簿”“文本提取”

    def text(self) -> str:
        """All text, paragraphs and cells, one line per paragraph or row: for template detection."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend("\t".join(row) for row in block.grid)
        return "\n".join(lines)

    def is_empty(self) -> bool:
        return not self.text().strip()


@dataclass
class Row:
    """One row of the flattened document: a table row, or a paragraph as a one-cell row."""

    cells: list[str]  # positional, covered cells as ""
    table: Table | None
    index: int  # row index inside its table, 0 for a paragraph
    position: int  # running row number in the document, for messages (from 1)

    @property
    def filled(self) -> list[str]:
        return [text.strip() for text in self.cells if text.strip()]

    @property
    def spans_known(self) -> bool:
        return bool(self.table and self.table.spans_known)


def flatten(document: Document) -> list[Row]:
    """Every row of the document in order; form recognisers walk this list."""
    rows: list[Row] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            rows.append(Row([block.text], None, 0, len(rows) + 1))
        else:
            for index, cells in enumerate(block.grid):
                rows.append(Row(list(cells), block, index, len(rows) + 1))
    return rows
