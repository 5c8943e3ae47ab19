"""Every address the portal gives its pages and data files, in one place.

Addresses are MkDocs directory URLs relative to the site's root (``browse/year/2024/``); a
generated page's source path is its address and ``index.md``. A report's page is where its record
file is, under ``reports_dir`` (MkDocs gives it). The templates reach the same object as
``routes``: ``{{ routes.scheme(report.scheme) | url }}``.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE = "page"  # a list's page N is at <list>/page/N/ (so no name may take this segment)


@dataclass(frozen=True)
class Routes:
    reports_dir: str = "reports"  # the plugin's option: where the records are, and the all-reports list

    browse = "browse/"
    indicators = "indicators/"
    quality = "quality/"
    dashboard = "dashboard/"
    schemes = "schemes/"
    rules = "rules/"
    format = "format/"
    # Not search/: Material's search plugin wrote its index there, and an old deployment may
    # still hold it.
    search = "jiansuo/"
    data = "data/"

    @property
    def reports(self) -> str:
        """The all-reports list."""
        return f"{self.reports_dir}/"

    def dimension(self, key: str) -> str:
        """A way of browsing (year, region, department …): browse/<key>/, its groups below it."""
        return f"{self.browse}{key}/"

    def indicator(self, slug: str) -> str:
        return f"{self.indicators}{slug}/"

    def finding(self, code: str) -> str:
        """The reports with one finding code (数据质量)."""
        return f"{self.quality}{code}/"

    def scheme(self, key: str) -> str:
        return f"{self.schemes}{key}/"

    def data_file(self, name: str) -> str:
        return f"{self.data}{name}"

    @property
    def search_names(self) -> str:
        """The folder of the search's name lookup (search_names.py)."""
        return f"{self.data}names/"

    def sections(self) -> tuple[str, ...]:
        """The sections' own pages, which sum up the whole collection (the tabs of the nav)."""
        return (self.reports, self.browse, self.indicators, self.quality, self.dashboard, self.schemes,
                self.search, self.format, self.rules)

    @staticmethod
    def list_page(base: str, number: int) -> str:
        """Page ``number`` (1 …) of the list at ``base``."""
        return base if number == 1 else f"{base}{PAGE}/{number}/"

    @staticmethod
    def source(url: str) -> str:
        """The source path of the generated page at ``url``."""
        return f"{url}index.md"


ROUTES = Routes()
