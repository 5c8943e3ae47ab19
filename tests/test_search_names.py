"""The header search's name lookup (site/search_names.py): each department and title with the
index's parts that hold its reports, in 256 files the browser finds by the same hash."""

from __future__ import annotations

import json
from types import SimpleNamespace

from jixiao.site.search_names import SHARDS, name_parts, shard_of, write_names


def entry(url, department, title):
    return SimpleNamespace(url=url, department=department, title=title)


ENTRIES = [
    entry("reports/2019/a/", "桐城市交通运输局", "2019年农村公路养护"),
    entry("reports/2021/b/", "桐城市交通运输局", "2021年  农村公路养护"),
    entry("reports/2021/d/", "桐城市交通运输局", "2021年农村公路建设"),
    entry("reports/2020/c/", "未载明", "2021年农村公路养护"),
    entry("about/", "桐城市财政局", "不在任何部分"),
]
# As search_parts.plan cuts them: 2021 in two parts; a page of the main index has none.
PARTS = {"reports/2019/a/": "2019", "reports/2021/b/": "2021-1", "reports/2021/d/": "2021-2", "reports/2020/c/": "2020"}


def part_of(item):
    return PARTS.get(item.url)


def test_names_are_found_in_the_parts_of_their_pages():
    parts = name_parts(ENTRIES, part_of, "未载明")
    assert parts["桐城市交通运输局"] == ["2019", "2021-1", "2021-2"]
    assert parts["2021年 农村公路养护"] == ["2021-1"]  # spaces closed up, as the script does
    assert parts["2021年农村公路养护"] == ["2020"]
    assert "未载明" not in parts
    assert "桐城市财政局" not in parts, "the main index is always read: nothing to look up"


def test_every_shard_is_written_and_holds_its_names(tmp_path):
    write_names(ENTRIES, tmp_path / "names", part_of, "未载明")
    files = sorted(tmp_path.joinpath("names").iterdir())
    assert len(files) == SHARDS
    shard = json.loads((tmp_path / "names" / f"{shard_of('桐城市交通运输局'):02x}.json").read_text(encoding="utf-8"))
    assert shard["桐城市交通运输局"] == ["2019", "2021-1", "2021-2"]


def test_the_hash_is_the_scripts():
    # FNV-1a over UTF-16 code units, as assets/jixiao/search.js computes it (values from Node).
    assert [shard_of(name) for name in ("桐城市交通运输局", "a", "𠀀测试")] == [244, 44, 37]
