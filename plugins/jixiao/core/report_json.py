"""One report's declared and computed figures and findings as plain JSON data.

Shared by `jixiao check --format json`, the per-report JSON file on the site and the open data
exports, so that every consumer sees the same numbers under the same names.
"""

from __future__ import annotations

import json
from decimal import Decimal

from .figures import number, rate


def declared_json(report) -> dict:
    declared = report.declared
    return {
        "total": number(declared.total),
        "grade": declared.grade,
        "weight_total": number(declared.weight_total),
        "execution_rate": report.budget.execution_rate if report.budget else None,
    }


def computed_json(computed) -> dict | None:
    if computed is None:
        return None
    return {
        "total": number(computed.total),
        "grade": computed.grade,
        "grade_basis": computed.grade_basis,
        "weight_total": number(computed.weight_total) if computed.indicators else None,
        "declared_score_sum": number(computed.declared_score_sum) if computed.indicators else None,
        "execution_rate": rate(computed.execution_rate),
        "stated_execution_rate": rate(computed.stated_execution_rate),
        "categories": [
            {
                "name": category.name,
                "weight": number(category.weight),
                "points": number(category.points),
                "declared_score": number(category.declared_score),
                "score": number(category.computed_score),
            }
            for category in computed.categories
        ],
        "indicators": [
            {
                "name": result.name,
                "category": result.category,
                "weight": number(result.weight),
                "declared_score": number(result.declared),
                "computed_score": number(result.computed),
                "low": number(result.low),
                "high": number(result.high),
                "checkable": result.checkable,
                "basis": result.basis or result.reason,
            }
            for result in computed.indicators
        ],
        "budget_line": budget_line_json(computed.budget_line),
    }


def budget_line_json(line) -> dict | None:
    """The funding row whose 分值 counts toward the total (the national form's 年度资金总额)."""
    if line is None:
        return None
    return {
        "funding_row": line.index,
        "source": line.source,
        "weight": number(line.weight),
        "declared_score": number(line.declared),
        "computed_score": number(line.computed),
        "low": number(line.low),
        "high": number(line.high),
        "checkable": line.checkable,
        "basis": line.basis,
    }


def analysis_json(analysis) -> dict:
    report = analysis.report
    return {
        "id": report.id if report else None,
        "path": analysis.path,
        "title": report.title if report else None,
        "year": report.year if report else None,
        "scheme": report.scheme if report else None,
        "declared": declared_json(report) if report else None,
        "computed": computed_json(analysis.computed),
        "findings": [item.as_dict() for item in analysis.findings],
    }


def to_json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n"


def _default(value):
    if isinstance(value, Decimal):
        return number(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
