"""Narrative-only reports: third-party evaluations (Hohhot) and narrative self-reports (Dongchuan).

The body is cut into sections by the numbering Chinese reports use: ``一、`` sections,
``（一）`` sub-sections, and ``1.`` items that are headings when a paragraph of their own follows
(``1.立项背景及目的。…`` with its text on the same line is a paragraph). A heading and its text on
one line are split at the heading's punctuation. A document holding two reports one after the
other (a short report, then the full one) gets each report title as a section of its own.

Text extractions break paragraphs at page ends; a paragraph that stops mid-sentence is joined to
the next. A table of contents is left out (noted). Identity, money and the declared result are
read from the prose by :mod:`.narrative_facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cells import label, one_line, short
from ..document import Document, Paragraph, Row, Table
from ..draft import Draft
from .indicators import is_header, read_indicators
from . import completeness
from .narrative_facts import is_funding_table, read_facts
from .prose_identity import cover_fields, is_page_chrome, is_signature, is_title_line
from .prose_result import is_result_table

LABEL = "叙述式评价报告"

_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_SUB = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_NUMBERED = re.compile(r"^\d{1,2}[.．、]\s*\S")
_TITLE_END = re.compile(r"报告书?$")
_ATTACHMENT = re.compile(r"附件|附表|佐证材料|附以下")
_TERMINAL = "。！？；：.!?;:”’」』…"
_TOC = re.compile(r"^目\s*录$")
_PAGE = re.compile(r"^.+?(\t|…{2,}|\.{3,}|\s{2,})\s*\d+$")


@dataclass
class Item:
    text: str = ""
    table: Table | None = None
    style_level: int | None = None


def recognise(document: Document) -> Draft:
    draft = Draft("narrative", LABEL)
    items = _items(document, draft)
    if document.from_text_extraction:
        items = _join_broken(items)
    heading_titles = _titles_heading_reports(items)
    _sections(items, draft, heading_titles)
    tables = [item.table for item in items if item.table is not None]
    read_facts(_cover_lines(tables) + items_text(items), tables, draft)
    completeness.narrative(draft, document)
    _signed_off(items, draft)
    _ends_on_heading(draft)
    draft.region_hints = [draft.fields.get("department", ""), draft.fields.get("title", ""),
                          draft.fields.get("program", ""), "\n".join(items_text(items))]
    return draft


def items_text(items: list[Item]) -> list[str]:
    return [item.text for item in items if item.table is None and item.text]


def _items(document: Document, draft: Draft) -> list[Item]:
    items: list[Item] = []
    in_toc = False
    dropped = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                continue
            if _TOC.match(label(text)) or label(text) == "目录":
                in_toc = True
                dropped += 1
                continue
            if in_toc and _PAGE.match(text):
                dropped += 1
                continue
            in_toc = False
            for line in text.split("\n"):
                if line.strip():
                    items.append(Item(text=line.strip(), style_level=block.heading_level))
        else:
            prose = _prose_table(block) if document.from_text_extraction else None
            if prose is not None:
                in_toc = False
                items.append(Item(text=prose))
                continue
            if in_toc and all(re.fullmatch(r"\d+", cells[-1].strip() or "x") for cells in block.grid if any(cells)):
                dropped += len(block.grid)
                in_toc = False
                continue
            in_toc = False
            items.append(Item(table=block))
    if dropped:
        draft.note(f"已略去目录（{dropped} 行，页码不作数据）")
    return items


def _prose_table(table: Table) -> str | None:
    """A sentence a text extraction cut into cells (a paragraph that runs a small table into its
    prose): its cells joined again, as the sentence was printed. A table of cells never opens
    with a sentence of its own."""
    joined = "".join(cell.strip() for row in table.grid for cell in row if cell.strip())
    if is_result_table(joined):
        return joined  # a criteria table run together: read again from its text, split by arithmetic
    first_row = "".join(cell.strip() for cell in table.grid[0]) if table.grid else ""
    longest = max((len(cell.strip()) for cell in table.grid[0]), default=0) if table.grid else 0
    if longest < 30 or not re.search(r"[，,。；]", first_row) or is_header(Row(list(table.grid[0]), table, 0, 1)):
        return None
    return joined


def _cover_lines(tables: list[Table]) -> list[str]:
    """A cover laid out as a table (项目名称 | 优抚, 评价机构 | …会计师事务所) as labelled lines."""
    lines = []
    for table in tables:
        for cells in table.grid:
            filled = [one_line(cell) for cell in cells if cell.strip()]
            for index, cell in enumerate(filled):
                if cover_fields([cell]):
                    lines.append(cell)  # 评价方式:部门(单位)绩效自评 in a cell of its own
                elif index + 1 < len(filled) and len(cell) <= 10 and not cover_fields([filled[index + 1]]) \
                        and cover_fields([f"{cell}：{filled[index + 1]}"]):
                    lines.append(f"{cell}：{filled[index + 1]}")
    return lines


def _signed_off(items: list[Item], draft: Draft) -> None:
    """A report that ends with its signature (the evaluator's name, a date line) is whole, though
    its last line has no full stop."""
    texts = items_text(items)
    if texts and is_signature(texts[-1]) and str(draft.fields.get("incomplete", "")).startswith("原件不完整：正文在"):
        del draft.fields["incomplete"]


def _ends_on_heading(draft: Draft) -> None:
    """A report whose last heading has no text under it was cut off there (…(三)绩效评价指标分析 /
    1.预算执行情况分析(包括完成情况和偏差原因等))."""
    if draft.fields.get("incomplete") or not draft.sections:
        return
    last = draft.sections[-1]
    if last.title and not last.paragraphs:
        draft.fields["incomplete"] = f"原件不完整：正文停在标题“{short(last.title, 30)}”处，后面的内容缺失"
    elif last.paragraphs and _NUMBERED.match(last.paragraphs[-1]) and len(last.paragraphs[-1]) <= 60 \
            and not re.search(r"[。；;！？]", last.paragraphs[-1]):
        # a numbered line with no sentence of its own is a heading whose text is missing
        draft.fields["incomplete"] = f"原件不完整：正文停在标题“{short(last.paragraphs[-1], 30)}”处，后面的内容缺失"


def _join_broken(items: list[Item]) -> list[Item]:
    joined: list[Item] = []
    for item in items:
        previous = joined[-1] if joined else None
        if previous is not None and previous.table is None and item.table is None and _continues(previous.text, item.text):
            previous.text += item.text
        else:
            joined.append(item)
    return joined


def _continues(previous: str, following: str) -> bool:
    """Whether ``following`` is the rest of ``previous``, cut at a page end by the extraction."""
    if not previous.endswith(tuple(_TERMINAL)) and len(following) <= 8 and _TITLE_END.search(previous + following):
        return True  # a title broken over two lines
    if previous.endswith(tuple(_TERMINAL)) or previous.endswith(("）", ")")):
        return False
    if _is_title_text(previous) or _heading_split(previous) is not None:
        return False
    if is_title_line(previous) or is_title_line(following) or is_page_chrome(previous) or is_page_chrome(following):
        return False
    if _TOP.match(following) or _SUB.match(following) or _NUMBERED.match(following) or _is_title_text(following):
        return False
    if not re.match(r"[\u4e00-\u9fff《“（]", following):
        return False
    return previous.endswith(("，", "、")) or len(previous) >= 20


def _is_title_text(text: str) -> bool:
    return (bool(_TITLE_END.search(text)) and len(text) <= 40 and not re.search(r"[。，；：:]", text)
            and not _TOP.match(text) and not _SUB.match(text))


def _is_title(item: Item) -> bool:
    return item.table is None and _is_title_text(item.text)


def _titles_heading_reports(items: list[Item]) -> set[int]:
    """Titles that each open their own ``一、`` sequence; with two or more, they are sections."""
    heading: set[int] = set()
    current = None
    for index, item in enumerate(items):
        if _is_title(item):
            current = index
        elif current is not None and item.table is None and _TOP.match(item.text):
            heading.add(current)
            current = None
    return heading if len(heading) >= 2 else set()


def _heading_split(text: str) -> tuple[str, str | None] | None:
    """``一、项目概况：正文…`` → (``一、项目概况：``, ``正文…``); a short line is all heading."""
    if not (_TOP.match(text) or _SUB.match(text)):
        return None
    if len(text) <= 30 and not re.search(r"[。；：，]", text[:-1]):
        return text, None
    mark = re.search(r"[：。；]", text)
    if mark and mark.start() <= 30:
        rest = text[mark.end():].strip()
        return text[: mark.end()], rest or None
    return None


def _numbered_heading(items: list[Item], index: int) -> bool:
    text = items[index].text
    if not _NUMBERED.match(text) or len(text) > 80 or index + 1 >= len(items):
        return False
    stops = text.count("。")
    if stops > 1 or (stops == 1 and not text.endswith("。")):
        return False
    following = items[index + 1]
    if following.table is not None or _is_title(following) or _heading_split(following.text) is not None:
        return False
    return not _NUMBERED.match(following.text)


def _sections(items: list[Item], draft: Draft, heading_titles: set[int]) -> None:
    styled = any(item.style_level for item in items)
    base = 3 if heading_titles else 2
    section = draft.section(None)
    context = 1
    indicator_done = False
    for index, item in enumerate(items):
        if item.table is not None:
            if not indicator_done and _read_indicator_table(item.table, draft):
                indicator_done = True
                continue
            section.paragraphs.append(markdown_table(item.table))
            if not is_funding_table(item.table):
                first = "｜".join(cell.strip() for cell in item.table.grid[0] if cell.strip()) if item.table.grid else ""
                draft.note(f"正文中的表格（首行：{first[:60]}）未能归入记录字段，已照录为正文中的表格")
            continue
        text = item.text
        if styled:
            if item.style_level:
                level = min(item.style_level + 1, 6)
                section = draft.section(text, level)
                continue
            section.paragraphs.append(text)
            continue
        if index in heading_titles:
            section, context = draft.section(text, 2), 2
            continue
        if _ATTACHMENT.search(text) and len(text) <= 40 and not text.endswith("。") and not _NUMBERED.match(text):
            section, context = draft.section(text, 2), 2
            continue
        split = _heading_split(text)
        if split is not None:
            level = base if _TOP.match(text) else base + 1
            section, context = draft.section(split[0], level), level
            if split[1]:
                section.paragraphs.append(split[1])
            continue
        if _numbered_heading(items, index):
            section = draft.section(text, min(context + 1, 6))
            continue
        section.paragraphs.append(text)
    if not draft.sections[0].paragraphs:
        draft.sections.pop(0)


def _read_indicator_table(table: Table, draft: Draft) -> bool:
    rows = [Row(list(cells), table, index, index + 1) for index, cells in enumerate(table.grid)]
    header = next((index for index, row in enumerate(rows) if is_header(row)), None)
    if header is None:
        return False
    read_indicators(rows, header, draft)
    return True


def markdown_table(table: Table) -> str:
    rows = [[_md_cell(table.grid[r][c]) for c in range(len(table.grid[r])) if (r, c) not in table.covered or table.grid[r][c]]
            for r in range(len(table.grid))]
    rows = [row for row in rows if any(row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")
