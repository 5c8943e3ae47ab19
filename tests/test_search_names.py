"""The header search's name lookup (site/search_names.py): each department and title with the
years of the index's parts that hold it, in 256 files the browser finds by the same hash."""

from __future__ import annotations

import json
from types import SimpleNamespace

from jixiao.site.search_names import SHARDS, name_years, shard_of, write_names


def entry(url, department, title):
    return SimpleNamespace(url=url, department=department, title=title)


ENTRIES = [
    entry("reports/2019/a/", "桐城市交通运输局", "2019年农村公路养护"),
    entry("reports/2021/b/", "桐城市交通运输局", "2021年  农村公路养护"),
    # A record in the wrong year folder is in its folder's part (search_parts.plan), so there.
    entry("reports/2020/c/", "未载明", "2021年农村公路养护"),
]


def test_names_are_found_in_the_years_of_their_pages():
    years = name_years(ENTRIES, "reports", "未载明")
    assert years["桐城市交通运输局"] == ["2019", "2021"]
    assert years["2021年 农村公路养护"] == ["2021"]  # spaces closed up, as the script does
    assert years["2021年农村公路养护"] == ["2020"]
    assert "未载明" not in years


def test_every_shard_is_written_and_holds_its_names(tmp_path):
    write_names(ENTRIES, tmp_path / "names", "reports", "未载明")
    files = sorted(tmp_path.joinpath("names").iterdir())
    assert len(files) == SHARDS
    shard = json.loads((tmp_path / "names" / f"{shard_of('桐城市交通运输局'):02x}.json").read_text(encoding="utf-8"))
    assert shard["桐城市交通运输局"] == ["2019", "2021"]


def test_the_hash_is_the_scripts():
    # FNV-1a over UTF-16 code units, as assets/jixiao/search.js computes it (values from Node).
    assert [shard_of(name) for name in ("桐城市交通运输局", "a", "𠀀测试")] == [244, 44, 37]
