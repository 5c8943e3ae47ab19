"""The seed forms of ``import_fixtures.build`` (Suzhou, Minhang, the national form) as
:class:`~readers_fixtures.realdev.Spec` tables, so that they can be written as web pages and PDFs
too. Numbers are shown as the Excel fixture shows them (its number format)."""

from __future__ import annotations

from decimal import Decimal

from import_fixtures import build
from jixiao.importers.document import Merge
from jixiao.importers.readers.sheetcells import display

from .realdev import Spec


def spec_of(name: str, title: str, layout) -> Spec:
    placed = build.place(layout)
    height = max(r + cell.rows for r, _, cell in placed)
    width = max(c + cell.span for _, c, cell in placed)
    grid = [[""] * width for _ in range(height)]
    merges = []
    for r, c, cell in placed:
        value = cell.value
        if isinstance(value, Decimal):
            value = build.excel_number(value)
        grid[r][c] = "" if value in (None, "") else display(value, cell.fmt)
        if cell.rows > 1 or cell.span > 1:
            merges.append(Merge(r, c, r + cell.rows - 1, c + cell.span - 1))
    return Spec(name, title, grid, merges)


def specs() -> list[Spec]:
    return [
        spec_of("suzhou-2024", build.SUZHOU_FORM, build.suzhou_layout("suzhou-2024")[0]),
        spec_of("minhang-2020", "闵行区财政项目绩效自评表", build.minhang_layout()),
        spec_of("national-2023", "项目支出绩效自评表", build.national_layout()),
    ]
