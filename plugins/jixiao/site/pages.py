"""The generated pages of the portal: which exist, at what address, with which template and data.

Every page here is virtual (``File.generated``): nothing is written into content/. Lists are
paginated (``page_size`` rows, the plugin's option) so that their size does not grow with the
collection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..core.record.schema import field_rows
from ..core.rules import RULES
from . import scheme_text
from .catalog import PAGE_SIZE, Catalog, pages_of
from .charts import bar_chart, grid_chart
from .profiles import profile_of
from .routes import ROUTES, Routes


@dataclass
class GeneratedPage:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    # Values of the context made only when the page is rendered, by the process that renders it:
    # a department's or a place's figures (profiles.py) are read by its page alone, and made for
    # all 6,000-odd of them here, they kept every other core waiting (half a second at 10,000
    # reports).
    deferred: dict[str, Callable[[], object]] = field(default_factory=dict)

    def full_context(self) -> dict:
        return {**self.context, **{name: make() for name, make in self.deferred.items()}}


def _paginate(base: str, items: list, size: int):
    """Split ``items`` into pages at ``base`` (…/), page 2 on at base/page/N/. Yields the page's
    source path, its number (1 …), its items and the context every paginated template reads."""
    chunks = pages_of(items, size)
    urls = [Routes.list_page(base, n) for n in range(1, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        yield Routes.source(urls[number - 1]), number, chunk, {
            "first": (number - 1) * size + 1,
            "pagination": {"current": number, "urls": urls} if len(chunks) > 1 else None,
        }


def _numbered(title: str, number: int) -> str:
    return title if number == 1 else f"{title}（第 {number} 页）"


def _listing(base: str, title: str, entries, crumbs, size: int, extra: dict | None = None):
    """A paginated list of reports (one group of one dimension, or one finding code)."""
    for src, number, chunk, paging in _paginate(base, entries, size):
        context = {"heading": title, "crumbs": crumbs, "entries": chunk, "total": len(entries), **paging, **(extra or {})}
        yield src, GeneratedPage(_numbered(title, number), "jixiao/listing.html", context)


def _profile(group, title: str, catalog: Catalog, crumbs, dimension, size: int):
    """A department's or a place's pages: its own figures first (profiles.py), then its reports."""
    for src, page in _listing(group.url, title, group.entries, crumbs, size, {"group": group, "dimension": dimension}):
        if src == Routes.source(group.url):
            page.deferred["profile"] = partial(profile_of, group.entries, catalog)
        yield src, page


def _places(pages: dict, place, names: list[str], catalog: Catalog, crumbs, dimension, size: int) -> None:
    """A place's profile and, below it, its cities or districts (province → city → district)."""
    pages.update(_profile(place, f"地区：{' · '.join(names)}", catalog, crumbs, dimension, size))
    for child in place.children:
        _places(pages, child, names + [child.label], catalog, crumbs + [(place.label, place.url)], dimension, size)


def portal_pages(catalog: Catalog, reports_dir: str, page_size: int = PAGE_SIZE,
                 schemes: dict | None = None) -> dict[str, GeneratedPage]:
    """Every generated page, by source path. Lists are cut into pages of ``page_size`` rows so
    that, but for the all-reports table (whose rows load from JSON), no page grows with the
    collection."""
    pages: dict[str, GeneratedPage] = {}
    routes = Routes(reports_dir)
    browse = ("分类浏览", routes.browse)
    pages[routes.source(routes.reports)] = GeneratedPage("全部报告", "jixiao/reports-index.html", {
        "preview": catalog.entries[:page_size], "page_size": page_size,
    })
    pages[routes.source(routes.browse)] = GeneratedPage("分类浏览", "jixiao/browse.html")
    for dimension in catalog.dimensions:
        base = routes.dimension(dimension.key)
        # The values themselves are paginated too: evaluators, for one, grow with the collection.
        for src, number, chunk, paging in _paginate(base, dimension.groups, page_size):
            pages[src] = GeneratedPage(_numbered(dimension.title, number), "jixiao/dimension.html",
                                       {"dimension": dimension, "groups": chunk, **paging})
        crumbs = [browse, (dimension.title, base)]
        for group in dimension.groups:
            if dimension.key == "department":
                # A province's page lists its departments; each department has its profile.
                for src, number, chunk, paging in _paginate(group.url, group.children, page_size):
                    pages[src] = GeneratedPage(_numbered(f"{group.label}各主管部门", number), "jixiao/departments.html",
                                               {"group": group, "groups": chunk, "crumbs": crumbs, **paging})
                for department in group.children:
                    pages.update(_profile(department, f"主管部门：{department.label}", catalog,
                                          crumbs + [(group.label, group.url)], dimension, page_size))
            elif dimension.key == "region":
                _places(pages, group, [group.label], catalog, crumbs, dimension, page_size)
            else:
                pages.update(_listing(group.url, f"{dimension.label}：{group.label}", group.entries, crumbs, page_size,
                                      {"group": group, "dimension": dimension}))
    pages[routes.source(routes.indicators)] = GeneratedPage("指标库", "jixiao/indicators.html")
    for name in catalog.shared_indicators:
        for src, number, chunk, paging in _paginate(routes.indicator(name.slug), name.uses, page_size):
            pages[src] = GeneratedPage(_numbered(f"指标：{name.name}", number), "jixiao/indicator.html",
                                       {"indicator": name, "uses": chunk, **paging})
    pages[routes.source(routes.quality)] = GeneratedPage("数据质量", "jixiao/quality.html")
    for row in catalog.quality:
        pages.update(_listing(routes.finding(row["code"]), f"数据质量：{row['title']}", row["entries"],
                              [("数据质量", routes.quality)], page_size, {"rule_code": row["code"]}))
    pages[routes.source(routes.dashboard)] = GeneratedPage("统计", "jixiao/dashboard.html", dashboard_context(catalog))
    pages.update(scheme_pages(catalog, schemes or {}))
    pages[routes.source(routes.rules)] = GeneratedPage("核验规则", "jixiao/rules.html")
    pages[routes.source(routes.format)] = GeneratedPage("记录格式", "jixiao/format.html",
                                                      {"fields": field_rows(), "schemes_known": sorted(schemes or {})})
    pages[routes.source(routes.search)] = GeneratedPage("检索", "jixiao/search.html", search_context(catalog))
    return pages


def scheme_pages(catalog: Catalog, schemes: dict) -> dict[str, GeneratedPage]:
    """评分办法: one page per scheme the site knows (shipped and the site's own), made from its file;
    each report links to its scheme's page, and the page to the reports that use it."""
    used = {group.key: group for group in catalog.dimension("scheme").groups}
    pages = {ROUTES.source(ROUTES.schemes): GeneratedPage("评分办法", "jixiao/schemes.html", {
        "schemes": [(scheme, used.get(key)) for key, scheme in sorted(schemes.items())],
    })}
    for key, scheme in schemes.items():
        pages[ROUTES.source(ROUTES.scheme(key))] = GeneratedPage(f"评分办法：{scheme.title}", "jixiao/scheme.html", {
            "jx_scheme": scheme, "group": used.get(key), "text": scheme_text,
            "grade_rows": scheme_text.grade_rows(scheme),
            "execution_rows": scheme_text.execution_rows(scheme.execution) if scheme.execution else [],
        })
    return pages


def search_context(catalog: Catalog) -> dict:
    """The 检索 page's filter choices, from the catalog: the values the index holds."""
    return {
        "years": [g.key for g in catalog.dimension("year").groups],
        "provinces": [(g.label, [c.label for c in g.children]) for g in catalog.dimension("region").groups],
        "kinds": [g.label for g in catalog.dimension("kind").groups],
        "grades": [g.label for g in catalog.dimension("grade").groups],
    }


def dashboard_context(catalog: Catalog) -> dict:
    years = catalog.by_year()
    grid = catalog.rate_score_grid()
    return {
        "years": years,
        "count_chart": bar_chart([(row["year"], row["count"]) for row in years]),
        "money_chart": bar_chart([(row["year"], row["amount_wan"].quantize(1)) for row in years]),
        "grades": catalog.grade_counts(),
        "grade_chart": bar_chart(catalog.grade_counts()),
        "scores": catalog.score_bins(),
        "score_chart": bar_chart(catalog.score_bins()),
        "grid": grid,
        "grid_chart": grid_chart(grid["cells"], grid["rate_labels"], grid["score_labels"]),
        "findings": catalog.finding_counts(),
        # Titles, not codes: a reader sees the finding in words (the table beside links the rule).
        "finding_chart": bar_chart([(RULES[code].title if code in RULES else code, count)
                                    for code, count in catalog.finding_counts()], label_width=190),
    }
