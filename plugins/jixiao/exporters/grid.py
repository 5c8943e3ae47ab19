"""A form's table as rows of cells, each spanning columns and rows like a cell of an HTML table.

The same layout is written into Word (:mod:`.office`), into Excel, and read back by the
importer's tests as text: one description of a form, whatever it is written as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass
class Cell:
    value: object = ""
    span: int = 1  # columns
    rows: int = 1  # rows merged downwards
    fmt: str | None = None  # Excel number format, as the form shows the figure
    bold: bool = False  # a header cell


def place(layout: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """Grid positions of the cells; positions covered by a merge from above are skipped."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(layout):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rows):
                for dc in range(cell.span):
                    taken.add((r + dr, c + dc))
            c += cell.span
    return placed


def shown(cell: Cell) -> str:
    """A cell as text, the way its number format shows it: what Word is given for a typed Excel cell
    (242400.00, 99.86%, 2021/7/16), never Python's own spelling of a float or a date."""
    value, fmt = cell.value, cell.fmt or ""
    if isinstance(value, datetime):
        return f"{value.year}/{value.month}/{value.day}" if fmt.startswith("yyyy/m/d") else value.date().isoformat()
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
        if fmt.endswith("%"):
            return f"{number * 100:.2f}%"
        if fmt.endswith("0.00"):
            return f"{number:.2f}"
        return str(value)
    return text(value)


def text(value) -> str:
    return "" if value is None else str(value)


def excel_number(value: Decimal | None):
    """A figure as Excel stores it: a whole number stays whole, anything else a float shown by its format."""
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)


def sections(body: str) -> list[tuple[int, str | None, list[str]]]:
    """(level, heading, paragraphs) in order; level 0 and heading None for text before any heading."""
    found: list[tuple[int, str | None, list[str]]] = [(0, None, [])]
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = chunk.strip()
        heading = re.match(r"^(#{1,6}) (.+)$", chunk)
        if heading:
            found.append((len(heading.group(1)), heading.group(2).strip(), []))
        elif chunk:
            found[-1][2].append(chunk)
    return found
