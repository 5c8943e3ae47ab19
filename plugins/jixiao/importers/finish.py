"""Completing a draft into a record: region, id, source, unit check, and the required fields.

A record must have a title, a year and a region to be valid. When a damaged document does not
give them, a visible placeholder is written, the record is marked not to be published, and a
note says what to fill in — a half-read report is kept for a person to finish, never published
as if complete.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from ..core.record.model import Budget, Declared, FundingRow, Indicator, Subproject
from .document import Document
from .draft import Draft
from .existing import PLACEHOLDER_TITLE
from .identity import derive_id
from .magnitudes import check_units
from .places import UNKNOWN_REGION, find_region, functional_zone


def finish(draft: Draft, document: Document) -> None:
    fields = draft.fields
    notes: list[str] = []
    incomplete = False
    if not fields.get("title"):
        fields["title"] = f"{PLACEHOLDER_TITLE}：{document.name}）"
        notes.append("未能从原件读出项目名称，暂以文件名代替，请补填 title")
        incomplete = True
    year = str(fields.get("year") or "")
    if not re.fullmatch(r"\d{4}", year) or not 1990 <= int(year) <= 2100:
        guess = re.search(r"(19|20)\d{2}", document.name)
        if guess:
            fields["year"] = guess.group(0)
            fields.setdefault("year_sources", {})["文件名"] = int(guess.group(0))
            notes.append(f"原件正文没有写明项目年份，暂按文件名记为 {fields['year']}，请核对 year")
        else:
            fields.pop("year", None)
            notes.append("原件没有写明项目年份（标题、表头、日期都没有），记录未填年份，请补填 year 后再公开")
        incomplete = True
    region = find_region([text for text in draft.region_hints if text])
    if region is None:  # no identity field names a place: the document's own text may
        region = find_region([document.text()[:8000]])
    if region is None:
        fields["region"] = [UNKNOWN_REGION]
        hint = "r"
        notes.append(f"未能从原件识别地区，暂记为“{UNKNOWN_REGION}”，请补填 region（由省级到基层）")
    else:
        fields["region"], hint = region
        zone = functional_zone(draft.region_hints, fields["region"])
        if zone:
            fields["region"] = [*fields["region"], zone]
    _unit(fields, document, notes)
    fields.setdefault("kind", "self")
    fields.setdefault("scheme", "national-2020")
    fields["id"] = derive_id(hint, fields.get("year"), fields["title"], fields["region"], fields.get("department", ""))
    source = {"file": document.name}
    if getattr(document, "source_url", None):
        source["url"] = document.source_url
    if draft.sheet:
        source["pages"] = f"工作表：{draft.sheet}"
    fields["source"] = source
    if fields.get("incomplete"):
        notes.append(f"{fields['incomplete']}；记录已设为不公开（publish: false），补全后删去 incomplete 和 publish 两行即可公开")
        fields["publish"] = False
    if draft.held_back and not fields.get("incomplete") and not incomplete:
        fields["publish"] = False
        notes.append(f"{draft.held_back}；记录已设为不公开（publish: false），对照原件核实后删去这一行即可公开")
    if incomplete:
        fields["publish"] = False
        notes.append("原件不完整，记录已设为不公开（publish: false）；补全后删去这一行即可公开")
    check_units(draft)
    _drop_what_cannot_load(fields, notes)
    _order_keys(fields)
    draft.notes[:0] = document.notes + notes
    if draft.notes:
        fields["import_notes"] = list(draft.notes)


def _unit(fields: dict, document: Document, notes: list[str]) -> None:
    """The unit is the form's; a record with amounts needs one, a record without amounts does not."""
    if fields.get("unit") or not _has_amounts(fields):
        return
    stated = re.search(r"(?:单位|金额)[:：]\s*(亿元|万元|元)|[（(](亿元|万元|元)[)）]", document.text())
    if stated:
        fields["unit"] = stated.group(1) or stated.group(2)
        return
    fields["unit"] = "万元"
    notes.append("原件的资金表没有写金额单位，按表样通常的“万元”记录，请核对 unit")


def _has_amounts(fields: dict) -> bool:
    budget = fields.get("budget") or {}
    if any(not key.endswith("rate") for key in budget):
        return True
    keys = ("amount", "initial", "full_year", "executed")
    if any(row.get(key) for row in fields.get("funding") or [] for key in keys):
        return True
    return bool(fields.get("subprojects"))


_NESTED = {"budget": Budget, "declared": Declared}
_ROWS = {"funding": FundingRow, "subprojects": Subproject, "indicators": Indicator}


def _drop_what_cannot_load(fields: dict, notes: list[str]) -> None:
    """A figure the record format refuses (a 总分 of 2030.12: a damaged text's amount read as a
    score) is left out and noted, so the record loads and a person fills it in from the original.
    Each reader bounds what it reads; this is the last word for any path that did not."""
    blocks = [(key, fields[key], model) for key, model in _NESTED.items() if isinstance(fields.get(key), dict)]
    for key, model in _ROWS.items():
        rows = fields.get(key)
        if isinstance(rows, list):
            blocks += [(f"{key}[{index + 1}]", row, model) for index, row in enumerate(rows) if isinstance(row, dict)]
    for where, values, model in blocks:
        try:
            model.model_validate(values)
        except ValidationError as error:
            for problem in error.errors():
                name = problem["loc"][0] if problem["loc"] else None
                if isinstance(name, str) and name in values:
                    value = values.pop(name)
                    title = model.model_fields[name].title if name in model.model_fields else name
                    notes.append(f"原件读出的“{title}”（{where}.{name}）“{value}”不能写入记录：{problem['msg']}；"
                                 "未写入，请对照原件补填")
    for key in _NESTED:
        if fields.get(key) == {}:
            del fields[key]  # every figure of the block was left out: no empty block


def _order_keys(fields: dict) -> None:
    """Keys of nested blocks in the order the record format lists them, as people read them."""
    for key, model in _NESTED.items():
        if isinstance(fields.get(key), dict):
            fields[key] = _ordered(fields[key], model)
    for key, model in _ROWS.items():
        if isinstance(fields.get(key), list):
            fields[key] = [_ordered(row, model) for row in fields[key]]


def _ordered(values: dict, model) -> dict:
    order = list(model.model_fields)
    return dict(sorted(values.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))
