"""Open data: every published report as JSON and CSV, described by a Frictionless data package.

CSV files are UTF-8 with a byte-order mark so that Excel on a Chinese Windows machine opens them
correctly instead of guessing GBK. They are for people first: the header row is Chinese, codes are
written as their Chinese labels (单位自评, 错误, 是/否) and figures as the record wrote them (96.00
stays 96.00). Programs find each column's English name, type and meaning in data/columns.csv and
in datapackage.json (whose field names are the Chinese headers, as Frictionless requires). The
public edition never writes the ``internal`` block.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import ExitStack, closing
from decimal import Decimal
from pathlib import Path

from ..core.figures import fmt, number, rate_value
from ..core.record.model import KIND_LABELS, PRIVATE_FIELDS
from ..core.record.schema import report_schema
from ..core.report_json import analysis_json
from ..core.rules import RULES
from .routes import ROUTES

REPORT_COLUMNS = [
    ("id", "string", "编号"), ("title", "string", "项目名称"), ("year", "integer", "项目年份"),
    ("kind", "string", "评价类型"), ("department", "string", "主管部门"), ("implementer", "string", "实施单位"),
    ("province", "string", "省级"), ("city", "string", "市级"), ("district", "string", "县区级"),
    ("evaluator", "string", "评价机构"), ("scheme", "string", "评分办法"), ("unit", "string", "金额单位"),
    ("amount", "number", "金额（原单位）"), ("amount_wan", "number", "金额（万元）"),
    ("amount_doubtful", "boolean", "金额单位可疑（门户的合计不计入）"),
    ("declared_total", "number", "申报总分"), ("declared_grade", "string", "申报等级"),
    ("computed_total", "number", "计算总分"), ("computed_grade", "string", "计算等级"),
    ("computed_grade_basis", "string", "计算等级的依据"),
    ("stated_execution_rate", "number", "预算执行率（申报，%）"), ("computed_execution_rate", "number", "预算执行率（计算，%）"),
    ("errors", "integer", "错误数"), ("warnings", "integer", "警告数"), ("url", "string", "页面地址"),
]
INDICATOR_COLUMNS = [
    ("report_id", "string", "报告编号"), ("report_title", "string", "项目名称"), ("year", "integer", "项目年份"),
    ("row", "integer", "行号"), ("category", "string", "一级指标"), ("subcategory", "string", "二级指标"),
    ("name", "string", "指标名称"), ("target", "string", "目标值"), ("actual", "string", "实际完成值"),
    ("weight", "number", "权重"), ("declared_score", "number", "申报得分"), ("computed_score", "number", "计算得分"),
    ("checkable", "boolean", "可机器核验"), ("met", "boolean", "达到目标"), ("note", "string", "备注"),
]
FINDING_COLUMNS = [
    ("report_id", "string", "报告编号"), ("path", "string", "文件"), ("line", "integer", "行号"),
    ("field", "string", "字段"), ("code", "string", "结论代码"), ("title", "string", "结论"),
    ("severity", "string", "级别"), ("message", "string", "说明"), ("silenced", "string", "豁免理由"),
]
# What each column holds, for columns.csv and the data package.
DESCRIPTIONS = {
    "kind": "、".join(KIND_LABELS.values()),
    "amount": "报告的主要金额（预算数或资金总额），照原件所写，单位见“金额单位”",
    "amount_wan": "同一金额折算为万元",
    "computed_grade_basis": "按计算总分，或（原件没有可逐项计算的指标表时）按申报总分",
    "computed_execution_rate": "实际支付数 ÷ 财政拨款数，百分数，保留四位小数",
    "errors": "未豁免的错误级核验结论数", "warnings": "未豁免的警告级核验结论数",
    "url": "报告页面相对于网站根目录的地址",
    "checkable": "门户能否按评分办法计算这一行的得分", "met": "实际完成值是否达到目标值（无法判断时为空）",
    "code": "核验结论的代码，说明见网站“核验规则”页", "field": "结论所指的记录字段",
    "path": "记录文件，相对于 reports/ 目录的上一级",
}
# Codes written as words in the CSV files (the JSON files keep the codes, for programs).
LABELS = {
    "kind": KIND_LABELS,
    "severity": {"error": "错误", "warning": "警告", "info": "提示"},
    "computed_grade_basis": {"computed": "按计算总分", "declared": "按申报总分"},
}


def record_data(analysis, edition: str) -> dict:
    """The record as the edition shows it, its amounts and scores still Decimals (the JSON
    encoder makes them numbers: :func:`report_document_text`)."""
    exclude = None if edition == "internal" else set(PRIVATE_FIELDS)
    return analysis.report.model_dump(mode="python", exclude=exclude, exclude_none=True)


def report_document_text(analysis, entry, edition: str) -> str:
    """The report's JSON file: its figures and findings, its record and its page's address.

    The record's Decimals become numbers (``figures.number``) as the encoder meets them
    (``default``): walking the record in Python first took as long as the encoding. One compact
    encoding: indenting would send json through its pure-Python encoder, ten times slower than
    the C one."""
    data = analysis_json(analysis)
    data["record"] = record_data(analysis, edition)
    data["url"] = entry.url
    return json.dumps(data, ensure_ascii=False, default=_json_number)


def _json_number(value):
    if isinstance(value, Decimal):
        return number(value)
    raise TypeError(f"{type(value).__name__} 不能写入 JSON")


def _report_row(analysis, entry) -> dict:
    """A row of reports.csv: the catalog entry's summary, with the names as the record wrote them
    (the entry says 未载明 for a name the record leaves out; the data files leave it empty)."""
    report = analysis.report
    return {
        "id": entry.id, "title": entry.title, "year": entry.year, "kind": entry.kind,
        "department": report.department, "implementer": report.implementer,
        "province": entry.province, "city": entry.city, "district": entry.district,
        "evaluator": report.evaluator, "scheme": entry.scheme, "unit": entry.unit,
        "amount": entry.amount, "amount_wan": entry.amount_wan, "amount_doubtful": entry.amount_doubtful,
        "declared_total": entry.declared_total, "declared_grade": entry.declared_grade,
        "computed_total": entry.computed_total, "computed_grade": entry.computed_grade,
        "computed_grade_basis": entry.computed_grade_basis,
        "stated_execution_rate": entry.stated_execution_rate,
        "computed_execution_rate": rate_value(entry.execution_rate),
        "errors": entry.errors, "warnings": entry.warnings, "url": entry.url,
    }


def _indicator_rows(analysis):
    report, computed = analysis.report, analysis.computed
    results = computed.indicators if computed else [None] * len(report.indicators)
    for index, (row, result) in enumerate(zip(report.indicators, results)):
        yield {
            "report_id": report.id, "report_title": report.title, "year": report.year, "row": index + 1,
            "category": row.category, "subcategory": row.subcategory, "name": row.name,
            "target": row.target, "actual": row.actual, "weight": row.weight, "declared_score": row.score,
            "computed_score": result.computed if result else None,
            "checkable": result.checkable if result else None, "met": result.met if result else None,
            "note": row.note,
        }


def _finding_rows(analysis):
    for item in analysis.findings:
        yield {
            "report_id": analysis.report.id, "path": analysis.path, "line": item.line, "field": item.field,
            "code": item.code, "title": RULES[item.code].title if item.code in RULES else "",
            "severity": item.severity.value, "message": item.message,
            "silenced": item.silenced,
        }


class _CsvFile:
    """A CSV file written row by row (UTF-8 with BOM, CRLF): the rows of 10,000 reports are
    never all in memory at once. Its header is the columns' Chinese titles."""

    def __init__(self, path: Path, columns):
        self.columns = [(name, LABELS.get(name)) for name, _, _ in columns]  # a column's words for codes
        self.handle = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\r\n")
        self.writer.writerow([title for _, _, title in columns])

    def write(self, rows) -> None:
        columns, writerow = self.columns, self.writer.writerow  # two million cells at 10,000 reports
        for row in rows:
            writerow([_cell(row.get(name), labels) for name, labels in columns])

    def close(self) -> None:
        self.handle.close()


def _cell(value, labels: dict | None) -> str:
    kind = type(value)
    if kind is str:
        return labels.get(value, value) if labels else value
    if value is None:
        return ""
    if kind is bool:
        return "是" if value else "否"
    if kind is Decimal:
        return fmt(value)  # as written: 96.00 stays 96.00
    return str(value)


def _package(columns_by_file: dict) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "jixiao-performance-evaluations",
        "title": "财政项目绩效评价报告（结构化数据）",
        "description": "各报告的申报数字、门户计算结果和核验结论。金额以原单位和万元两种口径给出。",
        "licenses": [{"name": "CC-BY-4.0", "title": "署名 4.0 国际"}],
        "resources": [
            {
                "name": name.removesuffix(".csv"),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",  # with a byte-order mark for Excel; IANA has no name for that
                # The CSV's header is the Chinese title: it is the field's name; the English name
                # programs use is kept beside it (columns.csv lists both).
                "schema": {"fields": [{"name": title, "type": t, "title": title, "jixiao:key": c,
                                       **({"description": DESCRIPTIONS[c]} if c in DESCRIPTIONS else {}),
                                       **({"trueValues": ["是"], "falseValues": ["否"]} if t == "boolean" else {})}
                                      for c, t, title in columns]},
            }
            for name, columns in columns_by_file.items()
        ],
    }


def write_exports(catalog, site_dir: Path, edition: str) -> list[Path]:
    """Write data/ and one JSON file beside each report page; return the files written.

    One pass over the reports, each written out as soon as it is built, so memory does not grow
    with the collection (reports.json is written as a stream of its array's items)."""
    data_dir = site_dir / ROUTES.data
    data_dir.mkdir(parents=True, exist_ok=True)
    entries = {entry.src_uri: entry for entry in catalog.entries}
    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)

    tables = {
        "reports.csv": (REPORT_COLUMNS, lambda analysis, entry: [_report_row(analysis, entry)]),
        "indicators.csv": (INDICATOR_COLUMNS, lambda analysis, entry: _indicator_rows(analysis)),
        "findings.csv": (FINDING_COLUMNS, lambda analysis, entry: _finding_rows(analysis)),
    }
    with ExitStack() as files:
        csv_files = {name: files.enter_context(closing(_CsvFile(data_dir / name, columns)))
                     for name, (columns, _) in tables.items()}
        everything = files.enter_context((data_dir / "reports.json").open("w", encoding="utf-8", newline=""))
        everything.write('{"reports": [')
        for number, analysis in enumerate(catalog.analyses):
            entry = entries[analysis.path]
            text = report_document_text(analysis, entry, edition)  # one encoding for both files
            write(site_dir / entry.url / "report.json", text)
            everything.write((", " if number else "") + text)
            for name, (_, rows_of) in tables.items():
                csv_files[name].write(rows_of(analysis, entry))
        everything.write("]}")
    written += [data_dir / "reports.json"] + [data_dir / name for name in tables]
    write(data_dir / "schema.json", json.dumps(report_schema(), ensure_ascii=False, indent=2))
    package = _package({name: columns for name, (columns, _) in tables.items()})
    write(data_dir / "datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
    write(data_dir / "columns.csv", _columns_csv({name: columns for name, (columns, _) in tables.items()}))
    write(data_dir / "reports-index.json", json.dumps(index_rows(catalog), ensure_ascii=False, separators=(",", ":")))
    write(data_dir / "indicator-names.json", json.dumps(indicator_names(catalog), ensure_ascii=False, separators=(",", ":")))
    return written


def _columns_csv(columns_by_file: dict) -> str:
    """The companion of the CSV files: each column's Chinese header, its English name for
    programs, its type and what it holds (UTF-8 with BOM, like the others)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["文件", "列名", "英文名（供程序使用）", "类型", "说明"])
    types = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否"}
    for name, columns in columns_by_file.items():
        for key, kind, title in columns:
            writer.writerow([name, title, key, types[kind], DESCRIPTIONS.get(key, "")])
    return "\ufeff" + buffer.getvalue()


def index_rows(catalog) -> dict:
    """The all-reports table's rows, loaded lazily by the browser: short keys, no nesting."""
    return {
        "columns": ["title", "url", "year", "department", "region", "kind", "amount", "amount_wan",
                    "declared_total", "declared_grade", "computed_total", "errors", "warnings"],
        "rows": [
            [e.title, e.url, e.year, e.department, e.region_text, e.kind_label, e.amount_text,
             number(e.amount_wan_for_sums.quantize(Decimal("0.01"))) if e.amount_wan_for_sums is not None else None,
             number(e.declared_total), e.declared_grade or "", number(e.computed_total), e.errors, e.warnings]
            for e in catalog.entries
        ],
    }


def indicator_names(catalog) -> dict:
    """Every indicator name, for the 指标库 page's lookup (loaded when a reader first types).

    Names with a catalogue page link to it; the others, used by one or two reports and too many
    to give each a page, carry their rows here: the reports, targets and actual values."""
    rows = []
    for name in catalog.indicators:
        page = catalog.indicator_slug(name.key)
        uses = None if page else [
            [use.entry.title, use.entry.url, use.entry.year, use.target, use.actual] for use in name.uses
        ]
        rows.append([name.name, name.key, name.reports, name.count, ROUTES.indicator(page) if page else None, uses])
    return {"columns": ["name", "key", "reports", "rows", "page", "uses"], "rows": rows}
