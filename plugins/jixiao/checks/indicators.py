"""Indicators and scores: rows against their weights, categories, the total and the grade."""

from __future__ import annotations

from decimal import Decimal

from ..scoring import agrees, grade_matches
from ._make import finding, fmt, plain


def missing_score(loaded, scheme, computed):
    report = loaded.report
    if report.indicator_columns is not None and "score" not in report.indicator_columns:
        return  # the form has no score column: nothing was left blank
    for index, row in enumerate(report.indicators):
        # A row printed without a weight (a 其中 sub-row, a form without 分值) has nothing to score.
        if row.score is None and row.weight is not None:
            yield finding(
                "missing-score",
                f"indicators[{index}].score",
                f"指标“{row.name}”（权重 {fmt(row.weight)}）没有得分，按 0 分计",
                weight=row.weight,
            )


def missing_reason(loaded, scheme, computed):
    report = loaded.report
    if computed is None or (report.indicator_columns is not None and "note" not in report.indicator_columns):
        return  # the form has no column for a reason: the unit had nowhere to write it
    for result, row in zip(computed.indicators, report.indicators):
        if result.met is False and not row.note:
            yield finding(
                "missing-reason",
                f"indicators[{result.index}].note",
                f"指标“{row.name}”目标值 {row.target}，实际完成 {row.actual}，未达目标，但没有说明偏差原因",
                target=row.target,
                actual=row.actual,
            )


def score_exceeds_weight(loaded, scheme, computed):
    for index, row in enumerate(loaded.report.indicators):
        if row.score is not None and row.weight is not None and row.score > row.weight:
            yield finding(
                "score-exceeds-weight",
                f"indicators[{index}].score",
                f"指标“{row.name}”得分 {fmt(row.score)} 超过权重 {fmt(row.weight)}",
                score=row.score,
                weight=row.weight,
            )


def indicator_score_mismatch(loaded, scheme, computed):
    if computed is None:
        return
    for result in computed.indicators:
        if not result.checkable or result.declared is None or not result.differs:
            continue
        if result.low is not None and result.high is not None and result.low != result.high:
            expected = f"应在 {plain(result.low)}～{plain(result.high)} 之间"
        else:
            expected = f"按评分办法应为 {plain(result.computed)}"
        yield finding(
            "indicator-score-mismatch",
            f"indicators[{result.index}].score",
            f"指标“{result.name}”申报得分 {fmt(result.declared)}，{expected}（{result.basis}）",
            declared=result.declared,
            computed=result.computed,
        )


def not_checkable(loaded, scheme, computed):
    if computed is None:
        return
    for result in computed.indicators:
        if not result.checkable:
            yield finding(
                "not-checkable",
                f"indicators[{result.index}]",
                f"指标“{result.name}”无法机器核验：{result.reason}；照录申报得分",
            )


def category_weight_mismatch(loaded, scheme, computed):
    report = loaded.report
    weights: dict[str, Decimal] = {}
    named: set[str] = set()
    for row in report.indicators:
        if row.category is None:
            continue
        named.add(row.category)
        if row.weight is not None:
            weights[row.category] = weights.get(row.category, Decimal(0)) + row.weight
    for name, points in report.categories.items():
        if name in named and name not in weights:
            continue  # its rows print no weight: nothing to add up
        if name not in weights:
            yield finding(
                "category-weight-mismatch",
                f"categories.{name}",
                f"类别“{name}”（{fmt(points)}分）下没有任何指标",
                points=points,
            )
        elif weights[name] != points:
            rows = [fmt(row.weight) for row in report.indicators if row.category == name and row.weight is not None]
            yield finding(
                "category-weight-mismatch",
                f"categories.{name}",
                f"类别“{name}”标题写 {fmt(points)} 分，该类指标权重之和为 {' + '.join(rows)} = {plain(weights[name])}",
                points=points,
                weights=weights[name],
            )


def weight_total_mismatch(loaded, scheme, computed):
    declared = loaded.report.declared.weight_total
    if computed is None or declared is None or computed.weight_total is None:
        return
    if computed.weight_total != declared:
        yield finding(
            "weight-total-mismatch",
            "declared.weight_total",
            f"表上满分为 {fmt(declared)} 分，各指标权重之和为 {plain(computed.weight_total)}",
            declared=declared,
            computed=computed.weight_total,
        )


def score_total_mismatch(loaded, scheme, computed):
    declared = loaded.report.declared.total
    if computed is None or declared is None or not loaded.report.indicators:
        return
    if not agrees(declared, computed.declared_score_sum):
        yield finding(
            "score-total-mismatch",
            "declared.total",
            f"申报总分 {fmt(declared)}，各指标申报得分之和为 {plain(computed.declared_score_sum)}",
            declared=declared,
            computed=computed.declared_score_sum,
        )


def grade_mismatch(loaded, scheme, computed):
    declared = loaded.report.declared.grade
    if computed is None or scheme is None or declared is None or computed.grade is None:
        return
    if grade_matches(scheme, declared, computed.grade):
        return
    basis = "计算总分" if computed.grade_basis == "computed" else "申报总分"
    total = computed.total if computed.grade_basis == "computed" else loaded.report.declared.total
    yield finding(
        "grade-mismatch",
        "declared.grade",
        f"申报等级“{declared}”，按{scheme.title}，{basis} {plain(total) if computed.grade_basis == 'computed' else fmt(total)} 对应“{computed.grade}”",
        declared=declared,
        computed=computed.grade,
    )


CHECKS = (
    missing_score,
    score_exceeds_weight,
    indicator_score_mismatch,
    missing_reason,
    category_weight_mismatch,
    weight_total_mismatch,
    score_total_mismatch,
    grade_mismatch,
    not_checkable,
)
