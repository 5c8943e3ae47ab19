"""The 部门整体支出绩效评价基础数据表: read by its words from made-up texts in the layouts real ones come
in (one cell per paragraph; a PDF's text with each row's figures glued to its label), kept in the
record's ``base_data`` with Chinese messages when it does not fit, and — on the two real documents of
../shared/real-dev that carry it — read as a careful reader reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.importers import prepare
from jixiao.core.record import load_text

REAL_DEV = Path(__file__).resolve().parents[2] / "shared" / "real-dev"

SELF_EVALUATION = """附件二

2024年度部门整体支出绩效自评表

预算部门、单位名称

某县某镇人民政府

年度预算申请

(万元

年初预算数

全年预算数

全年执行数

分值

执行率

自评得分

年度资金总额

500.00

520.00

510.00

10

98.08%

9.8
"""


def paragraphs(*cells: str) -> str:
    """One cell per paragraph, blank lines between, as a web page's table comes out as text."""
    return "\n\n".join(cells) + "\n\n"


BASE_TABLE = paragraphs(
    "2024年度部门整体支出绩效评价基础数据表", "财政供养人员情况(人", "编制数", "2024 年实际在职人数", "控制率",
    "30", "33", "110.00%",
    "经费控制情况(万元", "2023 年决算数", "2024 年预算数", "2024 年决算数",
    "三公经费:", "6.50", "6.00", "5.20",
    "1、公务用车购置和维护经费", "4.00", "4.00", "3.20",
    "其中:公车购置", "0", "0", "0",
    "公车运行维护", "4.00", "4.00", "3.20",
    "2、出国经费", "0", "0", "0",
    "3、公务接待", "2.50", "2.00", "2.00",
    "项目支出:", "120.00", "150.00", "140.00",
    "1、业务工作经费", "……",
    "公用经费", "40.00", "42.00", "41.00",
    "其中:办公经费", "10.00", "12.00", "11.00",
    "会议费、培训费", "2.00", "2.00", "1.50",
    "政府采购金额",
    "楼堂馆所控制情况", "2024 年完工项目", "批复规模(㎡", "实际规(㎡)", "规模控制", "预算投资", "(万元", "实际投资",
    "(万元", "投资概算控制",
    "厉行节约保障措施", "严格执行公务接待标准",
    "说明:项目支出需要填报基本支出以外的所有项目支出情况。",
)


def draft_of(tmp_path: Path, text: str, name: str = "base.txt"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    [draft] = prepare(source).drafts
    return draft


def test_a_table_one_cell_per_paragraph_is_read_by_its_words(tmp_path):
    draft = draft_of(tmp_path, BASE_TABLE + SELF_EVALUATION)
    base = draft.fields["base_data"]
    assert base["staff"] == {"authorized": "30", "actual": "33", "year": "2024", "control_rate": "110.00%"}
    assert base["columns"] == ["2023年决算数", "2024年预算数", "2024年决算数"]
    three, project, public, procurement = base["costs"]
    assert three["label"] == "三公经费" and three["values"] == ["6.50", "6.00", "5.20"]
    assert [part["label"] for part in three["parts"]] == ["1、公务用车购置和维护经费", "2、出国经费", "3、公务接待"]
    vehicles = three["parts"][0]
    assert [row["label"] for row in vehicles["of_which"]] == ["其中:公车购置", "公车运行维护"]
    assert project["parts"] == [{"label": "1、业务工作经费"}]  # the form's row, left blank: kept, no figures
    assert [row["values"] for row in public["of_which"]] == [["10.00", "12.00", "11.00"], ["2.00", "2.00", "1.50"]]
    assert procurement == {"label": "政府采购金额"}
    assert "buildings" not in base  # the 楼堂馆所 block's template line, not filled in
    assert base["thrift"] == "严格执行公务接待标准"
    # the 自评表 after it is read as before, and nothing of the base table is left unplaced
    assert draft.fields["funding"][0]["full_year"] == "520.00" and draft.fields["unit"] == "万元"
    unplaced = "".join(note for note in draft.notes if "未能归位" in note)
    for word in ("编制数", "三公经费", "公车运行维护", "楼堂馆所", "厉行节约", "110.00%", "说明"):
        assert word not in unplaced, word


# A PDF's text layer: header words run together out of order, each row's figures glued to its label.
GLUED = """部门整体支出绩效评价基础数据表
2024年实际在职人
编制数控制率
财政供养人员情况数
604880.00%
经费控制情况2023年决算数2024年预算数2024年决算数
三公经费12.5610.0811.20
1、公务用车购置和维护经费000
其中:公车购置
公车运行维护
2、出国经费000
3、公务接待00
项目支出:88.50
1、业务工作经费
2、运行维护经费
公用经费56.7860.0058.12
部门基本支出预算调整—12.30
批复规模实际规模规模控制率预算投资(万元)实际投资投资概算控制率
楼堂馆所控制情况
(2024年完工项目)
000000
厉行节约保障措施严控会议费;压减差旅费
附件2
部门整体支出绩效自评表
(2024年度)
某县某局
部门名称
年初全年预算全年
分值执行率得分
预算数数执行数
年度资金总额300.00320.00310.00
"""


def test_glued_figures_are_split_only_where_one_cut_exists(tmp_path):
    draft = draft_of(tmp_path, GLUED)
    base = draft.fields["base_data"]
    # 60 | 48 | 80.00%: 48 ÷ 60 = 80.00%, and no other cut (nor 在职 before 编制) gives its own rate
    assert base["staff"] == {"authorized": "60", "actual": "48", "year": "2024", "control_rate": "80.00%"}
    three, project, public, adjustment = base["costs"]
    assert "values" not in three and three["printed"] == "12.5610.0811.20"  # 12.56 | 10.08 | 11.20, or 12.5 | 610.08 …
    assert three["parts"][0]["values"] == ["0", "0", "0"] and three["parts"][1]["values"] == ["0", "0", "0"]
    assert three["parts"][2] == {"label": "3、公务接待", "printed": "00"}  # two zeros for three columns: which is blank?
    assert "values" not in project and project["printed"] == "88.50"  # one figure for three columns
    assert public["printed"] == "56.7860.0058.12"
    assert adjustment == {"label": "部门基本支出预算调整", "printed": "—12.30"}  # a dash: a sign or a separator
    assert base["buildings"] == [{"label": "2024年完工项目", "approved_area": "0", "actual_area": "0",
                                  "area_control_rate": "0", "budget_investment": "0", "actual_investment": "0",
                                  "investment_control_rate": "0"}]
    assert base["thrift"] == "严控会议费;压减差旅费"
    assert draft.fields["unit"] == "万元"  # printed in the table (预算投资(万元)); the 自评表 shows none
    notes = "\n".join(draft.notes)
    assert "“604880.00%”读作编制数 60、实际在职人数 48、控制率 80.00%" in notes
    assert "“三公经费”12.5610.0811.20" in notes and "未写入金额" in notes


def test_a_staff_run_no_reading_explains_is_not_written(tmp_path):
    draft = draft_of(tmp_path, GLUED.replace("604880.00%", "604881.00%"))
    assert "staff" not in draft.fields["base_data"]
    assert any("“604881.00%”，无法确定编制数、实际在职人数和控制率" in note for note in draft.notes)


def test_money_in_another_unit_than_the_self_evaluation_is_kept_as_printed(tmp_path):
    text = BASE_TABLE.replace("经费控制情况(万元", "经费控制情况(元") + SELF_EVALUATION
    draft = draft_of(tmp_path, text)
    three = draft.fields["base_data"]["costs"][0]
    assert "values" not in three and three["printed"] == "6.50 6.00 5.20"
    assert draft.fields["unit"] == "万元"
    assert any("基础数据表的金额单位是“元”，与自评表的“万元”不同" in note for note in draft.notes)


def test_a_document_without_the_table_gets_no_base_data(tmp_path):
    assert "base_data" not in draft_of(tmp_path, SELF_EVALUATION).fields


# --- the record format ---------------------------------------------------------------------------

RECORD = """---
id: test-2024
title: 某镇人民政府
year: 2024
kind: self
region: [湖南省, 衡阳市, 衡山县]
scheme: national-2020
unit: 万元
base_data:
  staff: {authorized: 46, actual: 50, year: 2024, control_rate: "108.70%"}
  columns: [2023年决算数, 2024年预算数, 2024年决算数]
  costs:
    - label: 三公经费
      values: [0, 0, 0]
    - {label: 部门基本支出预算调整, printed: "—178.27"}
---
正文
"""


def schema_errors(text: str) -> list:
    return [(f.field, f.message, f.hint) for f in load_text(text, "reports/2024/test-2024.md").findings
            if f.code == "schema-error"]


def test_a_base_data_record_loads_with_its_figures_as_decimals():
    loaded = load_text(RECORD, "reports/2024/test-2024.md")
    assert loaded.ok, loaded.findings
    staff = loaded.report.base_data.staff
    assert (str(staff.authorized), str(staff.actual), staff.control_rate) == ("46", "50", "108.70%")
    assert loaded.report.base_data.costs[1].printed == "—178.27"


@pytest.mark.parametrize("change, field, words", [
    ("actual: 50,", "base_data.staff.actual", "人数应为整数，这里写的是 50.5"),
    ("values: [0, 0, 0]", "base_data.costs[0].values", "“三公经费”一行有 4 栏金额，而经费栏目（columns）只列了 3 栏"),
    ("unit: 万元\n", "unit", "记录写了金额，就要写金额单位"),
    ("staff: {", "base_data.staff.authorised", "未知字段“authorised”"),
])
def test_a_base_data_record_that_does_not_fit_says_where_in_chinese(change, field, words):
    replacement = {
        "actual: 50,": "actual: 50.5,",
        "values: [0, 0, 0]": "values: [0, 0, 0, 0]",
        "unit: 万元\n": "",
        "staff: {": "staff: {authorised: 46, ",
    }[change]
    errors = schema_errors(RECORD.replace(change, replacement, 1))
    assert any(found == field and words in message for found, message, _ in errors), errors
    assert all(hint for _, _, hint in errors)


def test_nesting_deeper_than_the_form_is_an_error_at_the_row():
    deep = RECORD.replace("      values: [0, 0, 0]\n", """      values: [0, 0, 0]
      parts:
        - label: 甲
          parts:
            - label: 乙
              parts:
                - {label: 丙, values: [0, 0, 0]}
""", 1)
    errors = schema_errors(deep)
    assert [field for field, _, _ in errors] == ["base_data.costs[0].parts[0].parts[0].parts[0]"], errors
    assert "第 4 层" in errors[0][1]


def test_the_format_pages_example_loads_and_raises_the_finding_it_is_about():
    import html
    import re

    from jixiao.core.collection import check_all
    from jixiao.core.schemes import load_schemes

    page = (Path(__file__).resolve().parents[1] / "theme" / "jixiao" / "format.html").read_text(encoding="utf-8")
    example = html.unescape(re.search(r"<pre><code>(base_data:.*?)</code></pre>", page, re.S).group(1))
    text = RECORD.split("base_data:", 1)[0] + example + "\n---\n正文\n"
    loaded = load_text(text, "reports/2024/test-2024.md")
    assert loaded.ok, loaded.findings
    codes = {f.code for f in check_all(Path("."), [loaded], load_schemes()).analyses[0].findings}
    assert "staff-over-quota" in codes and "base-parts-sum" not in codes


# --- the two real documents that carry the table ---------------------------------------------------


def real_draft(tmp_path: Path, number: str):
    if not REAL_DEV.is_dir():
        pytest.skip("仓库旁没有 ../shared/real-dev（真实文档开发集），跳过")
    path = next(REAL_DEV.glob(f"{number}_*.txt"))
    return draft_of(tmp_path, path.read_text(encoding="utf-8").split("\n----\n", 1)[1], path.name)


def test_hengshan_guantang_2023_over_its_establishment(tmp_path):
    base = real_draft(tmp_path, "12").fields["base_data"]
    assert base["staff"] == {"authorized": "46", "actual": "50", "year": "2023", "control_rate": "108.70%"}
    labels = {row["label"]: row.get("values") for row in base["costs"]}
    assert labels["项目支出"] == ["874.20", "308.17", "1025.20"] and labels["公用经费"] == ["118.31", "85.76", "193.42"]


def test_xintian_2021_glued_staff_line_and_nothing_guessed(tmp_path):
    base = real_draft(tmp_path, "29").fields["base_data"]
    assert base["staff"] == {"authorized": "87", "actual": "73", "year": "2021", "control_rate": "83.91%"}

    def figures(rows):
        for row in rows:
            yield row.get("values") or []
            yield from figures(row.get("parts", []))
            yield from figures(row.get("of_which", []))

    # the only figures written are the zeros of rows printed 000: every other run stays as printed
    assert {value for values in figures(base["costs"]) for value in values} == {"0"}
