"""Work on many items shared out to processes forked from this one, results back in order.

Reading and checking records is pure Python, so threads would not run it on two cores at once.
Forked processes start with everything this one holds, so what they are given is not copied:
only their results come back. Objects that existed before the fork (``shared``: the scoring
schemes every analysis points to) exist in every process, so they travel as references, not as
copies, and come back as the very same objects.

Each result is pickled on its own, into a file, as soon as it is made, and dropped: a process
holds one result at a time, and this one, which unpickles them once its own share is done,
never holds a pickle of more than one either. (Pickled as one list through a pipe, a worker held
its whole share and both pickle memos held every object: at 10,000 records the build's peak
grew by 200 MB.)

Short strings come back interned: read in one process, the records share one object for each
field name and each common value (万元, 产出指标, a scheme's id); unpickled, each record had its
own copies, and held a quarter more memory. For the same reason field-name sets and amounts come
back shared as record/compact.py shares them when a record is read.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import partial

from .record.compact import shared_amount, shared_field_set

# Below this many items a fork costs more than it saves.
SMALLEST_SHARE = 100
_LENGTH = struct.Struct("<Q")  # each pickle is preceded by its length
_FAILED = 0xFFFFFFFFFFFFFFFF  # in place of a length: a traceback follows instead of results
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
    results = [keep(function(item)) for item in shares[0]]
    failures = []
    for (pid, spool), share in zip(children, shares[1:]):
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        with spool:
            spool.seek(0)
            received, failure = _read(spool, shared, keep)
        if failure is None and (code != 0 or len(received) != len(share)):
            failure = f"进程 {pid} 未交回全部结果（退出码 {code}）"
        if failure is None:
            results.extend(received)
        else:
            failures.append(failure)
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


def loads(data, shared: list):
    """What :func:`dumps` pickled, read where ``shared`` are the same objects in the same order."""
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = partial(_referenced, shared)
    return unpickler.load()


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


def _referenced(shared: list, reference: int | str | tuple):
    kind = type(reference)
    if kind is str:
        return sys.intern(reference)
    if kind is tuple:
        if reference[0] == "set":
            return shared_field_set(reference[1:])
        return shared_amount(Decimal(reference[1]))
    return shared[reference]


def _read(spool, shared: list, keep: Callable) -> tuple[list, str | None]:
    """The results in ``spool``, each as ``keep`` keeps it, and the child's traceback if it failed."""
    results = []
    while header := spool.read(_LENGTH.size):
        (length,) = _LENGTH.unpack(header)
        if length == _FAILED:
            return results, spool.read().decode("utf-8", errors="replace")
        results.append(keep(loads(spool.read(length), shared)))
    return results, None
