"""`mkdocs serve` that rebuilds only what a save changed.

MkDocs rebuilds the whole site on every change, and treats every generated page as modified, so
at 10,000 reports a save took minutes to show. Under `serve` the plugin keeps its state between
rebuilds (plugin.py) and takes MkDocs' rebuild in hand: when only record files changed, the
records whose content changed are read again (jixiao/core/live.py), the catalog is made again from
the records already scored, and only the pages a changed record appears on are rendered and
written: its own page, the lists of the groups it is in (before and after the edit), its
indicators' and findings' pages, and the pages that summarise the whole collection. A page that
appeared is added, one that is gone is removed. The report pages are written first and the
browser reloads with them; the lists follow in a thread (reloading the browser again), then the
open data, the feed, the sitemap and the search index of the changed years, with a note in the
log. Any other change (a hand-written page, the configuration) is a full build, as before.

The server learns of a save from the system rather than by MkDocs' polling (watch_natively).
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
from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent)

from ..site.catalog import Catalog, slug
from ..site.pages import portal_pages
from ..site.routes import Routes

log = get_plugin_logger(__name__)

_PAGINATED = re.compile(r"^(.*?)(?:page/\d+/)?index\.md$")


def _findings(analysis) -> tuple:
    return tuple((f.code, f.field, f.message, f.line, f.silenced, f.severity) for f in analysis.findings)


def _owner(src_uri: str) -> str:
    """The address a generated page belongs to: its list's first page (…/page/N/ is page N)."""
    found = _PAGINATED.match(src_uri)
    return found.group(1) if found else src_uri


# The changes a save makes. Opening or reading a file is none: the build itself reads the
# hand-written pages on every update, and would otherwise start the next one.
_CHANGES = (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
            DirCreatedEvent, DirDeletedEvent, DirMovedEvent)


def watch_natively(server) -> bool:
    """Let the server learn of a save from the operating system (inotify on Linux) rather than
    by polling. MkDocs polls its watched folders every 0.5 s, each time listing and stat-ing every
    file of them and comparing the two lists: at 10,000 records 0.2–1 s of processor time a
    poll, spent while serving idle and again before each update can start, so a save waited up
    to a second to be seen at all. Where the system has no such notice (watchdog falls back to
    polling), or it cannot be set up, MkDocs' own watcher stays. True when replaced."""
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:  # pragma: no cover - watchdog comes with MkDocs
        return False
    if issubclass(Observer, PollingObserver):
        return False
    paths = dict(getattr(server, "_watched_paths", None) or {})
    if not paths or getattr(server, "observer", None) is None or server.observer.is_alive():
        return False

    class Changes(Observer):
        def schedule(self, handler, path, *, recursive=False, event_filter=None, **more):
            return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or list(_CHANGES), **more)

    polling = server.observer
    try:
        for path, count in paths.items():
            for _ in range(count):
                server.unwatch(path)
        server.observer = Changes()
        for path, count in paths.items():
            for _ in range(count):
                server.watch(path)
    except Exception as error:  # noqa: BLE001 - any failure leaves MkDocs' watcher as it was
        log.info("未能改用系统的文件变动通知（%s），仍按 MkDocs 的方式轮询", error)
        server.observer = polling
        server._watched_paths, server._watch_refs = {}, {}
        for path, count in paths.items():
            for _ in range(count):
                server.watch(path)
        return False
    return True


class LiveSite:
    def __init__(self, plugin):
        self.plugin = plugin
        self.others = self._other_files()
        self.server = None
        self._lists: threading.Thread | None = None
        self._lists_failed = False
        self._later: threading.Thread | None = None
        self._pending_years: set[str] = set()
        self._pending_gone: list[Path] = []

    def attach(self, server) -> None:
        """The server of `mkdocs serve`: it learns of saves from the system (watch_natively), and
        browsers showing a list reload when the lists are written after the report."""
        self.server = server
        watch_natively(server)

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
            log.info("增量更新用时 %.2f 秒（报告页；索引页随后写出）", time.perf_counter() - started)
            return
        self.wait()  # the background work of the old build must not write into the new one
        full()
        self.plugin.live_site = self  # the full build's on_serve is not called again
        self.others = self._other_files()
        self._lists_failed = False

    def wait(self) -> None:
        """Until the lists and the background work (open data, feed, sitemap, search) are written."""
        self._wait_lists()
        if self._later is not None:
            self._later.join()

    def _wait_lists(self) -> None:
        if self._lists is not None:
            self._lists.join()

    # --- the update ---

    def update(self) -> bool:
        """The report pages a save changed, written before this returns (the browser then
        reloads); the lists they appear on follow in a thread of their own (``_write_lists``),
        which the next update waits for. At 10,000 reports the lists (the summaries of the
        whole collection, each group's, indicator's and finding's pages) are most of the
        rendering of an update: the page being edited need not wait for them."""
        plugin = self.plugin
        self._wait_lists()  # the previous save's lists are the state this one starts from
        if (plugin.catalog is None or plugin.live_records is None or self._lists_failed
                or self._other_files() != self.others):
            return False
        changed = plugin.live_records.refresh()
        if not changed:
            return True
        config, files = plugin.site_config, plugin.site_files
        old_catalog, old_reports = plugin.catalog, plugin.reports
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

        # Which records show differently: read again, or another record changed their findings.
        # An unchanged record keeps its very analysis and entry (live.py, catalog.py): only the
        # others are compared.
        old_entries = {e.src_uri: e for e in old_catalog.entries}
        new_entries = {e.src_uri: e for e in catalog.entries}
        moved = set()
        for src in old_entries.keys() | new_entries.keys():
            old, new = old_entries.get(src), new_entries.get(src)
            if old is not new and old != new:
                moved.add(src)
        redo_reports = set()
        for src, analysis in reports.items():
            old = old_reports.get(src)
            if src in changed or src in moved or (analysis is not old and (old is None or _findings(analysis) != _findings(old))):
                redo_reports.add(src)
        # An indicator name that got or lost its page: every page naming it links to it or not,
        # its reports' and their groups' profiles.
        names = {n.key for n in old_catalog.shared_indicators} ^ {n.key for n in catalog.shared_indicators}
        linked = {e.src_uri for e in catalog.entries if names & set(e.indicator_keys)} if names else set()
        redo_reports |= linked & reports.keys()
        touched = [e for e in (old_entries.get(src) for src in moved) if e] + [e for e in (new_entries.get(src) for src in moved) if e]

        plugin.reports, plugin.catalog = reports, catalog
        gone = sorted(old_reports.keys() - reports.keys())
        gone_pages = []
        for src in gone:
            file = files.get_file_from_path(src)
            if file is not None:
                files.remove(file)
                gone_pages.append(Path(file.abs_dest_path))
                self._remove_output(Path(file.abs_dest_path), Path(config.site_dir))
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for src in sorted(redo_reports):
            self._render(src, doc_files)
        log.info("增量更新：%d 份记录有改动，重写 %d 个报告页，删除 %d 页",
                 len(changed), len(redo_reports), len(gone))

        # The search parts to index again: the years of the records that moved in the catalog,
        # and of every report page written again (an edit of the narrative alone moves nothing
        # in the catalog, but changes what the page is found by).
        years = {str(e.year) if e.year else "未注明" for e in touched}
        years |= {e.src_uri.split("/")[1] for e in touched if "/" in e.src_uri}
        for src in redo_reports:
            year = reports[src].report.year
            years.add(str(year) if year else "未注明")
            if "/" in src:
                years.add(src.split("/")[1])

        def lists():
            try:
                self._write_lists(catalog, old_catalog, collection.schemes, moved | linked, touched, gone_pages)
            except Exception:  # noqa: BLE001 - the next save builds the whole site instead
                log.exception("索引页未能更新；下次保存时将完整重建")
                self._lists_failed = True
                return
            self._reload_browsers()
            self._later_work(catalog, years, gone_pages)

        self._lists = threading.Thread(target=lists, name="jixiao-lists", daemon=True)
        self._lists.start()
        return True

    def _render(self, src: str, doc_files) -> None:
        plugin = self.plugin
        config, files = plugin.site_config, plugin.site_files
        file = files.get_file_from_path(src)
        if file.page is None:
            Page(None, file, config)
        _populate_page(file.page, config, files)
        _build_page(file.page, config, doc_files, plugin.site_nav, plugin.env)

    def _write_lists(self, catalog: Catalog, old_catalog: Catalog, schemes, moved: set[str], touched: list,
                     gone_pages: list[Path]) -> None:
        """The generated pages the records in ``moved`` are on, before and after the save (every
        group, indicator, finding and scheme page they are listed on), the summaries of the
        whole collection and the hand-written pages; pages that appeared are added, those gone
        removed (their paths join ``gone_pages``)."""
        started = time.perf_counter()
        plugin = self.plugin
        config, files = plugin.site_config, plugin.site_files
        old_generated = plugin.generated
        pages = portal_pages(catalog, plugin.config.reports_dir, plugin.config.page_size, schemes)
        routes = Routes(plugin.config.reports_dir)
        # The sections' pages are made from the whole collection (counts, lists of groups, the
        # dashboard): rendered again on every change. Every other generated page belongs to one
        # group, indicator, finding or scheme.
        summaries = {routes.source(url) for url in routes.sections()}
        generated = {src: page for src, page in pages.items()
                     if src in old_generated or files.get_file_from_path(src) is None}
        owners = set()
        for cat in (old_catalog, catalog):
            for dimension in cat.dimensions:
                owners.add(routes.dimension(dimension.key))
                todo = list(dimension.groups)
                while todo:
                    group = todo.pop()
                    if any(e.src_uri in moved for e in group.entries):
                        owners.add(group.url)
                        todo.extend(group.children)
        for entry in touched:
            owners.update(routes.indicator(slug(key)) for key in entry.indicator_keys)
            owners.update(routes.finding(code) for code in entry.codes)
            owners.add(routes.scheme(entry.scheme))
        redo_pages = {src for src in generated if src in summaries or _owner(src) in owners or src not in old_generated}

        plugin.generated = generated
        for src in old_generated.keys() - generated.keys():
            file = files.get_file_from_path(src)
            if file is not None:
                files.remove(file)
                gone_pages.append(Path(file.abs_dest_path))
                self._remove_output(Path(file.abs_dest_path), Path(config.site_dir))
        for src in generated.keys() - old_generated.keys():
            inclusion = InclusionLevel.UNDEFINED if src.count("/") == 1 and src.endswith("/index.md") else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src, content="", inclusion=inclusion))
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        hand_written = [f.src_uri for f in doc_files if f.src_uri not in plugin.reports and f.src_uri not in generated]
        for src in sorted(redo_pages) + hand_written:
            self._render(src, doc_files)
        log.info("索引页：重写 %d 页，删除 %d 页，用时 %.2f 秒", len(redo_pages) + len(hand_written),
                 len(old_generated.keys() - generated.keys()), time.perf_counter() - started)

    def _reload_browsers(self) -> None:
        """Browsers showing a page of the site reload once the lists are written, as they did
        when the report was (MkDocs' live reload, told of a new version of the site)."""
        server = self.server
        condition = getattr(server, "_epoch_cond", None)
        if condition is None or not hasattr(server, "_visible_epoch"):
            return
        with condition:
            server._visible_epoch = max(server._visible_epoch + 1, round(time.monotonic() * 1000))
            condition.notify_all()

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
