"""Tables of real published reports, rebuilt at test time from their text in ../shared/real-dev.

The pipe-row texts (one line a row, `` | `` between cells, ``||||`` padding) keep each row's
cells but lose the merges: a category cell merged down its group is written once, on the group's
first row, and the rows below it simply have fewer cells at the left; a cell merged to the right
edge (a title, a long goal, a value after its label) is the row's last. Those merges are put back
here, the way the unit's form has them:

- in an indicator block (after the row that starts with 一级指标), a row with fewer cells than the
  block's first data row is missing cells at the left: they are the categories merged down from
  above (where the text leaves them blank below, the merge runs on);
- the last cell of a row shorter than the table runs to the right edge (the title row merged
  across, a label's value merged over the rest of the row);
- a header cell the text shows wrapped (``年度 指标值``) has its line break back.

Where the text itself is ambiguous (a score merged over two indicator rows in 22), the rows come
out as the rule places them; the point is a real form's size, text and merges, not the reading of
each figure (the import-fidelity tests do that). Nothing of the texts is copied into the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.importers.document import Merge, Table

REAL_DEV = Path(__file__).resolve().parents[3] / "shared" / "real-dev"
# different layouts: MOF department table, a traditional-character mirror, the Hubei 20/80 form,
# the Sichuan form starting mid-table, a MOF project table with long goals, and a metadata table
# holding a whole form run together in one cell
PIPE_FILES = ("02", "04", "22", "24", "32", "27")
_INDICATOR_HEADER = re.compile(r"^(一级|一級)")
_BLOCK_END = re.compile(r"^(合计|合計|总分|總分|评价结论|評價結論|存在问题|改进措施)")
_CJK = r"[\u3400-\u9fff\uff00-\uffef（）]"


@dataclass
class Spec:
    """A table as the writers take it: each cell's text at its top-left, and the merges."""

    name: str
    title: str
    grid: list[list[str]]
    merges: list[Merge] = field(default_factory=list)

    def table(self) -> Table:
        return Table.from_origins(self.grid, self.merges, spans_known=True)

    @property
    def width(self) -> int:
        return len(self.grid[0])


def available() -> bool:
    return REAL_DEV.is_dir() and all(list(REAL_DEV.glob(f"{number}_*.txt")) for number in PIPE_FILES)


def specs() -> list[Spec]:
    return [spec_of(next(REAL_DEV.glob(f"{number}_*.txt"))) for number in PIPE_FILES]


def spec_of(path: Path) -> Spec:
    body = path.read_text(encoding="utf-8").split("\n----\n", 1)[1]
    rows = [row for row in map(_cells, body.splitlines()) if row]
    rows = _left_filled(rows)
    width = max(len(row) for row in rows)
    grid: list[list[str]] = []
    merges: list[Merge] = []
    for r, row in enumerate(rows):
        line = row + [""] * (width - len(row))
        if len(row) < width:
            merges.append(Merge(r, len(row) - 1, r, width - 1))
        grid.append(line)
    merges += _down_merges(grid, rows, merges)
    title = next((cell for row in grid for cell in row if cell), path.stem)
    return Spec(path.name.split("_")[0], title, grid, merges)


def _cells(line: str) -> list[str]:
    cells = [re.sub(r"\s+", " ", cell).strip() for cell in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells


def _left_filled(rows: list[list[str]]) -> list[list[str]]:
    """Rows of an indicator block given back the category cells merged down from above (as "")."""
    filled: list[list[str]] = []
    reference = 0
    for index, row in enumerate(rows):
        if any(_INDICATOR_HEADER.match(cell) for cell in row[:2]):
            row = [_wrapped(cell) for cell in row]
            # the widest of the next rows is a full data row; a caption column before 一级指标
            # (年度绩效目标, 绩效指标) runs down the whole block as well
            reference = max((len(following) for following in rows[index + 1:index + 4]), default=0)
            reference += 0 if _INDICATOR_HEADER.match(row[0]) else 1
        elif _BLOCK_END.match(row[0]):
            reference = 0
        elif reference and len(row) < reference:
            row = [""] * (reference - len(row)) + row
        filled.append(row)
    return filled


def _wrapped(cell: str) -> str:
    return re.sub(rf"(?<={_CJK}) (?={_CJK})", "\n", cell)


def _down_merges(grid: list[list[str]], rows: list[list[str]], across: list[Merge]) -> list[Merge]:
    """A blank category cell at the left of a row belongs to the cell above it: merge them."""
    taken = {(r, c) for m in across for r in range(m.top, m.bottom + 1) for c in range(m.left, m.right + 1)}
    merges: list[Merge] = []
    for c in range(len(grid[0])):
        r = 0
        while r < len(grid):
            origin = grid[r][c]
            bottom = r
            while bottom + 1 < len(grid) and _leading_blank(rows[bottom + 1], c) and (bottom + 1, c) not in taken:
                bottom += 1
            if origin and bottom > r and (r, c) not in taken:
                merges.append(Merge(r, c, bottom, c))
            r = bottom + 1
    return merges


def _leading_blank(row: list[str], c: int) -> bool:
    return c < len(row) and all(not cell for cell in row[: c + 1])
