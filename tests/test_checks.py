"""One small record per rule: each check fires on the defect it names, at the right field, and stays
quiet on the consistent record it starts from."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.collection import check_all
from jixiao.record import load_text
from jixiao.rules import RULES
from jixiao.schemes import load_schemes

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


@pytest.mark.parametrize("code, old, new, field, words", CASES, ids=[case[0] for case in CASES])
def test_each_rule_fires_on_its_defect(code, old, new, field, words):
    assert old in GOOD, "the case must change something"
    found = codes(GOOD.replace(old, new, 1))
    assert code in found, found
    item = found[code][0]
    assert item.field == field
    assert words in item.message
    assert item.line and item.line > 1
    assert item.severity == RULES[code].severity


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
    assert "duplicate-id" in first and "duplicate-id" in second
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
    tested = {case[0] for case in CASES} | {"grade-mismatch", "duplicate-id", "duplicate-report", "path-mismatch"}
    loading = {"parse-error", "schema-error", "utf8-bom"}  # tests/test_bad_input.py
    informational = {"not-checkable"}  # tests/test_cli.py (Minhang) and tests/test_scoring.py
    assert set(RULES) == tested | loading | informational
    for rule in RULES.values():
        assert rule.rule and rule.why and rule.example and rule.fix


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
    from jixiao.presentation import view_of

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
