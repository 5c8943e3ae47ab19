"""Reading one cell's text: labels, category points, numbers and units, exactly as written.

Every reader of a number returns the text to put in the record (or None) and, when the cell
could not be taken as it stands, a short Chinese reason the recogniser turns into an import note.
A figure is never altered beyond what the record format requires (thousands separators and
full-width digits are normalised, and that is noted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_POINTS = re.compile(
    r"^(?P<name>.*?\D)\s*(?:[（(]\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[）)]|(?P<bare>\d+(?:\.\d+)?)\s*分)\s*$", re.S
)
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_NOTHING = {"", "-", "--", "—", "——", "/", "／", "无", "－", "－－", "\\"}
_UNIT_SUFFIX = re.compile(r"\s*(万元|元)$")


def one_line(text: str) -> str:
    """A cell's lines as one line: a break between Chinese characters is dropped, others become a space."""
    text = text.replace("\u3000", " ").strip()
    text = _CJK_GAP.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def label(text: str) -> str:
    """A label for matching: no whitespace at all (``投入与 管理`` and ``投入与管理`` are one label)."""
    return re.sub(r"\s+", "", text.replace("\u3000", ""))


def split_points(text: str) -> tuple[str, str | None]:
    """``投入目标（24分）`` → (``投入目标``, ``24``); a label without points → (label, None)."""
    flat = one_line(text)
    match = _POINTS.match(flat)
    if not match:
        return flat, None
    return _CJK_GAP.sub("", match.group("name")).strip(), match.group("points") or match.group("bare")


def unit_in(text: str) -> str | None:
    """The money unit a header names: ``（万元）`` → 万元, ``(元)`` → 元."""
    flat = label(text)
    if "万元" in flat:
        return "万元"
    if re.search(r"[（(]元[）)]|单位[:：]?元|元$", flat):
        return "元"
    return None


@dataclass
class Number:
    text: str | None  # what goes in the record, or None
    problem: str | None = None  # why the cell was not taken as written
    unit: str | None = None  # a unit written in the cell itself (``6万元``)

    @property
    def ok(self) -> bool:
        return self.text is not None


def number(raw: str, allow_unit: bool = True, allow_points: bool = False, header_unit: str | None = None) -> Number:
    """A figure as the record keeps it. Empty cells and dashes are "no figure", not a problem.
    A unit written in the cell that differs from the header's is noted; the figure stays as written."""
    text = raw.strip().replace("\u3000", "").replace(" ", "")
    if text in _NOTHING:
        return Number(None)
    problems: list[str] = []
    normal = text.translate(_FULLWIDTH)
    if normal != text:
        problems.append(f"原件写作“{text}”（全角字符），已改为半角")
    unit = None
    if allow_unit:
        match = _UNIT_SUFFIX.search(normal)
        if match:
            unit = match.group(1)
            normal = normal[: match.start()]
    if allow_points and normal.endswith("分"):
        normal = normal[:-1]
    if "," in normal and _DECIMAL.match(normal.replace(",", "")) and _thousands_ok(normal):
        problems.append(f"原件写作“{text}”（带千位分隔符），记录去掉逗号写作 {normal.replace(',', '')}")
        normal = normal.replace(",", "")
    if not _DECIMAL.match(normal):
        return Number(None, f"“{raw.strip()}”不是数字", unit)
    if unit and header_unit and unit != header_unit:
        problems.append(f"单元格写作“{text}”，单位与表头的“{header_unit}”不同；数字按原件照录，未换算，请核对")
    return Number(normal, "；".join(problems) or None, unit)


def _thousands_ok(text: str) -> bool:
    whole = text.lstrip("+-").split(".")[0]
    groups = whole.split(",")
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def rate(raw: str) -> Number:
    """A rate as written (``100.00%``, ``0.00``); the record keeps the text."""
    text = raw.strip().replace(" ", "").translate(_FULLWIDTH)
    if text in _NOTHING:
        return Number(None)
    if re.fullmatch(r"[0-9.]+%?", text):
        return Number(text)
    return Number(None, f"“{raw.strip()}”不是百分比数字")


def short(text: str, limit: int = 40) -> str:
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[:limit] + "…"
