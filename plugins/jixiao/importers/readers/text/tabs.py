"""Tables that a Word or Excel text export wrote with tabs, and CSV files.

- **Word cells** (Word's "save as text" of a table form): every cell is a line that starts with a
  tab, a blank line ends a table row, and a line without the tab continues the cell above it
  (a cell with a line break).
- **Sheet rows** (Excel saved as tab-separated text): one line per row, cells split by tabs;
  a ``.csv`` file is read the same way, by the csv module.
- **Prose with small tables**: every line is a paragraph; a run of lines that contain tabs is a
  small table.
"""

from __future__ import annotations

import csv
import io

from ...document import Paragraph, Table


def layout(lines: list[str]) -> str | None:
    """``cells`` or ``sheet`` when tabs lay the text out, else None."""
    found = _layout(lines)
    return found if found in ("cells", "sheet") else ("tabbed-prose" if any("\t" in line.strip() for line in lines) else None)


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


def word_cells(lines: list[str]) -> list:
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


def sheet(lines: list[str]) -> Table:
    rows = [_split_tsv_row(line) for line in _join_quoted(lines)]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    width = max((len(row) for row in rows), default=0)
    return Table([row + [""] * (width - len(row)) for row in rows])


def csv_table(text: str) -> Table:
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


def tabbed_prose(lines: list[str]) -> list:
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
