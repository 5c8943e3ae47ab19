"""A report shaped for its disclosure page: rows, spans, labels and flags — data, not HTML.

The templates in ``theme/`` render this. Keeping the shaping here (in the core, with no MkDocs
import) means the page logic is tested without a site build, and another front end could reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from decimal import Decimal
from functools import cached_property

from ..core.figures import fmt, plain
from ..core.findings import Finding, Severity
from ..core.summary import summarise

BUDGET_EXECUTION = [
    ("initial", "年初预算数"),
    ("adjustment", "当年调整数"),
    ("full_year", "全年预算数"),
    ("appropriated", "财政拨款数"),
    ("unallocated", "指标结余数"),
    ("unallocated_recovered", "指标结余收回数"),
]
FUND_USE = [
    ("appropriated", "财政拨款数"),
    ("executed", "实际支付数"),
    ("balance", "资金结余结转数"),
    ("carried_forward", "其中：结转数"),
    ("recovered", "其中：财政收回数"),
]
RATES = [("execution_rate", "预算执行率"), ("previous_execution_rate", "上年预算完成率")]
FUNDING_COLUMNS = [
    ("amount", "金额"),
    ("initial", "年初预算数"),
    ("full_year", "全年预算数"),
    ("executed", "全年执行数"),
    ("weight", "分值"),
    ("execution_rate", "执行率"),
    ("score", "得分"),
]
INDICATOR_LABELS = {
    "category": "一级指标",
    "subcategory": "二级指标",
    "name": "指标名称",
    "mark": "标记",
    "core": "核心指标",
    "nature": "指标性质",
    "explanation": "指标解释",
    "target": "目标值",
    "adjusted_target": "调整指标值",
    "measure_unit": "度量单位",
    "weight": "权重",
    "actual": "实际完成值",
    "rule": "评分规则",
    "score": "自评分",
    "coefficient": "得分系数",
    "weighted_score": "加权得分",
    "review_score": "复核分",
    "rating": "评价等级",
    "note": "备注",
}


@dataclass
class Cell:
    value: str
    field: str = ""
    findings: list[Finding] = _field(default_factory=list)
    text: bool = False  # a column of words (a funding row's other columns), not a figure: it wraps
    anchors: list[str] = _field(default_factory=list)  # the 数据核验 panel's items, one per finding

    @property
    def flagged(self) -> bool:
        return bool(self.anchors)

    @property
    def titles(self) -> str:
        return "；".join(f.message for f in self.findings if not f.silenced and f.severity != Severity.INFO)

    @property
    def anchor(self) -> str:
        """Where the first finding about this cell stands in the 数据核验 panel."""
        return self.anchors[0] if self.anchors else ""


@dataclass
class IndicatorRow:
    index: int
    cells: dict[str, Cell]
    category_span: int  # >0 on the first row of a category group, 0 on the rows it spans
    subcategory_span: int
    computed: str | None  # the portal's own score, shown only where it differs
    computed_basis: str = ""
    checkable: bool = True


def _cell(value, field_path: str, view: "ReportView", skip: str = "") -> Cell:
    """``skip``: a field whose findings this cell leaves to another (a row's own findings are
    marked on its name, not on each of its figures)."""
    if isinstance(value, bool):  # 是否核心指标
        text = "是" if value else "否"
    else:
        text = fmt(value) if isinstance(value, Decimal) else ("" if value is None else str(value))
    findings = [f for f in view.about(field_path) if f.field != skip]
    return Cell(text, field_path, findings, anchors=[view.anchor(f) for f in findings])


def _spans(values: list[str]) -> list[int]:
    """Rowspans for merged cells: consecutive equal values merge, as on the official form."""
    spans = [0] * len(values)
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            spans[start] = index - start
            start = index
    return spans


@dataclass
class Headline:
    declared_total: str | None
    computed_total: str | None
    totals_agree: bool | None  # None when one of the two is missing
    declared_grade: str | None
    declared_meaning: str | None  # the scheme's own word for the declared grade, when written otherwise
    computed_grade: str | None
    grade_from_declared: bool  # the portal graded the declared total (no computed total)
    grades_agree: bool | None  # by meaning; None when one of the two is missing
    errors: int
    warnings: int

    @property
    def both_totals(self) -> bool:
        return self.declared_total is not None and self.computed_total is not None

    @property
    def both_grades(self) -> bool:
        return self.declared_grade is not None and self.computed_grade is not None


@dataclass
class ReportView:
    analysis: object
    by_field: dict[str, list[Finding]]

    # --- findings and the cells they are about ---

    def about(self, field_path: str) -> list[Finding]:
        """The shown findings about a cell: those of its own field and of any field holding it (a
        finding about the whole money table, ``budget``, marks each of its figures)."""
        found: list[Finding] = []
        by_field = self.by_field
        if not by_field:  # most reports: a hundred cells and not one finding
            return found
        path = field_path
        while path:
            mine = by_field.get(path)
            if mine:  # most cells of a report with findings still have none
                shown = self._anchors
                found.extend(f for f in mine if f in shown)
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return found

    @property
    def _anchors(self) -> dict:
        if not hasattr(self, "_anchor_map"):
            self._anchor_map = {id(f): f"jx-finding-{n}" for n, f in enumerate(self.findings, start=1)}
        return _Anchors(self._anchor_map)

    def anchor(self, finding: Finding) -> str:
        return self._anchors.of(finding)

    @property
    def report(self):
        return self.analysis.report

    @property
    def computed(self):
        return self.analysis.computed

    # --- header ---

    @property
    def region(self) -> str:
        return " · ".join(self.report.region)

    @property
    def headline(self) -> "Headline":
        """The header's figures: a declared value beside a computed one only where both exist, and
        grades compared by what they mean under the scheme (优 is 优秀 on the Minhang form)."""
        summary, scheme = summarise(self.analysis), self.analysis.scheme
        declared_total, computed_total = summary.declared_total, summary.computed_total
        declared_grade, computed_grade = summary.declared_grade or None, summary.computed_grade
        declared_band = scheme.find_grade(declared_grade) if scheme and declared_grade else None
        meaning = declared_band.label if declared_band and declared_band.label != declared_grade else None
        grades_agree = None
        if declared_grade and computed_grade:
            grades_agree = declared_band is not None and declared_band.label == computed_grade
        return Headline(
            declared_total=fmt(declared_total) if declared_total is not None else None,
            computed_total=plain(computed_total) if computed_total is not None else None,
            totals_agree=_same(declared_total, computed_total),
            declared_grade=declared_grade,
            declared_meaning=meaning,
            computed_grade=computed_grade,
            grade_from_declared=summary.computed_grade_basis == "declared",
            grades_agree=grades_agree,
            errors=summary.errors,
            warnings=summary.warnings,
        )

    # --- money ---

    def money_table(self, columns) -> list[Cell | tuple]:
        budget = self.report.budget
        if not budget:
            return []
        return [
            (label, _cell(getattr(budget, key), f"budget.{key}", self))
            for key, label in columns
            if getattr(budget, key) is not None
        ]

    @property
    def budget_execution(self):
        return self.money_table(BUDGET_EXECUTION)

    @property
    def fund_use(self):
        return self.money_table(FUND_USE)

    @property
    def rates(self):
        return self.money_table(RATES)

    @property
    def funding_columns(self) -> list[tuple[str, str]]:
        rows = self.report.funding
        columns = [(key, label) for key, label in FUNDING_COLUMNS if any(getattr(r, key) is not None for r in rows)]
        details: list[str] = []
        for row in rows:
            details.extend(name for name in row.details if name not in details)
        return columns + [(f"details:{name}", name) for name in details]

    @property
    def funding_rows(self) -> list[tuple[object, list[Cell]]]:
        columns = self.funding_columns
        table = []
        for index, row in enumerate(self.report.funding):
            cells = []
            for key, _ in columns:
                if key.startswith("details:"):
                    cells.append(Cell(row.details.get(key[8:], ""), text=True))
                else:
                    cells.append(_cell(getattr(row, key), f"funding[{index}].{key}", self))
            table.append((row, cells))
        return table

    @property
    def subproject_columns(self) -> list[tuple[str, str]]:
        rows = self.report.subprojects
        return [(key, label) for key, label in (("budget", "调整预算数"), ("spent", "实际支出数"))
                if any(getattr(r, key) is not None for r in rows)]

    @property
    def subproject_rows(self):
        return [
            (row, [_cell(getattr(row, key), f"subprojects[{index}].{key}", self)
                   for key, _ in self.subproject_columns])
            for index, row in enumerate(self.report.subprojects)
        ]

    @property
    def base_data(self):
        """The base-data table of a department-wide report (base_data_view.py), or None."""
        from .base_data_view import base_data_view  # it builds on this module's cells

        if not hasattr(self, "_base_data"):
            self._base_data = base_data_view(self)
        return self._base_data

    # --- indicators ---

    @cached_property  # every row of the table walks them, in the rows' making and in the template
    def indicator_columns(self) -> list[tuple[str, str]]:
        keys = self.report.indicator_columns
        if keys is None:
            rows = self.report.indicators
            weighted = any(r.weight is not None for r in rows)
            # The name always; the score column whenever rows carry weights, so that a blank
            # score shows as blank; every other column only when some row fills it.
            keys = [k for k in INDICATOR_LABELS if k == "name" or (k == "score" and weighted)
                    or any(getattr(r, k) is not None for r in rows)]
        return [(key, INDICATOR_LABELS[key]) for key in keys]

    @property
    def total_position(self) -> int | None:
        """Where the declared total goes in the table's last row: under the score column, if any."""
        keys = [key for key, _ in self.indicator_columns]
        return keys.index("score") if "score" in keys else None

    @property
    def indicator_rows(self) -> list[IndicatorRow]:
        rows = self.report.indicators
        results = self.computed.indicators if self.computed else [None] * len(rows)
        category_spans = _spans([r.category for r in rows])
        subcategory_spans = _spans([f"{r.category}\x00{r.subcategory or ''}" for r in rows])
        keys = [key for key, _ in self.indicator_columns]
        table = []
        for index, (row, result) in enumerate(zip(rows, results)):
            own = f"indicators[{index}]"
            cells = {key: _cell(getattr(row, key), f"{own}.{key}", self, skip="" if key == "name" else own)
                     for key in keys}
            shown = None
            if result is not None and result.checkable and result.differs:
                if result.low is not None and result.high is not None and result.low != result.high:
                    shown = f"{plain(result.low)}～{plain(result.high)}"
                else:
                    shown = plain(result.computed)
            table.append(IndicatorRow(
                index, cells, category_spans[index], subcategory_spans[index], shown,
                (result.basis if result else "") or "", bool(result and result.checkable),
            ))
        return table

    @property
    def categories(self):
        return self.computed.categories if self.computed else []

    def category_cell(self, category: str) -> Cell:
        """A category's points as printed in its heading (投入目标（24分）), marked when a finding is about them."""
        return _cell(self.report.categories.get(category), f"categories.{category}", self)

    @property
    def total_cell(self) -> Cell:
        return _cell(self.report.declared.total, "declared.total", self)

    @property
    def weight_total_cell(self) -> Cell:
        return _cell(self.report.declared.weight_total, "declared.weight_total", self)

    # --- checks ---

    @property
    def comparisons(self) -> list[dict]:
        """Declared beside computed: the rows of the 数据核验 panel."""
        report, computed = self.report, self.computed
        rows = []

        def row(label, declared, portal, agree, note=""):
            rows.append({"label": label, "declared": declared, "computed": portal, "agree": agree, "note": note})

        if computed is not None:
            if report.indicators:
                row("总分", fmt(report.declared.total), plain(computed.total),
                    _same(report.declared.total, computed.total), "按评分办法由各指标计算；无法核验的指标照录申报得分")
                row("各指标申报得分之和", fmt(report.declared.total), plain(computed.declared_score_sum),
                    _same(report.declared.total, computed.declared_score_sum))
                row("满分（权重合计）", fmt(report.declared.weight_total), plain(computed.weight_total),
                    _same(report.declared.weight_total, computed.weight_total))
            if computed.grade is not None or report.declared.grade:
                basis = "由计算总分" if computed.grade_basis == "computed" else "由申报总分"
                grade_findings = [f for f in self.by_field.get("declared.grade", []) if f.code == "grade-mismatch"]
                row("等级", report.declared.grade or "—", computed.grade or "—",
                    None if not report.declared.grade or computed.grade is None else not grade_findings,
                    f"{basis}按评分办法的等级标准确定")
            if computed.execution_rate is not None or computed.stated_execution_rate is not None:
                rate_findings = [f for f in self.analysis.findings if f.code == "execution-rate-mismatch"]
                row("预算执行率",
                    f"{fmt(computed.stated_execution_rate)}%" if computed.stated_execution_rate is not None else "—",
                    f"{plain(computed.execution_rate.quantize(Decimal('0.01')))}%" if computed.execution_rate is not None else "—",
                    None if computed.execution_rate is None or computed.stated_execution_rate is None else not rate_findings,
                    "实际支付数 ÷ 财政拨款数")
        return rows

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for f in self.analysis.findings if not f.silenced and f.severity != Severity.INFO),
                      key=lambda f: (f.severity.rank, f.line or 0))

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.analysis.findings if not f.silenced and f.severity == Severity.INFO]

    @property
    def silenced(self) -> list[Finding]:
        return [f for f in self.analysis.findings if f.silenced]


class _Anchors:
    """Findings by identity (two findings may be equal as data and still be two items)."""

    def __init__(self, mapping: dict):
        self.mapping = mapping

    def __contains__(self, finding) -> bool:
        return id(finding) in self.mapping

    def of(self, finding) -> str:
        return self.mapping.get(id(finding), "")


def _same(declared, computed) -> bool | None:
    if declared is None or computed is None:
        return None
    from ..core.scoring import agrees

    return agrees(declared, computed)


def view_of(analysis) -> ReportView:
    return ReportView(analysis, analysis.by_field())
