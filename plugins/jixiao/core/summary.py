"""One report in a few figures: its amount, totals, grades, execution rates and how many findings.

Built once per analysis (:func:`summarise`) and read by everything that shows a report short: the
catalog's entry (every index row, profile, chart and the feed), the report page's header, and the
open data's reports.csv and reports.json; so a figure cannot be counted or rounded two ways.
The values are as the record and the scorer give them; how they are written is figures.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .findings import Severity


@dataclass
class Summary:
    amount: Decimal | None  # the report's headline amount as declared, in the record's unit
    amount_wan: Decimal | None  # the same in 万元, for sorting and sums
    declared_total: Decimal | None
    declared_grade: str | None
    computed_total: Decimal | None
    computed_grade: str | None
    computed_grade_basis: str | None  # "computed" or "declared", where the portal gave a grade
    execution_rate: Decimal | None  # computed from the money, percent
    stated_execution_rate: Decimal | None  # as the form states it, percent
    errors: int  # active (not silenced) findings by severity
    warnings: int
    codes: tuple[str, ...]  # the active error and warning codes, sorted
    targets_met: int  # indicator rows whose actual value meets the target
    targets_judged: int  # rows the portal could judge (a number or a level on both sides)


def summarise(analysis) -> Summary:
    """The summary of an analysed record that loaded (``analysis.report`` is not None)."""
    report, computed = analysis.report, analysis.computed
    amount = report.headline_amount
    active = [f for f in analysis.findings if not f.silenced and f.severity != Severity.INFO]
    judged = [row.met for row in computed.indicators if row.met is not None] if computed else []
    return Summary(
        amount=amount,
        amount_wan=report.to_wan(amount),
        declared_total=report.declared.total,
        declared_grade=report.declared.grade,
        computed_total=computed.total if computed else None,
        computed_grade=computed.grade if computed else None,
        computed_grade_basis=computed.grade_basis if computed and computed.grade else None,
        execution_rate=computed.execution_rate if computed else None,
        stated_execution_rate=computed.stated_execution_rate if computed else None,
        errors=sum(1 for f in active if f.severity == Severity.ERROR),
        warnings=sum(1 for f in active if f.severity == Severity.WARNING),
        codes=tuple(sorted({f.code for f in active})),
        targets_met=sum(1 for met in judged if met),
        targets_judged=len(judged),
    )
