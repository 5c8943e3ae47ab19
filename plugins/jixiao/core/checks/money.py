"""Money: the identities of the budget execution and use-of-funds tables, funding and sub-projects.

Identities between declared figures are compared exactly: every figure is a decimal the unit
wrote to the fen or the 0.01 万元, so their sums are exact and any difference is real. Only a
figure the portal computes by division (the execution rate) is compared with a tolerance.
"""

from __future__ import annotations

from decimal import Decimal

from ..figures import fixed, fmt, plain
from ..scoring import agrees, funding_money_rate, funding_rate_base
from ..values import parse_value
from ._make import finding

ZERO = Decimal(0)


def _sum(values) -> Decimal:
    return sum(values, ZERO)


def budget_identity(loaded, scheme, computed):
    budget = loaded.report.budget
    if not budget or None in (budget.initial, budget.appropriated, budget.unallocated):
        return
    adjustment = budget.adjustment or ZERO
    expected = budget.initial + adjustment - budget.appropriated
    if expected != budget.unallocated:
        yield finding(
            "budget-identity",
            "budget.unallocated",
            f"指标结余数应为 年初预算数 {fmt(budget.initial)} + 调整数 {fmt(adjustment)} − 财政拨款数 "
            f"{fmt(budget.appropriated)} = {fmt(expected)}，表上写的是 {fmt(budget.unallocated)}",
            declared=budget.unallocated,
            computed=expected,
        )


def balance_identity(loaded, scheme, computed):
    budget = loaded.report.budget
    if not budget or budget.balance is None:
        return
    if budget.appropriated is not None and budget.executed is not None:
        expected = budget.appropriated - budget.executed
        if expected != budget.balance:
            yield finding(
                "balance-identity",
                "budget.balance",
                f"资金结余结转数应为 财政拨款数 {fmt(budget.appropriated)} − 实际支付数 {fmt(budget.executed)} = "
                f"{fmt(expected)}，表上写的是 {fmt(budget.balance)}",
                declared=budget.balance,
                computed=expected,
            )
    if budget.carried_forward is not None and budget.recovered is not None:
        parts = budget.carried_forward + budget.recovered
        if parts != budget.balance:
            yield finding(
                "balance-identity",
                "budget.balance",
                f"资金结余结转数 {fmt(budget.balance)} 应等于 结转数 {fmt(budget.carried_forward)} + 财政收回数 "
                f"{fmt(budget.recovered)} = {fmt(parts)}",
                declared=budget.balance,
                computed=parts,
            )


_FUNDING_COLUMNS = {"amount": "金额", "initial": "年初预算数", "full_year": "全年预算数", "executed": "全年执行数"}


def funding_sum(loaded, scheme, computed):
    rows = loaded.report.funding
    yield from _rows_against_total(rows, "funding", _FUNDING_COLUMNS, "funding-sum", "资金来源")


_SUBPROJECT_COLUMNS = {"budget": "调整预算数", "spent": "实际支出数"}


def subproject_sum(loaded, scheme, computed):
    rows = loaded.report.subprojects
    yield from _rows_against_total(rows, "subprojects", _SUBPROJECT_COLUMNS, "subproject-sum", "子项目")


def _rows_against_total(rows, field, columns, code, what):
    totals = [(index, row) for index, row in enumerate(rows) if row.total]
    if not totals:
        return
    total_index, total = totals[0]
    parts = [row for row in rows if not row.total]
    for column, label in columns.items():
        declared = getattr(total, column)
        values = [getattr(row, column) for row in parts if getattr(row, column) is not None]
        if declared is None or not values:
            continue
        added = _sum(values)
        if added == declared:
            continue
        terms = " + ".join(fmt(value) for value in values)
        if declared == 0:
            message = f"{what}合计行的{label}写的是 0，而各行合计 {terms} = {fmt(added)}"
        else:
            message = f"{what}各行{label}之和 {terms} = {fmt(added)}，合计行写的是 {fmt(declared)}（相差 {fmt(added - declared)}）"
        yield finding(code, f"{field}[{total_index}].{column}", message, declared=declared, computed=added)


def subproject_budget_mismatch(loaded, scheme, computed):
    report = loaded.report
    budget = report.budget
    if not budget:
        return
    if budget.full_year is not None:
        adjusted, how = budget.full_year, f"全年预算数 {fmt(budget.full_year)}"
    elif budget.initial is not None and budget.adjustment is not None:
        adjusted = budget.initial + budget.adjustment
        how = f"年初预算数 {fmt(budget.initial)} + 调整数 {fmt(budget.adjustment)} = {fmt(adjusted)}"
    else:
        return
    totals = [(index, row) for index, row in enumerate(report.subprojects) if row.total and row.budget is not None]
    if totals:
        index, row = totals[0]
        declared, field = row.budget, f"subprojects[{index}].budget"
    else:
        values = [row.budget for row in report.subprojects if not row.total and row.budget is not None]
        if not values:
            return
        declared, field = _sum(values), "subprojects"
    if declared != adjusted:
        yield finding(
            "subproject-budget-mismatch",
            field,
            f"子项目调整预算数合计 {fmt(declared)}，而调整后的预算为 {how}",
            hint="调整数没有分解到子项目，或子项目栏填的是年初预算",
            subprojects=declared,
            adjusted_budget=adjusted,
        )


def subproject_spent_mismatch(loaded, scheme, computed):
    """Spending broken down (by sub-project, or 基本支出 / 项目支出) must add up to what was executed."""
    report = loaded.report
    executed, how = _executed_total(report)
    if executed is None:
        return
    totals = [(index, row) for index, row in enumerate(report.subprojects) if row.total and row.spent is not None]
    if totals:
        index, row = totals[0]
        spent, field, shown = row.spent, f"subprojects[{index}].spent", fmt(row.spent)
    else:
        values = [row.spent for row in report.subprojects if not row.total and row.spent is not None]
        if len(values) < 2:
            return
        spent, field = _sum(values), "subprojects"
        shown = " + ".join(fmt(value) for value in values) + f" = {fmt(spent)}"
    if spent and executed and max(spent, executed) / min(spent, executed) >= _MAGNITUDE_GAP:
        return  # 元 beside 万元: unit-magnitude says so
    if spent != executed:
        yield finding(
            "subproject-spent-mismatch",
            field,
            f"支出明细合计 {shown}，而{how} {fmt(executed)}（相差 {fmt(executed - spent)}）",
            hint="明细漏列了某项支出，或执行数填错",
            spent=spent,
            executed=executed,
        )


def _executed_total(report) -> tuple[Decimal | None, str]:
    if report.budget is not None and report.budget.executed is not None:
        return report.budget.executed, "实际支付数为"
    for row in report.funding:
        if row.total and row.executed is not None:
            return row.executed, f"“{row.source}”全年执行数为"
    return None, ""


def subproject_overspend(loaded, scheme, computed):
    for index, row in enumerate(loaded.report.subprojects):
        if row.total or row.budget is None or row.spent is None:
            continue
        if row.spent > row.budget:
            yield finding(
                "subproject-overspend",
                f"subprojects[{index}].spent",
                f"子项目“{row.name}”实际支出 {fmt(row.spent)} 超过预算 {fmt(row.budget)}（超出 {fmt(row.spent - row.budget)}）",
                budget=row.budget,
                spent=row.spent,
            )


# 万元 figures above this are over 1,000 亿元: no single project evaluated at this level spends that.
_IMPLAUSIBLE_WAN = Decimal("10000000")
_MAGNITUDE_GAP = Decimal(1000)  # a 元/万元 mix-up makes tables differ ~10,000-fold


def unit_magnitude(loaded, scheme, computed):
    report = loaded.report
    tables: dict[str, tuple[str, Decimal]] = {}
    if report.budget:
        values = [abs(v) for v in (report.budget.initial, report.budget.full_year, report.budget.appropriated,
                                   report.budget.executed) if v]
        if values:
            tables["预算执行表"] = ("budget", max(values))
    sub = [abs(v) for row in report.subprojects for v in (row.budget, row.spent) if v]
    if sub:
        tables["项目资金构成表"] = ("subprojects", max(sub))
    fund = [abs(v) for row in report.funding for v in (row.amount, row.initial, row.full_year, row.executed) if v]
    if fund:
        tables["资金来源表"] = ("funding", max(fund))
    reasons = []
    field = ""
    if len(tables) >= 2:
        (big_name, (big_field, big)), (small_name, (_, small)) = (
            max(tables.items(), key=lambda item: item[1][1]),
            min(tables.items(), key=lambda item: item[1][1]),
        )
        if small > 0 and big / small >= _MAGNITUDE_GAP:
            reasons.append(
                f"{big_name}的金额（最大 {fmt(big)}）是{small_name}（最大 {fmt(small)}）的约 {fmt((big / small).quantize(Decimal(1)))} 倍，"
                f"两表的单位不可能都是“{report.unit}”"
            )
            field = big_field
    if report.unit == "万元":
        for name, (table_field, largest) in tables.items():
            if largest >= _IMPLAUSIBLE_WAN:
                reasons.append(f"{name}写 {fmt(largest)} 万元，即 {fmt((largest / 10000).quantize(Decimal(1)))} 亿元，远超一个项目的规模")
                field = field or table_field
    if reasons:
        yield finding(
            "unit-magnitude",
            field or "unit",
            "金额单位可疑：" + "；".join(reasons),
            hint="这些数字很可能是以“元”填写的，而表头写了“万元”",
        )


# A unit below the province spending over 100 亿元 on one project or one year's budget is a 元
# figure under a 万元 header far more often than it is real (宁德 2018: 2537695 “万元” for a
# municipal research office).
_DOUBTFUL_WAN_BELOW_PROVINCE = Decimal("1000000")


def unit_doubtful(loaded, scheme, computed):
    report = loaded.report
    if report.unit != "万元" or len(report.region) < 2:
        return
    amounts = _amounts(report)
    if not amounts:
        return
    largest, field = max(amounts, key=lambda item: abs(item[0]))
    if abs(largest) < _DOUBTFUL_WAN_BELOW_PROVINCE or abs(largest) >= _IMPLAUSIBLE_WAN:
        return  # beyond the implausible bound, unit-magnitude already says so
    shown = "、".join(dict.fromkeys(fmt(value) for value, _ in amounts if abs(value) >= 1000))
    yield finding(
        "unit-doubtful",
        field,
        f"金额单位可疑：表头写“万元”，金额却写作 {_first(shown)}；最大的 {fmt(largest)} 万元即 "
        f"{fmt((largest / 10000).quantize(Decimal('0.01')))} 亿元，对{report.region[-1]}的一个单位或项目而言过大",
        hint="这些数字很可能是以“元”填写的；核对原件，属实的写明豁免理由",
        largest=largest,
    )


def _first(shown: str, count: int = 4) -> str:
    parts = shown.split("、")
    return "、".join(parts[:count]) + ("等" if len(parts) > count else "")


def _amounts(report) -> list[tuple[Decimal, str]]:
    """Every amount of the money tables with its field path, in the order of the record."""
    found: list[tuple[Decimal, str]] = []
    if report.budget:
        for key in ("initial", "full_year", "appropriated", "executed"):
            value = getattr(report.budget, key)
            if value is not None:
                found.append((value, f"budget.{key}"))
    for index, row in enumerate(report.funding):
        for key in ("amount", "initial", "full_year", "executed"):
            value = getattr(row, key)
            if value is not None:
                found.append((value, f"funding[{index}].{key}"))
    for index, row in enumerate(report.subprojects):
        for key in ("budget", "spent"):
            value = getattr(row, key)
            if value is not None:
                found.append((value, f"subprojects[{index}].{key}"))
    return found


def execution_rate_mismatch(loaded, scheme, computed):
    if computed is None or computed.execution_rate is None or computed.stated_execution_rate is None:
        return
    stated, actual = computed.stated_execution_rate, computed.execution_rate
    if agrees(stated, actual):
        return
    budget = loaded.report.budget
    field = "budget.execution_rate" if budget and budget.execution_rate else _execution_row_field(loaded)
    yield finding(
        "execution-rate-mismatch",
        field,
        f"预算执行率写的是 {fmt(stated)}%，按金额计算为 {_rate_shown(actual, stated)}%",
        stated=stated,
        computed=actual,
    )


def funding_rate_mismatch(loaded, scheme, computed):
    """Each funding row's printed 执行率 against its own 全年执行数 ÷ 全年预算数.

    The printed rate agrees when the exact one, rounded half up to the decimals printed, gives it:
    92.56% printed as 93% agrees, 86.183% printed as 86.19% does not.
    """
    for index, row in enumerate(loaded.report.funding):
        printed = parse_value(row.execution_rate).number if row.execution_rate else None
        exact = funding_money_rate(row)
        if printed is None or exact is None or agrees(printed, exact):
            continue
        base, label = funding_rate_base(row)
        yield finding(
            "execution-rate-mismatch",
            f"funding[{index}].execution_rate",
            f"资金“{row.source}”执行率写的是 {row.execution_rate}，而全年执行数 {fmt(row.executed)} ÷ {label} {fmt(base)} = "
            f"{_rate_shown(exact, printed)}%",
            hint="按金额重算执行率，四舍五入到表上所写的位数",
            stated=row.execution_rate,
            computed=exact,
        )


def _rate_shown(exact: Decimal, printed: Decimal) -> str:
    """The exact rate to the decimals the form printed, at least two: 31.08, not 31.0784…"""
    exponent = printed.as_tuple().exponent
    places = max(2, -exponent if isinstance(exponent, int) else 2)
    return fixed(exact, places)


def execution_over_budget(loaded, scheme, computed):
    """Spending above the budget it was spent from, or a printed rate above 100%.

    The total is reported first; a sub-row is reported on its own only when the total is within
    budget (a shift between sources), so that one overspend is one finding.
    """
    report = loaded.report
    budget = report.budget
    if budget is not None:
        base = next(((value, label) for value, label in ((budget.appropriated, "财政拨款数"), (budget.full_year, "全年预算数"),
                                                        (budget.initial, "年初预算数")) if value is not None), None)
        over = _over(budget.executed, base, budget.execution_rate, "实际支付数")
        if over:
            yield finding("execution-over-budget", "budget.executed" if budget.executed is not None else "budget.execution_rate",
                          over, hint=_OVER_HINT, executed=budget.executed, base=base[0] if base else None)
    total_over = False
    for index, row in sorted(enumerate(report.funding), key=lambda item: not item[1].total):
        if total_over and not row.total:
            break
        over = _over(row.executed, funding_rate_base(row), row.execution_rate, "全年执行数")
        if over:
            total_over = total_over or row.total
            yield finding("execution-over-budget",
                          f"funding[{index}].executed" if row.executed is not None else f"funding[{index}].execution_rate",
                          f"资金“{row.source}”{over}", hint=_OVER_HINT, executed=row.executed,
                          base=(funding_rate_base(row) or (None,))[0])


_OVER_HINT = "核对执行数与预算数；确属超预算支出的，在正文说明资金来源和审批，或写明豁免理由"
_HUNDRED = Decimal(100)


def _over(executed, base, printed_rate, executed_label) -> str:
    parts = []
    if executed is not None and base is not None and executed > base[0]:
        parts.append(f"{executed_label} {fmt(executed)} 超过{base[1]} {fmt(base[0])}（超出 {fmt(executed - base[0])}）")
    printed = parse_value(printed_rate).number if printed_rate else None
    if printed is not None and printed > _HUNDRED:
        parts.append(f"执行率 {printed_rate} 超过 100%")
    return "，".join(parts)


def funding_points_repeated(loaded, scheme, computed):
    """A 其中 sub-row printing the total row's 分值/得分 again counts the budget points twice."""
    line = computed.budget_line if computed is not None else None
    if line is None:
        return
    for index, row in enumerate(loaded.report.funding):
        if index == line.index or row.weight is None:
            continue
        same_score = row.score is not None and row.score == line.declared
        if row.weight != line.weight:
            continue
        repeated = f"分值 {fmt(row.weight)}" + (f"、得分 {fmt(row.score)}" if same_score else "")
        yield finding(
            "funding-points-repeated",
            f"funding[{index}].weight",
            f"资金“{row.source}”一行重复了“{line.source}”一行的{repeated}：预算执行一项的分值被计了两次"
            f"（两行都计入，满分就多出 {fmt(row.weight)} 分）",
            hint="分值和得分只写在合计行（年度资金总额）；门户只计合计行",
            weight=row.weight,
        )


def budget_line_score(loaded, scheme, computed):
    """The budget line's score: blank while its 分值 is printed, or not what the rule gives."""
    line = computed.budget_line if computed is not None else None
    if line is None:
        return
    field = f"funding[{line.index}].score"
    if line.declared is None:
        yield finding(
            "missing-score",
            field,
            f"资金“{line.source}”一行分值 {fmt(line.weight)}，得分空白，按 0 分计",
            hint="填写预算执行得分（通常为 执行率 × 分值）",
            weight=line.weight,
        )
    elif line.differs:
        expected = (f"应为 {plain(line.computed)}" if line.computed is not None
                    else f"应在 {plain(line.low)}～{plain(line.high)} 之间")
        yield finding(
            "indicator-score-mismatch",
            field,
            f"资金“{line.source}”一行（分值 {fmt(line.weight)}）申报得分 {fmt(line.declared)}，按评分办法{expected}（{line.basis}）",
            declared=line.declared,
            computed=line.computed,
        )


_AMOUNT_COLUMNS = {"initial": "年初预算数", "full_year": "全年预算数", "executed": "全年执行数"}


def funding_amount_blank(loaded, scheme, computed):
    """The total row leaves blank an amount column that the form has (another row fills it)."""
    rows = loaded.report.funding
    for index, row in enumerate(rows):
        if not row.total:
            continue
        filled = [key for key in _AMOUNT_COLUMNS if getattr(row, key) is not None]
        for key, label in _AMOUNT_COLUMNS.items():
            if getattr(row, key) is not None or len(filled) < 2:
                continue
            if any(getattr(other, key) is not None for other in rows if other is not row):
                shown = "、".join(f"{_AMOUNT_COLUMNS[k]} {fmt(getattr(row, k))}" for k in filled)
                yield finding(
                    "funding-amount-blank",
                    f"funding[{index}].{key}",
                    f"资金“{row.source}”一行{label}空白，而同行写了 {shown}，其他行也填了{label}",
                    hint="补上这一栏；原件确实空白的照录并写明豁免理由",
                )


def _execution_row_field(loaded) -> str:
    for index, row in enumerate(loaded.report.indicators):
        if "预算执行率" in row.name:
            return f"indicators[{index}].actual"
    return "budget"


CHECKS = (
    budget_identity,
    balance_identity,
    funding_sum,
    subproject_sum,
    subproject_budget_mismatch,
    subproject_overspend,
    unit_magnitude,
    unit_doubtful,
    execution_rate_mismatch,
    funding_rate_mismatch,
    execution_over_budget,
    subproject_spent_mismatch,
    funding_points_repeated,
    budget_line_score,
    funding_amount_blank,
)
