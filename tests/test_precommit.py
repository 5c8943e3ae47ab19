"""The pre-commit hook as pre-commit would run it: the hook's own command on the staged record files."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from sitebuild import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_hook_definition():
    entry = hook()
    assert entry["id"] == "jixiao-check"
    assert entry["name"] and any("\u4e00" <= ch <= "\u9fff" for ch in entry["name"])
    assert entry["entry"] == "jixiao check"
    assert entry["language"] == "python"
    assert entry["pass_filenames"] is True
    assert set(entry) <= {"id", "name", "description", "entry", "language", "files", "exclude", "types",
                          "pass_filenames", "require_serial", "minimum_pre_commit_version", "args", "stages"}
    files = re.compile(entry["files"])  # pre-commit matches with re.search on the path from the repository root
    for path in ("content/reports/2024/x.md", "reports/2020/minhang-2020-zutuanshi.md", "site/content/reports/a.md"):
        assert files.search(path), path
    for path in ("content/review.md", "README.md", "content/reports/2024/x.yaml", "plugins/jixiao/cli.py"):
        assert not files.search(path), path


def test_entry_command_checks_the_files_it_is_given(tmp_path):
    """`jixiao check FILE FILE`: both named, each one's findings, exit 1 because one has errors."""
    for relative in ("2023/hohhot-2023-shequ-dangzuzhi.md", "2020/minhang-2020-zutuanshi.md"):
        target = tmp_path / "content" / "reports" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "content" / "reports" / relative, target)
    files = ["content/reports/2023/hohhot-2023-shequ-dangzuzhi.md", "content/reports/2020/minhang-2020-zutuanshi.md"]
    command = shlex.split(hook()["entry"])
    script = shutil.which(command[0], path=str(Path(sys.executable).parent))
    assert script, "the hook's entry must be a console script of the package"
    result = subprocess.run([script, *command[1:], *files], cwd=tmp_path, capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stdout  # Minhang's declared total and grade are wrong
    assert "content/reports/2020/minhang-2020-zutuanshi.md:" in result.stdout
    assert "score-total-mismatch" in result.stdout and "grade-mismatch" in result.stdout
    assert "核验了 2 个文件：2 份报告可读，0 份无法读取" in result.stdout
    good = subprocess.run([script, *command[1:], files[0]], cwd=tmp_path, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout
