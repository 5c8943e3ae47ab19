"""Which reader a file needs, from its content first and its name second.

Files reach us renamed: a workbook saved as ``.docx``, an ``.xls`` named ``.doc`` (both are OLE2
compound files; the streams inside say which: ``WordDocument`` or ``Workbook``/``Book``), a web
page saved as ``.txt``. The first bytes decide where they can (``%PDF``, a ZIP package and its
members, OLE2 and its streams, ``{\\rtf``, HTML markers), the name only where they cannot. A file
too large to be a report is refused before anything is read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..document import Unreadable

MAX_BYTES = 50 * 1024 * 1024  # a published report with its tables is a few MB; 50 MB is a scan or an archive
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARK = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<table[\s>]|<meta\s|<div[\s>]|<p[\s>]", re.I)
_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
_MHT_MARK = re.compile(rb"^(?:[\w-]+:[^\n]*\n)*?content-type:\s*multipart/related", re.I | re.M)


def sniff(path: Path) -> str:
    """One of ``docx xlsx xls doc pdf ofd html mht text``; raises :class:`Unreadable` for what no reader takes."""
    size = _size(path)
    if size == 0:
        raise Unreadable("文件是空的")
    if size > MAX_BYTES:
        raise Unreadable(f"文件太大（{size / 1024 / 1024:.0f} MB，上限 {MAX_BYTES // 1024 // 1024} MB），没有读取：报告文件通常只有几 MB，"
                         "请确认它不是扫描件或压缩包；扫描件请先做文字识别，或导入报告的 Word / Excel 原件")
    with path.open("rb") as stream:
        head = stream.read(8192)
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, suffix)
    if head.startswith(_OLE2[:4]):
        return _ole_kind(path, suffix)
    if head.lstrip().startswith(b"{\\rtf"):
        return "doc"
    if _MHT_MARK.search(head[:4096].replace(b"\r\n", b"\n")):
        return "mht"
    if _looks_like_html(head, suffix):
        return "html"
    if suffix in (".docx", ".xlsx", ".xlsm"):
        return "xlsx" if suffix != ".docx" else "docx"  # not a package at all: its reader says so
    if suffix == ".et":
        # WPS saves its spreadsheets in Excel's own formats (97-2003 or .xlsx), read above; another .et is its own
        raise Unreadable("这个 WPS 表格文件不是 Excel 兼容格式，无法直接读取；请在 WPS 中另存为 .xlsx 后再导入")
    if suffix in (".xls", ".doc", ".wps"):
        raise Unreadable(f"这不是 {suffix} 文件：内容既不是 Word 也不是 Excel 格式，文件可能已损坏或扩展名有误")
    if suffix == ".pdf":
        raise Unreadable("这不是 PDF 文件：文件开头没有 PDF 标记，可能已损坏或扩展名有误；请重新下载原件")
    return "text"


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            raise Unreadable("这是一个文件夹，不是文件")
        return path.stat().st_size
    except FileNotFoundError as error:
        raise Unreadable("文件不存在") from error
    except PermissionError as error:
        raise Unreadable("没有读取权限") from error
    except OSError as error:
        raise Unreadable(f"无法读取文件（{type(error).__name__}）") from error


def _looks_like_html(head: bytes, suffix: str) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at the ASCII bytes only
        start = start[2:].replace(b"\x00", b"").lstrip()
    if suffix in _HTML_SUFFIXES:
        return b"<" in start[:4096]
    return start.startswith(b"<") and bool(_HTML_MARK.search(start[:4096]))


def _zip_kind(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        # a package cut off in transfer: its reader salvages what the local headers still hold
        with path.open("rb") as stream:
            data = stream.read(1 << 20)
        if b"xl/" in data and b"word/" not in data:
            return "xlsx"
        if b"word/" in data or suffix == ".docx":
            return "docx"
        if suffix in (".xlsx", ".xlsm"):
            return "xlsx"
        if suffix == ".ofd" or b"OFD.xml" in data:
            raise Unreadable("OFD 文件已损坏，无法打开（ZIP 包不完整）；请重新下载原件，或导入报告的 Word / Excel / PDF 文件") from None
        raise Unreadable("ZIP 压缩包已损坏，无法打开；请重新下载或重新打包后再导入") from None
    if "OFD.xml" in names:
        return "ofd"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "doc"  # OpenDocument (.odt/.ods): LibreOffice converts it like a .doc
    shown = "、".join(name for name in names[:3] if not name.endswith("/"))
    raise Unreadable(f"这是一个 ZIP 压缩包（含 {len(names)} 个文件{('：' + shown) if shown else ''}），不是 Word 或 Excel 文档；"
                     "请解压后导入其中的报告文件")


def _ole_kind(path: Path, suffix: str) -> str:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)}
    except Exception as error:  # noqa: BLE001 - olefile raises OSError, struct.error, IndexError for a broken file
        kind = {".xls": "Excel 97-2003 工作簿", ".et": "WPS 表格"}.get(suffix, "Office 97-2003 文档")
        raise Unreadable(f"{kind}已损坏，无法打开（{type(error).__name__}）；请重新下载原件，"
                         "或在 Office 中打开后另存为 .docx / .xlsx 再导入") from error
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise Unreadable("文件设有打开密码（已加密），无法读取；请在 Word / Excel 中去掉密码（文件 → 信息 → 保护文档）后另存，再导入")
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "worddocument" in streams:
        return "doc"
    raise Unreadable("这是一个 Office 97-2003 格式的文件，但既不是 Word 文档也不是 Excel 工作簿"
                     f"（内含：{'、'.join(sorted(streams))[:80]}）；请导入报告的 Word、Excel 或 PDF 文件")
