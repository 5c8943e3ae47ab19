"""The `jixiao` MkDocs plugin: records in, disclosure pages, indexes and open data out.

All cross-record work happens once, in ``on_files``; each page event afterwards is a dictionary
lookup, so the cost of a page does not grow with the number of reports.

Lifecycle: ``on_startup`` makes MkDocs keep one instance for a whole ``mkdocs serve`` session
(MkDocs re-creates plugins without it on every rebuild); ``on_config`` drops what the previous
build knew, and ``on_build_error`` / ``on_shutdown`` give the frozen objects back to the garbage
collector, so that neither a failed build nor a long serve session holds memory it no longer needs.
"""

from __future__ import annotations

import gc
import gzip
import json
from functools import partial
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..site.catalog import UNKNOWN, Catalog
from ..core.figures import fmt, plain
from ..core.bulk import CollectionBetweenItems, collector_paused
from ..core.collection import Analysis, load_collection
from ..site.exports import write_exports
from ..core.findings import Severity
from ..core.live import LiveCollection
from ..core.record_store import RecordStoreError
from ..site.presentation import view_of
from ..site.narrative import NarrativeRenderer
from ..core.publication import china_today, is_public
from ..core.rules import BLOCKING, RULES
from ..core.schemes import SchemeError
from .compiled_templates import compiled_templates
from .config import JixiaoConfig
from .contents import content_files_refused
from .fragments import SharedFragments
from .live import LiveSite
from ..site.pages import GeneratedPage, portal_pages
from ..site.routes import Routes
from ..site.search_names import write_names
from .search import build_index, dictionary_tokens, text_tokens
from .search_parts import plan

log = get_plugin_logger(__name__)

FEED_SIZE = 50
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"


def _ours(template_name: str | None) -> bool:
    return bool(template_name) and template_name.startswith(("jixiao/", "partials/jixiao/"))


def _in_nav(src_uri: str) -> bool:
    """Only the portal's section pages (reports/index.md, browse/index.md …) may appear in a nav
    MkDocs makes itself: with thousands of report and list pages in it, every page would carry
    the whole nav and the build would grow with the square of the pages."""
    return src_uri.count("/") == 1 and src_uri.endswith("/index.md")


def _render_empty(page: Page, config, files) -> None:
    """What ``Page.render`` makes of empty Markdown, without a converter; Markdown that another
    plugin has put in after ours is rendered by MkDocs as usual."""
    if page.markdown.strip():
        Page.render(page, config, files)
        return
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


class JixiaoPlugin(BasePlugin[JixiaoConfig]):
    def __init__(self):
        super().__init__()
        self.serving = False
        self.narratives: NarrativeRenderer | None = None
        # Under `serve` (live.py): the records as last read, and the state of the last build
        # that an update after a save renders into.
        self.live_records: LiveCollection | None = None
        self.live_site: LiveSite | None = None
        self.site_config = self.site_files = self.site_nav = None
        # A file to write the search index's arguments to, instead of indexing (parallel.py)
        self.index_later: str | None = None
        self.page_collection: CollectionBetweenItems | None = None  # while pages are written
        self._forget()

    def on_startup(self, *, command, dirty):
        # Why: with this event MkDocs keeps this one instance across the rebuilds of `mkdocs serve`,
        # so what costs the same every build (the narrative converter) is made once per session.
        self.serving = command == "serve"
        self.narratives = NarrativeRenderer()

    def on_shutdown(self):
        self._forget()

    def on_config(self, config):
        self._forget()  # under `mkdocs serve`: nothing of the previous build is reused by mistake
        self.today = self.config.today or china_today()
        self.routes = Routes(self.config.reports_dir)
        self.site_config = config
        if self.narratives is None:  # built without on_startup (MkDocs' own API allows it)
            self.narratives = NarrativeRenderer()
        return config

    def on_build_error(self, *, error):
        # A failed build skips on_post_build: the frozen records and pages go back to the collector here.
        self._forget()

    def _forget(self) -> None:
        self.pages_written()
        gc.unfreeze()
        if getattr(self, "record_store", None) is not None:
            self.record_store.close()
        self.record_store = None  # the records kept in a file (core/record_store.py), if any
        self.visible = None
        self.reports: dict[str, Analysis] = {}  # src_uri -> analysis, for pages that are reports
        self.generated: dict[str, GeneratedPage] = {}
        self.catalog: Catalog | None = None
        self.data_written = False  # write_data has run for this build

    def on_files(self, files: Files, config) -> Files:
        # Why here: the only event that sees every file before the nav exists. Records are loaded,
        # scored and checked once; each record file is swapped for an empty virtual page whose
        # content the plugin renders itself (narrative.py), so MkDocs never reads a record: not
        # its front matter, and not its narrative with the site's Markdown extensions.
        docs_dir = Path(config.docs_dir)
        reports_root = docs_dir / self.config.reports_dir
        scheme_dirs = []
        if self.config.schemes_dir:
            scheme_dirs.append(Path(config.config_file_path).parent / self.config.schemes_dir)
        visible = None if self.config.edition == "internal" else (lambda report: is_public(report, self.today))
        self.visible = visible
        # Everything made here lives until the build ends (records, catalog, page specs), and
        # holds no cycles that die young: the collector, triggered by their allocations, would
        # only walk them again and again, and a collection at the end finds nothing (at 10,000
        # reports it took a second, the page specs' collections two). Frozen, the collections
        # while MkDocs renders the pages do not walk them; unfrozen when the build ends. Frozen
        # before the collector is back: back first, its first collection walked every object made
        # here (0.75 s at 10,000 reports, with the other core idle) to free some 500 at 2,000.
        with collector_paused():
            self._collect_pages(files, config, docs_dir, reports_root, scheme_dirs, visible)
            gc.freeze()
        self.site_files = files
        return files

    def _collect_pages(self, files: Files, config, docs_dir: Path, reports_root: Path, scheme_dirs: list, visible) -> None:
        """The records loaded and checked, the catalog made, and ``files`` given a page for
        each published report and each page of the portal."""
        collection = None
        if reports_root.is_dir() or reports_root.is_symlink():
            try:
                if self.serving:  # each record read once, and again only when its file changes (live.py)
                    self.live_records = LiveCollection(reports_root, scheme_dirs=scheme_dirs, base=docs_dir, visible=visible)
                    collection = self.live_records.collection()
                else:
                    collection = load_collection(reports_root, scheme_dirs=scheme_dirs, base=docs_dir, visible=visible,
                                                 jobs=self.config.jobs, in_memory=self.config.records_in_memory)
                    self.record_store = collection.store
            except SchemeError as error:  # a scheme decides every score: no build without it
                raise PluginError(error.headline) from None
            except RecordStoreError as error:
                raise PluginError(str(error)) from None
        for file in content_files_refused(files, docs_dir, self.config.reports_dir):
            files.remove(file)
        published: list[Analysis] = []
        for analysis in collection.analyses if collection else []:
            self._report_errors(analysis)
            if self._publishable(analysis):
                files.append(File.generated(config, analysis.path, content="", inclusion=InclusionLevel.NOT_IN_NAV))
                self.reports[analysis.path] = analysis
                published.append(analysis)
        urls = {src: files.get_file_from_path(src).url for src in self.reports}
        self.catalog = Catalog(published, urls, edition=self.config.edition, today=self.today)
        for base, names in self.catalog.address_clashes:  # addresses.py: names that read alike
            log.info("%s 下的名称读音相同，地址各加名称的标记以示区别：%s", base, "、".join(names))
        schemes = collection.schemes if collection else {}
        for src_uri, page in portal_pages(self.catalog, self.config.reports_dir, self.config.page_size, schemes).items():
            if files.get_file_from_path(src_uri) is None:  # a hand-written page of that name wins
                inclusion = InclusionLevel.UNDEFINED if _in_nav(src_uri) else InclusionLevel.NOT_IN_NAV
                files.append(File.generated(config, src_uri, content="", inclusion=inclusion))
                self.generated[src_uri] = page
        if collection:
            summary = collection.summary()
            log.info("%d 个文件，%s版发布 %d 份；核验结论 错误 %d、警告 %d、提示 %d",
                     summary["files"], "公开" if self.config.edition == "public" else "内部", len(published),
                     summary["errors"], summary["warnings"], summary["infos"])

    def _report_errors(self, analysis: Analysis) -> None:
        """Every error `jixiao check` reports is a warning of the build, so `--strict` fails on
        exactly what check fails on; a file that is not a record is named too."""
        for item in analysis.active():
            if item.severity == Severity.ERROR:
                blocked = "（该报告未发布）" if item.code in BLOCKING else ""
                log.warning("%s%s", item.text(), blocked)
            elif item.code == "not-a-record":
                log.warning("%s", item.text())

    def _publishable(self, analysis: Analysis) -> bool:
        if not analysis.ok or any(f.code in BLOCKING and f.severity == Severity.ERROR for f in analysis.findings):
            return False
        # The edition's rule, as the checks across records applied it (a stored record is not read back).
        return self.config.edition == "internal" or analysis.facts(self.visible).shown

    def on_nav(self, nav, config, files):
        # Without a `nav:` MkDocs makes a section of every folder, so each of the portal's sections
        # would show as its folder's name (Browse, Reports) holding its one page. They become the
        # pages themselves, as the repository's nav lists them: the same nav, the same cost per page.
        if config.nav is None:
            nav.items = [self._unwrapped(item) for item in nav.items]
        self.site_nav = nav
        return nav

    def _unwrapped(self, item):
        if (isinstance(item, Section) and len(item.children) == 1 and isinstance(item.children[0], Page)
                and item.children[0].file.src_uri in self.generated):
            page = item.children[0]
            page.parent = None
            return page
        return item

    def on_pre_page(self, page, config, files):
        # Why here: the last event before MkDocs reads and renders the page's Markdown. A report's
        # or a list's Markdown is empty (on_page_markdown), and MkDocs would still make a Markdown
        # converter with every extension of the site to render it: 0.3 ms a page, 20,000 pages at
        # 10,000 reports.
        if page.file.src_uri in self.reports or page.file.src_uri in self.generated:
            page.render = partial(_render_empty, page)
        return page

    def on_page_markdown(self, markdown, page, config, files):
        # Why here: the template must be chosen after MkDocs reads the page and before it renders.
        # The metadata of a report page is the plugin's alone: nothing of a record reaches it raw.
        src_uri = page.file.src_uri
        if src_uri in self.reports:
            # Material renders titles unescaped (<title>, header, nav): a unit's text must be markup-safe.
            page.meta = {
                "template": "jixiao/report.html",
                "title": escape(self.reports[src_uri].report.title),
                "hide": ["navigation"],  # the wide official tables need the room
            }
            return ""  # the narrative is rendered by on_page_content, without the site's extensions
        if src_uri in self.generated:
            spec = self.generated[src_uri]
            page.meta = {
                "template": spec.template,
                "title": escape(spec.title),  # may hold a department's name
                "hide": ["navigation", "toc"],  # index tables need the full width
                "search": {"exclude": True},  # indexes are not what a reader searches for
            }
            return ""  # the template renders the whole page
        return markdown

    def on_page_content(self, html, page, config, files):
        # Narrative text is written by units: rendered as report text only, sanitised, and its
        # contents list made of escaped text and plain anchors (narrative.py).
        analysis = self.reports.get(page.file.src_uri)
        if analysis is None:
            return html
        narrative = self.narratives.render(analysis.loaded.body)
        page.toc = get_toc([heading.token() for heading in narrative.headings])
        return narrative.html

    def on_page_context(self, context, page, config, nav):
        src_uri = page.file.src_uri
        if src_uri in self.reports:
            analysis = self.reports[src_uri]
            context["jx"] = view_of(analysis)
            context["report"] = analysis.report
            context["jx_public"] = is_public(analysis.report, self.today)
            context["entry_data"] = "report.json"
        elif src_uri in self.generated:
            context.update(self.generated[src_uri].full_context())
        context["jx_shared"] = self.fragments.key(page, context["base_url"])  # main.html, fragments.py
        context["catalog"] = self.catalog
        context["rules"] = RULES
        context["edition"] = self.config.edition
        context["today"] = self.today
        return context

    def on_env(self, env, config, files):
        # MkDocs' environment does not autoescape (Material relies on raw HTML in page.content).
        # Our templates show strings written by units, so they, and only they, autoescape.
        previous = env.autoescape
        env.autoescape = lambda name: _ours(name) or (previous(name) if callable(previous) else bool(previous))
        if env.bytecode_cache is None:  # templates compiled by an earlier build are read, not compiled again
            env.bytecode_cache = compiled_templates()
        env.filters["jx_figure"] = fmt  # declared figures, as written
        env.filters["jx_computed"] = plain  # the portal's own figures
        env.globals["routes"] = self.routes  # every address a template links to (site/routes.py)
        env.filters["jx_search_tokens"] = dictionary_tokens  # the search index's user dictionary
        env.filters["jx_search_text_tokens"] = text_tokens  # and the pieces of the running text
        # Why here: the nav is final, and the pages are rendered next (fragments.py).
        self.fragments = SharedFragments(nav=self.site_nav)
        env.globals["jx_once"] = self.fragments.once
        self.env = env
        # Why here: MkDocs has just rendered every page's Markdown and keeps it until the build
        # ends; freeze those objects too, so that collections while templates render walk only
        # the objects of the page in hand (at 10,000 reports this was a tenth of the build).
        gc.collect()
        gc.freeze()
        self.pages_written()  # a second on_env of a served site: only one at a time
        self.page_collection = CollectionBetweenItems()  # see bulk.py; stopped when the build ends
        return env

    def on_post_page(self, output, page, config):
        # A report page's narrative HTML is not read again once its page is written: let it go
        # rather than hold the HTML of every report until the build ends.
        if page.file.src_uri in self.reports:
            page.content = None
            page.markdown = None
        if self.page_collection is not None:
            self.page_collection.item_done()
        return output

    def pages_written(self) -> None:
        """The collector as it was before the pages (for a build that does not end with on_post_build)."""
        if self.page_collection is not None:
            self.page_collection.stop()
        self.page_collection = None

    def on_serve(self, server, config, builder):
        # MkDocs rebuilds everything on a change; a change of records only updates the pages it
        # touches instead (live.py).
        if self.live_records is not None:
            self.live_site = LiveSite(self)
            full = server.builder
            server.builder = lambda: self.live_site.rebuild(full)
            self.live_site.attach(server)  # saves seen from the system; lists reload the browser too
        return server

    def on_post_build(self, config):
        # Why here: exports and the feed read the finished catalog and go beside the pages.
        # The frozen objects go back to the collector first: under `mkdocs serve` each rebuild
        # would otherwise keep the previous build's pages forever.
        self.pages_written()
        gc.unfreeze()
        if not self.data_written:  # a build by several processes writes it beside the pages (parallel.py)
            self.write_data(config, self.catalog)
        self.index_search(config, self.catalog)

    def write_data(self, config, catalog: Catalog) -> None:
        """Open data, the search's name lookup, the compressed sitemap and the feed, from ``catalog``."""
        site_dir = Path(config.site_dir)
        self.data_written = True
        write_exports(catalog, site_dir, self.config.edition)
        # Which parts of the search index hold each department and title: the header's search
        # reads only those. The parts as the index is planned, from the pages of the build.
        parts = plan(self.search_pages(), self.config.reports_dir, self.config.search_part_pages)
        part_of_page = {page: part.name for part in parts[1:] for page in part.pages}  # parts[0]: the main index
        files = self.site_files

        def part_of(entry):
            file = files.get_file_from_path(entry.src_uri)
            return part_of_page.get(file.dest_uri) if file is not None else None

        write_names(catalog.entries, site_dir / self.routes.search_names, part_of, UNKNOWN)
        # MkDocs stamps the compressed sitemap with the time of the build; the same content must
        # give the same bytes (theme/sitemap.xml leaves out <lastmod> for the same reason).
        sitemap = site_dir / "sitemap.xml"
        if sitemap.is_file():
            (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.read_bytes(), mtime=0))
        # An entry needs a date: a draft whose document states no year is not in the feed.
        dated = [e for e in catalog.entries if e.feed_date]  # the report's own date (catalog.Entry)
        newest = sorted(dated, key=lambda e: (e.feed_date, e.id), reverse=True)
        template = self.env.get_template("jixiao/feed-atom.html")  # .html: other theme files are copied as assets
        # The feed changed when its newest report did, not at every build.
        # An empty feed never changed: a fixed date, not the time of the build, so that two builds
        # of the same content are the same bytes.
        updated = f"{newest[0].feed_date}T00:00:00Z" if newest else EMPTY_FEED_UPDATED
        feed = template.render(config=config, entries=newest[:FEED_SIZE], updated=updated, site_url=(config.site_url or ""),
                               index_url=self.routes.reports)
        (site_dir / self.routes.data_file("feed.xml")).write_text(feed, encoding="utf-8")

    def index_search(self, config, catalog: Catalog, only: set[str] | None = None, missing: bool = True) -> None:
        """The search index; ``only``: the years (parts) to index again, the rest kept (see
        search.build_index for ``missing``)."""
        # Last: Pagefind reads the finished pages of this edition and writes site/pagefind/.
        years = sorted({str(entry.year) if entry.year else "未注明" for entry in catalog.entries})  # as report-search.html
        arguments = {"site_dir": str(config.site_dir), "edition": self.config.edition, "reports_dir": self.config.reports_dir,
                     "pages": self.search_pages(), "part_pages": self.config.search_part_pages, "jobs": self.config.jobs,
                     "years": years, "only": sorted(only) if only is not None else None, "missing": missing,
                     "memory_mb": self.config.search_memory}
        if self.index_later is not None:
            # A build in a process of its own (parallel.py) leaves the indexing to its parent,
            # which does not hold the records: what to index is all it needs.
            Path(self.index_later).write_text(json.dumps(arguments, ensure_ascii=False), encoding="utf-8")
            return
        build_index(**arguments)

    def search_pages(self) -> list[str]:
        """The pages the index reads, by their place in the site: the reports and the pages
        written by hand (the generated lists are not searched). Known from the build, not from
        the disk, so a build split over machines plans the same parts everywhere."""
        return sorted(file.dest_uri for file in self.site_files.documentation_pages() if file.src_uri not in self.generated)
