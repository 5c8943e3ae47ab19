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


class CollectionBetweenItems:
    """The cyclic collector run between items of work (pages) rather than inside them.

    Rendering a page allocates tens of thousands of objects that live only while it renders; the
    collector, triggered by allocation counts, walks them again and again while they are still
    alive (a tenth of a page's time). Once a page is written they are gone: a collection of the
    young generation there walks only what the page left behind (its cycles, about a hundred
    objects, and what it keeps); one of the middle generation every ``MIDDLE_EVERY`` items frees
    what was kept a while and then let go. What reaches the oldest generation and then dies
    (about ten objects a page) is freed by a whole collection after ``FIRST_WHOLE`` items, then
    after twice as many each time: its cost grows with what the pages keep, so a whole
    collection every so many pages would grow with the square of the pages. ``stop`` gives the
    collector back as it was."""

    MIDDLE_EVERY = 64
    FIRST_WHOLE = 1024

    def __init__(self) -> None:
        self._was_enabled = gc.isenabled()
        self._done = 0
        self._next_whole = self.FIRST_WHOLE
        gc.disable()

    def item_done(self) -> None:
        self._done += 1
        if self._done == self._next_whole:
            self._next_whole *= 2
            gc.collect()
        else:
            gc.collect(1 if self._done % self.MIDDLE_EVERY == 0 else 0)

    def stop(self) -> None:
        if self._was_enabled:
            gc.enable()
