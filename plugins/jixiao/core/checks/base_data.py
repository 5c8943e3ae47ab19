"""The base-data table of a department-wide report (部门整体支出绩效评价基础数据表): its own arithmetic.

Only what the table implies with certainty is checked: staff against the establishment, each
printed control rate against the two figures it is the ratio of, numbered parts (1、2、3、) against
the row they make up, the rows listed under 其中 against the row they are part of, and a finished
building against its approval. Sums of declared figures are exact; only a rate, computed by
division, is compared to the decimals the form printed. A figure the importer could not split
(``printed``) takes part in nothing.
"""

from __future__ import annotations

from decimal import Decimal

from ..figures import fmt, plain
from ..scoring import agrees
from ._make import finding
from .money import _rate_shown as _to_places

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _base(loaded):
    return loaded.report.base_data


def staff_over_quota(loaded, scheme, computed):
    base = _base(loaded)
    staff = base.staff if base else None
    if staff is None or staff.authorized is None or staff.actual is None or staff.actual <= staff.authorized:
        return
    who = f"{staff.year} 年实际在职人数" if staff.year else "实际在职人数"
    over = staff.actual - staff.authorized
    if staff.authorized == 0:
        message = f"{who} {fmt(staff.actual)}，而编制数为 0"
    else:
        rate = staff.actual / staff.authorized * HUNDRED
        shown = _rate_shown(rate, staff.control_rate)
        message = (f"{who} {fmt(staff.actual)} 超过编制数 {fmt(staff.authorized)}（超编 {plain(over)} 人）："
                   f"控制率 {fmt(staff.actual)} ÷ {fmt(staff.authorized)} = {shown}%，超过 100%")
    yield finding(
        "staff-over-quota",
        "base_data.staff",
        message,
        hint="照原件录入，不要改动；超编属实的，报告应说明原因和消化超编的措施",
        authorized=staff.authorized,
        actual=staff.actual,
    )


def staff_rate_mismatch(loaded, scheme, computed):
    base = _base(loaded)
    staff = base.staff if base else None
    if staff is None or not staff.control_rate or not staff.authorized or staff.actual is None:
        return
    exact = staff.actual / staff.authorized * HUNDRED
    if _rate_agrees(staff.control_rate, exact):
        return
    yield finding(
        "base-rate-mismatch",
        "base_data.staff.control_rate",
        f"控制率写的是 {staff.control_rate}，而实际在职人数 {fmt(staff.actual)} ÷ 编制数 {fmt(staff.authorized)} = "
        f"{_rate_shown(exact, staff.control_rate)}%",
        hint="核对人数和控制率；控制率按表上所写的位数四舍五入",
        stated=staff.control_rate,
        computed=exact,
    )


_BUILDING_RATES = (
    ("area_control_rate", "规模控制率", "actual_area", "实际规模", "approved_area", "批复规模"),
    ("investment_control_rate", "投资概算控制率", "actual_investment", "实际投资", "budget_investment", "预算投资"),
)


def building_rate_mismatch(loaded, scheme, computed):
    base = _base(loaded)
    for index, row in enumerate(base.buildings if base else []):
        for rate_key, rate_label, part_key, part_label, whole_key, whole_label in _BUILDING_RATES:
            printed, part, whole = getattr(row, rate_key), getattr(row, part_key), getattr(row, whole_key)
            if not printed or part is None or not whole:
                continue
            exact = part / whole * HUNDRED
            if _rate_agrees(printed, exact):
                continue
            yield finding(
                "base-rate-mismatch",
                f"base_data.buildings[{index}].{rate_key}",
                f"“{row.label}”的{rate_label}写的是 {printed}，而{part_label} {fmt(part)} ÷ {whole_label} {fmt(whole)} = "
                f"{_rate_shown(exact, printed)}%",
                hint="核对两栏数字和控制率",
                stated=printed,
                computed=exact,
            )


def building_over_approval(loaded, scheme, computed):
    base = _base(loaded)
    for index, row in enumerate(base.buildings if base else []):
        for part_key, part_label, whole_key, whole_label, what in (
            ("actual_area", "实际规模", "approved_area", "批复规模", "超规模建设"),
            ("actual_investment", "实际投资", "budget_investment", "预算投资", "超概算"),
        ):
            part, whole = getattr(row, part_key), getattr(row, whole_key)
            if part is None or whole is None or part <= whole:
                continue
            yield finding(
                "building-over-approval",
                f"base_data.buildings[{index}].{part_key}",
                f"“{row.label}”{part_label} {fmt(part)} 超过{whole_label} {fmt(whole)}（超出 {plain(part - whole)}，{what}）",
                hint="照原件录入；超出属实的，报告应说明原因及审批情况",
                declared=part,
                approved=whole,
            )


def cost_parts_sum(loaded, scheme, computed):
    base = _base(loaded)
    if base is None:
        return
    yield from _rows_sums(base.costs, "base_data.costs", base.columns)


def _rows_sums(rows, path: str, columns: list[str]):
    for index, row in enumerate(rows):
        at = f"{path}[{index}]"
        for column, total in enumerate(row.values):
            if total is None:
                continue
            name = _column(columns, column)
            # numbered parts make up the row: checked only where every part has a figure in the
            # column (a blank part may be an unfilled template row, not a zero)
            figures = [_value_at(part, column) for part in row.parts]
            if figures and None not in figures and sum(figures, ZERO) != total:
                yield finding(
                    "base-parts-sum",
                    f"{at}.values[{column}]",
                    f"“{row.label}”{name}写的是 {fmt(total)}，而各分项 {_terms(row.parts, figures)} = "
                    f"{fmt(sum(figures, ZERO))}",
                    hint="核对本行和各分项；分项漏填的补上",
                    declared=total,
                    computed=sum(figures, ZERO),
                )
            # rows under 其中 are only some of the row: together they cannot exceed it
            listed = [(part, value) for part in row.of_which if (value := _value_at(part, column)) is not None]
            some = sum((value for _, value in listed), ZERO)
            if listed and some > total:
                yield finding(
                    "base-parts-sum",
                    f"{at}.values[{column}]",
                    f"“{row.label}”{name}写的是 {fmt(total)}，而其中所列 {_terms(*zip(*listed))} = {fmt(some)}，"
                    f"超过了本行",
                    hint="“其中”各项是本行的一部分，合计不能超过本行；核对数字",
                    declared=total,
                    computed=some,
                )
        yield from _rows_sums(row.parts, f"{at}.parts", columns)
        yield from _rows_sums(row.of_which, f"{at}.of_which", columns)


def _value_at(row, column: int) -> Decimal | None:
    return row.values[column] if column < len(row.values) else None


def _column(columns: list[str], column: int) -> str:
    return f"（{columns[column]}）" if column < len(columns) else f"（第 {column + 1} 栏）"


def _terms(rows, figures) -> str:
    return " + ".join(f"{row.label} {fmt(value)}" for row, value in zip(rows, figures))


def _rate_agrees(printed: str, exact: Decimal) -> bool:
    """A rate as written against the exact one: 108.70% to two decimals; a rate written without %
    may be a percentage (83.91) or a ratio (0.8391), so it agrees when either reading does. A rate
    that is no number (1.2.3) is left alone: nothing can be said of it with certainty."""
    number = _rate_number(printed)
    if number is None:
        return True
    if printed.strip().endswith("%"):
        return agrees(number, exact)
    return agrees(number, exact) or agrees(number, exact / HUNDRED)


def _rate_number(printed: str | None) -> Decimal | None:
    try:
        return Decimal(printed.replace(" ", "").rstrip("%")) if printed else None
    except ArithmeticError:
        return None


def _rate_shown(exact: Decimal, printed: str | None) -> str:
    """The exact rate to the decimals the form printed, at least two: 108.70, not 108.6956…"""
    return _to_places(exact, _rate_number(printed) or Decimal("0.01"))


CHECKS = (
    staff_over_quota,
    staff_rate_mismatch,
    building_rate_mismatch,
    building_over_approval,
    cost_parts_sum,
)
