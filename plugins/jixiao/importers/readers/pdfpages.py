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
    """The same table going on: same outer edges, and every column boundary of the new part is
    one of the old part's (a merged cell may hide a boundary, never add one)."""
    if abs(previous.xs[0] - lattice.xs[0]) > _NEAR or abs(previous.xs[-1] - lattice.xs[-1]) > _NEAR:
        return False
    return all(any(abs(x - old) <= _NEAR for old in previous.xs) for x in lattice.xs)


def join(previous: Lattice, lattice: Lattice) -> Lattice:
    """``lattice`` appended below ``previous``, its columns mapped onto the old boundaries; a cell
    the page break split (open below on the old page, open above on the new) is one cell again."""
    to_old = [min(range(len(previous.xs)), key=lambda i, x=x: abs(previous.xs[i] - x)) for x in lattice.xs]
    boxes = [replace(b, left=to_old[b.left], right=to_old[b.right + 1] - 1) for b in lattice.boxes]
    repeated = _repeated_header(previous, boxes)
    offset = previous.rows - repeated
    boxes = [replace(b, top=b.top + offset, bottom=b.bottom + offset) for b in boxes if b.top >= repeated]
    old = list(previous.boxes)
    last_row = [box for box in old if box.bottom == previous.rows - 1]
    for index, box in enumerate(old):
        if not box.hole or box.bottom != previous.rows - 1 or all(b.hole for b in last_row):
            continue  # closed below, the cell ended on the old page (or the table draws no bottom line at all)
        # left open by the break: whatever box starts the new part in its columns goes on with it
        below = next((b for b in boxes if b.top == previous.rows and (b.left, b.right) == (box.left, box.right)), None)
        if below is None:
            continue
        boxes.remove(below)
        text = "\n".join(part for part in (box.text, below.text) if part)
        old[index] = replace(box, bottom=below.bottom, text=text)
    rows = previous.rows + lattice.rows - repeated
    return Lattice(previous.bbox, previous.xs, rows, old + boxes, previous.page)


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
