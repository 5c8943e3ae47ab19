"""Which files of a reports tree are records (record/tree.py), and how records that clash are
settled: the same id twice (the one that came first stays published), the same report twice
(looked for among the records an edition shows), findings that cannot be silenced."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitebuild import ROOT

from jixiao.core.collection import check_all, load_collection
from jixiao.core.publication import is_public
from jixiao.core.record import load_text
from jixiao.core.record.tree import scan
from jixiao.core.schemes import load_schemes

GOOD = (ROOT / "content/reports/2024/suzhou-2024-dangjian.md").read_text(encoding="utf-8")
SCHEMES = load_schemes()


def codes(analysis) -> set[str]:
    return {f.code for f in analysis.findings}


def test_only_regular_md_files_are_records_and_every_other_file_is_named(tmp_path):
    reports = tmp_path / "reports" / "2024"
    reports.mkdir(parents=True)
    (reports / "good.md").write_text(GOOD, encoding="utf-8")
    for name in ("good.MD", "good.md~", "good.yaml", "good.markdown", "#good.md#", "good.md.bak", "notes.txt"):
        (reports / name).write_text(GOOD, encoding="utf-8")
    (reports / ".hidden.md").write_text(GOOD, encoding="utf-8")  # hidden: skipped, as MkDocs skips it
    (reports / ".git").mkdir()
    (reports / ".git" / "x.md").write_text(GOOD, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "draft.md").write_text(GOOD, encoding="utf-8")
    (reports / "linked.md").symlink_to(outside / "draft.md")
    (reports / "dangling.md").symlink_to(outside / "gone.md")
    (tmp_path / "reports" / "2023").symlink_to(outside, target_is_directory=True)

    tree = scan(tmp_path / "reports")
    assert [p.name for p in tree.records] == ["good.md"]
    refused = {item.path.name: item.reason for item in tree.refused}
    assert set(refused) == {"good.MD", "good.md~", "good.yaml", "good.markdown", "#good.md#", "good.md.bak",
                            "notes.txt", "linked.md", "dangling.md", "2023"}
    assert "符号链接" in refused["linked.md"] and "文件夹" in refused["2023"] and "不存在" in refused["dangling.md"]
    assert "小写" in refused["good.MD"] and "备份" in refused["good.md~"]

    result = subprocess.run([sys.executable, "-m", "jixiao.cli", "check", str(tmp_path)], cwd=tmp_path,
                            capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    for name in refused:  # each named, with what to do, as a warning
        line = next(row for row in result.stdout.splitlines() if f"/{name}:" in row)
        assert "warning not-a-record" in line and "（" in line, line
    assert "1 份报告可读，0 份无法读取，10 个不是记录（未读取）" in result.stdout


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_a_reused_id_leaves_the_record_committed_first_published(tmp_path):
    """The committed record keeps its id even though the newcomer's path sorts first."""
    reports = tmp_path / "reports" / "2024"
    reports.mkdir(parents=True)
    (reports / "suzhou-2024-dangjian.md").write_text(GOOD, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=测试", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
         "add", "-A")
    _git(tmp_path, "-c", "user.name=测试", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
         "commit", "-q", "-m", "已公开的报告")
    (reports / "aaa-copy.md").write_text(GOOD.replace("title: 党建系列活动", "title: 后来的一份"), encoding="utf-8")

    collection = load_collection(tmp_path, base=tmp_path)
    by_name = {Path(a.path).name: a for a in collection.analyses}
    assert "duplicate-id" not in codes(by_name["suzhou-2024-dangjian.md"])
    newcomer = [f for f in by_name["aaa-copy.md"].findings if f.code == "duplicate-id"]
    assert len(newcomer) == 1 and "reports/2024/suzhou-2024-dangjian.md" in newcomer[0].message


def test_without_history_the_path_decides_and_the_loser_cannot_silence_it():
    loser = GOOD.replace("---\n\n## ", "silence:\n  - {code: duplicate-id, reason: 想要发布}\n---\n\n## ", 1)
    analyses = check_all(Path("."), [load_text(GOOD, "reports/2024/b.md"), load_text(loser, "reports/2024/c.md")],
                         SCHEMES).analyses
    assert "duplicate-id" not in codes(analyses[0])
    [duplicate] = [f for f in analyses[1].findings if f.code == "duplicate-id"]
    assert duplicate.silenced is None  # still an error: the record is not published
    assert any(f.code == "schema-error" and "不能豁免" in f.message for f in analyses[1].findings)


def test_the_same_report_twice_is_looked_for_among_the_records_shown():
    from datetime import date

    draft = GOOD.replace("id: suzhou-2024-dangjian", "id: hidden-twin").replace("---\n\n## ", "publish: false\n---\n\n## ", 1)
    records = [load_text(GOOD, "reports/2024/suzhou-2024-dangjian.md"), load_text(draft, "reports/2024/hidden-twin.md")]
    everyone = check_all(Path("."), records, SCHEMES).analyses
    assert "duplicate-report" in codes(everyone[0])  # jixiao check and the internal edition see both
    records = [load_text(GOOD, "reports/2024/suzhou-2024-dangjian.md"), load_text(draft, "reports/2024/hidden-twin.md")]
    public = check_all(Path("."), records, SCHEMES, visible=lambda r: is_public(r, date(2026, 11, 21))).analyses
    assert "duplicate-report" not in codes(public[0])  # the public one never names the hidden one
