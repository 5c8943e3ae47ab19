"""The `jixiao` MkDocs plugin: records in, disclosure pages and indexes out.

All cross-record work happens once, in ``on_files``; each page event afterwards is a dictionary
lookup, so the cost of a page does not grow with the number of reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..catalog import Catalog
from ..checks._make import fmt, plain
from ..collection import Analysis, load_collection
from ..findings import Severity
from ..presentation import view_of
from ..publication import is_public
from ..record.schema import field_rows
from ..rules import RULES
from ..sanitize import sanitize_html
from .config import JixiaoConfig

log = get_plugin_logger(__name__)

# Codes that keep a record off the site: without them the page would be wrong or collide.
BLOCKING = {"parse-error", "schema-error", "duplicate-id"}


@dataclass
class GeneratedPage:
    title: str
    template: str
    context: dict = field(default_factory=dict)


class JixiaoPlugin(BasePlugin[JixiaoConfig]):
    def on_config(self, config):
        self.reports: dict[str, Analysis] = {}  # src_uri -> analysis, for pages that are reports
        self.generated: dict[str, GeneratedPage] = {}
        self.catalog: Catalog | None = None
        self.today = date.fromisoformat(self.config.today) if self.config.today else date.today()
        return config

    def on_files(self, files: Files, config) -> Files:
        # Why here: the only event that sees every file before the nav exists. Records are loaded,
        # scored and checked once; each record file is swapped for a virtual file holding only its
        # narrative, so MkDocs never parses the front matter a second time.
        docs_dir = Path(config.docs_dir)
        reports_root = docs_dir / self.config.reports_dir
        scheme_dirs = []
        if self.config.schemes_dir:
            scheme_dirs.append(Path(config.config_file_path).parent / self.config.schemes_dir)
        collection = load_collection(reports_root, scheme_dirs=scheme_dirs, base=docs_dir) if reports_root.is_dir() else None
        analyses = collection.analyses if collection else []
        published: list[Analysis] = []
        left_out = 0
        for analysis in analyses:
            src_uri = analysis.path
            original = files.get_file_from_path(src_uri)
            blocking = [f for f in analysis.findings if f.code in BLOCKING and f.severity == Severity.ERROR]
            if blocking:
                for item in blocking:
                    log.warning("%s（该报告未发布）", item.text())
            elif analysis.findings and any(f.code == "unknown-scheme" for f in analysis.findings):
                log.warning("%s", next(f for f in analysis.findings if f.code == "unknown-scheme").text())
            keep = not blocking and (self.config.edition == "internal" or is_public(analysis.report, self.today))
            if original is not None:
                files.remove(original)
            if not keep:
                left_out += 1
                continue
            files.append(File.generated(config, src_uri, content=analysis.loaded.body))
            self.reports[src_uri] = analysis
            published.append(analysis)
        urls = {src: files.get_file_from_path(src).url for src in self.reports}
        self.catalog = Catalog(published, urls, edition=self.config.edition, today=self.today)
        self._add_page(files, config, f"{self.config.reports_dir}/index.md",
                       GeneratedPage("全部报告", "jixiao/reports-index.html"))
        self._add_page(files, config, "rules/index.md", GeneratedPage("核验规则", "jixiao/rules.html"))
        self._add_page(files, config, "format/index.md",
                       GeneratedPage("记录格式", "jixiao/format.html", {"fields": field_rows()}))
        if collection:
            summary = collection.summary()
            log.info(
                "%d 份记录，发布 %d 份，未发布 %d 份；核验结论 错误 %d、警告 %d、提示 %d",
                summary["files"], len(published), left_out, summary["errors"], summary["warnings"], summary["infos"],
            )
        return files

    def _add_page(self, files: Files, config, src_uri: str, page: GeneratedPage) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:  # a hand-written page of that name wins; keep its content
            return
        files.append(File.generated(config, src_uri, content=f"# {page.title}\n"))
        self.generated[src_uri] = page

    def on_page_markdown(self, markdown, page, config, files):
        # Why here: the template must be chosen after MkDocs reads the page and before it renders.
        src_uri = page.file.src_uri
        if src_uri in self.reports:
            page.meta["template"] = "jixiao/report.html"
            page.meta["title"] = self.reports[src_uri].report.title
            page.meta["hide"] = ["navigation"]  # the wide official tables need the room
        elif src_uri in self.generated:
            spec = self.generated[src_uri]
            page.meta["template"] = spec.template
            page.meta["title"] = spec.title
            return ""  # the template renders the whole page
        return markdown

    def on_page_content(self, html, page, config, files):
        # Narrative text is written by units: sanitise it before any template sees it.
        if page.file.src_uri in self.reports:
            return sanitize_html(html)
        return html

    def on_page_context(self, context, page, config, nav):
        src_uri = page.file.src_uri
        if src_uri in self.reports:
            analysis = self.reports[src_uri]
            context["jx"] = view_of(analysis)
            context["report"] = analysis.report
        elif src_uri in self.generated:
            context.update(self.generated[src_uri].context)
        context["catalog"] = self.catalog
        context["rules"] = RULES
        context["edition"] = self.config.edition
        return context

    def on_env(self, env, config, files):
        env.filters["jx_figure"] = fmt  # declared figures, as written
        env.filters["jx_computed"] = plain  # the portal's own figures
        return env
