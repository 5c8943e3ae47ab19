"""The portal built by several processes, or by several machines, into the same files.

    python -m jixiao.mkdocs.parallel -f mkdocs.yml --jobs 2            # one machine, two processes
    python -m jixiao.mkdocs.parallel -f mkdocs.yml --shard 1/4 -d part1  # machine 1 of 4 (CI)

MkDocs writes every page in one process. This runs MkDocs' own build (mkdocs.commands.build.build),
its steps in its order, up to the moment pages are written: the records are read, scored and
checked and the catalog made once, there. Then the pages are written by ``jobs`` processes
forked from that one, which share its records and catalog as they are (nothing is read or
computed twice); the first process writes the files every shard shares (theme files, sitemap,
open data, feed). All of that runs in a process forked for it; when it has ended, the process that
started it, which never held the records, makes the search index in parts, ``jobs`` at a time
within the plugin's ``search_memory``.

On one machine the processes take the pages a few at a time from one queue (``PageQueue``), the
first one only once it has written the open data: none waits for another at the end, however
unequal the pages. Split over machines, which machine writes which page (``assign``) is fixed by
the pages alone: the reports of a part of the search index (a year) go to one shard, which then
indexes that part; the other pages are dealt out in turn. With ``--shard I/N`` a machine writes
only shard I (and indexes its parts), and shard 0 the shared files too: the N output folders
copied into one are the site a one-process build writes, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..core.forked import SharedChunks
from .search import build_index
from .search_parts import plan

log = logging.getLogger("mkdocs.plugins.jixiao.parallel")


def assign(doc_files, plugin, shards: int) -> list[list]:
    """The pages of each of ``shards`` machines. A search part's pages stay together (the main
    index's with the first shard, each year's part with the least loaded, largest first), so
    that a machine indexes the parts it wrote; every other page is dealt out in turn."""
    shares: list[list] = [[] for _ in range(shards)]
    by_dest = {file.dest_uri: file for file in doc_files}
    main, *parts = plan(plugin.search_pages(), plugin.config.reports_dir, plugin.config.search_part_pages)
    # The main index's pages go with the first shard, whose machine indexes it.
    shares[0].extend(by_dest[page] for page in main.pages)
    taken = set(main.pages)
    load = [len(main.pages)] + [0] * (shards - 1)
    for part in sorted(parts, key=lambda p: (-len(p.pages), p.name)):
        target = min(range(shards), key=lambda i: (load[i], i))
        shares[target].extend(by_dest[page] for page in part.pages)
        load[target] += len(part.pages)
        taken.update(part.pages)
    rest = [file for file in doc_files if file.dest_uri not in taken]
    for index, file in enumerate(rest):
        shares[index % shards].append(file)
    return shares


def part_names(share, plugin) -> set[str]:
    """The search parts whose reports are all in ``share``."""
    mine = {file.dest_uri for file in share}
    parts = plan(plugin.search_pages(), plugin.config.reports_dir, plugin.config.search_part_pages)
    return {part.name for part in parts if part.name and set(part.pages) <= mine}


class PageQueue:
    """The pages of a build on one machine, handed out ``CHUNK`` at a time to whichever process
    asks next: processes forked after it was made share its counter."""

    CHUNK = 16  # a few tenths of a second of writing: little is left to one process at the end

    def __init__(self, pages: list):
        self.pages = pages
        self._chunks = SharedChunks(len(pages), self.CHUNK)

    def take(self) -> list:
        chunk = self._chunks.take()
        return self.pages[chunk.start:chunk.stop] if chunk is not None else []


def _write_from(queue: PageQueue, config, files, doc_files, nav, env) -> None:
    while chunk := queue.take():
        _write(chunk, config, files, doc_files, nav, env)


def _write(share, config, files, doc_files, nav, env) -> None:
    for file in share:
        if file.page is None:
            Page(None, file, config)
        if file.page.content is None:  # pages outside the nav are read by the process that writes them
            _populate_page(file.page, config, files)
        _build_page(file.page, config, doc_files, nav, env)


def build(config, jobs: int = 1, shard: tuple[int, int] | None = None) -> None:
    """Build the site of ``config`` with ``jobs`` processes, or only shard (I, N) of it."""
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    started = time.monotonic()
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        plugin = config.plugins["jixiao"]
        doc_files = files.documentation_pages()
        for file in doc_files:
            # The nav's pages are read here: every page shows their titles. The others (reports,
            # lists) by the process that writes them, in the same way.
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            if file.src_uri not in plugin.reports and file.src_uri not in plugin.generated:
                _populate_page(file.page, config, files)
            elif file.page is not None and not file.inclusion.is_not_in_nav():
                _populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        count = shard[1] if shard else jobs
        first = shard is None or shard[0] == 0
        if first:
            files.copy_static_files()
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
        if shard is not None:
            share = assign(doc_files, plugin, count)[shard[0]]
            _write(share, config, files, doc_files, nav, env)
            plugin.pages_written()
            names = part_names(share, plugin) | ({""} if first else set())
            if first:
                plugin.write_data(config, plugin.catalog)
            plugin.index_search(config, plugin.catalog, only=names, missing=False)
        else:
            queue = PageQueue(list(doc_files))
            children = []
            for index in range(1, jobs):
                pid = os.fork()
                if pid == 0:  # a child writes pages and leaves: nothing of the parent's end runs
                    code = 0
                    try:
                        _write_from(queue, config, files, doc_files, nav, env)
                        code = 3 if counter.get_counts() else 0
                    except BaseException:  # noqa: BLE001 - reported here, the parent fails
                        logging.getLogger("mkdocs").exception("第 %d 个进程写页面时出错", index)
                        code = 1
                    finally:
                        logging.shutdown()
                        os._exit(code)
                children.append(pid)
            # The open data (about 10 s at 10,000 reports) while the others write pages,
            # rather than after every page, when the others would have nothing left to do.
            plugin.write_data(config, plugin.catalog)
            _write_from(queue, config, files, doc_files, nav, env)
            failed = warned = 0
            for pid in children:
                status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
                failed += status not in (0, 3)
                warned += status == 3
            if failed:
                raise Abort(f"{failed} 个进程写页面失败")
            if warned and config.strict:
                raise Abort("写页面时有警告（strict 模式）")
            config.plugins.on_post_build(config=config)
        for file in doc_files:  # as MkDocs does, for the pages read here (the others are the plugin's)
            if file.page is not None and file.page.content is not None:
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if config.strict and counter.get_counts():
            raise Abort("构建有警告（strict 模式）")
        log.info("用 %d 个进程构建完成，用时 %.2f 秒", count if shard is None else 1, time.monotonic() - started)
    except Exception as error:
        config.plugins.on_build_error(error=error)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用多个进程（或多台机器）构建门户，结果与单进程构建逐字节相同")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-d", "--site-dir")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="进程数（默认为处理器数）")
    parser.add_argument("--shard", help="只构建第 I 份（共 N 份），写法 I/N，I 从 0 起；第 0 份另写各份共用的文件")
    args = parser.parse_args(argv)
    shard = None
    if args.shard:
        try:
            index, total = (int(x) for x in args.shard.split("/"))
            if not 0 <= index < total:
                raise ValueError
        except ValueError:
            parser.error(f"--shard 应写作 I/N（0 ≤ I < N），现为 {args.shard}")
        shard = (index, total)
    if args.jobs < 1:
        parser.error("--jobs 必须是正整数")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    overrides = {"strict": args.strict}
    if args.site_dir:
        overrides["site_dir"] = args.site_dir
    config = load_config(args.config_file, **overrides)
    # The plugin's own Pagefind runs go `jobs` at a time, as the pages were written.
    config.plugins["jixiao"].config.jobs = args.jobs if shard is None else 1
    config.plugins.on_startup(command="build", dirty=False)
    try:
        if shard is None:
            return build_then_index(config, args.jobs)
        build(config, jobs=args.jobs, shard=shard)
    except Abort as error:
        log.error("%s", error)
        return 1
    finally:
        config.plugins.on_shutdown()
    return 0


def build_then_index(config, jobs: int) -> int:
    """The pages written by a process of their own, then the search indexed by this one.

    Why: the process that reads the records holds them, the catalog and the pages' objects until
    it ends (at 10,000 reports about 0.9 GB, which Python does not give back when they are let
    go), and the indexing comes last, when every page is written. Indexed from a process that
    never held them, the build's peak is the larger of the two steps, not their sum."""
    started = time.monotonic()
    handle, handoff = tempfile.mkstemp(prefix="jixiao-index-", suffix=".json")
    os.close(handle)
    try:
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                config.plugins["jixiao"].index_later = handoff
                build(config, jobs=jobs)
            except Abort as error:
                log.error("%s", error)
                code = 1
            except BaseException:  # noqa: BLE001 - reported here, the parent fails
                logging.getLogger("mkdocs").exception("构建页面时出错")
                code = 1
            finally:
                logging.shutdown()
                os._exit(code)
        if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
            return 1
        arguments = json.loads(Path(handoff).read_text(encoding="utf-8"))
        try:
            build_index(**arguments)
        except PluginError as error:
            log.error("%s", error)
            return 1
    finally:
        Path(handoff).unlink(missing_ok=True)
    log.info("页面与检索索引完成，共用时 %.2f 秒", time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
