"""Peak memory of a whole process tree: a command and every process it starts (the Pagefind
indexer, worker processes of a sharded build, a browser), sampled from /proc while it runs.

Why sampled: a process's own peak (getrusage, /usr/bin/time) leaves its children out, and
RUSAGE_CHILDREN gives the largest single child, never two at once. The figure here is the
largest sum of resident memory over the tree seen at any sample (``tree_peak``). Shared pages
(a forked worker's copy-on-write memory, libraries) count once per process there, so it can only
over-state what the machine needed, never hide it; ``tree_pss_peak`` shares each such page among
the processes that map it (the kernel's proportional set size), which is what a tree of forked
workers really holds.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
from collections import defaultdict

PAGE = os.sysconf("SC_PAGE_SIZE")
INTERVAL = 0.25  # seconds: memory of a build grows over seconds, and a sample costs a walk of /proc


def _parents() -> dict[int, list[int]]:
    """Every process's children, by one pass over /proc (no per-task children file is needed)."""
    children: dict[int, list[int]] = defaultdict(list)
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        children[int(fields[1])].append(int(name))
    return children


def _resident(pid: int) -> tuple[int, int, str]:
    """Resident and proportional memory of one process, in bytes, and its name."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
        with open(f"/proc/{pid}/comm", "rb") as comm:
            name = comm.read().decode(errors="replace").strip()
        pss = 0
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
        return pages * PAGE, pss, name
    except (OSError, IndexError, ValueError):
        return 0, 0, ""


def tree_of(root: int) -> list[int]:
    children = _parents()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


class TreePeak:
    """Samples the tree under ``pid`` in a thread until :meth:`stop`; ``peak`` is the largest sum
    seen and ``by_name`` how it split by process name at that moment (python, pagefind …)."""

    def __init__(self, pid: int, interval: float = INTERVAL):
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.pss_peak = 0
        self.by_name: dict[str, int] = {}
        self.largest_process = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "TreePeak":
        self._thread.start()
        return self

    def sample(self) -> None:
        total, proportional, names = 0, 0, defaultdict(int)
        for pid in tree_of(self.pid):
            size, pss, name = _resident(pid)
            total += size
            proportional += pss
            names[name] += size
            self.largest_process = max(self.largest_process, size)
        self.samples += 1
        self.pss_peak = max(self.pss_peak, proportional)
        if total > self.peak:
            self.peak, self.by_name = total, dict(names)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def figures(self) -> dict:
        return {"tree_peak": self.peak, "tree_pss_peak": self.pss_peak, "tree_peak_by": self.by_name, "largest_process": self.largest_process,
                "samples": self.samples}


def run_measured(command: list[str], env=None, timeout: float | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    """Run ``command`` to its end, sampling its whole tree; the result and the memory figures,
    with the processor time of the whole tree (``cpu_seconds``: user and system, of the command
    and of every process it waited for). On a shared machine the wall time grows with what else
    runs; the processor time much less, so it is the figure to compare runs by. ``load``: the
    machine's load average (one minute) when it ended."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sampler = TreePeak(process.pid).start()
    try:
        out, err = process.communicate(timeout=timeout)
    finally:
        sampler.stop()
        if process.poll() is None:
            process.kill()
            process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures = {**sampler.figures(), "cpu_seconds": cpu, "load": os.getloadavg()[0]}
    return subprocess.CompletedProcess(command, process.returncode, out, err), figures
