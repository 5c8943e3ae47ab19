"""narrative-count-mismatch: a count the narrative writes against the things it then lists."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.core.checks.narrative_counts import _COUNT, _count_matches, counted_lists


def lists(text: str) -> list[tuple[str, int, int]]:
    return [(stated, count, len(items)) for _, stated, count, items in counted_lists(text)]


def test_a_count_and_its_list_are_compared():
    assert lists("直属事业单位10个，即甲中心、乙中心、丙中心。") == [("直属事业单位10个", 10, 3)]
    assert lists("下设股室三个：办公室、预算股和国库股。") == [("下设股室三个", 3, 3)]
    assert lists("共有项目十二个，分别为" + "、".join(f"第{n}号项目" for n in "一二三四五六七八九十") + "、甲项目和乙项目。") == [
        ("共有项目十二个", 12, 12)]


def test_a_list_that_says_it_is_not_complete_or_is_no_list_is_left_alone():
    assert lists("下设办公室、预算股、国库股等16个股室；直属单位2个。") == []
    assert lists("直属事业单位10个，其中参公单位3个、公益一类7个。") == []
    assert lists("全年开展培训5次，共培训干部320人次。") == []
    assert lists("完成项目3个，即：对全县道路进行了全面排查，发现问题12处，均已整改到位。") == []


# Counts, units, names, connectors and list marks, to draw narratives from.
PIECES = ["直属事业单位", "下设", "科室", "学校", "共有", "即", "分别为", "包括", "：", ":", "，", ",", "、", "和", "及",
          "与", "。", "；", ";", "\n", " ", "  ", "等", "其中", "一", "二", "两", "三", "十", "十二", "1", "12", "123",
          "１", "个", "家", "所", "名", "项", "类", "甲中心", "乙中心", "丙", "abc", "直属事业单位十二个",
          "全县各乡镇所属基层事业单位", "所属全部二级预算单位共计"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@example("科室3个：甲中心、乙中心。")  # the shortest name and count
@example("，全县各乡镇所属的基层事业单位共计三十二个：甲、乙。")  # the longest name and count
def test_the_counts_are_found_where_scanning_every_character_finds_them(text):
    # _count_matches tries the pattern only just before a count and its unit.
    def spans(matches):
        return [(m.start(), m.end(), m.groupdict()) for m in matches]

    assert spans(_count_matches(text)) == spans(_COUNT.finditer(text))
