"""A document's cells in reading order: how a careful reader goes through a flattened form.

Labels and their values sit next to each other in reading order whatever the layout: in the same
row of a Word table, or one after the other in a text whose rows were lost. The stream lists every
cell where the document wrote it (a merged cell once, at its top-left), paragraphs as cells of
their own, each with where it stands, so a recogniser can read "the value after 主管部门" and
still say which table row a figure came from. Cells a recogniser takes are marked used; what is
left at the end becomes an import note, so nothing on the form is dropped without a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, Paragraph, Table


@dataclass
class Cell:
    text: str
    block: int  # index of the block in the document
    row: int  # row in its table (0 for a paragraph)
    col: int
    row_start: bool  # the first cell of its row, or a paragraph
    positional: bool = False  # from a table whose cells stand in their columns (a real file's table)
    in_table: bool = False

    @property
    def where(self) -> tuple[int, int]:
        return self.block, self.row


@dataclass
class Stream:
    cells: list[Cell]
    used: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.cells)

    def text(self, index: int) -> str:
        return self.cells[index].text if 0 <= index < len(self.cells) else ""

    def use(self, *indexes: int) -> None:
        self.used.update(indexes)

    def unused(self) -> list[int]:
        return [i for i in range(len(self.cells)) if i not in self.used and self.cells[i].text.strip()]


def stream_of(document: Document, skip_blocks: set[int] | None = None) -> Stream:
    cells: list[Cell] = []
    for number, block in enumerate(document.blocks):
        if skip_blocks and number in skip_blocks:
            continue
        if isinstance(block, Paragraph):
            if block.text.strip():
                cells.append(Cell(block.text.strip(), number, 0, 0, True))
            continue
        for r, row in enumerate(block.grid):
            first = True
            for c, text in enumerate(row):
                if block.is_covered(r, c):
                    continue
                cells.append(Cell(text.strip(), number, r, c, first, block.spans_known, True))
                first = False
    return Stream(cells)


def block_of(document: Document, cell: Cell) -> Table | Paragraph:
    return document.blocks[cell.block]
