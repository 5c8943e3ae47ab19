"""`jixiao diff` judges each revision by its own scoring schemes.

A scheme change re-grades reports whose records did not change. Both sides used to be scored with
the schemes installed today, so the change vanished from review; now each side is scored under
the schemes of that revision, and the diff lists the schemes that changed, the rules that moved
and every report they re-grade. The working tree and the index (``--staged``) are sides too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao import cli

from jixiao.review import gitrevs
from jixiao.core.schemes import SHIPPED_DIR
from sitebuild import ROOT

SEEDS = ROOT / "content" / "reports"
SUZHOU = "content/reports/2024/suzhou-2024-dangjian.md"
MINHANG = "content/reports/2020/minhang-2020-zutuanshi.md"
RULE = "  - name: 过程\n    keywords: [过程]\n    weighting: fixed\n    quantitative: {rule: banded, full_from: 100, under_deduction: 0.05}\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def diff(repo: Path, monkeypatch, capsys, *args) -> str:
    monkeypatch.chdir(repo)
    assert cli.main(["diff", *args]) == 0
    return capsys.readouterr().out


def new_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for relative in (SUZHOU, MINHANG):
        (repo / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS / Path(relative).relative_to("content/reports"), repo / relative)
    git(repo, "init", "-q")
    for key, value in (("user.name", "审核测试"), ("user.email", "review@example.org"), ("commit.gpgsign", "false")):
        git(repo, "config", key, value)
    return repo


def deduct(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("  - name: 过程\n")
    at = text.index(f"under_deduction: {old}", start)
    path.write_text(text[:at] + f"under_deduction: {new}" + text[at + len(f"under_deduction: {old}"):], encoding="utf-8")


@pytest.fixture
def site_repo(tmp_path) -> Path:
    """Reports kept with a site's own scheme (``--schemes schemes``): Suzhou's record is scored by it."""
    repo = new_repo(tmp_path)
    scheme = (SHIPPED_DIR / "suzhou-2024.yaml").read_text(encoding="utf-8")
    assert RULE in scheme
    (repo / "schemes").mkdir()
    (repo / "schemes" / "suzhou-site.yaml").write_text(scheme.replace("id: suzhou-2024\n", "id: suzhou-site\n"),
                                                       encoding="utf-8")
    record = repo / SUZHOU
    record.write_text(record.read_text(encoding="utf-8").replace("scheme: suzhou-2024\n", "scheme: suzhou-site\n"),
                      encoding="utf-8")
    commit(repo, "报告与本站评分办法")
    return repo


def test_a_scheme_change_between_two_commits_names_the_reports_it_regrades(site_repo, monkeypatch, capsys):
    deduct(site_repo / "schemes" / "suzhou-site.yaml", "0.05", "0.50")  # each point short costs 50% of the weight
    commit(site_repo, "过程类扣分加重")

    text = diff(site_repo, monkeypatch, capsys, "HEAD~1", "HEAD", "--schemes", "schemes")
    first = text.splitlines()[0]
    assert "评分办法变动 1 个，改变 1 份报告的计算结果" in first and "修改 1 份" in first
    assert "评分办法修改  suzhou-site" in text and "schemes/suzhou-site.yaml" in text
    assert "规则  categories[过程].quantitative.under_deduction 0.05 → 0.50" in text
    assert "使用这一办法的报告 1 份，计算结果因此改变的 1 份" in text
    assert "suzhou-2024-dangjian 党建系列活动：计算总分 81.94 → 81.44；计算得分 过程目标/预算执行率 7.94 → 7.44" in text
    # the report's own block says the same, though its record did not change
    assert "计算 81.94 → 81.44" in text and "修改 过程目标/预算执行率：计算得分 7.94 → 7.44" in text
    assert "minhang-2020-zutuanshi" not in text  # another scheme: untouched

    markdown = diff(site_repo, monkeypatch, capsys, "HEAD~1", "HEAD", "--schemes", "schemes", "--format", "markdown")
    assert "**⚖️ 评分办法变动（1）**：改变 1 份报告的计算结果" in markdown
    assert "- **修改** `suzhou-site`" in markdown and "`categories[过程].quantitative.under_deduction`：0.05 → **0.50**" in markdown
    assert "| `suzhou-2024-dangjian` 党建系列活动 | `suzhou-site` | 81.94 → **81.44** |" in markdown
    assert markdown.index("评分办法变动（1）") < markdown.index("**修改** `suzhou-2024-dangjian`")

    data = json.loads(diff(site_repo, monkeypatch, capsys, "HEAD~1", "HEAD", "--schemes", "schemes", "--format", "json"))
    [change] = data["schemes"]
    assert (change["id"], change["status"], change["path"], change["users"]) == ("suzhou-site", "changed", "schemes/suzhou-site.yaml", 1)
    [report] = change["reports"]
    assert report["totals"]["computed.total"] == {"old": 81.94, "new": 81.44}
    assert [(row["label"], row["old"], row["new"]) for row in report["rows"]] == [("过程目标/预算执行率", 7.94, 7.44)]

    # a commit that does not touch the scheme: nothing about schemes
    assert "评分办法" not in diff(site_repo, monkeypatch, capsys, "HEAD", "HEAD", "--schemes", "schemes")


def test_the_portals_own_schemes_are_read_from_each_revision(tmp_path, monkeypatch, capsys):
    """In the portal's repository the shipped schemes are files of the revision too (the issue's case)."""
    repo = new_repo(tmp_path)
    shipped = repo / "plugins" / "jixiao" / "core" / "schemes"
    shipped.mkdir(parents=True)
    for path in SHIPPED_DIR.glob("*.yaml"):
        shutil.copy(path, shipped / path.name)
    commit(repo, "门户与报告")
    monkeypatch.setattr(gitrevs, "SHIPPED_DIR", shipped)
    deduct(shipped / "suzhou-2024.yaml", "0.05", "0.50")
    commit(repo, "改评分办法")
    text = diff(repo, monkeypatch, capsys, "HEAD~1", "HEAD")
    assert "评分办法修改  suzhou-2024" in text and "plugins/jixiao/core/schemes/suzhou-2024.yaml" in text
    assert "suzhou-2024-dangjian 党建系列活动：计算总分 81.94 → 81.44" in text

    grades = shipped / "minhang-2020.yaml"  # a grade band moved: Minhang's computed grade changes
    text = grades.read_text(encoding="utf-8")
    assert "{label: 优秀, min: 90," in text
    grades.write_text(text.replace("{label: 优秀, min: 90,", "{label: 优秀, min: 88,"), encoding="utf-8")
    out = diff(repo, monkeypatch, capsys, "HEAD")  # against the working tree, named plainly
    assert "→ 工作区（磁盘上的文件，尚未提交、尚未 git add 的改动都算在内）" in out.splitlines()[0]
    assert any(line.startswith("    minhang-2020-zutuanshi ") and line.endswith("：计算等级 良好 → 优秀")
               for line in out.splitlines()), out


def test_staged_compares_what_is_about_to_be_committed(site_repo, monkeypatch, capsys):
    deduct(site_repo / "schemes" / "suzhou-site.yaml", "0.05", "0.50")
    git(site_repo, "add", "schemes/suzhou-site.yaml")
    minhang = site_repo / MINHANG
    minhang.write_text(minhang.read_text(encoding="utf-8").replace("title: ", "title: 未暂存的", 1), encoding="utf-8")

    staged = diff(site_repo, monkeypatch, capsys, "--staged", "--schemes", "schemes")
    assert staged.splitlines()[0].startswith("jixiao diff HEAD（")
    assert "→ 暂存区（已 git add、下一次提交将记录的内容）" in staged.splitlines()[0]
    assert "suzhou-2024-dangjian 党建系列活动：计算总分 81.94 → 81.44" in staged
    assert "未暂存的" not in staged
    worktree = diff(site_repo, monkeypatch, capsys, "--schemes", "schemes")
    assert "未暂存的" in worktree and "81.94 → 81.44" in worktree


def test_a_broken_scheme_in_the_base_is_named_with_its_revision(site_repo, monkeypatch, capsys):
    (site_repo / "schemes" / "suzhou-site.yaml").write_text("id: suzhou-site\ntitle: [\n", encoding="utf-8")
    commit(site_repo, "坏的评分办法")
    (site_repo / "schemes" / "suzhou-site.yaml").write_text(
        (SHIPPED_DIR / "suzhou-2024.yaml").read_text(encoding="utf-8").replace("id: suzhou-2024\n", "id: suzhou-site\n"),
        encoding="utf-8")
    monkeypatch.chdir(site_repo)
    assert cli.main(["diff", "HEAD", "--schemes", "schemes"]) == 2
    err = capsys.readouterr().err
    assert "评分办法有误" in err and "HEAD（" in err and "schemes/suzhou-site.yaml" in err
