"""Importing the documents units and portals already have: every file becomes one or more records.

    result = import_file(Path("自评表.pdf"), out=Path("content/reports"))

A file is read into the one document model (:mod:`.readers`: Word, Excel, PDF, web pages,
flattened text), recognised by the words of its form (:mod:`.forms`: any table form, the seeds'
Suzhou and Minhang forms, narrative and third-party reports), completed (:mod:`.finish`) and
written as a record at ``<out>/<year>/<id>.md`` (:mod:`.writer`), updating the record of the same
report when there is one. What could not be placed is in ``import_notes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .document import Unreadable
from .existing import RecordIndex
from .finish import finish
from .readers import SUFFIXES, UNSUPPORTED, read_document
from .forms import recognise
from .writer import Written, write_record

DEFAULT_OUT = Path("content/reports")


@dataclass
class ImportResult:
    source: Path
    records: list[Written] = field(default_factory=list)
    error: str | None = None  # set when nothing could be read
    format_label: str = ""  # what the file was read as (Document.format_label), for the import summary
    indicator_rows: list[int] = field(default_factory=list)  # indicator rows read, one count per record

    @property
    def ok(self) -> bool:
        return self.error is None


def import_file(path: Path, out: Path = DEFAULT_OUT, index: RecordIndex | None = None,
                overwrite: frozenset[str] = frozenset()) -> ImportResult:
    """Read ``path`` and write its record(s) under ``out``; never raises for a bad document.

    Re-importing keeps what people changed in the record (:mod:`.merge`); ``overwrite`` names the
    fields where the document's value replaces theirs (``{"*"}``: every field)."""
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
    result.format_label = document.format_label
    for draft in recognise(document):
        finish(draft, document)
        result.indicator_rows.append(len(draft.fields.get("indicators") or []))
        result.records.append(write_record(draft, out, index, document.name, overwrite))
    return result


def import_files(paths: list[Path], out: Path = DEFAULT_OUT, overwrite: frozenset[str] = frozenset()) -> list[ImportResult]:
    index = RecordIndex(out)
    return [import_file(path, out, index, overwrite) for path in expand(paths)]


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the supported files inside it, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES | set(UNSUPPORTED)))
        else:
            files.append(path)
    return files


def run_import(paths: list[Path], out: Path = DEFAULT_OUT, overwrite: frozenset[str] = frozenset()) -> int:
    from .command import run

    return run(paths, out, overwrite)


__all__ = ["DEFAULT_OUT", "ImportResult", "RecordIndex", "import_file", "import_files", "read_document", "run_import"]
