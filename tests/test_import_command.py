"""``jixiao import DIR`` over a folder of mixed files: a counter while it runs, a table at the end,
and one bad file costs only itself."""

from __future__ import annotations

import subprocess
import sys

from readers_fixtures import writers
from test_readers import small_spec


def test_bulk_import_shows_progress_and_ends_with_a_table(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    spec = small_spec()
    writers.write_docx(spec, folder / "自评表.docx")
    writers.write_html(spec, folder / "网页.html")
    writers.write_xlsx(spec, folder / "表格.xlsx")
    (folder / "坏文件.docx").write_bytes(b"not a document")
    (folder / "notes.bin").write_bytes(b"\x00")  # not a document type: left out of the folder walk
    run = subprocess.run([sys.executable, "-m", "jixiao.cli", "import", str(folder), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1  # one file could not be imported
    assert "导入中：第 1/4 个文件" in run.stderr and "已处理 4 个文件" in run.stderr
    lines = run.stdout.splitlines()
    header = next(index for index, line in enumerate(lines) if line.startswith("文件"))
    assert lines[header].split() == ["文件", "格式", "识别为", "指标行", "说明", "结果"]
    table = {line.split()[0]: line.split() for line in lines[header + 2:header + 6]}
    assert table["自评表.docx"][1] == "Word" and table["自评表.docx"][-1] == "新建"
    assert table["网页.html"][1] == "网页" and table["表格.xlsx"][1:3] == ["Excel", "工作簿"]
    assert any(cell.startswith("无法读取：") for cell in table["坏文件.docx"])
    assert len(list((tmp_path / "out").rglob("*.md"))) == 3
    assert "共 4 个文件：写入 3 份记录" in run.stdout
