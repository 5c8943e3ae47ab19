"""Walking the rows of a table form: label cells and their values, header blocks, narrative cells.

Shared by the form recognisers (Suzhou, Minhang, national). A form is read as a list of rows; a
recogniser marks the rows it used, and whatever is left with content becomes an import note, so
nothing on the form is dropped without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..cells import label, number, one_line, short
from ..document import Row
from ..draft import Draft

_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\S{1,30}$")


@dataclass
class Walk:
    rows: list[Row]
    used: set[int] = field(default_factory=set)

    def use(self, *indexes: int) -> None:
        self.used.update(indexes)

    def find(self, predicate, start: int = 0) -> int | None:
        for index in range(start, len(self.rows)):
            if predicate(self.rows[index]):
                return index
        return None

    def leftovers(self, draft: Draft, where: str) -> None:
        """Every unused row with content becomes a note (numbers included, as written)."""
        for index, row in enumerate(self.rows):
            if index in self.used or not row.filled:
                continue
            text = "｜".join(short(cell, 60) for cell in row.filled)
            draft.note(f"{where}第 {row.position} 行未能归位，原文：{text}")


def note_other_cells(draft: Draft, row: Row, used: set[int], where: str) -> None:
    """Cells of a label row that no label claimed: noted, so that no figure goes unseen."""
    for col, text in enumerate(row.cells):
        if text.strip() and col not in used:
            draft.note(f"{where}第 {row.position} 行的“{short(text, 60)}”未能归位")


def value_after(row: Row, col: int) -> tuple[int, str] | None:
    """The first non-empty cell right of ``col``: a label's value on a form."""
    for index in range(col + 1, len(row.cells)):
        if row.cells[index].strip():
            return index, row.cells[index].strip()
    return None


def label_col(row: Row, pattern: str) -> int | None:
    """The column of the first cell whose label matches ``pattern`` (a regex on the label)."""
    for col, text in enumerate(row.cells):
        if text.strip() and re.search(pattern, label(text)):
            return col
    return None


def column_headers(rows: list[Row], first: int, last: int) -> dict[int, str]:
    """For each column, the nearest non-empty header text in rows ``first..last`` (inclusive)."""
    headers: dict[int, str] = {}
    for index in range(first, last + 1):
        for col, text in enumerate(rows[index].cells):
            if text.strip():
                headers[col] = text.strip()
    return headers


def has_number(row: Row) -> bool:
    return any(number(cell).ok for cell in row.cells[1:] if cell.strip())


def cell_section(draft: Draft, title: str, text: str, level: int) -> None:
    """A narrative cell as a section: each line a paragraph, ``（一）…`` lines as sub-headings."""
    section = draft.section(one_line(title), level)
    for line in text.split("\n"):
        line = line.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if _SUBHEADING.match(line):
            section = draft.section(line, level + 1)
        else:
            section.paragraphs.append(line)
