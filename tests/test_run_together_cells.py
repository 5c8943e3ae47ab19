"""Cells of run-together text (a Word file's table flattened with nothing between its cells) that
only their words tell apart. The form here is made up, in the layout of a county 专项资金绩效目标
自评表 without score columns (the real one is 13 in ../shared/real-dev)."""

from __future__ import annotations

from pathlib import Path

from jixiao.importers import prepare

_FORM = (
    "2021年度县级专项资金绩效目标自评表专项资金名称县级应急物资储备县级主管部门某县应急管理局实施单位某县物资储备中心"
    "项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额120120100%"
    "年度总体目标年初设定目标全年实际完成情况保持应急物资储备规模储备规模达标"
    "绩效指标一级指标二级指标三级指标年度指标值全年完成值未完成原因和改进措施"
    "产出指标数量指标3000顶帐篷、{second}折叠床储备到位率100%100%应急物资台账完整率100%100%"
    "效益指标社会效益指标物资轮换补贴保障率100%{actual}{reason}"
    "满意度指标服务对象满意度指标受灾群众满意度≥90%95%\n"
)


def _rows(tmp_path: Path, second="500张", actual="无", reason="当年没有轮换、动用储备"):
    source = tmp_path / "form.txt"
    source.write_text(_FORM.format(second=second, actual=actual, reason=reason), encoding="utf-8")
    prepared = prepare(source)
    assert prepared.error is None, prepared.error
    [draft] = prepared.drafts
    return {row["name"]: row for row in draft.fields["indicators"]}


def test_a_name_that_ends_in_an_enumeration_comma_goes_on_past_the_figure_after_it(tmp_path):
    rows = _rows(tmp_path)
    row = rows["3000顶帐篷、500张折叠床储备到位率"]
    assert (row["target"], row["actual"]) == ("100%", "100%")


def test_a_value_with_its_reason_run_on_is_two_cells(tmp_path):
    row = _rows(tmp_path)["物资轮换补贴保障率"]
    assert (row["target"], row["actual"], row["note"]) == ("100%", "无", "当年没有轮换、动用储备")


def test_a_figure_with_its_unit_is_not_cut_from_it(tmp_path):
    row = _rows(tmp_path, actual="2000人次", reason="")["物资轮换补贴保障率"]
    assert row["actual"] == "2000人次" and "note" not in row


def _title(tmp_path: Path, title: str) -> tuple[str, str]:
    source = tmp_path / "title.txt"
    source.write_text(_FORM.format(second="500张", actual="无", reason="当年没有轮换、动用储备").replace(
        "专项资金名称县级应急物资储备县级主管部门", f"项目名称{title}项目主管部门"), encoding="utf-8")
    [draft] = prepare(source).drafts
    return draft.fields["title"], draft.fields["department"]


def test_a_title_keeps_the_project_word_the_label_after_it_could_also_begin_with(tmp_path):
    # 项目主管部门 and 主管部门 are both labels: 学生资助项目 | 主管部门, not 学生资助 | 项目主管部门
    assert _title(tmp_path, "某县学生资助") == ("某县学生资助项目", "某县应急管理局")
    # a title that already ends as titles do leaves the longer label whole
    assert _title(tmp_path, "某县应急物资储备资金") == ("某县应急物资储备资金", "某县应急管理局")


def test_a_unit_character_after_a_run_of_glued_figures_begins_the_next_name(tmp_path):
    # 21 | 10 | 1 | 10 glued, then 天然林保护面积: a score has no unit, the 天 is the next name's
    source = tmp_path / "glued.txt"
    source.write_text(
        "某区林业局2023年度部门整体绩效自评表主管部门某区林业局部门联系人张三联系电话12345678自评总分(分)90"
        "年初预算数全年(调整)预算数全年执行数执行率执行率权重执行率得分年度总金额100100100100%1010"
        "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
        "森林抚育面积万亩2110110天然林保护面积万亩250105010有害生物成灾率%0.4100.110\n", encoding="utf-8")
    [draft] = prepare(source).drafts
    rows = {row["name"]: row for row in draft.fields["indicators"]}
    assert (rows["森林抚育面积"]["target"], rows["森林抚育面积"]["actual"]) == ("21", "1")
    assert (rows["天然林保护面积"]["target"], rows["天然林保护面积"]["actual"]) == ("250", "50")


def test_only_a_word_that_ends_a_value_is_cut_from_the_reason_after_it():
    from jixiao.importers.tables.rows import _value_then_reason

    assert _value_then_reason("无没有轮换、动用库存") == ("无", "没有轮换、动用库存")
    assert _value_then_reason("100%因疫情影响延期") == ("100%", "因疫情影响延期")
    for whole in ("无法完成全部任务", "有效提升服务能力", "合格率达到百分之百", "完成全年任务", "2000人次参加培训"):
        assert _value_then_reason(whole) is None, whole
