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

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .stable_index import stabilise

log = get_plugin_logger(__name__)

BUNDLE_DIR = "pagefind"  # the site's own folder: search.js imports pagefind/pagefind.js from it
# One index for the whole site: every page is <html lang="zh">, and a stray lang attribute must
# not split the index into languages the search box never loads.
LANGUAGE = "zh"
TIMEOUT = 1800  # seconds; 10,000 reports index in well under a minute
# Pagefind extends a query word to the longer words that begin with it only within the one index
# chunk that the query word falls in; a one-character word such as 居 begins thousands of words
# spread over several chunks. So the pieces a browser makes of a name (one to four characters:
# 闵/行/区, 民政局, 学前教育) are given as words of their own, however long the name; the
# one-character ones by text_tokens, the longer ones by dictionary_tokens.
PIECE_CHARS = 4


@dataclass
class IndexSummary:
    pages: int
    words: int
    filters: int
    sorts: int
    seconds: float
    bytes: int  # total size of the bundle on disk


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


def _count(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    return int(found.group(1)) if found else 0


def bundle_size(site_dir: Path) -> int:
    bundle = Path(site_dir) / BUNDLE_DIR
    return sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())


def page_glob(site_dir: Path, skip: set[str]) -> str:
    """A glob of the site's pages outside the top-level folders in ``skip``. Pagefind would leave
    the index pages out anyway (no data-pagefind-body), but reading thousands of them costs it
    seconds."""
    parts = []
    for entry in sorted(Path(site_dir).iterdir()):
        if entry.name in skip or entry.name == BUNDLE_DIR:
            continue
        if entry.is_dir():
            parts.append(f"{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            parts.append(entry.name)
    return "{" + ",".join(parts) + "}"


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


def build_index(site_dir: Path, edition: str = "public", skip: set[str] | None = None) -> IndexSummary:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``, leaving the top-level
    folders in ``skip`` unread (by default those holding no page marked for the index)."""
    site_dir = Path(site_dir)
    if skip is None:
        skip = folders_without_search_pages(site_dir)
    shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)  # a dirty build must not keep stale chunks
    command = [
        str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
        "--force-language", LANGUAGE, "--glob", page_glob(site_dir, skip),
    ]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"检索索引生成失败：{exc}") from exc
    if done.returncode != 0:
        raise PluginError(f"检索索引生成失败（Pagefind 退出码 {done.returncode}）：{(done.stderr or done.stdout).strip()[-800:]}")
    stabilise(site_dir / BUNDLE_DIR)  # the same content, the same bytes (stable_index.py)
    seconds = time.perf_counter() - started
    out = done.stdout
    summary = IndexSummary(
        pages=_count(r"Indexed (\d+) pages?", out), words=_count(r"Indexed (\d+) words?", out),
        filters=_count(r"Indexed (\d+) filters?", out), sorts=_count(r"Indexed (\d+) sorts?", out),
        seconds=seconds, bytes=bundle_size(site_dir),
    )
    if summary.pages == 0:
        raise PluginError(f"检索索引为空：Pagefind 没有找到可检索的页面。{out.strip()[-800:]}")
    log.info("%s版检索索引：%d 页，%d 个词，用时 %.1f 秒，共 %.1f MB",
             "公开" if edition == "public" else "内部", summary.pages, summary.words, seconds,
             summary.bytes / 1024 / 1024)
    return summary
