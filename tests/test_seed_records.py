"""The five seed reports as records: each loads cleanly and carries exactly the figures published.

The figures below were read from the seeds in /work/shared/seeds (and checked against the domain
primer). They are the unit's declared figures, published mistakes included: the records must never
"fix" them, so these tests pin them down.
"""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from jixiao.core.record import load_file

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "content" / "reports"

FILES = {
    "suzhou-2018-shequ-weimin": REPORTS / "2018" / "suzhou-2018-shequ-weimin.md",
    "hohhot-2023-shequ-dangzuzhi": REPORTS / "2023" / "hohhot-2023-shequ-dangzuzhi.md",
    "dongchuan-2020-tongyuan-shequ": REPORTS / "2020" / "dongchuan-2020-tongyuan-shequ.md",
    "suzhou-2024-dangjian": REPORTS / "2024" / "suzhou-2024-dangjian.md",
    "minhang-2020-zutuanshi": REPORTS / "2020" / "minhang-2020-zutuanshi.md",
}


def load(record_id):
    loaded = load_file(FILES[record_id])
    assert [f.text() for f in loaded.findings] == []
    assert loaded.report is not None
    return loaded


def headings(body: str, level: int) -> list[str]:
    marks = "#" * level
    return [m.group(1) for m in re.finditer(rf"^{marks} (.+)$", body, re.M)]


def weight_sum(report) -> D:
    return sum((row.weight for row in report.indicators), D(0))


def score_sum(report) -> D:
    return sum((row.score for row in report.indicators if row.score is not None), D(0))


def assert_budget(budget, **expected):
    """Every money field of the budget block: those named equal the Decimal given, the rest are absent."""
    for name in type(budget).model_fields:
        want = expected.pop(name, None)
        got = getattr(budget, name)
        if isinstance(want, str) and name.endswith("rate"):
            assert got == want, name
        elif want is None:
            assert got is None, name
        else:
            assert isinstance(got, D), name
            assert got == D(want), name
            assert str(got) == want, name  # kept as written, e.g. 16500000.00 not 1.65E+7
    assert not expected, f"unknown budget fields {expected}"


@pytest.mark.parametrize("record_id", sorted(FILES))
def test_loads_without_findings_and_id_is_file_stem(record_id):
    loaded = load(record_id)
    assert loaded.report.id == FILES[record_id].stem
    assert loaded.report.source is not None and loaded.report.source.file and loaded.report.source.note


@pytest.mark.parametrize(
    "record_id, rows, weights, scores",
    [
        ("suzhou-2018-shequ-weimin", 18, D("80"), D("80")),
        ("suzhou-2024-dangjian", 17, D("82"), D("81.94")),
        ("minhang-2020-zutuanshi", 13, D("100"), D("89")),
        ("hohhot-2023-shequ-dangzuzhi", 0, D("0"), D("0")),
        ("dongchuan-2020-tongyuan-shequ", 0, D("0"), D("0")),
    ],
)
def test_indicator_counts_and_sums(record_id, rows, weights, scores):
    report = load(record_id).report
    assert len(report.indicators) == rows
    assert weight_sum(report) == weights
    assert score_sum(report) == scores


# --- Suzhou 2018 (seed 000) ---


def test_suzhou_2018_identity_and_declared():
    r = load("suzhou-2018-shequ-weimin").report
    assert r.title == "姑苏区社区党组织为民服务项目"
    assert r.year == 2018 and r.kind == "self"
    assert r.form == "苏州市级财政支出项目绩效自评表"
    assert r.department == r.evaluator == "中共苏州市委组织部"
    assert r.region == ["江苏省", "苏州市", "姑苏区"]
    assert r.scheme == "suzhou-2018"
    assert r.unit == "万元"  # as the header says, though the figures are in 元
    assert r.declared.total == D("80") and r.declared.weight_total == D("80")
    assert r.declared.grade is None


def test_suzhou_2018_money_as_printed():
    r = load("suzhou-2018-shequ-weimin").report
    assert_budget(
        r.budget,
        initial="16500000.00",
        adjustment="0.00",
        appropriated="16400000.00",
        unallocated="100000.00",
        executed="16400000.00",
        balance="0.00",
        carried_forward="0.00",
        recovered="0.00",
    )
    # 指标结余数 = 年初预算数 + 调整数 − 财政拨款数 holds as printed
    assert r.budget.initial + r.budget.adjustment - r.budget.appropriated == r.budget.unallocated
    assert [(s.name, s.total, s.budget, s.spent) for s in r.subprojects] == [
        ("合计", True, None, D("1640")),
        ("社区党组织为民服务项目", False, None, D("1640")),
    ]
    # the published unit mistake is kept: the budget table is 10,000 times the sub-project table
    assert r.budget.executed / r.subprojects[0].spent == D("10000")
    assert "照录" in r.source.note


def test_suzhou_2018_indicators():
    r = load("suzhou-2018-shequ-weimin").report
    assert r.indicator_columns == ["category", "name", "target", "weight", "actual", "score"]
    assert r.categories == {"投入目标": D("24"), "产出目标": D("24"), "结果目标": D("26"), "影响力目标": D("6")}
    by_category: dict[str, D] = {}
    for row in r.indicators:
        by_category[row.category] = by_category.get(row.category, D(0)) + row.weight
        assert row.score == row.weight
    assert by_category == r.categories
    rows = {row.name: row for row in r.indicators}
    assert (rows["预算执行率"].target, rows["预算执行率"].weight, rows["预算执行率"].actual) == ("=100%", D("8"), "=100%")
    assert (rows["服务社区数目"].target, rows["服务社区数目"].actual) == ("=165个", "=165个")
    assert (rows["为民服务项目"].target, rows["为民服务项目"].actual) == ("=900个", "≥900个")
    assert (rows["服务对象满意度"].target, rows["服务对象满意度"].weight) == ("≥95%", D("13"))
    assert (rows["国家级媒体报道"].target, rows["国家级媒体报道"].actual) == ("=1篇", ">1篇")
    assert (rows["市级媒体报道"].target, rows["市级媒体报道"].actual) == ("=20篇", ">20篇")
    assert (rows["资金使用合规性"].target, rows["资金使用合规性"].actual) == ("合规", "好")


def test_suzhou_2018_sections():
    loaded = load("suzhou-2018-shequ-weimin")
    assert headings(loaded.body, 2) == [
        "项目概况",
        "项目总目标",
        "年度绩效目标",
        "项目实施情况",
        "项目管理成效",
        "项目管理存在的问题及原因",
        "进一步加强项目管理的建议",
    ]
    assert headings(loaded.body, 3) == ["（一）投入目标", "（二）产出目标", "（三）结果目标", "（四）影响力目标"]
    assert "市、区各承担的1640万元均配备到位" in loaded.body
    assert "5.省级媒体报答，目标值为5篇" in loaded.body  # the published typo stays


# --- Hohhot 2023 (seed 001) ---


def test_hohhot_2023_identity_and_declared():
    r = load("hohhot-2023-shequ-dangzuzhi").report
    assert r.title == "街道社区党组织建设项目"
    assert r.year == 2023 and r.kind == "finance"
    assert r.evaluator == "内蒙古腾冠管理咨询有限公司"
    assert r.department is None  # not stated in the document
    assert r.region == ["内蒙古自治区", "呼和浩特市"]
    assert r.scheme == "national-2020" and r.unit == "万元"
    assert r.declared.total == D("81.18") and r.declared.grade == "良"
    assert r.declared.weight_total is None
    assert r.indicators == [] and r.categories == {}


def test_hohhot_2023_money():
    r = load("hohhot-2023-shequ-dangzuzhi").report
    assert_budget(r.budget, execution_rate="53.65%")
    assert [(f.source, f.total, f.amount) for f in r.funding] == [
        ("合计", True, D("15780")),
        ("自治区财政", False, D("3510")),
        ("市财政", False, D("6240")),
        ("旗县区财政", False, D("6030")),
    ]
    total = r.funding[0].amount
    assert sum((f.amount for f in r.funding[1:]), D(0)) == total == D("15780")
    assert [f.details for f in r.funding] == [
        {},
        {"民生服务经费标准": "10 万元/社区", "办公经费标准": "--", "分配社区数量": "319", "备注": "场所建设奖补资金 320 万元"},
        {"民生服务经费标准": "10 万元/社区", "办公经费标准": "5 万元/社区", "分配社区数量": "402", "备注": "示范社区 210 万元"},
        {"民生服务经费标准": "10 万元/社区", "办公经费标准": "5 万元/社区", "分配社区数量": "402", "备注": "应配套社区数量"},
    ]
    assert r.headline_amount == D("15780")


def test_hohhot_2023_sections():
    loaded = load("hohhot-2023-shequ-dangzuzhi")
    body = loaded.body
    assert headings(body, 2) == [
        "一、基本情况",
        "二、绩效评价工作开展情况",
        "三、综合评价情况及评价结论",
        "四、主要经验及做法、存在的问题及原因分析",
        "五、有关建议",
    ]
    assert headings(body, 3)[:2] == ["（一）主要经验及做法", "（二）存在问题及原因分析"]
    assert len(headings(body, 3)) == 2 + 5  # plus the five numbered recommendations under 五
    assert len(headings(body, 4)) == 2 + 5  # numbered items under 四（一） and 四（二）
    assert "目 录" not in body
    assert "| 自治区财政 | 10 万元/社区 | -- | 319 | 场所建设奖补资金 320 万元 |" in body
    assert "经费标准及分配情况汇总表" in body
    assert "该项目绩效评价综合评分“81.18”，评级“良”。" in body
    assert "仅达到 53.65%" in body
    assert body.rstrip().endswith("内蒙古腾冠管理咨询有限公司")


# --- Kunming Dongchuan 2020 (seed 002) ---


def test_dongchuan_2020():
    loaded = load("dongchuan-2020-tongyuan-shequ")
    r = loaded.report
    assert r.title == "铜源社区治理创新试点项目"
    assert r.program == "城乡社区服务体系建设项目"
    assert r.year == 2020 and r.kind == "self"
    assert r.department == r.evaluator == "昆明市东川区民政局"
    assert r.implementer == "铜都街道铜源社区"
    assert r.region == ["云南省", "昆明市", "东川区"]
    assert r.scheme == "national-2020" and r.unit == "万元"
    assert r.budget is None
    assert [(f.source, f.total, f.amount) for f in r.funding] == [("2020年第一批省级福利彩票公益金", False, D("6"))]
    assert r.declared.total == D("100") and r.declared.grade == "优"
    assert r.indicators == []
    assert headings(loaded.body, 2) == [
        "城乡社区服务体系建设项目支出绩效评价报告",
        "铜源社区治理创新试点项目支出绩效评价报告",
        "绩效评价报告正文后需附以下佐证材料",
    ]
    h3 = headings(loaded.body, 3)
    assert h3 == [
        "一、项目概况：",
        "二、评价结论：",
        "三、经验、问题和建议",
        "一、项目基本情况",
        "二、绩效评价工作情况",
        "三、评价结论和绩效分析",
        "四、成本效益分析。",
        "五、主要经验及做法、存在的问题和建议",
    ]
    assert "自评得分:100分，评价等级为“优”" in loaded.body
    assert "2020年第一批省级福利彩票公益金6万元整" in loaded.body
    assert "5.①区政府相关规划、决策、批复" in loaded.body
    assert "bookmark" not in loaded.body


# --- Suzhou 2024 (seed 003, the exemplar) ---


def test_suzhou_2024():
    loaded = load("suzhou-2024-dangjian")
    r = loaded.report
    assert r.year == 2024 and r.unit == "万元" and r.scheme == "suzhou-2024"
    assert_budget(
        r.budget,
        initial="35.7",
        adjustment="-6.5",
        appropriated="29.2",
        unallocated="0",
        unallocated_recovered="0.04",
        executed="29.16",
        balance="0.04",
        carried_forward="0",
        recovered="0.04",
    )
    b = r.budget
    assert b.initial + b.adjustment - b.appropriated == b.unallocated == D(0)
    assert b.appropriated - b.executed == b.balance == b.carried_forward + b.recovered == D("0.04")
    assert [(s.name, s.total, s.budget, s.spent) for s in r.subprojects] == [
        ("合计", True, D("35.7"), D("29.16")),
        ("大院大所党建联建项目活动经费", False, D("20.05"), D("19.42")),
        ("市级机关群团组织系列活动", False, D("0.15"), D("0.21")),
        ("在职党员进社区", False, D("8.5"), D("5.24")),
        ("产业创新集群党委活动经费", False, D("4.8"), D("1.34")),
        ("廉洁文化建设系列活动", False, D("2.2"), D("2.95")),
    ]
    parts = r.subprojects[1:]
    assert sum((s.budget for s in parts), D(0)) == D("35.7")
    assert str(sum((s.spent for s in parts), D(0))) == "29.16"
    assert r.declared.total == D("81.94") and r.declared.weight_total == D("80") and r.declared.grade is None
    rate = {row.name: row for row in r.indicators}["预算执行率"]
    assert (rate.target, rate.weight, rate.actual, str(rate.score)) == ("=100%", D("8"), "99.86%", "7.94")
    assert headings(loaded.body, 2) == ["填表说明", "项目基本情况"]
    assert headings(loaded.body, 3) == [
        "项目概况",
        "项目总目标",
        "年度绩效目标",
        "项目实施情况",
        "项目管理成效",
        "项目管理存在的问题及原因",
        "进一步加强项目管理的建议",
    ]


# --- Shanghai Minhang 2020 (seed 004) ---


def test_minhang_2020_identity_money_declared():
    r = load("minhang-2020-zutuanshi").report
    assert r.title == "(党建办) 组团式服务联系群众专项"
    assert r.year == 2020 and r.kind == "self"
    assert r.form == "2020年度财政项目绩效自评价"
    assert r.department == r.evaluator == "上海市闵行区人民政府古美路街道办事处"
    assert r.implementer == "党建办"
    assert r.region == ["上海市", "闵行区", "古美路街道"]
    assert r.evaluated_on == "2021/7/16"
    assert r.scheme == "minhang-2020" and r.unit == "元"
    assert_budget(
        r.budget,
        full_year="242400.00",
        executed="242400.00",
        execution_rate="100.00%",
        previous_execution_rate="0.00",
    )
    assert r.declared.total == D("96.00") and str(r.declared.total) == "96.00"
    assert r.declared.grade == "优"
    assert r.declared.weight_total == D("100.00")
    # as published, the table does not add up: rows score 89, the form declares 96.00
    assert score_sum(r) == D("89") != r.declared.total


def test_minhang_2020_indicators():
    r = load("minhang-2020-zutuanshi").report
    assert r.indicator_columns == ["category", "name", "explanation", "weight", "rule", "score", "note"]
    assert r.categories == {"投入与管理": D("36"), "产出目标": D("34"), "效果目标": D("15"), "影响力目标": D("15")}
    expected = [
        ("投入与管理", "财务（资产）管理制度健全性和执行的有效性", "5", "5"),
        ("投入与管理", "项目设立的规范性", "5", "5"),
        ("投入与管理", "绩效目标合理性", "8", "8"),
        ("投入与管理", "预算执行率", "8", "8"),
        ("投入与管理", "资金使用的合规性", "6", "6"),
        ("投入与管理", "项目管理制度健全性和执行的有效性", "4", "2"),
        ("产出目标", "项目完成率", "10", "10"),
        ("产出目标", "项目完成合格率", "10", "10"),
        ("产出目标", "项目完成及时率", "14", "14"),
        ("效果目标", "受益人群覆盖率", "8", "8"),
        ("效果目标", "政策知晓率", "7", None),
        ("影响力目标", "长效管理机制健全性", "10", "8"),
        ("影响力目标", "受益人群满意度", "5", "5"),
    ]
    got = [(row.category, row.name, str(row.weight), None if row.score is None else str(row.score)) for row in r.indicators]
    assert got == expected
    by_category: dict[str, D] = {}
    for row in r.indicators:
        by_category[row.category] = by_category.get(row.category, D(0)) + row.weight
        assert row.explanation
        assert row.target is None and row.actual is None
    assert by_category == r.categories
    rows = {row.name: row for row in r.indicators}
    # 政策知晓率: the score is blank on the form, so the record has no score at all
    assert rows["政策知晓率"].score is None
    assert "score" not in rows["政策知晓率"].model_fields_set
    # 资金使用的合规性: its rule text is printed inside the 指标解释 cell; the 评分规则 cell is empty
    compliance = rows["资金使用的合规性"]
    assert compliance.rule is None
    assert compliance.explanation.endswith("①资金的使用拨付是否有完整的审批程序和手续；（1分）②是否符合项目预算批复或合同规定的用途。（2分）")
    assert all(row.rule for name, row in rows.items() if name != "资金使用的合规性")
    assert "78%以上不到90%得6-8分" in rows["预算执行率"].rule  # the published band, kept as printed
    assert rows["项目管理制度健全性和执行的有效性"].note == "项目管理有待完善。"
    assert rows["长效管理机制健全性"].note == "长效机制建设有待于进一步加强。"
    assert [name for name, row in rows.items() if row.note] == ["项目管理制度健全性和执行的有效性", "长效管理机制健全性"]


def test_minhang_2020_sections():
    loaded = load("minhang-2020-zutuanshi")
    assert headings(loaded.body, 2) == ["项目年度总目标", "主要绩效", "主要问题", "改进措施", "说明"]
    assert "2、绩效等级说明：自评分90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格。" in loaded.body
    assert "走访工作完成率100%；走访工作完成及时率达100%" in loaded.body
