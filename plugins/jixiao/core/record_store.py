"""Records kept in a file while a large collection is built, each read back when it is needed.

Why: a record read, scored and checked is about 46 KB of Python objects. At 100,000 reports they
are 4.7 GB at once, in the process that writes the pages, and again, page by page, in each
process forked from it as it touches them. Past a number of records (the plugin's
``records_in_memory``), what each record holds (its report, narrative and scores) is pickled
into one temporary file as it is read, and the collection keeps only what the steps across
records read of it (collection.StoredAnalysis). The steps that need a whole record, one at a
time, read it back: the catalog its entry and indicator rows, the page its report, the open
data its figures. Reading one back costs about half a millisecond; the last few are kept, since
the steps of one page ask for the same record several times.

The file is written before the page writers are forked and only read after: each process reads
it at its own offsets (``os.pread``), and keeps its own few recent records.
"""

from __future__ import annotations

import os
import tempfile
from collections import OrderedDict
from collections.abc import Iterable

from .forked import dumps, loads, references_to

KEPT = 4  # records read back and kept: one page's steps ask for the same one


class RecordStoreError(OSError):
    """The file the records are kept in could not be made or written: a full or unwritable
    temporary folder. The message says what to do."""

    def __init__(self, error: OSError):
        folder = tempfile.gettempdir()
        super().__init__(
            f"记录暂存文件（在临时目录 {folder}）无法写入：{error.strerror or error}。"
            f"记录超过 records_in_memory 份时，每份约 13 KB 暂存在那里；请为该目录腾出空间，"
            f"或用环境变量 TMPDIR 指向有空间的目录，或调高 records_in_memory（内存用量随之增加）"
        )


class RecordStore:
    def __init__(self, shared: Iterable = (), kept: int = KEPT):
        """``shared``: objects every record may point to (the scoring schemes), kept as
        references, not copies, and read back as the very same objects."""
        self.shared = [*shared, self]  # a record's handle on its store is a reference too
        self.references = references_to(self.shared)
        self.kept = kept
        try:
            self._file = tempfile.TemporaryFile(prefix="jixiao-records-")
        except OSError as error:
            raise RecordStoreError(error) from None
        self._end = 0
        self._recent: OrderedDict[int, object] = OrderedDict()

    def pack(self, value) -> bytes:
        """``value`` as :meth:`put` stores it (in any process forked after the store was made)."""
        return dumps(value, self.references)

    def put(self, data: bytes) -> tuple[int, int]:
        """Store what :meth:`pack` gave; where it is, for :meth:`get`."""
        at = self._end
        written = 0
        try:
            while written < len(data):
                written += os.pwrite(self._file.fileno(), memoryview(data)[written:], at + written)
        except OSError as error:
            raise RecordStoreError(error) from None
        self._end += len(data)
        return at, len(data)

    def get(self, place: tuple[int, int]):
        """The value stored at ``place``, read back (a new copy, unless one of the last few)."""
        at, size = place
        value = self._recent.get(at)
        if value is not None:
            self._recent.move_to_end(at)
            return value
        chunks, read = [], 0
        while read < size:
            chunk = os.pread(self._file.fileno(), size - read, at + read)
            if not chunk:
                raise OSError(f"记录暂存文件在 {at + read} 处提前结束")
            chunks.append(chunk)
            read += len(chunk)
        value = loads(b"".join(chunks), self.shared)
        self._recent[at] = value
        if len(self._recent) > self.kept:
            self._recent.popitem(last=False)
        return value

    @property
    def size(self) -> int:
        """Bytes stored."""
        return self._end

    def close(self) -> None:
        self._recent.clear()
        self._file.close()
