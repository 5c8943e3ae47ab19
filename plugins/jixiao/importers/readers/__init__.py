"""Readers: every file format into the one document model (:mod:`..document`).

    document = read_document(Path("自评表.pdf"))

One module a format: :mod:`.docx`, :mod:`.xlsx`, :mod:`.xls`, :mod:`.text` (text flattened from
any of them, in every layout the wild has). The format is told by the file's first bytes, not only
its name, so a workbook saved as ``.docx`` or a web page saved as ``.txt`` is still read right.
Every failure is an :class:`Unreadable` whose message says what is wrong and what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..document import Document, Unreadable
from . import docx, text, xls, xlsx

SUFFIXES = {".docx", ".xlsx", ".xlsm", ".xls", ".txt", ".text", ".tsv", ".csv", ".md"}
UNSUPPORTED = {
    ".doc": "旧版 Word（.doc）文件无法直接读取，请在 Word 中“另存为” .docx 后再导入",
    ".wps": "WPS 文字文件无法直接读取，请另存为 .docx 后再导入",
    ".et": "WPS 表格文件无法直接读取，请另存为 .xlsx 后再导入",
    ".pdf": "PDF 文件无法直接读取，请导入原始的 Word / Excel 文件，或先提取为文本",
}


def read_document(path: Path) -> Document:
    """The file as paragraphs and tables; raises :class:`Unreadable` when nothing can be read."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise Unreadable(UNSUPPORTED[suffix])
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError as error:
        raise Unreadable("文件不存在") from error
    except IsADirectoryError as error:
        raise Unreadable("这是一个文件夹，不是文件") from error
    except PermissionError as error:
        raise Unreadable("没有读取权限") from error
    except OSError as error:
        raise Unreadable(f"无法读取文件（{type(error).__name__}）") from error
    if not head:
        raise Unreadable("文件是空的")
    if head.startswith(b"PK\x03\x04") or suffix in (".docx", ".xlsx", ".xlsm"):
        if suffix in (".xlsx", ".xlsm") or (suffix not in (".docx",) and _is_workbook(path)):
            return xlsx.read(path)
        return docx.read(path)
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        return xls.read(path)
    return text.read(path)


def _is_workbook(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


__all__ = ["SUFFIXES", "UNSUPPORTED", "Document", "Unreadable", "read_document"]
