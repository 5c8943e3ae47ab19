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


# An OCR'd 部门整体 form of the Chongqing family (made up; the real one is 09 in ../shared/real-dev):
# the name cell runs on into the cells after it, and the blank 调整指标值 column left no trace.
_OCR_FORM = (
    "2021年度部门整体绩效自评表主管部门某区文化服务中心自评总分(分)95"
    "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
    "经费控制率%定量指标100%95%100%22否"
    "内控制度完善性性标定指高高100%33否"
    "宣传册印制数量册第O册300册100%1010否"
    "简报编发数量期到0期24期100%55是"
    "公文办理数量tot扁1200件1300件100%55否"
    "培训会议次数次12次15次100%55是\n"
)


def _ocr_rows(tmp_path: Path) -> dict[str, dict]:
    source = tmp_path / "ocr.txt"
    source.write_text(_OCR_FORM, encoding="utf-8")
    [draft] = prepare(source).drafts
    return {row["name"]: row for row in draft.fields["indicators"]}


def test_an_ocr_name_cell_gives_back_the_cells_it_ran_into(tmp_path):
    rows = _ocr_rows(tmp_path)
    assert set(rows) == {"经费控制率", "内控制度完善性", "宣传册印制数量", "简报编发数量", "公文办理数量", "培训会议次数"}
    # the garbled cells are kept as printed, each in its own column
    assert rows["内控制度完善性"]["nature"] == "性标定指"
    assert (rows["宣传册印制数量"]["measure_unit"], rows["宣传册印制数量"]["target"]) == ("册", "第O册")
    assert (rows["简报编发数量"]["target"], rows["简报编发数量"]["actual"]) == ("到0期", "24期")
    assert (rows["公文办理数量"]["measure_unit"], rows["公文办理数量"]["target"]) == ("tot扁", "1200件")
    assert (rows["培训会议次数"]["measure_unit"], rows["培训会议次数"]["target"]) == ("次", "12次")


def test_two_values_over_target_adjusted_and_actual_are_the_target_and_the_actual(tmp_path):
    row = _ocr_rows(tmp_path)["经费控制率"]
    assert (row["target"], row["actual"], row.get("adjusted_target")) == ("100%", "95%", None)
    assert (row["weight"], row["score"]) == ("2", "2")


def test_an_empty_unit_cell_stays_empty_instead_of_taking_the_next_label_or_the_form_title(tmp_path):
    # 主管部门 | (blank) | 财政处室 | (blank): the OCR lost both blanks; neither the next label nor
    # the form's title before it is the unit's name
    source = tmp_path / "blank.txt"
    source.write_text(_OCR_FORM.replace("主管部门某区文化服务中心", "部门整体绩效自评表主管部门财政处室"), encoding="utf-8")
    [draft] = prepare(source).drafts
    assert "department" not in draft.fields and "evaluator" not in draft.fields
    assert "财政处室" not in draft.fields["title"] and "自评表" not in draft.fields["title"]


def test_the_forms_numbered_unfilled_rows_are_no_indicators(tmp_path):
    source = tmp_path / "placeholders.txt"
    source.write_text(_FORM.format(second="500张", actual="无", reason="当年没有轮换、动用储备").replace(
        "效益指标社会效益指标", "时效指标指标1:指标2:效益指标经济效益指标指标1:社会效益指标"), encoding="utf-8")
    [draft] = prepare(source).drafts
    names = [row["name"] for row in draft.fields["indicators"]]
    assert not [name for name in names if "指标1" in name or "指标2" in name]
    assert "物资轮换补贴保障率" in names and "受灾群众满意度" in names
    assert all("指标2" not in str(value) for row in draft.fields["indicators"] for value in row.values())


def test_a_text_cut_off_inside_the_header_has_no_indicator_made_of_the_headers_last_words(tmp_path):
    source = tmp_path / "cut.txt"
    form = _FORM.format(second="500张", actual="无", reason="当年没有轮换、动用储备")
    source.write_text(form[: form.index("未完成原因和改进措施")] + "偏差原因分析 及改进", encoding="utf-8")
    [draft] = prepare(source).drafts
    assert draft.fields.get("indicators", []) == []
    assert draft.fields["publish"] is False  # cut off: a draft until someone completes it
