"""A large collection keeps each record in a file and reads it back when asked
(core/record_store.py): everything read from it is what the records held in memory give."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import corpus
from jixiao.core.collection import StoredAnalysis, load_collection
from jixiao.core.record_store import RecordStore
from jixiao.site.catalog import Catalog


def test_a_stored_value_comes_back_equal_and_shared_objects_as_themselves():
    scheme = object()
    store = RecordStore([scheme], kept=1)
    first = store.put(store.pack({"scheme": scheme, "rows": [1, 2, 3], "text": "预算执行率" * 50}))
    second = store.put(store.pack(("other", scheme)))
    value = store.get(first)
    assert value == {"scheme": scheme, "rows": [1, 2, 3], "text": "预算执行率" * 50}
    assert value["scheme"] is scheme
    assert store.get(first) is value, "the last one read is kept"
    assert store.get(second) == ("other", scheme)
    assert store.get(first) is not value, "only the last one (kept=1)"
    store.close()


def _views(collection) -> list:
    """What the steps after loading read of each analysis."""
    return [(a.path, a.ok, a.report, a.loaded.body, a.computed, [f.text() for f in a.findings],
             [(f.code, f.silenced, f.line) for f in a.findings]) for a in collection.analyses]


def test_records_kept_in_a_file_read_back_as_the_records_held(tmp_path: Path):
    corpus.write_corpus(240, tmp_path, seed=7)
    # A record of the same project twice, and one in the wrong year's folder: checks across records.
    copies = sorted((tmp_path / "reports").rglob("*.md"))
    twin = copies[0].read_text(encoding="utf-8").replace(f"id: {copies[0].stem}", "id: twin-of-first", 1)
    (copies[0].parent / "twin-of-first.md").write_text(twin, encoding="utf-8")
    (copies[1].parent.parent / "1999").mkdir()
    copies[1].rename(copies[1].parent.parent / "1999" / copies[1].name)

    held = load_collection(tmp_path / "reports", base=tmp_path, jobs=2)
    stored = load_collection(tmp_path / "reports", base=tmp_path, jobs=2, in_memory=10)
    assert held.store is None and stored.store is not None and stored.store.size > 0
    assert all(isinstance(a, StoredAnalysis) for a in stored.analyses if a.ok)
    assert _views(held) == _views(stored)
    assert held.summary() == stored.summary()
    codes = {f.code for a in stored.analyses for f in a.findings}
    assert {"duplicate-report", "path-mismatch"} <= codes, codes

    urls = {a.path: a.path.removesuffix(".md") + "/" for a in held.analyses if a.ok}
    one = Catalog([a for a in held.analyses if a.ok], urls)
    other = Catalog([a for a in stored.analyses if a.ok], urls)
    assert [e.model_dump() if hasattr(e, "model_dump") else vars(e) for e in one.entries] == \
           [e.model_dump() if hasattr(e, "model_dump") else vars(e) for e in other.entries]
    assert [(n.key, n.name, n.reports, len(n.uses)) for n in one.indicators] == \
           [(n.key, n.name, n.reports, len(n.uses)) for n in other.indicators]
    stored.store.close()


def test_a_stored_record_is_not_held_once_read_back(tmp_path: Path):
    corpus.write_corpus(20, tmp_path, seed=2)
    stored = load_collection(tmp_path / "reports", base=tmp_path, in_memory=0)
    read_back = [weakref.ref(a.report) for a in stored.analyses]  # the last few kept by the store
    gc.collect()
    held = sum(1 for report in read_back if report() is not None)
    assert len(read_back) == 20 and held <= stored.store.kept, held
    stored.store.close()


def test_a_temporary_folder_that_cannot_be_written_is_named_with_what_to_do(tmp_path: Path, monkeypatch, caplog):
    """A full or missing temporary folder: the build and `jixiao check` say which, and what to do."""
    import logging
    import tempfile

    import pytest
    from jixiao.core.record_store import RecordStoreError
    from mkdocs.exceptions import Abort
    from sitebuild import build_site, fixture_site

    corpus.write_corpus(3, tmp_path / "records", seed=2)
    missing = tmp_path / "no-such-folder"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    with pytest.raises(RecordStoreError) as raised:
        load_collection(tmp_path / "records" / "reports", base=tmp_path, in_memory=0)
    assert str(missing) in str(raised.value) and "TMPDIR" in str(raised.value)

    site = tmp_path / "site"
    site.mkdir()
    records = {file.relative_to(tmp_path / "records" / "reports").as_posix(): file.read_text(encoding="utf-8")
               for file in (tmp_path / "records" / "reports").rglob("*.md")}
    config = fixture_site(site, records, options={"records_in_memory": 1})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(config, site / "out")
    assert "TMPDIR" in caplog.text and str(missing) in caplog.text, caplog.text
