"""The one shape every file is read into: paragraphs and tables, in document order.

Readers (``readers/``: docx, doc, xlsx, xls, pdf, html, text) know nothing about evaluation
reports; form recognisers (``forms/``) know nothing about file formats. This module is the
contract between them, so a report reads the same whether it came as Word, Excel, PDF, a web page
or flattened text.

A table is a grid of cells. A merged cell (Word ``gridSpan``/``vMerge``, Excel merged ranges, HTML
``rowspan``/``colspan``, a PDF cell box over several rows) is listed in ``merges`` and its text is
known at every position it covers: a category cell merged over five rows belongs to all five.
Two views serve the two ways recognisers read a table:

- ``table.cells[r][c]``: the text at every position, merged text repeated;
- ``table.grid[r][c]``: the text where the document wrote it, ``""`` at the positions a merge
  covers (the shape a Word text extraction gives, where a merged cell reads once).

``spans_known`` says whether merges were read from the file or inferred from flattened text
(where a category written once above empty cells is taken to span them): only inferred spans may
be re-aligned by a recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Merge:
    """A merged cell: rows ``top..bottom`` and columns ``left..right``, both inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    def covers(self, row: int, col: int) -> bool:
        return self.top <= row <= self.bottom and self.left <= col <= self.right

    @property
    def origin(self) -> tuple[int, int]:
        return self.top, self.left


@dataclass
class Paragraph:
    text: str
    heading_level: int | None = None  # from a Word or HTML heading, when the document used one


class Table:
    """Rows of cells with merges resolved. Build it with :meth:`from_origins` from what a file
    stores (the text at each merge's top-left, merges as ranges) or directly from full cells."""

    def __init__(self, cells: list[list[str]], merges: list[Merge] | None = None, *,
                 spans_known: bool = False, sheet: str | None = None, page: int | None = None):
        width = max((len(row) for row in cells), default=0)
        self.cells = [list(row) + [""] * (width - len(row)) for row in cells]
        self.merges = sorted(set(merges or []), key=lambda m: (m.top, m.left))
        self.spans_known = spans_known
        self.sheet = sheet  # the worksheet a table came from, for a workbook
        self.page = page  # the page a PDF table starts on
        self._covering: dict[tuple[int, int], Merge] = {}
        self._grid: list[list[str]] | None = None
        for merge in self.merges:
            for r in range(merge.top, min(merge.bottom, len(self.cells) - 1) + 1):
                for c in range(merge.left, min(merge.right, width - 1) + 1):
                    self._covering[(r, c)] = merge

    @classmethod
    def from_origins(cls, grid: list[list[str]], merges: list[Merge] | None = None, **options) -> Table:
        """``grid`` holds each merged cell's text at its top-left only; copy it to every position."""
        cells = [list(row) for row in grid]
        for merge in merges or []:
            if merge.top >= len(cells) or merge.left >= len(cells[merge.top]):
                continue
            text = cells[merge.top][merge.left]
            for r in range(merge.top, min(merge.bottom, len(cells) - 1) + 1):
                for c in range(merge.left, merge.right + 1):
                    while len(cells[r]) <= c:
                        cells[r].append("")
                    cells[r][c] = text
        return cls(cells, merges, **options)

    # --- views ---

    @property
    def grid(self) -> list[list[str]]:
        """Text where the document wrote it: ``""`` at positions a merge covers but does not start."""
        if self._grid is None:  # recognisers ask for it row after row: worked out once, never changed
            covered = self.covered
            self._grid = [[text if (r, c) not in covered else "" for c, text in enumerate(row)]
                          for r, row in enumerate(self.cells)]
        return self._grid  # shared, not copied: read it, do not change it

    @property
    def covered(self) -> set[tuple[int, int]]:
        return {position for position, merge in self._covering.items() if position != merge.origin}

    @property
    def width(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    def merge_at(self, row: int, col: int) -> Merge | None:
        return self._covering.get((row, col))

    def is_merged(self, row: int, col: int) -> bool:
        return (row, col) in self._covering

    def is_covered(self, row: int, col: int) -> bool:
        merge = self._covering.get((row, col))
        return merge is not None and merge.origin != (row, col)

    def shape(self) -> tuple[tuple[tuple[str, ...], ...], tuple[Merge, ...]]:
        """Cells and merges, for comparing the same table read from two formats."""
        return tuple(tuple(row) for row in self.cells), tuple(self.merges)

    def __repr__(self) -> str:
        return f"Table({len(self.cells)}×{self.width}, {len(self.merges)} merges, sheet={self.sheet!r})"


Block = Paragraph | Table


class Unreadable(Exception):
    """Nothing could be read from the file; the message says why and what to do, in Chinese."""


@dataclass
class Document:
    """What a reader got out of a file, with what it could not read noted in Chinese."""

    name: str  # the file name, as the record's ``source.file`` will show it
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    from_text_extraction: bool = False  # lines may be broken at page ends; merges are inferred
    format_label: str = ""  # 如“Word 文档”“Excel 工作簿”“PDF 文档”“网页”“文本提取”
    layout: str = ""  # how a text extraction laid its tables out (``pipes``, ``run-together`` …)
    source_url: str | None = None  # where the document was published, when the file says
    traditional: bool = False  # read from a traditional-character copy, converted to simplified

    def text(self) -> str:
        """All text, paragraphs and cells, one line per paragraph or row: for form detection."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend("\t".join(row) for row in block.grid)
        return "\n".join(lines)

    def is_empty(self) -> bool:
        return not self.text().strip()

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


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
