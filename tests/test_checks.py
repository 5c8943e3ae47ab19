"""One small record per rule: each check fires on the defect it names, at the right field, and stays
quiet on the consistent record it starts from."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.collection import check_all
from jixiao.core.record import load_text
from jixiao.core.rules import RULES
from jixiao.core.schemes import load_schemes

SCHEMES = load_schemes()

# A consistent record under suzhou-2024: every identity holds, every row is met and scored.
GOOD = """---
id: good-2024
title: 测试项目
year: 2024
kind: self
department: 测试局
region: [江苏省, 苏州市]
scheme: suzhou-2024
unit: 万元
budget:
  initial: 100
  adjustment: -10
  appropriated: 90
  unallocated: 0
  executed: 88
  balance: 2
  carried_forward: 1
  recovered: 1
funding:
  - {source: 合计, total: true, amount: 90}
  - {source: 本年财政拨款, amount: 80}
  - {source: 上年结转, amount: 10}
subprojects:
  - {name: 合计, total: true, budget: 90, spent: 88}
  - {name: 甲, budget: 60, spent: 59}
  - {name: 乙, budget: 30, spent: 29}
indicators:
  - {category: 过程目标, name: 预算执行率, target: "=100%", weight: 10, actual: "97.78%", score: 8.89, note: 结余 2 万元}
  - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
  - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
categories: {过程目标: 10, 产出目标: 45, 效益目标: 45}
declared: {total: 98.89, weight_total: 100}
---
正文
"""


def findings(text: str, path: str = "reports/2024/good-2024.md"):
    collection = check_all(Path("."), [load_text(text, path)], SCHEMES)
    return [f for f in collection.analyses[0].findings if f.severity.value != "info"]


def codes(text: str, **kwargs) -> dict[str, list]:
    result: dict[str, list] = {}
    for item in findings(text, **kwargs):
        result.setdefault(item.code, []).append(item)
    return result


def test_the_starting_record_is_clean():
    assert findings(GOOD) == []


CASES = [
    # (code, replace this, with that, field, words in the message)
    ("budget-identity", "unallocated: 0", "unallocated: 5", "budget.unallocated", "调整数 -10 − 财政拨款数 90 = 0"),
    ("balance-identity", "balance: 2\n  carried_forward: 1", "balance: 3\n  carried_forward: 1", "budget.balance", "90 − 实际支付数 88 = 2"),
    ("funding-sum", "{source: 合计, total: true, amount: 90}", "{source: 合计, total: true, amount: 0}", "funding[0].amount", "写的是 0"),
    ("subproject-sum", "{name: 乙, budget: 30, spent: 29}", "{name: 乙, budget: 30, spent: 19}", "subprojects[0].spent", "59 + 19 = 78"),
    ("subproject-budget-mismatch", "{name: 合计, total: true, budget: 90, spent: 88}", "{name: 合计, total: true, budget: 100, spent: 88}", "subprojects[0].budget", "100 + 调整数 -10 = 90"),
    ("subproject-overspend", "{name: 甲, budget: 60, spent: 59}", "{name: 甲, budget: 58, spent: 59}", "subprojects[1].spent", "59 超过预算 58"),
    ("unit-magnitude", "{name: 乙, budget: 30, spent: 29}", "{name: 乙, budget: 300000, spent: 290000}", "subprojects", "单位"),
    ("execution-rate-mismatch", 'actual: "97.78%"', 'actual: "99.50%"', "indicators[0].actual", "按金额计算为 97.78%"),
    ("missing-score", "actual: 健全, score: 45}", "actual: 健全}", "indicators[2].score", "没有得分"),
    ("missing-reason", 'actual: "120人次", score: 45}', 'actual: "80人次", score: 45}', "indicators[1].note", "未达目标"),
    ("score-exceeds-weight", "actual: 健全, score: 45}", "actual: 健全, score: 46}", "indicators[2].score", "超过权重 45"),
    ("indicator-score-mismatch", 'actual: "97.78%", score: 8.89', 'actual: "97.78%", score: 10', "indicators[0].score", "应为 8.89"),
    ("category-weight-mismatch", "产出目标: 45,", "产出目标: 40,", "categories.产出目标", "写 40 分"),
    ("weight-total-mismatch", "weight_total: 100", "weight_total: 80", "declared.weight_total", "80 分"),
    ("score-total-mismatch", "total: 98.89,", "total: 96,", "declared.total", "98.89"),
    ("unknown-scheme", "scheme: suzhou-2024", "scheme: jiangsu-2019", "scheme", "jiangsu-2019"),
]


# A consistent record on the national form: the 年度资金总额 row carries the budget line's 10 points.
NATIONAL = """---
id: good-2024
title: 测试项目
year: 2024
year_sources: {标题: 2024, 表头: 2024}
kind: self
department: 测试局
region: [四川省, 遂宁市, 大英县]
scheme: national-2020
unit: 万元
funding:
  - {source: 年度资金总额, total: true, initial: 50, full_year: 50, executed: 45, execution_rate: "90.00%", weight: 10, score: 9}
  - {source: 其中：当年财政拨款, initial: 50, full_year: 50, executed: 45, execution_rate: "90%"}
  - {source: 上年结转资金, initial: 0, full_year: 0, executed: 0}
indicators:
  - {category: 产出指标, subcategory: 数量指标, name: 培训人数, target: "≥100人", weight: 30, actual: "120人", score: 30}
  - {category: 产出指标, subcategory: 质量指标, name: 验收合格率, target: "=100%", weight: 20, actual: "100%", score: 20}
  - {category: 效益指标, subcategory: 社会效益指标, name: 预算调整率, target: "3%", weight: 30, actual: "2%", score: 30}
  - {category: 满意度指标, subcategory: 服务对象满意度指标, name: 群众满意度, target: "≥90%", weight: 10, actual: "95%", score: 10}
categories: {产出指标: 50, 效益指标: 30, 满意度指标: 10}
footnote_points: {产出指标: 50}
grade_bands: {优: 90分以上, 良: 80-89分}
declared: {total: 99, weight_total: 100, grade: 优}
---
正文
"""
TOTAL_ROW = 'executed: 45, execution_rate: "90.00%", weight: 10, score: 9}'

NATIONAL_CASES = [
    ("execution-over-budget", TOTAL_ROW, 'executed: 52, execution_rate: "104.00%", weight: 10, score: 10}',
     "funding[0].executed", "全年执行数 52 超过全年预算数 50（超出 2），执行率 104.00% 超过 100%"),
    ("execution-rate-mismatch", '"90.00%"', '"90.50%"', "funding[0].execution_rate", "全年执行数 45 ÷ 全年预算数 50 = 90.00%"),
    ("indicator-score-mismatch", "weight: 10, score: 9}", "weight: 10, score: 10}", "funding[0].score", "申报得分 10，按评分办法应为 9"),
    ("missing-score", "weight: 10, score: 9}", "weight: 10}", "funding[0].score", "分值 10，得分空白"),
    ("funding-points-repeated", 'execution_rate: "90%"}', 'execution_rate: "90%", weight: 10, score: 9}',
     "funding[1].weight", "重复了“年度资金总额”一行的分值 10、得分 9"),
    ("funding-amount-blank", "total: true, initial: 50, ", "total: true, ", "funding[0].initial", "年初预算数空白"),
    ("target-missed-full-score", 'actual: "120人"', 'actual: "90人"', "indicators[0].score", "目标值 ≥100人，实际完成值 90人，未达目标，却得满分 30"),
    ("actual-copies-target", 'actual: "95%"', 'actual: "≥90%"', "indicators[3].actual", "“≥90%”照抄了目标值"),
    ("score-without-actual", ', actual: "100%", score: 20', ", score: 20", "indicators[1].actual", "没有实际完成值（目标值 =100%），却得 20 分"),
    ("weighted-score-mismatch", 'actual: "95%", score: 10', 'actual: "95%", coefficient: 80%, score: 10', "indicators[3].score",
     "权重 10 × 得分系数 80% = 8"),
    ("control-rate-exceeded", '预算调整率, target: "3%", weight: 30, actual: "2%"',
     '人员控制率, explanation: 实际在职人数 50 ÷ 编制数 46, weight: 30, actual: "108.70%"',
     "indicators[2].actual", "108.70% 超过 100%（实际在职人数 50 ÷ 编制数 46）"),
    ("template-placeholder", "name: 培训人数,", "name: 培训人数(≥**人),", "indicators[0].name", "“培训人数(≥**人)”留有表样占位符 “**”"),
    ("year-conflict", "{标题: 2024, 表头: 2024}", "{标题: 2023, 表头: 2024}", "year_sources", "标题写 2023 年，表头写 2024 年"),
    ("footnote-points-mismatch", "footnote_points: {产出指标: 50}", "footnote_points: {产出指标: 40}", "footnote_points.产出指标",
     "表下说明写“产出指标”40 分，而类别标题“产出指标”印的是 50 分"),
    ("grade-bands-overlap", "良: 80-89分", "良: 80-90分", "grade_bands.良", "“优”（90分以上）与“良”（80-90分）都包含 90 分"),
    ("weight-total-mismatch", "weight_total: 100", "weight_total: 90", "declared.weight_total",
     "各指标权重 90 加上资金“年度资金总额”一行的分值 10，合计 100"),
]
GOOD_CASES = [
    ("subproject-spent-mismatch", "  executed: 88\n  balance: 2", "  executed: 87\n  balance: 3", "subprojects[0].spent",
     "支出明细合计 88，而实际支付数为 87"),
]


def test_the_national_record_is_clean():
    assert findings(NATIONAL) == []


# A department-wide report with its base-data table (湖南表样), every figure consistent.
HUNAN = NATIONAL.replace("declared:", """base_data:
  staff: {authorized: 46, actual: 44, year: 2024, control_rate: "95.65%"}
  columns: [2023年决算数, 2024年预算数, 2024年决算数]
  costs:
    - label: 三公经费
      values: [5, 4, 3.5]
      parts:
        - label: 1、公务用车购置和维护经费
          values: [3, 2.5, 2]
          of_which:
            - {label: 其中：公车购置, values: [0, 0, 0]}
            - {label: 公车运行维护, values: [3, 2.5, 2]}
        - {label: 2、出国经费, values: [0, 0, 0]}
        - {label: 3、公务接待, values: [2, 1.5, 1.5]}
    - label: 公用经费
      values: [118.31, 85.76, 193.42]
      of_which:
        - {label: 其中：办公经费, values: [29.35, 27.00, 49.09]}
        - {label: 水费、电费、差旅费, values: [8.80, 13.00, 12.64]}
    - {label: 部门基本支出预算调整, printed: "—178.27"}
  buildings:
    - {label: 2024年完工项目, approved_area: 1200, actual_area: 1180, area_control_rate: "98.33%", budget_investment: 480, actual_investment: 476, investment_control_rate: "99.17%"}
  thrift: 严控“三公”经费支出
declared:""")
HUNAN_CASES = [
    ("staff-over-quota", "actual: 44, year: 2024, control_rate: \"95.65%\"", "actual: 50, year: 2024, control_rate: \"108.70%\"",
     "base_data.staff", "2024 年实际在职人数 50 超过编制数 46（超编 4 人）：控制率 50 ÷ 46 = 108.70%"),
    ("base-rate-mismatch", "\"95.65%\"", "\"95.56%\"", "base_data.staff.control_rate",
     "控制率写的是 95.56%，而实际在职人数 44 ÷ 编制数 46 = 95.65%"),
    ("base-rate-mismatch", "area_control_rate: \"98.33%\"", "area_control_rate: \"99.33%\"",
     "base_data.buildings[0].area_control_rate", "规模控制率写的是 99.33%，而实际规模 1180 ÷ 批复规模 1200 = 98.33%"),
    ("base-parts-sum", "values: [5, 4, 3.5]", "values: [5, 4, 3.6]", "base_data.costs[0].values[2]",
     "“三公经费”（2024年决算数）写的是 3.6，而各分项 1、公务用车购置和维护经费 2 + 2、出国经费 0 + 3、公务接待 1.5 = 3.5"),
    ("base-parts-sum", "values: [29.35, 27.00, 49.09]", "values: [29.35, 80.00, 49.09]", "base_data.costs[1].values[1]",
     "“公用经费”（2024年预算数）写的是 85.76，而其中所列 其中：办公经费 80.00 + 水费、电费、差旅费 13.00 = 93.00，超过了本行"),
    ("base-parts-sum", "{label: 公车运行维护, values: [3, 2.5, 2]}", "{label: 公车运行维护, values: [3, 2.5, 2.2]}",
     "base_data.costs[0].parts[0].values[2]", "其中所列 其中：公车购置 0 + 公车运行维护 2.2 = 2.2，超过了本行"),
    ("building-over-approval", "actual_area: 1180, area_control_rate: \"98.33%\"", "actual_area: 1350, area_control_rate: \"112.50%\"",
     "base_data.buildings[0].actual_area", "“2024年完工项目”实际规模 1350 超过批复规模 1200（超出 150，超规模建设）"),
]


def test_the_hunan_record_is_clean():
    assert findings(HUNAN) == []


ALL_CASES = ([(GOOD, *case) for case in CASES + GOOD_CASES] + [(NATIONAL, *case) for case in NATIONAL_CASES]
             + [(HUNAN, *case) for case in HUNAN_CASES])


@pytest.mark.parametrize("base, code, old, new, field, words", ALL_CASES,
                         ids=[f"{case[1]}-{'national' if case[0] is NATIONAL else 'hunan' if case[0] is HUNAN else 'suzhou'}"
                              for case in ALL_CASES])
def test_each_rule_fires_on_its_defect(base, code, old, new, field, words):
    assert old in base, "the case must change something"
    found = codes(base.replace(old, new, 1))
    assert code in found, found
    item = next((item for item in found[code] if item.field == field), found[code][0])
    assert item.field == field
    assert words in item.message, item.message
    assert item.line and item.line > 1
    assert item.severity == RULES[code].severity


def test_printed_rates_are_read_to_their_decimals():
    """86.19% against 215457.6 ÷ 250000 = 86.183% is wrong; 93% for 92.56% is the same rate rounded."""
    putuo = NATIONAL.replace("unit: 万元", "unit: 元").replace(
        'initial: 50, full_year: 50, executed: 45, execution_rate: "90.00%", weight: 10, score: 9',
        'initial: 250000.00, full_year: 250000.00, executed: 215457.6, execution_rate: "86.19%", weight: 10, score: 8.62',
    ).replace('initial: 50, full_year: 50, executed: 45, execution_rate: "90%"', "initial: 250000.00, full_year: 250000.00, "
              "executed: 215457.6").replace("total: 99", "total: 98.62")
    found = codes(putuo)
    assert list(found) == ["execution-rate-mismatch"], found
    assert "写的是 86.19%" in found["execution-rate-mismatch"][0].message
    assert "= 86.18%" in found["execution-rate-mismatch"][0].message
    rounded = putuo.replace('"86.19%"', '"86%"')
    assert codes(rounded) == {}
    ningde = putuo.replace("executed: 215457.6", "executed: 231400").replace('"86.19%"', '"93%"')  # 92.56%
    assert "execution-rate-mismatch" not in codes(ningde)


def test_budget_line_score_accepts_the_printed_rate_or_the_money():
    """得分 = 执行率 × 10: 37.24 ÷ 43.2 = 86.2% gives 8.62, the printed 86% gives 8.6; a whole 9 is neither."""
    langfang = NATIONAL.replace(
        'initial: 50, full_year: 50, executed: 45, execution_rate: "90.00%", weight: 10, score: 9',
        'initial: 43.2, full_year: 43.2, executed: 37.24, execution_rate: "86%", weight: 10, score: 9',
    ).replace('initial: 50, full_year: 50, executed: 45, execution_rate: "90%"', "initial: 43.2, full_year: 43.2, executed: 37.24")
    found = codes(langfang)
    mismatch = found["indicator-score-mismatch"][0]
    assert mismatch.field == "funding[0].score" and "申报得分 9，按评分办法应为 8.62" in mismatch.message
    for score in ("8.62", "8.6"):
        assert "indicator-score-mismatch" not in codes(langfang.replace("weight: 10, score: 9", f"weight: 10, score: {score}"))
    from jixiao.core.report_json import computed_json

    analysis = check_all(Path("."), [load_text(langfang, "reports/2024/good-2024.md")], SCHEMES).analyses[0]
    data = computed_json(analysis.computed)
    assert data["budget_line"]["computed_score"] == 8.62 and data["budget_line"]["declared_score"] == 9
    assert data["weight_total"] == 100  # 90 of indicators and the budget line's 10


def test_a_sum_with_the_budget_line_says_so():
    found = codes(NATIONAL.replace("total: 99,", "total: 90,"))
    assert "各指标申报得分 90 加上资金“年度资金总额”一行的得分 9，合计 99" in found["score-total-mismatch"][0].message


def test_missed_targets_read_ceilings_and_deadlines():
    """≤5300元/户 missed by 5830; a bare 3% 预算调整率 is a ceiling; 9月前 is met in July."""
    row = '预算调整率, target: "3%", weight: 30, actual: "2%"'
    for name, target, actual, missed in (
        ("扶贫临时救助标准", "≤5300元/户", "5830元/户", True), ("扶贫临时救助标准", "≤5300元/户", "5000元/户", False),
        ("预算调整率", "3%", "4%", True), ("验收时间", "9月前", "7月", False), ("验收合格率", "=100%", "100", False),
        ("政府采购执行率", "100%", "72.74%", True), ("党性教育培训次数", "26次", "12次", True),
    ):
        text = NATIONAL.replace(row, f'{name}, target: "{target}", weight: 30, actual: "{actual}"')
        assert ("target-missed-full-score" in codes(text)) is missed, (target, actual)


def test_split_target_columns_are_read_as_one_value():
    """云南 公开14表: 指标性质 ≧ | 指标值 100 | 度量单位 % is the target ≧100%; a split ≦ stays a ceiling."""
    row = '预算调整率, target: "3%", weight: 30, actual: "2%", score: 30'
    yongde = NATIONAL.replace(row, '资金到位及时率, nature: ≧, target: "100", measure_unit: "%", weight: 30, actual: "100%", score: 21')
    mismatch = codes(yongde)["indicator-score-mismatch"][0]
    assert "目标值 ≧100%、实际完成值 100%，申报得分 21，按评分办法应为 30" in mismatch.message
    ceiling = NATIONAL.replace(row, '补助标准, nature: ≦, target: "5300", measure_unit: 元, weight: 30, actual: "5000", score: 30')
    assert codes(ceiling) == {}
    assert "target-missed-full-score" in codes(ceiling.replace('actual: "5000"', 'actual: "5830"'))


def test_year_sources_against_the_record():
    assert "原件标题写的是 2023 年" in codes(NATIONAL.replace("{标题: 2024, 表头: 2024}", "{标题: 2023}"))["year-conflict"][0].message
    undated = NATIONAL.replace("year: 2024\n", "").replace("kind: self", "kind: self\npublish: false").replace(
        "{标题: 2024, 表头: 2024}", "{标题: 2023, 表头: 2024}")
    assert "记录尚未确定项目年份" in codes(undated, path="reports/good-2024.md")["year-conflict"][0].message


def test_unit_doubtful_below_the_province():
    amounts = 'initial: 50, full_year: 50, executed: 45'
    ningde = NATIONAL.replace(amounts, "initial: 2537695, full_year: 2537695, executed: 2284000")
    found = codes(ningde)
    assert "2537695 万元即 253.77 亿元" in found["unit-doubtful"][0].message
    assert "unit-doubtful" not in codes(ningde.replace("region: [四川省, 遂宁市, 大英县]", "region: [四川省]"))


def test_unfilled_forms():
    blank_scores = NATIONAL
    for score in ("score: 30}", "score: 20}", "score: 10}"):
        blank_scores = blank_scores.replace(", " + score, "}")
    found = codes(blank_scores)
    assert "得分一栏却全部空白" in found["unfilled-template"][0].message
    assert "missing-score" not in {f.code for f in findings(blank_scores) if f.field.startswith("indicators")}
    no_figures = GOOD.split("indicators:")[0] + (
        "indicators:\n  - {category: 产出目标, name: 资助学生人数, target: 人}\n  - {category: 产出目标, name: 资助标准, target: 元/人}\n"
        "---\n正文\n")
    assert "没有任何数字" in codes(no_figures)["unfilled-template"][0].message
    placeholders = NATIONAL.replace('target: "3%", weight: 30, actual: "2%"', "target: 好坏, weight: 30, actual: 好坏").replace(
        "  - {category: 满意度指标", "  - {category: 满意度指标, name: 指标2：}\n  - {category: 满意度指标")
    everything = findings(placeholders)
    assert [f.field for f in everything if f.code == "template-placeholder"] == ["indicators[2].target", "indicators[2].actual"]
    collection = check_all(Path("."), [load_text(placeholders, "reports/2024/good-2024.md")], SCHEMES)
    empty = [f for f in collection.analyses[0].findings if f.code == "empty-template-row"]
    assert empty and empty[0].field == "indicators[3]" and empty[0].severity.value == "info"


def test_block_scored_form_missing_a_block():
    """湖北 20/80: no 分值 column, one score per 二级 block; the 社会效益 block has none."""
    hubei = GOOD.split("indicators:")[0] + """indicators:
  - {category: 产出指标, subcategory: 数量指标, name: 存储备份器, target: 25TB, actual: 25TB, score: 10}
  - {category: 产出指标, subcategory: 质量指标, name: 以最新资源面市, target: 当年为主, actual: 当年为主, score: 10}
  - {category: 效益指标, subcategory: 社会效益, name: 使读者更方便快捷查找检阅, target: 可扩展到省图, actual: 可扩展到省图}
  - {category: 效益指标, subcategory: 环境效益, name: 数字图书馆环境优良无污染, target: 良好, actual: 良好, score: 10}
---
正文
"""
    found = codes(hubei)
    assert [f.field for f in found["missing-score"]] == ["indicators[2].score"]
    assert "“社会效益”一栏" in found["missing-score"][0].message
    cut = hubei.replace("  - {category: 效益指标, subcategory: 环境效益, name: 数字图书馆环境优良无污染, target: 良好, actual: 良好, score: 10}\n",
                        "").replace("indicators:", "incomplete: 表格到“社会效益”一行截断\nindicators:")
    assert "missing-score" not in codes(cut)  # the block the text ends in may have lost its score


def test_weighted_criteria_add_their_weighted_scores():
    """资阳亚行贷款: 权重 % × 分值 (out of 100) = 加权得分; the weighted scores add up to 82.68."""
    ziyang = GOOD.split("indicators:")[0].replace("scheme: suzhou-2024", "scheme: national-2020") + """indicators:
  - {name: 相关性, weight: 20, score: 100.00, weighted_score: 20.00, rating: 高度相关}
  - {name: 效率, weight: 50, score: 77.39, weighted_score: 38.70, rating: 效率一般}
  - {name: 效果, weight: 20, score: 73.90, weighted_score: 14.78, rating: 比较满意}
  - {name: 可持续性, weight: 10, score: 92.00, weighted_score: 9.20, rating: 高度可持续}
declared: {total: 82.68, weight_total: 100, grade: 实施比较顺利}
---
正文
"""
    assert codes(ziyang) == {}
    found = codes(ziyang.replace("weighted_score: 38.70", "weighted_score: 38.00"))
    assert "权重 50% × 分值 77.39 = 38.7" in found["weighted-score-mismatch"][0].message


def test_an_incomplete_table_is_not_added_up():
    cut = NATIONAL.replace("  - {category: 满意度指标, subcategory: 服务对象满意度指标, name: 群众满意度, target: \"≥90%\", weight: 10, "
                           "actual: \"95%\", score: 10}\n", "  - {category: 满意度指标, name: 群众满意度, weight: 10}\n")
    assert {"score-total-mismatch", "missing-score"} <= set(codes(cut))
    marked = cut.replace("declared:", "incomplete: 指标表到“群众满意度”一行截断\ndeclared:")
    assert not {"score-total-mismatch", "weight-total-mismatch", "missing-score"} & set(codes(marked))


def test_grade_mismatch_honours_aliases():
    minhang = GOOD.replace("scheme: suzhou-2024", "scheme: minhang-2020").replace(
        "declared: {total: 98.89, weight_total: 100}", "declared: {total: 98.89, weight_total: 100, grade: 良}")
    assert "grade-mismatch" in codes(minhang)
    assert "grade-mismatch" not in codes(minhang.replace("grade: 良}", "grade: 优}"))  # 优 is 优秀


def test_cross_record_rules():
    other = GOOD.replace("title: 测试项目", "title: 另一个项目")
    collection = check_all(Path("."), [load_text(GOOD, "reports/2024/good-2024.md"),
                                       load_text(other, "reports/2023/elsewhere.md")], SCHEMES)
    first, second = ({f.code for f in a.findings} for a in collection.analyses)
    # Without git history the path decides who came first: reports/2023/… keeps the id.
    assert "duplicate-id" in first and "duplicate-id" not in second
    assert "path-mismatch" in second  # 2023 folder, year 2024, file name not the id
    same = check_all(Path("."), [load_text(GOOD, "reports/2024/good-2024.md"),
                                 load_text(GOOD.replace("id: good-2024", "id: copy-2024"), "reports/2024/copy-2024.md")],
                     SCHEMES)
    assert all("duplicate-report" in {f.code for f in a.findings} for a in same.analyses)


def test_silence_needs_a_known_code_and_marks_the_finding():
    silenced = GOOD.replace("weight_total: 100", "weight_total: 80").replace(
        "---\n正文", "silence:\n  - {code: weight-total-mismatch, reason: 原件如此}\n  - {code: no-such-code, reason: 试一下}\n---\n正文")
    collection = check_all(Path("."), [load_text(silenced, "reports/2024/good-2024.md")], SCHEMES)
    found = {f.code: f for f in collection.analyses[0].findings}
    assert found["weight-total-mismatch"].silenced == "原件如此"
    assert found["schema-error"].field == "silence[1].code"


def test_every_rule_is_documented_and_tested():
    tested = {case[1] for case in ALL_CASES} | {"grade-mismatch", "duplicate-id", "duplicate-report", "path-mismatch",
                                                 "unit-doubtful", "unfilled-template", "empty-template-row"}
    loading = {"parse-error", "schema-error", "utf8-bom"}  # tests/test_bad_input.py
    loading |= {"not-a-record"}  # tests/test_record_tree.py
    informational = {"not-checkable"}  # tests/test_cli.py (Minhang) and tests/test_scoring.py
    renamed = {"renamed-code"}  # tests/test_rules.py, which also re-enacts every rule's examples
    narrative = {"narrative-count-mismatch"}  # tests/test_narrative_counts.py
    assert set(RULES) == tested | loading | informational | renamed | narrative
    for rule in RULES.values():
        assert rule.rule and rule.why and rule.bad and rule.good and rule.fix


# Real forms print rows without a weight (其中 sub-rows, forms without a 分值 column) and forms
# without a category column (Chongqing lists 指标名称 only): shown as published, never a crash.
WEIGHTLESS = GOOD.replace(
    "categories: {过程目标",
    "  - {category: 产出目标, name: 其中：线上培训人次, target: \"≥50人次\", actual: \"60人次\"}\n"
    "  - {name: 群众满意度, mark: ★, core: true, nature: 定量, target: \"≥90\", measure_unit: \"%\","
    " actual: \"95\", coefficient: 100%, review_score: 5, rating: 满意}\n"
    "categories: {过程目标",
).replace(
    "unit: 万元",
    "unit: 亿元\nproject_code: \"51092322T000000436802\"\ndocument_number: 测财绩〔2024〕1号\nreport_number: CS-2024-01\n"
    "commissioned_by: 测试市财政局\nyear_sources: {标题: 2024, 表头: 2024}\nfootnote_points: {产出目标: 45}",
)


def test_rows_without_weight_or_category_are_shown_and_not_checked():
    from jixiao.site.presentation import view_of

    collection = check_all(Path("."), [load_text(WEIGHTLESS, "reports/2024/good-2024.md")], SCHEMES)
    analysis = collection.analyses[0]
    assert [f for f in analysis.findings if f.severity.value != "info"] == []
    sub_row, chongqing_row = analysis.computed.indicators[3:]
    assert not sub_row.checkable and "没有分值" in sub_row.reason
    assert not chongqing_row.checkable and chongqing_row.weight is None
    assert analysis.computed.weight_total == 100  # the weight-less rows add nothing
    assert [c.name for c in analysis.computed.categories] == ["过程目标", "产出目标", "效益目标"]
    view = view_of(analysis)
    labels = [label for _, label in view.indicator_columns]
    for label in ("标记", "核心指标", "指标性质", "度量单位", "得分系数", "复核分", "评价等级"):
        assert label in labels
    last = view.indicator_rows[-1].cells
    assert (last["core"].value, last["category"].value, last["weight"].value) == ("是", "", "")
    assert labels.index("自评分") == view.total_position
    report = analysis.report
    assert (report.project_code, report.year_sources, report.footnote_points) == (
        "51092322T000000436802", {"标题": 2024, "表头": 2024}, {"产出目标": 45})
    assert report.to_wan(Decimal("0.01")) == 100  # 0.01 亿元 is 100 万元
