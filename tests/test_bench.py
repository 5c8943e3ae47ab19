"""scripts/bench runs end to end on a tiny corpus. Not a timed test: it checks that the benchmark
measures what README's table reports (both builds, the ratio, peak memory, page sizes, the search
index, the check, and the growth between two sizes), never how fast anything is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_bench(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, JIXIAO_CHROMIUM=str(tmp_path / "no-browser"), NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench"), *args, "--json", "--keep", str(tmp_path / "work")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_bench_measures_both_builds(tmp_path):
    done = run_bench(tmp_path, "12")
    run = json.loads(done.stdout[done.stdout.index("{"):])
    assert run["reports"] == 12
    assert run["portal"]["seconds"] > 0 and run["plain"]["seconds"] > 0
    assert run["ratio"] == run["portal"]["seconds"] / run["plain"]["seconds"]
    assert run["portal"]["peak"] > 10 * 2**20 and run["plain"]["search_index"] > 0
    # The whole process tree was sampled (Pagefind and any worker included), not only Python.
    for build in (run["portal"], run["plain"], run["check"], run["pagefind"]["index"]):
        assert build["samples"] > 0 and build["tree_peak"] > 10 * 2**20 and build["tree_pss_peak"] > 0
    assert run["portal"]["pages"] > run["plain"]["pages"] >= run["reports"]  # the portal adds its indexes
    assert run["pagefind"]["index"]["pages"] == run["reports"] + 2  # the reports, the home and about pages
    assert run["check"]["reports"] == run["reports"]
    assert run["pagefind"]["queries"] is None  # no browser given: transfer not measured, and said so
    assert (tmp_path / "work" / "portal" / "reports").is_dir()


def test_bench_gives_the_growth_and_can_leave_out_the_plain_site(tmp_path):
    # At 100,000 reports only the portal is built: the plain site is left out and said so.
    done = run_bench(tmp_path, "12", "24", "--no-plain", "--no-reindex")
    result = json.loads(done.stdout[done.stdout.index("{"):])
    small, large = result["runs"]
    assert (small["reports"], large["reports"]) == (12, 24)
    for run in (small, large):
        assert run["portal"]["seconds"] > 0 and run["portal"]["tree_peak"] > 10 * 2**20
        assert run["plain"] is None and run["ratio"] is None and run["pagefind"]["index"] is None
    assert result["growth"] == large["portal"]["seconds"] / small["portal"]["seconds"]
    assert (tmp_path / "work" / "24" / "portal" / "reports").is_dir()
    assert not list((tmp_path / "work").glob("*/plain")) and not list((tmp_path / "work").glob("*/plain-site"))
    # the readable table went to stderr, beside the JSON, and says the plain site was left out
    assert "未测（--no-plain）" in done.stderr and "门户构建" in done.stderr and "增长" in done.stderr
