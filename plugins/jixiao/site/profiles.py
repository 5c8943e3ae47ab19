"""A department's or a place's own figures, for the top of its page (as GC InfoBase opens an
organisation's page): reports and money year by year, grades, the share of targets met, the
findings by kind and the indicators it uses most; the list of its reports follows.

Computed from the catalog's entries only (one pass over the group's reports), once per group.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..core.findings import Severity
from ..core.rules import RULES
from .charts import BarChart, bar_chart

TOP_INDICATORS = 10


@dataclass
class YearRow:
    year: str
    count: int
    amount_wan: Decimal
    doubtful: int


@dataclass
class FindingRow:
    code: str
    title: str
    severity: Severity
    reports: int


@dataclass
class IndicatorRow:
    name: str
    reports: int
    slug: str | None  # its catalogue page, when it has one


@dataclass
class Profile:
    count: int
    amount_wan: Decimal
    doubtful: int
    years: list[YearRow]
    year_chart: BarChart | None
    grades: list[tuple[str, int]]
    scored: int  # reports with a declared total
    mean_total: Decimal | None
    targets_met: int
    targets_judged: int
    clean: int  # reports with no error and no warning
    findings: list[FindingRow]
    indicators: list[IndicatorRow]
    departments: list[tuple[str, int]]  # a place's departments, most reports first

    @property
    def met_percent(self) -> Decimal | None:
        if not self.targets_judged:
            return None
        return (Decimal(100) * self.targets_met / self.targets_judged).quantize(Decimal("0.1"))


def profile_of(entries, catalog) -> Profile:
    """The figures of a group of reports. Under `mkdocs serve` a save changes few groups: a group
    whose entries are the very objects of the previous catalog (live.py keeps them), under the
    same indicator names, has the profile it had."""
    key = (catalog.names_token, tuple(map(id, entries)))
    known = catalog.profiles.get(key) or catalog.earlier_profiles.get(key)
    if known is None:
        known = (list(entries), _profile(entries, catalog))  # the entries kept: their ids stay theirs
    catalog.profiles[key] = known
    return known[1]


def _profile(entries, catalog) -> Profile:
    years: dict[str, YearRow] = {}
    grades: Counter = Counter()
    codes: Counter = Counter()
    indicators: Counter = Counter()
    departments: Counter = Counter()
    amount, doubtful, met, judged, clean, totals = Decimal(0), 0, 0, 0, 0, []
    for entry in entries:
        key = str(entry.year) if entry.year else "未注明"
        row = years.setdefault(key, YearRow(key, 0, Decimal(0), 0))
        row.count += 1
        if entry.amount_wan_for_sums is not None:
            row.amount_wan += entry.amount_wan_for_sums
            amount += entry.amount_wan_for_sums
        if entry.amount_doubtful:
            row.doubtful += 1
            doubtful += 1
        grades[entry.declared_grade or "未评级"] += 1
        codes.update(entry.codes)
        indicators.update(entry.indicator_keys)
        departments[entry.department] += 1
        met += entry.targets_met
        judged += entry.targets_judged
        clean += not entry.errors and not entry.warnings
        if entry.declared_total is not None:
            totals.append(entry.declared_total)
    year_rows = sorted(years.values(), key=lambda r: r.year)
    dated = [r for r in year_rows if r.year.isdigit()]
    findings = [
        FindingRow(code, RULES[code].title if code in RULES else code,
                   RULES[code].severity if code in RULES else Severity.WARNING, count)
        for code, count in codes.items()
    ]
    findings.sort(key=lambda r: (r.severity.rank, -r.reports, r.code))
    names = catalog.indicator_names
    return Profile(
        count=len(entries),
        amount_wan=amount,
        doubtful=doubtful,
        years=year_rows,
        year_chart=bar_chart([(r.year, r.count) for r in dated], label_width=60) if len(dated) > 1 else None,
        grades=grades.most_common(),
        scored=len(totals),
        mean_total=(sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None,
        targets_met=met,
        targets_judged=judged,
        clean=clean,
        findings=findings,
        indicators=[
            IndicatorRow(names[key].name if key in names else key, count, catalog.indicator_slug(key))
            for key, count in sorted(indicators.items(), key=lambda item: (-item[1], item[0]))[:TOP_INDICATORS]
        ],
        departments=departments.most_common(),
    )
