"""A self-evaluation form whose PDF text layer came out in drawing order, not reading order:
figures printed before their labels, a row's 执行率 among the goals, the 总分 label apart from
its figures. The forms here are made up (the real ones are in ../shared/real-dev); each rule is
checked both where it must place a figure and where it must not guess."""

from __future__ import annotations

from pathlib import Path

from jixiao.importers import prepare

_FORM = (
    "财政项目支出绩效自评表 (2023 年度) 社区学校设备更新 项目名称 主管部门 上海市某区教育局 "
    "年初预算数 全年预算数 全年执行数 分值 执行率 得分 80000.00 80000.00 60,000 10 7.5 80000.00 80000.00 60000 — "
    "上年结转资金 0 0 — 其他资金 0 0 — 年度资金总额 项目资金 (元) 上海市某区社区学校 实施单位 其中:当年财政拨款 "
    "预期目标 年度 总体 目标 {rate} 实际完成情况 已完成设备更新。 一级指标 二级指标 三级指标 年度 指标值 实际 完成值 分值 得分 "
    "=100% 100% 40 40 >=95% 98% 50 50 100 97.5 产出指标 数量指标 设备更新完成率 质量指标 设备验收合格率 总分 -1-\n"
)


def _draft(tmp_path: Path, rate: str):
    source = tmp_path / "scrambled.txt"
    source.write_text(_FORM.format(rate=rate), encoding="utf-8")
    prepared = prepare(source)
    assert prepared.error is None, prepared.error
    [draft] = prepared.drafts
    return draft


def test_figures_printed_before_their_label_go_to_the_row_that_has_none(tmp_path):
    draft = _draft(tmp_path, "75.00%")
    total = draft.fields["funding"][0]
    assert total["source"] == "年度资金总额" and total["total"]
    assert (total["initial"], total["full_year"], total["executed"], total["weight"], total["score"]) == (
        "80000.00", "80000.00", "60000", "10", "7.5")
    assert any("与这一行的名称分开了" in note for note in draft.notes)
    # what no column of that row can hold (the next row's amounts) is noted, not dropped
    assert any("未能归位" in note and "60000" in note for note in draft.notes)


def test_a_rate_set_among_the_goals_is_placed_when_the_rows_arithmetic_confirms_it(tmp_path):
    draft = _draft(tmp_path, "75.00%")  # 60000 ÷ 80000 = 75%, and 75% × 10 = 7.5
    assert draft.fields["funding"][0]["execution_rate"] == "75.00%"
    assert any("离开了这一行" in note for note in draft.notes)


def test_a_stray_rate_the_arithmetic_does_not_confirm_stays_a_leftover(tmp_path):
    draft = _draft(tmp_path, "62.00%")
    assert "execution_rate" not in draft.fields["funding"][0]
    assert any("未能归位" in note and "62.00%" in note for note in draft.notes)


def test_the_total_label_apart_from_its_figures_still_gets_them(tmp_path):
    draft = _draft(tmp_path, "75.00%")
    assert draft.fields["declared"] == {"total": "97.5", "weight_total": "100"}
    assert [row["name"] for row in draft.fields["indicators"]] == ["设备更新完成率", "设备验收合格率"]


def test_a_year_cut_in_two_by_the_text_layer_is_read(tmp_path):
    draft = _draft(tmp_path, "75.00%")
    assert draft.fields["year"] == "2023"


def test_a_whole_project_from_a_file_cut_off_later_waits_for_a_reviewer(tmp_path):
    whole = _FORM.format(rate="75.00%")
    cut = whole[: whole.index("一级指标")]  # the second project stops before its indicator table
    source = tmp_path / "two.txt"
    source.write_text(whole + cut.replace("社区学校设备更新", "社区学校图书采购"), encoding="utf-8")
    first, second = prepare(source).drafts
    assert second.fields["incomplete"]
    assert first.fields["publish"] is False and "incomplete" not in first.fields  # its own table is whole: checked in full
    assert any("中途截断" in note and "社区学校图书采购" in note for note in first.notes)
