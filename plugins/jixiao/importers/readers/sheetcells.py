"""A spreadsheet cell's value as the unit saw it on screen, for .xlsx and .xls alike.

Excel stores 242400 and shows ``242,400.00``; it stores 1 and shows ``100.00%``. The record keeps
figures as written, so a number is shown with the decimals its number format asks for (trailing
zeros included: ``96.00``) and percentages as percentages. Thousands separators are display
only and are left out, as the record format requires. Floats go through their shortest exact
representation cut to Excel's 15 significant digits, so 29.16 stays ``29.16`` and never becomes
``29.160000000000004``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def display(value, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return _date_text(value, number_format, with_time=value.time() != time(0))
    if isinstance(value, date):
        return _date_text(datetime(value.year, value.month, value.day), number_format, with_time=False)
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return number_text(value, number_format)
    return str(value)


def number_text(value, number_format: str | None) -> str:
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return str(value)
    if isinstance(value, float) and number:
        # Excel keeps 15 significant digits: a stored 0.30000000000000004 is the 0.3 on screen.
        number = round(number, 14 - number.adjusted()).normalize() if number.adjusted() < 15 else number
    section = _first_section(number_format or "General")
    if section.lower() in ("general", "@", ""):
        return _plain(number)
    if "%" in section:
        places = _decimals(section.replace("%", ""))
        return _fixed(number * 100, places) + "%"
    if re.search(r"[eE][+-]", section):
        return _plain(number)
    if "0" in section or "#" in section:
        return _fixed(number, _decimals(section))
    return _plain(number)


def _first_section(number_format: str) -> str:
    return _QUOTED.sub("", number_format.split(";")[0]).strip()


def _decimals(section: str) -> int:
    if "." not in section:
        return 0
    after = section.split(".", 1)[1]
    return len(re.match(r"[0#?]*", after).group(0))


def _fixed(number: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    return format(number.quantize(quantum, rounding=ROUND_HALF_UP), "f")


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _date_text(value: datetime, number_format: str | None, with_time: bool) -> str:
    fmt = (number_format or "").lower()
    if "年" in fmt:
        text = f"{value.year}年{value.month}月{value.day}日"
    elif "/" in fmt or "-" in fmt or "." in fmt:
        separator = "/" if "/" in fmt else ("." if "." in fmt and "-" not in fmt else "-")
        month = f"{value.month:02d}" if "mm" in fmt.replace("mmm", "") else str(value.month)
        day = f"{value.day:02d}" if "dd" in fmt else str(value.day)
        text = separator.join([str(value.year), month, day])
    else:
        text = value.date().isoformat()
    if with_time or "h" in fmt:
        text += " " + value.time().isoformat(timespec="minutes")
    return text


def trim(rows: list[list[str]], merges: list) -> tuple[list[list[str]], list]:
    """A sheet's table without the empty rows and columns round it (formatting stretches a sheet,
    and a form may start at B2), so .xlsx, .xls and every other format give the same table. A
    position a merge covers counts as filled: a title merged across keeps its columns."""
    from ..document import Merge

    width = max((len(row) for row in rows), default=0)
    filled_rows = {r for r, row in enumerate(rows) if any(cell.strip() for cell in row)}
    filled_cols = {c for row in rows for c, cell in enumerate(row) if cell.strip()}
    for merge in merges:
        filled_rows.update(range(merge.top, merge.bottom + 1))
        filled_cols.update(range(merge.left, merge.right + 1))
    filled_rows = {r for r in filled_rows if r < len(rows)}
    filled_cols = {c for c in filled_cols if c < width}
    if not filled_rows or not filled_cols:
        return [], []
    top, bottom, left, right = min(filled_rows), max(filled_rows), min(filled_cols), max(filled_cols)
    table = [(row + [""] * (width - len(row)))[left : right + 1] for row in rows[top : bottom + 1]]
    moved = []
    for merge in merges:
        clipped = Merge(merge.top - top, merge.left - left, min(merge.bottom, bottom) - top, min(merge.right, right) - left)
        if clipped.top >= 0 and clipped.left >= 0 and (clipped.bottom, clipped.right) != (clipped.top, clipped.left):
            moved.append(clipped)
    return table, moved
