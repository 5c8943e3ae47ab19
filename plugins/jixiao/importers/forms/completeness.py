"""Whether a document is whole: most published copies are cut off part-way.

A cut-off document must not be published as if complete: its record becomes a draft whose
``incomplete`` says what is missing, so that a reviewer completes it first (and the checker does
not add up a table that stops half-way). The signs are the form's own: an indicator table with
no 合计/总分 row, a last row missing the cells every other row has, a text that ends mid-sentence
or on a heading, a form with no indicator table at all.
"""

from __future__ import annotations

import re

from ..cells import short
from ..document import Document, Paragraph
from ..draft import Draft

_TERMINAL = tuple("。！？!?；;…”」』）)")
_NOT_TEXT = re.compile(r"\.(docx?|xlsx?|pdf|wps|et)$|^[-—\s\d/第页]+$|^\d+/\d+$", re.I)


def table_form(draft: Draft, document: Document, had_table: bool) -> None:
    fields = draft.fields
    reasons: list[str] = []
    rows = fields.get("indicators") or []
    declared = fields.get("declared") or {}
    if not rows:
        reasons.append("没有读到绩效指标表" if not had_table else "绩效指标表只有表头，没有指标行")
    else:
        scored = any("weight" in row or "score" in row for row in rows)
        if scored and "total" not in declared and "weight_total" not in declared and not _total_elsewhere(document):
            reasons.append("指标表没有合计（总分）行")
        elif scored and fields.get("_total_outside_table") and _far_below(rows, declared.get("total")):
            # the total printed at the top (自评总分: 95) and no closing row: rows worth far less than
            # it mean the table stops early, not that the unit added up wrong
            reasons.append(f"指标表没有合计行，各行得分之和远小于表头所写的总分 {declared.get('total')}")
        missing = _last_row_gaps(rows, fields.get("indicator_columns") or [])
        if missing:
            reasons.append(f"最后一行“{short(rows[-1]['name'], 30)}”缺少{'、'.join(missing)}")
        short_block = _last_block_short(rows, fields.get("categories") or {})
        if short_block:
            reasons.append(short_block)
    tail = _ends_mid_text(document)
    if tail:
        reasons.append(tail)
    if _starts_mid(document):
        reasons.insert(0, "原件从表格中间开始，前面的内容（表头、项目名称等）缺失")
    _mark(draft, reasons)


def narrative(draft: Draft, document: Document) -> None:
    tail = _ends_mid_text(document, prose=True)
    _mark(draft, [tail] if tail else [])


def _mark(draft: Draft, reasons: list[str]) -> None:
    if reasons:
        draft.fields["incomplete"] = "原件不完整：" + "；".join(reasons)


_CELL_NAMES = {"target": "目标值", "actual": "实际完成值", "weight": "分值", "score": "得分"}


def _starts_mid(document: Document) -> bool:
    """The document's first words are a table's inside (its frame 绩效指标, a header row, indicator
    rows), with no title, form name or label before them."""
    from ..tables.vocabulary import field_of, indicator_role, is_frame

    for block in document.blocks:
        if getattr(block, "header_roles", None):
            return True  # rows read without their header: the table's top is missing
        cells = [block.text] if isinstance(block, Paragraph) else [c for row in block.grid[:2] for c in row if c.strip()]
        for text in cells[:3]:
            flat = text.strip()
            if not flat:
                continue
            if field_of(flat) or re.search(r"表|报告|评价|自评", flat) and not is_frame(flat):
                return False
            return is_frame(flat) or bool(indicator_role(flat))
    return False


def _last_row_gaps(rows: list[dict], columns: list[str]) -> list[str]:
    last, others = rows[-1], rows[:-1]
    if not others:  # a table of one row: short of the figures its own header promises
        return [name for key, name in _CELL_NAMES.items() if key in columns and key not in last]
    gaps = []
    for key, name in _CELL_NAMES.items():
        share = sum(1 for row in others if key in row) / len(others)
        if share >= 0.8 and key not in last:
            gaps.append(name)
    return gaps


def _last_block_short(rows: list[dict], categories: dict) -> str | None:
    """The last block of the table has fewer points in its rows than its heading promises
    (项目绩效（85分） over rows worth 15): the table stops inside that block."""
    from decimal import Decimal, InvalidOperation

    last = rows[-1]
    for key in ("subcategory", "category"):
        name = last.get(key)
        if not name or name not in categories:
            continue
        try:
            points = Decimal(str(categories[name]))
            weights = sum(Decimal(str(row["weight"])) for row in rows if row.get(key) == name and row.get("weight"))
        except (InvalidOperation, KeyError):
            return None
        if weights and weights < points:
            return f"最后一类“{name}”的指标分值合计 {weights}，不到其标题上的 {categories[name]} 分，表格在这一类中间截断"
    return None


def _far_below(rows: list[dict], total) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        scores = sum(Decimal(str(row["score"])) for row in rows if row.get("score"))
        return total is not None and scores < Decimal(str(total)) * Decimal("0.8")
    except (InvalidOperation, KeyError):
        return False


def _total_elsewhere(document: Document) -> bool:
    """A form may print its total at the top (自评总分: 95) instead of in a total row."""
    return bool(re.search(r"(自评总分|综合得分|评价总分|总\s*分)\s*[:：(（]?[分)）]*\s*\d", document.text()))


def _ends_mid_text(document: Document, prose: bool = False) -> str | None:
    """The last words of the document, when they stop mid-sentence or on a heading."""
    last = _last_text(document)
    if last is None:
        return None
    text, in_table = last
    if _NOT_TEXT.search(text.strip()):
        return None
    if in_table and not prose and (len(text) < 20 or re.search(r"\d\s*$", text)):
        return None  # a form's last cell is a figure or a short word; a long sentence cut off is not
    if text.endswith(_TERMINAL):
        return None
    if re.match(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])", text) and len(text) <= 60:
        return f"正文停在标题“{short(text, 30)}”处，后面的内容缺失"
    return f"正文在“…{text[-20:]}”处中断"


def _last_text(document: Document) -> tuple[str, bool] | None:
    for block in reversed(document.blocks):
        if isinstance(block, Paragraph):
            if block.text.strip() and not _NOT_TEXT.search(block.text.strip()):
                return block.text.strip(), False
            continue
        for row in reversed(block.grid):
            for cell in reversed(row):
                if cell.strip():
                    return cell.strip(), True
    return None
