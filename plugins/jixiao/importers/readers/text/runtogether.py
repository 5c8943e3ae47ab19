"""Text whose cells ran together with no separator at all, cut where the boundary is certain.

Document-sharing sites and careless copies give ``…数量指标创业担保贷款发放额增长率≥10%115.25%20%20
质量指标…``: every cell of the table, nothing between them. Two things make a boundary certain:

- the form's own words: column headers, field and section labels, category names with their
  指标/目标 ending (``质量指标``), total words — cut before and after them;
- the shape of a figure: an operator, digits, and a unit from the list forms use (``≥10%``,
  ``115.25%``, ``20%``, ``5000吨``) — cut around it.

What is left between them is text (an indicator's name, a goal). Digits glued to digits
(``1010``, ``12.512.5``) stay one atom, marked, for the row builder to cut only where a reading
of the row needs it. Doc-sharing sites' boilerplate and their page-chunk markers (``2、`` at the
start of each chunk of text) are removed first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...tables.kinds import OPERATOR
from ...tables.rows import NONE, SOFT, Atom
from ...tables.vocabulary import _L1, _L2, all_labels

UNITS = (
    "人次", "万人次", "万人", "人", "户次", "户", "个", "次", "万元", "亿元", "元", "倍", "篇", "件", "吨", "天", "月",
    "年", "万亩", "亩", "公里", "千米", "km", "平方米", "㎡", "m2", "立方米", "套", "台", "所", "家", "项", "场",
    "批", "册", "本", "份", "张", "辆", "座", "处", "条", "名", "例", "种", "期", "小时", "分钟", "元/人·月",
    "元/人*月", "元/户", "元/人", "万元/户", "TB", "GB", "KVA", "kVA", "%", "％", "‰", "分", "米", "棵", "株", "头",
    "只", "盏", "块", "间", "栋", "床", "周", "日", "学时", "课时", "人/次", "家次", "期次",
)
_SHARING = re.compile(r"由会员(分享|上传)|可在线阅读|免费在线阅读|请在.{0,40}上搜索|资源描述|文档简介|版权说明")
_CHUNK = re.compile(r"^\s*(\d{1,2})、")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    labels = "|".join(re.escape(word) for word in all_labels())
    categories = rf"(?:{_L1}|{_L2})(?:指标|目标)(?:[（(]\d*(?:\.\d+)?分?[）)])?"
    units = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
    value = rf"{OPERATOR}?\s*\d+(?:\.\d+)*(?:{units})?|{OPERATOR}"
    return re.compile(rf"(?P<category>{categories})|(?P<label>{labels})|(?P<value>{value})")


def strip_sharing(lines: list[str]) -> list[str]:
    """Doc-sharing boilerplate dropped; ``N、`` chunk markers at line starts removed and the chunks
    joined, when they count up from 1 as those sites number them."""
    kept = [line for line in lines if not _SHARING.search(line)]
    numbers = [int(m.group(1)) for m in (_CHUNK.match(line) for line in kept) if m]
    if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
        joined: list[str] = []
        for line in kept:
            match = _CHUNK.match(line)
            if match and joined:
                joined[-1] += line[match.end():].strip()
            elif match:
                joined.append(line[match.end():].strip())
            elif line.strip() and joined and not joined[-1].endswith(("。", "：", ":")) and len(joined[-1]) > 200:
                joined[-1] += line.strip()
            else:
                joined.append(line)
        return joined
    return kept


def atoms(text: str) -> list[Atom]:
    """The atoms of one run-together text."""
    flat = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text.replace("\u3000", " "))
    result: list[Atom] = []
    position = 0
    for match in _pattern().finditer(flat):
        if match.start() > position:
            _text(flat[position:match.start()], result)
        token = match.group(0).strip()
        if token:
            result.append(Atom(token, NONE, glued=True))
        position = match.end()
    if position < len(flat):
        _text(flat[position:], result)
    return _glue_digits(result)


def _text(piece: str, result: list[Atom]) -> None:
    for part in re.split(r"\s{2,}", piece):
        part = part.strip(" ,，;；")
        if part:
            result.append(Atom(part, NONE, glued=True))


def _glue_digits(found: list[Atom]) -> list[Atom]:
    """Two figures with nothing between them (``12.5`` then ``12.5``) were one run of digits in the
    text; they go back to one atom so that the row builder decides where to cut."""
    out: list[Atom] = []
    for atom in found:
        if out and re.fullmatch(r"[\d.]+", atom.text) and re.fullmatch(r"[\d.]+", out[-1].text):
            out[-1] = Atom(out[-1].text + atom.text, out[-1].brk, glued=True)
        else:
            out.append(atom)
    return out


def soft(atoms_: list[Atom]) -> list[Atom]:
    if atoms_:
        atoms_[0].brk = SOFT
    return atoms_
