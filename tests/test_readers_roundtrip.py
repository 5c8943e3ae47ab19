"""The same table, whatever the file: six real forms written as .docx, .xlsx, .xls, .html, .pdf
and .doc read back into the same cells and merges.

The tables are rebuilt at test time from the pipe-row texts in ../shared/real-dev (see
``readers_fixtures/realdev.py``: category cells merged down their group, titles and values merged
across), written by ``readers_fixtures/writers.py`` and read by ``jixiao.importers.readers``.
``table.shape()`` compares rows, every cell's text (merged text at every position) and merges.
"""

from __future__ import annotations

import pytest

from jixiao.importers.readers import read_document
from readers_fixtures import realdev, writers

pytestmark = pytest.mark.skipif(not realdev.available(), reason="../shared/real-dev is not beside the repository")
FORMATS = ("docx", "xlsx", "xls", "html", "pdf", "ofd")
DOC_SAMPLE = ("02", "22", "27")  # LibreOffice takes about two seconds a file: three layouts suffice


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    specs = realdev.specs()
    formats = FORMATS if writers.pdf_printer() else tuple(kind for kind in FORMATS if kind != "pdf")
    files = {spec.name: writers.write_all(spec, folder / spec.name, formats) for spec in specs}
    return {spec.name: spec for spec in specs}, files


def _names():
    return realdev.PIPE_FILES


def test_the_fixtures_are_real_forms_with_merges(written):
    specs, _ = written
    assert len(specs) >= 6
    for spec in specs.values():
        assert len(spec.grid) >= 8 and spec.width >= 4
        assert any(m.right > m.left for m in spec.merges), spec.name  # merged across
    # categories merged down their group (24 starts mid-table, 27 is a metadata table)
    assert sum(any(m.bottom > m.top for m in spec.merges) for spec in specs.values()) >= 4
    assert any("\n" in cell for spec in specs.values() for row in spec.grid for cell in row)  # a wrapped header


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("name", _names())
def test_every_format_reads_back_the_same_table(written, name, kind):
    specs, files = written
    if kind not in files[name]:
        pytest.skip("no PDF printer here (WeasyPrint or Chromium)")
    document = read_document(files[name][kind])
    assert len(document.tables) == 1, document.blocks
    assert_same(document.tables[0], specs[name].table())


@pytest.mark.skipif(writers.soffice() is None, reason="LibreOffice (soffice) is not installed; scripts/test installs it")
def test_word_97_files_read_back_the_same_table(written, tmp_path):
    specs, files = written
    docs = writers.write_docs([files[name]["docx"] for name in DOC_SAMPLE], tmp_path)
    for name, path in zip(DOC_SAMPLE, docs):
        document = read_document(path)
        assert document.format_label == "Word 97-2003 文档"
        assert_same(document.tables[0], specs[name].table())


def test_the_pdf_keeps_the_title_outside_the_table(written):
    specs, files = written
    if "pdf" not in files["32"]:
        pytest.skip("no PDF printer here")
    document = read_document(files["32"]["pdf"])
    assert document.blocks[0].text == specs["32"].title


def assert_same(got, want) -> None:
    got_cells, got_merges = got.shape()
    want_cells, want_merges = want.shape()
    assert (len(got_cells), got.width) == (len(want_cells), want.width)
    for r, (row, expected) in enumerate(zip(got_cells, want_cells)):
        assert row == expected, f"row {r}"
    assert got_merges == want_merges
