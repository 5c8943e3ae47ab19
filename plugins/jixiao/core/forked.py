"""Work on many items shared out to processes forked from this one, results back in order.

Reading and checking records is pure Python, so threads would not run it on two cores at once.
Forked processes start with everything this one holds, so what they are given is not copied:
only their results come back. Objects that existed before the fork (``shared``: the scoring
schemes every analysis points to) exist in every process, so they travel as references, not as
copies, and come back as the very same objects.

Each result is pickled on its own, into a file, as soon as it is made, and dropped: a process
holds one result at a time, and this one never holds a pickle of more than one either.
(Pickled as one list through a pipe, a worker held its whole share and both pickle memos held
every object: at 10,000 records the build's peak grew by 200 MB.) Once its own share is done,
this one unpickles the others' results as they are written, while the others still work: read
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
_LENGTH = struct.Struct("<Q")  # each pickle is preceded by its length
_FAILED = 0xFFFFFFFFFFFFFFFF  # in place of a length: a traceback follows instead of results
_WAIT = 0.002  # seconds between looks at a file no new result has reached
_SHORT = 64  # strings up to this long come back interned (names, units, codes; not narratives)


class ForkedWorkError(RuntimeError):
    """A process given part of the work failed; the message holds its traceback."""


def fork_map(function: Callable, items: Sequence, jobs: int, shared: Iterable = (),
             smallest_share: int = SMALLEST_SHARE, keep: Callable = lambda result: result) -> list:
    """``[keep(function(item)) for item in items]``, ``function`` computed by up to ``jobs``
    processes, each given at least ``smallest_share`` items, and ``keep`` here, on each result
    as it comes: what this process holds of it (record_store.py keeps a record in a file)."""
    jobs = min(jobs, len(items) // smallest_share) if hasattr(os, "fork") else 1
    if jobs <= 1:
        return [keep(function(item)) for item in items]
    shared = list(shared)
    references = references_to(shared)
    referenced = Referenced(shared)  # for the results of every child: each string resolved once
    # Contiguous shares: this process takes the first, so its results need no pickling.
    size = -(-len(items) // jobs)
    shares = [items[start:start + size] for start in range(0, len(items), size)]
    children = []
    for share in shares[1:]:
        spool = tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
            os._exit(_work(function, share, references, spool))
        children.append((pid, spool))
    results = []
    failures = []
    pending = list(zip(children, shares[1:]))
    try:
        results.extend(keep(function(item)) for item in shares[0])
        while pending:
            (pid, spool), share = pending[0]
            with spool:
                received, failure, code = _receive(pid, spool, referenced, keep)
            pending.pop(0)
            if failure is None and (code != 0 or len(received) != len(share)):
                failure = f"进程 {pid} 未交回全部结果（退出码 {code}）"
            if failure is None:
                results.extend(received)
            else:
                failures.append(failure)
    finally:
        for (pid, spool), _ in pending:  # left early, by an error here: no child is left behind
            spool.close()
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    if failures:
        raise ForkedWorkError("\n".join(failures))
    return results


def _work(function: Callable, share: Sequence, references: dict[int, int], spool) -> int:
    """In a child: each result pickled into ``spool`` as it is made. Its exit code."""
    try:
        for item in share:
            data = dumps(function(item), references)
            spool.write(_LENGTH.pack(len(data)))
            spool.write(data)
            spool.flush()  # where the parent, reading as results come, sees it
        code = 0
    except BaseException:  # noqa: BLE001 - handed to the parent, which raises it
        spool.write(_LENGTH.pack(_FAILED))
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


def _receive(pid: int, spool, referenced: Referenced, keep: Callable) -> tuple[list, str | None, int]:
    """The results of child ``pid``, each as ``keep`` keeps it, read from ``spool`` as the child
    writes them; the child's traceback if it failed, and its exit code once it has ended.

    Read at this process's own offsets (``os.pread``): the child writes through the same open
    file, whose position the two share."""
    fd = spool.fileno()
    results: list = []
    at, code = 0, None
    while True:
        ended = code is not None  # what is in the file now is all there will be
        size = os.fstat(fd).st_size
        read_any = False
        while at + _LENGTH.size <= size:
            (length,) = _LENGTH.unpack(os.pread(fd, _LENGTH.size, at))
            if length == _FAILED:
                if not ended:
                    break  # the traceback is whole once the child has ended
                return results, os.pread(fd, size - at - _LENGTH.size, at + _LENGTH.size).decode("utf-8", errors="replace"), code
            if at + _LENGTH.size + length > size:
                break  # being written
            results.append(keep(loads(os.pread(fd, length, at + _LENGTH.size), referenced)))
            at += _LENGTH.size + length
            read_any = True
        if ended:
            return results, None, code
        if not read_any:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
            else:
                time.sleep(_WAIT)
