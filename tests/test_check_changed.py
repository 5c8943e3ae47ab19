"""`jixiao check content --changed-since REV`: a change is judged by the records it touches.

Every record is still loaded and checked, so that a new record reusing an id already taken is
caught; only the records changed since REV (committed, staged, edited or new) are reported, and
only their errors fail the run. Old errors in records nobody touched do not block a pull request.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from jixiao import cli
from sitebuild import ROOT

SEEDS = ROOT / "content" / "reports"
RECORDS = ("2020/minhang-2020-zutuanshi.md", "2023/hohhot-2023-shequ-dangzuzhi.md", "2024/suzhou-2024-dangjian.md")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)


def test_only_changed_records_are_reported_but_all_are_checked(tmp_path, monkeypatch, capsys):
    repo = tmp_path / "repo"
    for relative in RECORDS:
        (repo / "content" / "reports" / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS / relative, repo / "content" / "reports" / relative)
    git(repo, "init", "-q")
    for key, value in (("user.name", "审核"), ("user.email", "r@example.org"), ("commit.gpgsign", "false")):
        git(repo, "config", key, value)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "三份报告")  # Minhang's record carries two errors of its own
    monkeypatch.chdir(repo)

    assert cli.main(["check", "content", "--changed-since", "HEAD"]) == 0
    assert capsys.readouterr().out == "自 HEAD 以来没有改动过的记录\n"

    copy = repo / "content" / "reports" / "2024" / "copy.md"  # a new file reusing Hohhot's id: cross-record
    copy.write_text((SEEDS / RECORDS[1]).read_text(encoding="utf-8").replace("title: ", "title: 副本 ", 1),
                    encoding="utf-8")
    suzhou = repo / "content" / "reports" / RECORDS[2]
    suzhou.write_text(suzhou.read_text(encoding="utf-8").replace("score: 7.94}", "score: 7.9}"), encoding="utf-8")
    assert cli.main(["check", "content", "--changed-since", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "content/reports/2024/copy.md:" in out and "duplicate-id" in out
    assert "content/reports/2024/suzhou-2024-dangjian.md:" in out and "score-total-mismatch" in out
    assert "minhang-2020-zutuanshi.md" not in out and "hohhot-2023-shequ-dangzuzhi.md:" not in out
    assert "核验了 2 个文件" in out

    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "改")
    copy.unlink()
    assert cli.main(["check", "content", "--changed-since", "HEAD~1", "--format", "github"]) == 1
    annotations = capsys.readouterr().out
    assert "file=content/reports/2024/suzhou-2024-dangjian.md" in annotations and "copy.md" not in annotations

    assert cli.main(["check", "content", "--changed-since", "no-such-rev"]) == 2
    assert "找不到修订版本“no-such-rev”" in capsys.readouterr().err


def test_records_a_changed_scheme_regrades_are_reported_too(tmp_path, monkeypatch, capsys):
    from jixiao.core.schemes import SHIPPED_DIR

    repo = tmp_path / "repo"
    for relative in RECORDS[1:]:
        (repo / "content" / "reports" / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS / relative, repo / "content" / "reports" / relative)
    (repo / "schemes").mkdir()
    scheme = (SHIPPED_DIR / "suzhou-2024.yaml").read_text(encoding="utf-8").replace("id: suzhou-2024\n", "id: site\n")
    (repo / "schemes" / "site.yaml").write_text(scheme, encoding="utf-8")
    suzhou = repo / "content" / "reports" / RECORDS[2]
    suzhou.write_text(suzhou.read_text(encoding="utf-8").replace("scheme: suzhou-2024\n", "scheme: site\n"), encoding="utf-8")
    git(repo, "init", "-q")
    for key, value in (("user.name", "审核"), ("user.email", "r@example.org"), ("commit.gpgsign", "false")):
        git(repo, "config", key, value)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "报告与评分办法")
    (repo / "schemes" / "site.yaml").write_text(scheme.replace("under_deduction: 0.05}", "under_deduction: 0.50}"),
                                                encoding="utf-8")
    monkeypatch.chdir(repo)
    assert cli.main(["check", "content", "--changed-since", "HEAD", "--schemes", "schemes"]) == 0
    out = capsys.readouterr().out
    assert "suzhou-2024-dangjian.md:38: warning indicator-score-mismatch" in out and "应为 7.44" in out
    assert "hohhot" not in out and "核验了 1 个文件" in out
