"""Old Excel workbooks (.xls, BIFF) into the neutral model, through xlrd.

Same shape as :mod:`.xlsx`: one positional table per worksheet, merged ranges covering all but
their top-left cell, numbers shown with the decimals of their number format. xlrd gives merged
ranges and formats only with ``formatting_info``, so it is always asked for.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document, Merge, Table, Unreadable
from .sheetcells import display, trim


def read(path: Path) -> Document:
    import xlrd

    document = Document(name=path.name, format_label="Excel 97-2003 工作簿")
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=False)
    except NotImplementedError:  # formatting_info is not supported for some files
        book = xlrd.open_workbook(str(path))
        document.notes.append("此 .xls 文件无法读取单元格格式：数字按存储值照录，小数位可能与原件显示不同，合并单元格按空白处理")
    except Exception as error:  # noqa: BLE001 - xlrd raises XLRDError, CompDocError, struct errors...
        raise Unreadable(f"不是可读的 Excel 97-2003 工作簿（.xls）：{type(error).__name__}: {error}") from error
    for sheet in book.sheets():
        table = _sheet_table(book, sheet)
        if table is not None:
            if getattr(sheet, "visibility", 0):
                document.notes.append(f"工作表“{sheet.name}”在原件中是隐藏的，其内容也已读入")
            document.blocks.append(table)
    if document.is_empty():
        names = "”“".join(sheet.name for sheet in book.sheets())
        raise Unreadable(f"Excel 工作簿里没有内容：工作表“{names}”都是空的；请确认导入的是填好的文件")
    return document


def _sheet_table(book, sheet) -> Table | None:
    import xlrd

    if sheet.nrows == 0:
        return None
    rows: list[list[str]] = []
    for r in range(sheet.nrows):
        row: list[str] = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            row.append(_cell_text(book, cell, xlrd))
        rows.append(row)
    merges = [Merge(first_row, first_col, last_row - 1, last_col - 1)
              for first_row, last_row, first_col, last_col in getattr(sheet, "merged_cells", [])
              if first_row < sheet.nrows and first_col < sheet.ncols]
    rows, merges = trim(rows, merges)
    if not rows:
        return None
    return Table.from_origins(rows, merges, spans_known=True, sheet=sheet.name)


def _cell_text(book, cell, xlrd) -> str:
    number_format = None
    if book.formatting_info and cell.xf_index is not None and cell.xf_index < len(book.xf_list):
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        number_format = fmt.format_str if fmt else None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return display(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), number_format)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return display(cell.value, None)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return display(bool(cell.value), None)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return display(cell.value, number_format)
