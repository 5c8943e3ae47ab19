"""Importing the documents units and portals already have: every file becomes one or more records.

    result = import_file(Path("自评表.pdf"), out=Path("content/reports"))

A file is read into the one document model (:mod:`.readers`: Word, Excel, PDF, web pages,
flattened text), recognised by the words of its form (:mod:`.forms`: any table form, the seeds'
Suzhou and Minhang forms, narrative and third-party reports), completed (:mod:`.finish`) and
written as a record at ``<out>/<year>/<id>.md`` (:mod:`.writer`), updating the record of the same
report when there is one. What could not be placed is in ``import_notes``.
"""

from __future__ import annotations

import os
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


@dataclass
class Prepared:
    """A file read and recognised, its records not yet written: the part of an import that needs no
    output folder, so that a batch can do it in parallel and write in order."""

    source: Path
    name: str = ""
    format_label: str = ""
    drafts: list = field(default_factory=list)
    error: str | None = None


def prepare(path: Path) -> Prepared:
    """Read ``path`` and turn it into record drafts; never raises for a bad document."""
    path = Path(path)
    prepared = Prepared(path, path.name)
    try:
        document = read_document(path)
    except Unreadable as error:
        prepared.error = str(error)
        return prepared
    except Exception as error:  # noqa: BLE001 - one broken file must not stop the other 299
        prepared.error = f"读取时出现意外错误（{type(error).__name__}: {error}），文件未能导入"
        return prepared
    prepared.name, prepared.format_label = document.name, document.format_label
    try:
        for draft in recognise(document):
            finish(draft, document)
            prepared.drafts.append(draft)
    except Exception as error:  # noqa: BLE001 - a recogniser's bug on one file must not cost the batch
        prepared.drafts = []
        prepared.error = f"识别表样时出现意外错误（{type(error).__name__}: {error}），文件未能导入；请把原件发给维护者"
    return prepared


def write_prepared(prepared: Prepared, out: Path, index: RecordIndex,
                   overwrite: frozenset[str] = frozenset()) -> ImportResult:
    result = ImportResult(prepared.source, error=prepared.error, format_label=prepared.format_label)
    for draft in prepared.drafts:
        result.indicator_rows.append(len(draft.fields.get("indicators") or []))
        result.records.append(write_record(draft, out, index, prepared.name, overwrite))
    return result


def import_file(path: Path, out: Path = DEFAULT_OUT, index: RecordIndex | None = None,
                overwrite: frozenset[str] = frozenset()) -> ImportResult:
    """Read ``path`` and write its record(s) under ``out``; never raises for a bad document.

    Re-importing keeps what people changed in the record (:mod:`.merge`); ``overwrite`` names the
    fields where the document's value replaces theirs (``{"*"}``: every field)."""
    index = index if index is not None else RecordIndex(out)
    return write_prepared(prepare(path), out, index, overwrite)


def prepare_all(paths: list[Path], jobs: int | None = None):
    """Every file prepared, in the order given: in ``jobs`` processes for a batch (reading and
    recognising are independent per file; writing, which must see the records written before, is
    left to the caller, in order)."""
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or len(paths) < 4:
        yield from map(prepare, paths)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(prepare, paths, chunksize=4)


def import_files(paths: list[Path], out: Path = DEFAULT_OUT, overwrite: frozenset[str] = frozenset(),
                 jobs: int | None = None) -> list[ImportResult]:
    index = RecordIndex(out)
    return [write_prepared(prepared, out, index, overwrite) for prepared in prepare_all(expand(paths), jobs)]


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the supported files inside it, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES | set(UNSUPPORTED)))
        else:
            files.append(path)
    return files


def run_import(paths: list[Path], out: Path = DEFAULT_OUT, overwrite: frozenset[str] = frozenset(),
               jobs: int | None = None) -> int:
    from .command import run

    return run(paths, out, overwrite, jobs)


__all__ = ["DEFAULT_OUT", "ImportResult", "Prepared", "RecordIndex", "import_file", "import_files", "prepare", "prepare_all",
           "read_document", "run_import", "write_prepared"]
