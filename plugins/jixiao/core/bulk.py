"""Bulk work that allocates many long-lived objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector off while records are built.

    Loading 10,000 records allocates millions of objects that all stay alive; the collector,
    triggered by allocation counts, walked the growing heap again and again and took a third of
    the load time (29.5 s → 19.8 s with it off, same peak memory: the records hold no cycles
    that die young). Reference counting still frees everything as usual; the collector is
    restored, not forced to run, on the way out."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
