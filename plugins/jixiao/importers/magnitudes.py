"""Header units against the figures: a label saying 万元 above figures written in 元.

The figures are always kept as written (the portal never rewrites a declared figure); this only
says, in an import note, when the tables of one report disagree by a factor of about 10 000 —
the signature of 元 written under a 万元 header, or the reverse — or when an amount is beyond any
plausible project budget in the stated unit.
"""

from __future__ import annotations

from decimal import Decimal

from .draft import Draft

_WAN = Decimal(10000)
_IMPLAUSIBLE_WAN = Decimal(1000000)  # 100 亿元 in 万元: no single project comes near


def check_units(draft: Draft) -> None:
    unit = draft.fields.get("unit")
    budget = draft.fields.get("budget") or {}
    money = [(key, Decimal(value)) for key, value in budget.items() if not key.endswith("rate")]
    sub_total = _subproject_total(draft.fields.get("subprojects") or [])
    main = next((value for key, value in money if key in ("appropriated", "full_year", "initial") and value), None)
    if main and sub_total:
        ratio = main / sub_total
        if Decimal(5000) <= ratio <= Decimal(20000):
            draft.note(
                f"单位存疑：表头写“{unit}”，但预算表的数字（{_shown(budget)}）约为子项目表合计（{sub_total}）的 "
                f"{ratio.quantize(Decimal(1))} 倍，预算表看来是以元填写的；已按原件照录，未作换算，请核对"
            )
        elif Decimal(5000) <= 1 / ratio <= Decimal(20000):
            draft.note(
                f"单位存疑：子项目表合计（{sub_total}）约为预算表数字（{main}）的 {(1 / ratio).quantize(Decimal(1))} 倍，"
                "子项目表看来是以元填写的；已按原件照录，未作换算，请核对"
            )
    if unit == "万元":
        huge = [f"{value}" for _, value in money if abs(value) >= _IMPLAUSIBLE_WAN]
        if huge and not (main and sub_total):
            draft.note(f"单位存疑：表头写“万元”，但 {'、'.join(huge)} 万元超过 100 亿元，数字可能是以元填写的；已按原件照录，请核对")


def _subproject_total(rows: list[dict]) -> Decimal | None:
    for row in rows:
        if row.get("total"):
            value = row.get("budget") or row.get("spent")
            return Decimal(value) if value else None
    values = [Decimal(row["spent"]) for row in rows if row.get("spent")]
    return sum(values, Decimal(0)) if values else None


def _shown(budget: dict) -> str:
    shown = [value for key, value in budget.items() if not key.endswith("rate") and Decimal(value) != 0]
    return "、".join(shown[:3]) if shown else "0"
