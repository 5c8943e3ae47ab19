"""A build shared out among processes (`scripts/site build --jobs N`) or machines (`--shard I/N`,
the folders then copied into one) writes the files a one-process `mkdocs build` writes, byte for
byte (jixiao/mkdocs/parallel.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import corpus
from sitebuild import build_site, fixture_site
from test_live import differences


def test_processes_and_shards_write_the_one_process_site(tmp_path):
    # Small search parts, so that years are cut and parts go to different processes.
    config_file = fixture_site(tmp_path, {}, copy_seeds=True, today="2026-06-30",
                               options={"page_size": 5, "search_part_pages": 3})
    corpus.write_corpus(20, tmp_path / "generated", seed=5)
    shutil.copytree(tmp_path / "generated" / "reports", tmp_path / "content" / "reports", dirs_exist_ok=True)
    one = build_site(config_file, tmp_path / "one")

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "jixiao.mkdocs.parallel", "-f", str(config_file), *args],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]

    run("--jobs", "2", "-d", str(tmp_path / "two"))
    assert differences(one, tmp_path / "two") == []
    joined = tmp_path / "joined"
    for index in range(3):
        run("--shard", f"{index}/3", "-d", str(tmp_path / f"shard{index}"))
        shutil.copytree(tmp_path / f"shard{index}", joined, dirs_exist_ok=True)
    assert differences(one, joined) == []
