"""Indicators and scores: rows against their weights, categories, the total and the grade."""

from __future__ import annotations

from decimal import Decimal

from ..scoring import declared_points, grade_matches, agrees, round2
from ..values import falls_short, is_ceiling, normalise_name, parse_value
from ..figures import fmt, plain
from ._make import finding

HUNDRED = Decimal(100)


def missing_score(loaded, scheme, computed):
    report = loaded.report
    if report.indicator_columns is not None and "score" not in report.indicator_columns:
        return  # the form has no score column: nothing was left blank
    if _scores_all_blank(report):
        return  # one unfilled-template finding says it for the whole table
    cut_row = len(report.indicators) - 1 if report.incomplete else None  # a cut-off table loses its last cells
    for index, row in enumerate(report.indicators):
        # A row printed without a weight (a 其中 sub-row, a form without 分值) has nothing to score.
        if index == cut_row:
            continue
        if row.score is None and row.weight is not None and row.weighted_score is None:
            yield finding(
                "missing-score",
                f"indicators[{index}].score",
                f"指标“{row.name}”（权重 {fmt(row.weight)}）没有得分，按 0 分计",
                weight=row.weight,
            )
    yield from _blocks_without_score(report)


def _scores_all_blank(report) -> bool:
    rows = report.indicators
    return bool(rows) and any(row.weight is not None for row in rows) and all(
        row.score is None and row.weighted_score is None for row in rows)


def _blocks_without_score(report):
    """Forms without a 分值 column score each 二级指标 block once (湖北 20/80 表): a block left
    without any score, while the other blocks carry one, is a blank score."""
    rows = report.indicators
    if not rows or any(row.weight is not None for row in rows):
        return
    blocks: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        key = row.subcategory or row.category
        if key:
            blocks.setdefault(key, []).append(index)
    scored = [name for name, members in blocks.items() if any(rows[i].score is not None for i in members)]
    if len(scored) < 2:
        return  # a form that scores nothing, or one block only, is another matter
    cut = len(rows) - 1 if report.incomplete else None  # the block a cut-off table ends in lost its score
    for name, members in blocks.items():
        if name in scored or cut in members:
            continue
        names = "、".join(f"“{rows[i].name}”" for i in members[:3]) + ("等" if len(members) > 3 else "")
        yield finding(
            "missing-score",
            f"indicators[{members[0]}].score",
            f"“{name}”一栏的指标 {names} 都没有得分，而其他 {len(scored)} 栏（{'、'.join(scored[:4])}）各有得分",
            hint="补上这一栏的得分；原件确实空白的照录并写明豁免理由",
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
                f"指标“{row.name}”目标值 {row.target_text}，实际完成 {row.actual_text}，未达目标，但没有说明偏差原因",
                target=row.target_text,
                actual=row.actual_text,
            )


def score_exceeds_weight(loaded, scheme, computed):
    for index, row in enumerate(loaded.report.indicators):
        points = declared_points(row)  # a 百分制 分值 is weighted first: the weighted score is what counts
        if points is not None and row.weight is not None and points > row.weight:
            what, field = ("加权得分", "weighted_score") if row.weighted_score is not None else ("得分", "score")
            yield finding(
                "score-exceeds-weight",
                f"indicators[{index}].{field}",
                f"指标“{row.name}”{what} {fmt(points)} 超过权重 {fmt(row.weight)}",
                score=points,
                weight=row.weight,
            )


def weighted_score_mismatch(loaded, scheme, computed):
    """加权得分 = 权重 × 分值 ÷ 100, and 得分 = 权重 × 得分系数, to the decimals printed."""
    for index, row in enumerate(loaded.report.indicators):
        if row.weight is None:
            continue
        if row.weighted_score is not None and row.score is not None:
            expected = row.weight * row.score / HUNDRED
            if not agrees(row.weighted_score, expected):
                yield finding(
                    "weighted-score-mismatch",
                    f"indicators[{index}].weighted_score",
                    f"指标“{row.name}”加权得分写的是 {fmt(row.weighted_score)}，而 权重 {fmt(row.weight)}% × 分值 "
                    f"{fmt(row.score)} = {plain(round2(expected))}",
                    declared=row.weighted_score,
                    computed=expected,
                )
        coefficient = parse_value(row.coefficient) if row.coefficient else None
        if coefficient is not None and coefficient.number is not None and row.score is not None:
            fraction = coefficient.number / HUNDRED if coefficient.percent or coefficient.number > 1 else coefficient.number
            expected = row.weight * fraction
            if not agrees(row.score, expected):
                yield finding(
                    "weighted-score-mismatch",
                    f"indicators[{index}].score",
                    f"指标“{row.name}”得分写的是 {fmt(row.score)}，而 权重 {fmt(row.weight)} × 得分系数 {row.coefficient} = "
                    f"{plain(round2(expected))}",
                    declared=row.score,
                    computed=expected,
                )


def target_missed_full_score(loaded, scheme, computed):
    """Full marks on a row whose actual value misses its target (≥4754人 vs 4604人, ≤5300元/户 vs
    5830元/户). A met target scored below its weight is the scheme's business (indicator-score-mismatch)."""
    for index, row in enumerate(loaded.report.indicators):
        points = declared_points(row)
        if row.weight is None or points is None or points < row.weight:
            continue
        target, actual = parse_value(row.target_text), parse_value(row.actual_text)
        name = f"{row.category or ''}{row.name}"
        if not falls_short(target, actual, name) or _too_close_to_deduct(row.weight, target, actual, name):
            continue
        coefficient = f"、得分系数 {row.coefficient}" if row.coefficient else ""
        yield finding(
            "target-missed-full-score",
            f"indicators[{index}].score",
            f"指标“{row.name}”目标值 {row.target_text}，实际完成值 {row.actual_text}，未达目标，却得满分 {fmt(points)}"
            f"（分值 {fmt(row.weight)}{coefficient}）",
            hint="按完成程度扣分，或在偏差原因中说明为何不扣分；数字录错的改正记录",
            target=row.target_text,
            actual=row.actual_text,
        )


def _too_close_to_deduct(weight, target, actual, name) -> bool:
    """A shortfall that scoring in proportion would not show at the cent (99.96% of 100%, weight 10:
    9.996 → 10.00) is no reason to deduct."""
    t, a = target.number, actual.number
    if t <= 0 or a <= 0:
        return False
    ratio = t / a if is_ceiling(target, name) else a / t
    return round2(weight * ratio) >= weight


def actual_copies_target(loaded, scheme, computed):
    """An actual value that repeats its target's bound (≥80% under ≥80%) says what was aimed at, not
    what was achieved. A bound that differs from the target (>1篇 under =1篇) still says the target
    was passed, and is left alone."""
    for index, row in enumerate(loaded.report.indicators):
        actual = parse_value(row.actual)
        if actual.number is None or actual.comparator in (None, "="):
            continue
        if not row.target or normalise_name(row.target) != normalise_name(row.actual):
            continue
        scored = f"，却得 {fmt(row.score)} 分" if row.score is not None else ""
        yield finding(
            "actual-copies-target",
            f"indicators[{index}].actual",
            f"指标“{row.name}”实际完成值“{row.actual}”照抄了目标值，是一个范围而不是实际达到的数值{scored}",
            hint="填写实际达到的数值（如 85%）",
            actual=row.actual,
        )


def score_without_actual(loaded, scheme, computed):
    """A row scored without any actual value, in a form whose other rows report theirs (an unfilled
    row: 三公经费变动率 with neither target nor actual, scored 2 of 2)."""
    rows = loaded.report.indicators
    reported = sum(1 for row in rows if _filled(row.actual))
    if reported < 2:
        return  # the form does not report actual values (闵行: rules and scores only)
    for index, row in enumerate(rows):
        points = declared_points(row)
        if points is None or points == 0 or _filled(row.actual) or (row.rule or "").strip():
            continue
        target = f"目标值 {row.target}" if _filled(row.target) else "也没有目标值"
        yield finding(
            "score-without-actual",
            f"indicators[{index}].actual",
            f"指标“{row.name}”没有实际完成值（{target}），却得 {fmt(points)} 分" + (f"（分值 {fmt(row.weight)}）" if row.weight is not None else ""),
            hint="补上实际完成值；没有完成的按评分办法计分",
            score=points,
        )


def _filled(text) -> bool:
    return bool((text or "").strip(" \t\u3000-－—–/／"))


# Rates that must stay within 100%: staff in post against the 编制, spending against a ceiling.
_CONTROL_RATE_WORDS = ("控制率",)


def control_rate_exceeded(loaded, scheme, computed):
    """A control rate over 100% printed without a target (衡山贯塘 基础数据表: 在职 50, 编制 46, 108.70%)
    and without a word on it. Against a target, the scheme and target-missed-full-score judge it."""
    for index, row in enumerate(loaded.report.indicators):
        if not any(word in row.name for word in _CONTROL_RATE_WORDS) or _filled(row.target) or _filled(row.note):
            continue
        actual = parse_value(row.actual)
        if not (actual.percent and actual.number is not None and actual.number > HUNDRED):
            continue
        yield finding(
            "control-rate-exceeded",
            f"indicators[{index}].actual",
            f"指标“{row.name}”实际完成值 {row.actual} 超过 100%" + (f"（{row.explanation}）" if row.explanation else "")
            + "，而偏差原因一栏没有说明",
            hint="控制率超过 100% 即超编或超支，应在偏差原因中说明",
            actual=row.actual,
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
        row = loaded.report.indicators[result.index]
        values = f"目标值 {row.target_text}、实际完成值 {row.actual_text}，" if row.target and row.actual else ""
        yield finding(
            "indicator-score-mismatch",
            f"indicators[{result.index}].score",
            f"指标“{result.name}”（分值 {fmt(result.weight)}）{values}申报得分 {fmt(result.declared)}，{expected}（{result.basis}）",
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
    if report.incomplete:
        return  # a category cut off part-way cannot add up
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
    if computed is None or declared is None or computed.weight_total is None or loaded.report.incomplete:
        return
    if computed.weight_total != declared:
        yield finding(
            "weight-total-mismatch",
            "declared.weight_total",
            f"表上满分为 {fmt(declared)} 分，{_weights_added(loaded.report, computed)}",
            declared=declared,
            computed=computed.weight_total,
        )


def _weights_added(report, computed) -> str:
    line = computed.budget_line
    if line is None:
        return f"各指标权重之和为 {plain(computed.weight_total)}"
    indicators = computed.weight_total - line.weight
    return (f"各指标权重 {plain(indicators)} 加上资金“{line.source}”一行的分值 {fmt(line.weight)}，"
            f"合计 {plain(computed.weight_total)}")


def _scores_added(computed) -> str:
    line = computed.budget_line
    if line is None or line.declared is None:
        return f"各指标申报得分之和为 {plain(computed.declared_score_sum)}"
    indicators = computed.declared_score_sum - line.declared
    return (f"各指标申报得分 {plain(indicators)} 加上资金“{line.source}”一行的得分 {fmt(line.declared)}，"
            f"合计 {plain(computed.declared_score_sum)}")


def score_total_mismatch(loaded, scheme, computed):
    declared = loaded.report.declared.total
    if computed is None or declared is None or not loaded.report.indicators or loaded.report.incomplete:
        return
    if not agrees(declared, computed.declared_score_sum):
        yield finding(
            "score-total-mismatch",
            "declared.total",
            f"申报总分 {fmt(declared)}，{_scores_added(computed)}",
            declared=declared,
            computed=computed.declared_score_sum,
        )


def grade_mismatch(loaded, scheme, computed):
    declared = loaded.report.declared.grade
    if computed is None or scheme is None or declared is None or computed.grade is None:
        return
    if grade_matches(scheme, declared, computed.grade):
        return
    if scheme.find_grade(declared) is None:  # a word from another scale (实施比较顺利): nothing to compare
        words = "、".join(band.label for band in scheme.grades)
        yield finding(
            "not-checkable",
            "declared.grade",
            f"申报等级“{declared}”不是{scheme.title}的等级用词（{words}），无法与得分对照；照录申报等级",
        )
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
    weighted_score_mismatch,
    target_missed_full_score,
    actual_copies_target,
    score_without_actual,
    control_rate_exceeded,
    grade_mismatch,
    not_checkable,
)
