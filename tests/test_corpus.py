"""The synthetic corpus: every record loads cleanly, ids are unique, output is deterministic,
clean records satisfy every identity of the domain and defective ones break exactly what they say."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

import corpus
from jixiao.core.record import iter_record_files, load_file
from jixiao.core.schemes import load_schemes

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen-corpus"
SECTIONS = ["项目概况", "项目总目标", "年度绩效目标", "项目实施情况", "项目管理成效", "存在的问题及原因", "改进建议"]
CATEGORIES = {
    "national-2020": {"产出指标", "效益指标", "满意度指标", "预算执行"},
    "suzhou-2024": {"决策目标", "过程目标", "产出目标", "效益目标", "满意度目标"},
    "suzhou-2018": {"投入目标", "产出目标", "结果目标", "影响力目标"},
    "minhang-2020": {"投入与管理", "产出目标", "效果目标", "影响力目标"},
}
NATIONAL_SUBCATEGORIES = {"数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"}
# A defect may show more than one symptom: a blank score also makes the total differ from the sum;
# figures in 元 under a 万元 header no longer add up with the sub-project and funding tables.
IMPLIED = {"score-missing": {"total-mismatch"}, "unit-mismatch": {"subproject-sum", "funding-sum"}}
CENT = Decimal("0.01")
MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}


def run_script(*args, **kwargs):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, check=True, **kwargs)


def load_all(folder: Path):
    loaded = []
    for file in iter_record_files(folder):
        record = load_file(file)
        assert record.ok and record.findings == [], [f.text() for f in record.findings]
        loaded.append((file, record))
    return loaded


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


SCHEMES = load_schemes()


def expected_grade(scheme: str, total: Decimal) -> str | None:
    """The grade the record's own scheme file gives its total (Suzhou's sets none)."""
    band = SCHEMES[scheme].grade_for(total)
    return band.label if band else None


def symptoms(report) -> set[str]:
    """What an independent reading of the figures finds wrong with a record."""
    found = set()
    rows = [r for r in report.indicators if r.weight is not None]  # 其中 sub-rows print no weight and no score
    if sum(r.weight for r in rows) != report.declared.weight_total:
        found.add("weight-total-mismatch")
    if any(r.score is None for r in rows):
        found.add("score-missing")
    if sum(r.score for r in rows if r.score is not None) != report.declared.total:
        found.add("total-mismatch")
    if report.declared.grade != expected_grade(report.scheme, report.declared.total):
        found.add("grade-mismatch")
    b = report.budget
    if (
        b.unallocated != b.initial + b.adjustment - b.appropriated
        or b.balance != b.appropriated - b.executed
        or b.balance != b.carried_forward + b.recovered
    ):
        found.add("money-identity")
    if b.full_year is not None and b.full_year != b.initial + b.adjustment:
        found.add("money-identity")
    rate = (b.executed / b.appropriated * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if Decimal(b.execution_rate.rstrip("%")) != rate:
        found.add("execution-rate-mismatch")
    if report.unit == "万元" and b.initial >= 1_000_000:
        found.add("unit-mismatch")
    parts = [s for s in report.subprojects if not s.total]
    if any(s.spent > s.budget for s in parts):
        found.add("subproject-overspend")
    if parts:
        totals = [s for s in report.subprojects if s.total]
        budget_sum, spent_sum = sum(s.budget for s in parts), sum(s.spent for s in parts)
        if budget_sum != b.initial + b.adjustment or spent_sum != b.executed:
            found.add("subproject-sum")
        if totals and (totals[0].budget != budget_sum or totals[0].spent != spent_sum):
            found.add("subproject-sum")
    if report.funding:
        total = next(f for f in report.funding if f.total)
        others = [f for f in report.funding if not f.total]
        for key in ("amount", "full_year", "executed"):
            if getattr(total, key) is not None:
                if getattr(total, key) != sum(getattr(f, key) for f in others):
                    found.add("funding-sum")
        if (total.full_year or total.amount) != b.initial + b.adjustment:
            found.add("funding-sum")
    for row in rows:
        is_execution = row.name == "预算执行率"
        if row.score is not None and row.score > row.weight:
            found.add("score-over-weight")
        if not is_execution and row.score is not None and row.score < row.weight and not row.note:
            found.add("target-missed-no-note")
    return found


@pytest.fixture(scope="module")
def script_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("script")
    manifest = folder / "manifest.json"
    result = run_script(50, folder, "--seed", 7, "--manifest", manifest)
    assert "50" in result.stderr
    return folder, json.loads(manifest.read_text(encoding="utf-8"))


def test_script_writes_records_that_load_without_findings(script_corpus):
    folder, manifest = script_corpus
    loaded = load_all(folder)
    assert len(loaded) == 50 == len(manifest)
    ids = [record.report.id for _, record in loaded]
    assert len(set(ids)) == 50
    for file, record in loaded:
        report = record.report
        assert re.fullmatch(r"[a-z0-9-]+", report.id) and report.id == file.stem
        assert file.parent.name == str(report.year) and file.parent.parent.name == "reports"
    assert {entry["path"] for entry in manifest} == {f.relative_to(folder).as_posix() for f, _ in loaded}


def test_module_writes_the_same_bytes_as_the_script(script_corpus, tmp_path):
    folder, _ = script_corpus
    written = corpus.write_corpus(50, tmp_path, seed=7)
    assert len(written) == 50
    assert files_of(tmp_path) == files_of(folder)


def test_same_seed_same_bytes_other_seed_other_records(tmp_path):
    run_script(50, tmp_path / "a", "--seed", 3)
    run_script(50, tmp_path / "b", "--seed", 3)
    run_script(50, tmp_path / "c", "--seed", 4)
    a, b, c = files_of(tmp_path / "a"), files_of(tmp_path / "b"), files_of(tmp_path / "c")
    assert a == b
    assert a != c


def test_parallel_writing_gives_the_same_files(tmp_path):
    one = corpus.write_corpus(450, tmp_path / "one", seed=5, jobs=1)
    two = corpus.write_corpus(450, tmp_path / "two", seed=5, jobs=2)
    assert [g.id for g in one] == [g.id for g in two]
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_script_runs_as_an_executable_with_the_venv_on_path(tmp_path):
    assert os.access(SCRIPT, os.X_OK)
    assert SCRIPT.read_text(encoding="utf-8").startswith("#!/usr/bin/env python3\n")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    subprocess.run([str(SCRIPT), "3", str(tmp_path)], check=True, capture_output=True, env=env)
    assert len(list((tmp_path / "reports").rglob("*.md"))) == 3


def test_defect_share_is_honoured():
    for n, share in ((50, 0.15), (200, 0.15), (200, 0.3), (40, 0.0), (20, 1.0)):
        records = list(corpus.generate(n, seed=11, defect_share=share))
        assert sum(1 for g in records if g.defects) == round(n * share)
    with pytest.raises(ValueError):
        list(corpus.generate(5, defect_share=1.5))


def test_records_are_what_they_declare(tmp_path):
    """Clean records satisfy every identity; a defective one shows its defects and no others."""
    written = corpus.write_corpus(300, tmp_path, seed=2, defect_share=0.3)
    defects = {g.id: set(g.defects) for g in written}
    seen = set()
    for _, record in load_all(tmp_path):
        report = record.report
        declared = defects[report.id]
        found = symptoms(report)
        assert declared <= found, (report.id, declared, found)
        allowed = declared.union(*(IMPLIED.get(d, set()) for d in declared))
        assert found <= allowed, (report.id, declared, found)
        assert declared.issubset(corpus.DEFECTS) and len(declared) <= 2
        seen |= declared
    assert sum(1 for d in defects.values() if d) == 90
    assert seen == set(corpus.DEFECTS)  # every kind of defect occurs in a corpus of this size


def test_records_look_like_real_reports(script_corpus):
    folder, manifest = script_corpus
    defects = {entry["id"]: entry["defects"] for entry in manifest}
    provinces = {name for name, _, _ in corpus.PROVINCES}
    assert len(provinces) >= 25 and all(len(cities) >= 1 for _, _, cities in corpus.PROVINCES)
    for _, record in load_all(folder):
        report = record.report
        assert 2015 <= report.year <= 2025
        assert report.kind in ("self", "department", "finance")
        assert report.scheme in corpus.SCHEMES
        assert report.region[0] in provinces and 1 <= len(report.region) <= 4
        if report.region[0] not in MUNICIPALITIES:  # 上海市 alone is a city-level unit's region
            assert report.region[1].endswith(("市", "州"))
        assert 10 <= len(report.indicators) <= 30
        assert {r.category for r in report.indicators} <= CATEGORIES[report.scheme]
        if report.scheme == "national-2020":
            assert {r.subcategory for r in report.indicators if r.category != "预算执行"} <= NATIONAL_SUBCATEGORIES
        assert 0 <= len([s for s in report.subprojects if not s.total]) <= 6
        size = len(record.body.encode("utf-8"))
        assert 2000 <= size <= 6000, size
        headings = re.findall(r"^## (.+)$", record.body, flags=re.M)
        assert headings == SECTIONS
        if "unit-mismatch" not in defects[report.id]:
            money = report.budget.initial if report.unit == "元" else report.budget.initial * 10000
            assert Decimal(10000) <= money <= Decimal(10) ** 9  # 1 万元 to 10 亿元 in either unit


def test_the_portal_checker_agrees(tmp_path):
    """Clean records pass the portal's own checks; a defective record draws an error or warning.
    (A missed target without a note is left out: where the scheme leaves a row to the evaluator,
    as Minhang does, the checker rightly cannot call it missed.)"""
    collection = pytest.importorskip("jixiao.core.collection")
    from jixiao.core.findings import Severity

    written = corpus.write_corpus(200, tmp_path, seed=9, defect_share=0.3)
    defects = {g.id: set(g.defects) for g in written}
    checked = collection.load_collection(tmp_path)
    assert len(checked.loaded) == 200
    for analysis in checked.analyses:
        serious = [f for f in analysis.active() if f.severity in (Severity.ERROR, Severity.WARNING)]
        declared = defects[analysis.report.id]
        if not declared:
            assert serious == [], (analysis.report.id, [f.text() for f in serious])
        elif declared != {"target-missed-no-note"}:
            assert serious, (analysis.report.id, declared)
