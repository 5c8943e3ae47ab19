"""Characters of a PDF page into lines of text, and lines into cells, paragraphs and columns.

A PDF holds positioned glyphs, not text. Lines are the glyphs whose vertical centres agree; a
space is a gap wider than a third of the font size (or a space glyph); a text-aligned column
boundary is a gap of two characters or more. Inside a box (a table cell, a paragraph) a line
either was wrapped by the program that laid it out, because the next word did not fit, or was
broken by the author: :func:`join_lines` tells the two apart by that very test, so a cell reads
the same whether it came from Word, Excel, a browser or a PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from .pdfglyphs import canonical

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_WORD_CHAR = re.compile(r"[^\W_\u2e80-\uffff]")  # a letter or digit of an alphabetic script (ī of pinyin too)
# Characters a line may not start with (closing punctuation) or end with (opening punctuation):
# a layout program carries them over with their neighbour, so they belong to the next line's
# first unbreakable piece.
_NO_BREAK_BEFORE = set("。，、；：？！）」』】〕〉》”’…·.,;:?!)]}%‰°℃％：；，-")
_NO_BREAK_AFTER = set("（([{《「『【〔〈“‘")
_SPACED = re.compile(r"[\u3400-\u9fff] [\u3400-\u9fff]$")
_SPACED_START = re.compile(r"[\u3400-\u9fff] [\u3400-\u9fff]")


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    chars: list[Char] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(char.x1 for char in self.chars)

    @property
    def top(self) -> float:
        return min(char.top for char in self.chars)

    @property
    def bottom(self) -> float:
        return max(char.bottom for char in self.chars)

    @property
    def size(self) -> float:
        return median(char.size for char in self.chars)

    @property
    def text(self) -> str:
        return chars_text(self.chars)


def chars_of(page) -> list[Char]:
    """Upright, visible characters of a pdfplumber page; a glyph drawn twice (fake bold) once."""
    found: list[Char] = []
    seen: set[tuple] = set()
    for char in page.chars:
        text = canonical(char.get("text") or "")
        if not text or not char.get("upright", True):
            continue
        key = (text, round(char["x0"]), round(char["top"]))
        if key in seen:
            continue
        seen.add(key)
        size = float(char.get("size") or (char["bottom"] - char["top"]) or 10)
        found.append(Char(text, float(char["x0"]), float(char["x1"]), float(char["top"]), float(char["bottom"]), size))
    return found


def lines_of(chars: list[Char]) -> list[Line]:
    """Characters grouped into lines, top to bottom, each line left to right."""
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (c.middle, c.x0)):
        if lines:
            line = lines[-1]
            reference = line.chars[-1]
            if abs(char.middle - _middle(line)) <= 0.45 * max(char.size, reference.size):
                line.chars.append(char)
                continue
        lines.append(Line([char]))
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
    return lines


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def chars_text(chars: list[Char]) -> str:
    parts: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None and char.text != " " and previous.text != " ":
            if char.x0 - previous.x1 > 0.33 * max(char.size, previous.size):
                parts.append(" ")
        parts.append(char.text)
        previous = char
    return re.sub(r"[ \u00a0]+", " ", "".join(parts)).strip()


def segments(line: Line) -> list[Line]:
    """The line cut where a gap is wide enough to be a column boundary (more than a character and
    a quarter: wider than any space a justified line stretches)."""
    pieces: list[Line] = [Line([line.chars[0]])]
    for previous, char in zip(line.chars, line.chars[1:]):
        if char.text == " ":
            continue
        gap = char.x0 - pieces[-1].chars[-1].x1
        if gap >= max(1.25 * char.size, 8):
            pieces.append(Line([char]))
        else:
            pieces[-1].chars.append(char)
    return [piece for piece in pieces if piece.text]


def join_lines(lines: list[Line], right: float) -> str:
    """The text of a box whose lines may run up to ``right``: a line that ends where the
    next line's first word would not have fitted was wrapped and is joined; any other line ends
    with a break the author made, kept as ``\\n``."""
    text = ""
    for index, line in enumerate(lines):
        piece = line.text
        if not piece:
            continue
        if text:
            previous = lines[index - 1]
            wrapped = previous.x1 + _first_word_width(line) > right - 0.5
            if not wrapped:
                text += "\n"
            elif _SPACED.search(text) and _SPACED_START.match(piece):
                text += " "  # letter-spaced heading (绩 效 指 标): the wrap took one of its spaces
            elif _WORD_CHAR.match(text[-1]) and _WORD_CHAR.match(piece[0]) and \
                    previous.x1 + (line.chars[0].x1 - line.chars[0].x0) <= right - 0.5:
                text += " "  # the next letter would have fitted: the line was broken at a space
        text += piece
    return text


def _first_word_width(line: Line) -> float:
    """Width of what the layout program could not have split at the start of ``line``: a word or
    number, a character, with the punctuation that may not start or end a line kept with it."""
    chars = line.chars
    end = 0
    while True:
        if chars[end].text in _NO_BREAK_AFTER and end + 1 < len(chars):
            end += 1
            continue
        if _WORD_CHAR.match(chars[end].text):
            while end + 1 < len(chars) and _WORD_CHAR.match(chars[end + 1].text) \
                    and chars[end + 1].x0 - chars[end].x1 <= 0.33 * chars[end].size:
                end += 1
        while end + 1 < len(chars) and chars[end + 1].text in _NO_BREAK_BEFORE:
            end += 1
        if end + 1 < len(chars) and chars[end].text in ".,-" and chars[end + 1].text.isdigit() \
                and end > 0 and chars[end - 1].text.isdigit():
            end += 1  # 4.5, 1,000 and 2024-04 are one number
            continue
        break
    return chars[end].x1 - chars[0].x0
