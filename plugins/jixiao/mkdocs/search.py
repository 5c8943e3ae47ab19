"""Full-text search: Pagefind indexes the written pages after the build, into <site>/pagefind/.

Why Pagefind: Material's built-in search sends the whole index to the browser on the first query
(15 MB at 1,000 reports, 74 MB at 5,000). Pagefind writes a chunked index: a query fetches the
small entry files, the index chunks holding its words, the filter chunks it uses and the
fragments of the results it shows. Its *extended* binary (PyPI ``pagefind[extended]``) segments
Chinese with jieba while indexing; the browser segments the query with ``Intl.Segmenter``.

What is indexed is decided by the templates, not here: report articles and hand-written pages
carry ``data-pagefind-body`` (theme/jixiao/report.html, theme/main.html); once any page does,
Pagefind leaves out every page that does not — the index pages, the dashboard, the 检索 page.
Data files are not HTML and are never read. Filters, sort keys and result metadata come from
the record (theme/partials/jixiao/report-search.html).

User dictionary: Pagefind has none (no CLI flag, config key or API argument; jieba's dictionary
is compiled into the binary), and the query is not cut by jieba at all but by the browser's
``Intl.Segmenter``, which disagrees with it often: the index holds 闵行区, 民政/局, 退役/军人
and 印制, the query asks for 闵/行/区, 民政局, 退役军人 and 印/制. Pagefind finds a page only when
each piece of the query is a word of it, or begins one that lies in the same index chunk — so
one-character pieces, which begin thousands of words, are as good as never extended. The
equivalent of a dictionary is in the metadata, the one place where Pagefind takes words as given
(split at spaces, not cut): each report gives its record's names (title, department, places,
sub-projects) in every piece of two to four characters (``dictionary_tokens``) and every
character of its text and names as a word of its own (``text_tokens``); indicator names stand in
the text. See theme/partials/jixiao/report-search.html.

Measured (scripts/bench, synthetic reports, 2 cores), the report is among the results for its
department, places and title in 100% of 100 sampled reports, for an indicator name in 99–100%
and for phrases of three to six characters from its narrative in 99%, at 1,000 and at 10,000
reports; with Pagefind alone (before the above) 62%, 84%, 82%, 92% and about 80%.
Indexing 10,000 reports takes 50 s on a quiet machine (57–77 s with other work running; without
the text's characters about 10 s less, but phrases found 88%); the bundle is 59 MB against
Material's 166 MB search_index.json, and a first query downloads 0.4–0.7 MB.

Each edition indexes its own site: the internal one holds its unpublished reports, the public one
has no page for them, so they cannot reach its index.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .pagefind_service import PagefindService, PagefindServiceError
from .search_parts import BUNDLE_DIR, PART_PAGES, PARTS_DIR, PARTS_FILE, Part, plan, site_pages
from .stable_index import stabilise

log = get_plugin_logger(__name__)

# One index for the whole site: every page is <html lang="zh">, and a stray lang attribute must
# not split the index into languages the search box never loads.
LANGUAGE = "zh"
TIMEOUT = 1800  # seconds for one request to Pagefind; a part of 1,500 reports is indexed in well under a minute
# Pagefind extends a query word to the longer words that begin with it only within the one index
# chunk that the query word falls in; a one-character word such as 居 begins thousands of words
# spread over several chunks. So the pieces a browser makes of a name (one to four characters:
# 闵/行/区, 民政局, 学前教育) are given as words of their own, however long the name; the
# one-character ones by text_tokens, the longer ones by dictionary_tokens.
PIECE_CHARS = 4


@dataclass
class IndexSummary:
    pages: int
    seconds: float
    bytes: int  # total size of the bundle on disk, its parts included
    parts: int = 1  # Pagefind indexes: the main one and one for each part (search_parts.py)


def _cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def dictionary_tokens(terms) -> str:
    """The record's names as the index's words: every piece of two to ``PIECE_CHARS`` characters
    that starts at a Chinese character (or at the start of a word), once each; the single
    characters are among ``text_tokens``.

    Whichever way the browser cuts a query for a name, each piece it makes is then a word of the
    page (see the module's docstring for why that is needed). Space-separated, for a
    ``data-pagefind-meta`` element: Pagefind splits metadata at spaces only.
    """
    tokens: dict[str, None] = {}
    for term in terms:
        for word in re.findall(r"\w+", str(term or "")):  # Pagefind drops punctuation from words too
            for start, char in enumerate(word):
                if start == 0 or _cjk(char):
                    for length in range(2, min(PIECE_CHARS, len(word) - start) + 1):
                        tokens.setdefault(word[start:start + length])
    return " ".join(tokens)


_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def text_tokens(*texts) -> str:
    """Every Chinese character of ``texts`` (HTML or plain; each may be a list of them), once
    each, space-separated. Tags and attributes hold no Chinese worth keeping.

    The words the index cuts from running text and the pieces the browser cuts from a query
    disagree as they do for names; where they do, the browser's pieces are nearly always single
    characters left over (印制 against 印/制, 人居 against 人/居), and with these each of them is a
    word of the page. Pairs of characters as well found hardly more and made indexing 10,000
    reports half again as slow.
    """
    flat = []
    for text in texts:
        flat.extend(text if isinstance(text, (list, tuple)) else [text])
    return " ".join(dict.fromkeys("".join(_CJK_RUN.findall(" ".join(str(t or "") for t in flat)))))


def pagefind_executable() -> Path:
    """The extended Pagefind binary: the plain one does not segment Chinese, and its index would
    silently find almost nothing, so it is refused rather than used."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise PluginError("检索索引需要 Pagefind 扩展版（支持中文分词）：请安装 pagefind[extended]") from exc
    return get_executable()


def bundle_size(site_dir: Path) -> int:
    bundle = Path(site_dir) / BUNDLE_DIR
    return sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())


def folders_without_search_pages(site_dir: Path) -> set[str]:
    """The top-level folders of a built site none of whose pages is marked for the index: for a
    caller that does not know which folders hold only generated pages (scripts/bench)."""
    skip = set()
    for folder in Path(site_dir).iterdir():
        if folder.is_dir() and folder.name != BUNDLE_DIR and not any(
                "data-pagefind-body" in page.read_text(encoding="utf-8", errors="replace")
                for page in folder.rglob("*.html")):
            skip.add(folder.name)
    return skip


class _Services:
    """The running Pagefinds of one indexing (pagefind_service.py) for its small parts
    (SHARED_SERVICE_MB), at most one per part being indexed at once: a part takes one that is
    free, or starts one."""

    def __init__(self, small_parts: int):
        self._free: list[PagefindService] = []
        self._all: list[PagefindService] = []
        self._lock = threading.Lock()
        self._small_left = small_parts  # once none is left, a free Pagefind would only hold memory

    def take(self) -> PagefindService:
        with self._lock:
            if self._free:
                return self._free.pop()
        try:
            service = PagefindService(pagefind_executable(), TIMEOUT)
        except OSError as exc:
            raise PluginError(f"检索索引生成失败：无法运行 Pagefind（{exc}）") from exc
        with self._lock:
            self._all.append(service)
        return service

    def give_back(self, service: PagefindService) -> None:
        with self._lock:
            self._small_left -= 1
            if self._small_left > 0:
                self._free.append(service)
                return
        service.close()  # at 10,000 reports, right after the main index: 60 MB less beside the large parts

    def close(self) -> None:
        for service in self._all:
            service.close()


def _run_pagefind(folder: Path, output: Path) -> int:
    """One Pagefind run of its own, for a large part: a process does not give back the memory
    of a large index, so a running Pagefind would hold it while indexing the next part, above
    what _within_budget counts; and the service hands a bundle over as one message, which at
    10,000 reports raised the build's peak by 150 MB. The pages indexed."""
    command = [str(pagefind_executable()), "--site", str(folder), "--output-path", str(output), "--force-language", LANGUAGE]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"检索索引生成失败：{exc}") from exc
    if done.returncode != 0 or "not able to build an index" in done.stdout:
        raise PluginError(f"检索索引生成失败（Pagefind 退出码 {done.returncode}）：{(done.stderr or done.stdout).strip()[-800:]}")
    found = re.search(r"Indexed (\d+) pages?", done.stdout)
    return int(found.group(1)) if found else 0


def _index_part(site_dir: Path, part: Part, work: Path, services: _Services) -> int:
    """The part's pages only, indexed into its own bundle; the pages indexed.

    Pagefind reads a folder, so the part's pages are linked into a folder of their own at the
    same addresses (hard links: nothing is copied)."""
    mirror = work / (part.name or "main")
    for page in part.pages:
        target = mirror / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / page, target)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(site_dir / page, target)
    try:
        if pagefind_memory_mb(part) <= SHARED_SERVICE_MB:
            service = services.take()
            try:
                pages = service.index_folder(mirror, site_dir / part.bundle, LANGUAGE)
            except PagefindServiceError as exc:
                service.close()  # never lent again
                raise PluginError(f"检索索引生成失败：{exc}") from exc
            services.give_back(service)
        else:
            pages = _run_pagefind(mirror, site_dir / part.bundle)
    finally:
        shutil.rmtree(mirror, ignore_errors=True)
    if not pages:
        raise PluginError(f"检索索引生成失败：Pagefind 在 {part.name or '主索引'} 的 {len(part.pages)} 个页面中没有找到可检索的内容")
    if part.name:
        # A merged part is searched by the main bundle's script and WebAssembly: its own copies
        # (about 600 KB a part) are never loaded.
        for unused in (site_dir / part.bundle).iterdir():
            if unused.is_file() and unused.name != "pagefind-entry.json" and not unused.name.endswith(".pf_meta"):
                unused.unlink()
    stabilise(site_dir / part.bundle)  # the same content, the same bytes (stable_index.py)
    return pages


# Measured (the indexer's own peak over a year's report pages, synthetic reports): 109 MB for 100
# pages, 280 MB for 400, 895 MB for 1,450; so 0.6 MB a page and 60 MB whatever the pages, a little
# above each of them.
PAGEFIND_MB_PER_PAGE = 0.6
PAGEFIND_BASE_MB = 60


# A part up to this size is indexed by a Pagefind kept running (_Services), a larger one by a run
# of its own (_run_pagefind): at 10,000 reports only the main index is that small, in a small
# site every part.
SHARED_SERVICE_MB = 150


def pagefind_memory_mb(part: Part) -> float:
    """What one Pagefind run over ``part`` is expected to hold at its peak."""
    return PAGEFIND_BASE_MB + PAGEFIND_MB_PER_PAGE * len(part.pages)


def _within_budget(parts: list[Part], jobs: int, memory_mb: int | None, index) -> list[str]:
    """``index(part)`` for every part, in order of the list's results, at most ``jobs`` at a time
    and, with ``memory_mb``, a run started only while the runs going with it fit the budget
    (the largest first, so that the small ones fill in beside the others)."""
    outputs: dict[int, str] = {}
    errors: list[BaseException] = []
    waiting = sorted(range(len(parts)), key=lambda i: -len(parts[i].pages))
    running: dict[int, float] = {}
    changed = threading.Condition()

    def run(i: int) -> None:
        try:
            outputs[i] = index(parts[i])
        except BaseException as error:  # noqa: BLE001 - raised in the caller's thread below
            errors.append(error)
        finally:
            with changed:
                del running[i]
                changed.notify_all()

    def fits(i: int) -> bool:
        if not running:
            return True  # alone, whatever its size: a part above the budget still has to be indexed
        if len(running) >= max(1, jobs):
            return False
        return memory_mb is None or sum(running.values()) + pagefind_memory_mb(parts[i]) <= memory_mb

    threads = []
    with changed:
        while waiting and not errors:
            chosen = next((i for i in waiting if fits(i)), None)
            if chosen is None:
                changed.wait()
                continue
            waiting.remove(chosen)
            running[chosen] = pagefind_memory_mb(parts[chosen])
            thread = threading.Thread(target=run, args=(chosen,), daemon=True)
            threads.append(thread)
            thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [outputs[i] for i in range(len(parts))]


def write_parts_file(site_dir: Path, parts: list[Part], years: list[str] | None = None) -> None:
    """pagefind/jixiao-parts.json: the parts the browser merges into the main index, by name, and
    every value of the year filter (a sorted search is made year by year: assets/jixiao/search.js)."""
    listed = [{"path": f"{PARTS_DIR}/{part.name}/", "year": part.year} for part in parts if part.name]
    if years is None:
        years = [part.year for part in parts if part.year]
    data = {"years": sorted(set(years)), "parts": listed}
    (Path(site_dir) / BUNDLE_DIR / PARTS_FILE).write_text(json.dumps(data, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")


def build_index(site_dir: Path, edition: str = "public", skip: set[str] | None = None, reports_dir: str = "reports",
                part_pages: int = PART_PAGES, jobs: int = 1, only: set[str] | None = None,
                years: list[str] | None = None, pages: list[str] | None = None, missing: bool = True,
                memory_mb: int | None = None) -> IndexSummary:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``: the main index and one
    part per year of reports (search_parts.py), ``jobs`` Pagefind runs at a time, leaving the
    top-level folders in ``skip`` unread (by default those holding no page marked for the index).

    ``only``: the names or years of the parts to index again (the main one is ""), the others kept as
    they are; a part no longer planned is removed. For a served site whose edit touched a year.
    ``years``: the values of the pages' year filter (default: the parts' years). ``pages``: the
    site-relative pages to index, when the caller knows them (a build split over machines has
    only its own pages on disk, and every machine must plan the same parts). ``missing``: with
    ``only``, index too the parts that have no bundle yet (not on a machine of a split build, where
    the other machines index them). ``memory_mb``: what the Pagefind runs at once may hold, by
    their estimate (``pagefind_memory_mb``); a part above it runs alone."""
    site_dir = Path(site_dir)
    if pages is None:
        pages = site_pages(site_dir, folders_without_search_pages(site_dir) if skip is None else skip)
    parts = plan(pages, reports_dir, part_pages)
    if not parts[0].pages:
        raise PluginError("检索索引为空：没有可检索的页面。")
    bundle = site_dir / BUNDLE_DIR
    names = {part.name for part in parts}
    if only is None:
        shutil.rmtree(bundle, ignore_errors=True)  # a dirty build must not keep stale chunks
        chosen = parts
    else:
        for old in (bundle / PARTS_DIR).glob("*") if (bundle / PARTS_DIR).is_dir() else ():
            if old.name not in names or old.name in only or any(p.name == old.name and p.year in only for p in parts):
                shutil.rmtree(old)
        chosen = [part for part in parts
                  if part.name in only or part.year in only or (missing and not (site_dir / part.bundle).is_dir())]
        if any(not part.name for part in chosen):  # the main bundle holds the parts' folder: keep it
            for old in bundle.iterdir() if bundle.is_dir() else ():
                if old.name != PARTS_DIR:
                    shutil.rmtree(old) if old.is_dir() else old.unlink()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix=".jixiao-search-", dir=site_dir))
    services = _Services(small_parts=sum(pagefind_memory_mb(part) <= SHARED_SERVICE_MB for part in chosen))
    try:
        # The main index among the parts: its files go beside the parts' folder, none in it, so
        # it need not wait for them nor they for it (at 10,000 reports it is the smallest, and
        # fills in beside the last part rather than hold both cores back at the start).
        indexed = _within_budget(chosen, jobs, memory_mb, lambda part: _index_part(site_dir, part, work, services))
    finally:
        services.close()
        shutil.rmtree(work, ignore_errors=True)
    write_parts_file(site_dir, parts, years)  # the same on every machine of a split build
    seconds = time.perf_counter() - started
    summary = IndexSummary(pages=sum(indexed),  # those Pagefind found marked for the index
                           seconds=seconds, bytes=bundle_size(site_dir), parts=len(parts))
    log.info("%s版检索索引：%d 页，分 %d 部分（重建 %d 部分），用时 %.1f 秒，共 %.1f MB",
             "公开" if edition == "public" else "内部", summary.pages, summary.parts, len(chosen), seconds,
             summary.bytes / 1024 / 1024)
    return summary
