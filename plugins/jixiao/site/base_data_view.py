"""A report's base-data table (部门整体支出绩效评价基础数据表) shaped for its disclosure page: the
staff line, the cost rows in the form's order with their depth, the 楼堂馆所 rows — cells carrying
the findings about them, as every other table of the page does. Data, not HTML: the template is
theme/partials/jixiao/report-base-data.html."""

from __future__ import annotations

from dataclasses import dataclass

from .presentation import Cell, _cell

BUILDING_COLUMNS = [
    ("approved_area", "批复规模（㎡）"),
    ("actual_area", "实际规模（㎡）"),
    ("area_control_rate", "规模控制率"),
    ("budget_investment", "预算投资"),
    ("actual_investment", "实际投资"),
    ("investment_control_rate", "投资概算控制率"),
]


@dataclass
class CostLine:
    label: str
    depth: int  # 0 for a row of its own, 1 for a part or a 其中 row, 2 below that
    cells: list[Cell]  # one per column; empty when the row is kept as printed
    printed: Cell | None  # the figures as printed, when they could not be split into columns
    field: str  # the row's own path, base_data.costs[0].parts[1]


@dataclass
class BaseDataView:
    staff: list[tuple[str, Cell]]  # (label, cell) in the form's order, for the one-row form table
    columns: list[str]
    costs: list[CostLine]
    building_columns: list[tuple[str, str]]
    buildings: list[tuple[object, list[Cell]]]
    building_printed: list[tuple[object, Cell]]
    thrift: str | None


def base_data_view(view) -> BaseDataView | None:
    """``view``: the report's presentation.ReportView, which knows the findings of every cell."""
    base = view.report.base_data
    if base is None:
        return None
    staff = []
    if base.staff is not None:
        actual = f"{base.staff.year}年实际在职人数" if base.staff.year else "实际在职人数"
        for key, label in (("authorized", "编制数"), ("actual", actual), ("control_rate", "控制率")):
            value = getattr(base.staff, key)
            if value is not None:
                staff.append((label, _cell(value, f"base_data.staff.{key}", view)))
    costs: list[CostLine] = []
    _lines(base.costs, "base_data.costs", 0, len(base.columns), view, costs)
    columns = [(key, label) for key, label in BUILDING_COLUMNS if any(getattr(row, key) is not None for row in base.buildings)]
    buildings, printed = [], []
    for index, row in enumerate(base.buildings):
        if row.printed:
            printed.append((row, _cell(row.printed, f"base_data.buildings[{index}].printed", view)))
        else:
            buildings.append((row, [_cell(getattr(row, key), f"base_data.buildings[{index}].{key}", view) for key, _ in columns]))
    return BaseDataView(staff, list(base.columns), costs, columns, buildings, printed, base.thrift)


def _lines(rows, path: str, depth: int, width: int, view, into: list[CostLine]) -> None:
    for index, row in enumerate(rows):
        at = f"{path}[{index}]"
        values = list(row.values) + [None] * (width - len(row.values))
        cells = [] if row.printed else [_cell(value, f"{at}.values[{column}]", view) for column, value in enumerate(values)]
        printed = _cell(row.printed, f"{at}.printed", view) if row.printed else None
        into.append(CostLine(row.label, depth, cells, printed, at))
        _lines(row.parts, f"{at}.parts", depth + 1, width, view, into)
        _lines(row.of_which, f"{at}.of_which", depth + 1, width, view, into)
