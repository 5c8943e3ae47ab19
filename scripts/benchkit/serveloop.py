"""The editing loop, measured as a person lives it: `mkdocs serve` is running, a file is saved,
and the time until the server hands out the page with the edit in it.

The served page is asked for over HTTP every 20 ms; the loop ends when its text holds the mark
written into the file. The whole process tree of the server is sampled for memory meanwhile.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from .treemem import TreePeak

STARTUP_TIMEOUT = 3600  # seconds: the first build of 10,000 reports on a busy machine
LOOP_TIMEOUT = 120


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def measure(python: str, config: Path, record: Path, page: str, edit, marks: list[str], extra=(), env=None) -> dict:
    """Serve ``config``, wait for the first build, then for each mark: ``edit(record, mark)``
    and time until ``page`` (an address below the site root) holds the mark."""
    port = _free_port()
    log = open(Path(config).with_suffix(".serve.log"), "w", encoding="utf-8")
    server = subprocess.Popen([python, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", *extra],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    sampler = TreePeak(server.pid).start()
    url = f"http://127.0.0.1:{port}/{page}"
    started = time.perf_counter()
    try:
        while _get(url) is None:
            if server.poll() is not None or time.perf_counter() - started > STARTUP_TIMEOUT:
                raise RuntimeError(f"mkdocs serve did not start: see {log.name}")
            time.sleep(0.5)
        first_build = time.perf_counter() - started
        time.sleep(2)  # the watcher's first look at the files
        loops = []
        for mark in marks:
            edit(record, mark)
            saved = time.perf_counter()
            while True:
                text = _get(url)
                if text and mark in text:
                    break
                if time.perf_counter() - saved > LOOP_TIMEOUT:
                    raise RuntimeError(f"the edit {mark} never showed: see {log.name}")
                time.sleep(0.02)
            loops.append(time.perf_counter() - saved)
            time.sleep(1.5)  # let the background work of one save start before the next
    finally:
        sampler.stop()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return {"first_build": first_build, "loops": loops, "median": statistics.median(loops), **sampler.figures()}


def mark_text(path: Path, mark: str) -> None:
    """The file's text (a record's narrative, or a Markdown page) with a last paragraph holding
    ``mark``, in place of the previous one."""
    text = path.read_text(encoding="utf-8").split("\n\n编辑标记 ", 1)[0].rstrip("\n")
    path.write_text(f"{text}\n\n编辑标记 {mark}\n", encoding="utf-8")


def env_without_warning() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")
