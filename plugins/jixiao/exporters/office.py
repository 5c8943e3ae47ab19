"""Writing a form's blocks as a Word document or an Excel workbook, the way a unit's form looks.

Word: the form's title lines centred and bold, then its tables with every merge of the form
(category cells merged down their rows, captions merged across), a grid border and the CJK
font of a Chinese official document. Excel: one sheet, merged cells, numbers stored as numbers
with the number format the form shows (``#,##0.00``, ``0.00%``), so that the figures stay figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .grid import Cell, place, shown

FONT = "宋体"  # the body font of Chinese official forms; LibreOffice falls back to a CJK font it has


@dataclass
class Paragraph:
    text: str
    heading: int = 0  # 0: body text; 1…: a Word heading of that level
    title: bool = False  # the form's own title: centred and bold


@dataclass
class Table:
    rows: list[list[Cell]]
    width: int
    widths: list[float] = field(default_factory=list)  # column widths in centimetres, when the form fixes them


def write_docx(blocks: list, path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(1.8)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for block in blocks:
        if isinstance(block, Table):
            add_table(document, block)
        elif block.heading:
            document.add_heading(block.text, block.heading)
        else:
            paragraph = document.add_paragraph(block.text)
            if block.title:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.bold = True
                    run.font.size = Pt(15)
    document.save(path)
    return path


def add_table(document, table: Table) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Cm

    grid = document.add_table(rows=len(table.rows), cols=table.width)
    grid.style = "Table Grid"
    for r, c, cell in place(table.rows):
        target = grid.cell(r, c)
        if cell.span > 1 or cell.rows > 1:
            target = target.merge(grid.cell(r + cell.rows - 1, c + cell.span - 1))
        lines = shown(cell).split("\n") if cell.value not in (None, "") else [""]
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if cell.bold:
            for paragraph in target.paragraphs:
                for run in paragraph.runs:
                    run.bold = True
    if table.widths:
        grid.autofit = False
        for index, width in enumerate(table.widths):  # Word reads the cells' widths, LibreOffice the grid's
            grid.columns[index].width = Cm(width)
            for row in grid.rows:
                row.cells[index].width = Cm(width)


def write_xlsx(rows: list[list[Cell]], path: Path, title: str = "Sheet1", widths: list[float] | None = None) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    fill_sheet(sheet, rows)
    if widths:
        for index, width in enumerate(widths):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index + 1)].width = width
        for number, height in _heights(rows, widths).items():
            sheet.row_dimensions[number].height = height
    # printed as a form is: one page wide, as many long as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    workbook.save(path)
    return path


def _heights(rows: list[list[Cell]], widths: list[float]) -> dict[int, float]:
    """Row heights in points that show every wrapped line: spreadsheet programs do not grow a row
    for the text of a merged cell by themselves."""
    needed: dict[int, float] = {}
    for r, c, cell in place(rows):
        width = sum(widths[c:c + cell.span]) or 10
        lines = 0
        for line in shown(cell).split("\n"):
            columns = sum(2 if ord(char) > 0x2E80 else 1 for char in line)
            lines += max(1, -(-int(columns * 1.1) // int(width)))
        per_row = lines / cell.rows
        needed[r + 1] = max(needed.get(r + 1, 1), per_row)
    return {number: round(15 * lines, 1) for number, lines in needed.items() if lines > 1}


def fill_sheet(sheet, layout: list[list[Cell]]) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r, c, cell in place(layout):
        target = sheet.cell(row=r + 1, column=c + 1, value=None if cell.value == "" else cell.value)
        if isinstance(cell.value, str) and cell.value.startswith("="):
            target.data_type = "s"  # typed as text on the form (=100%), not a formula
        if cell.fmt:
            target.number_format = cell.fmt
        target.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if cell.bold else None)
        target.border = border
        if cell.bold:  # a title or header line of the form: bold and centred, as printed
            target.font = Font(bold=True)
        if cell.span > 1 or cell.rows > 1:
            sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + cell.rows, end_column=c + cell.span)


def write_xls(layout: list[list[Cell]], path: Path) -> Path:
    """Excel 97–2003, for the importer's tests of old workbooks (xlwt is a test dependency only)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, c, cell in place(layout):
        style = xlwt.easyxf(num_format_str=cell.fmt) if cell.fmt else xlwt.Style.default_style
        value = "" if cell.value is None else cell.value
        if cell.span > 1 or cell.rows > 1:
            sheet.write_merge(r, r + cell.rows - 1, c, c + cell.span - 1, value, style)
        else:
            sheet.write(r, c, value, style)
    book.save(str(path))
    return path
