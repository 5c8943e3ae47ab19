"""Facts a narrative report states in prose: project, year, evaluator, money, score and grade.

Only what the text says plainly is taken — ``综合评分“81.18”，评级“良”``, ``安排资金 15780 万元。
其中自治区财政安排资金 3510 万元、…``, ``资金来源及使用情况。2020年第一批省级福利彩票公益金6万元整``.
Anything inferred (a department read from how often an office is named) is noted for a person
to confirm. Every figure stays in the narrative body as well, so nothing is lost when a sentence
is not understood.
"""

from __future__ import annotations

import re
from collections import Counter

from ..cells import label, one_line
from ..document import Table
from ..draft import Draft
from ..places import named_offices

_YEAR_PREFIX = re.compile(r"^\s*((?:19|20)\d{2})\s*年度?\s*")
_REPORT_SUFFIX = re.compile(r"\s*(支出)?\s*(绩效(?:自评价?|评价|评估)?(简版|简要)?报告书?)$")
_EVALUATOR = re.compile(r"^(?:评价机构|评价单位|受托机构|第三方评价机构)\s*[:：]\s*(\S.*)$")
_DEPARTMENT = re.compile(r"(?:项目主管部门|主管部门|预算单位)\s*[:：]\s*([^\s，。；]+)")
_AMOUNT = r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>万元|元)"
_TOTAL = re.compile(r"(?P<name>[^，。；]*?)(?:安排资金|资金总额|总投入|共计)\s*" + _AMOUNT)
_PART = re.compile(r"^(?:其中[:：]?)?\s*(?P<name>[^\d，。；、]+?)(?:安排资金|统筹安排|需配套|配套资金|配套|安排|下达|拨付)?\s*" + _AMOUNT + r"$")
_SOURCE_SENTENCE = re.compile(r"^(?P<name>[^，。；]+?)\s*" + _AMOUNT + r"整?(?:[，。；]|$)")
_SCORE = re.compile(
    r"(?:综合评分|综合得分|总得分|自评得分|最终得分|绩效评价得分|评价得分|自评总分)\s*[:：为是]?\s*[“\"]?(\d+(?:\.\d+)?)[”\"]?\s*分?"
)
_GRADE = re.compile(r"(?:评级|评价等级|绩效等级|等级为|评定为|自评等级)\s*[:：为是]?\s*[“\"]?(优秀|良好|合格|不合格|优|良|中|差)[”\"]?")
_RATE = re.compile(r"预算执行率[^0-9%。；]{0,12}?(\d+(?:\.\d+)?)\s*%")


def read_facts(paragraphs: list[str], titles: list[str], tables: list[Table], draft: Draft) -> None:
    _identity(paragraphs, titles, draft)
    _funding(paragraphs, tables, draft)
    _declared(paragraphs, draft)
    draft.put("scheme", "national-2020")


def _identity(paragraphs: list[str], titles: list[str], draft: Draft) -> None:
    names = []
    for title in titles:
        name, suffix = _project_name(title)
        if name:
            names.append((name, suffix, title))
    if names:
        draft.put("title", names[-1][0])
        if len({label(name) for name, _, _ in names}) > 1:
            draft.put("program", names[0][0])
        if "简" in names[-1][1]:
            draft.put("form", names[-1][1])
    else:
        match = next((re.search(r"项目名称\s*[:：]\s*([^\s，。；]+)", text) for text in paragraphs if "项目名称" in text), None)
        if match:
            draft.put("title", match.group(1))
    year = next((m.group(1) for m in (_YEAR_PREFIX.match(title) for title in titles) if m), None)
    if year is None:
        years = Counter(m.group(1) for text in paragraphs[:40] for m in re.finditer(r"((?:19|20)\d{2})\s*年", text))
        year = years.most_common(1)[0][0] if years else None
    draft.put("year", year)
    evaluator = next((m.group(1).strip() for m in (_EVALUATOR.match(text) for text in paragraphs[:20]) if m), None)
    whole = "\n".join(paragraphs)
    third_party = bool(evaluator and re.search(r"公司|事务所|研究院|中心|协会|大学", evaluator)) or "第三方" in whole
    department = next((m.group(1) for m in (_DEPARTMENT.search(text) for text in paragraphs) if m), None)
    if department is None:
        # an office named after a known place: 昆明市东川区民政局, 云南省民政厅
        organs = Counter(name for text in paragraphs for name in named_offices(text))
        organs = Counter({name: count for name, count in organs.items() if "财政" not in name or not third_party})
        if organs:
            name, count = organs.most_common(1)[0]
            if count >= 2 and not third_party:
                department = name
                draft.note(f"原件未写明主管部门，按正文反复出现的“{name}”（{count} 次）记为主管部门和评价单位，请核对")
    draft.put("department", department)
    if third_party:
        draft.put("kind", "finance")
        draft.put("evaluator", evaluator)
    else:
        draft.put("kind", "self")
        draft.put("evaluator", evaluator or department)
        if "自评" not in whole:
            draft.note("原件未写明评价类型，按单位自评（self）记录，请核对")


def _project_name(title: str) -> tuple[str, str]:
    text = _YEAR_PREFIX.sub("", title).strip()
    match = _REPORT_SUFFIX.search(text)
    if not match:
        return one_line(text), ""
    return text[: match.start()].strip(), match.group(2)


def _funding(paragraphs: list[str], tables: list[Table], draft: Draft) -> None:
    rows: list[dict] = []
    units: set[str] = set()
    for text in paragraphs:
        sentences = [s.strip() for s in re.split(r"[。；]", text)]
        for index, sentence in enumerate(sentences):
            following = sentences[index + 1] if index + 1 < len(sentences) else ""
            total = _TOTAL.search(sentence)
            if total and following.startswith("其中"):
                parts = [_PART.match(part.strip()) for part in re.split(r"[、，,]", following)]
                parts = [part for part in parts if part]
                if parts:
                    rows.append({"source": "合计", "total": True, "amount": total.group("amount")})
                    units.add(total.group("unit"))
                    for part in parts:
                        rows.append({"source": part.group("name").strip(), "amount": part.group("amount")})
                        units.add(part.group("unit"))
                    break
            if "资金来源" in sentence and not re.search(r"\d", re.sub(r"^\d+[.．、]\s*", "", sentence)):
                found = _SOURCE_SENTENCE.match(following)
                if found and not rows:
                    rows.append({"source": found.group("name").strip(), "amount": found.group("amount")})
                    units.add(found.group("unit"))
        if rows:
            break
    _attach_table(rows, tables)
    if len(units) > 1:
        draft.note("正文中的资金金额单位不一致（万元与元并用），记录按万元记录，数字照原文，请核对")
    if units:
        draft.put("unit", "元" if units == {"元"} else "万元")
    draft.put("funding", rows)
    rate = next((m.group(1) + "%" for text in paragraphs for m in [_RATE.search(text)] if m), None)
    if rate:
        draft.put("budget", {"execution_rate": rate})


def _attach_table(rows: list[dict], tables: list[Table]) -> None:
    """Rows of a funding table (by 财政层级 / 资金来源) give their other columns as details."""
    for table in tables:
        if not is_funding_table(table):
            continue
        header = [one_line(cell) for cell in table.grid[0]]
        for cells in table.grid[1:]:
            name = one_line(cells[0])
            if not name:
                continue
            details = {header[col]: one_line(cells[col]) for col in range(1, len(cells)) if header[col] and cells[col].strip()}
            match = next((row for row in rows if not row.get("total") and _same_source(row["source"], name)), None)
            if match is None:
                rows.append({"source": name, "details": details})
            else:
                match["source"] = name
                match["details"] = details
        return


def is_funding_table(table: Table) -> bool:
    return bool(table.grid) and bool(re.search(r"财政层级|资金来源|来源|层级", label(table.grid[0][0])))


def _same_source(written: str, table_name: str) -> bool:
    a, b = label(written).replace("本级", ""), label(table_name).replace("本级", "")
    return a == b or a.endswith(b) or b.endswith(a)


def _declared(paragraphs: list[str], draft: Draft) -> None:
    declared = {}
    for text in paragraphs:
        score = _SCORE.search(text)
        if score and "total" not in declared:
            declared["total"] = score.group(1)
        grade = _GRADE.search(text)
        if grade and "grade" not in declared:
            declared["grade"] = grade.group(1)
    draft.put("declared", declared)
    if not declared:
        draft.note("正文中没有找到综合评分或评价等级")
