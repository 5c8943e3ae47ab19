"""A narrative evaluation report (third-party or key evaluation): no form, the report's own text.

Its headings in order — as Word headings, or as plain numbered lines the way many units type
them — its paragraphs, and its Markdown tables as Word tables. Figures a narrative report
declares (the total score, the grade, the sources of funds) are in its text, where the importer
reads them back.
"""

from __future__ import annotations

import re

from .grid import Cell, sections
from .office import Paragraph, Table

_RULE = re.compile(r"\|(\s*:?-+:?\s*\|)+")


def docx_blocks(report, body: str, styled: bool = True) -> list:
    blocks: list = []
    for level, heading, paragraphs in sections(body):
        if heading:
            blocks.append(Paragraph(heading, heading=max(level - 1, 1)) if styled else Paragraph(heading))
        for paragraph in paragraphs:
            if paragraph.startswith("| "):
                lines = [line for line in paragraph.split("\n") if not _RULE.fullmatch(line.strip())]
                grid = [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in lines]
                blocks.append(Table([[Cell(cell) for cell in row] for row in grid], len(grid[0])))
            else:
                blocks.append(Paragraph(paragraph))
    return blocks
