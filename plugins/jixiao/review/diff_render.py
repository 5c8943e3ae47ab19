"""Rendering a semantic diff (:mod:`jixiao.review.diff`) for people: plain text on a terminal,
Markdown for a pull-request comment read in ten seconds, JSON for tools."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..core.figures import fmt
from ..core.findings import Finding
from ..core.report_json import to_json_text
from .diff import STATUS_LABELS, DiffResult, Move, ReportDiff, RowChange

SHOWN_LIMIT = 80
RULES_SHOWN = 12  # changed rules of a scheme listed; the scheme file's own diff has the rest


def render(result: DiffResult, output_format: str) -> str:
    if output_format == "json":
        return to_json_text(result.as_dict())
    if output_format == "markdown":
        return markdown(result)
    return text(result)


def show(value, kind: str = "number", unit: str | None = None) -> str:
    """A figure as written (81.94, 7.940), a dash for nothing, money with its unit."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    shown = fmt(value)
    if len(shown) > SHOWN_LIMIT:  # a long note is said to have changed, not printed whole
        shown = shown[:SHOWN_LIMIT] + "…"
    return f"{shown} {unit}" if kind == "money" and unit else shown


def _arrow(move: Move, old_unit=None, new_unit=None) -> str:
    if move.kind == "other":
        return "有改动"
    return f"{show(move.old, move.kind, old_unit)} → {show(move.new, move.kind, new_unit)}"


def _heading(report: ReportDiff) -> str:
    title = f" {report.title}" if report.title else ""
    return f"{report.id or report.path}{title}"


def _totals_line(report: ReportDiff) -> str:
    """申报 81.94（优）→ 80.00（良）；计算 …, or the one side a new or gone report has."""
    by = {move.field: move for move in report.totals}

    def side(total: Move, grade: Move, which: str) -> str:
        value = getattr(total, which)
        label = getattr(grade, which)
        return show(value) + (f"（{label}）" if label else "")

    parts = []
    score_sum = by.get("declared.score_sum")
    for prefix, name in (("declared", "申报"), ("computed", "计算")):
        total, grade = by[f"{prefix}.total"], by[f"{prefix}.grade"]
        old, new = side(total, grade, "old"), side(total, grade, "new")
        if report.status in ("added", "repaired"):
            parts.append(f"{name} {new}")
        elif report.status in ("removed", "broken"):
            parts.append(f"{name} {old}")
        else:
            parts.append(f"{name} {old}" if old == new else f"{name} {old} → {new}")
    if score_sum is not None and score_sum.moved and report.status in ("changed", "renamed"):
        parts.append(f"各行自评分之和 {show(score_sum.old)} → {show(score_sum.new)}")
    return "；".join(parts)


def _finding_line(item: Finding) -> str:
    where = f"第 {item.line} 行 " if item.line else ""
    field_name = f" [{item.field}]" if item.field else ""
    hint = f"（{item.hint}）" if item.hint else ""
    return f"{where}{item.severity.label} {item.code}{field_name} {item.message}{hint}"


def _row_line(row: RowChange) -> str:
    label = f"{row.category}/{row.name}" if row.category else row.name
    if row.status == "changed":
        return f"修改 {label}：" + "，".join(f"{m.label} {_arrow(m)}" for m in row.moves)
    values = "，".join(f"{m.label} {show(m.new if row.status == 'added' else m.old, m.kind)}" for m in row.moves)
    return f"{'新增' if row.status == 'added' else '删除'} {label}" + (f"：{values}" if values else "")


def text(result: DiffResult) -> str:
    """For a terminal: the schemes that changed first (they move many reports at once), then one
    block per report, one line per thing that moved."""
    lines = [f"jixiao diff {_side(result.base)} → {_side(result.head)}：{result.summary()}"]
    for change in result.schemes:
        lines += ["", f"评分办法{change.status_label}  {change.id} {change.title}  {change.path}".rstrip()]
        lines += [f"  规则  {move.label} {show(move.old)} → {show(move.new)}" for move in change.rules[:RULES_SHOWN]]
        if len(change.rules) > RULES_SHOWN:
            lines.append(f"  规则  ……共 {len(change.rules)} 处改动")
        lines.append(f"  使用这一办法的报告 {change.users} 份，计算结果因此改变的 {len(change.reports)} 份" +
                     ("：" if change.reports else ""))
        for item in change.reports:
            hidden = f"〔{_hidden_label(item.hidden)}〕" if item.hidden else ""
            totals = "；".join(f"{move.label} {show(move.old)} → {show(move.new)}" for move in item.totals if move.moved)
            rows = "，".join(f"{move.label} {show(move.old)} → {show(move.new)}" for move in item.rows[:5])
            more = f" 等 {len(item.rows)} 行" if len(item.rows) > 5 else ""
            lines.append(f"    {item.id} {item.title}{hidden}：{totals or '总分与等级不变'}" +
                         (f"；计算得分 {rows}{more}" if rows else ""))
    for report in result.reports:
        lines.append("")
        where = report.path if not report.old_path or report.status == "broken" else f"{report.old_path} → {report.path}"
        hidden = f"  〔{report.hidden_label}〕" if report.hidden_label else ""
        lines.append(f"{STATUS_LABELS[report.status]}  {_heading(report)}  {where}{hidden}")
        if report.status == "broken":
            if report.id:
                lines.append(f"  原为报告 {report.id}：{_totals_line(report)}")
            elif report.old_broken:
                lines.append("  原先也无法读取，这次的错误有变化")
            lines += [f"  {_finding_line(item)}" for item in report.problems]
            continue
        if report.status == "removed" and report.problems:
            lines.append("  （原先无法读取）")
            continue
        lines.append(f"  总分  {_totals_line(report)}")
        if report.status == "repaired":
            lines += [f"  原先无法读取：{_finding_line(item)}" for item in report.problems[:3]]
        for move in report.fields:
            lines.append(f"  字段  {move.label} {_arrow(move)}")
        for move in report.money:
            lines.append(f"  金额  {move.label} {_arrow(move, report.old_unit, report.new_unit)}")
        for row in report.indicators:
            lines.append(f"  指标  {_row_line(row)}")
        verb = "有" if report.status in ("added", "repaired") else "新增"
        lines += [f"  核验  {verb} {_finding_line(item)}" for item in report.introduced]
        lines += [f"  核验  消除 {_finding_line(item)}" for item in report.resolved]
        if report.body_changed:
            lines.append("  正文有改动")
    return "\n".join(lines) + "\n"


def _side(revision) -> str:
    described = getattr(revision, "described", None)
    if described:
        return described
    label = getattr(revision, "label", None) or "—"
    name = getattr(revision, "name", label)
    return label if name == label else f"{name}（{label}）"


def _hidden_label(hidden: str | None) -> str:
    return {"draft": "草稿，不公开", "embargoed": "未到公开日期，不公开"}.get(hidden or "", "")


# --- markdown: a PR comment read in ten seconds -----------------------------------------------

MARKDOWN_LIMIT = 60000  # GitHub refuses comments over 65,536 characters; leave room for a bot's footer
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&])")


def _md(value) -> str:
    """User text made inert: no links, emphasis, HTML or table breaks from a record's title."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def _code(value) -> str:
    return "`" + str(value).replace("`", "'").replace("|", "\\|") + "`"


def markdown(result: DiffResult) -> str:
    head = [f"**绩效报告变动** {_code(_side(result.base))} → {_code(_side(result.head))}：{result.summary()}", ""]
    sections = []
    if result.schemes:
        sections.append(_md_schemes(result.schemes))
    by_status: dict[str, list[ReportDiff]] = defaultdict(list)
    for report in result.reports:
        by_status[report.status].append(report)
    if by_status["broken"]:
        sections.append(_md_broken(by_status["broken"]))
    for report in by_status["changed"] + [r for r in by_status["renamed"] if r.moved]:
        sections.append(_md_changed(report))
    if by_status["added"] or by_status["repaired"]:
        sections.append(_md_added(by_status["added"] + by_status["repaired"]))
    plain_renames = [r for r in by_status["renamed"] if not r.moved]
    if plain_renames:
        sections.append("**改名**\n\n" + "\n".join(
            f"- {_code(r.id)}：{_code(r.old_path)} → {_code(r.path)}" for r in plain_renames) + "\n")
    if by_status["removed"]:
        sections.append("**删除**\n\n" + "\n".join(
            f"- {_code(r.id) + ' ' + _md(r.title or '') if r.id else '（原先无法读取）'}{_md_hidden(r)}：{_code(r.path)}"
            for r in by_status["removed"]) + "\n")
    out = "\n".join(head)
    for index, section in enumerate(sections):
        if len(out) + len(section) > MARKDOWN_LIMIT:
            out += f"\n……另有 {len(sections) - index} 段未列出（内容过长）；完整结果请运行 jixiao diff --format json\n"
            break
        out += "\n" + section
    return out


def _md_broken(reports: list[ReportDiff]) -> str:
    lines = [f"**⚠️ 无法读取（{len(reports)}）**：这些文件不会发布，请先改正", ""]
    for report in reports:
        was = f"（原为 {_code(report.id)}）" if report.id else ("（原先也无法读取）" if report.old_broken else "")
        first = report.problems[0] if report.problems else None
        lines.append(f"- {_code(report.path)}{was}：{_md(_finding_line(first)) if first else ''}")
        for item in report.problems[1:5]:
            lines.append(f"  - {_md(_finding_line(item))}")
        if len(report.problems) > 5:
            lines.append(f"  - ……共 {len(report.problems)} 处")
    return "\n".join(lines) + "\n"


def _md_hidden(report: ReportDiff) -> str:
    """A draft or an embargoed report is said to be one: a reviewer must not take it for a publication."""
    return f" **〔{report.hidden_label}〕**" if report.hidden_label else ""


def _md_cell(move: Move) -> str:
    if not move.moved:
        return _md(show(move.old))
    return f"{_md(show(move.old))} → **{_md(show(move.new))}**"


def _md_changed(report: ReportDiff) -> str:
    by = {move.field: move for move in report.totals}
    title = _md(report.title or "")
    where = _code(report.path) if report.status == "changed" else f"{_code(report.old_path)} → {_code(report.path)}"
    lines = [
        f"**{STATUS_LABELS[report.status]}** {_code(report.id)} {title}{_md_hidden(report)} · {where}",
        "",
        "| | 申报 | 计算 |",
        "|:--|:--|:--|",
        f"| 总分 | {_md_cell(by['declared.total'])} | {_md_cell(by['computed.total'])} |",
        f"| 等级 | {_md_cell(by['declared.grade'])} | {_md_cell(by['computed.grade'])} |",
    ]
    score_sum = by.get("declared.score_sum")
    if score_sum is not None and (score_sum.old is not None or score_sum.new is not None):
        lines.append(f"| 各行得分之和 | {_md_cell(score_sum)} | |")
    lines += [
        "",
    ]
    counted = []
    if report.indicators:
        counted.append(f"指标 {len(report.indicators)} 行")
    if report.money:
        counted.append(f"金额 {len(report.money)} 处")
    if report.fields:
        counted.append(f"字段 {len(report.fields)} 处")
    if report.introduced or report.resolved:
        counted.append(f"核验结论 新增 {len(report.introduced)} 条、消除 {len(report.resolved)} 条")
    if report.body_changed:
        counted.append("正文有改动")
    if not counted:
        return "\n".join(lines)
    lines += [f"<details><summary>{' · '.join(counted)}</summary>", ""]
    if report.indicators:
        lines += ["| 指标 | 变动 | 原 | 现 |", "|:--|:--|--:|--:|"]
        for row in report.indicators:
            label = f"{_md(row.category)} / {_md(row.name)}" if row.category else _md(row.name)
            status = {"added": "新增", "removed": "删除", "changed": ""}[row.status]
            for k, move in enumerate(row.moves or [Move("", "", None, None)]):
                first = label if k == 0 else ""
                what = " ".join(part for part in (status if k == 0 else "", move.label) if part)
                lines.append(f"| {first} | {what} | {_md(show(move.old, move.kind))} | {_md(show(move.new, move.kind))} |")
        lines.append("")
    if report.money or report.fields:
        lines += ["| 金额与字段 | 原 | 现 |", "|:--|--:|--:|"]
        for move in report.money:
            lines.append(f"| {_md(move.label)} | {_md(show(move.old, move.kind, report.old_unit))} | "
                         f"{_md(show(move.new, move.kind, report.new_unit))} |")
        for move in report.fields:
            old, new = ("", "有改动") if move.kind == "other" else (show(move.old, move.kind), show(move.new, move.kind))
            lines.append(f"| {_md(move.label)} | {_md(old)} | {_md(new)} |")
        lines.append("")
    for item in report.introduced:
        lines.append(f"- 🆕 {_md(_finding_line(item))}")
    for item in report.resolved:
        lines.append(f"- ✅ 消除：{_md(_finding_line(item))}")
    if report.introduced or report.resolved:
        lines.append("")
    lines += ["</details>", ""]
    return "\n".join(lines)


def _md_schemes(changes) -> str:
    """The schemes that changed, each with its changed rules and a table of the reports it re-grades."""
    regraded = len({item.id for change in changes for item in change.reports})
    lines = [f"**⚖️ 评分办法变动（{len(changes)}）**：改变 {regraded} 份报告的计算结果", ""]
    for change in changes:
        where = f" · {_code(change.path)}" if change.path else ""
        lines.append(f"- **{change.status_label}** {_code(change.id)} {_md(change.title)}{where}："
                     f"使用它的报告 {change.users} 份，计算结果改变的 {len(change.reports)} 份")
        for move in change.rules[:RULES_SHOWN]:
            lines.append(f"  - {_code(move.label)}：{_md(show(move.old))} → **{_md(show(move.new))}**")
        if len(change.rules) > RULES_SHOWN:
            lines.append(f"  - ……共 {len(change.rules)} 处改动")
    reports = [(change, item) for change in changes for item in change.reports]
    if reports:
        lines += ["", "| 报告 | 评分办法 | 计算总分 | 计算等级 | 计算得分变动的指标 |", "|:--|:--|--:|:--|:--|"]
        for change, item in reports:
            by = {move.field: move for move in item.totals}
            hidden = f" **〔{_hidden_label(item.hidden)}〕**" if item.hidden else ""
            rows = "，".join(f"{_md(move.label)} {_md(show(move.old))} → {_md(show(move.new))}" for move in item.rows[:3])
            if len(item.rows) > 3:
                rows += f" 等 {len(item.rows)} 行"
            lines.append(f"| {_code(item.id)} {_md(item.title)}{hidden} | {_code(change.id)} | "
                         f"{_md_cell(by['computed.total'])} | {_md_cell(by['computed.grade'])} | {rows or '—'} |")
    return "\n".join(lines) + "\n"


def _md_added(reports: list[ReportDiff]) -> str:
    lines = [f"**新增（{len(reports)}）**", "", "| 报告 | 总分（申报 / 计算） | 等级（申报 / 计算） | 核验 |",
             "|:--|--:|:--|:--|"]
    details = []
    for report in reports:
        by = {move.field: move for move in report.totals}
        counts = Counter(item.severity.label for item in report.introduced)
        checked = "、".join(f"{label} {counts[label]}" for label in ("错误", "警告", "提示") if counts[label]) or "无"
        note = ("（原先无法读取）" if report.status == "repaired" else "") + _md_hidden(report)
        lines.append(
            f"| {_code(report.id)} {_md(report.title or '')}{note} | {_md(show(by['declared.total'].new))} / "
            f"{_md(show(by['computed.total'].new))} | {_md(show(by['declared.grade'].new))} / "
            f"{_md(show(by['computed.grade'].new))} | {checked} |")
        details += [f"- {_code(report.id)} {_md(_finding_line(item))}" for item in report.introduced]
    lines.append("")
    if details:
        lines += [f"<details><summary>新增报告的核验结论 {len(details)} 条</summary>", "", *details, "", "</details>", ""]
    return "\n".join(lines)
