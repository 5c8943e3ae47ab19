"""`jixiao import`: Word, Excel and extracted text become records that match the hand-made ones.

The five seed extractions (../shared/seeds) and Word/Excel files built in the seeds' layouts
(tests/import_fixtures/build.py, merged cells included) are imported and compared with the
hand-made records in content/reports: the same money figures, indicator rows, declared total and
grade, and section headings. Damaged documents, re-imports and the quoting of the front matter
are tested on their own.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_here import jixiao_here
from import_fixtures import build
from jixiao.importers import import_file, import_files
from jixiao.importers.readers.sheetcells import display
from jixiao.importers.yamltext import scalar
from jixiao.core.record import load_file
from jixiao.core.record.yamlsafe import read_yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILES = {
    "suzhou-2018": "000_e8c8d755cb72bcfa.txt",
    "hohhot-2023": "001_9ba097ddbde41b34.txt",
    "dongchuan-2020": "002_4e0f6a20a9cb971a.txt",
    "suzhou-2024": "003_ead751591c69ad14.txt",
    "minhang-2020": "004_81c9c1dad6fba498.txt",
}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")


# --- comparing an imported record with the hand-made one ---


def headings(body: str) -> list[tuple[int, str]]:
    """Section headings, levels made relative: a heading that only groups deeper ones (no text of
    its own, like the form's 项目基本情况 row) is left out, and the top level is counted as 2."""
    found = []
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", body.strip()) if chunk.strip()]
    for index, chunk in enumerate(chunks):
        match = re.match(r"^(#{1,6}) (.+)$", chunk)
        if not match:
            continue
        following = chunks[index + 1] if index + 1 < len(chunks) else ""
        deeper = re.match(r"^(#{1,6}) ", following)
        if deeper and len(deeper.group(1)) > len(match.group(1)):
            continue
        found.append((len(match.group(1)), match.group(2).strip()))
    top = min((level for level, _ in found), default=2)
    return [(level - top + 2, text) for level, text in found]


def money(report) -> dict:
    return {
        "unit": report.unit,
        "budget": report.budget.model_dump(mode="json", exclude_none=True) if report.budget else None,
        "funding": [row.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for row in report.funding],
        "subprojects": [row.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for row in report.subprojects],
    }


def indicator_rows(report) -> list[tuple]:
    return [(str(row.category), row.name, row.target, str(row.weight), row.actual, None if row.score is None else str(row.score))
            for row in report.indicators]


def assert_matches_hand_made(written: Path, key: str) -> None:
    imported = load_file(written)
    assert [finding.text() for finding in imported.findings] == []
    hand = load_file(build.HAND_MADE[key])
    a, b = hand.report, imported.report
    assert money(b) == money(a)
    assert indicator_rows(b) == indicator_rows(a)
    assert [row.model_dump(mode="json", exclude_none=True) for row in b.indicators] == \
        [row.model_dump(mode="json", exclude_none=True) for row in a.indicators]
    assert b.categories == a.categories and [str(v) for v in b.categories.values()] == [str(v) for v in a.categories.values()]
    assert b.declared.model_dump(mode="json") == a.declared.model_dump(mode="json")
    assert headings(imported.body) == headings(hand.body)
    for field in ("title", "year", "kind", "region", "scheme", "indicator_columns", "department", "evaluator"):
        assert getattr(b, field) == getattr(a, field), field
    assert b.source.file == written_source(written)


def written_source(path: Path) -> str:
    return load_file(path).report.source.file


def only_record(result) -> Path:
    assert result.ok, result.error
    assert len(result.records) == 1
    return result.records[0].path


# --- the five seed extractions ---


@needs_seeds
@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_seed_text_imports_as_the_hand_made_record(key, tmp_path):
    result = import_file(SEEDS / SEED_FILES[key], tmp_path)
    path = only_record(result)
    assert path.parent.name == str(load_file(build.HAND_MADE[key]).report.year)
    assert_matches_hand_made(path, key)
    assert load_file(path).report.source.file == SEED_FILES[key]


@needs_seeds
def test_seed_notes_say_what_the_hand_made_notes_say(tmp_path):
    notes = {}
    for key, name in SEED_FILES.items():
        notes[key] = load_file(only_record(import_file(SEEDS / name, tmp_path))).report.import_notes
    assert any("约为子项目表合计（1640）的" in note and "以元填写" in note for note in notes["suzhou-2018"])
    assert any("242,400.00" in note and "242400.00" in note for note in notes["minhang-2020"])
    realigned = next(note for note in notes["minhang-2020"] if "错位" in note)
    assert "投入与管理 36" in realigned and "产出目标 34" in realigned and "“项目完成率（14分）”" in realigned
    assert any("目录" in note for note in notes["hohhot-2023"])
    assert notes["suzhou-2024"] == []


# --- Word and Excel files in the seeds' layouts ---


@pytest.mark.parametrize(
    "key, maker",
    [
        ("suzhou-2024", lambda out: build.suzhou_docx("suzhou-2024", out / "自评表2024.docx")),
        ("suzhou-2018", lambda out: build.suzhou_docx("suzhou-2018", out / "自评表2018.docx")),
        ("suzhou-2024", lambda out: build.suzhou_xlsx("suzhou-2024", out / "自评表2024.xlsx")),
        ("minhang-2020", lambda out: build.minhang_xlsx(out / "闵行自评.xlsx")),
        ("hohhot-2023", lambda out: build.narrative_docx("hohhot-2023", out / "呼和浩特.docx", styled=True)),
        ("dongchuan-2020", lambda out: build.narrative_docx("dongchuan-2020", out / "东川.docx", styled=False)),
    ],
    ids=["suzhou-2024-docx", "suzhou-2018-docx", "suzhou-2024-xlsx", "minhang-xlsx", "hohhot-styled-docx", "dongchuan-docx"],
)
def test_office_file_imports_as_the_hand_made_record(key, maker, tmp_path):
    source = maker(tmp_path)
    path = only_record(import_file(source, tmp_path / "reports"))
    assert_matches_hand_made(path, key)
    assert load_file(path).report.source.file == source.name


def test_old_excel_xls_imports_as_the_hand_made_record(tmp_path):
    pytest.importorskip("xlwt")
    source = build.minhang_xls(tmp_path / "闵行自评.xls")
    assert_matches_hand_made(only_record(import_file(source, tmp_path / "reports")), "minhang-2020")


@needs_seeds
def test_csv_export_reads_like_the_tab_separated_one(tmp_path):
    import csv

    rows = [line.split("\t") for line in (SEEDS / SEED_FILES["minhang-2020"]).read_text(encoding="utf-8").split("\n")]
    source = tmp_path / "闵行自评.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    assert_matches_hand_made(only_record(import_file(source, tmp_path / "reports")), "minhang-2020")


def test_workbook_with_a_form_per_sheet_gives_a_record_per_sheet(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "党建办"
    build.fill_sheet(first, build.minhang_layout())
    second = workbook.create_sheet("社区办")
    layout = build.minhang_layout()
    layout[1][1].value = "社区微更新专项"
    build.fill_sheet(second, layout)
    workbook.create_sheet("填表人").append(["填表人：李四", "电话 12345678"])
    source = tmp_path / "两个项目.xlsx"
    workbook.save(source)
    out = tmp_path / "reports"
    result = import_file(source, out)
    titles = sorted(load_file(record.path).report.title for record in result.records)
    assert titles == ["(党建办) 组团式服务联系群众专项", "社区微更新专项"]
    pages = sorted(load_file(record.path).report.source.pages for record in result.records)
    assert pages == sorted(["工作表：党建办", "工作表：社区办"])
    assert any("填表人：李四" in note and "12345678" in note for note in result.records[0].notes)
    again = import_file(source, out)
    assert not any(record.created for record in again.records) and len(list(out.rglob("*.md"))) == 2


def test_formula_without_saved_result_is_noted_not_dropped(tmp_path):
    import openpyxl

    source = build.minhang_xlsx(tmp_path / "闵行自评.xlsx")
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.active
    total = next(row for row in sheet.iter_rows() if row[1].value == "合计")
    total[5].value = "=SUM(F13:F25)"  # saved by a program: no computed value in the file
    workbook.save(source)
    report = load_file(only_record(import_file(source, tmp_path / "reports"))).report
    assert report.declared.total is None
    assert any("=SUM(F13:F25)" in note and "没有保存计算结果" in note for note in report.import_notes)


def test_merged_cells_are_read_positionally(tmp_path):
    from jixiao.importers import read_document

    document = read_document(build.suzhou_docx("suzhou-2024", tmp_path / "a.docx"))
    table = document.blocks[2]
    use_block = next(r for r, row in enumerate(table.grid) if "资金使用情况" in row[0])
    # 资金结余、结转数 spans two columns and two rows; 其中： spans the two columns of 结转数 / 财政收回数
    assert table.grid[use_block][3:6] == ["资金结余、结转数", "", "其中："] and {(use_block, 4), (use_block, 6)} <= table.covered
    assert table.grid[use_block + 1][5:] == ["结转数", "财政收回数"] and (use_block + 1, 3) in table.covered
    assert table.grid[use_block + 2] == ["", "29.2", "29.16", "0.04", "", "0", "0.04"]


@pytest.mark.parametrize("maker", [build.national_docx, build.national_text], ids=["docx", "word-text"])
def test_national_form(maker, tmp_path):
    source = maker(tmp_path / ("自评表.docx" if maker is build.national_docx else "自评表.txt"))
    path = only_record(import_file(source, tmp_path / "reports"))
    loaded = load_file(path)
    assert [finding.text() for finding in loaded.findings] == []
    report, expected = loaded.report, build.NATIONAL_EXPECTED
    assert (report.title, report.year, report.department, report.region) == (
        expected["title"], expected["year"], expected["department"], expected["region"])
    assert report.scheme == "national-2020" and report.unit == "万元" and report.kind == "self"
    assert [row.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for row in report.funding] == expected["funding"]
    rows = [(r.category, r.subcategory, r.name, r.target, str(r.weight), r.actual, str(r.score), r.note) for r in report.indicators]
    assert rows == expected["indicators"]
    assert (str(report.declared.total), str(report.declared.weight_total)) == (expected["total"], expected["weight_total"])
    assert report.indicator_columns == ["category", "subcategory", "name", "target", "actual", "weight", "score", "note"]
    assert re.findall(r"^#+ .+$", loaded.body, re.M) == ["## 年度总体目标", "### 预期目标", "### 实际完成情况"]
    assert report.import_notes == []


# --- one report, one record ---


def test_reimport_updates_in_place_and_keeps_what_people_added(tmp_path):
    source = build.suzhou_docx("suzhou-2024", tmp_path / "自评表.docx")
    out = tmp_path / "reports"
    path = only_record(import_file(source, out))
    text = path.read_text(encoding="utf-8")
    text = text.replace("\n---\n", "\n"
                        "internal:\n  notes: 已电话核实预算调整数  # 审核人手写\n  reviewers: [张三]\n"
                        "silence:\n  - {code: weight-total-mismatch, reason: 原件表头如此，已与单位核对}\n"
                        "publish_date: 2025-06-30\n"
                        "---\n", 1)
    path.write_text(text, encoding="utf-8")
    again = import_file(source, out)
    assert only_record(again) == path and not again.records[0].created
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [path.relative_to(out).as_posix()]
    loaded = load_file(path)
    assert [finding.text() for finding in loaded.findings] == []
    assert loaded.report.internal.notes == "已电话核实预算调整数" and loaded.report.internal.reviewers == ["张三"]
    assert loaded.report.silence[0].code == "weight-total-mismatch"
    assert loaded.report.publish_date == "2025-06-30"
    assert "# 审核人手写" in path.read_text(encoding="utf-8")  # kept as written, comments and all
    assert_matches_hand_made(path, "suzhou-2024")


def test_same_report_in_two_formats_is_one_record(tmp_path):
    out = tmp_path / "reports"
    results = import_files([build.suzhou_docx("suzhou-2024", tmp_path / "a.docx"),
                            build.suzhou_xlsx("suzhou-2024", tmp_path / "b.xlsx")], out)
    assert [r.records[0].created for r in results] == [True, False]
    assert len(list(out.rglob("*.md"))) == 1


@needs_seeds
def test_reimporting_a_seed_updates_the_hand_made_record(tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(ROOT / "content" / "reports", out)
    before = sorted(p.relative_to(out) for p in out.rglob("*.md"))
    result = import_file(SEEDS / SEED_FILES["suzhou-2024"], out)
    assert only_record(result) == out / "2024" / "suzhou-2024-dangjian.md" and not result.records[0].created
    assert sorted(p.relative_to(out) for p in out.rglob("*.md")) == before
    report = load_file(out / "2024" / "suzhou-2024-dangjian.md").report
    assert report.id == "suzhou-2024-dangjian"
    assert report.source.file.startswith("003_ead751591c69ad14.txt（") and report.source.note  # the person's words kept


# --- damaged documents ---


def test_truncated_word_file_gives_what_could_be_read(tmp_path):
    import zipfile

    source = build.suzhou_docx("suzhou-2024", tmp_path / "whole.docx")
    whole = source.read_bytes()
    member = zipfile.ZipFile(source).getinfo("word/document.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: start + member.compress_size // 4])  # cut inside the indicator table
    result = import_file(cut, tmp_path / "reports")
    path = only_record(result)
    loaded = load_file(path)
    assert [finding.text() for finding in loaded.findings] == []
    report = loaded.report
    assert report.title == "党建系列活动" and report.budget.initial == Decimal("35.7")
    assert 0 < len(report.indicators) < 17 and report.declared.total is None
    notes = "\n".join(report.import_notes)
    assert "已损坏或不完整" in notes and "没有读到“合计”行" in notes
    assert result.records[0].notes == report.import_notes  # on the console too


@pytest.mark.parametrize("maker", [
    lambda out: build.suzhou_docx("suzhou-2018", out / "a.docx"),
    lambda out: build.minhang_xlsx(out / "a.xlsx"),
    lambda out: build.national_docx(out / "a.docx"),
], ids=["docx", "xlsx", "national"])
def test_a_file_cut_anywhere_never_breaks_the_import(maker, tmp_path):
    source = maker(tmp_path)
    whole = source.read_bytes()
    for step in range(1, 20):
        cut = tmp_path / f"cut{step}{source.suffix}"
        cut.write_bytes(whole[: len(whole) * step // 20])
        result = import_file(cut, tmp_path / "reports")
        for record in result.records:
            assert [f.text() for f in load_file(record.path).findings] == []
        assert result.ok or result.error


@needs_seeds
@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_seed_text_cut_anywhere_never_breaks_the_import(key, tmp_path):
    data = (SEEDS / SEED_FILES[key]).read_bytes()
    for step in range(1, 12):
        cut = tmp_path / f"{step}.txt"
        cut.write_bytes(data[: len(data) * step // 12])
        result = import_file(cut, tmp_path / "reports")
        for record in result.records:
            assert [f.text() for f in load_file(record.path).findings] == []


@needs_seeds
def test_garbled_and_cut_text_gives_what_could_be_read(tmp_path):
    data = (SEEDS / SEED_FILES["suzhou-2024"]).read_bytes()
    cut_at = data.index("市级机关群团组织系列活动人均活动成本".encode())
    damaged = data[:200] + b"\xff\xfe\x80" + data[203:cut_at]
    source = tmp_path / "damaged.txt"
    source.write_bytes(damaged)
    run = jixiao_here("import", str(source), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    path = next((tmp_path / "out").rglob("*.md"))
    loaded = load_file(path)
    assert [finding.text() for finding in loaded.findings] == []
    report = loaded.report
    assert len(report.indicators) == 14 and report.indicators[-1].name == "活动完成及时性"
    assert report.declared.total is None
    notes = report.import_notes
    assert any("无法按 UTF-8 解码" in note for note in notes)
    assert any("没有读到“合计”行" in note for note in notes)
    assert "没有读到“合计”行" in run.stdout  # notes are printed as well


@pytest.mark.parametrize("name, data", [
    ("empty.docx", b""),
    ("noise.docx", bytes(range(256)) * 8),
    ("noise.xlsx", b"PK\x03\x04" + bytes(200)),
    ("binary.txt", bytes(range(1, 32)) * 20),
    ("old.doc", b"\xd0\xcf\x11\xe0" + bytes(100)),
])
def test_unreadable_file_exits_non_zero_and_writes_nothing(name, data, tmp_path):
    source = tmp_path / name
    source.write_bytes(data)
    run = jixiao_here("import", str(source), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 1
    assert "无法导入" in run.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.md"))


def test_batch_with_one_bad_file_imports_the_rest(tmp_path):
    good = build.minhang_xlsx(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a document")
    run = jixiao_here("import", str(bad), str(good), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 1 and len(list((tmp_path / "out").rglob("*.md"))) == 1


def test_written_records_pass_check_without_format_errors(tmp_path):
    out = tmp_path / "reports"
    import_files(build.build_all(tmp_path / "fixtures"), out)
    run = jixiao_here("check", str(out), "--format", "json", cwd=tmp_path)
    data = json.loads(run.stdout)
    codes = {finding["code"] for report in data["reports"] for finding in report["findings"]}
    assert not codes & {"parse-error", "schema-error"}
    assert len(data["reports"]) == 6  # the 2024 Word and Excel forms are one report


# --- pieces ---


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_front_matter_scalars_read_back_exactly(value):
    text = value.strip()
    if not text:
        return
    data = read_yaml(f"key: {scalar(text)}\n").data
    assert data == {"key": text}


@pytest.mark.parametrize("value, fmt, shown", [
    (242400, "#,##0.00", "242400.00"),
    (1, "0.00%", "100.00%"),
    (0.9986, "0.00%", "99.86%"),
    (29.16, "General", "29.16"),
    (0.1 + 0.2, "General", "0.3"),
    (96, "0.00", "96.00"),
    (7.945, "0.00", "7.95"),
    (-6.5, None, "-6.5"),
    (16500000.0, "General", "16500000"),
])
def test_excel_numbers_are_shown_as_the_form_shows_them(value, fmt, shown):
    assert display(value, fmt) == shown
