"""The cross-record view: one entry per published report, and the indexes built from them.

Built once per build from the analyses; every index page, the dashboard and the exports read it,
none re-reads a record. Entries carry only what an index row shows, so index pages stay small.

Scale: a province publishes tens of thousands of reports, so no page may list them all (except
the all-reports index, whose rows load lazily). Lists are paginated (pages.py), the
indicator catalogue gives a page only to the 500 names most used by three reports or more (the
others are in data/indicator-names.json for the lookup box), the dashboard bins its scatter
plot, and summaries shown on every page of a list are computed once: every page stays the same
size, and costs the same, however many reports there are.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, timedelta
from decimal import Decimal

from .addresses import unique_segments
from .routes import ROUTES
from ..core.bulk import collector_paused
from ..core.publication import china_today
from ..core.figures import fmt
from ..core.findings import Severity
from ..core.rules import RULES
from ..core.summary import Summary, summarise
from ..core.values import normalise_name, parse_value

PAGE_SIZE = 100
UNKNOWN = "未载明"
# A catalogue page for an indicator name once this many reports use it; the rest are in
# indicators.csv. Capped so that real-world naming variety cannot multiply the page count.
INDICATOR_PAGE_MIN_REPORTS = 3
INDICATOR_PAGE_LIMIT = 500


def slug(text: str) -> str:
    """A short stable URL segment for any name (department names hold brackets, slashes …)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class Entry(Summary):
    """A report in the catalog: its summary (core/summary.py), where it is and what it is."""

    id: str
    src_uri: str
    url: str
    title: str
    year: int
    kind: str
    kind_label: str
    department: str
    region: list[str]
    evaluator: str
    scheme: str
    scheme_title: str
    unit: str
    published: bool
    publish_date: str | None
    draft: bool
    evaluated_on: str | None = None
    indicator_keys: tuple[str, ...] = ()  # normalised indicator names, for a group's profile

    @property
    def amount_doubtful(self) -> bool:
        """The checker found the money's unit implausible: keep it out of sums across reports."""
        return "unit-magnitude" in self.codes

    @property
    def amount_wan_for_sums(self) -> Decimal | None:
        return None if self.amount_doubtful else self.amount_wan

    @property
    def amount_text(self) -> str:
        return "" if self.amount is None else f"{fmt(self.amount)} {self.unit}"

    @property
    def finding_titles(self) -> list[str]:
        """Its findings in words (核验规则's titles), errors first."""
        known = sorted((RULES[code].severity.rank, RULES[code].title) for code in self.codes if code in RULES)
        return [title for _, title in known] + ["其他核验结论" for code in self.codes if code not in RULES]

    @property
    def report_date(self) -> str | None:
        """The report's own date, 年-月-日: the day it became public (the day after its embargo),
        else the day the evaluation was dated; None when the record states neither."""
        if self.publish_date:
            return (date.fromisoformat(self.publish_date) + timedelta(days=1)).isoformat()
        return written_date(self.evaluated_on)

    @property
    def feed_date(self) -> str | None:
        """The feed's date of the report: its own date, else the last day of its year."""
        return self.report_date or (f"{self.year}-12-31" if self.year else None)

    @property
    def region_text(self) -> str:
        return " · ".join(self.region)

    @property
    def province(self) -> str:
        return self.region[0]

    @property
    def city(self) -> str | None:
        return self.region[1] if len(self.region) > 1 else None

    @property
    def district(self) -> str | None:
        return self.region[2] if len(self.region) > 2 else None


_WRITTEN_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def written_date(text: str | None) -> str | None:
    """A date as units write it (2021/7/16, 2024-03-09, 2021年7月16日) as 年-月-日, if it is one."""
    found = _WRITTEN_DATE.search(text or "")
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups())).isoformat()
    except ValueError:
        return None


def entry_of(analysis, url: str, today: date) -> Entry:
    from ..core.publication import is_public

    report = analysis.report
    return Entry(
        **vars(summarise(analysis)),
        id=report.id,
        src_uri=analysis.path,
        url=url,
        title=report.title,
        year=report.year,
        kind=report.kind,
        kind_label=report.kind_label,
        department=report.department or UNKNOWN,
        region=list(report.region),
        evaluator=report.evaluator or UNKNOWN,
        scheme=report.scheme,
        scheme_title=analysis.scheme.title if analysis.scheme else report.scheme,
        unit=report.unit,
        published=is_public(report, today),
        publish_date=report.publish_date,
        draft=not report.publish,
        evaluated_on=report.evaluated_on,
        indicator_keys=tuple(dict.fromkeys(normalise_name(row.name) for row in report.indicators)),
    )


@dataclass
class Group:
    """One value of one dimension (the year 2024, the department X) and its reports."""

    dimension: str
    key: str
    label: str
    entries: list[Entry] = field(default_factory=list)
    children: list["Group"] = field(default_factory=list)  # cities of a province, departments in it
    slug: str = ""  # its URL segment among its siblings (addresses.py), set once the groups exist
    url: str = ""  # its page: browse/<dimension>/<slug>/…

    @property
    def departments(self) -> int:
        """How many departments, on the department dimension's province groups."""
        return len(self.children) if self.dimension == "department" else 0

    @property
    def count(self) -> int:
        return len(self.entries)

    # Cached: every page of a paginated group shows the group's totals, and a group only changes
    # while the catalog is being built, before any page reads it.
    @cached_property
    def amount_wan(self) -> Decimal:
        return sum((e.amount_wan_for_sums for e in self.entries if e.amount_wan_for_sums is not None), Decimal(0))

    @cached_property
    def doubtful(self) -> int:
        return sum(1 for e in self.entries if e.amount_doubtful)

    @cached_property
    def grades(self) -> list[tuple[str, int]]:
        return Counter(e.declared_grade or "未评级" for e in self.entries).most_common()


@dataclass
class Dimension:
    key: str
    title: str  # 按年份
    label: str  # 年份
    groups: list[Group]
    note: str = ""


@dataclass
class IndicatorUse:
    entry: Entry
    category: str | None  # None on forms without a category column
    name: str
    target: str | None
    actual: str | None
    weight: Decimal | None  # None on rows printed without one
    declared: Decimal | None
    computed: Decimal | None
    met: bool | None


@dataclass
class IndicatorName:
    """One normalised indicator name and every row that uses it. Its summaries are cached: each
    page of a long catalogue page shows them, and the rows never change once the catalog exists."""

    key: str  # normalised name
    name: str  # the most common spelling
    uses: list[IndicatorUse]

    @property
    def slug(self) -> str:
        return slug(self.key)

    @property
    def count(self) -> int:
        return len(self.uses)

    @cached_property
    def reports(self) -> int:
        return len({use.entry.id for use in self.uses})

    @cached_property
    def met_share(self) -> tuple[int, int]:
        judged = [use.met for use in self.uses if use.met is not None]
        return sum(1 for met in judged if met), len(judged)

    @cached_property
    def targets(self) -> list[tuple[str, int]]:
        """The spread of targets: how often each target was set, most common first."""
        return Counter((use.target or "（未写）") for use in self.uses).most_common(12)

    @cached_property
    def target_ranges(self) -> list["TargetRange"]:
        """Numeric targets per unit (%, 次, 户 …), most used unit first: a range across units
        (95% beside 2 次) would mean nothing."""
        by_unit: dict[str, list[Decimal]] = defaultdict(list)
        for use in self.uses:
            value = parse_value(use.target)
            if value.number is not None:
                by_unit["%" if value.percent else (value.unit or "")].append(value.number)
        ranges = []
        for unit, numbers in by_unit.items():
            numbers.sort()
            ranges.append(TargetRange(unit, len(numbers), numbers[0], _median(numbers), numbers[-1]))
        return sorted(ranges, key=lambda r: (-r.count, r.unit))


@dataclass(frozen=True)
class TargetRange:
    unit: str  # "%" or a counting unit; "" for a bare number
    count: int
    low: Decimal
    median: Decimal
    high: Decimal


def _median(numbers: list[Decimal]) -> Decimal:
    middle = len(numbers) // 2
    if len(numbers) % 2:
        return numbers[middle]
    return (numbers[middle - 1] + numbers[middle]) / 2


UNDATED = "未注明年份"


def _indicator_rows(analysis, entry: Entry) -> list[tuple]:
    """(name's key, name, use) of each indicator row of ``analysis``, in its order."""
    report, computed = analysis.report, analysis.computed
    results = computed.indicators if computed else [None] * len(report.indicators)
    return [(normalise_name(row.name), row.name, IndicatorUse(
        entry, row.category, row.name, row.target_text, row.actual_text, row.weight, row.score,
        result.computed if result else None, result.met if result else None,
    )) for row, result in zip(report.indicators, results)]


class Catalog:
    def __init__(self, analyses, urls: dict[str, str], edition: str = "public", today: date | None = None,
                 previous: "Catalog | None" = None):
        """``previous``: the catalog of the same site a moment ago (a served site after a save):
        the rows of every analysis it already had, the very same object, are taken from it."""
        today = today or china_today()
        self.edition = edition
        self.today = today
        self.analyses = list(analyses)
        same = previous is not None and previous.today == today
        known = previous._rows if same else {}
        self._rows: dict[int, tuple] = {}  # id(analysis) -> (analysis, its entry, its indicator rows)
        # Profiles (profiles.py) of groups whose entries are the very same objects: see profile_of.
        self.profiles: dict[tuple, tuple] = {}
        self.earlier_profiles: dict[tuple, tuple] = previous.profiles if same else {}
        with collector_paused():  # hundreds of thousands of rows, all kept: see bulk.py
            for a in self.analyses:
                row = known.get(id(a))
                if row is None or row[0] is not a or row[1].url != urls[a.path]:
                    # The entry and the indicator rows together: a stored record is read back once.
                    entry = entry_of(a, urls[a.path], today)
                    row = (a, entry, _indicator_rows(a, entry))
                self._rows[id(a)] = row
            self.entries = sorted((row[1] for row in self._rows.values()), key=lambda e: (-(e.year or 0), e.title, e.id))
            self.address_clashes: list[tuple[str, list[str]]] = []
            self.dimensions = self._dimensions()
            self.indicators = self._indicators()
            self.quality = self._quality()

    # --- dimensions ---

    def _group(self, dimension: str, key_of, label_of=None, order=None, entries=None) -> list[Group]:
        groups: dict[str, Group] = {}
        for entry in self.entries if entries is None else entries:
            key = key_of(entry)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(dimension, key, label_of(entry) if label_of else key)
            group.entries.append(entry)
        return sorted(groups.values(), key=order or (lambda g: (-g.count, g.label)))

    def _dimensions(self) -> list[Dimension]:
        # a draft whose document states no year is grouped apart, after every year
        years = self._group("year", lambda e: str(e.year) if e.year else UNDATED,
                            order=lambda g: -int(g.key) if g.key.isdigit() else 1)
        provinces = self._group("region", lambda e: e.province)
        for province in provinces:  # province → city → district (县区, or a street in a municipality)
            province.children = self._places(province.entries, 1)
            for city in province.children:
                city.children = self._places(city.entries, 2)
        dimensions = [
            Dimension("year", "按年份", "年份", years),
            Dimension("region", "按地区", "地区", provinces),
            self._departments(),
            Dimension("kind", "按评价类型", "评价类型", self._group("kind", lambda e: e.kind, lambda e: e.kind_label)),
            Dimension("grade", "按等级", "等级", self._group("grade", lambda e: e.declared_grade or "未评级")),
            Dimension("evaluator", "按评价机构", "评价机构",
                      self._group("evaluator", lambda e: e.evaluator,
                                  entries=[e for e in self.entries if e.evaluator not in (e.department, UNKNOWN)]),
                      note="只列出由本单位以外的机构（主管部门、财政部门或受托第三方）评价的报告；单位自评见“按评价类型”。"),
            Dimension("scheme", "按评分办法", "评分办法",
                      self._group("scheme", lambda e: e.scheme, lambda e: e.scheme_title)),
        ]
        for dimension in dimensions:
            # Years, kinds and scheme ids are their own address; names are read as pinyin.
            by_key = dimension.key in ("year", "kind", "scheme")
            self._address(dimension.groups, ROUTES.dimension(dimension.key), by_key)
        return dimensions

    def _address(self, groups: list[Group], base: str, by_key: bool) -> None:
        """Each group's address under ``base``, from its own name alone: adding reports never
        moves a page (addresses.py); names that read alike among siblings are reported."""
        segments, clashes = unique_segments(g.key if by_key else g.label for g in groups)
        self.address_clashes.extend((base, names) for names in clashes)
        for group in groups:
            group.slug = segments[group.key if by_key else group.label]
            group.url = f"{base}{group.slug}/"
            self._address(group.children, group.url, False)

    @staticmethod
    def _places(entries: list[Entry], level: int) -> list[Group]:
        """The places at ``level`` of the region (1 city, 2 district) under ``entries``' common one."""
        places: dict[str, Group] = {}
        for entry in entries:
            if len(entry.region) > level:
                key = "/".join(entry.region[:level + 1])
                places.setdefault(key, Group("region", key, entry.region[level])).entries.append(entry)
        return sorted(places.values(), key=lambda g: (-g.count, g.label))

    def _departments(self) -> Dimension:
        """Departments province by province (a department's name is only unique within a place):
        the province's page lists its departments, each department has its profile."""
        provinces = self._group("department", lambda e: e.province)
        for province in provinces:
            province.children = self._group("department", lambda e: f"{e.province}/{e.department}",
                                            lambda e: e.department, entries=province.entries)
        return Dimension("department", "按主管部门", "主管部门", provinces,
                         note="按省级地区列出各主管部门；每个部门的页面先给出它的统计，再列出它的报告。")

    def dimension(self, key: str) -> Dimension:
        return next(d for d in self.dimensions if d.key == key)

    # --- indicator catalogue ---

    def _indicators(self) -> list[IndicatorName]:
        uses: dict[str, list[IndicatorUse]] = defaultdict(list)
        spellings: dict[str, Counter] = defaultdict(Counter)
        for analysis in self.analyses:
            for key, name, use in self._rows[id(analysis)][2]:
                spellings[key][name] += 1
                uses[key].append(use)
        names = [IndicatorName(key, spellings[key].most_common(1)[0][0], rows) for key, rows in uses.items()]
        # How many reports use each name, counted once per report (an entry's keys are distinct):
        # the same as each name's own count of distinct report ids, in one pass.
        per_name = Counter(key for entry in self.entries for key in entry.indicator_keys)
        for name in names:
            name.__dict__["reports"] = per_name[name.key]  # the cached_property's value
        return sorted(names, key=lambda n: (-n.reports, n.name))

    @cached_property
    def shared_indicators(self) -> list[IndicatorName]:
        """Names used by several reports: the ones worth a page of their own (most used first)."""
        return [n for n in self.indicators if n.reports >= INDICATOR_PAGE_MIN_REPORTS][:INDICATOR_PAGE_LIMIT]

    @cached_property
    def names_token(self) -> int:
        """What a group's profile reads of the whole catalog: each name's spelling and which
        names have a page."""
        return hash((tuple((n.key, n.name) for n in self.indicators), tuple(n.key for n in self.shared_indicators)))

    @cached_property
    def indicator_names(self) -> dict[str, IndicatorName]:
        return {n.key: n for n in self.indicators}

    def department_url(self, province: str, department: str) -> str | None:
        """The profile page of a department of a province."""
        if not hasattr(self, "_department_urls"):
            self._department_urls = {(p.label, d.label): d.url
                                     for p in self.dimension("department").groups for d in p.children}
        return self._department_urls.get((province, department))

    def indicator_slug(self, name: str) -> str | None:
        """The catalogue page of an indicator name, if it has one (a dictionary lookup per row)."""
        if not hasattr(self, "_indicator_slugs"):
            self._indicator_slugs = {n.key: n.slug for n in self.shared_indicators}
        return self._indicator_slugs.get(normalise_name(name))

    # --- data quality ---

    def _quality(self) -> list[dict]:
        by_code: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for code in entry.codes:
                by_code[code].append(entry)
        rows = []
        for code, entries in by_code.items():
            rule = RULES.get(code)
            rows.append({
                "code": code,
                "title": rule.title if rule else code,
                "severity": rule.severity if rule else Severity.WARNING,
                "entries": entries,
            })
        return sorted(rows, key=lambda r: (r["severity"].rank, -len(r["entries"]), r["code"]))

    # --- dashboard aggregates ---

    def by_year(self) -> list[dict]:
        """The dated reports year by year (drafts whose document states no year are not on a time axis)."""
        return [
            {"year": int(g.key), "count": g.count, "amount_wan": g.amount_wan, "doubtful": g.doubtful}
            for g in sorted(self.dimension("year").groups, key=lambda g: int(g.key) if g.key.isdigit() else 0)
            if g.key.isdigit()
        ]

    def grade_counts(self) -> list[tuple[str, int]]:
        return [(g.label, g.count) for g in self.dimension("grade").groups]

    def score_bins(self) -> list[tuple[str, int]]:
        bins = [("< 60", 0, 60), ("60–70", 60, 70), ("70–80", 70, 80), ("80–90", 80, 90), ("90–100", 90, 101)]
        counts = Counter()
        for entry in self.entries:
            total = entry.declared_total
            if total is None:
                continue
            for label, low, high in bins:
                if low <= total < high:
                    counts[label] += 1
        return [(label, counts[label]) for label, _, _ in bins]

    def rate_score_grid(self) -> dict:
        """Execution rate against declared score, binned 10 × 10, so the chart's size is constant."""
        rate_edges = [0, 50, 60, 70, 80, 85, 90, 95, 98, 100, 10**9]
        score_edges = [0, 60, 65, 70, 75, 80, 85, 90, 95, 98, 10**9]

        def bin_of(value, edges):
            for index in range(len(edges) - 1):
                if edges[index] <= value < edges[index + 1]:
                    return index
            return len(edges) - 2

        cells = Counter()
        points = 0
        for entry in self.entries:
            if entry.execution_rate is None or entry.declared_total is None:
                continue
            cells[(bin_of(entry.execution_rate, rate_edges), bin_of(entry.declared_total, score_edges))] += 1
            points += 1
        rate_labels = [f"{rate_edges[i]}–{rate_edges[i + 1]}" if rate_edges[i + 1] < 10**9 else f"≥{rate_edges[i]}"
                       for i in range(len(rate_edges) - 1)]
        score_labels = [f"{score_edges[i]}–{score_edges[i + 1]}" if score_edges[i + 1] < 10**9 else f"≥{score_edges[i]}"
                        for i in range(len(score_edges) - 1)]
        return {"cells": cells, "rate_labels": rate_labels, "score_labels": score_labels, "points": points}

    # --- the home page ---

    @cached_property
    def counts(self) -> dict:
        years = [int(g.key) for g in self.dimension("year").groups if g.key.isdigit()]
        places = {tuple(e.region[:depth]) for e in self.entries for depth in range(1, len(e.region) + 1)}
        return {
            "reports": len(self.entries),
            "years": len(years), "first_year": min(years, default=None), "last_year": max(years, default=None),
            "provinces": len(self.dimension("region").groups), "places": len(places),
            "departments": sum(g.departments for g in self.dimension("department").groups),
            "amount_wan": sum((e.amount_wan_for_sums for e in self.entries if e.amount_wan_for_sums is not None), Decimal(0)),
            "clean": sum(1 for e in self.entries if not e.errors and not e.warnings),
        }

    def latest(self, count: int = 8) -> list[Entry]:
        """The latest disclosures: by the report's own date, else its year (see Entry.report_date)."""
        return sorted(self.entries, key=lambda e: (e.report_date or f"{e.year or 0:04d}-00-00", e.id), reverse=True)[:count]

    def most_serious(self, count: int = 8) -> list[Entry]:
        """The reports with the most serious findings: errors first, then warnings, newest first."""
        flagged = [e for e in self.entries if e.errors or e.warnings]
        return sorted(flagged, key=lambda e: (-e.errors, -e.warnings, -(e.year or 0), e.id))[:count]

    def finding_counts(self) -> list[tuple[str, int]]:
        return [(row["code"], len(row["entries"])) for row in self.quality]


def pages_of(items: list, size: int = PAGE_SIZE) -> list[list]:
    """``items`` cut into lists of ``size``; an empty list is one empty page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]
