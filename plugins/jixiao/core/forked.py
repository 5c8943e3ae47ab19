"""Work on many items shared out to processes forked from this one, results back in order.

Reading and checking records is pure Python, so threads would not run it on two cores at once.
Forked processes start with everything this one holds, so what they are given is not copied:
only their results come back. Objects that existed before the fork (``shared``: the scoring
schemes every analysis points to) exist in every process, so they travel as references, not as
copies, and come back as the very same objects.

The items are taken a few at a time, from one counter, by whichever process is free (this one
too): records differ in size from year to year, and this one has the others' results to read as
well, so halves fixed in advance left one core idle for a tenth of the work.

Each result is pickled on its own, into a file, as soon as it is made, and dropped: a process
holds one result at a time, and this one never holds a pickle of more than one either.
(Pickled as one list through a pipe, a worker held its whole share and both pickle memos held
every object: at 10,000 records the build's peak grew by 200 MB.) Between its own chunks of
items this one unpickles the others' results written so far, while the others still work: read
only after they had all ended, the results of half of 10,000 records took it 3.6 s more, with
the other cores idle.

Short strings come back interned: read in one process, the records share one object for each
field name and each common value (万元, 产出指标, a scheme's id); unpickled, each record had its
own copies, and held a quarter more memory. For the same reason field-name sets and amounts come
back shared as record/compact.py shares them when a record is read.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import pickle
import signal
import struct
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import partial

from .record.compact import shared_amount, shared_field_set

# Below this many items a fork costs more than it saves.
SMALLEST_SHARE = 100
_HEADER = struct.Struct("<QQ")  # each pickle is preceded by its item's place and its length
_FAILED = 0xFFFFFFFFFFFFFFFF  # in place of an item's place: a traceback follows instead of results
_CHUNK = 32  # items taken at a time (at most): a few tenths of a second of work
_WAIT = 0.002  # seconds between looks at a file no new result has reached
_SHORT = 64  # strings up to this long come back interned (names, units, codes; not narratives)


class ForkedWorkError(RuntimeError):
    """A process given part of the work failed; the message holds its traceback."""


def fork_map(function: Callable, items: Sequence, jobs: int, shared: Iterable = (),
             smallest_share: int = SMALLEST_SHARE, keep: Callable = lambda result: result) -> list:
    """``[keep(function(item)) for item in items]``, ``function`` computed by up to ``jobs``
    processes, when there are at least ``smallest_share`` items for each, and ``keep`` here, on
    each result as it comes (not in the items' order): what this process holds of it
    (record_store.py keeps a record in a file)."""
    jobs = min(jobs, len(items) // smallest_share) if hasattr(os, "fork") else 1
    if jobs <= 1:
        return [keep(function(item)) for item in items]
    shared = list(shared)
    references = references_to(shared)
    referenced = Referenced(shared)  # for the results of every child: each string resolved once
    chunks = SharedChunks(len(items), max(1, min(_CHUNK, len(items) // (jobs * 8))))
    children: list[_Child] = []
    results: list = [_MISSING] * len(items)
    try:
        for _ in range(jobs - 1):
            spool = tempfile.TemporaryFile()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
                os._exit(_work(function, items, chunks, references, spool))
            children.append(_Child(pid, spool))
        # This process's results need no pickling; between its chunks, the others' so far.
        while not any(child.failed for child in children) and (chunk := chunks.take()) is not None:
            for index in chunk:
                results[index] = keep(function(items[index]))
            for child in children:
                child.read(results, referenced, keep)
        for child in children:
            child.read(results, referenced, keep, to_the_end=True)
    finally:
        for child in children:  # left early, by an error here: no child is left behind
            child.close()
    failures = [child.failure for child in children if child.failure]
    if not failures and any(result is _MISSING for result in results):
        failures = [f"进程 {child.pid} 未交回全部结果（退出码 {child.code}）" for child in children]
    if failures:
        raise ForkedWorkError("\n".join(failures))
    return results


_MISSING = object()  # a result not (yet) come back


class SharedChunks:
    """The places of ``count`` items, ``size`` at a time, to whichever process asks next:
    processes forked after it was made share its counter (the records here, the pages of a
    build in mkdocs/parallel.py)."""

    def __init__(self, count: int, size: int):
        self.count = count
        self.size = size
        self._taken = multiprocessing.Value("q", 0)

    def take(self) -> range | None:
        with self._taken.get_lock():
            start = self._taken.value
            self._taken.value = start + self.size
        return range(start, min(start + self.size, self.count)) if start < self.count else None


def _work(function: Callable, items: Sequence, chunks: SharedChunks, references: dict[int, int], spool) -> int:
    """In a child: each result pickled into ``spool`` as it is made. Its exit code."""
    try:
        while (chunk := chunks.take()) is not None:
            for index in chunk:
                data = dumps(function(items[index]), references)
                spool.write(_HEADER.pack(index, len(data)))
                spool.write(data)
                spool.flush()  # where the parent, reading as results come, sees it
        code = 0
    except BaseException:  # noqa: BLE001 - handed to the parent, which raises it
        spool.write(_HEADER.pack(_FAILED, 0))
        spool.write(traceback.format_exc().encode("utf-8"))
        code = 1
    spool.flush()
    return code


def references_to(shared: Iterable) -> dict[int, int]:
    """How :func:`dumps` names each of the ``shared`` objects: by its place in them."""
    return {id(obj): index for index, obj in enumerate(shared)}


def dumps(obj, references: dict[int, int]) -> bytes:
    """``obj`` pickled, the shared objects of ``references`` by reference (see :func:`_reference`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = partial(_reference, references)
    pickler.dump(obj)
    return buffer.getvalue()


def loads(data, shared: list | Referenced):
    """What :func:`dumps` pickled, read where ``shared`` are the same objects in the same order
    (or a :class:`Referenced` made of them, kept for many pickles)."""
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = (shared if isinstance(shared, Referenced) else Referenced(shared)).__getitem__
    return unpickler.load()


class Referenced(dict):
    """What each reference of :func:`dumps` stands for, by the reference: the unpickler looks
    up every short string of a record (about 1,600 of them) and every shared object, and a
    dictionary's lookup runs without a Python call. Each new reference is resolved once, by
    ``__missing__``; the shared objects are there from the start, by their place."""

    def __init__(self, shared):
        super().__init__(enumerate(shared))

    def __missing__(self, reference: str | tuple):
        if type(reference) is str:
            value = sys.intern(reference)
        elif reference[0] == "set":
            value = shared_field_set(reference[1:])
        else:
            value = shared_amount(Decimal(reference[1]))
        self[reference] = value
        return value


def _reference(references: dict[int, int], obj) -> int | str | tuple | None:
    """How ``obj`` travels by reference: a shared object by its place, a short string as itself,
    a set of names or an amount by what it holds."""
    kind = type(obj)
    if kind is str:
        return obj if len(obj) <= _SHORT else None
    if kind is frozenset:
        return ("set", *obj)
    if kind is Decimal:
        return ("amount", str(obj))
    return references.get(id(obj))


class _Child:
    """A child process at work and the file it writes its results to.

    Read at this process's own offsets (``os.pread``): the child writes through the same open
    file, whose position the two share."""

    def __init__(self, pid: int, spool):
        self.pid = pid
        self.spool = spool
        self.at = 0  # where its next result starts
        self.code: int | None = None  # its exit code, once it has ended and been reaped
        self.failure: str | None = None  # its traceback, or why its results cannot be read
        self.failed = False  # it has said it failed (its traceback may still be being written)

    def read(self, results: list, referenced: Referenced, keep: Callable, to_the_end: bool = False) -> None:
        """Each result written whole so far put in its place in ``results``, as ``keep`` keeps it;
        ``to_the_end``: and the rest, as they come, until the child has ended."""
        fd = self.spool.fileno()
        while self.failure is None:
            ended = self.code is not None  # what is in the file now is all there will be
            size = os.fstat(fd).st_size
            read_any = False
            while self.at + _HEADER.size <= size:
                index, length = _HEADER.unpack(os.pread(fd, _HEADER.size, self.at))
                if index == _FAILED:
                    self.failed = True  # no more work is given out: the whole will fail
                    if ended:  # the traceback is whole once the child has ended
                        self.failure = os.pread(fd, size - self.at - _HEADER.size, self.at + _HEADER.size).decode(
                            "utf-8", errors="replace")
                    break
                if self.at + _HEADER.size + length > size:
                    break  # being written
                results[index] = keep(loads(os.pread(fd, length, self.at + _HEADER.size), referenced))
                self.at += _HEADER.size + length
                read_any = True
            if ended:
                if self.failure is None and self.code != 0:
                    self.failure = f"进程 {self.pid} 异常结束（退出码 {self.code}）"
                return
            if not to_the_end:
                return
            if not read_any:
                done, status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    self.code = os.waitstatus_to_exitcode(status)
                else:
                    time.sleep(_WAIT)

    def close(self) -> None:
        """The file closed and the child ended: killed if it is still at work."""
        self.spool.close()
        if self.code is None:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
