"""Forms left half filled: placeholders of the blank form still in the text, a score column never
filled in, a table without a single figure."""

from __future__ import annotations

import re

from ._make import finding

# What a blank form prints for the unit to replace: ≥**人, ××, XX%, a lone ……, and 好坏 (the form's
# "好/坏" left as both words).
_PLACEHOLDER = re.compile(r"\*{2,}|[×xX]{2,}(?![A-Za-z])|＊{2,}")
_PLACEHOLDER_VALUES = frozenset({"好坏", "好/坏", "是否", "是/否", "高低", "有无", "达到/未达到"})
# A row the blank form numbers instead of naming: 指标1, 指标2：, 指标 3.
_NUMBERED_ROW = re.compile(r"^(?:指标|三级指标|二级指标)\s*\d+\s*[:：]?$|^[…\.]+$")
_TEXT_FIELDS = {"name": "指标名称", "target": "目标值", "actual": "实际完成值"}


def template_placeholder(loaded, scheme, computed):
    """Placeholders in values, one finding per cell; in names, one finding for the table (a form
    that prints ≥**人 in its names prints it in most of them)."""
    names: list[tuple[int, str, str]] = []
    for index, row in enumerate(loaded.report.indicators):
        if _empty_row(row):
            continue  # an unused row of the blank form: empty-template-row
        found = _placeholder_in(row.name)
        if found:
            names.append((index, row.name, found))
        for key in ("target", "actual"):
            text = getattr(row, key)
            found = _placeholder_in(text) if text else None
            if found:
                yield finding(
                    "template-placeholder",
                    f"indicators[{index}].{key}",
                    f"指标“{row.name}”的{_TEXT_FIELDS[key]}“{text}”是表样的占位内容“{found}”，没有填写实际情况",
                    hint="换成实际的数值或文字",
                    text=text,
                )
    if names:
        shown = "、".join(f"“{name}”" for _, name, _ in names[:3]) + (f"等 {len(names)} 个" if len(names) > 3 else "")
        marks = "、".join(dict.fromkeys(f"“{found}”" for _, _, found in names))
        yield finding(
            "template-placeholder",
            f"indicators[{names[0][0]}].name",
            f"指标名称 {shown}留有表样占位符 {marks}：表样要求填写的数值没有填入名称",
            hint="照原件录入时保留原文并写明豁免理由；报送单位应把占位符换成年度指标值",
        )


def _placeholder_in(text: str) -> str | None:
    compact = re.sub(r"\s+", "", text)
    if compact in _PLACEHOLDER_VALUES:
        return compact
    if _NUMBERED_ROW.match(compact):
        return compact
    match = _PLACEHOLDER.search(text)
    return match.group(0) if match else None


def _empty_row(row) -> bool:
    """A row with a name the blank form printed and nothing else: no target, actual or score."""
    return (bool(_NUMBERED_ROW.match(re.sub(r"\s+", "", row.name)))
            and not any((getattr(row, key) or "").strip() for key in ("target", "actual"))
            and row.score is None and row.weight is None)


def empty_template_row(loaded, scheme, computed):
    for index, row in enumerate(loaded.report.indicators):
        if _empty_row(row):
            yield finding(
                "empty-template-row",
                f"indicators[{index}]",
                f"“{row.name}”是表样留下的空行，没有任何内容",
                hint="照原件录入即可；也可删去这一行",
            )


def unfilled_template(loaded, scheme, computed):
    """The score column left blank on every row of a table whose other cells are filled, or a
    table without a single figure."""
    report = loaded.report
    rows = report.indicators
    if not rows:
        return
    scored = [row for row in rows if row.score is not None or row.weighted_score is not None]
    weighted = [row for row in rows if row.weight is not None]
    if weighted and not scored and not report.incomplete:  # a cut-off text may have lost the score column
        filled = sum(1 for row in rows if (row.target or "").strip() or (row.actual or "").strip())
        yield finding(
            "unfilled-template",
            "indicators",
            f"{len(rows)} 个指标都印有分值，得分一栏却全部空白"
            + (f"（{filled} 行填了目标值或实际完成值）" if filled else "")
            + "：自评表没有填完",
            hint="填写各项得分；原件确实空白的照录并写明豁免理由",
        )
        return
    columns = report.indicator_columns
    if columns is not None and not {"weight", "score"} & set(columns):
        return  # a form with neither 分值 nor 得分 (湖南县级专项表): words alone are how it is filled
    figures = [text for row in rows for text in (row.target, row.actual) if text]
    if not weighted and not scored and report.declared.total is None and not any(re.search(r"\d", t) for t in figures):
        yield finding(
            "unfilled-template",
            "indicators",
            f"指标表的 {len(rows)} 行没有任何数字（没有分值、得分，目标值和实际完成值也没有数字）：原件可能是未填写的表样，或数字在转换中丢失",
            hint="对照原件补上数字；原件确实如此的写明豁免理由",
        )


CHECKS = (template_placeholder, empty_template_row, unfilled_template)
