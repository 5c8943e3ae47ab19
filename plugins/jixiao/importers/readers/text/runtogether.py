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
from ...tables.vocabulary import _L1, _L2, FIELD_LABELS, NATURE_WORDS, UNITS, all_labels

# Qualitative values a form writes in both 指标值 and 完成值: run together they double (高高, 合格合格).
QUALITATIVE = ("高", "好", "是", "合格", "达标", "及时", "良好", "完成", "有效", "显著", "较好", "优", "满意", "规范", "健全",
               "完善", "提升", "正常", "安全", "无", "按时", "准确", "明显", "逐步提高", "持续", "长期", "稳定", "较高")
_SHARING = re.compile(r"由会员(分享|上传)|可在线阅读|免费在线阅读|请在.{0,40}上搜索|资源描述|文档简介|版权说明")
_CHUNK = re.compile(r"^\s*(\d{1,2})、")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    labels = "|".join(re.escape(word) for word in all_labels() + list(NATURE_WORDS))
    categories = rf"(?:{_L1}|{_L2})(?:指标|目标)(?:[（(]\d*(?:\.\d+)?分?[）)])?"
    words = all_labels()
    units = "|".join(_unit_pattern(unit, words) for unit in sorted(UNITS, key=len, reverse=True))
    # a word operator (达到, 不少于) is a value only before a figure; a symbol (≥, ═) may stand alone
    value = rf"{OPERATOR}?\s*\d+(?:\.\d+)*(?:{units})?|(?:≥|≤|>=|<=|＞＝|＜＝|>|<|＞|＜|=|＝|≧|≦|═|﹦)"
    placeholder = r"指标\s*\d{1,2}\s*[:：]?"  # 指标1: — the form's numbering of its rows
    qualifier = r"(?:[（(][^()（）]{1,8}[)）])?"  # 得分系数(%)、指标权重(分)
    year = r"(?:19|20)\d{2}\s*年\s*度"  # the form's year line (2023年度) is one cell
    return re.compile(rf"(?P<year>{year})|(?P<category>{categories})|(?P<label>(?:{labels}){qualifier})"
                      rf"|(?P<number>{placeholder})|(?P<value>{value})")


# Units that also begin common words: 2022年度 is a year, not 2022年 | 度.
_UNIT_NOT_BEFORE = {"年": "度初终中末内份底", "月": "份底末", "次": "数", "人": "数员", "天": "数"}


def _unit_pattern(unit: str, labels: list[str]) -> str:
    """A unit, unless it is the first character of a label that follows (10098项目名称 is 10098 |
    项目名称, not 10098项 | 目名称) or of a common word (2022年度)."""
    rests = sorted({word[len(unit):] for word in labels if word.startswith(unit) and len(word) > len(unit)}, key=len, reverse=True)
    rests += list(_UNIT_NOT_BEFORE.get(unit, ""))
    if not rests:
        return re.escape(unit)
    return re.escape(unit) + "(?!" + "|".join(re.escape(rest) for rest in rests) + ")"


def strip_sharing(lines: list[str]) -> list[str]:
    """Doc-sharing boilerplate dropped (the original file's name it quotes in 《》 is kept as the
    document's title line); ``N、`` chunk markers at line starts removed and the chunks joined,
    when they count up from 1 as those sites number them."""
    kept = []
    for line in lines:
        if not _SHARING.search(line):
            kept.append(line)
            continue
        quoted = re.search(r"《([^》]{4,80}?)(?:\.(?:docx?|xlsx?|pdf|wps))?》", line)
        if quoted and not kept:
            kept.append(quoted.group(1))
    numbers = [int(m.group(1)) for m in (_CHUNK.match(line) for line in kept) if m]
    if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
        joined: list[str] = []
        for line in kept:
            match = _CHUNK.match(line)
            if match and joined and match.group(1) != "1":
                while len(joined) > 1 and not joined[-1].strip():
                    joined.pop()  # the blank line the site put before its chunk marker
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
        if re.fullmatch(r"0\d[\d.]*%?", token):  # no figure is written with a leading zero: 0100% is 0 | 100%
            result.append(Atom("0", NONE, glued=True))
            token = token[1:]
        if token:
            result.append(Atom(token, NONE, glued=True))
        position = match.end()
    if position < len(flat):
        _text(flat[position:], result)
    return _sentences(_numbered_names(_glue_digits(_unit_of_the_next_name(_title_keeps_its_last_word(result)))))


_GLUED_RUN_WITH_UNIT = re.compile(r"(\d{6,}|\d*\.\d+\.\d[\d.]*)([\u4e00-\u9fff])")


def _unit_of_the_next_name(found: list[Atom]) -> list[Atom]:
    """``2110110天`` then ``保工程区森林资源管护面积``: a run of several glued figures (a row's
    target, weight, actual and score) ends in a score, which has no unit; a character after it
    that would be a unit begins the next row's name (天保工程区…)."""
    for index in range(len(found) - 1):
        match = _GLUED_RUN_WITH_UNIT.fullmatch(found[index].text)
        following = found[index + 1].text
        if match and re.match(r"[\u4e00-\u9fff]{2}", following) and not _is_label(following):
            found[index] = Atom(match.group(1), found[index].brk, found[index].glued)
            found[index + 1] = Atom(match.group(2) + following, found[index + 1].brk, found[index + 1].glued)
    return found


_SHORTER_LABELS = {word.replace(" ", "") for word in all_labels()}
_TITLE_LABELS = {word.replace(" ", "") for word in FIELD_LABELS["title"]}
_TITLE_ENDINGS = ("项目", "资金", "经费", "工程", "专项", "计划", "补助", "补贴", "奖补", "行动")


def _title_keeps_its_last_word(found: list[Atom]) -> list[Atom]:
    """``项目名称某某学生资助项目主管部门…``: the label after a title may be 项目主管部门 or 主管部门,
    and the longer one takes the title's last word. A title names a 项目 or 资金 far more often
    than it ends in 资助: the 项目 goes back to a title that lacks such an ending."""
    for index in range(2, len(found)):
        label, title, before = found[index], found[index - 1], found[index - 2]
        if (before.text.replace(" ", "") in _TITLE_LABELS and label.text.startswith("项目")
                and label.text[2:] in _SHORTER_LABELS and not title.text.endswith(_TITLE_ENDINGS)
                and not _is_label(title.text)):
            found[index - 1] = Atom(title.text + "项目", title.brk, title.glued)
            found[index] = Atom(label.text[2:], label.brk, label.glued)
    return found


_CLAUSE = re.compile(r"[，,；;]")


def _sentences(found: list[Atom]) -> list[Atom]:
    """A scoring rule written as a sentence (完成值达到指标值,记满分;未达到指标值,按B/A…记分。) holds
    the form's own words; cut at them it would scatter over the columns. Words around a clause
    mark, up to the sentence's end, are one cell again."""
    out: list[Atom] = []
    index = 0
    while index < len(found):
        atom = found[index]
        if not _CLAUSE.search(atom.text) or _is_value(atom.text):
            out.append(atom)
            index += 1
            continue
        start = len(out)
        while start > 0 and len(out) - start < 4 and _wordish(out[start - 1].text):
            start -= 1
        text = "".join(a.text for a in out[start:]) + atom.text
        brk = out[start].brk if start < len(out) else atom.brk
        del out[start:]
        index += 1
        while index < len(found) and not text.endswith("。") and (_wordish(found[index].text) or _CLAUSE.search(found[index].text)):
            if _header_run(found, index):
                break  # a table's header starts here, not the sentence's next words
            text += found[index].text
            index += 1
        out.append(Atom(text, brk, glued=True))
    return out


def _header_run(found: list[Atom], index: int) -> bool:
    from ...tables.vocabulary import indicator_role, money_role

    def header(text: str) -> bool:
        return bool(indicator_role(text) or money_role(text) or _is_label(text))

    return index + 1 < len(found) and header(found[index].text) and header(found[index + 1].text)


def _wordish(text: str) -> bool:
    """A piece of a sentence: words, not a figure, not the form's frame or a category."""
    from ...tables.vocabulary import category_levels, is_frame

    return bool(text) and not _is_value(text) and not category_levels(text) and not is_frame(text) and len(text) <= 30


def _is_value(text: str) -> bool:
    return bool(re.fullmatch(r"[≥≤><=＝≧≦═﹦]?\s*[\d.]+[%％]?[\u4e00-\u9fff]{0,3}", text.strip()))


def _numbered_names(found: list[Atom]) -> list[Atom]:
    """``指标1:`` opens the name that follows it; alone (``指标2:`` then ``指标1:``) it is a
    placeholder row the unit left unfilled."""
    out: list[Atom] = []
    for atom in found:
        if out and re.fullmatch(r"指标\s*\d{1,2}\s*[:：]?", out[-1].text) and re.match(r"[\u4e00-\u9fff（(“]", atom.text) \
                and not re.fullmatch(r"指标\s*\d{1,2}\s*[:：]?", atom.text) and not _is_label(atom.text):
            out[-1] = Atom(out[-1].text + atom.text, out[-1].brk, glued=True)
        else:
            out.append(atom)
    return out


def _is_label(text: str) -> bool:
    from ...tables.vocabulary import (
        category_levels,
        field_of,
        indicator_role,
        is_total_label,
        money_role,
    )

    return bool(category_levels(text) or indicator_role(text) or money_role(text) or field_of(text) or is_total_label(text))


def _text(piece: str, result: list[Atom]) -> None:
    for part in re.split(r"\s{2,}", piece):
        part = part.strip()
        if not part.strip(",，;；"):
            continue
        # a 是/否 of the 是否核心指标 column runs into the next row's name: 否“三公经费变动率
        if result and re.fullmatch(r"[\d.%]+", result[-1].text) and re.match(r"[是否][“\"\u4e00-\u9fff]", part) and len(part) > 2:
            result.append(Atom(part[0], NONE, glued=True))
            part = part[1:].lstrip("“\"")
        doubled = _doubled(part)
        if doubled:
            rest, word = doubled
            if rest:
                result.append(Atom(rest, NONE, glued=True))
            result.append(Atom(word, NONE, glued=True))
            result.append(Atom(word, NONE, glued=True))
            continue
        if len(part) > 2 and part.endswith(("%", "％")) and not re.search(r"[\d(（]", part[-3:]):
            result.append(Atom(part[:-1], NONE, glued=True))  # 控制率% : the 计量单位 % run into the name
            result.append(Atom(part[-1], NONE, glued=True))
            continue
        result.append(Atom(part, NONE, glued=True))


def _doubled(text: str) -> tuple[str, str] | None:
    """``…安全性高高`` → (``…安全性``, ``高``): a qualitative target and actual run together."""
    for word in sorted(QUALITATIVE, key=len, reverse=True):
        if text.endswith(word * 2) and len(text) >= 2 * len(word):
            return text[: -2 * len(word)], word
    return None


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
