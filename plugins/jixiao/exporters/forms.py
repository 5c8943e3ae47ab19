"""Which form a record is filed on, and writing it: ``jixiao export --form FILE.docx|FILE.xlsx RECORD``.

The family follows the record: the Suzhou form for a record scored by a Suzhou scheme or naming
the Suzhou form, the Minhang sheet for Minhang's scheme, the national 项目支出绩效自评表 for any
other record with an indicator table, and the report's own text for a narrative report. Tables
go to Word or Excel alike; a narrative report has no table form, only a Word document.
"""

from __future__ import annotations

from pathlib import Path

from ..core.record import load_file
from . import minhang, narrative, national, suzhou
from .office import Table, write_docx, write_xlsx

FAMILIES = {
    "suzhou": "苏州市级财政支出项目绩效自评表",
    "minhang": "闵行区财政项目绩效自评价表",
    "national": "项目支出绩效自评表（财预〔2020〕10号）",
    "narrative": "绩效评价报告（叙述式，Word）",
}


class ExportError(Exception):
    """A record that cannot be exported as asked; the message is Chinese and says what to do."""


def form_family(report) -> str:
    form = report.form or ""
    if "苏州" in form or report.scheme in ("suzhou-2018", "suzhou-2024"):
        return "suzhou"
    if "闵行" in form or report.scheme == "minhang-2020":
        return "minhang"
    if report.indicators:
        return "national"
    return "narrative"


def export_form(record: Path, out: Path) -> str:
    """Write the record at ``record`` as its form to ``out`` (.docx or .xlsx); returns the family's name."""
    loaded = load_file(Path(record))
    if loaded.report is None:
        problems = "；".join(finding.text() for finding in loaded.findings[:3])
        raise ExportError(f"记录无法读取，不能导出：{problems}")
    suffix = Path(out).suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise ExportError(f"只能导出为 .docx 或 .xlsx，这里写的是“{Path(out).name}”")
    report, body = loaded.report, loaded.body
    family = form_family(report)
    if suffix == ".docx":
        write_docx(docx_blocks(report, body, family), Path(out))
    else:
        rows, widths, title = xlsx_sheet(report, body, family)
        write_xlsx(rows, Path(out), title, widths)
    return FAMILIES[family]


def docx_blocks(report, body: str, family: str | None = None) -> list:
    family = family or form_family(report)
    if family == "suzhou":
        return suzhou.docx_blocks(report, body)
    if family == "minhang":
        return [Table(minhang.layout(report, body), 7, [2.4, 3.0, 3.6, 1.2, 3.6, 1.2, 2.0])]
    if family == "national":
        return national.docx_blocks(report, body)
    return narrative.docx_blocks(report, body)


def xlsx_sheet(report, body: str, family: str | None = None):
    """(rows, column widths in characters, sheet title) of the form as one worksheet."""
    family = family or form_family(report)
    if family == "suzhou":
        return suzhou.xlsx_rows(report, body), [w * 5 for w in suzhou.WIDTHS], "自评表"
    if family == "minhang":
        return minhang.layout(report, body), minhang.WIDTHS, "自评表"
    if family == "national":
        return national.xlsx_rows(report, body), [w * 5 for w in national.WIDTHS], "自评表"
    raise ExportError("这是叙述式评价报告，没有表格表样，只能导出为 Word：请把文件名写成 .docx")
