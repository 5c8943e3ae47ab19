"""The cyclic collector around bulk work (core/bulk.py) and around the pages of a build."""

from __future__ import annotations

import gc
import weakref

from sitebuild import build_site, fixture_site

from jixiao.core.bulk import CollectionBetweenItems, collector_paused


class _Cycle:
    def __init__(self):
        self.me = self


def test_collection_between_items_frees_each_item_s_cycles_and_gives_the_collector_back():
    assert gc.isenabled()
    between = CollectionBetweenItems()
    try:
        assert not gc.isenabled()  # nothing collects inside an item
        for _ in range(2 * CollectionBetweenItems.MIDDLE_EVERY + 1):
            left = weakref.ref(_Cycle())  # an item's garbage that only the collector frees
            assert left() is not None
            between.item_done()
            assert left() is None
    finally:
        between.stop()
    assert gc.isenabled()


def test_what_dies_old_is_freed_by_whole_collections_further_and_further_apart(monkeypatch):
    monkeypatch.setattr(CollectionBetweenItems, "FIRST_WHOLE", 4)
    wholes = []
    real = gc.collect

    def counted(generation=2):
        if generation == 2:
            wholes.append(generation)
        return real(generation)

    monkeypatch.setattr(gc, "collect", counted)
    between = CollectionBetweenItems()
    try:
        old = _Cycle()
        left = weakref.ref(old)
        for _ in range(CollectionBetweenItems.MIDDLE_EVERY * 2):
            between.item_done()  # kept that long, it is in the oldest generation now
        del old
        for _ in range(CollectionBetweenItems.MIDDLE_EVERY * 2):
            between.item_done()
        assert left() is None
    finally:
        between.stop()
    assert len(wholes) == 7  # after 4, 8, 16, 32, 64, 128 and 256 items: not every so many


def test_a_collector_off_before_stays_off():
    with collector_paused():
        between = CollectionBetweenItems()
        between.item_done()
        between.stop()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_build_gives_the_collector_back(tmp_path):
    build_site(fixture_site(tmp_path, {}, copy_seeds=True), tmp_path / "site")
    assert gc.isenabled()
