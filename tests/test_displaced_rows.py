"""Rows of an indicator table that a one-line rendering of a spreadsheet gave piecewise: the names
and targets of a few rows first, the rest of their figures after, one whole row after another
(readers/text/displaced.py). The form here is made up (the real one is 21 in ../shared/real-dev);
each rule is checked where it must pair rows and where the counts leave a choice and it must not."""

from __future__ import annotations

from pathlib import Path

from jixiao.importers import prepare

_HEAD = (
    "某县项目支出绩效自评表 (2022年度) 项目名称 乡村卫生室建设 主管部门 某县卫生健康局 实施单位 某县某镇卫生院 "
    "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 50 50 50 10 100% 10 "
    "年度 总体 目标 一级 指标 — 完成卫生室建设 完成卫生室建设 年度 实际 指标值 完成值 "
)
_ROWS = (
    "指标1:新建卫生室数 {t1} 指标2:培训村医人次 {t2} {t3} 二级指标 三级指标 指标4:巡诊次数 分值 得分 "
    "{t4} 12个 10 10 {a2} 5 5 {a3} 5 4 {a4} 5 4 "
    "指标5:签约户数 800户 760户 5 4.75 指标6:随访人次 {split} 指标7:体检人数 300人 300人 5 5 280人 250人 5 4.5 "
    "质量指标 指标1:卫生室验收合格率 100% 100% 10 10 总分 52.75\n"
)
_FIGURES = {"t1": "12个", "t2": "60人次", "t3": "不少于20次", "t4": "40次", "a2": "64人次", "a3": "24次", "a4": "30次",
            "split": "数"}


def _draft(tmp_path: Path, **changes):
    source = tmp_path / "form.txt"
    source.write_text(_HEAD + _ROWS.format(**{**_FIGURES, **changes}), encoding="utf-8")
    prepared = prepare(source)
    assert prepared.error is None, prepared.error
    [draft] = prepared.drafts
    return draft


def _rows(draft):
    return [(row["name"], row.get("target"), row.get("actual"), row.get("weight"), row.get("score"))
            for row in draft.fields["indicators"]]


def test_numbered_names_place_the_leading_parts_and_the_rows_between_lose_only_their_names(tmp_path):
    draft = _draft(tmp_path)
    rows = _rows(draft)
    assert rows[0] == ("指标1:新建卫生室数", "12个", "12个", "10", "10")
    assert rows[1] == ("指标2:培训村医人次", "60人次", "64人次", "5", "5")
    # 指标3 lost its name in the text: its figures are not given to another row, and are noted
    assert rows[2] == ("指标4:巡诊次数", "40次", "30次", "5", "4")
    assert any("没有指标名称" in note and "不少于20次" in note for note in draft.notes)
    assert any("按出现的先后一一配对" in note for note in draft.notes)


def test_two_names_before_two_whole_rows_are_paired_in_order_and_a_lone_last_character_joins_its_name(tmp_path):
    rows = _rows(_draft(tmp_path))
    assert ("指标6:随访人次数", "300人", "300人", "5", "5") in rows
    assert ("指标7:体检人数", "280人", "250人", "5", "4.5") in rows
    assert ("指标5:签约户数", "800户", "760户", "5", "4.75") in rows


def test_the_overall_goal_run_into_the_table_is_no_indicator_nor_a_category(tmp_path):
    draft = _draft(tmp_path)
    names = [row["name"] for row in draft.fields["indicators"]]
    assert "完成卫生室建设" not in names
    assert all(row.get("category") != "完成卫生室建设" for row in draft.fields["indicators"])
    assert any("年度总体目标" in note for note in draft.notes)


def test_rows_above_the_first_output_subcategory_are_output_indicators(tmp_path):
    draft = _draft(tmp_path)
    categories = {row.get("category") for row in draft.fields["indicators"]}
    assert categories == {"产出指标"}
    assert any("推定为产出" in note for note in draft.notes)


def test_when_the_numbers_leave_a_choice_nothing_is_paired(tmp_path):
    # one figure too many before four runs: which row has two is not known — no reading
    draft = _draft(tmp_path, t2="60人次 18次")
    rows = _rows(draft)
    assert ("指标2:培训村医人次", "60人次", "64人次", "5", "5") not in rows
    assert ("指标4:巡诊次数", "40次", "30次", "5", "4") not in rows
    # the block further down is still read by order
    assert ("指标7:体检人数", "280人", "250人", "5", "4.5") in rows
