"""Which form a document is, how many reports it holds, and reading each into a record draft.

A document may hold several reports one after the other (a unit publishes all its projects' forms
in one file): it is cut where a new form starts — its title line or its 项目名称 — after the
previous one has shown its tables. A workbook whose sheets are separate forms gives one record
per sheet. Each part is then read by the first recogniser that knows it: the seeds' own Suzhou
and Minhang forms, any other table form by its words (:mod:`.tableform`), or a narrative report.
"""

from __future__ import annotations

import re

from ..cells import short
from ..document import Document, Merge, Paragraph, Table
from ..draft import Draft
from ..tables.vocabulary import field_of
from . import indicator_table, listform, minhang, narrative, suzhou_self, tableform
from .families import family_of
from .identity import _FORM_TITLE, form_title
from .money import _header as money_header
from .stream import stream_of

_SEED_FORMS = [suzhou_self, minhang]


def recognise(document: Document) -> list[Draft]:
    sheets = [block for block in document.blocks if isinstance(block, Table) and block.sheet]
    if len(sheets) > 1:
        per_sheet = [(sheet, _only(document, [sheet])) for sheet in sheets]
        forms = [(sheet, part) for sheet, part in per_sheet if is_form(part)]
        if len(forms) > 1:
            drafts = []
            for sheet, part in forms:
                draft = read_part(part)
                draft.sheet = sheet.sheet
                drafts.append(draft)
            for sheet, part in per_sheet:
                if not is_form(part):
                    text = "｜".join(short(cell, 30) for row in sheet.grid for cell in row if cell.strip())
                    drafts[0].note(f"工作表“{sheet.sheet}”不是评价表，未能归位，原文：{short(text, 300)}")
            return drafts
    listed = listform.list_tables(document)
    if listed:
        return [draft for table in listed for draft in listform.read(document, table)]
    return _cut_off_together([read_part(part) for part in split_projects(document)])


def _cut_off_together(drafts: list[Draft]) -> list[Draft]:
    """A file cut off in its last project is not the whole publication: the projects before it,
    however complete they read, come from a copy that lost its end (and with it, maybe, the
    signatures, a corrigendum or a project's last page). They wait for a reviewer too."""
    if len(drafts) < 2 or not drafts[-1].fields.get("incomplete"):
        return drafts
    last = drafts[-1].fields.get("title") or f"第 {len(drafts)} 个项目"
    for draft in drafts[:-1]:
        if not draft.fields.get("incomplete"):
            # not the record's `incomplete`: its own table is whole, and the checks add it up
            draft.held_back = (f"同一文件在后面的项目（“{short(str(last), 30)}”）中途截断，本项目虽已读全，"
                               "所据的文件不是完整的公开件")
    return drafts


def read_part(document: Document) -> Draft:
    text = document.text()
    for form in _SEED_FORMS:
        if form.matches(text):
            return form.recognise(document)
    if is_form(document):
        # the form's own title names its family best (a project called …专项资金 is no special-fund form)
        stream = stream_of(document)
        title = form_title(stream, 0, len(stream))
        family = family_of(title[1]) if title else None
        if family is None or family.key == "table-form":
            family = family_of(text)
        return tableform.read(document, family)
    return narrative.recognise(document)


def is_form(document: Document) -> bool:
    """A table form: a funds block, two labelled identity fields in tables, or an indicator table —
    unless that table is all the form there is in a report written as prose (a results table run
    into a sentence of a third-party report belongs to the report's prose)."""
    stream = stream_of(document)
    if money_header(stream, 0, len(stream)) is not None:
        return True
    labels = {field_of(cell.text) for cell in stream.cells
              if isinstance(document.blocks[cell.block], Table) and field_of(cell.text)}
    if len(labels & {"title", "department", "implementer", "declared_total"}) >= 2:
        return True
    has_indicators = any(isinstance(block, Table) and indicator_table.find_header(block) is not None
                         for block in document.blocks)
    identity = labels & {"title", "department", "implementer", "declared_total", "project_code"}
    return has_indicators and not (not identity and _written_as_prose(document))


def _written_as_prose(document: Document) -> bool:
    text = document.text()
    return text.count("。") + text.count("，") + text.count(",,") >= 2 and bool(re.match(r"\s*(根据|按照|为|经|受)", text))


def split_projects(document: Document) -> list[Document]:
    """The reports a document holds, one after another: a new one starts at a form's title line or
    its 项目名称 once the one before has shown its funds block or indicator table."""
    parts: list[list] = [[]]
    seen_tables = False  # the current part has shown a funds block or an indicator table
    seen_title = False
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if seen_tables and _starts_form(block.text):
                parts.append([])
                seen_tables = seen_title = False
            parts[-1].append(block)
            continue
        start = 0
        header_rows = _header_rows(block)
        for r in range(len(block.cells)):
            first = next((text.strip() for text in block.grid[r] if text.strip()), "")
            if not first:
                continue
            if _starts_form(first) or field_of(first) == "title":
                if seen_tables and (seen_title or _starts_form(first)) and r > start:
                    parts[-1].append(_rows_of(block, start, r))
                    parts.append([])
                    start = r
                    seen_tables = seen_title = False
                elif seen_tables and seen_title and r == start:
                    parts.append([])
                    seen_tables = seen_title = False
                if field_of(first) == "title":
                    seen_title = True
            if r in header_rows:
                seen_tables = True
        if start:
            parts[-1].append(_rows_of(block, start, len(block.cells)))
        else:
            parts[-1].append(block)
        if indicator_table.find_header(block) is not None:
            seen_tables = True
    parts = [part for part in parts if any(_has_text(block) for block in part)]
    if len(parts) <= 1:
        return [document]
    return [Document(document.name, part, list(document.notes), document.from_text_extraction, document.format_label,
                     document.layout, document.source_url, document.traditional) for part in parts]


def _header_rows(table: Table) -> set[int]:
    """The rows of ``table`` where an indicator header ends, found in one pass."""
    rows: set[int] = set()
    header = indicator_table.find_header(table)
    while header is not None:
        rows.add(header.row)
        header = indicator_table.find_header(table, header.row + 1) if header.row + 1 < len(table.cells) else None
    return rows


def _starts_form(text: str) -> bool:
    flat = re.sub(r"\s+", "", text)
    return len(flat) <= 50 and bool(_FORM_TITLE.search(flat)) and "说明" not in flat


def _rows_of(table: Table, start: int, end: int) -> Table:
    merges = [Merge(m.top - start, m.left, m.bottom - start, m.right) for m in table.merges
              if m.top >= start and m.bottom < end]
    part = Table(table.cells[start:end], merges, spans_known=table.spans_known, sheet=table.sheet, page=table.page)
    if hasattr(table, "rebuilt"):
        part.rebuilt = table.rebuilt
    return part


def _has_text(block) -> bool:
    if isinstance(block, Paragraph):
        return bool(block.text.strip())
    return any(text.strip() for row in block.cells for text in row)


def _only(document: Document, blocks: list) -> Document:
    return Document(document.name, blocks, [], document.from_text_extraction, document.format_label)
