"""The result a narrative report declares: total score, grade, the grade bands it prints, and the
result table of an evaluation that prints one inside a sentence.

Only sentences that state the report's own result count: ``综合得分81.18分，评价等级为“良”``,
``综合评分为97分``, ``评定结果得分为90.15分,评定等次为“优”``, ``自评等级为优``, and a heading
``自评得分`` whose next line is ``100分。``. A score stated as a band (``80分以上``), a grade in a
sentence that counts projects (``等级为优良(80分以上)的项目有4个``) and template text are not the
report's result; a grade is taken only as a whole word (the 优 of 优良 is not a grade).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..cells import short
from ..draft import Draft
from .prose import is_instruction, plain

_NUMBER = r"\d+(?:\.\d+)?"
_GRADE_WORDS = "优秀|良好|合格|不合格|较差|优|良|中|差"
_QUOTE_OPEN = r"[“\"‘「『]?"
_QUOTE_CLOSE = r"[”\"’」』]?"
_SCORE_LABEL = (r"(?:综合评分|综合得分|综合评价得分|总得分|总评分|总体得分|整体得分|自评总分|自评得分|最终得分|最终评分|"
                r"绩效评价得分|(?:评定|评价|考核)结果得分|评价总分|(?:最终|综合)?评定得分|"
                r"(?:该|本)(?:项目|单位|部门)[^。；，,]{0,20}?(?:绩效)?(?:评价|自评)?得分)")
_SCORE = re.compile(
    _SCORE_LABEL + r"\s*(?:[:：]|为|是|达到|共计|合计)*\s*" + _QUOTE_OPEN + rf"(?P<score>{_NUMBER})" + _QUOTE_CLOSE
    + r"\s*(?P<unit>分)?(?P<after>.{0,6})"
)
_GRADE_LABEL = (r"(?:评价等级|绩效等级|自评等级|综合等级|评定等级|评定等次|评价等次|绩效等次|考核等次|考核等级|等级评定|"
                r"评级|等级|等次|评定|评价结果|评定结果)")
# 被评为“良好”等级: the grade before the word 等级.
_GRADE_BEFORE_WORD = re.compile(
    r"(?:评为|评定为|认定为|确定为|属于)\s*" + _QUOTE_OPEN + rf"(?P<grade>{_GRADE_WORDS})" + _QUOTE_CLOSE
    + r"\s*(?:等级|等次|级)(?P<after>.{0,20})"
)
_GRADE = re.compile(
    _GRADE_LABEL + r"\s*(?:[:：]|为|是|属于|确定为|评定为|被评为)*\s*" + _QUOTE_OPEN
    + rf"(?P<grade>{_GRADE_WORDS})" + _QUOTE_CLOSE + r"(?P<after>.{0,20})"
)
# A band, not a score: 80分以上, 70-80分, 90分(含)以上.
_BAND_AFTER = re.compile(r"^\s*(?:分)?\s*(?:[（(]含[)）])?\s*(?:以上|以下|及以上|及以下|至|-|－|—|～|~|到)")
# After a grade word, what makes it the grade of something else: a band in brackets, a count of projects.
_NOT_OWN_GRADE = re.compile(
    r"^(?:[良秀好格]|[”\"’」』]?(?:[（(][^()（）]*[)）])?\s*(?:的项目|的单位|的有|项目有|类|档次的|以上|以下|[:：]\s*\d"
    rf"|[、，,；;和及或]\s*[“\"]?(?:{_GRADE_WORDS})))"
)
_HEADING_SCORE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])?\s*"
                            r"(?:自评得分|综合得分|综合评分|评价得分|绩效评价得分|总得分)\s*[:：]?$")
_SCORE_LINE = re.compile(rf"^\s*(?:得分\s*[:：]?\s*)?(?P<score>{_NUMBER})\s*分\s*[。.]?\s*$")

# Grade bands as printed: 优良(80分以上), 中(70-80分); 90分(含)以上为优, 80-90分为良.
_BAND_IN_BRACKETS = re.compile(
    rf"(?P<grade>优良|{_GRADE_WORDS})\s*[（(](?P<band>[^()（）]*?\d[^()（）]*?分[^()（）]*?)[)）]"
)
_INCL = r"(?:[（(](?:含|不含)[^()（）]{0,6}[)）])?"
_BAND_BEFORE_GRADE = re.compile(
    rf"(?P<band>{_NUMBER}\s*分?\s*{_INCL}\s*(?:-|－|—|～|~|至|到)\s*{_NUMBER}\s*分?\s*{_INCL}"
    rf"|{_NUMBER}\s*分\s*{_INCL}\s*(?:及|或)?\s*(?:以上|以下)"
    rf"|(?:低于|不足|小于|不到|高于|大于|超过)\s*{_NUMBER}\s*分)"
    rf"\s*{_INCL}\s*(?:的)?\s*(?:为|评为|定为|属于)\s*[“\"]?(?P<grade>优良|{_GRADE_WORDS})(?![良秀好格])"
)


def read_declared(paragraphs: list[str], draft: Draft) -> None:
    """Total and grade as the report states them (the first statement of each), and its grade bands."""
    declared = dict(draft.fields.get("declared") or {})
    for index, text in enumerate(paragraphs):
        stated = plain(text)
        if "total" not in declared:
            score = _own_score(stated)
            if score is None and _HEADING_SCORE.match(text.strip()) and index + 1 < len(paragraphs):
                line = _SCORE_LINE.match(paragraphs[index + 1])
                score = line.group("score") if line else None
            if score is not None:
                declared["total"] = score
        if "grade" not in declared:
            grade = _own_grade(stated)
            if grade is not None:
                declared["grade"] = grade
    draft.put("declared", declared)
    bands = grade_bands(paragraphs)
    if bands:
        draft.put("grade_bands", bands)
    if not declared:
        draft.note("正文中没有找到综合评分或评价等级")


def _own_score(text: str) -> str | None:
    for match in _SCORE.finditer(text):
        if _BAND_AFTER.match(match.group("after")):
            continue
        return match.group("score")
    return None


def _own_grade(text: str) -> str | None:
    matches = sorted([*_GRADE.finditer(text), *_GRADE_BEFORE_WORD.finditer(text)], key=lambda match: match.start())
    for match in matches:
        if _NOT_OWN_GRADE.match(match.group("after")):
            continue
        return match.group("grade")
    return None


def grade_bands(paragraphs: list[str]) -> dict[str, str]:
    """The grade bands a report prints, as written: {优良: 80分以上, 中: 70-80分}."""
    bands: dict[str, str] = {}
    for text in paragraphs:
        if is_instruction(text):
            continue
        for pattern in (_BAND_IN_BRACKETS, _BAND_BEFORE_GRADE):
            for match in pattern.finditer(text):
                bands.setdefault(match.group("grade"), re.sub(r"\s+", "", match.group("band")))
    return bands if len(bands) >= 2 else {}


# --- a result table printed inside a sentence --------------------------------------------------

# The international-loan evaluation's criteria (财国合〔2019〕18号) and the names of its total row:
# in a table run together into one sentence, a row's rating and the next row's name touch
# (高度相关效率), and these names are where one ends and the other begins.
CRITERIA = ("相关性", "效率", "效果", "可持续性", "影响力", "影响")
TOTAL_NAMES = ("项目绩效", "综合绩效", "总体绩效", "合计", "总计", "总分", "综合")
_COLUMN_WORDS = (
    ("name", r"评价准则|评价内容|评价指标|指标名称|一级指标"),
    ("weight", r"权重\s*[（(]?%?[)）]?"),
    ("score", r"评价分值\s*(?:[（(]百分制[)）])?|分值\s*(?:[（(]百分制[)）])?|评分|得分(?!率)"),
    ("weighted_score", r"加权(?:平均)?得分"),
    ("rating", r"绩效等级|评价等级|评价结论|等级"),
)
_HEADER = re.compile("".join(rf"(?P<{key}>{words})\s*" for key, words in _COLUMN_WORDS))
_ROW = re.compile(r"(?P<lead>[^\d%/]+?)(?P<weight>\d+(?:\.\d+)?%)\s*(?P<score>\d+\.\d{2}|/|-|—)?\s*(?P<weighted>\d+\.\d{2})")


@dataclass
class ResultTable:
    rows: list[dict]
    total: dict  # declared total, grade, weight_total from the total row
    end: int  # where the table ends in the text


def is_result_table(text: str) -> bool:
    """Whether ``text`` is a criteria table run together whose every row can be read."""
    probe = Draft("probe", "probe")
    return read_result_table(text, probe) is not None


def read_result_table(text: str, draft: Draft) -> ResultTable | None:
    """A criteria table (评价准则 | 权重(%) | 评价分值 | 加权得分 | 绩效等级) run together in one sentence.

    The run-together numbers (100.0020.00) split at two decimals; a row is taken only when its
    weighted score is its weight times its score, so a wrong split is never recorded."""
    header = _HEADER.search(text)
    if header is None:
        return None
    rest = text[header.end():]
    matches = list(_ROW.finditer(rest))
    if not matches:
        return None
    rows: list[dict] = []
    total: dict = {}
    leads = [match.group("lead") for match in matches]
    tail = rest[matches[-1].end():]
    tail_rating = re.match(r"[^\d。；;，,]*", tail).group(0).strip()
    names: list[str] = []
    ratings: list[str] = []
    for index, lead in enumerate(leads):
        if index == 0:
            names.append(lead.strip())
            continue
        split = _split_rating_name(lead.strip())
        if split is None:
            draft.note(f"正文中的评价结果表（{short(text[header.start():], 60)}）各行连在一起，无法分开等级与下一行名称，"
                       "未读入指标，原文照录在正文中")
            return None
        ratings.append(split[0])
        names.append(split[1])
    ratings.append(tail_rating)
    for match, name, rating in zip(matches, names, ratings):
        weight = match.group("weight")
        score = match.group("score") or "/"
        weighted = match.group("weighted")
        if name in TOTAL_NAMES:
            total = {"total": weighted, "weight_total": weight.rstrip("%")}
            if rating:
                total["grade"] = rating
            continue
        if not _agrees(weight, score, weighted):
            draft.note(f"正文中的评价结果表“{name}”一行（{weight}、{score}、{weighted}）连在一起，拆分后加权得分与权重×分值不符，"
                       "未读入指标，原文照录在正文中")
            return None
        row = {"name": name, "weight": weight.rstrip("%"), "weighted_score": weighted}
        if score not in ("/", "-", "—"):
            row["score"] = score
        if rating:
            row["rating"] = rating
        rows.append(row)
    if not rows:
        return None
    draft.note(f"评价结果表印在一句话中（各栏连写），按表头“{header.group(0).strip()}”拆成 {len(rows)} 行指标；"
               "权重印作百分数，记录按分记（如 20% 记 20），请核对")
    return ResultTable(rows, total, header.end() + matches[-1].end() + len(tail_rating))


def _split_rating_name(lead: str) -> tuple[str, str] | None:
    for name in sorted(CRITERIA + TOTAL_NAMES, key=len, reverse=True):
        if lead.endswith(name) and len(lead) > len(name):
            return lead[: -len(name)], name
    return None


def _agrees(weight: str, score: str, weighted: str) -> bool:
    if score in ("/", "-", "—"):
        return True
    expected = (Decimal(weight.rstrip("%")) * Decimal(score) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return abs(expected - Decimal(weighted)) <= Decimal("0.01")
