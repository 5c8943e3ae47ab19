"""`jixiao export --form FILE RECORD`: the official form made from the record, and back again.

Each of the five seed records and the national example is written as its own form (Word and,
for a table form, Excel), imported again, and compared with the record field by field: a unit
that files the exported form files exactly what the portal publishes. The exported Word file
must open in LibreOffice (converted to PDF, whose text is read back).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from import_fixtures import build
from jixiao.exporters import export_form, form_family
from jixiao.importers import import_file
from jixiao.importers.fingerprints import section_value, split_body
from jixiao.importers.readers.doc import soffice
from jixiao.core.record import load_file

# Not what the form says but what the repository keeps about the record: its id (the repository's),
# where it came from, the importer's notes and fingerprints, and the places the importer saw the
# year printed (the form prints it in its header, the seed text in its title).
BOOKKEEPING = {"id", "source", "import_notes", "import_fingerprints", "year_sources"}
# A narrative report carries what its text says; the Dongchuan record's 实施单位 is a person's
# reading of a sentence (试点工作任务1个，为东川区铜都街道铜源社区), which no form prints as such.
READ_BY_A_PERSON = {"dongchuan-2020": {"implementer"}}

CASES = [
    ("suzhou-2018", ".docx"), ("suzhou-2018", ".xlsx"),
    ("suzhou-2024", ".docx"), ("suzhou-2024", ".xlsx"),
    ("minhang-2020", ".xlsx"), ("minhang-2020", ".docx"),
    ("hohhot-2023", ".docx"), ("dongchuan-2020", ".docx"),
    ("national-2023", ".docx"), ("national-2023", ".xlsx"),
]


def record_of(key: str, tmp_path: Path) -> Path:
    if key == "national-2023":
        return build.national_record(tmp_path / "record" / "2023" / "nanjing-2023-yanglao.md")
    return build.HAND_MADE[key]


def sections_of(body: str) -> list[dict]:
    return [value for value in map(section_value, split_body(body.strip() + "\n")) if value["heading"] or value["text"]]


@pytest.mark.parametrize("key, suffix", CASES, ids=[f"{key}{suffix}" for key, suffix in CASES])
def test_record_to_form_to_record_is_the_same_record(key, suffix, tmp_path):
    record = record_of(key, tmp_path)
    form = export_form(record, tmp_path / f"自评表{suffix}")
    assert form
    result = import_file(tmp_path / f"自评表{suffix}", tmp_path / "reports")
    assert result.ok and len(result.records) == 1, result.error
    back = load_file(result.records[0].path)
    assert [finding.text() for finding in back.findings] == []
    original = load_file(record)
    before = original.report.model_dump(mode="json")
    after = back.report.model_dump(mode="json")
    skipped = BOOKKEEPING | READ_BY_A_PERSON.get(key, set())
    differing = {name: (before[name], after[name]) for name in before if name not in skipped and before[name] != after[name]}
    assert differing == {}, json.dumps(differing, ensure_ascii=False, indent=1)
    assert sections_of(back.body) == sections_of(original.body)
    assert back.report.source.file == f"自评表{suffix}"


def test_each_record_gets_its_own_forms_family():
    families = {key: form_family(load_file(path).report) for key, path in build.HAND_MADE.items()}
    assert families == {"suzhou-2018": "suzhou", "suzhou-2024": "suzhou", "minhang-2020": "minhang",
                        "hohhot-2023": "narrative", "dongchuan-2020": "narrative"}


def jixiao(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *map(str, args)], cwd=cwd, capture_output=True, text=True)


def test_export_command(tmp_path):
    suzhou = build.HAND_MADE["suzhou-2024"]
    run = jixiao("export", "--form", tmp_path / "自评表.xlsx", suzhou, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "已导出" in run.stdout and "苏州市级财政支出项目绩效自评表" in run.stdout and (tmp_path / "自评表.xlsx").is_file()
    wrong = jixiao("export", "--form", tmp_path / "自评表.pdf", suzhou, cwd=tmp_path)
    assert wrong.returncode == 2 and "只能导出为 .docx 或 .xlsx" in wrong.stderr
    narrative = jixiao("export", "--form", tmp_path / "报告.xlsx", build.HAND_MADE["hohhot-2023"], cwd=tmp_path)
    assert narrative.returncode == 2 and "只能导出为 Word" in narrative.stderr
    missing = jixiao("export", "--form", tmp_path / "a.docx", tmp_path / "nothing.md", cwd=tmp_path)
    assert missing.returncode == 2 and "找不到记录文件" in missing.stderr


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; scripts/test installs it")
def test_the_exported_word_form_opens_in_libreoffice(tmp_path):
    import pdfplumber

    form = tmp_path / "自评表.docx"
    export_form(build.HAND_MADE["suzhou-2024"], form)
    profile = (tmp_path / "profile").as_uri()
    run = subprocess.run([soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(form)], capture_output=True, text=True, timeout=120)
    pdf = tmp_path / "自评表.pdf"
    assert run.returncode == 0 and pdf.is_file(), run.stderr
    with pdfplumber.open(pdf) as document:
        first = document.pages[0].extract_text() or ""
        tables = document.pages[0].find_tables()
    flat = first.replace(" ", "")
    for words in ("苏州市级财政支出项目绩效自评表", "党建系列活动", "大院大所党建联建项目活动经费", "99.86%", "合计81.94"):
        assert words in flat, words
    assert tables, "the form's table with its grid lines"
