"""`jixiao check` and `jixiao schema` as a user and CI run them."""

from __future__ import annotations

import json
import subprocess
import sys

from sitebuild import ROOT

GOOD = (ROOT / "content/reports/2024/suzhou-2024-dangjian.md").read_text(encoding="utf-8")


def jixiao(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=env)


def test_check_seeds_json_says_what_the_domain_says():
    result = jixiao("check", "content", "--format", "json")
    assert result.returncode == 1  # the published reports carry real errors
    data = json.loads(result.stdout)
    reports = {r["id"]: r for r in data["reports"]}
    codes = {rid: sorted(f["code"] for f in r["findings"] if f["severity"] != "info") for rid, r in reports.items()}
    assert codes == {
        "suzhou-2024-dangjian": ["subproject-budget-mismatch", "subproject-overspend", "subproject-overspend",
                                 "weight-total-mismatch"],
        "minhang-2020-zutuanshi": ["grade-mismatch", "missing-score", "score-total-mismatch"],
        # 服务对象满意度 and 社区文明和谐度: actual ≥95% and ≥90% repeat their targets
        "suzhou-2018-shequ-weimin": ["actual-copies-target", "actual-copies-target", "unit-magnitude"],
        "hohhot-2023-shequ-dangzuzhi": [],
        "dongchuan-2020-tongyuan-shequ": [],
    }
    suzhou = reports["suzhou-2024-dangjian"]["computed"]
    assert suzhou["total"] == 81.94 and suzhou["weight_total"] == 82
    assert suzhou["stated_execution_rate"] == 99.86 and abs(suzhou["execution_rate"] - 99.863) < 0.001
    execution = next(i for i in suzhou["indicators"] if i["name"] == "预算执行率")
    assert execution["computed_score"] == 7.94 and execution["declared_score"] == 7.94
    minhang = reports["minhang-2020-zutuanshi"]
    assert minhang["computed"]["total"] == 89 and minhang["computed"]["grade"] == "良好"
    assert minhang["declared"] == {"total": 96, "grade": "优", "weight_total": 100, "execution_rate": "100.00%"}
    assert [c["weight"] for c in minhang["computed"]["categories"]] == [36, 34, 15, 15]
    suzhou18 = reports["suzhou-2018-shequ-weimin"]["computed"]
    assert [c["weight"] for c in suzhou18["categories"]] == [24, 24, 26, 6] and suzhou18["total"] == 80
    hohhot = reports["hohhot-2023-shequ-dangzuzhi"]["computed"]
    assert hohhot["grade"] == "良" and hohhot["grade_basis"] == "declared"
    assert data["summary"]["reports"] == 5 and data["summary"]["failed"] == 0
    finding = next(f for f in reports["suzhou-2024-dangjian"]["findings"] if f["code"] == "weight-total-mismatch")
    assert finding["field"] == "declared.weight_total" and finding["line"] > 1 and "82" in finding["message"]


def test_broken_and_good_record_together(tmp_path):
    reports = tmp_path / "reports" / "2024"
    reports.mkdir(parents=True)
    (reports / "suzhou-2024-dangjian.md").write_text(GOOD, encoding="utf-8")
    (reports / "broken.md").write_text("---\nid: broken\ntitle: [未闭合\n---\n", encoding="utf-8")
    result = jixiao("check", tmp_path)
    assert result.returncode == 1
    assert "broken.md:3" in result.stdout and "parse-error" in result.stdout
    assert "weight-total-mismatch" in result.stdout  # the good one is still checked
    github = jixiao("check", tmp_path, "--format", "github")
    lines = github.stdout.splitlines()
    assert any(line.startswith("::error file=") and "broken.md" in line and ",line=3," in line for line in lines)
    assert any(line.startswith("::group::") for line in lines) and lines[-1] == "::endgroup::"
    gitlab = json.loads(jixiao("check", tmp_path, "--format", "gitlab").stdout)
    assert {issue["check_name"] for issue in gitlab} >= {"parse-error", "weight-total-mismatch"}


def test_exit_codes(tmp_path):
    (tmp_path / "suzhou-2024-dangjian.md").write_text(GOOD.replace("weight_total: 80", "weight_total: 82"), encoding="utf-8")
    assert jixiao("check", tmp_path).returncode == 0  # warnings only
    assert jixiao("check", tmp_path, "--strict").returncode == 1
    assert jixiao("check", tmp_path / "nope").returncode == 2
    usage = jixiao("check", "--format", "xml", tmp_path)
    assert usage.returncode == 2 and "用法错误" in usage.stderr


def test_silenced_finding_is_shown_with_its_reason(tmp_path):
    text = GOOD.replace("publish_date", "x").replace(
        "source:\n", "silence:\n  - code: weight-total-mismatch\n    reason: 原件表头如此，照录\nsource:\n", 1)
    (tmp_path / "suzhou-2024-dangjian.md").write_text(text, encoding="utf-8")
    data = json.loads(jixiao("check", tmp_path, "--format", "json").stdout)
    finding = next(f for f in data["reports"][0]["findings"] if f["code"] == "weight-total-mismatch")
    assert finding["silenced"] == "原件表头如此，照录"
    assert "已豁免：原件表头如此，照录" in jixiao("check", tmp_path).stdout


def test_schema_file_is_current():
    assert jixiao("schema", "--check").returncode == 0


def test_schema_has_chinese_titles_for_every_field():
    from jixiao.core.record.schema import report_schema

    schema = report_schema()
    missing = []

    def walk(node, where):
        for name, prop in node.get("properties", {}).items():
            if not prop.get("title") or not any("\u4e00" <= ch <= "\u9fff" for ch in prop["title"]):
                missing.append(f"{where}.{name}")
    walk(schema, "Report")
    for name, definition in schema["$defs"].items():
        walk(definition, name)
    assert missing == []


def test_schema_validates_the_seed_records():
    import jsonschema

    from jixiao.core.record import load_file
    from jixiao.core.record.schema import report_schema
    from jixiao.core.record.yamlsafe import read_yaml

    validator = jsonschema.Draft202012Validator(report_schema())
    for file in sorted((ROOT / "content/reports").rglob("*.md")):
        front = file.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
        data = _typed(read_yaml(front).data)
        assert list(validator.iter_errors(data)) == [], file
        assert load_file(file).ok


def _typed(value):
    """What an editor's YAML 1.2 parser gives: plain numbers as numbers."""
    import re
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return float(value) if "." in value else int(value)
    return value
