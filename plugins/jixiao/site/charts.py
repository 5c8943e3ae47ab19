"""Chart geometry for the dashboard: positions and sizes as numbers, rendered to SVG by templates.

Charts are drawn at build time so that they need no script, no network and print as they show.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..core.figures import plain


@dataclass
class Bar:
    label: str
    value: str
    y: int
    width: int


@dataclass
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    row: int

    @property
    def plot_width(self) -> int:
        return self.width - self.label_width - 70


def bar_chart(items, width: int = 400, row: int = 28, label_width: int = 90) -> BarChart:
    """Horizontal bars: long Chinese labels read better beside a bar than under it. Drawn about
    as wide as a phone's screen (400 units), so that its 13-unit text stays near 12 px on a
    390 px phone; a wider screen shows it larger, up to .jx-chart's max-width."""
    values = [Decimal(str(value)) for _, value in items]
    top = max(values, default=Decimal(0)) or Decimal(1)
    plot = width - label_width - 70
    bars = [
        Bar(_fit(str(label), label_width), plain(value), index * row, int((value / top) * plot))
        for index, ((label, _), value) in enumerate(zip(items, values))
    ]
    return BarChart(bars, width, max(row * len(bars), row), label_width, row)


WIDE_CHAR_PX, NARROW_CHAR_PX = 13, 8  # a Chinese character and a Latin one of .jx-chart-label (13 units)


def _width(text: str) -> float:
    return sum(WIDE_CHAR_PX if unicodedata.east_asian_width(char) in "WF" else NARROW_CHAR_PX for char in text)


def _fit(label: str, label_width: int) -> str:
    """A label cut to the room left of the bars (the table beside every chart gives it whole):
    a long grade or finding name must not run off the drawing."""
    room = label_width - 8
    if _width(label) <= room:
        return label
    while label and _width(label + "…") > room:
        label = label[:-1]
    return label + "…"


@dataclass
class Cell:
    x: int
    y: int
    count: int
    opacity: str


@dataclass
class Grid:
    cells: list[Cell]
    x_labels: list[str]
    y_labels: list[str]
    size: int
    left: int
    bottom: int

    @property
    def width(self) -> int:
        return self.left + self.size * len(self.x_labels) + 10

    @property
    def height(self) -> int:
        return self.size * len(self.y_labels) + self.bottom


def grid_chart(counts: dict, x_labels: list[str], y_labels: list[str], size: int = 32) -> Grid:
    """A binned scatter: each cell's shade is its share of the fullest cell. About a phone's width
    (400 units): the rate labels under the columns are set aslant to keep their size."""
    top = max(counts.values(), default=0) or 1
    rows = len(y_labels)
    cells = [
        Cell(x, rows - 1 - y, count, f"{0.15 + 0.85 * count / top:.2f}")
        for (x, y), count in sorted(counts.items())
    ]
    return Grid(cells, x_labels, y_labels, size, 58, 52)
