"""Excel workbooks (.xlsx) into the neutral model: one positional table per worksheet.

openpyxl reads the cached values (what Excel last computed and showed) and the merged ranges;
a merged range keeps its text in its top-left cell and covers the others. A formula whose result
was never saved (a file written by a program, not by Excel) has no value to read: that is noted,
with the formula, instead of silently reading an empty cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..document import Document, Merge, Table, Unreadable
from .sheetcells import display

_FORMULA_WITHOUT_VALUE = re.compile(
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)


def read(path: Path) -> Document:
    document = Document(name=path.name, format_label="Excel 工作簿")
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(str(path), data_only=True)
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
        raise Unreadable("Excel 工作簿里没有可读的内容")
    return document


def _sheet_table(sheet) -> Table | None:
    rows = [[display(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]
    rows = _trim(rows)
    if not rows:
        return None
    first_row, first_col = sheet.min_row, sheet.min_column
    merges = []
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - first_row, merged.min_col - first_col
        bottom = min(merged.max_row - first_row, len(rows) - 1)
        right = min(merged.max_col - first_col, len(rows[0]) - 1)
        if top < len(rows) and left < len(rows[0]) and (bottom, right) != (top, left):
            merges.append(Merge(top, left, bottom, right))
    return Table.from_origins(rows, merges, spans_known=True, sheet=sheet.title)


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty rows at the end and empty columns at the right (formatting stretches a sheet)."""
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        return rows
    width = max((max((i + 1 for i, cell in enumerate(row) if cell.strip()), default=0) for row in rows), default=0)
    return [row[:width] + [""] * (width - len(row[:width])) for row in rows]


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

    formulas_book = openpyxl.load_workbook(str(path), data_only=False)
    found: dict[str, list[tuple[str, str]]] = {}
    for sheet in workbook.worksheets:
        source = formulas_book[sheet.title]
        for row in source.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and sheet[cell.coordinate].value is None:
                    found.setdefault(sheet.title, []).append((cell.coordinate, cell.value))
    return found
