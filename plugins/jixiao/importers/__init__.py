"""Importing the documents units already have: Word, Excel and extracted text become records.

    result = import_file(Path("自评表.docx"), out=Path("content/reports"))

A file is read into a neutral model of paragraphs and tables (:mod:`.docx`, :mod:`.xlsx`,
:mod:`.xls`, :mod:`.text`), recognised as one of the known forms (:mod:`.suzhou_self`,
:mod:`.minhang`, :mod:`.national`) or as a narrative report (:mod:`.narrative`), completed
(:mod:`.finish`) and written as a record at ``<out>/<year>/<id>.md`` (:mod:`.writer`), updating the
record of the same report when there is one. What could not be placed is in ``import_notes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import docx, text, xls, xlsx
from .document import Document, Unreadable
from .existing import RecordIndex
from .finish import finish
from .recognise import recognise
from .writer import Written, write_record

DEFAULT_OUT = Path("content/reports")
SUFFIXES = {".docx", ".xlsx", ".xlsm", ".xls", ".txt", ".text", ".tsv", ".csv", ".md"}
_UNSUPPORTED = {
    ".doc": "旧版 Word（.doc）文件无法直接读取，请在 Word 中“另存为” .docx 后再导入",
    ".wps": "WPS 文字文件无法直接读取，请另存为 .docx 后再导入",
    ".et": "WPS 表格文件无法直接读取，请另存为 .xlsx 后再导入",
    ".pdf": "PDF 文件无法直接读取，请导入原始的 Word / Excel 文件，或先提取为文本",
}


@dataclass
class ImportResult:
    source: Path
    records: list[Written] = field(default_factory=list)
    error: str | None = None  # set when nothing could be read

    @property
    def ok(self) -> bool:
        return self.error is None


def read_document(path: Path) -> Document:
    """The file as paragraphs and tables; raises :class:`Unreadable` when nothing can be read."""
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise Unreadable(_UNSUPPORTED[suffix])
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
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def import_file(path: Path, out: Path = DEFAULT_OUT, index: RecordIndex | None = None) -> ImportResult:
    """Read ``path`` and write its record(s) under ``out``; never raises for a bad document."""
    path = Path(path)
    result = ImportResult(path)
    index = index if index is not None else RecordIndex(out)
    try:
        document = read_document(path)
    except Unreadable as error:
        result.error = str(error)
        return result
    except Exception as error:  # noqa: BLE001 - one broken file must not stop the other 299
        result.error = f"读取时出现意外错误（{type(error).__name__}: {error}），文件未能导入"
        return result
    for draft in recognise(document):
        finish(draft, document)
        result.records.append(write_record(draft, out, index, document.name))
    return result


def import_files(paths: list[Path], out: Path = DEFAULT_OUT) -> list[ImportResult]:
    index = RecordIndex(out)
    return [import_file(path, out, index) for path in expand(paths)]


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the supported files inside it, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES | set(_UNSUPPORTED)))
        else:
            files.append(path)
    return files


def run_import(paths: list[Path], out: Path = DEFAULT_OUT) -> int:
    from .command import run

    return run(paths, out)


__all__ = ["DEFAULT_OUT", "ImportResult", "RecordIndex", "import_file", "import_files", "read_document", "run_import"]
