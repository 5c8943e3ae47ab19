"""The text of a PDF page outside its ruled tables: paragraphs, headings and unruled tables.

Lines are gathered into a paragraph while each one runs to the right margin (it was wrapped) and
the next follows at the usual spacing, in the same size, not indented. A run of two or more lines
cut into two or more pieces by wide gaps, the pieces starting at the same x-positions, is a table
laid out by alignment alone: one row a line, one cell a column. Its merges cannot be seen, so it is
marked ``spans_known=False``. A line in a clearly larger size is a heading.
"""

from __future__ import annotations

import re

from ..document import Paragraph, Table
from .pdflines import Line, segments

_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
_SAME_COLUMN = 0.8  # of the font size: two pieces starting this close start the same column


def text_blocks(lines: list[Line], margin_right: float, headings: dict[float, int]) -> list:
    """Paragraphs and aligned tables, in order, from a page's lines outside ruled tables."""
    blocks: list = []
    pending: list[Line] = []
    pieces = [segments(line) for line in lines]
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and len(pieces[end]) >= 2:
            end += 1
        table = _aligned_table(pieces[index:end]) if end - index >= 2 else None
        if table is not None:
            blocks.extend(paragraphs(pending, margin_right, headings))
            pending = []
            blocks.append(table)
            index = end
        else:
            pending.extend(lines[index:max(end, index + 1)])
            index = max(end, index + 1)
    blocks.extend(paragraphs(pending, margin_right, headings))
    return blocks


def heading_sizes(all_lines: list[Line]) -> dict[float, int]:
    """Font sizes clearly larger than the body's, largest first, as heading levels 1, 2, 3."""
    weights: dict[float, int] = {}
    for line in all_lines:
        size = round(line.size * 2) / 2
        weights[size] = weights.get(size, 0) + len(line.chars)
    if not weights:
        return {}
    body = max(weights, key=weights.get)
    larger = sorted((size for size in weights if size >= 1.15 * body), reverse=True)
    return {size: min(level, 6) for level, size in enumerate(larger, 1)}


def heading_level(line: Line, headings: dict[float, int]) -> int | None:
    return headings.get(round(line.size * 2) / 2)


def paragraphs(lines: list[Line], margin_right: float, headings: dict[float, int]) -> list[Paragraph]:
    """Lines into paragraphs: a line that ran to the margin is continued by the next one."""
    found: list[Paragraph] = []
    group: list[Line] = []

    def close() -> None:
        if group:
            text = ""
            for line in group:
                piece = line.text
                if text and piece and _WORD_CHAR.match(text[-1]) and _WORD_CHAR.match(piece[0]):
                    text += " "
                text += piece
            if text:
                found.append(Paragraph(text, heading_level(group[0], headings)))
            group.clear()

    for line in lines:
        if group and not _continues(group[-1], line, margin_right, headings):
            close()
        group.append(line)
    close()
    return found



def _continues(previous: Line, line: Line, margin_right: float, headings) -> bool:
    size = max(previous.size, line.size)
    if abs(previous.size - line.size) > 0.1 * size or heading_level(line, headings) != heading_level(previous, headings):
        return False
    if line.top - previous.bottom > 0.9 * size:
        return False  # a blank line's worth of space: a new paragraph
    if previous.x1 < margin_right - 2 * size:
        return False  # the line ended short: the author ended the paragraph there
    if line.text.startswith(("\u3000", "  ")) or line.x0 > previous.chars[0].x0 + 1.5 * size:
        return False  # an indented first line
    return True


def _aligned_table(rows: list[list[Line]]) -> Table | None:
    starts = sorted(piece.x0 for row in rows for piece in row)
    size = min(piece.size for row in rows for piece in row)
    columns: list[float] = []
    for start in starts:
        if not columns or start - columns[-1] > _SAME_COLUMN * size * 2:
            columns.append(start)
    if len(columns) < 2:
        return None
    shared = sum(1 for column in columns if sum(1 for row in rows if any(abs(p.x0 - column) <= 2 * size for p in row)) >= 2)
    if shared < 2:
        return None  # pieces that start anywhere: ragged text, not columns
    cells: list[list[str]] = []
    for row in rows:
        line = [""] * len(columns)
        for piece in row:
            column = max(i for i, start in enumerate(columns) if start <= piece.x0 + _SAME_COLUMN * size) \
                if piece.x0 + _SAME_COLUMN * size >= columns[0] else 0
            line[column] = (line[column] + " " + piece.text).strip()
        cells.append(line)
    return Table(cells, spans_known=False)
