"""Re-import that respects people: hand corrections survive, conflicts are reported, nothing moves for nothing.

A record imported from a Word form is corrected by hand (its title, a money figure, an indicator
row, a paragraph of the narrative) and the form is imported again: unchanged, then revised by the
unit. Every correction must survive, every place where the revised form says something else must
be reported as a conflict (console and ``import_notes``), ``--overwrite`` must take the form's
value, and a re-import that brings nothing new must leave the file byte for byte as it was.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cli_here import jixiao_here
from import_fixtures import build
from jixiao.importers import import_file
from jixiao.core.record import load_file

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ROOT = Path(__file__).resolve().parents[1]
SEED_FILES = {
    "suzhou-2018": "000_e8c8d755cb72bcfa.txt",
    "hohhot-2023": "001_9ba097ddbde41b34.txt",
    "dongchuan-2020": "002_4e0f6a20a9cb971a.txt",
    "suzhou-2024": "003_ead751591c69ad14.txt",
    "minhang-2020": "004_81c9c1dad6fba498.txt",
}

ROW_BEFORE = '    name: 预算执行率\n    target: "=100%"\n    weight: 8\n    actual: "99.86%"\n    score: 7.94\n'
ROW_AFTER = '    name: 预算执行率\n    target: "=100%"\n    weight: 8\n    actual: "99.86%"\n    score: 7.95\n'
ADDED_PARAGRAPH = "审核人补充：本节数字已与单位电话核实。"


def jixiao(*args, cwd: Path):
    return jixiao_here(*args, cwd=cwd)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def corrected(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The 2024 Suzhou form imported, then corrected by hand in four places."""
    source = build.suzhou_docx("suzhou-2024", tmp_path / "自评表.docx")
    out = tmp_path / "reports"
    record = import_file(source, out).records[0].path
    edit(record, "title: 党建系列活动\n", "title: 党建系列活动（更正）\n")
    edit(record, "  executed: 29.16\n", "  executed: 29.17\n")
    edit(record, ROW_BEFORE, ROW_AFTER)
    edit(record, "### 项目概况\n\n", f"### 项目概况\n\n{ADDED_PARAGRAPH}\n\n")
    return source, out, record


def revise(source: Path) -> None:
    """The unit's second version of the form: another title, paid 29.18, 99.90% executed, a reworded sentence."""
    import docx

    document = docx.Document(source)
    seen: list = []  # the cell elements themselves: a proxy's id() may be reused once it is freed
    changes = {"党建系列活动": "党建系列活动（第二版）", "29.16": "29.18", "99.86%": "99.90%", "为深入贯彻": "为全面贯彻"}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if any(cell._tc is other for other in seen):  # a merged cell comes once per grid position
                    continue
                seen.append(cell._tc)
                for paragraph in cell.paragraphs:
                    text = paragraph.text
                    for old, new in changes.items():
                        text = text.replace(old, new) if old != "党建系列活动" or text == old else text
                    if text != paragraph.text:
                        paragraph.text = text
    document.save(source)


def test_hand_corrections_survive_and_each_conflict_is_reported(tmp_path):
    source, out, record = corrected(tmp_path)
    edited = record.read_bytes()

    again = import_file(source, out).records[0]  # the same form again: nothing to decide
    assert again.path == record and not again.changed and again.conflicts == []
    assert record.read_bytes() == edited

    revise(source)
    run = jixiao("import", source, "--out", out, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert len(list(out.rglob("*.md"))) == 1  # retitled by the unit, still the same report
    report = load_file(record).report
    assert report.title == "党建系列活动（更正）"
    assert str(report.budget.executed) == "29.17"
    row = next(row for row in report.indicators if row.name == "预算执行率")
    assert (row.actual, str(row.score)) == ("99.86%", "7.95")
    assert ADDED_PARAGRAPH in load_file(record).body
    assert "为深入贯彻苏州市" in load_file(record).body
    # what nobody corrected takes the unit's new figures
    assert str(report.subprojects[0].spent) == "29.18"

    conflicts = [note for note in report.import_notes if note.startswith("导入冲突：")]
    assert len(conflicts) == 4, conflicts
    expected = [
        ("项目名称", "党建系列活动（更正）", "党建系列活动（第二版）", "--overwrite title"),
        ("实际支付数", "29.17", "29.18", "--overwrite budget.executed"),
        ("绩效指标“预算执行率”一行", "实际完成值 99.86%，自评分 7.95", "实际完成值 99.90%，自评分 7.94", "--overwrite indicators"),
        ("正文“项目概况”一节", ADDED_PARAGRAPH, "为全面贯彻", "--overwrite body"),
    ]
    for where, kept, offered, command in expected:
        note = next(note for note in conflicts if where in note)
        assert f"保留记录所写“{kept}" in note and offered in note.split("原件现为", 1)[1], note
        assert f"jixiao import 自评表.docx {command}" in note
        assert f"⚠ {note}" in run.stdout  # on the console as well
    assert "冲突 4 处" in run.stdout or "导入冲突 4 处" in run.stdout

    # a conflict stands until someone decides: the same revised form reports it again, and changes nothing
    settled = record.read_bytes()
    repeat = import_file(source, out).records[0]
    assert len(repeat.conflicts) == 4 and not repeat.changed and record.read_bytes() == settled


def test_overwrite_takes_the_documents_value(tmp_path):
    source, out, record = corrected(tmp_path)
    revise(source)
    run = jixiao("import", source, "--out", out, "--overwrite", "title", "budget.executed", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = load_file(record).report
    assert report.title == "党建系列活动（第二版）" and str(report.budget.executed) == "29.18"
    assert str(next(row for row in report.indicators if row.name == "预算执行率").score) == "7.95"  # not named: kept
    assert sorted(note.split("已有人工修改")[0] for note in report.import_notes if note.startswith("导入冲突")) == [
        "导入冲突：正文“项目概况”一节", "导入冲突：绩效指标“预算执行率”一行"]

    # a field the form now wins is the importer's again: the next revision replaces it silently
    assert import_file(source, out).records[0].conflicts and "（第二版）" in record.read_text(encoding="utf-8")

    run = jixiao("import", source, "--out", out, "--overwrite-all", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = load_file(record).report
    row = next(row for row in report.indicators if row.name == "预算执行率")
    assert (row.actual, str(row.score)) == ("99.90%", "7.94")
    assert ADDED_PARAGRAPH not in load_file(record).body and report.import_notes == []
    fresh = tmp_path / "fresh"
    import_file(source, fresh)
    assert _without_id(next(fresh.rglob("*.md"))) == _without_id(record)  # as if imported anew


def _without_id(path: Path) -> str:
    return re.sub(r"^id: .*$", "", path.read_text(encoding="utf-8"), count=1, flags=re.M)


def test_overwrite_names_are_checked(tmp_path):
    source = build.suzhou_docx("suzhou-2024", tmp_path / "自评表.docx")
    run = jixiao("import", "--overwrite", "title", source, "--out", tmp_path / "out", cwd=tmp_path)
    assert run.returncode == 2
    assert "“" + str(source) + "”不是可以覆盖的字段" in run.stderr and "写在文件之后" in run.stderr
    assert not (tmp_path / "out").exists()
    run = jixiao("import", source, "--out", tmp_path / "out", "--overwrite", "项目名称,正文,budget.initial", cwd=tmp_path)
    assert run.returncode == 0, run.stderr


def test_unchanged_reimport_changes_no_byte(tmp_path):
    out = tmp_path / "reports"
    sources = [build.suzhou_docx("suzhou-2018", tmp_path / "a.docx"), build.minhang_xlsx(tmp_path / "b.xlsx"),
               build.national_docx(tmp_path / "c.docx")]
    records = [import_file(source, out).records[0].path for source in sources]
    before = [path.read_bytes() for path in records]
    for source, path in zip(sources, records):
        again = import_file(source, out).records[0]
        assert again.path == path and not again.changed and again.conflicts == [] and again.kept == []
    assert [path.read_bytes() for path in records] == before
    text = records[0].read_text(encoding="utf-8")
    block = text[text.index("import_fingerprints:"):text.index("\n---\n")]
    assert re.search(r"^  indicators: \[[a-z]{8}, ", block, re.M) and re.search(r"^  body: \[", block, re.M)


def test_rows_and_notes_a_person_removed_or_added_stay_so(tmp_path):
    source = build.minhang_xlsx(tmp_path / "闵行.xlsx")
    out = tmp_path / "reports"
    record = import_file(source, out).records[0].path
    text = record.read_text(encoding="utf-8")
    # the person takes out the row 政策知晓率 and adds one of their own after 受益人群覆盖率
    rows = re.split(r"(?m)^(?=  - category: )", text[text.index("indicators:\n") + len("indicators:\n"):text.index("categories:")])
    gone = next(row for row in rows if "name: 政策知晓率" in row)
    covered = next(row for row in rows if "name: 受益人群覆盖率" in row)
    added = "  - category: 效果目标\n    name: 回访覆盖率\n    weight: 1\n"
    text = text.replace(gone, "").replace(covered, covered + added)
    record.write_text(text, encoding="utf-8")
    again = import_file(source, out).records[0]
    assert again.conflicts == []
    names = [row.name for row in load_file(record).report.indicators]
    assert "政策知晓率" not in names and names[names.index("受益人群覆盖率") + 1] == "回访覆盖率"
    assert record.read_text(encoding="utf-8") == text


def test_a_different_project_in_a_file_of_the_same_name_is_another_record(tmp_path):
    out = tmp_path / "reports"
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    first = build.suzhou_docx("suzhou-2024", tmp_path / "one" / "自评表.docx")
    second = build.suzhou_docx("suzhou-2018", tmp_path / "two" / "自评表.docx")
    a = import_file(first, out).records[0]
    b = import_file(second, out).records[0]
    assert a.path != b.path and b.created


def test_fingerprints_stay_out_of_the_public_record_data(tmp_path):
    from jixiao.core.collection import load_collection
    from jixiao.site.exports import record_data

    source = build.suzhou_docx("suzhou-2024", tmp_path / "自评表.docx")
    import_file(source, tmp_path / "reports")
    [analysis] = load_collection([tmp_path / "reports"]).loaded
    assert analysis.report.import_fingerprints
    assert "import_fingerprints" not in record_data(analysis, "public")


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")


@needs_seeds
def test_reimporting_the_seeds_over_the_hand_made_records_adds_only_the_fingerprints(tmp_path):
    """The hand-made records differ from what the importer reads here and there (layout, notes, a
    reworded sentence): none of it is touched, the first re-import only adds what the importer
    read, as fingerprints, and the second changes nothing."""
    out = tmp_path / "reports"
    shutil.copytree(ROOT / "content" / "reports", out)
    before = {path: path.read_text(encoding="utf-8") for path in out.rglob("*.md")}
    for name in SEED_FILES.values():
        [written] = import_file(SEEDS / name, out).records
        assert written.conflicts == [] and written.changed
    for path, text in before.items():
        now = path.read_text(encoding="utf-8")
        head, tail = now.split("import_fingerprints:\n", 1)
        block, rest = tail.split("---\n", 1)
        assert head + "---\n" + rest == text, path  # every line as it was
        assert all(re.fullmatch(r"  \S+: .+|    .+", line) for line in block.splitlines()), block
    first = {path: path.read_bytes() for path in out.rglob("*.md")}
    for name in SEED_FILES.values():
        assert not import_file(SEEDS / name, out).records[0].changed
    assert {path: path.read_bytes() for path in out.rglob("*.md")} == first
