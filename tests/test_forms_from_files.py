"""An indicator table gives the same rows whether it came as text, Word, Excel or a web page.

The text reader rebuilds each real document's indicator table (../shared/real-dev); that table,
merged category cells included, is written here as .docx, .xlsx and .html, and each file is
imported: the form recogniser must read the same rows — names, targets, actuals, weights,
scores, categories — from every format as from the text. Nothing of the texts is copied into the
project: the files are made at test time.
"""

from __future__ import annotations

import pytest

from jixiao.importers import prepare
from jixiao.importers.document import Document
from jixiao.importers.forms import recognise
from jixiao.importers.readers.text import read_bytes
from readers_fixtures import realdev, writers
from readers_fixtures.realdev import Spec

REAL_DEV = realdev.REAL_DEV
pytestmark = pytest.mark.skipif(not REAL_DEV.is_dir(), reason="仓库旁没有 ../shared/real-dev（真实文档开发集），跳过")

FORMATS = ("docx", "xlsx", "html")
# documents whose indicator table the text reader rebuilds whole: several layouts and form families
DOCUMENTS = ("01", "02", "03", "04", "08", "09", "18", "22", "30", "32")
_KEYS = ("category", "subcategory", "name", "target", "actual", "weight", "score")


def _rows(drafts) -> list[tuple]:
    return [tuple(str(row.get(key, "")) for key in _KEYS) for draft in drafts for row in draft.fields.get("indicators") or []]


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    found = {}
    for number in DOCUMENTS:
        text = next(REAL_DEV.glob(f"{number}_*.txt"))
        document = read_bytes(text.read_bytes(), text.name)
        table = next(block for block in document.tables if hasattr(block, "rebuilt"))
        spec = Spec(f"{number}-indicators", "绩效指标", table.grid, list(table.merges))
        files = writers.write_all(spec, folder / number, FORMATS)
        # what the text gives for this table: the rows the files are held to
        found[number] = (_rows(recognise(Document(text.name, [table]))), files)
    return found


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("number", DOCUMENTS)
def test_indicator_rows_are_the_same_in_every_format(cases, number, kind):
    from_text, files = cases[number]
    prepared = prepare(files[kind])
    assert prepared.error is None, prepared.error
    assert from_text, f"{number}：文本中没有读出指标行"
    assert _rows(prepared.drafts) == from_text
