"""One table written in every format a unit publishes: .docx, .xlsx, .xls, .html, .pdf, .ofd and .doc.

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


_OFD_NS = "http://www.ofdspec.org/2016"


def write_ofd(spec, path: Path) -> Path:
    """The table as an OFD package laid out the way WPS and 数科 write one: every cell's border a
    PathObject, every line of text a TextObject with each character's advance, in millimetres."""
    import zipfile
    from xml.sax.saxutils import escape

    size, left, top = 3.5, 10.0, 22.0
    widths = [max(12.0, min(48.0, 2 + size * max((_ofd_width(line) for r in spec.grid for line in r[c].split("\n")), default=1)))
              for c in range(spec.width)]
    def lines_of(text: str, c: int, cols: int) -> list[str]:
        """The cell's lines, a long one wrapped at the cell's width as the writing program does."""
        room = (sum(widths[c:c + cols]) - 2) / size
        out: list[str] = []
        for line in text.split("\n"):
            current = ""
            for char in line:
                if current and _ofd_width(current + char) > room:
                    out.append(current)
                    current = ""
                current += char
            out.append(current)
        return out

    heights = [2 + 4.5 * max((len(lines_of(cell, c, 1)) for c, cell in enumerate(row)), default=1) for row in spec.grid]
    xs = [left + sum(widths[:c]) for c in range(spec.width + 1)]
    ys = [top + sum(heights[:r]) for r in range(len(spec.grid) + 1)]
    objects: list[str] = [_ofd_text(spec.title, left, 10.0, 5.0, 1)]
    number = 2
    for r, c, rows, cols, text in origins(spec):
        x0, x1, y0, y1 = xs[c], xs[c + cols], ys[r], ys[r + rows]
        objects.append(f'<ofd:PathObject ID="{number}" Boundary="{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f}" LineWidth="0.25">'
                       f"<ofd:AbbreviatedData>M 0 0 L {x1 - x0:.2f} 0 L {x1 - x0:.2f} {y1 - y0:.2f} L 0 {y1 - y0:.2f} C"
                       "</ofd:AbbreviatedData></ofd:PathObject>")
        number += 1
        for line_number, line in enumerate(lines_of(text, c, cols)):
            if line:
                objects.append(_ofd_text(line, x0 + 1, y0 + 1 + 4.5 * line_number, size, number))
                number += 1
    width = max(297.0, xs[-1] + 10)
    height = max(210.0, ys[-1] + 10)
    page = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}"><ofd:Content><ofd:Layer ID="0">'
            + "".join(objects) + "</ofd:Layer></ofd:Content></ofd:Page>")
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_OFD_NS}"><ofd:CommonData>'
                f"<ofd:MaxUnitID>{number}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {width:.0f} {height:.0f}"
                "</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>"
                '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
    root = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:Title>{escape(spec.title)}</ofd:Title></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", root)
        archive.writestr("Doc_0/Document.xml", document)
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", page)
    return path


def _ofd_width(text: str) -> float:
    return sum(1.0 if ord(char) > 0x2E7F else 0.55 for char in text)


def _ofd_text(text: str, x: float, y: float, size: float, number: int) -> str:
    from xml.sax.saxutils import escape

    advances = " ".join(f"{size * (1.0 if ord(char) > 0x2E7F else 0.55):.2f}" for char in text[:-1])
    width = size * _ofd_width(text)
    return (f'<ofd:TextObject ID="{number}" Boundary="{x:.2f} {y:.2f} {width + 1:.2f} {size * 1.4:.2f}" Font="1" Size="{size}">'
            f'<ofd:TextCode X="0" Y="{size:.2f}" DeltaX="{advances}">{escape(text)}</ofd:TextCode></ofd:TextObject>')


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "xls": write_xls, "html": write_html, "pdf": write_pdf,
           "ofd": write_ofd}


def write_all(spec, folder: Path, formats=tuple(WRITERS)) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {kind: WRITERS[kind](spec, folder / f"{spec.name}.{kind}") for kind in formats}


__all__ = ["WRITERS", "html_page", "pdf_printer", "print_pdf", "soffice", "write_all", "write_docs"]
