"""Text flattened from any format — Word, Excel, PDF, a web page, a copy from a mirror site —
into the document model, tables rebuilt.

The text is cleaned (:mod:`.decode`: encoding, traditional characters, archive headers), then
cut into regions, each read in its own layout (:mod:`.layout`, :mod:`.runtogether`): prose
becomes paragraphs; a table region becomes a run of cells (atoms) with the breaks the text shows,
from which :mod:`.assemble` rebuilds the tables and their rows. Texts that Word or Excel
exported with tabs keep their own reader (:mod:`.tabs`). Nothing here knows about reports
beyond the words a form prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...document import Document, Paragraph, Table, Unreadable
from . import assemble, layout, runtogether, tabs
from .decode import clean

_LONG = 150  # a line this long with no separators is a whole table run together


def read(path: Path) -> Document:
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> Document:
    cleaned = clean(data)
    document = Document(name=name, from_text_extraction=True, format_label="文本提取", notes=list(cleaned.notes))
    document.source_url = cleaned.source_url
    document.traditional = cleaned.traditional
    text = cleaned.text
    lines = text.split("\n")
    if name.lower().endswith(".csv"):
        document.blocks = [tabs.csv_table(text)]
        document.layout = "csv"
    else:
        tabbed = tabs.layout(lines)
        if tabbed == "cells":
            document.blocks = tabs.word_cells(lines)
        elif tabbed == "sheet":
            document.blocks = [tabs.sheet(lines)]
        else:
            document.blocks, layouts = _regions(lines)
            tabbed = "+".join(dict.fromkeys(layouts)) or "prose"
        document.layout = tabbed
    if document.is_empty():
        raise Unreadable("文件里没有可读的文字")
    return document


def _regions(lines: list[str]) -> tuple[list, list[str]]:
    lines = runtogether.strip_sharing(lines)
    kinds = [_line_kind(line) for line in lines]
    blocks: list = []
    layouts: list[str] = []
    index = 0
    while index < len(lines):
        kind = kinds[index]
        if kind == "pipe":
            end = _pipe_region_end(lines, kinds, index)
            start = _pipe_region_start(lines, kinds, index, blocks)
            region = lines[start:end]
            atoms = _expand_run_together(layout.pipe_atoms(region))
            bordered = _bordered(region)
            style = assemble.EXPLICIT if _explicit(region) else (assemble.BORDERED if bordered else assemble.MARKED)
            blocks.extend(assemble.tables(atoms, style, lines_are_rows=bordered))
            layouts.append("pipes")
            index = end
        elif kind == "tab":  # a small tab-separated table inside prose
            end = index
            while end < len(lines) and kinds[end] == "tab":
                end += 1
            blocks.extend(tabs.tabbed_prose(lines[index:end]))
            layouts.append("tabs")
            index = end
        elif kind in ("run", "spaced"):
            atoms = runtogether.atoms(lines[index]) if kind == "run" else _spaced_atoms(lines[index])
            blocks.extend(assemble.tables(runtogether.soft(atoms), assemble.GLUED, lines_are_rows=False,
                                          scattered=kind == "spaced"))
            layouts.append("run-together" if kind == "run" else "spaced")
            index += 1
        elif (end := _spaced_rows_end(lines, kinds, index)) is not None:
            rows = _stacked_words([_spaced_cells(line) for line in lines[index:end] if line.strip()])
            blocks.append(Table(rows, spans_known=False))
            layouts.append("spaced-rows")
            index = end
        else:
            end = _paragraph_cells_end(lines, kinds, index)
            if end is not None:
                atoms = layout.paragraph_atoms(lines[index:end])
                blocks.extend(assemble.tables(atoms, assemble.PARAGRAPHS, lines_are_rows=False))
                layouts.append("paragraphs")
                index = end
                continue
            if lines[index].strip():
                blocks.append(Paragraph(lines[index].strip()))
            index += 1
    return blocks, layouts


def _expand_run_together(atoms: list) -> list:
    """A cell that holds a whole form run together (a portal's 内容概述 field quoting the table)
    is read as the form it holds."""
    out = []
    for atom in atoms:
        if len(atom.text) >= _LONG and _has_form_words(atom.text) and atom.text.count(" ") * 30 < len(atom.text):
            inner = runtogether.atoms(atom.text)
            if inner:
                inner[0].brk = atom.brk
            out.extend(inner)
        else:
            out.append(atom)
    return out


def _line_kind(line: str) -> str:
    flat = line.strip()
    if not flat:
        return "blank"
    if "|" in flat:
        return "pipe"
    if "\t" in flat:
        return "tab"
    if len(flat) >= _LONG:
        spaces = flat.count(" ")
        if spaces >= len(flat) / 12:
            return "spaced"
        if re.search(r"\d", flat) and _has_form_words(flat):
            return "run"
    return "text"


_HEADER_WORDS = ("一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "权重", "预算数", "执行数",
                 "执行率", "项目名称", "主管部门", "实施单位", "指标名称", "实际值")


def _has_form_words(text: str) -> bool:
    """A table run together, not a paragraph: several of a form's header words, few full stops."""
    words = sum(word in text for word in _HEADER_WORDS)
    sentences = text.count("。") + text.count("；")
    return words >= 3 and sentences * 80 < len(text)


def _pipe_region_start(lines, kinds, index, blocks) -> int:
    """Short lines just above the first pipe line belong to its first cell (``绩效\\n指标\\n| 一级指标``)."""
    start = index
    while start > 0 and kinds[start - 1] == "text" and len(lines[start - 1].strip()) <= 12 and lines[index].lstrip().startswith("|"):
        start -= 1
    for _ in range(index - start):  # those lines were read as paragraphs: take them back
        if blocks and isinstance(blocks[-1], Paragraph):
            blocks.pop()
    return start


def _pipe_region_end(lines, kinds, index) -> int:
    """A pipe region runs on over lines that continue its cells: blank lines, short lines, lines
    after a pipe line that did not close its cell."""
    end = index
    while end < len(lines):
        kind = kinds[end]
        if kind == "pipe":
            end += 1
            continue
        if kind == "blank":
            ahead = next((k for k in range(end, min(end + 4, len(lines))) if kinds[k] != "blank"), None)
            if ahead is not None and kinds[ahead] == "pipe":
                end = ahead
                continue
            break
        previous = lines[end - 1].rstrip()
        nxt = next((k for k in range(end + 1, min(end + 3, len(lines))) if kinds[k] != "blank"), None)
        continues = len(lines[end].strip()) <= 14 or not previous.endswith("|")
        if continues and (nxt is None or kinds[nxt] == "pipe"):
            end += 1
            continue
        break
    return end


def _bordered(region: list[str]) -> bool:
    filled = [line.strip() for line in region if line.strip()]
    return bool(filled) and sum(1 for line in filled if line.startswith("|") and line.endswith("|")) >= 0.6 * len(filled)


def _explicit(region: list[str]) -> bool:
    """One cell per line (``text |``, empty cells as a lone ``|``): every cell is there, empty ones too."""
    filled = [line.strip() for line in region if line.strip()]
    single = sum(1 for line in filled if line.count("|") == 1 and line.endswith("|"))
    return bool(filled) and single >= 0.6 * len(filled)


def _paragraph_cells_end(lines, kinds, index) -> int | None:
    """One cell per paragraph: a run of short paragraphs separated by blank lines, holding form
    words and figures. Returns where the run ends, or None when this is prose."""
    paragraphs = 0
    short = 0
    words = 0
    last_cellish = None
    position = index
    long_run = 0
    while position < len(lines):
        if kinds[position] not in ("text", "blank"):
            break
        if not lines[position].strip():
            position += 1
            continue
        chunk_end = position
        while chunk_end < len(lines) and lines[chunk_end].strip() and kinds[chunk_end] == "text":
            chunk_end += 1
        chunk = "".join(line.strip() for line in lines[position:chunk_end])
        paragraphs += 1
        if len(chunk) <= 40:
            short += 1
            long_run = 0
            last_cellish = chunk_end
            if assemble.field_of(chunk) or assemble.indicator_role(chunk) or assemble.money_role(chunk) or re.fullmatch(r"[\d.,%]+", chunk):
                words += 1
        else:
            long_run += 1
            if long_run > 2:
                break
        position = chunk_end
    if last_cellish is None or short < 8 or words < 4 or short < 0.6 * paragraphs:
        return None
    # a cell-per-paragraph block needs blank lines between its cells
    blanks = sum(1 for k in range(index, last_cellish) if not lines[k].strip())
    if blanks < short * 0.6:
        return None
    return last_cellish


_FIGURE = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?%?$")


def _spaced_cells(line: str) -> list[str]:
    return [cell for cell in re.split(r"\s+", line.strip()) if cell]


def _stacked_words(rows: list[list[str]]) -> list[list[str]]:
    """A merged cell's words one per line (年度 / 总体 / 目标 / 完成 / 情况, 产出 / 指标 / (60分)) are
    one cell: runs of one-word rows are joined where together they make a word of the form."""
    out: list[list[str]] = []
    index = 0
    while index < len(rows):
        if len(rows[index]) == 1 and len(rows[index][0]) <= 4:
            best = 1
            for size in range(2, 7):
                run = rows[index:index + size]
                if len(run) < size or any(len(row) != 1 or len(row[0]) > 6 for row in run):
                    break
                if assemble._whole_word("".join(row[0] for row in run)) or (
                        re.fullmatch(r"[（(]\d+(\.\d+)?分[)）]", run[-1][0]) and assemble._whole_word("".join(row[0] for row in run[:-1]))):
                    best = size
            out.append(["".join(row[0] for row in rows[index:index + best])])
            index += best
        else:
            out.append(rows[index])
            index += 1
    return out


def _spaced_rows_end(lines, kinds, index) -> int | None:
    """A table an Excel sheet became: one row a line, its cells apart by spaces (财政资金小计 2537695
    213722.82 0 …), header cells broken over short lines between. Returns where it ends."""
    def figure_row(line: str) -> bool:
        cells = _spaced_cells(line)
        return len(cells) >= 4 and sum(1 for cell in cells if _FIGURE.match(cell)) >= 3

    end, figures, position = index, 0, index
    while position < len(lines) and kinds[position] in ("text", "blank"):
        line = lines[position].strip()
        if not line:
            if position + 1 < len(lines) and not lines[position + 1].strip():
                break  # two blank lines end the table
            position += 1
            continue
        if figure_row(line):
            figures += 1
        elif len(line) > 40 and re.search(r"[。；]", line):
            break  # a sentence: prose again
        position += 1
        end = position
    if figures < 2:
        return None
    return end


def _spaced_atoms(line: str) -> list:
    """A PDF's text layer on one line: cells separated by single spaces (their order may be the
    page's drawing order, not the table's). A figure and its unit set apart (``不少于12 种``) are
    one cell; so are the lines of a wrapped header word (``年度 指标值``, joined later)."""
    from ...tables.rows import Atom
    from ...tables.vocabulary import UNITS

    atoms: list = []
    for token in line.split(" "):
        if not token.strip():
            continue
        if atoms and token in UNITS and re.search(r"\d$", atoms[-1].text):
            atoms[-1] = Atom(atoms[-1].text + token)
            continue
        atoms.append(Atom(token))
    return atoms
