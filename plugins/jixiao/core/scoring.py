"""The portal's own figures for one record under its scheme.

The portal never rewrites what a unit declared: :func:`compute` scores every indicator row it can
from the target and actual values as written, says in Chinese which rule it applied with which
numbers, and leaves the declared figures beside its own so that checks and pages can show where
they differ. Rows a scheme leaves to the evaluator are "not machine-checkable" and keep their
declared score in the computed total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from .figures import short
from .record.model import FundingRow, Indicator, Report
from .schemes.model import CategoryRule, ExecutionBand, QualitativeLevel, Scheme
from .values import Value, is_ceiling, normalise_name, normalise_word, parse_value

HUNDRED = Decimal(100)
ZERO = Decimal(0)
ONE = Decimal(1)
_CENTS = Decimal("0.01")
_NO_SCORE = Decimal("0.00")  # a blank score cell counts as 0, compared to the cent
DEFAULT_EXECUTION_NAMES = ("预算执行率",)


def round2(value: Decimal) -> Decimal:
    """Two places, half up, as Chinese finance rounds (7.945 → 7.95, never banker's 7.94)."""
    return value.quantize(_CENTS, rounding=ROUND_HALF_UP)


def agrees(declared: Decimal, computed: Decimal) -> bool:
    """Whether a declared figure is the computed one written to the precision the unit used.

    They agree when they differ by less than half a unit of the last decimal written in the
    declared figure: 99.86 agrees with 99.8630, 96.00 does not agree with 89. Exactly half a unit
    apart agrees only when rounding half up gives the declared figure (5.365 → 5.37, not 5.36).
    """
    exponent = declared.as_tuple().exponent
    if not isinstance(exponent, int) or not computed.is_finite():  # NaN or infinity never agrees
        return False
    unit = Decimal(1).scaleb(exponent)
    return abs(declared - computed) < unit / 2 or computed.quantize(unit, rounding=ROUND_HALF_UP) == declared


def grade_matches(scheme: Scheme, declared_label: str | None, computed_label: str | None) -> bool:
    """Whether two written grades name the same band, honouring aliases (优 is 优秀 in Minhang)."""
    if not declared_label or not computed_label:
        return False
    declared_band, computed_band = scheme.find_grade(declared_label), scheme.find_grade(computed_label)
    if declared_band is not None and computed_band is not None:
        return declared_band.label == computed_band.label
    return normalise_name(declared_label) == normalise_name(computed_label)


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator row: the declared score and the portal's own, with the rule behind it."""

    index: int  # position in record.indicators, from 0, as in the field path indicators[7]
    name: str
    category: str | None  # as written on the form; None when the form has no category column
    weight: Decimal | None  # None for a row printed without one (no 分值 column, 其中 sub-rows)
    declared: Decimal | None
    computed: Decimal | None  # rounded to 2 places; None when not checkable or only a range is known
    low: Decimal | None = None  # the range the rule allows (Minhang bands); equal to computed when exact
    high: Decimal | None = None
    checkable: bool = False
    basis: str = ""  # Chinese: the rule applied, with the numbers
    reason: str = ""  # Chinese: why the row is not machine-checkable
    met: bool | None = None  # whether the target was reached, when the values say so
    differs: bool = False
    scheme_category: str | None = None  # the scheme's category whose rule applied, e.g. 过程
    counted: Decimal = ZERO  # what this row adds to the computed total


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """The funding row that carries the form's points for budget execution (the national form's
    年度资金总额 row, 分值 10): its weight and score belong to the total like an indicator's."""

    index: int  # position in record.funding
    source: str
    weight: Decimal
    declared: Decimal | None
    checkable: bool = False
    accepted: tuple[Decimal, ...] = ()  # scores the rule gives, to the cent, from each rate the form offers
    low: Decimal | None = None  # the range a banded rule allows
    high: Decimal | None = None
    computed: Decimal | None = None  # the score from the most exact rate (the money's, else the printed one)
    basis: str = ""
    differs: bool = False
    counted: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class CategoryResult:
    name: str
    weight: Decimal  # sum of the weights its rows print
    points: Decimal | None  # the points printed in the category header, when the record has them
    declared_score: Decimal  # sum of declared row scores, a blank counting 0
    computed_score: Decimal  # sum of what the rows add to the computed total


@dataclass(frozen=True, slots=True)
class Computed:
    scheme_id: str
    indicators: list[IndicatorResult] = field(default_factory=list)
    categories: list[CategoryResult] = field(default_factory=list)  # in order of first appearance
    weight_total: Decimal | None = None  # None when the record has no indicator table or no row prints a weight
    declared_score_sum: Decimal | None = None
    total: Decimal | None = None
    grade: str | None = None
    grade_basis: Literal["computed", "declared"] | None = None
    execution_rate: Decimal | None = None  # percent, from the money, unrounded
    stated_execution_rate: Decimal | None = None  # percent, as the form states it
    budget_line: BudgetLine | None = None  # counted in the totals only when the record has indicator rows

    @property
    def checkable_count(self) -> int:
        return sum(1 for row in self.indicators if row.checkable)

    @property
    def differing(self) -> list[IndicatorResult]:
        return [row for row in self.indicators if row.differs]


def compute(report: Report, scheme: Scheme) -> Computed:
    execution_rate = money_execution_rate(report)
    stated = stated_execution_rate(report, scheme)
    rows = [
        _finish(index, row, _score(row, scheme, stated, execution_rate))
        for index, row in enumerate(report.indicators)
    ]
    line = budget_line(report, scheme)
    if rows:
        total = sum((row.counted for row in rows), ZERO)
        weights = [row.weight for row in rows if row.weight is not None]
        weight_total = sum(weights, ZERO) if weights else None
        declared_sum = sum((row.declared for row in rows if row.declared is not None), ZERO)
        if line is not None:  # the form's 100 points are the indicators' and the budget line's
            total += line.counted
            weight_total = (weight_total or ZERO) + line.weight
            declared_sum += line.declared or ZERO
    else:
        total = weight_total = declared_sum = None
    grade, basis = _grade(scheme, total, report.declared.total)
    return Computed(
        scheme_id=scheme.id,
        indicators=rows,
        categories=_categories(report, rows),
        weight_total=weight_total,
        declared_score_sum=declared_sum,
        total=total,
        grade=grade,
        grade_basis=basis,
        execution_rate=execution_rate,
        stated_execution_rate=stated,
        budget_line=line,
    )


def score_indicator(row: Indicator, scheme: Scheme, stated_rate: Decimal | None = None) -> IndicatorResult:
    """One indicator row scored on its own, as :func:`compute` scores it inside a record (``stated_rate``:
    the budget execution rate the form states). For tools that write records and need the scheme's
    own score, as the benchmark corpus does."""
    return _finish(0, row, _score(row, scheme, stated_rate, None))


def money_execution_rate(report: Report) -> Decimal | None:
    """Paid over appropriated (else over the full-year budget), in percent, unrounded."""
    budget = report.budget
    if budget is None or budget.executed is None:
        return None
    for base in (budget.appropriated, budget.full_year):
        if base is not None and base != 0:
            return budget.executed / base * HUNDRED
    return None


def funding_rate_base(row: FundingRow) -> tuple[Decimal, str] | None:
    """What a funding row's 执行率 divides by: the full-year budget, else the initial one, else its amount."""
    for key, label in (("full_year", "全年预算数"), ("initial", "年初预算数"), ("amount", "金额")):
        value = getattr(row, key)
        if value is not None:
            return value, label
    return None


def funding_money_rate(row: FundingRow) -> Decimal | None:
    """A funding row's 全年执行数 over its budget, in percent, unrounded; None when it cannot divide."""
    base = funding_rate_base(row)
    if row.executed is None or base is None or base[0] == 0:
        return None
    return row.executed / base[0] * HUNDRED


def budget_line(report: Report, scheme: Scheme | None) -> BudgetLine | None:
    """The funding row whose 分值 counts toward the total: the total row's, else the first row's.

    Other rows that print a 分值 (a 其中 sub-row repeating the total's) are not counted again;
    a check says so.
    """
    rows = [(index, row) for index, row in enumerate(report.funding) if row.weight is not None]
    if not rows:
        return None
    index, row = next(((i, r) for i, r in rows if r.total), rows[0])
    weight, declared = row.weight, row.score
    counted = round2(declared) if declared is not None else round2(ZERO)
    plain_line = BudgetLine(index, row.source, weight, declared, counted=counted,
                            basis="评分办法没有预算执行率的计分规则，合计时采用申报得分")
    rule = scheme.execution if scheme is not None else None
    rates = _budget_line_rates(row)
    if rule is None or not rates or weight == 0:
        return plain_line
    if rule.rule == "proportional":
        accepted = tuple(round2(weight * min(ONE, max(ZERO, rate / HUNDRED))) for rate, _ in rates)
        rate, how = rates[0]
        computed = accepted[0]
        basis = f"{how}，得分 = 执行率 × 分值 {short(weight)}，最高为分值：{short(computed)}"
        differs = declared is not None and declared not in accepted
        return BudgetLine(index, row.source, weight, declared, True, accepted, computed, computed, computed,
                          basis, differs, computed)
    band = rule.band_for(rates[0][0])
    low, high = round2(weight * band.score[0]), round2(weight * band.score[1])
    basis = f"{rates[0][1]}，执行率{_band_label(rule.bands, band)}，得 {short(low)}～{short(high)} 分"
    differs = declared is not None and not (low <= declared <= high)
    held = counted if not differs else round2(min(high, max(low, declared)))
    return BudgetLine(index, row.source, weight, declared, True, (), low, high, None, basis, differs, held)


def _budget_line_rates(row: FundingRow) -> list[tuple[Decimal, str]]:
    """The rates a unit may have scored from, most exact first: the money's, then the printed one."""
    rates = []
    money = funding_money_rate(row)
    base = funding_rate_base(row)
    if money is not None and base is not None:
        rates.append((money, f"执行率 {short(row.executed)} ÷ {short(base[0])} = {short(money, 2)}%"))
    printed = parse_value(row.execution_rate).number if row.execution_rate else None
    if printed is not None:
        rates.append((printed, f"表上所写执行率 {row.execution_rate}"))
    return rates


def stated_execution_rate(report: Report, scheme: Scheme | None = None) -> Decimal | None:
    """The rate the form states: the budget table's own, else the actual of the 预算执行率 row."""
    if report.budget is not None and report.budget.execution_rate:
        value = parse_value(report.budget.execution_rate)
        if value.number is not None:
            return value.number
    names = scheme.execution.names if scheme is not None and scheme.execution is not None else DEFAULT_EXECUTION_NAMES
    for row in report.indicators:
        if _named(row.name, names):
            value = parse_value(row.actual_text)
            if value.number is not None:
                return value.number
    return None


# --- one row ---------------------------------------------------------------------------------


@dataclass
class _Outcome:
    """What a rule says about one row, before rounding and comparison with the declared score."""

    checkable: bool
    raw: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    basis: str = ""
    reason: str = ""
    met: bool | None = None
    scheme_category: str | None = None


def _not_checkable(reason: str, scheme_category: str | None = None) -> _Outcome:
    return _Outcome(False, reason=reason, scheme_category=scheme_category)


def _score(row: Indicator, scheme: Scheme, stated: Decimal | None, from_money: Decimal | None) -> _Outcome:
    if row.weight is None:
        return _not_checkable("表上这一行没有分值，无法按权重计算得分")
    if row.weighted_score is not None:
        return _not_checkable("这一行的分值是评价人按百分制给出的，计入合计的是加权得分（权重 × 分值）")
    if scheme.execution is not None and scheme.execution.matches(row.name):
        return _score_execution(row, scheme, stated, from_money)
    if row.category is None:
        return _not_checkable("表上没有一级指标，无法确定适用评分办法的哪一类规则")
    rule = scheme.category_for(row.category)
    if rule is None:
        return _not_checkable(f"一级指标“{row.category}”不属于评分办法“{scheme.title}”所列的任何一类，由评价人打分")
    if rule.quantitative.rule == "evaluator" and rule.qualitative == "evaluator":
        return _not_checkable(f"评分办法规定{rule.name}类指标由评价人打分", rule.name)
    target, actual = parse_value(row.target_text), parse_value(row.actual_text)
    if _blank(row.actual_text):
        return _missing_actual(row, scheme, rule)
    if target.kind == "quantitative" and actual.kind == "quantitative":
        outcome = _score_quantitative(row, rule, target, actual)
    elif target.kind == "qualitative" or (target.kind == "quantitative" and actual.kind == "qualitative"):
        outcome = _score_qualitative(row, scheme, rule, target, actual)
    elif target.kind == "unknown" and not (row.target_text or "").strip():
        outcome = _not_checkable("没有目标值，无法按规则计算")
    elif target.kind == "unknown":
        outcome = _not_checkable(f"目标值“{row.target_text}”无法读成数值或定性用词")
    else:
        outcome = _not_checkable(f"实际完成值“{row.actual_text}”无法读成数值或定性用词")
    outcome.scheme_category = rule.name
    return outcome


def _missing_actual(row: Indicator, scheme: Scheme, rule: CategoryRule) -> _Outcome:
    if scheme.missing_value == "zero" and not (row.note or "").strip():
        return _Outcome(True, raw=ZERO, basis="无法提供具体数值且无说明，按评分办法得 0 分", met=False, scheme_category=rule.name)
    reason = "没有实际完成值" + ("（有说明，由评价人判断）" if scheme.missing_value == "zero" else "，由评价人打分")
    return _not_checkable(reason, rule.name)


def _score_quantitative(row: Indicator, rule: CategoryRule, target: Value, actual: Value) -> _Outcome:
    quantitative = rule.quantitative
    kind = f"{rule.name}类定量指标"
    if quantitative.rule == "evaluator":
        return _not_checkable(f"评分办法规定{kind}由评价人打分")
    if target.percent != actual.percent and not _same_percent(target, actual):
        return _not_checkable(f"目标值“{row.target_text}”与实际完成值“{row.actual_text}”一个是百分数、一个不是，无法比较")
    if target.unit and actual.unit and target.unit != actual.unit:
        return _not_checkable(f"目标值与实际完成值的单位不同（{target.unit}、{actual.unit}），无法比较")
    ceiling = is_ceiling(target, f"{row.category or ''}{row.name}")
    completion = _completion(target, actual, ceiling)
    if completion is None:
        return _not_checkable(f"无法由目标值“{row.target_text}”与实际完成值“{row.actual_text}”计算完成率")
    weight = row.weight
    shown = short(completion, 2)
    met = completion >= HUNDRED
    if quantitative.rule == "proportional":
        if completion >= HUNDRED:
            return _Outcome(True, raw=weight, basis=f"{kind}：完成 {shown}%，达到目标得满分：{short(weight)}", met=met)
        raw = weight * completion / HUNDRED
        return _Outcome(
            True, raw=raw, met=met,
            basis=f"{kind}：完成 {shown}%，按完成比例计分：{short(weight)} × {shown}% = {short(round2(raw))}",
        )
    # banded
    full_from, full_to = quantitative.full_from, quantitative.full_to
    if completion < full_from:
        under = quantitative.under_deduction or ZERO
        shortfall = full_from - completion
        raw = max(ZERO, weight * (ONE - under * shortfall))
        return _Outcome(
            True, raw=raw, met=met,
            basis=(
                f"{kind}：完成 {shown}%，每低 1 个百分点扣权重 {_percent(under)}："
                f"{short(weight)} × (1 − {short(under)} × {short(shortfall)}) = {short(round2(raw))}"
            ),
        )
    if full_to is not None and completion > full_to and quantitative.over_deduction:
        if ceiling:  # doing better than a ceiling is not over-setting a target
            return _Outcome(
                True, raw=weight, met=met,
                basis=f"{kind}：完成 {shown}%，越低越好的指标不作超额扣分，得满分：{short(weight)}",
            )
        over = quantitative.over_deduction
        excess = completion - full_to
        raw = max(ZERO, weight * (ONE - over * excess))
        return _Outcome(
            True, raw=raw, met=met,
            basis=(
                f"{kind}：完成 {shown}%，超过 {short(full_to)}% 的每超过 1 个百分点扣权重 {_percent(over)}："
                f"{short(weight)} × (1 − {short(over)} × {short(excess)}) = {short(round2(raw))}"
            ),
        )
    band = f"在 {short(full_from)}%～{short(full_to)}% 之间" if full_to is not None else f"达到 {short(full_from)}% 即"
    return _Outcome(True, raw=weight, met=met, basis=f"{kind}：完成 {shown}%，{band}得满分：{short(weight)}")


def _same_percent(target: Value, actual: Value) -> bool:
    """A bare number above 1 beside a percentage is that percentage without its sign (﹦100% and 100);
    0.96 beside ≥95% may be a fraction, and is left to the evaluator."""
    bare = actual if target.percent else target
    return bare.unit is None and bare.number is not None and bare.number > ONE


def _completion(target: Value, actual: Value, ceiling: bool = False) -> Decimal | None:
    """Completion in percent of target; an actual written with a comparator counts as its bound.
    Against a ceiling (≤, or a name such as 预算调整率) less is better."""
    t, a = target.number, actual.number
    if ceiling:
        if a <= 0:
            return HUNDRED if a <= t else None  # nothing spent against a ceiling: fully met
        return t / a * HUNDRED if t >= 0 else None
    if t == 0:
        return HUNDRED if a >= 0 else ZERO
    if t < 0:
        return None
    return max(ZERO, a / t * HUNDRED)


def _score_qualitative(row: Indicator, scheme: Scheme, rule: CategoryRule, target: Value, actual: Value) -> _Outcome:
    kind = f"{rule.name}类定性指标"
    if rule.qualitative == "evaluator" or scheme.qualitative is None:
        return _not_checkable(f"评分办法规定{kind}由评价人打分")
    qualitative = scheme.qualitative
    weight = row.weight
    if actual.kind == "quantitative":
        if not (actual.percent and qualitative.percent_is_level):
            return _not_checkable(f"定性指标的实际完成值“{row.actual_text}”不是百分数，也不是等级用词")
        fraction = min(ONE, max(ZERO, actual.number / HUNDRED))
        raw = weight * fraction
        return _Outcome(
            True, raw=raw, met=fraction >= ONE,
            basis=f"{kind}：实际完成值 {short(actual.number)}% 即评分等级：{short(weight)} × {short(actual.number)}% = {short(round2(raw))}",
        )
    word = actual.word or ""
    level, how = _level_for(word, target.word, qualitative)
    if level is None:
        return _not_checkable(f"实际完成值“{row.actual_text}”不在评分办法的定性用词表中，由评价人打分")
    low, high = level.score
    met = level is qualitative.levels[0]
    if low == high:
        raw = weight * low
        return _Outcome(
            True, raw=raw, met=met,
            basis=f"{kind}：{how}，属“{level.label}”档，得权重的 {_percent(low)}：{short(weight)} × {short(low)} = {short(round2(raw))}",
        )
    return _Outcome(
        True, low=weight * low, high=weight * high, met=met,
        basis=(
            f"{kind}：{how}，属“{level.label}”档，得权重的 {_percent(low)}～{_percent(high)}，"
            f"即 {short(round2(weight * low))}～{short(round2(weight * high))} 分，由评价人在区间内确定"
        ),
    )


def _level_for(word: str, target_word: str | None, qualitative) -> tuple[QualitativeLevel | None, str]:
    """The level a written word earns, and how it was read, for the basis text."""
    if target_word and qualitative.same_meaning(word, target_word):
        same = "与目标值相同" if normalise_word(word) == normalise_word(target_word) else "与目标值同义"
        return qualitative.levels[0], f"实际完成值“{word}”{same}"
    level = qualitative.level_of(word)
    if level is not None:
        return level, f"实际完成值“{word}”"
    folded = normalise_word(word)
    for negation in sorted(qualitative.negations, key=len, reverse=True):
        if folded.startswith(negation) and len(folded) > len(negation):
            rest = folded[len(negation):]
            known = qualitative.level_of(rest) is not None or (target_word and qualitative.same_meaning(rest, target_word))
            if known:
                return qualitative.levels[-1], f"实际完成值“{word}”为否定表述"
    return None, ""


def _score_execution(row: Indicator, scheme: Scheme, stated: Decimal | None, from_money: Decimal | None) -> _Outcome:
    rule = scheme.execution
    # The rate as the form writes it comes first, as for every other row: the row's own actual,
    # then the budget table's stated rate; only then the portal's rate from the money.
    actual = parse_value(row.actual_text)
    if actual.number is not None and (actual.percent or actual.unit is None):
        rate, shown = actual.number, f"预算执行率 {actual.number}%（实际完成值）"
    elif stated is not None:
        rate, shown = stated, f"预算执行率 {stated}%（表上所写）"
    elif from_money is not None:
        rate, shown = from_money, f"预算执行率 {short(from_money, 2)}%（按金额计算）"
    else:
        return _not_checkable("没有可用的预算执行率（实际完成值、表上所写执行率和金额都没有）", "预算执行率")
    weight = row.weight
    if rule.rule == "proportional":
        fraction = min(ONE, max(ZERO, rate / HUNDRED))
        raw = weight * fraction
        return _Outcome(
            True, raw=raw, met=fraction >= ONE, scheme_category="预算执行率",
            basis=f"{shown}，按执行率计分，最高为权重：{short(weight)} × {short(fraction * HUNDRED, 2)}% = {short(round2(raw))}",
        )
    band = rule.band_for(rate)
    low, high = band.score
    label = _band_label(rule.bands, band)
    if low == high:
        raw = weight * low
        return _Outcome(
            True, raw=raw, met=low >= ONE, scheme_category="预算执行率",
            basis=f"{shown}，执行率{label}，得权重的 {_percent(low)}：{short(weight)} × {short(low)} = {short(round2(raw))}",
        )
    return _Outcome(
        True, low=weight * low, high=weight * high, met=False, scheme_category="预算执行率",
        basis=(
            f"{shown}，执行率{label}，得权重的 {_percent(low)}～{_percent(high)}，"
            f"即 {short(round2(weight * low))}～{short(round2(weight * high))} 分，由评价人在区间内确定"
        ),
    )


def _band_label(bands: list[ExecutionBand], band: ExecutionBand) -> str:
    position = bands.index(band)
    if position == 0:
        return f"不低于 {short(band.min)}%"
    upper = bands[position - 1].min
    if band.min == 0:
        return f"低于 {short(upper)}%"
    return f"在 {short(band.min)}%～{short(upper)}% 之间"


# --- comparing, totals, grade ------------------------------------------------------------------


def declared_points(row: Indicator) -> Decimal | None:
    """What a row adds to the declared total: its weighted score where the form prints one
    (评价准则 scored out of 100, then weighted), else its score."""
    return row.weighted_score if row.weighted_score is not None else row.score


def _finish(index: int, row: Indicator, outcome: _Outcome) -> IndicatorResult:
    weight, declared = row.weight, declared_points(row)
    computed = low = high = None
    differs = False
    compared = declared if declared is not None else _NO_SCORE
    basis = outcome.basis
    if outcome.checkable and outcome.raw is not None and weight is not None:
        raw = min(weight, max(ZERO, outcome.raw))
        computed = _cap(round2(raw), weight)
        differs = not agrees(compared, raw)
        counted = computed
    elif outcome.checkable and weight is not None:
        low = _cap(round2(min(weight, max(ZERO, outcome.low))), weight)
        high = _cap(round2(min(weight, max(ZERO, outcome.high))), weight)
        differs = (compared < low and not agrees(compared, low)) or (compared > high and not agrees(compared, high))
        counted = round2(min(high, max(low, compared)))  # the declared score, held inside the allowed range
    else:
        counted = round2(declared) if declared is not None else round2(ZERO)
        basis = f"合计时采用申报得分 {declared}" if declared is not None else "表上没有自评分，合计时按 0 计"
    if computed is not None and low is None:
        low = high = computed
    return IndicatorResult(
        index=index,
        name=row.name,
        category=row.category,
        weight=weight,
        declared=declared,
        computed=computed,
        low=low,
        high=high,
        checkable=outcome.checkable,
        basis=basis,
        reason=outcome.reason,
        met=outcome.met,
        differs=differs,
        scheme_category=outcome.scheme_category,
        counted=counted,
    )


def _cap(rounded: Decimal, weight: Decimal) -> Decimal:
    """Rounding half up must not lift a score above a weight written to three places."""
    return rounded if rounded <= weight else weight.quantize(_CENTS, rounding=ROUND_DOWN)


def _categories(report: Report, rows: list[IndicatorResult]) -> list[CategoryResult]:
    order: dict[str, list[IndicatorResult]] = {}
    for row in rows:
        if row.category is not None:  # a form without a category column has no category totals
            order.setdefault(row.category, []).append(row)
    headers = {normalise_name(name): points for name, points in report.categories.items()}
    return [
        CategoryResult(
            name=name,
            weight=sum((row.weight for row in members if row.weight is not None), ZERO),
            points=report.categories.get(name, headers.get(normalise_name(name))),
            declared_score=sum((row.declared for row in members if row.declared is not None), ZERO),
            computed_score=sum((row.counted for row in members), ZERO),
        )
        for name, members in order.items()
    ]


def _grade(scheme: Scheme, total: Decimal | None, declared_total: Decimal | None):
    if not scheme.grades:
        return None, None
    if total is not None:
        band = scheme.grade_for(total)
        return (band.label, "computed") if band else (None, None)
    if declared_total is not None:
        band = scheme.grade_for(declared_total)
        return (band.label, "declared") if band else (None, None)
    return None, None


def _blank(text: str | None) -> bool:
    """An empty cell, or one holding only a dash or slash (how forms mark "nothing to report")."""
    return not (text or "").strip(" \t\u3000-－—–一/／\\")


def _named(name: str, names) -> bool:
    folded = normalise_name(name)
    return any(normalise_name(candidate) in folded for candidate in names)


def _percent(fraction: Decimal) -> str:
    return f"{short(fraction * HUNDRED, 2)}%"
