"""`jixiao diff BASE [HEAD]` in scratch git repositories of reports, as a reviewer and CI run it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_here import jixiao_here
from sitebuild import ROOT

SEEDS = ROOT / "content" / "reports"
MINHANG = "content/reports/2020/minhang-2020-zutuanshi.md"
SUZHOU = "content/reports/2024/suzhou-2024-dangjian.md"
HOHHOT = "content/reports/2023/hohhot-2023-shequ-dangzuzhi.md"
DONGCHUAN = "content/reports/2020/dongchuan-2020-tongyuan-shequ.md"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


def jixiao(repo: Path, *args):
    return jixiao_here(*args, cwd=repo)


def diff_json(repo: Path, *args) -> dict:
    result = jixiao(repo, "diff", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def by_id(data: dict) -> dict:
    return {report["id"] or report["path"]: report for report in data["reports"]}


def edit(repo: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = repo / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (relative, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository of reports: three seed records, committed; Minhang's 项目完成率 already marked down to 2."""
    repo = tmp_path / "reports-repo"
    for relative in (MINHANG, SUZHOU, HOHHOT):
        target = repo / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS / Path(relative).relative_to("content/reports"), target)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "审核测试")
    git(repo, "config", "user.email", "review@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    _set_score(repo, "项目完成率", "10", "2")  # computed total 89 → 81, still 良好
    commit(repo, "三份报告")
    return repo


def _set_score(repo: Path, name: str, old: str, new: str) -> None:
    """Change the score of the indicator row called ``name`` in the Minhang record (block-style rows)."""
    path = repo / MINHANG
    text = path.read_text(encoding="utf-8")
    start = text.index(f"    name: {name}\n")
    at = text.index(f"    score: {old}\n", start)
    assert "\n  - " not in text[start:at], f"{name} has no score {old}"
    path.write_text(text[:at] + f"    score: {new}\n" + text[at + len(f"    score: {old}\n"):], encoding="utf-8")


def test_a_rescored_indicator_and_a_new_report_are_both_named_with_totals_and_grades(repo):
    _set_score(repo, "项目完成及时率", "14", "6")  # computed 81 → 73: 良好 → 合格
    shutil.copy(SEEDS / "2020/dongchuan-2020-tongyuan-shequ.md", repo / DONGCHUAN)
    commit(repo, "改一个指标的得分，新增一份报告")

    text = jixiao(repo, "diff", "HEAD~1")
    assert text.returncode == 0 and text.stderr == ""
    assert "修改 1 份" in text.stdout and "新增 1 份" in text.stdout and "未变 2 份" in text.stdout
    assert "minhang-2020-zutuanshi" in text.stdout and "dongchuan-2020-tongyuan-shequ" in text.stdout
    assert "计算 81.00（良好） → 73.00（合格）" in text.stdout
    assert "申报 96.00（优）" in text.stdout  # the declared figures did not move
    assert "修改 产出目标/项目完成及时率：自评分 14 → 6" in text.stdout
    assert "申报 100（优）" in text.stdout  # the new report's own figures

    markdown = jixiao(repo, "diff", "HEAD~1", "--format", "markdown").stdout
    first = markdown.splitlines()[0]
    assert first.startswith("**绩效报告变动** `HEAD~1（") and "修改 1 份，新增 1 份；未变 2 份" in first
    assert "| 总分 | 96.00 | 81.00 → **73.00** |" in markdown
    assert "| 等级 | 优 | 良好 → **合格** |" in markdown
    assert "<details><summary>指标 1 行" in markdown and "</details>" in markdown
    assert "| 产出目标 / 项目完成及时率 | 自评分 | 14 | 6 |" in markdown
    assert "`dongchuan-2020-tongyuan-shequ` 铜源社区治理创新试点项目 | 100 / — | 优 / 优 |" in markdown

    data = diff_json(repo, "HEAD~1")
    assert data["summary"] == {"broken": 0, "changed": 1, "added": 1, "renamed": 0, "removed": 0, "repaired": 0,
                               "unchanged": 2, "still_broken": 0}
    minhang = by_id(data)["minhang-2020-zutuanshi"]
    assert minhang["status"] == "changed" and minhang["path"] == MINHANG
    assert minhang["totals"] == {
        "declared.total": {"old": 96, "new": 96}, "computed.total": {"old": 81, "new": 73},
        "declared.grade": {"old": "优", "new": "优"}, "computed.grade": {"old": "良好", "new": "合格"},
        "declared.score_sum": {"old": 81, "new": 73},
    }
    [row] = minhang["indicators"]
    assert row["status"] == "changed" and row["name"] == "项目完成及时率"
    assert [(m["label"], m["old"], m["new"]) for m in row["moves"]] == [("自评分", 14, 6)]
    assert minhang["money"] == [] and minhang["fields"] == [] and not minhang["body_changed"]
    added = by_id(data)["dongchuan-2020-tongyuan-shequ"]
    assert added["status"] == "added" and added["path"] == DONGCHUAN
    assert added["totals"]["declared.total"] == {"old": None, "new": 100}
    assert data["base"]["name"] == "HEAD~1" and len(data["base"]["commit"]) == 40
    assert data["head"] == {"name": "工作区", "commit": None, "kind": "worktree"}


def test_renamed_removed_and_broken(repo):
    (repo / "content/reports/2024/dangjian").mkdir()
    git(repo, "mv", SUZHOU, "content/reports/2024/dangjian/suzhou-2024-dangjian.md")
    git(repo, "rm", "-q", HOHHOT)
    edit(repo, MINHANG, "title: ", "title: [未闭合 ")
    commit(repo, "改名、删除、改坏")

    data = diff_json(repo, "HEAD~1", "HEAD")
    reports = by_id(data)
    assert data["summary"]["renamed"] == 1 and data["summary"]["removed"] == 1 and data["summary"]["broken"] == 1
    assert data["head"]["name"] == "HEAD" and data["head"]["commit"] != data["base"]["commit"]
    renamed = reports["suzhou-2024-dangjian"]
    assert renamed["status"] == "renamed" and renamed["old_path"] == SUZHOU
    assert renamed["path"] == "content/reports/2024/dangjian/suzhou-2024-dangjian.md"
    assert renamed["findings"] == {"introduced": [], "resolved": []} and renamed["indicators"] == []
    removed = reports["hohhot-2023-shequ-dangzuzhi"]
    assert removed["status"] == "removed" and removed["path"] == HOHHOT
    broken = reports["minhang-2020-zutuanshi"]  # named by the id it had before it broke
    assert broken["status"] == "broken" and broken["path"] == MINHANG
    problem = broken["problems"][0]
    assert problem["code"] == "parse-error" and problem["line"] == 3 and problem["path"] == MINHANG
    assert broken["totals"]["computed.total"]["old"] == 81

    text = jixiao(repo, "diff", "HEAD~1", "HEAD").stdout
    assert f"改名  suzhou-2024-dangjian 党建系列活动  {SUZHOU} → content/reports/2024/dangjian/" in text
    assert f"删除  hohhot-2023-shequ-dangzuzhi 街道社区党组织建设项目  {HOHHOT}" in text
    assert "无法读取  minhang-2020-zutuanshi " in text and f"  {MINHANG}\n  原为报告 minhang-2020-zutuanshi" in text
    assert "第 3 行 错误 parse-error" in text
    markdown = jixiao(repo, "diff", "HEAD~1", "HEAD", "--format", "markdown").stdout
    assert "**⚠️ 无法读取（1）**" in markdown and f"- `{MINHANG}`（原为 `minhang-2020-zutuanshi`）：第 3 行 错误" in markdown
    assert f"- `suzhou-2024-dangjian`：`{SUZHOU}` → `content/reports/2024/dangjian/suzhou-2024-dangjian.md`" in markdown
    assert f"- `hohhot-2023-shequ-dangzuzhi` 街道社区党组织建设项目：`{HOHHOT}`" in markdown


def test_a_record_broken_at_base_and_repaired_in_the_working_tree(repo):
    edit(repo, SUZHOU, "unit: 万元", "unit: 千元")
    (repo / "content/reports/2024/junk.md").write_bytes(b"\xff\xfe\x00junk")
    commit(repo, "改坏一份，加一个坏文件")
    edit(repo, SUZHOU, "unit: 千元", "unit: 万元")  # repaired, not committed

    data = diff_json(repo, "HEAD")
    reports = by_id(data)
    repaired = reports["suzhou-2024-dangjian"]
    assert repaired["status"] == "repaired" and repaired["totals"]["computed.total"]["new"] == 81.94
    assert any("金额单位只能是“元”“万元”或“亿元”" in p["message"] for p in repaired["problems"])
    assert data["still_broken"] == ["content/reports/2024/junk.md"]  # broken on both sides the same way: not news
    assert data["summary"]["still_broken"] == 1 and "junk.md" not in json.dumps(data["reports"])
    assert "恢复可读 1 份" in jixiao(repo, "diff", "HEAD").stdout
    back = diff_json(repo, "HEAD~1", "HEAD")  # the other way round: broken and new junk
    assert {r["status"] for r in back["reports"]} == {"broken"} and back["summary"]["broken"] == 2
    assert any("UTF-16" in r["problems"][0]["message"] for r in back["reports"])


def test_rows_money_and_findings_are_matched_not_positional(repo):
    # a new sub-project above the flagged ones: its figures are news, their old findings are not
    edit(repo, SUZHOU, "  - {name: 合计, total: true, budget: 35.7, spent: 29.16}\n",
         "  - {name: 合计, total: true, budget: 35.7, spent: 29.16}\n  - {name: 新增子项, budget: 1, spent: 0.5}\n")
    edit(repo, SUZHOU, "  - {category: 决策目标, name: 立项依据充分性,",
         "  - {category: 决策目标, name: 新指标, target: \"充分\", weight: 1, actual: \"100%\", score: 1}\n"
         "  - {category: 决策目标, name: 立项依据充分性,")
    edit(repo, SUZHOU, "executed: 29.16", "executed: 29.2")
    edit(repo, SUZHOU, "title: 党建系列活动", "title: 党建系列活动（修订）")
    data = diff_json(repo, "HEAD")
    suzhou = by_id(data)["suzhou-2024-dangjian"]
    assert [(r["status"], r["name"]) for r in suzhou["indicators"]] == [("added", "新指标")]
    money = {m["label"]: (m["old"], m["new"]) for m in suzhou["money"]}
    assert money["预算·实际支付数"] == (29.16, 29.2)
    assert money["子项目“新增子项”·调整预算数"] == (None, 1) and money["子项目“新增子项”·实际支出数"] == (None, 0.5)
    assert len(money) == 3  # nothing else moved: the balance row is as written, not recomputed
    assert [(f["label"], f["old"], f["new"]) for f in suzhou["fields"]] == [("项目名称", "党建系列活动", "党建系列活动（修订）")]
    codes = lambda items: sorted(f["code"] for f in items)  # noqa: E731
    assert "subproject-overspend" not in codes(suzhou["findings"]["introduced"])
    assert "subproject-overspend" not in codes(suzhou["findings"]["resolved"])
    assert suzhou["totals"]["computed.total"] == {"old": 81.94, "new": 82.94}
    markdown = jixiao(repo, "diff", "HEAD", "--format", "markdown").stdout
    assert "| 预算·实际支付数 | 29.16 万元 | 29.2 万元 |" in markdown
    assert "| 决策目标 / 新指标 | 新增 目标值 | — | 充分 |" in markdown


def test_hostile_text_stays_inert_in_markdown(repo):
    edit(repo, SUZHOU, "title: 党建系列活动", "title: \"<script>x</script> [点我](http://evil) | a\"")
    markdown = jixiao(repo, "diff", "HEAD", "--format", "markdown").stdout
    assert "<script>" not in markdown and "[点我](" not in markdown
    assert "\\<script\\>" in markdown and "\\[点我\\](http" in markdown and "\\| a" in markdown


def test_drafts_and_embargoed_reports_are_marked_as_such(repo):
    """A new draft or embargoed record is no publication: the diff says so in every format."""
    shutil.copy(SEEDS / "2020/dongchuan-2020-tongyuan-shequ.md", repo / DONGCHUAN)
    edit(repo, DONGCHUAN, "\n---\n", "\npublish: false\n---\n")
    edit(repo, SUZHOU, "\n---\n", "\npublish_date: '2099-01-01'\n---\n")  # an embargo set on a committed report

    text = jixiao(repo, "diff", "HEAD").stdout
    assert "新增  dongchuan-2020-tongyuan-shequ" in text and "〔草稿，不公开〕" in text
    assert "〔2099-01-01（含）之前不公开〕" in text
    markdown = jixiao(repo, "diff", "HEAD", "--format", "markdown").stdout
    assert "**〔草稿，不公开〕**" in markdown and "**〔2099-01-01（含）之前不公开〕**" in markdown
    reports = by_id(diff_json(repo, "HEAD"))
    assert reports["dongchuan-2020-tongyuan-shequ"]["hidden"] == "draft"
    assert reports["suzhou-2024-dangjian"]["hidden"] == "embargoed"
    assert reports["suzhou-2024-dangjian"]["publish_date"] == "2099-01-01"


def test_unchanged_and_custom_paths(tmp_path):
    repo = tmp_path / "r"
    (repo / "site" / "reports" / "2024").mkdir(parents=True)
    shutil.copy(SEEDS / "2024/suzhou-2024-dangjian.md", repo / "site/reports/2024/suzhou-2024-dangjian.md")
    (repo / "notes.md").write_text("# 不是记录\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "审核测试")
    git(repo, "config", "user.email", "review@example.org")
    commit(repo, "一份")
    no_records = jixiao(repo, "diff", "HEAD")
    assert no_records.returncode == 2 and "--path" in no_records.stderr and "Traceback" not in no_records.stderr
    data = diff_json(repo, "HEAD", "--path", "site")
    assert data["reports"] == [] and data["summary"]["unchanged"] == 1
    assert "报告没有变动（共 1 份）" in jixiao(repo, "diff", "HEAD", "--path", "site").stdout
    inside = jixiao(repo / "site", "diff", "HEAD", "--format", "json")  # reports/ under the current folder
    assert inside.returncode == 0 and json.loads(inside.stdout)["summary"]["unchanged"] == 1


def test_usage_errors_are_chinese_and_exit_2(repo, tmp_path):
    bad = jixiao(repo, "diff", "no-such-branch")
    assert bad.returncode == 2 and "找不到修订版本“no-such-branch”" in bad.stderr and "Traceback" not in bad.stderr
    assert jixiao(repo, "diff", "HEAD", "nope~3").returncode == 2
    outside = tmp_path / "plain"
    outside.mkdir()
    not_git = jixiao(outside, "diff", "HEAD")
    assert not_git.returncode == 2 and "不在 git 仓库中" in not_git.stderr
    assert jixiao(repo, "diff", "HEAD~1", "HEAD", "--staged").returncode == 2
    assert jixiao(repo, "diff", "HEAD", "--format", "xml").returncode == 2
    assert jixiao(repo, "diff", "HEAD", "--path", tmp_path.parent).returncode == 2


def test_each_revision_is_read_once(repo, monkeypatch):
    from jixiao import cli
    from jixiao.review import gitrevs

    calls = {"git": 0, "load_bytes": 0, "load_file": 0}
    real_git, real_bytes, real_file = gitrevs._git, gitrevs.load_bytes, gitrevs.load_file

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(gitrevs, "_git", counting("git", real_git))
    monkeypatch.setattr(gitrevs, "load_bytes", counting("load_bytes", real_bytes))
    monkeypatch.setattr(gitrevs, "load_file", counting("load_file", real_file))
    monkeypatch.chdir(repo)
    assert cli.main(["diff", "HEAD", "--format", "json"]) == 0
    assert calls["load_bytes"] == 3 and calls["load_file"] == 3
    # rev-parse ×2, ls-tree, cat-file --batch-check and --batch, ls-files: no call per record
    assert calls["git"] == 6
