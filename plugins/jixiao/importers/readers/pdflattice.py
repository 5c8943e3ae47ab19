"""Ruled tables of a PDF page: cell boxes from the ruling lines, merges from boxes that span.

pdfplumber finds the cell boxes from the page's lines and rectangles. Every box edge is a row or
column boundary; a box over several of them is a merged cell. A position no box covers is a hole:
at the top of a table that continues from the previous page it is the rest of a cell split by the
page break (it has no top border there), which :mod:`.pdfpages` joins to the cell above.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..document import Merge, Table
from .pdflines import Char, join_lines, lines_of

_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
             "join_tolerance": 3, "intersection_tolerance": 3, "edge_min_length": 3}
_SAME = 1.5  # points: two box edges this close are one boundary


@dataclass(frozen=True)
class Box:
    """One cell box: rows ``top..bottom``, columns ``left..right`` (inclusive), and its text."""

    top: int
    left: int
    bottom: int
    right: int
    text: str
    hole: bool = False  # no box was drawn here: at a page break, part of a cell the break split


@dataclass
class Lattice:
    """A ruled table as found on one page (or joined over several): its boxes and where its
    columns are."""

    bbox: tuple[float, float, float, float]
    xs: list[float]  # column boundaries, left to right
    rows: int
    boxes: list[Box]
    page: int = 0

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def cols(self) -> int:
        return len(self.xs) - 1

    def table(self) -> Table:
        grid = [[""] * self.cols for _ in range(self.rows)]
        merges = []
        for box in self.boxes:
            grid[box.top][box.left] = box.text
            if (box.bottom, box.right) != (box.top, box.left):
                merges.append(Merge(box.top, box.left, box.bottom, box.right))
        return Table.from_origins(grid, merges, spans_known=True, page=self.page)


def find(page, chars: list[Char], page_number: int) -> list[Lattice]:
    """The ruled tables of the page, top to bottom. A single box is kept too (it may be the last
    row of a table cut by the page break); the caller reads it as text where it continues nothing."""
    finder = page.debug_tablefinder(_SETTINGS)
    edges = _Edges(finder.edges)  # snapped and joined: a border drawn in pieces is one line
    groups = [[tuple(cell) for cell in table.cells if cell is not None] for table in finder.tables]
    grouped = {cell for group in groups for cell in group}
    # pdfplumber leaves out a table of one cell; such a box may be a table's last row
    groups += [[tuple(cell)] for cell in finder.cells if tuple(cell) not in grouped]
    found: list[Lattice] = []
    for cells in groups:
        if not cells:
            continue
        bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
        bbox, sides = _widened(bbox, edges)
        bbox, ends = _lengthened(bbox, edges)
        found.append(_lattice(cells, chars, bbox, page_number, edges, sides, ends))
    return sorted(found, key=lambda lattice: lattice.top)


class _Edges:
    """The page's ruling lines, to ask whether a border is drawn between two positions."""

    def __init__(self, edges):
        self.vertical = [(e["x0"], e["top"], e["bottom"]) for e in edges if e.get("orientation") == "v"]
        self.horizontal = [(e["top"], e["x0"], e["x1"]) for e in edges if e.get("orientation") == "h"]

    def vertical_at(self, x: float, top: float, bottom: float) -> bool:
        return any(abs(ex - x) <= _SAME + 1 and et <= top + 2 and eb >= bottom - 2 for ex, et, eb in self.vertical)

    def horizontal_at(self, y: float, left: float, right: float) -> bool:
        return any(abs(ey - y) <= _SAME + 1 and el <= left + 2 and er >= right - 2 for ey, el, er in self.horizontal)

    def vertical_lines_left_of(self, bbox) -> list[float]:
        return sorted({round(x, 1) for x, top, bottom in self.vertical
                       if x < bbox[0] - _SAME and top <= bbox[1] + 2 and bottom >= bbox[3] - 2}, reverse=True)

    def vertical_lines_right_of(self, bbox) -> list[float]:
        return sorted({round(x, 1) for x, top, bottom in self.vertical
                       if x > bbox[2] + _SAME and top <= bbox[1] + 2 and bottom >= bbox[3] - 2})


def _widened(bbox, edges: _Edges):
    """A table at the top of a page whose first columns hold only the rest of cells the page
    break split has no boxes there (no top border): its side lines, running the table's full
    height, show where it really starts and ends."""
    left, right = bbox[0], bbox[2]
    sides: list[float] = []
    for x in edges.vertical_lines_left_of(bbox):
        if not edges.horizontal_at(bbox[3], x, left):
            break
        left = x  # closed below by the table's bottom line: part of the table
        sides.append(x)
    for x in edges.vertical_lines_right_of(bbox):
        if not edges.horizontal_at(bbox[3], right, x):
            break
        right = x
        sides.append(x)
    return (left, bbox[1], right, bbox[3]), sides


def _lengthened(bbox, edges: _Edges):
    """A row the page break split has no line above it (top of the page) or below it (bottom):
    the table's side lines run on past its last horizontal line, and show how far."""
    left, top, right, bottom = bbox
    sides = [line for line in edges.vertical if abs(line[0] - left) <= _SAME + 1 or abs(line[0] - right) <= _SAME + 1]
    ends: list[float] = []
    above = [line for line in sides if line[1] < top - 3 and line[2] >= top - 2]
    if len({abs(line[0] - left) <= _SAME + 1 for line in above}) == 2:  # both sides run on upwards
        top = max(line[1] for line in above)
        ends.append(top)
    below = [line for line in sides if line[2] > bottom + 3 and line[1] <= bottom + 2]
    if len({abs(line[0] - left) <= _SAME + 1 for line in below}) == 2:
        bottom = min(line[2] for line in below)
        ends.append(bottom)
    return (left, top, right, bottom), ends


def inside(char: Char, bbox) -> bool:
    x = (char.x0 + char.x1) / 2
    y = char.middle
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _lattice(cells, chars: list[Char], bbox, page_number: int, edges: _Edges, sides: list[float],
             ends: list[float]) -> Lattice:
    xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells] + sides)
    ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells] + ends)
    rows, cols = len(ys) - 1, len(xs) - 1
    owner: dict[tuple[int, int], int] = {}
    spans: list[tuple[int, int, int, int]] = []
    cells = list(cells)
    for number, (x0, top, x1, bottom) in enumerate(cells):
        left, right = _index(xs, x0), _index(xs, x1) - 1
        first, last = _index(ys, top), _index(ys, bottom) - 1
        spans.append((first, left, last, right))
        for r in range(first, last + 1):
            for c in range(left, right + 1):
                owner[(r, c)] = number
    # Positions no box covers lack a border: an area without lines between is one cell (at the top
    # or bottom of the table, the part of a cell a page break split off).
    drawn = len(spans)
    for first, left, last, right in _hole_areas(owner, xs, ys, edges):
        spans.append((first, left, last, right))
        cells.append((xs[left], ys[first], xs[right + 1], ys[last + 1]))
        for r in range(first, last + 1):
            for c in range(left, right + 1):
                owner[(r, c)] = len(spans) - 1
    content: dict[int, list[Char]] = {}
    for char in chars:
        if not inside(char, bbox):
            continue
        r = bisect_right(ys, char.middle) - 1
        c = bisect_right(xs, (char.x0 + char.x1) / 2) - 1
        number = owner.get((min(max(r, 0), rows - 1), min(max(c, 0), cols - 1)))
        if number is not None:
            content.setdefault(number, []).append(char)
    # the table's cell padding: the smallest gap between a box's left edge and its text (a
    # left-aligned or a full line shows it); the right padding is taken to be the same
    padding = min(max(min((min(ch.x0 for ch in found) - cells[number][0] for number, found in content.items()),
                          default=2.0), 0.0), 12.0)
    boxes = []
    for number, (first, left, last, right) in enumerate(spans):
        if right < left or last < first:
            continue
        found = content.get(number)
        text = join_lines(lines_of(found), cells[number][2] - padding) if found else ""
        boxes.append(Box(first, left, last, right, text, number >= drawn))
    return Lattice(bbox, xs, rows, boxes, page_number)


def _hole_areas(owner: dict[tuple[int, int], int], xs: list[float], ys: list[float], edges: _Edges):
    """Rectangles of positions no box covers, each grown right and down until a drawn border."""
    rows, cols = len(ys) - 1, len(xs) - 1
    free = {(r, c) for r in range(rows) for c in range(cols) if (r, c) not in owner}
    areas = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) not in free:
                continue
            right = c
            while (r, right + 1) in free and not edges.vertical_at(xs[right + 1], ys[r], ys[r + 1]):
                right += 1
            bottom = r
            while all((bottom + 1, col) in free for col in range(c, right + 1)) \
                    and not edges.horizontal_at(ys[bottom + 1], xs[c], xs[right + 1]):
                bottom += 1
            free -= {(row, col) for row in range(r, bottom + 1) for col in range(c, right + 1)}
            areas.append((r, c, bottom, right))
    return areas


def _boundaries(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] <= _SAME:
            continue
        merged.append(value)
    return merged


def _index(boundaries: list[float], value: float) -> int:
    position = bisect_left(boundaries, value - _SAME)
    return min(position, len(boundaries) - 1)
