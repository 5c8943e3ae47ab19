"""OFD (GB/T 33190, 版式文件) documents into the model, read the way a PDF is.

An OFD file is a ZIP package of XML: ``OFD.xml`` names each document's ``Document.xml``, which
lists its pages and templates; a page's ``Content.xml`` places text (``TextObject``: a box, a
font size and ``TextCode`` runs with each character's advance) and paths (``PathObject``: the
table's ruling lines in a small drawing language) in millimetres, y downwards. Drawn on pages
that answer as pdfplumber's do — characters, ruling lines, images — in points, an OFD page goes
through the PDF reader's own table finder and text layout (:func:`.pdf.from_pages`), so a ruled
form reads the same from either format.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..document import Document, Unreadable
from . import pdf

_POINTS = 72 / 25.4  # OFD measures in millimetres; the table finder's tolerances are in points
_DAMAGED = "OFD 文件已损坏，无法打开（{what}）；请重新下载原件，或导入报告的 Word / Excel / PDF 文件"
_ARITY = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def read(path: Path) -> Document:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise Unreadable(_DAMAGED.format(what=type(error).__name__)) from error
    with archive:
        pages = list(_Package(archive).pages())
    if not pages:
        raise Unreadable("OFD 文件中没有页面；请重新下载原件，或导入报告的 Word / Excel / PDF 文件")
    return pdf.from_pages(path.name, "OFD 版式文件", pages, kind="OFD")


@dataclass
class Page:
    """One OFD page as pdfplumber shows a PDF page: what :func:`.pdf.from_pages` reads."""

    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return 0.0, 0.0, self.width, self.height

    def debug_tablefinder(self, settings):
        from pdfplumber.table import TableFinder

        return TableFinder(self, settings)


class _Package:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.names = set(archive.namelist())

    def xml(self, name: str) -> ElementTree.Element:
        name = name.lstrip("/")
        if name not in self.names:
            raise Unreadable(_DAMAGED.format(what=f"缺少 {name}"))
        try:
            return ElementTree.fromstring(self.archive.read(name))
        except (ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError) as error:
            raise Unreadable(_DAMAGED.format(what=f"{name} 无法解析")) from error

    def pages(self):
        if "OFD.xml" not in self.names:
            raise Unreadable("这是一个 ZIP 压缩包，但不是 OFD 文件（没有 OFD.xml）；请解压后导入其中的报告文件")
        for root in _all(self.xml("OFD.xml"), "DocRoot")[:1]:
            document_name = _text(root).lstrip("/")
            document = self.xml(document_name)
            base = posixpath.dirname(document_name)
            area = _box(_first(_first(document, "CommonData"), "PageArea"))
            templates = {item.get("ID"): _join(base, item.get("BaseLoc", "")) for item in _all(document, "TemplatePage")}
            for entry in _all(_first(document, "Pages"), "Page"):
                location = _join(base, entry.get("BaseLoc", ""))
                yield self._page(location, area, templates)

    def _page(self, location: str, area, templates: dict[str, str]) -> Page:
        content = self.xml(location)
        box = _box(_first(content, "Area")) or area or (0.0, 0.0, 210.0, 297.0)
        page = Page(width=box[2] * _POINTS, height=box[3] * _POINTS)
        for used in _all(content, "Template"):  # the form's frame may be drawn on a template page
            if used.get("TemplateID") in templates:
                _draw(self.xml(templates[used.get("TemplateID")]), page)
        _draw(content, page)
        return page


def _draw(content: ElementTree.Element, page: Page) -> None:
    for element in content.iter():
        tag = _tag(element)
        if tag == "TextObject":
            _text_object(element, page)
        elif tag == "PathObject":
            _path_object(element, page)
        elif tag == "ImageObject":
            page.images.append({"box": element.get("Boundary")})


def _text_object(element: ElementTree.Element, page: Page) -> None:
    box = _numbers(element.get("Boundary"))
    if len(box) < 4:
        return
    ctm = _numbers(element.get("CTM")) or [1, 0, 0, 1, 0, 0]
    scale = math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) or 1.0
    size = float(element.get("Size") or 3.5)
    x = y = 0.0
    for code in _all(element, "TextCode"):
        text = code.text or ""
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        steps_x = _deltas(code.get("DeltaX"))
        steps_y = _deltas(code.get("DeltaY"))
        for index, char in enumerate(text):
            advance = steps_x[index] if index < len(steps_x) else size * (1.0 if ord(char) > 0x2E7F else 0.5)
            left, baseline = _apply(ctm, x, y)
            right, _ = _apply(ctm, x + advance, y)
            if not char.isspace():
                height = size * scale
                page.chars.append({
                    "text": char, "upright": True, "size": height * _POINTS,
                    "x0": (box[0] + min(left, right)) * _POINTS, "x1": (box[0] + max(left, right)) * _POINTS,
                    "top": (box[1] + baseline - 0.86 * height) * _POINTS, "bottom": (box[1] + baseline + 0.14 * height) * _POINTS,
                })
            x += advance
            y += steps_y[index] if index < len(steps_y) else 0.0


def _path_object(element: ElementTree.Element, page: Page) -> None:
    """Every straight, level or upright piece of the path is a ruling line, as a PDF's are."""
    box = _numbers(element.get("Boundary"))
    data = _first(element, "AbbreviatedData")
    if len(box) < 4 or data is None or element.get("Stroke") == "false" and element.get("Fill") != "true":
        return
    ctm = _numbers(element.get("CTM")) or [1, 0, 0, 1, 0, 0]
    tokens = (data.text or "").split()
    start = current = None
    index = 0
    while index < len(tokens):
        command = tokens[index]
        arity = _ARITY.get(command)
        if arity is None:
            index += 1
            continue
        try:
            values = [float(value) for value in tokens[index + 1:index + 1 + arity]]
        except ValueError:
            return  # a path we cannot follow draws no ruling line
        index += 1 + arity
        if command in ("M", "S"):
            start = current = _apply(ctm, values[0], values[1])
        elif command == "L" and current is not None:
            point = _apply(ctm, values[0], values[1])
            _edge(page, box, current, point)
            current = point
        elif command == "C" and current is not None and start is not None:
            _edge(page, box, current, start)
            current = start
        elif arity:
            current = _apply(ctm, values[-2], values[-1])  # a curve or arc: no ruling line, but it moves on


def _edge(page: Page, box: list[float], a: tuple[float, float], b: tuple[float, float]) -> None:
    x0, y0 = (box[0] + a[0]) * _POINTS, (box[1] + a[1]) * _POINTS
    x1, y1 = (box[0] + b[0]) * _POINTS, (box[1] + b[1]) * _POINTS
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > 0.5:
        y = (y0 + y1) / 2
        left, right = sorted((x0, x1))
        page.edges.append({"object_type": "line", "orientation": "h", "x0": left, "x1": right, "top": y, "bottom": y,
                           "doctop": y, "width": right - left, "height": 0.0})
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > 0.5:
        x = (x0 + x1) / 2
        top, bottom = sorted((y0, y1))
        page.edges.append({"object_type": "line", "orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom,
                           "doctop": top, "width": 0.0, "height": bottom - top})


# --- small readers -------------------------------------------------------------------------------


def _tag(element: ElementTree.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _all(element: ElementTree.Element | None, tag: str) -> list[ElementTree.Element]:
    return [child for child in element.iter() if _tag(child) == tag] if element is not None else []


def _first(element: ElementTree.Element | None, tag: str) -> ElementTree.Element | None:
    found = _all(element, tag)
    return found[0] if found else None


def _text(element: ElementTree.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _box(element: ElementTree.Element | None):
    numbers = _numbers(_text(_first(element, "PhysicalBox"))) if element is not None else []
    return tuple(numbers[:4]) if len(numbers) >= 4 else None


def _numbers(text: str | None) -> list[float]:
    try:
        return [float(value) for value in re.split(r"[\s,]+", text.strip())] if text and text.strip() else []
    except ValueError:
        return []


def _deltas(text: str | None) -> list[float]:
    """``DeltaX="g 3 2.5 4"``: three advances of 2.5, then 4."""
    tokens = (text or "").split()
    steps: list[float] = []
    index = 0
    try:
        while index < len(tokens):
            if tokens[index] == "g":
                steps += [float(tokens[index + 2])] * int(float(tokens[index + 1]))
                index += 3
            else:
                steps.append(float(tokens[index]))
                index += 1
    except (ValueError, IndexError):
        pass  # what is left is spaced as the font size says
    return steps


def _apply(ctm: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (ctm + [1, 0, 0, 1, 0, 0][len(ctm):])[:6]
    return a * x + c * y + e, b * x + d * y + f


def _join(base: str, location: str) -> str:
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(base, location))
