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


def hook(name: str = "jixiao-check") -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [item["id"] for item in hooks] == ["jixiao-check", "jixiao-diff"]
    return next(item for item in hooks if item["id"] == name)


MANIFEST_KEYS = {"id", "name", "description", "entry", "language", "files", "exclude", "types", "pass_filenames",
                 "require_serial", "minimum_pre_commit_version", "args", "stages", "verbose", "always_run"}


def test_hook_definition():
    entry = hook()
    assert entry["id"] == "jixiao-check"
    assert entry["name"] and any("\u4e00" <= ch <= "\u9fff" for ch in entry["name"])
    assert entry["entry"] == "jixiao check"
    assert entry["language"] == "python"
    assert entry["pass_filenames"] is True
    assert set(entry) <= MANIFEST_KEYS
    summary = hook("jixiao-diff")
    assert summary["entry"] == "jixiao diff --staged" and summary["pass_filenames"] is False
    assert summary["verbose"] is True and set(summary) <= MANIFEST_KEYS
    files = re.compile(summary["files"])
    for path in ("content/reports/2024/x.md", "schemes/suzhou-site.yaml", "reports/2020/a.md"):
        assert files.search(path), path
    for path in ("content/review.md", "plugins/jixiao/cli.py", "schemes/old/x.yaml"):
        assert not files.search(path), path
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


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)


def test_summary_hook_shows_what_the_commit_does(tmp_path):
    """`jixiao diff --staged` as the hook runs it: the staged change summarised, the unstaged one not;
    the very first commit of a repository works too."""
    repo = tmp_path / "reports-repo"
    relative = "content/reports/2024/suzhou-2024-dangjian.md"
    (repo / relative).parent.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "reports" / "2024" / "suzhou-2024-dangjian.md", repo / relative)
    _git(repo, "init", "-q")
    for key, value in (("user.name", "单位"), ("user.email", "unit@example.org"), ("commit.gpgsign", "false")):
        _git(repo, "config", key, value)
    command = shlex.split(hook("jixiao-diff")["entry"])
    script = shutil.which(command[0], path=str(Path(sys.executable).parent))
    _git(repo, "add", "-A")
    first = subprocess.run([script, *command[1:]], cwd=repo, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "HEAD（尚无提交） → 暂存区" in first.stdout and "新增 1 份" in first.stdout
    _git(repo, "commit", "-q", "-m", "第一份报告")

    record = repo / relative
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("score: 7.94}", "score: 6}"), encoding="utf-8")
    _git(repo, "add", relative)
    record.write_text(text.replace("score: 7.94}", "score: 6}").replace("title: 党建系列活动", "title: 未暂存"),
                      encoding="utf-8")
    run = subprocess.run([script, *command[1:]], cwd=repo, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "→ 暂存区（已 git add、下一次提交将记录的内容）：修改 1 份" in run.stdout
    assert "各行自评分之和 81.94 → 80" in run.stdout and "未暂存" not in run.stdout
