"""Work on many items shared out to processes forked from this one, results back in order.

Reading and checking records is pure Python, so threads would not run it on two cores at once.
Forked processes start with everything this one holds, so what they are given is not copied:
only their results come back, pickled through a pipe while this process does its own share.
Objects that existed before the fork (``shared``: the scoring schemes every analysis points to)
exist in every process, so they travel as references, not as copies, and come back as the very
same objects.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable, Iterable, Sequence

# Below this many items a fork costs more than it saves.
SMALLEST_SHARE = 100


class ForkedWorkError(RuntimeError):
    """A process given part of the work failed; the message holds its traceback."""


def fork_map(function: Callable, items: Sequence, jobs: int, shared: Iterable = (),
             smallest_share: int = SMALLEST_SHARE) -> list:
    """``[function(item) for item in items]``, computed by up to ``jobs`` processes, each given
    at least ``smallest_share`` items."""
    jobs = min(jobs, len(items) // smallest_share) if hasattr(os, "fork") else 1
    if jobs <= 1:
        return [function(item) for item in items]
    shared = list(shared)
    references = {id(obj): index for index, obj in enumerate(shared)}
    # Contiguous shares: this process takes the first, so its results need no pipe.
    size = -(-len(items) // jobs)
    shares = [items[start:start + size] for start in range(0, len(items), size)]
    children = []
    for share in shares[1:]:
        readable, writable = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
            os.close(readable)
            code = 0
            with os.fdopen(writable, "wb") as pipe:
                pickler = pickle.Pickler(pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.persistent_id = lambda obj: references.get(id(obj))
                try:
                    results = [function(item) for item in share]
                    pickler.dump((True, results))
                except BaseException:  # noqa: BLE001 - handed to the parent, which raises it
                    pickler.dump((False, traceback.format_exc()))
                    code = 1
            os._exit(code)
        os.close(writable)
        children.append((pid, readable))
    results = [function(item) for item in shares[0]]
    failures = []
    for pid, readable in children:
        with os.fdopen(readable, "rb") as pipe:
            unpickler = pickle.Unpickler(pipe)
            unpickler.persistent_load = shared.__getitem__
            try:
                ok, value = unpickler.load()
            except (EOFError, pickle.UnpicklingError) as error:
                ok, value = False, f"进程 {pid} 未交回结果：{error}"
        os.waitpid(pid, 0)
        if ok:
            results.extend(value)
        else:
            failures.append(value)
    if failures:
        raise ForkedWorkError("\n".join(failures))
    return results
