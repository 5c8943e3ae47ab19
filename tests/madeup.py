"""A made-up national 项目支出绩效自评表 as pipe-separated text, imported: the tests of one reading
rule give only the rows that rule is about."""

from __future__ import annotations

from pathlib import Path

from jixiao.importers import prepare

HEAD = "项目支出绩效自评表（2023年度）\n|项目名称|某县道路养护|\n|主管部门|某县交通运输局|\n"


def import_form(tmp_path: Path, rows: str):
    """The one draft the form with ``rows`` (pipe lines after its identity rows) imports to."""
    source = tmp_path / "form.txt"
    source.write_text(HEAD + rows, encoding="utf-8")
    [draft] = prepare(source).drafts
    return draft
