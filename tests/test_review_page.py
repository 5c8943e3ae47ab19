"""The worked example on the 提交与审核 page (content/review.md) is what the commands print.

The example is re-enacted in a scratch repository — the same two records, the same site scheme,
the same change — and the page's check output and pull-request comment must be exactly what
`jixiao check --changed-since` and `jixiao diff --format markdown` give, commit ids aside.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from jixiao import cli
from jixiao.core.schemes import SHIPPED_DIR
from sitebuild import ROOT

PAGE = ROOT / "content" / "review.md"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def example_blocks() -> tuple[str, str]:
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index("## 一个完整的例子"):text.index("## 怎样读 jixiao diff")]
    check = re.search(r"\n```\n(content/reports/.*?)\n```\n", section, re.S).group(1)
    comment = re.search(r"\n````markdown\n(.*?)\n````\n", section, re.S).group(1)
    return check, comment


def test_the_worked_example_is_what_the_commands_print(tmp_path, monkeypatch, capsys):
    repo = tmp_path / "repo"
    for relative in ("2020/minhang-2020-zutuanshi.md", "2024/suzhou-2024-dangjian.md"):
        (repo / "content" / "reports" / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "content" / "reports" / relative, repo / "content" / "reports" / relative)
    (repo / "schemes").mkdir()
    scheme = (SHIPPED_DIR / "suzhou-2024.yaml").read_text(encoding="utf-8").replace("id: suzhou-2024\n", "id: suzhou-2024-jiguan\n")
    (repo / "schemes" / "suzhou-2024-jiguan.yaml").write_text(scheme, encoding="utf-8")
    suzhou = repo / "content" / "reports" / "2024" / "suzhou-2024-dangjian.md"
    suzhou.write_text(suzhou.read_text(encoding="utf-8").replace("scheme: suzhou-2024\n", "scheme: suzhou-2024-jiguan\n"),
                      encoding="utf-8")
    git(repo, "init", "-q")
    for key, value in (("user.name", "单位"), ("user.email", "unit@example.org"), ("commit.gpgsign", "false")):
        git(repo, "config", key, value)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "报告")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")

    deduction = "    quantitative: {rule: banded, full_from: 100, under_deduction: 0.05}\n    qualitative: levels\n  - name: 产出"
    (repo / "schemes" / "suzhou-2024-jiguan.yaml").write_text(
        scheme.replace(deduction, deduction.replace("0.05", "0.50")), encoding="utf-8")
    minhang = repo / "content" / "reports" / "2020" / "minhang-2020-zutuanshi.md"
    text = minhang.read_text(encoding="utf-8")
    at = text.index("    weight: 7\n", text.index("    name: 政策知晓率\n")) + len("    weight: 7\n")
    minhang.write_text(text[:at] + "    score: 7\n" + text[at:], encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "补得分，改评分办法")

    monkeypatch.chdir(repo)
    assert cli.main(["check", "content", "--changed-since", "origin/main", "--schemes", "schemes", "--quiet"]) == 0
    check = capsys.readouterr().out.rstrip("\n")
    assert cli.main(["diff", "origin/main", "HEAD", "--schemes", "schemes", "--format", "markdown"]) == 0
    comment = capsys.readouterr().out.rstrip("\n")

    def without_ids(value: str) -> str:
        return re.sub(r"（[0-9a-f]{10}）", "（…）", value)

    page_check, page_comment = example_blocks()
    assert check == page_check
    assert without_ids(comment) == without_ids(page_comment)
