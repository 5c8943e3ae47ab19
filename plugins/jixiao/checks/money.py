"""Money: the identities of the budget execution and use-of-funds tables, funding and sub-projects.

Identities between declared figures are compared exactly: every figure is a decimal the unit
wrote to the fen or the 0.01 万元, so their sums are exact and any difference is real. Only a
figure the portal computes by division (the execution rate) is compared with a tolerance.
"""

from __future__ import annotations

from decimal import Decimal

from ..scoring import agrees
from ._make import finding, fmt, plain

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
        f"预算执行率写的是 {fmt(stated)}%，按金额计算为 {plain(actual.quantize(Decimal('0.01')))}%",
        stated=stated,
        computed=actual,
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
    execution_rate_mismatch,
)
