"""Search (Pagefind): the index written after the build holds the report pages and hand-written
pages, never the index pages; filters, sorts and metadata come from the record; the record's names
are words of the index (the user dictionary); each edition has its own index. These read the
built bundle; tests/browser/test_search.py runs the queries in Chromium.

The bundle's files are gzip, a "pagefind_dcd" signature, then JSON (fragments) or CBOR (the
metadata and the word chunks); ``Bundle`` decodes the little of CBOR that Pagefind writes.
"""

from __future__ import annotations

import gzip
import json
from functools import cached_property
from pathlib import Path

import pytest
from test_editions import CANARIES, records

from jixiao.mkdocs.search import dictionary_tokens, text_tokens
from sitebuild import CONTENT, build_site, fixture_site

SIGNATURE = b"pagefind_dcd"
SEED_REPORTS = {
    "/reports/2024/suzhou-2024-dangjian/", "/reports/2018/suzhou-2018-shequ-weimin/",
    "/reports/2020/minhang-2020-zutuanshi/", "/reports/2023/hohhot-2023-shequ-dangzuzhi/",
    "/reports/2020/dongchuan-2020-tongyuan-shequ/",
}
NOT_INDEXED = ("/reports/", "/browse/", "/indicators/", "/quality/", "/dashboard/", "/rules/", "/format/",
               "/jiansuo/", "/404")


def _cbor(data: bytes, at: int = 0):
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        chunk = data[at:at + value]
        return (chunk.decode("utf-8") if major == 3 else chunk), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, at = _cbor(data, at)
            mapping[key], at = _cbor(data, at)
        return mapping, at
    if major == 7:
        return value, at
    raise ValueError(f"CBOR major type {major}")


def _unpack(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return data[len(SIGNATURE):]


def text_of(fragment: dict) -> str:
    """A page's indexed text as written: Pagefind marks the words it cut with U+200B."""
    return fragment["content"].replace("\u200b", "")


class Bundle:
    """The site's search index: the main bundle at pagefind/ and the parts merged into it in the
    browser (pagefind/parts/<year>/, jixiao/mkdocs/search_parts.py), read as one."""

    def __init__(self, site: Path):
        self.dir = site / "pagefind"
        self.dirs = [self.dir] + sorted(p for p in (self.dir / "parts").glob("*") if p.is_dir())

    @staticmethod
    def meta_of(folder: Path) -> list:
        (path,) = folder.glob("*.pf_meta")
        return _cbor(_unpack(path))[0]

    @cached_property
    def fragments(self) -> dict[str, dict]:
        """url -> the page's fragment (its text, filters and metadata)."""
        pages = {}
        for folder in self.dirs:
            for path in folder.glob("fragment/*.pf_fragment"):
                fragment = json.loads(_unpack(path))
                pages[fragment["url"]] = fragment
        return pages

    @cached_property
    def words(self) -> dict[str, set[str]]:
        """word -> the urls of the pages holding it (page numbers are stored as differences, and
        count within each bundle)."""
        found: dict[str, set[str]] = {}
        for folder in self.dirs:
            by_hash = {p.stem: json.loads(_unpack(p))["url"] for p in folder.glob("fragment/*.pf_fragment")}
            page_urls = [by_hash[page_hash] for page_hash, _words in self.meta_of(folder)[1]]
            for path in folder.glob("index/*.pf_index"):
                for entry in _cbor(_unpack(path))[0][0]:
                    number = 0
                    for posting in entry[1]:
                        number += posting[0]
                        found.setdefault(entry[0], set()).add(page_urls[number])
        return found

    @property
    def filter_names(self) -> set[str]:
        return {name for folder in self.dirs for name, _chunk in self.meta_of(folder)[3]}

    @property
    def sort_names(self) -> set[str]:
        return {name for folder in self.dirs for name, _order in self.meta_of(folder)[4]}

    def text(self) -> str:
        """Everything a browser could download from the bundle, decompressed."""
        parts = []
        for path in self.dir.rglob("*"):
            if path.suffix in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"):
                parts.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
        return "\n".join(parts)


@pytest.fixture(scope="module")
def bundle(seed_site) -> Bundle:
    return Bundle(seed_site)


def test_the_bundle_is_written_into_the_site(seed_site):
    folder = seed_site / "pagefind"
    for name in ("pagefind.js", "pagefind-entry.json", "pagefind-worker.js"):
        assert (folder / name).is_file(), name
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]  # one index, in the language the pages declare
    assert list(folder.glob("*.pf_meta")) and list(folder.glob("index/*.pf_index"))
    assert not (seed_site / "search" / "search_index.json").exists(), "Material's search plugin is still on"


def test_reports_and_hand_written_pages_are_indexed_index_pages_are_not(bundle):
    hand_written = {"/" if p.stem == "index" else f"/{p.stem}/" for p in CONTENT.glob("*.md")}
    assert set(bundle.fragments) == SEED_REPORTS | hand_written
    assert [u for u in bundle.fragments if u.startswith(NOT_INDEXED) and u not in SEED_REPORTS] == []


def test_data_files_are_not_indexed(bundle):
    assert all(not u.endswith((".json", ".csv", ".xml")) for u in bundle.fragments)


def test_report_filters_sorts_and_metadata_come_from_the_record(bundle):
    assert bundle.filter_names == {"year", "region", "department", "kind", "grade"}
    assert bundle.sort_names == {"year", "score"}
    suzhou = bundle.fragments["/reports/2024/suzhou-2024-dangjian/"]
    assert suzhou["filters"]["year"] == ["2024"]
    assert sorted(suzhou["filters"]["region"]) == ["江苏省", "江苏省 · 苏州市"]
    assert suzhou["filters"]["department"] == ["中国共产党苏州市委员会市级机关工作委员会"]
    assert suzhou["filters"]["grade"] == ["未评级"]
    meta = suzhou["meta"]
    assert meta["title"] == "党建系列活动"
    assert meta["year"] == "2024"
    assert meta["score"] == "81.94"
    assert meta["department"] == "中国共产党苏州市委员会市级机关工作委员会"
    minhang = bundle.fragments["/reports/2020/minhang-2020-zutuanshi/"]
    assert minhang["meta"]["title"] == "(党建办) 组团式服务联系群众专项"
    assert "上海市" in minhang["filters"]["region"]


def test_hand_written_pages_have_no_report_filters(bundle):
    about = bundle.fragments["/about/"]
    assert not about["filters"], about["filters"]


def test_tables_and_checks_are_not_searched_text(bundle):
    # Their labels and explanations stand on every report; the narrative is indexed, and the names
    # in the tables are the record's terms.
    suzhou = bundle.fragments["/reports/2024/suzhou-2024-dangjian/"]
    text = text_of(suzhou)
    assert "丽人健康行" in text
    for common in ("门户不改动单位申报的任何数字", "资金情况（万元）", "发现的问题"):
        assert common not in text, common
    terms = suzhou["meta"]["terms"].split()
    for name in ("在职党员", "廉洁文化", "党建", "苏州"):  # sub-projects, the title, the department
        assert name in terms, name
    assert "预算执行率" in text  # the indicators, as text


def test_dictionary_tokens_hold_every_piece_of_a_name():
    tokens = dictionary_tokens(["上海市闵行区民政局", "(党建办) 组团式服务联系群众专项", None, "预算执行率"]).split()
    for piece in ("上海市", "闵行", "行区", "闵行区", "民政局", "组团式", "团式", "预算执行", "执行率", "联系群众"):
        assert piece in tokens, piece
    assert all(2 <= len(token) <= 4 for token in tokens)  # single characters: text_tokens
    assert len(tokens) == len(set(tokens))
    assert "(党建办)" not in tokens and "党建办" in tokens  # punctuation is not part of a word


def test_text_tokens_are_the_characters_of_the_text():
    assert text_tokens("<p>宣传资料印制</p><td>印制费</td><a href='x'>link</a>").split() == list("宣传资料印制费")
    assert text_tokens("<p>印制</p>", ["闵行区", None], ["印章"]).split() == list("印制闵行区章")


def test_names_are_words_of_the_index(bundle):
    """The user dictionary: however a browser cuts a name of a record, each piece is a word of the
    index on that record's page."""
    minhang = "/reports/2020/minhang-2020-zutuanshi/"
    suzhou = "/reports/2024/suzhou-2024-dangjian/"
    for word in ("组团式", "组团", "团", "式", "闵行区", "闵", "行", "区", "古美路"):
        assert minhang in bundle.words.get(word, set()), word
    for word in ("预算", "执行", "率", "苏州", "市", "级", "机关", "工委", "印", "制"):
        assert suzhou in bundle.words.get(word, set()), word


# --- editions ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("search-editions")
    sites = {}
    for edition in ("public", "internal"):
        config = fixture_site(tmp / edition, records(), edition=edition, today="2026-11-21")
        sites[edition] = Bundle(build_site(config, tmp / edition / "site"))
    return sites


def test_internal_edition_has_its_own_index_with_unpublished_reports(editions):
    internal = set(editions["internal"].fragments)
    assert {"/reports/2024/open-report/", "/reports/2024/draft-report/", "/reports/2024/embargoed-report/"} <= internal
    draft = editions["internal"].fragments["/reports/2024/draft-report/"]
    assert draft["filters"]["status"] == ["未公开"]
    assert CANARIES["draft.narrative"] in text_of(draft)


def test_public_index_leaves_unpublished_reports_out(editions):
    public = editions["public"]
    assert "/reports/2024/open-report/" in public.fragments
    assert not {u for u in public.fragments if "draft" in u or "embargoed" in u}
    assert "status" not in public.filter_names
    text = public.text()
    leaks = [name for name, canary in CANARIES.items() if canary in text]
    assert leaks == []


# --- the same content, the same bytes ---------------------------------------------------------

def test_every_bundle_file_decodes_and_encodes_to_the_same_bytes(bundle):
    """jixiao.site.cbor reads and writes back what Pagefind wrote, byte for byte (stable_index.py
    rewrites the filters and the metadata with it)."""
    from jixiao.site import cbor

    files = [p for p in bundle.dir.rglob("*") if p.suffix in (".pf_index", ".pf_filter", ".pf_meta")]
    assert files
    for path in files:
        data = _unpack(path)
        assert cbor.encode(cbor.decode(data)) == data, path.name


def test_filters_and_sorts_are_written_in_a_stable_order(bundle):
    """Pagefind writes them in hash-map order, new every run; the plugin sorts them (the values of
    each filter, and the filters and sort orders by name) and names each file by its contents."""
    import hashlib

    assert len(bundle.dirs) > 1, "the reports are indexed in parts, merged in the browser"
    for folder in bundle.dirs:
        meta = bundle.meta_of(folder)
        filters, sorts = meta[3], meta[4]
        assert [name for name, _ in filters] == sorted(name for name, _ in filters)
        assert [name for name, _ in sorts] == sorted(name for name, _ in sorts)
        for name, chunk in filters:
            path = folder / "filter" / f"{chunk}.pf_filter"
            filter_name, values = _cbor(_unpack(path))[0]
            assert filter_name == name and [v for v, _ in values] == sorted(v for v, _ in values)
            assert chunk == "zh_" + hashlib.sha256(path.read_bytes()).hexdigest()[:7]
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert (folder / f"pagefind.{entry['languages']['zh']['hash']}.pf_meta").is_file()


def test_pagefind_runs_at_once_stay_within_the_memory_budget():
    import threading
    import time as clock

    from jixiao.mkdocs.search import _within_budget, pagefind_memory_mb
    from jixiao.mkdocs.search_parts import Part

    parts = [Part(name=f"p{i}", pages=[f"reports/x/{i}-{n}.html" for n in range(size)])
             for i, size in enumerate([1400, 200, 200, 900, 100, 1600])]
    running: list[Part] = []
    peaks: list[float] = []
    lock = threading.Lock()

    def index(part):
        with lock:
            running.append(part)
            peaks.append((sum(pagefind_memory_mb(p) for p in running), len(running)))
        clock.sleep(0.1)  # long enough for the next run to start beside it on a loaded machine
        with lock:
            running.remove(part)
        return part.name

    budget = 1000
    assert _within_budget(parts, 2, budget, index) == [part.name for part in parts]  # each result in its place
    assert pagefind_memory_mb(parts[-1]) > budget  # the 1,600-page part is above the budget: it ran, alone
    assert all(memory <= budget or at_once == 1 for memory, at_once in peaks)
    assert max(at_once for _, at_once in peaks) == 2  # and the small ones went two at a time
    assert _within_budget(parts, 1, None, index) == [part.name for part in parts]  # one at a time, no budget


def test_a_failed_pagefind_run_fails_the_indexing():
    from jixiao.mkdocs.search import _within_budget
    from jixiao.mkdocs.search_parts import Part

    def index(part):
        if part.name == "bad":
            raise RuntimeError("Pagefind 退出码 1")
        return part.name

    with pytest.raises(RuntimeError, match="退出码"):
        _within_budget([Part(name="good", pages=["a"]), Part(name="bad", pages=["b"])], 2, 1000, index)


# --- Pagefind kept running (jixiao/mkdocs/pagefind_service.py) --------------------------------

def _fake_pagefind(tmp_path: Path, script: str) -> Path:
    executable = tmp_path / "pagefind"
    executable.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    executable.chmod(0o755)
    return executable


def test_one_running_pagefind_indexes_part_after_part(tmp_path):
    from jixiao.mkdocs.pagefind_service import PagefindService
    from jixiao.mkdocs.search import LANGUAGE, pagefind_executable

    site = build_site(fixture_site(tmp_path, {}, copy_seeds=True), tmp_path / "site")
    service = PagefindService(pagefind_executable(), timeout=120)
    try:
        counts = [service.index_folder(site / "reports" / year, tmp_path / "parts" / year, LANGUAGE)
                  for year in ("2020", "2018", "2020")]
    finally:
        service.close()
    assert counts == [2, 1, 2]  # the pages marked for the index, each part on its own
    entry = json.loads((tmp_path / "parts" / "2018" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == 1


def test_a_pagefind_that_fails_or_hangs_is_reported_not_waited_for(tmp_path):
    from jixiao.mkdocs.pagefind_service import PagefindService, PagefindServiceError

    failing = PagefindService(_fake_pagefind(tmp_path, "echo 'no such flag: --service' >&2; exit 3"), timeout=30)
    with pytest.raises(PagefindServiceError, match="Pagefind 意外退出（退出码 3）：no such flag"):
        failing.index_folder(tmp_path, tmp_path / "out", "zh")
    failing.close()
    (tmp_path / "slow").mkdir()
    silent = PagefindService(_fake_pagefind(tmp_path / "slow", "sleep 30"), timeout=0.5)
    with pytest.raises(PagefindServiceError, match="没有应答"):
        silent.index_folder(tmp_path, tmp_path / "out", "zh")
    silent.close()



def test_the_main_index_is_made_beside_the_parts_not_before_them(tmp_path, monkeypatch):
    """The main bundle's files go beside the parts' folder, none into it, so its run goes side by
    side with a part's rather than hold both cores back first; every bundle is still made."""
    import threading
    import time as clock

    from jixiao.mkdocs import search

    site = build_site(fixture_site(tmp_path, {}, copy_seeds=True), tmp_path / "site")
    running: set[str] = set()
    beside: dict[str, set[str]] = {}
    lock = threading.Lock()
    real = search._index_part

    def index_part(site_dir, part, work, services):
        # A part counts as running for its whole call, the real index included; the first run
        # started is the shortest by far, so the next one starts while the second still runs
        # whatever the machine's speed (two runs ending together would leave the third alone).
        with lock:
            first = not beside
            running.add(part.name)
            beside.setdefault(part.name, set()).update(running - {part.name})
        try:
            indexed = real(site_dir, part, work, services)
            clock.sleep(0.1 if first else 1.5)
        finally:
            with lock:
                beside[part.name].update(running - {part.name})
                running.discard(part.name)
        return indexed

    monkeypatch.setattr(search, "_index_part", index_part)
    summary = search.build_index(site, jobs=2)
    assert summary.parts > 2 and set(beside) >= {"", "2018", "2020"}
    assert beside[""]  # the main index ran beside a part, beside
    parts = json.loads((site / "pagefind" / "jixiao-parts.json").read_text(encoding="utf-8"))["parts"]
    assert all((site / "pagefind" / part["path"] / "pagefind-entry.json").is_file() for part in parts)
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
