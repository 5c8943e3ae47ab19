"""One table written in every format a unit publishes: .docx, .xlsx, .xls, .html, .pdf and .doc.

Each writer takes a :class:`~readers_fixtures.realdev.Spec` (each cell's text at its top-left, the
merges as ranges) and lays it out the way that format stores a merged cell: Word ``gridSpan`` and
``vMerge``, Excel merged ranges, HTML ``rowspan``/``colspan``; the PDF is the HTML page printed
(WeasyPrint, or Debian's Chromium where WeasyPrint cannot load its libraries); the .doc is the
.docx saved by LibreOffice. A title paragraph goes before the table where the format has paragraphs.
"""

from __future__ import annotations

import html as html_escape
import subprocess
import tempfile
from pathlib import Path

from jixiao.importers.document import Merge

CHROMIUM = Path("/usr/bin/chromium")
STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans CJK", "WenQuanYi Micro Hei", sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; }
td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; overflow-wrap: anywhere; }
"""


def origins(spec) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rows spanned, cols spanned, text) of every cell that starts somewhere."""
    merge_at = {(m.top, m.left): m for m in spec.merges}
    covered = {(r, c) for m in spec.merges for r in range(m.top, m.bottom + 1) for c in range(m.left, m.right + 1)}
    cells = []
    for r, row in enumerate(spec.grid):
        for c, text in enumerate(row):
            merge: Merge | None = merge_at.get((r, c))
            if merge is not None:
                cells.append((r, c, merge.bottom - merge.top + 1, merge.right - merge.left + 1, text))
            elif (r, c) not in covered:
                cells.append((r, c, 1, 1, text))
    return cells


def write_docx(spec, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(spec.title, level=1)
    table = document.add_table(rows=len(spec.grid), cols=spec.width)
    table.style = "Table Grid"
    for r, c, rows, cols, text in origins(spec):
        target = table.cell(r, c)
        if rows > 1 or cols > 1:
            target = target.merge(table.cell(r + rows - 1, c + cols - 1))
        lines = text.split("\n")
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
    document.add_paragraph("（表格结束）")
    document.save(str(path))
    return path


def write_xlsx(spec, path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = f"表{spec.name}"
    for r, c, rows, cols, text in origins(spec):
        cell = sheet.cell(row=r + 1, column=c + 1, value=text or None)
        if text.startswith("="):
            cell.data_type = "s"  # written on the form as text (=100), not a formula
        if rows > 1 or cols > 1:
            sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rows, end_column=c + cols)
    workbook.save(path)
    return path


def write_xls(spec, path: Path) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(f"表{spec.name}")
    for r, c, rows, cols, text in origins(spec):
        if rows > 1 or cols > 1:
            sheet.write_merge(r, r + rows - 1, c, c + cols - 1, text)
        else:
            sheet.write(r, c, text)
    book.save(str(path))
    return path


def html_page(spec) -> str:
    by_row: dict[int, list[str]] = {}
    for r, c, rows, cols, text in origins(spec):
        spans = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
        shown = "<br>".join(html_escape.escape(line) for line in text.split("\n"))
        by_row.setdefault(r, []).append(f"<td{spans}>{shown}</td>")
    rows = "\n".join(f"<tr>{''.join(by_row.get(r, []))}</tr>" for r in range(len(spec.grid)))
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html_escape.escape(spec.title)}</title>'
            f"<style>{STYLE}</style></head><body>\n<h1>{html_escape.escape(spec.title)}</h1>\n"
            f"<table>\n{rows}\n</table>\n</body></html>\n")


def write_html(spec, path: Path) -> Path:
    path.write_text(html_page(spec), encoding="utf-8")
    return path


def write_pdf(spec, path: Path) -> Path:
    return print_pdf(html_page(spec), path)


def print_pdf(page: str, path: Path) -> Path:
    """The HTML page as a PDF: WeasyPrint, else headless Chromium."""
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: Pango is not installed
        weasyprint = None
    if weasyprint is not None:
        weasyprint.HTML(string=page).write_pdf(str(path))
        return path
    if not CHROMIUM.exists():
        raise RuntimeError("neither WeasyPrint nor Chromium can print a PDF here")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={folder}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={path}", source.as_uri()], check=True, capture_output=True, timeout=120)
    return path


def pdf_printer() -> str | None:
    """What prints PDFs here, or None."""
    try:
        import weasyprint  # noqa: F401

        return "weasyprint"
    except (ImportError, OSError):
        return "chromium" if CHROMIUM.exists() else None


def soffice() -> str | None:
    from jixiao.importers.readers.doc import soffice as find

    return find()


def write_docs(docx_files: list[Path], out: Path) -> list[Path]:
    """The .docx files saved as Word 97–2003 .doc by LibreOffice, all in one run."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "doc", "--outdir", str(out), *map(str, docx_files)],
                       check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    return [out / f"{source.stem}.doc" for source in docx_files]


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "xls": write_xls, "html": write_html, "pdf": write_pdf}


def write_all(spec, folder: Path, formats=tuple(WRITERS)) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {kind: WRITERS[kind](spec, folder / f"{spec.name}.{kind}") for kind in formats}


__all__ = ["WRITERS", "html_page", "pdf_printer", "print_pdf", "soffice", "write_all", "write_docs"]
