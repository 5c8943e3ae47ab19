"""Word and Excel documents in the layouts of the seed reports, built from the hand-made records.

The layouts are the portal's own (jixiao.exporters: ``jixiao export --form``), so that what the
importer is tested on is what units get back from their record: merged category cells, a caption
merged down the rows of its block, headers split over two rows, numbers stored as numbers with the
number format the form shows. Importing each file must give back the record. The layouts follow
the seed extractions in ../shared/seeds; the data comes from content/reports, so the fixtures need
nothing outside the repository.

    python tests/import_fixtures/build.py OUT_DIR   # writes every fixture, for a look in Word/Excel
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from jixiao.exporters import minhang, narrative, national, office, suzhou  # noqa: E402
from jixiao.exporters.grid import Cell as C  # noqa: E402,F401 - the layouts' cells, for tests that edit them
from jixiao.exporters.grid import excel_number, place, sections, text  # noqa: E402,F401
from jixiao.exporters.office import fill_sheet, write_xls  # noqa: E402,F401

REPORTS = ROOT / "content" / "reports"
HAND_MADE = {
    "suzhou-2018": REPORTS / "2018" / "suzhou-2018-shequ-weimin.md",
    "suzhou-2024": REPORTS / "2024" / "suzhou-2024-dangjian.md",
    "minhang-2020": REPORTS / "2020" / "minhang-2020-zutuanshi.md",
    "hohhot-2023": REPORTS / "2023" / "hohhot-2023-shequ-dangzuzhi.md",
    "dongchuan-2020": REPORTS / "2020" / "dongchuan-2020-tongyuan-shequ.md",
}
SUZHOU_FORM = suzhou.FORM


def load(key: str):
    from jixiao.core.record import load_file

    loaded = load_file(HAND_MADE[key])
    assert loaded.report is not None, loaded.findings
    return loaded


def write_xlsx(layout, path: Path, title: str = "Sheet1") -> Path:
    return office.write_xlsx(layout, path, title)


def add_docx_table(document, layout, width: int) -> None:
    office.add_table(document, office.Table(layout, width))


# --- Suzhou municipal self-evaluation form (seeds 000 and 003) ---


def suzhou_layout(key: str):
    loaded = load(key)
    return suzhou.layout(loaded.report), sections(loaded.body)


def suzhou_docx(key: str, path: Path) -> Path:
    loaded = load(key)
    return office.write_docx(suzhou.docx_blocks(loaded.report, loaded.body), path)


def suzhou_xlsx(key: str, path: Path) -> Path:
    loaded = load(key)
    return office.write_xlsx(suzhou.xlsx_rows(loaded.report, loaded.body), path)


# --- Shanghai Minhang self-evaluation sheet (seed 004) ---


def minhang_layout():
    loaded = load("minhang-2020")
    return minhang.layout(loaded.report, loaded.body)


def minhang_xlsx(path: Path) -> Path:
    return office.write_xlsx(minhang_layout(), path, title="自评表")


def minhang_xls(path: Path) -> Path:
    return write_xls(minhang_layout(), path)


# --- narrative reports (seeds 001 and 002): paragraphs and a table, headings by numbering or style ---


def narrative_docx(key: str, path: Path, styled: bool) -> Path:
    """The hand-made body as Word paragraphs: headings as plain numbered lines, or in Heading styles."""
    loaded = load(key)
    return office.write_docx(narrative.docx_blocks(loaded.report, loaded.body, styled), path)


# --- the national form (财预〔2020〕10号): no seed, a made-up project in the official layout ---

NATIONAL_EXPECTED = {
    "title": "社区居家养老服务补贴",
    "year": 2023,
    "department": "南京市民政局",
    "region": ["江苏省", "南京市"],
    "funding": [
        {"source": "年度资金总额", "total": True, "initial": "120", "full_year": "118.5", "executed": "110.2",
         "weight": "10", "execution_rate": "93.00%", "score": "9.3"},
        {"source": "其中：当年财政拨款", "initial": "100", "full_year": "98.5", "executed": "92.2"},
        {"source": "上年结转资金", "initial": "20", "full_year": "20", "executed": "18"},
        {"source": "其他资金", "initial": "0", "full_year": "0", "executed": "0"},
    ],
    "indicators": [
        ("产出指标", "数量指标", "服务老人数", "≥2000人", "20", "1980人", "19.8", "部分老人迁出本市"),
        ("产出指标", "数量指标", "上门服务次数", "≥12000次", "15", "12500次", "15", None),
        ("产出指标", "质量指标", "服务合格率", "≥95%", "15", "97%", "15", None),
        ("效益指标", "社会效益指标", "老人生活质量改善", "明显改善", "30", "明显改善", "27", "个别街道服务频次不足"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "10", "92%", "10", None),
    ],
    "total": "96.1",
    "weight_total": "100",
}


NATIONAL_GOALS = ("为全市 2000 名高龄、失能老人提供居家养老上门服务", "为 1980 名老人提供上门服务 12500 次")


def national_fields() -> dict:
    """NATIONAL_EXPECTED as the fields of a record."""
    e = NATIONAL_EXPECTED
    columns = ("category", "subcategory", "name", "target", "weight", "actual", "score", "note")
    return {
        "id": "nanjing-2023-yanglao", "title": e["title"], "year": e["year"], "kind": "self",
        "form": "项目支出绩效自评表", "department": e["department"], "implementer": "南京市养老服务指导中心",
        "region": e["region"], "evaluator": "南京市养老服务指导中心",
        "scheme": "national-2020", "unit": "万元", "funding": e["funding"],
        "indicator_columns": ["category", "subcategory", "name", "target", "actual", "weight", "score", "note"],
        "indicators": [{key: value for key, value in zip(columns, row) if value is not None} for row in e["indicators"]],
        "declared": {"total": e["total"], "weight_total": e["weight_total"]},
    }


NATIONAL_BODY = f"## 年度总体目标\n\n### 预期目标\n\n{NATIONAL_GOALS[0]}\n\n### 实际完成情况\n\n{NATIONAL_GOALS[1]}\n"


def national_record(path: Path) -> Path:
    """The national example as a record file, as a unit would keep it."""
    from jixiao.importers.writer import compose

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(compose(national_fields(), NATIONAL_BODY.strip()), encoding="utf-8")
    return path


def _national():
    from jixiao.core.record.model import Report

    return Report.model_validate(national_fields())


def national_layout():
    return national.layout(_national(), NATIONAL_BODY)


NATIONAL_HEAD = ["项目支出绩效自评表", "（2023年度）"]


def national_docx(path: Path) -> Path:
    return office.write_docx(national.docx_blocks(_national(), NATIONAL_BODY), path)


def word_text(paragraphs: list[str], layout: list[list[C]]) -> str:
    """What Word's "save as plain text" makes of a form, as in the seeds: each cell a line led by a
    tab, a blank line after each row; a merged cell once, and as an empty cell on the rows it
    spans downwards."""
    lines = []
    for paragraph in paragraphs:
        lines += ["\t" + paragraph, ""]
    placed = place(layout)
    starts = {(r, c): cell for r, c, cell in placed}
    for r in range(len(layout)):
        for c in range(max(col + cell.span for _, col, cell in placed)):
            cell = starts.get((r, c))
            if cell is not None:
                lines.append("\t" + str(cell.value))
            elif any(r0 < r < r0 + above.rows and c == c0 for (r0, c0), above in starts.items()):
                lines.append("\t")
        lines.append("")
    return "\n".join(lines) + "\n"


def national_text(path: Path) -> Path:
    path.write_text(word_text(NATIONAL_HEAD, national_layout()), encoding="utf-8")
    return path


def build_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    return [
        suzhou_docx("suzhou-2024", out / "suzhou-2024.docx"),
        suzhou_docx("suzhou-2018", out / "suzhou-2018.docx"),
        suzhou_xlsx("suzhou-2024", out / "suzhou-2024.xlsx"),
        minhang_xlsx(out / "minhang-2020.xlsx"),
        narrative_docx("hohhot-2023", out / "hohhot-2023.docx", styled=True),
        narrative_docx("dongchuan-2020", out / "dongchuan-2020.docx", styled=False),
        national_docx(out / "national-2023.docx"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "plugins"))
    for written in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else "import-fixtures")):
        print(written)

