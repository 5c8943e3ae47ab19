"""Word and Excel documents in the layouts of the seed reports, built from the hand-made records.

Each builder lays a record's figures and text out the way the unit's form does — merged category
cells, a caption merged down the rows of its block, headers split over two rows, numbers stored
as numbers with the number format the form shows — so that importing the file must give back the
record. The layouts follow the seed extractions in ../shared/seeds (see each builder); the data
comes from content/reports, so the fixtures need nothing outside the repository.

    python tests/import_fixtures/build.py OUT_DIR   # writes every fixture, for a look in Word/Excel
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "content" / "reports"
HAND_MADE = {
    "suzhou-2018": REPORTS / "2018" / "suzhou-2018-shequ-weimin.md",
    "suzhou-2024": REPORTS / "2024" / "suzhou-2024-dangjian.md",
    "minhang-2020": REPORTS / "2020" / "minhang-2020-zutuanshi.md",
    "hohhot-2023": REPORTS / "2023" / "hohhot-2023-shequ-dangzuzhi.md",
    "dongchuan-2020": REPORTS / "2020" / "dongchuan-2020-tongyuan-shequ.md",
}


# --- a form layout: rows of cells, a cell spanning columns and rows like an HTML table ---


@dataclass
class C:
    value: object = ""
    span: int = 1  # columns
    rows: int = 1  # rows merged downwards
    fmt: str | None = None  # Excel number format


def place(layout: list[list[C]]) -> list[tuple[int, int, C]]:
    """Grid positions of the cells; positions covered by a merge from above are skipped."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(layout):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rows):
                for dc in range(cell.span):
                    taken.add((r + dr, c + dc))
            c += cell.span
    return placed


def add_docx_table(document, layout: list[list[C]], width: int) -> None:
    table = document.add_table(rows=len(layout), cols=width)
    table.style = "Table Grid"
    for r, c, cell in place(layout):
        target = table.cell(r, c)
        if cell.span > 1 or cell.rows > 1:
            target = target.merge(table.cell(r + cell.rows - 1, c + cell.span - 1))
        lines = str(cell.value).split("\n") if cell.value not in (None, "") else [""]
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)


def write_xlsx(layout: list[list[C]], path: Path, title: str = "Sheet1") -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    fill_sheet(sheet, layout)
    workbook.save(path)


def fill_sheet(sheet, layout: list[list[C]]) -> None:
    for r, c, cell in place(layout):
        target = sheet.cell(row=r + 1, column=c + 1, value=None if cell.value == "" else cell.value)
        if isinstance(cell.value, str) and cell.value.startswith("="):
            target.data_type = "s"  # typed as text on the form (=100%), not a formula
        if cell.fmt:
            target.number_format = cell.fmt
        if cell.span > 1 or cell.rows > 1:
            sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + cell.rows, end_column=c + cell.span)


def write_xls(layout: list[list[C]], path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, c, cell in place(layout):
        style = xlwt.easyxf(num_format_str=cell.fmt) if cell.fmt else xlwt.Style.default_style
        value = "" if cell.value is None else cell.value
        if cell.span > 1 or cell.rows > 1:
            sheet.write_merge(r, r + cell.rows - 1, c, c + cell.span - 1, value, style)
        else:
            sheet.write(r, c, value, style)
    book.save(str(path))


# --- reading the hand-made records ---


def load(key: str):
    from jixiao.record import load_file

    loaded = load_file(HAND_MADE[key])
    assert loaded.report is not None, loaded.findings
    return loaded


def sections(body: str) -> list[tuple[int, str | None, list[str]]]:
    """(level, heading, paragraphs) in order; level 0 and heading None for text before any heading."""
    found: list[tuple[int, str | None, list[str]]] = [(0, None, [])]
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = chunk.strip()
        heading = re.match(r"^(#{1,6}) (.+)$", chunk)
        if heading:
            found.append((len(heading.group(1)), heading.group(2).strip(), []))
        elif chunk:
            found[-1][2].append(chunk)
    return found


def text(value) -> str:
    return "" if value is None else str(value)


def excel_number(value: Decimal | None):
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)


# --- Suzhou municipal self-evaluation form (seeds 000 and 003): a Word table of 7 columns ---

SUZHOU_FORM = "苏州市级财政支出项目绩效自评表"


def suzhou_layout(key: str) -> tuple[list[list[C]], list[tuple[int, str | None, list[str]]]]:
    loaded = load(key)
    report = loaded.report
    budget = report.budget
    v2024 = key == "suzhou-2024"
    rows: list[list[C]] = [
        [C("项目名称"), C(report.title, span=3), C("项目年份"), C(report.year, span=2)],
        [C("项目主管部门(单位)"), C(report.department, span=6)],
    ]
    if v2024:
        rows += [
            [C("市级预算执行情况（万元）", rows=2), C("年初预算数"), C("当年使用上年结余、\n结转及当年预算追加追减数"),
             C("财政拨款数"), C("指标结余数"), C("指标结余收回数", span=2)],
            [C(text(budget.initial)), C(text(budget.adjustment)), C(text(budget.appropriated)), C(text(budget.unallocated)),
             C(text(budget.unallocated_recovered), span=2)],
        ]
    else:
        rows += [
            [C("市级预算执行情况（万元）", rows=2), C("年初预算数"), C("当年使用上年结余、结转及当年调整预算数"),
             C("财政拨款数"), C("指标结余数", span=3)],
            [C(text(budget.initial)), C(text(budget.adjustment)), C(text(budget.appropriated)), C(text(budget.unallocated), span=3)],
        ]
    rows += [
        [C("市级财政资金使用情况\n（万元）" if v2024 else "市级财政资金使用情况（万元）", rows=3), C("财政拨款数", rows=2),
         C("实际支付数", rows=2), C("资金结余、结转数", rows=2, span=2), C("其中：", span=2)],
        [C("结转数"), C("财政收回数")],
        [C(text(budget.appropriated)), C(text(budget.executed)), C(text(budget.balance), span=2),
         C(text(budget.carried_forward)), C(text(budget.recovered))],
    ]
    if v2024:
        rows.append([C("项目资金构成（详细列出各子项目名称和金额）", span=7)])
        rows.append([C("子项名称", span=3), C("调整预算数（万元）", span=2), C("实际支出数（万元）", span=2)])
        for item in report.subprojects:
            rows.append([C(item.name, span=3), C(text(item.budget), span=2), C(text(item.spent), span=2)])
    else:
        count = len(report.subprojects) + 1
        rows.append([C("项目资金构成（详细列出各子项目名称和金额）", rows=count), C("子项目名称", span=3), C("实际金额（万元）", span=3)])
        for item in report.subprojects:
            rows.append([C(item.name, span=3), C(text(item.spent), span=3)])
    rows.append([C("项目"), C("类别"), C("指标名称"), C("目标值"), C("权重"), C("实际完成值"), C("自评分")])
    group = "项目绩效\n实现情况\n（80分）" if v2024 else "项目绩效实现情况（80分）"
    indicators = report.indicators
    spans: list[int] = []
    for index, row in enumerate(indicators):
        if index == 0 or row.category != indicators[index - 1].category:
            spans.append(1)
        else:
            spans[-1] += 1
    first_rows = {sum(spans[:i]): span for i, span in enumerate(spans)}
    for index, row in enumerate(indicators):
        cells = [C(group, rows=len(indicators))] if index == 0 else []
        if index in first_rows:
            points = report.categories.get(row.category)
            name = f"{row.category}（{points}分）" if points is not None else row.category
            cells.append(C(name, rows=first_rows[index]))
        cells += [C(row.name), C(text(row.target)), C(text(row.weight)), C(text(row.actual)), C(text(row.score))]
        rows.append(cells)
    rows.append([C("合计", span=6), C(text(report.declared.total))])
    return rows, sections(loaded.body)


def suzhou_docx(key: str, path: Path) -> Path:
    import docx

    rows, parts = suzhou_layout(key)
    document = docx.Document()
    document.add_paragraph("苏州市级财政支出项目绩效自评价报告")
    document.add_paragraph(SUZHOU_FORM)
    add_docx_table(document, rows, 7)
    narrative: list[list[C]] = []
    for level, heading, paragraphs in parts:
        if heading == "填表说明":
            document.add_paragraph("填表说明：" + "".join(paragraphs))
        elif heading == "项目基本情况" or heading is None:
            continue
        elif level == min(lv for lv, h, _ in parts if h and h not in ("填表说明", "项目基本情况")):
            narrative.append([C(heading), C("\n".join(paragraphs))])
        else:  # a sub-heading inside the cell above, as the 2018 form writes （一）投入目标
            narrative[-1][1].value = "\n".join(filter(None, [narrative[-1][1].value, heading, *paragraphs]))
    add_docx_table(document, [[C("项目基本情况", span=2)], *narrative], 2)
    document.save(path)
    return path


def suzhou_xlsx(key: str, path: Path) -> Path:
    rows, parts = suzhou_layout(key)
    tail: list[list[C]] = []
    for level, heading, paragraphs in parts:
        if heading == "填表说明":
            tail.append([C("填表说明：" + "".join(paragraphs), span=7)])
        elif heading == "项目基本情况":
            tail.append([C("项目基本情况", span=7)])
        elif heading:
            tail.append([C(heading), C("\n".join(paragraphs), span=6)])
    write_xlsx(rows + tail, path)
    return path


# --- Shanghai Minhang self-evaluation sheet (seed 004): Excel, 7 columns A–G ---


def minhang_layout() -> list[list[C]]:
    loaded = load("minhang-2020")
    report = loaded.report
    budget = report.budget
    parts = {heading: paragraphs for _, heading, paragraphs in sections(loaded.body)}
    evaluated = datetime.strptime(report.evaluated_on, "%Y/%m/%d")
    rate = Decimal(budget.execution_rate.rstrip("%")) / 100
    rows = [
        [C(report.form, span=7)],
        [C("项目名称"), C(report.title), C("预算单位", span=4), C(report.department)],
        [C("具体实施处(科室)"), C(report.implementer), C("是否为经常性项目", span=4), C("")],
        [C("当年预算数(元)"), C(excel_number(budget.full_year), fmt="#,##0.00"), C("上年预算完成率(%)", span=4),
         C(float(budget.previous_execution_rate), fmt="0.00")],
        [C("预算执行数(元)"), C(excel_number(budget.executed), fmt="#,##0.00"), C("预算执行率(%)", span=4),
         C(float(rate), fmt="0.00%")],
        [C("项目年度总目标"), C("\n".join(parts["项目年度总目标"]), span=6)],
        [C("自评时间"), C(evaluated, span=6, fmt="yyyy/m/d")],
        [C("绩效等级"), C(report.declared.grade, span=6)],
        [C("主要绩效"), C("\n".join(parts["主要绩效"]), span=6)],
        [C("主要问题"), C("\n".join(parts["主要问题"]), span=6)],
        [C("改进措施"), C("\n".join(parts["改进措施"]), span=6)],
        [C("一级指标"), C("指标名称"), C("指标解释"), C("权重"), C("评分规则"), C("自评分"), C("备注")],
    ]
    indicators = report.indicators
    for index, row in enumerate(indicators):
        cells = []
        if index == 0 or row.category != indicators[index - 1].category:
            count = sum(1 for other in indicators[index:] if other.category == row.category)
            cells.append(C(f"{row.category}\n({report.categories[row.category]}分)", rows=count))
        cells += [C(row.name), C(text(row.explanation)), C(excel_number(row.weight)), C(text(row.rule)),
                  C(excel_number(row.score)), C(text(row.note))]
        rows.append(cells)
    rows.append([C(""), C("合计"), C(""), C(float(report.declared.weight_total), fmt="0.00"), C(""),
                 C(float(report.declared.total), fmt="0.00"), C("")])
    notes = parts["说明"]
    rows.append([C("说明：" + notes[0], span=7)])
    rows.extend([C(line, span=7)] for line in notes[1:])
    return rows


def minhang_xlsx(path: Path) -> Path:
    write_xlsx(minhang_layout(), path, title="自评表")
    return path


def minhang_xls(path: Path) -> Path:
    write_xls(minhang_layout(), path)
    return path


# --- narrative reports (seeds 001 and 002): paragraphs and a table, headings by numbering or style ---


def narrative_docx(key: str, path: Path, styled: bool) -> Path:
    """The hand-made body as Word paragraphs: headings as plain numbered lines, or in Heading styles."""
    import docx

    loaded = load(key)
    document = docx.Document()
    for level, heading, paragraphs in sections(loaded.body):
        if heading:
            if styled:
                document.add_heading(heading, level - 1)
            else:
                document.add_paragraph(heading)
        for paragraph in paragraphs:
            if paragraph.startswith("| "):
                lines = [line for line in paragraph.split("\n") if not re.fullmatch(r"\|(-+\|)+", line)]
                grid = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]
                add_docx_table(document, [[C(cell) for cell in row] for row in grid], len(grid[0]))
            else:
                document.add_paragraph(paragraph)
    document.save(path)
    return path


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


def national_layout() -> list[list[C]]:
    e = NATIONAL_EXPECTED
    funding = e["funding"]
    rows = [
        [C("项目名称", span=2), C(e["title"], span=7)],
        [C("主管部门", span=2), C(e["department"], span=3), C("实施单位", span=2), C("南京市养老服务指导中心", span=2)],
        [C("项目资金（万元）", rows=5), C(""), C("年初预算数"), C("全年预算数"), C("全年执行数"), C("分值"), C("执行率"),
         C("得分", span=2)],
    ]
    for item in funding:
        rows.append([C(item["source"]), C(item["initial"]), C(item["full_year"]), C(item["executed"]),
                     C(item.get("weight", "—")), C(item.get("execution_rate", "—")), C(item.get("score", "—"), span=2)])
    rows += [
        [C("年度总体目标", rows=2), C("预期目标", span=4), C("实际完成情况", span=4)],
        [C("为全市 2000 名高龄、失能老人提供居家养老上门服务", span=4), C("为 1980 名老人提供上门服务 12500 次", span=4)],
        [C("绩效指标", rows=len(e["indicators"]) + 1), C("一级指标"), C("二级指标"), C("三级指标"), C("年度指标值"),
         C("实际完成值"), C("分值"), C("得分"), C("偏差原因分析及改进措施")],
    ]
    indicators = e["indicators"]
    for index, (category, sub, name, target, weight, actual, score, note) in enumerate(indicators):
        cells = []
        if index == 0 or category != indicators[index - 1][0]:
            cells.append(C(category, rows=sum(1 for row in indicators[index:] if row[0] == category)))
        if index == 0 or sub != indicators[index - 1][1]:
            cells.append(C(sub, rows=sum(1 for row in indicators[index:] if row[1] == sub)))
        cells += [C(name), C(target), C(actual), C(weight), C(score), C(note or "")]
        rows.append(cells)
    rows.append([C("总分", span=6), C(e["weight_total"]), C(e["total"]), C("")])
    return rows


NATIONAL_HEAD = ["项目支出绩效自评表", "（2023年度）"]


def national_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in NATIONAL_HEAD:
        document.add_paragraph(line)
    add_docx_table(document, national_layout(), 9)
    document.save(path)
    return path


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

