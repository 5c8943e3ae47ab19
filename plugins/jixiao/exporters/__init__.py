"""Giving units their official form back: a record written out in its own form's layout.

    export_form(Path("content/reports/2024/suzhou-2024-dangjian.md"), Path("自评表.docx"))

A unit files the same report twice, as the record here and as the Word or Excel form its finance
bureau asks for. The form is made from the record (:mod:`.forms` chooses the layout: the national
项目支出绩效自评表, the Suzhou and Minhang forms, or a narrative report), so the two never
disagree; importing the file gives back the same record.
"""

from __future__ import annotations

from .forms import ExportError, export_form, form_family

__all__ = ["ExportError", "export_form", "form_family"]
