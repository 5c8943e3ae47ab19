"""Excel workbooks (.xlsx) into the neutral model: one positional table per worksheet.

openpyxl reads the cached values (what Excel last computed and showed) and the merged ranges;
a merged range keeps its text in its top-left cell and covers the others. A formula whose result
was never saved (a file written by a program, not by Excel) has no value to read: that is noted,
with the formula, instead of silently reading an empty cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..document import Document, Merge, Table, Unreadable
from .sheetcells import display, trim

_FORMULA_WITHOUT_VALUE = re.compile(
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)


def read(path: Path) -> Document:
    document = Document(name=path.name, format_label="Excel 工作簿")
    try:
        import openpyxl

        # a file object, not the name: openpyxl refuses a workbook whose name does not end in .xlsx
        workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), data_only=True)
    except zipfile.BadZipFile as error:
        raise Unreadable(f"不是可读的 Excel 工作簿（.xlsx）：文件已损坏或不是 xlsx 格式（{error}）") from error
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for a broken package
        raise Unreadable(f"Excel 工作簿无法打开：{type(error).__name__}: {error}") from error
    formulas = _formulas_without_values(path, workbook)
    for sheet in workbook.worksheets:
        table = _sheet_table(sheet)
        if table is None:
            continue
        if sheet.sheet_state != "visible":
            document.notes.append(f"工作表“{sheet.title}”在原件中是隐藏的，其内容也已读入")
        document.blocks.append(table)
        for coordinate, formula in formulas.get(sheet.title, []):
            document.notes.append(
                f"工作表“{sheet.title}”单元格 {coordinate} 是公式 {formula}，文件中没有保存计算结果，未能读出数值；"
                "请在 Excel 中打开、保存后重新导入"
            )
    if document.is_empty():
        names = "”“".join(sheet.title for sheet in workbook.worksheets)
        raise Unreadable(f"Excel 工作簿里没有内容：工作表“{names}”都是空的；请确认导入的是填好的文件")
    return document


def _sheet_table(sheet) -> Table | None:
    rows = [[display(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]
    first_row, first_col = sheet.min_row, sheet.min_column
    merges = [Merge(m.min_row - first_row, m.min_col - first_col, m.max_row - first_row, m.max_col - first_col)
              for m in sheet.merged_cells.ranges if m.min_row >= first_row and m.min_col >= first_col]
    rows, merges = trim(rows, merges)
    if not rows:
        return None
    return Table.from_origins(rows, merges, spans_known=True, sheet=sheet.title)


def _formulas_without_values(path: Path, workbook) -> dict[str, list[tuple[str, str]]]:
    """Formulas saved without a result; cheap check on the raw XML before re-reading formulas."""
    try:
        with zipfile.ZipFile(path) as archive:
            suspicious = any(
                _FORMULA_WITHOUT_VALUE.search(archive.read(name))
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}
    if not suspicious:
        return {}
    import openpyxl

    formulas_book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), data_only=False)
    found: dict[str, list[tuple[str, str]]] = {}
    for sheet in workbook.worksheets:
        source = formulas_book[sheet.title]
        for row in source.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and sheet[cell.coordinate].value is None:
                    found.setdefault(sheet.title, []).append((cell.coordinate, cell.value))
    return found
