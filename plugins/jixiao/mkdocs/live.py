"""`mkdocs serve` that rebuilds only what a save changed.

MkDocs rebuilds the whole site on every change, and treats every generated page as modified, so
at 10,000 reports a save took minutes to show. Under `serve` the plugin keeps its state between
rebuilds (plugin.py) and takes MkDocs' rebuild in hand: when only record files changed, the
records whose content changed are read again (jixiao/core/live.py), the catalog is made again from
the records already scored, and only the pages a changed record appears on are rendered and
written: its own page, the lists of the groups it is in (before and after the edit), its
indicators' and findings' pages, and the pages that summarise the whole collection. A page that
appeared is added, one that is gone is removed. The open data, the feed, the sitemap and the
search index of the changed years follow in the background, with a note in the log, so the
browser reloads as soon as the pages are written. Any other change (a hand-written page, the
configuration) is a full build, as before.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from pathlib import Path

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from ..site.catalog import Catalog, slug
from ..site.pages import portal_pages

log = get_plugin_logger(__name__)

_PAGINATED = re.compile(r"^(.*?)(?:page/\d+/)?index\.md$")
# Pages made from the whole collection (counts, lists of groups, the dashboard): rendered again on
# every change. Every other generated page belongs to one group, indicator, finding or scheme.
SUMMARIES = ("reports/index.md", "browse/index.md", "indicators/index.md", "quality/index.md",
             "dashboard/index.md", "schemes/index.md", "jiansuo/index.md", "format/index.md", "rules/index.md")


def _findings(analysis) -> tuple:
    return tuple((f.code, f.field, f.message, f.line, f.silenced, f.severity) for f in analysis.findings)


def _owner(src_uri: str) -> str:
    """The address a generated page belongs to: its list's first page (…/page/N/ is page N)."""
    found = _PAGINATED.match(src_uri)
    return found.group(1) if found else src_uri


class LiveSite:
    def __init__(self, plugin):
        self.plugin = plugin
        self.others = self._other_files()
        self._later: threading.Thread | None = None
        self._pending_years: set[str] = set()
        self._pending_gone: list[Path] = []

    # --- what changed ---

    def _other_files(self) -> dict[str, tuple[int, int]]:
        """Stamps of the files of the content folder outside the records, and of the configuration."""
        config = self.plugin.site_config
        docs = Path(config.docs_dir)
        reports = os.path.realpath(docs / self.plugin.config.reports_dir)
        stamps = {}
        paths = [Path(config.config_file_path)] if config.config_file_path else []
        for folder, dirs, files in os.walk(docs):
            if os.path.realpath(folder) == reports:
                dirs[:] = []
                continue
            paths.extend(Path(folder, name) for name in files)
        for path in paths:
            try:
                stat = path.stat()
                stamps[str(path)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                pass
        return stamps

    def rebuild(self, full) -> None:
        """MkDocs' rebuild under `serve`: the pages a record changed, else the whole site."""
        started = time.perf_counter()
        try:
            done = self.update()
        except Exception as error:  # the full build reports it in the usual words, if it is real
            log.warning("增量更新未能完成（%s），改为完整重建", error)
            done = False
        if done:
            log.info("增量更新用时 %.2f 秒", time.perf_counter() - started)
            return
        self.wait()  # the background work of the old build must not write into the new one
        full()
        self.plugin.live_site = self  # the full build's on_serve is not called again
        self.others = self._other_files()

    def wait(self) -> None:
        """Until the background work (open data, feed, sitemap, search) is written."""
        if self._later is not None:
            self._later.join()

    # --- the update ---

    def update(self) -> bool:
        plugin = self.plugin
        if plugin.catalog is None or plugin.live_records is None or self._other_files() != self.others:
            return False
        changed = plugin.live_records.refresh()
        if not changed:
            return True
        config, files, nav, env = plugin.site_config, plugin.site_files, plugin.site_nav, plugin.env
        old_catalog, old_reports, old_generated = plugin.catalog, plugin.reports, plugin.generated
        old_findings = {src: _findings(analysis) for src, analysis in old_reports.items()}
        collection = plugin.live_records.collection()

        reports, published = {}, []
        for analysis in collection.analyses:
            if analysis.path in changed:
                plugin._report_errors(analysis)
            if plugin._publishable(analysis):
                reports[analysis.path] = analysis
                published.append(analysis)
        for src in reports.keys() - old_reports.keys():
            files.append(File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        urls = {src: files.get_file_from_path(src).url for src in reports}
        catalog = Catalog(published, urls, edition=plugin.config.edition, today=plugin.today, previous=old_catalog)
        pages = portal_pages(catalog, plugin.config.reports_dir, plugin.config.page_size, collection.schemes)
        generated = {src: page for src, page in pages.items()
                     if src in old_generated or files.get_file_from_path(src) is None}

        # Which records show differently: read again, or another record changed their findings.
        old_entries = {e.src_uri: e for e in old_catalog.entries}
        new_entries = {e.src_uri: e for e in catalog.entries}
        moved = {src for src in old_entries.keys() | new_entries.keys() if old_entries.get(src) != new_entries.get(src)}
        redo_reports = {src for src, analysis in reports.items()
                        if src in changed or src in moved or _findings(analysis) != old_findings.get(src)}
        # An indicator name that got or lost its page: every page naming it links to it or not,
        # its reports' and their groups' profiles.
        names = {n.key for n in old_catalog.shared_indicators} ^ {n.key for n in catalog.shared_indicators}
        linked = {e.src_uri for e in catalog.entries if names & set(e.indicator_keys)} if names else set()
        redo_reports |= linked & reports.keys()

        # Which generated pages: those of every group, indicator, finding and scheme a changed
        # record is in, before and after, and the summaries.
        owners = set()
        touched = [e for e in (old_entries.get(src) for src in moved) if e] + [e for e in (new_entries.get(src) for src in moved) if e]
        for cat in (old_catalog, catalog):
            for dimension in cat.dimensions:
                owners.add(f"browse/{dimension.key}/")
                todo = list(dimension.groups)
                while todo:
                    group = todo.pop()
                    if any(e.src_uri in moved or e.src_uri in linked for e in group.entries):
                        owners.add(group.url)
                        todo.extend(group.children)
        for entry in touched:
            owners.update(f"indicators/{slug(key)}/" for key in entry.indicator_keys)
            owners.update(f"quality/{code}/" for code in entry.codes)
            owners.add(f"schemes/{entry.scheme}/")
        redo_pages = {src for src in generated if src in SUMMARIES or _owner(src) in owners or src not in old_generated}

        plugin.reports, plugin.generated, plugin.catalog = reports, generated, catalog
        gone = [src for src in old_reports.keys() - reports.keys()] + [src for src in old_generated.keys() - generated.keys()]
        gone_pages = []
        for src in gone:
            file = files.get_file_from_path(src)
            if file is not None:
                files.remove(file)
                gone_pages.append(Path(file.abs_dest_path))
                self._remove_output(Path(file.abs_dest_path), Path(config.site_dir))
        for src in generated.keys() - old_generated.keys():
            inclusion = InclusionLevel.UNDEFINED if src.count("/") == 1 and src.endswith("/index.md") else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src, content="", inclusion=inclusion))

        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        hand_written = [f.src_uri for f in doc_files if f.src_uri not in reports and f.src_uri not in generated]
        for src in sorted(redo_reports) + sorted(redo_pages) + hand_written:
            file = files.get_file_from_path(src)
            if file.page is None:
                Page(None, file, config)
            _populate_page(file.page, config, files)
            _build_page(file.page, config, doc_files, nav, env)
        log.info("增量更新：%d 份记录有改动，重写 %d 个报告页、%d 个索引页，删除 %d 页",
                 len(changed), len(redo_reports), len(redo_pages) + len(hand_written), len(gone))

        years = {str(e.year) if e.year else "未注明" for e in touched}
        self._later_work(catalog, years | {e.src_uri.split("/")[1] for e in touched if "/" in e.src_uri}, gone_pages)
        return True

    @staticmethod
    def _remove_output(page: Path, site: Path) -> None:
        """A page that is gone: its folder when the page is a folder's index (a report's folder
        holds its report.json too), and the folders left empty above it."""
        folder = page.parent
        if page.name == "index.html" and folder != site:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            page.unlink(missing_ok=True)
        folder = folder.parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def _later_work(self, catalog: Catalog, years: set[str], gone: list[Path]) -> None:
        """Open data, feed, sitemap and the search index of the changed years, after the pages.
        One at a time; when saves come faster than this work, the last one does it for all."""
        plugin = self.plugin
        previous = self._later
        self._pending_years |= years
        self._pending_gone.extend(gone)

        def work():
            if previous is not None:
                previous.join()
            if threading.current_thread() is not self._later:
                return  # a later save's work covers this one's
            years, gone = self._pending_years, self._pending_gone
            self._pending_years, self._pending_gone = set(), []
            started = time.perf_counter()
            config, files, nav, env = plugin.site_config, plugin.site_files, plugin.site_nav, plugin.env
            _build_theme_template("sitemap.xml", env, files, config, nav)
            plugin.write_data(config, catalog)
            site = Path(config.site_dir)
            for page in gone:  # the open data writes a report.json beside each report page
                if not page.exists():
                    self._remove_output(page, site)
            plugin.index_search(config, catalog, only=years)
            log.info("开放数据、订阅、站点地图和检索索引（%s 年）已在后台更新，用时 %.1f 秒",
                     "、".join(sorted(years)), time.perf_counter() - started)

        log.info("开放数据、订阅、站点地图和检索索引稍后在后台更新")
        self._later = threading.Thread(target=work, name="jixiao-later", daemon=True)
        self._later.start()
