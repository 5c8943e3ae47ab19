"""What a PDF's pagination adds to a document, taken out again.

- Running heads and feet: a line in the top or bottom band of the page that is a page number
  (“-1-”, “第1页”, “1/3”, “第 1 页 共 3 页”, “Page 1 of 3”) or that recurs on other pages with only
  its digits changed.
- Tables cut by a page break: a ruled table at the top of a page whose column boundaries are those
  of the ruled table that ended the previous page continues it. A header row the program repeated
  on the new page is dropped, and a cell split by the break (no top border on the new page, so no
  box there) is joined to the cell above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .pdflattice import Box, Lattice
from .pdflines import Line

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_\s]*\d{1,4}[-—–－_\s]*|第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页|"
    r"\d+\s*/\s*\d+|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?|[-—–]\s*[ivxlc]+\s*[-—–])$",
    re.I,
)
BAND = 0.1  # of the page height: where running heads and feet are
_NEAR = 2.0  # points: two column boundaries this close are the same


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lattices: list[Lattice] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # outside the ruled tables


def drop_running(pages: list[PageContent]) -> int:
    """Remove running heads, feet and page numbers; returns how many lines went."""
    def banded(page: PageContent):
        for line in page.lines:
            if line.bottom <= BAND * page.height:
                yield "head", line
            elif line.top >= (1 - BAND) * page.height:
                yield "foot", line

    seen: dict[tuple[str, str], set[int]] = {}
    for page in pages:
        for band, line in banded(page):
            seen.setdefault((band, _shape(line.text)), set()).add(page.number)
    recurring = {key for key, numbers in seen.items() if len(numbers) >= max(2, (len(pages) + 1) // 2)}
    dropped = 0
    for page in pages:
        gone = {id(line) for band, line in banded(page)
                if _PAGE_NUMBER.match(line.text.strip()) or (band, _shape(line.text)) in recurring}
        dropped += len(gone)
        page.lines = [line for line in page.lines if id(line) not in gone]
    return dropped


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def continues(previous: Lattice, lattice: Lattice) -> bool:
    """The same table going on: the same outer edges, and column boundaries that agree (one part's
    are among the other's, or most are shared: rows merged over several columns hide boundaries
    that other rows show)."""
    if abs(previous.xs[0] - lattice.xs[0]) > _NEAR or abs(previous.xs[-1] - lattice.xs[-1]) > _NEAR:
        return False
    shared = sum(1 for x in lattice.xs if _near(x, previous.xs))
    return shared == len(lattice.xs) or shared == len(previous.xs) or shared >= 0.5 * max(len(lattice.xs), len(previous.xs))


def _near(x: float, xs: list[float]) -> bool:
    return any(abs(x - other) <= _NEAR for other in xs)


def join(previous: Lattice, lattice: Lattice) -> Lattice:
    """``lattice`` appended below ``previous`` on the union of their column boundaries; a cell
    the page break split (left open below on the old page) is one cell again."""
    xs = sorted(previous.xs + [x for x in lattice.xs if not _near(x, previous.xs)])
    previous = _on(previous, xs)
    lattice = _on(lattice, xs)
    boxes = list(lattice.boxes)
    repeated = _repeated_header(previous, boxes)
    last_row = [box for box in previous.boxes if box.bottom == previous.rows - 1]
    first_row = [box for box in boxes if box.top == repeated]
    # a row the break split in two (no line below it on the old page, none above it on the new):
    # its two halves are one row
    split_row = bool(last_row) and all(b.hole for b in last_row) and bool(first_row) and all(b.hole for b in first_row) \
        and sorted((b.left, b.right) for b in last_row) == sorted((b.left, b.right) for b in first_row)
    offset = previous.rows - repeated - (1 if split_row else 0)
    boxes = [replace(b, top=b.top + offset, bottom=b.bottom + offset) for b in boxes if b.top >= repeated]
    old = list(previous.boxes)
    if split_row:
        halves = {(b.left, b.right): b for b in boxes if b.top == previous.rows - 1}
        for index, box in enumerate(old):
            half = halves.get((box.left, box.right)) if box.bottom == previous.rows - 1 else None
            if half is not None:
                boxes.remove(half)
                old[index] = replace(box, bottom=half.bottom, text=_continued(box.text, half.text), hole=half.hole)
        rows = previous.rows + lattice.rows - repeated - 1
        return Lattice(previous.bbox, xs, rows, old + boxes, previous.page)
    for index, box in enumerate(old):
        if not box.hole or box.bottom != previous.rows - 1:
            continue  # closed below: the cell ended on the old page
        # left open by the break: whatever box starts the new part in its columns goes on with it,
        # unless the whole last row is open and the new part is closed above (a table drawn
        # without a bottom line, followed by another)
        below = next((b for b in boxes if b.top == previous.rows and (b.left, b.right) == (box.left, box.right)), None)
        if below is None or (all(b.hole for b in last_row) and not below.hole):
            continue
        boxes.remove(below)
        old[index] = replace(box, bottom=below.bottom, text=_continued(box.text, below.text))
    rows = previous.rows + lattice.rows - repeated
    return Lattice(previous.bbox, xs, rows, old + boxes, previous.page)


def _continued(before: str, after: str) -> str:
    """A cell's text on the old page and its rest on the new one: a paragraph the break cut."""
    if not before or not after:
        return before or after
    joint = " " if before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum() else ""
    return before + joint + after


def _on(lattice: Lattice, xs: list[float]) -> Lattice:
    """The lattice's boxes re-indexed on the column boundaries ``xs`` (a superset of its own)."""
    if len(xs) == len(lattice.xs):
        return lattice
    index = [min(range(len(xs)), key=lambda i, x=x: abs(xs[i] - x)) for x in lattice.xs]
    boxes = [replace(b, left=index[b.left], right=index[b.right + 1] - 1) for b in lattice.boxes]
    return Lattice(lattice.bbox, xs, lattice.rows, boxes, lattice.page)


def _repeated_header(previous: Lattice, boxes: list[Box]) -> int:
    """How many first rows of the new part repeat the table's first rows (a header the program
    printed again on the new page)."""
    for count in (3, 2, 1):
        head = {b for b in previous.boxes if b.bottom < count}
        if not head or any(b.top < count <= b.bottom for b in previous.boxes):
            continue
        mine = {b for b in boxes if b.bottom < count}
        if mine == head and any(b.text.strip() for b in head) and not any(b.top < count <= b.bottom for b in boxes):
            return count
    return 0
