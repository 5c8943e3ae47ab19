"""Which form a document is, and reading it with that form's recogniser.

The fixed forms are tried first, most specific first; anything else is read as a narrative
report (which also takes an indicator table if it finds one). A workbook whose sheets are
separate forms gives one record per sheet.
"""

from __future__ import annotations

from . import minhang, narrative, national, suzhou_self
from ..cells import short
from ..document import Document, Table
from ..draft import Draft

TEMPLATES = [national, suzhou_self, minhang]


def template_for(document: Document):
    text = document.text()
    return next((template for template in TEMPLATES if template.matches(text)), narrative)


def recognise(document: Document) -> list[Draft]:
    sheets = [block for block in document.blocks if isinstance(block, Table) and block.sheet]
    if len(sheets) > 1:
        per_sheet = [(sheet, template_for(_only(document, sheet))) for sheet in sheets]
        forms = [(sheet, template) for sheet, template in per_sheet if template is not narrative]
        if len(forms) > 1:
            drafts = []
            for sheet, template in forms:
                draft = template.recognise(_only(document, sheet))
                draft.sheet = sheet.sheet
                drafts.append(draft)
            for sheet, template in per_sheet:
                if template is narrative:
                    text = "｜".join(short(cell, 30) for row in sheet.grid for cell in row if cell.strip())
                    drafts[0].note(f"工作表“{sheet.sheet}”不是评价表，未能归位，原文：{short(text, 300)}")
            return drafts
    return [template_for(document).recognise(document)]


def _only(document: Document, sheet: Table) -> Document:
    return Document(document.name, [sheet], [], document.from_text_extraction, document.format_label)
