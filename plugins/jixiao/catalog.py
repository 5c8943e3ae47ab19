"""The cross-record view: one entry per published report, and the indexes built from them.

Built once per build from the analyses; every index page and export reads it, none re-reads a
record. Entries carry only what an index row shows, so index pages stay small.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .checks._make import fmt
from .findings import Severity


@dataclass
class Entry:
    id: str
    url: str
    title: str
    year: int
    kind: str
    kind_label: str
    department: str
    region: list[str]
    evaluator: str
    scheme: str
    unit: str
    amount: Decimal | None  # as declared, in the record's unit
    amount_wan: Decimal | None  # normalised to 万元 for sorting and sums
    declared_total: Decimal | None
    declared_grade: str | None
    computed_total: Decimal | None
    computed_grade: str | None
    errors: int
    warnings: int
    published: bool

    @property
    def amount_text(self) -> str:
        return "" if self.amount is None else f"{fmt(self.amount)} {self.unit}"

    @property
    def region_text(self) -> str:
        return " · ".join(self.region)


def entry_of(analysis, url: str, today: date) -> Entry:
    from .publication import is_public

    report, computed = analysis.report, analysis.computed
    amount = report.headline_amount
    active = analysis.active()
    return Entry(
        id=report.id,
        url=url,
        title=report.title,
        year=report.year,
        kind=report.kind,
        kind_label=report.kind_label,
        department=report.department or "",
        region=list(report.region),
        evaluator=report.evaluator or "",
        scheme=report.scheme,
        unit=report.unit,
        amount=amount,
        amount_wan=report.to_wan(amount),
        declared_total=report.declared.total,
        declared_grade=report.declared.grade,
        computed_total=computed.total if computed else None,
        computed_grade=computed.grade if computed else None,
        errors=sum(1 for f in active if f.severity == Severity.ERROR),
        warnings=sum(1 for f in active if f.severity == Severity.WARNING),
        published=is_public(report, today),
    )


class Catalog:
    def __init__(self, analyses, urls: dict[str, str], edition: str = "public", today: date | None = None):
        today = today or date.today()
        self.edition = edition
        self.entries = sorted(
            (entry_of(a, urls[a.path], today) for a in analyses),
            key=lambda e: (-e.year, e.title),
        )
