"""A build shared out among processes (`scripts/site build --jobs N`) or machines (`--shard I/N`,
the folders then copied into one) writes the files a one-process `mkdocs build` writes, byte for
byte (jixiao/mkdocs/parallel.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import corpus
import yaml
from sitebuild import build_site, fixture_site
from test_live import differences


def test_processes_and_shards_write_the_one_process_site(tmp_path):
    # Small search parts, so that years are cut and parts go to different processes.
    config_file = fixture_site(tmp_path, {}, copy_seeds=True, today="2026-06-30",
                               options={"page_size": 5, "search_part_pages": 3})
    corpus.write_corpus(20, tmp_path / "generated", seed=5)
    shutil.copytree(tmp_path / "generated" / "reports", tmp_path / "content" / "reports", dirs_exist_ok=True)
    one = build_site(config_file, tmp_path / "one")

    def run(*args, config=config_file):
        done = subprocess.run([sys.executable, "-m", "jixiao.mkdocs.parallel", "-f", str(config), *args],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]

    run("--jobs", "2", "-d", str(tmp_path / "two"))
    assert differences(one, tmp_path / "two") == []
    joined = tmp_path / "joined"
    for index in range(3):
        run("--shard", f"{index}/3", "-d", str(tmp_path / f"shard{index}"))
        shutil.copytree(tmp_path / f"shard{index}", joined, dirs_exist_ok=True)
    assert differences(one, joined) == []

    # Every record kept in a file and read back (records_in_memory, core/record_store.py) by the
    # processes forked to write the pages, the first of which is the one that read them: the
    # same site (test_record_store holds the records read back to the records held).
    stored_config = tmp_path / "stored.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    next(entry for entry in config["plugins"] if isinstance(entry, dict) and "jixiao" in entry)["jixiao"]["records_in_memory"] = 1
    stored_config.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    run("--jobs", "2", "-d", str(tmp_path / "stored-two"), config=stored_config)
    assert differences(one, tmp_path / "stored-two") == []
