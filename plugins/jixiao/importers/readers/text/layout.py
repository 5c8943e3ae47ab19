"""How a flattened text laid its tables out, and its cells as a run of atoms with the breaks it shows.

The layouts met in published texts (see the notes of ../shared/real-dev):

- ``tabs``: Word's or Excel's own text export (cells split by tabs) — read by the tab readers;
- ``pipes``: cells split by ``|``, in two styles: *separated* (``a | b | c ||||``: a run of pipes
  ends a row, a line break after a cell only wraps it, a lone ``|`` is an empty cell; this also
  covers one cell per line ending in `` |`` and cells on indented lines starting with ``| ``) and
  *bordered* (``| a | b |`` on every line, several rows sometimes run onto one line; and
  ``a | b`` lines with no pipe at either end, where a line is a row);
- ``paragraphs``: one cell per paragraph, cells separated by blank lines, empty cells as blank or
  space-only paragraphs;
- ``run-together``: no separators at all — cells are cut where the form's own words and the shape
  of numbers make the boundary certain (:mod:`.runtogether`);
- ``spaced``: one long line of cells separated by single spaces (a PDF's text layer), often in a
  scrambled reading order;
- ``prose``: a narrative, one paragraph per line.

A document mixes them (a narrative with a table inside), so a text is cut into regions first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...tables.rows import HARD, NONE, SOFT, Atom

_PIPE_RUN = re.compile(r"\|{2,}")


@dataclass
class Region:
    layout: str  # prose, pipes, paragraphs, run-together, spaced, tabs
    lines: list[str] = field(default_factory=list)
    atoms: list[Atom] = field(default_factory=list)


def pipe_atoms(lines: list[str]) -> list[Atom]:
    """Cells of a pipe region with their breaks, in either pipe style."""
    filled = [line.strip() for line in lines if line.strip()]
    bordered = sum(1 for line in filled if line.startswith("|") and line.endswith("|") and line.count("|") >= 2)
    if filled and bordered >= 0.6 * len(filled):
        return _bordered(lines)
    piped = [line for line in filled if "|" in line]
    inner_only = sum(1 for line in piped if not line.startswith("|") and not line.endswith("|") and not _PIPE_RUN.search(line))
    if piped and inner_only >= 0.8 * len(piped):
        # ``a | b | c`` with no pipe at either end of any line, Markdown's way: no cell is left
        # open at a line's end, so a line is a row, not a cell wrapped onto the next line
        return _bordered(lines)
    return _separated("\n".join(lines))


def _bordered(lines: list[str]) -> list[Atom]:
    """``| a | b |`` lines: a line break is a likely row end; a lone ``|`` line is one empty cell."""
    atoms: list[Atom] = []
    for line in lines:
        flat = line.strip()
        if not flat:
            continue
        if flat == "|":
            atoms.append(Atom("", SOFT if atoms else NONE))
            continue
        inner = flat.strip("|")
        first = True
        for piece in _PIPE_RUN.split(inner):
            for cell in piece.split("|"):
                atoms.append(Atom(_squeeze(cell), SOFT if first and atoms else NONE))
                first = False
            # a run of pipes inside a bordered line is padding after the row's last cell
            first = True
    return atoms


def _separated(text: str) -> list[Atom]:
    """Split on pipes: an empty piece between two pipes is a row end (padding), a blank piece an
    empty cell, a piece that starts on a new line after its pipe begins on a new line."""
    atoms: list[Atom] = []
    pending = NONE
    pieces = text.split("|")
    for index, piece in enumerate(pieces):
        if piece == "":
            if atoms and index not in (0, len(pieces) - 1):
                pending = HARD
            continue
        content = piece.strip()
        newline_before = "\n" in piece[: len(piece) - len(piece.lstrip())]
        if not content:
            if "\n" in piece and index == len(pieces) - 1:
                continue
            atoms.append(Atom("", pending))
            pending = NONE
            continue
        brk = pending if pending else (SOFT if newline_before and atoms else NONE)
        atoms.append(Atom(_squeeze(content), brk))
        pending = NONE
    while atoms and not atoms[-1].text:
        atoms.pop()
    return atoms


def paragraph_atoms(lines: list[str]) -> list[Atom]:
    """One cell per paragraph: blank lines separate cells, a space-only line is an empty cell."""
    atoms: list[Atom] = []
    current: list[str] = []
    blank_run = 0
    for line in lines + [""]:
        if line.strip():
            if blank_run >= 3 and not current and atoms:
                atoms.append(Atom(""))  # a blank paragraph between the separators: an empty cell
            current.append(line.strip())
            blank_run = 0
            continue
        if current:
            text = "".join(_join_wrapped(current))
            # a run of spaces inside a paragraph separates cells (项目名称        优 抚)
            pieces = [piece for piece in re.split(r"\s{3,}|\u3000{2,}", text) if piece.strip()] or [text]
            for number, piece in enumerate(pieces):
                atoms.append(Atom(_squeeze(piece), (SOFT if atoms else NONE) if number == 0 else NONE))
            current = []
            blank_run = 0
        elif line and not line.strip():  # a line of spaces: the cell was there, empty
            atoms.append(Atom("", SOFT if atoms else NONE))
            blank_run = 0
        else:
            blank_run += 1
    return atoms


def _join_wrapped(lines: list[str]) -> list[str]:
    """A cell whose text wrapped over lines: Chinese runs on without a space, other text gets one."""
    out: list[str] = []
    for line in lines:
        if out and re.match(r"[\u4e00-\u9fff（(]", line) and re.search(r"[\u4e00-\u9fff）)]$", out[-1]):
            out.append(line)
        elif out:
            out.append(" " + line)
        else:
            out.append(line)
    return out


def _squeeze(text: str) -> str:
    """Whitespace inside a cell: a break between Chinese characters is dropped (``年度 指标值``
    was one word wrapped in its cell), any other run becomes one space."""
    text = text.replace("\u3000", " ").strip()
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"\s+", " ", text)
