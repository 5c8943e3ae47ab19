"""Money a narrative report states in sentences.

Two shapes are read. A total with its parts: ``安排资金 15780 万元。其中自治区财政安排资金 3510 万元、…``
becomes the funding table (合计 and one row per source), with the columns of a funding table by
财政层级 as details. A single amount stated for what it is: ``下达…资金590万元`` (the year's
budget), ``执行数为590万元,执行率为100%`` (execution), ``项目资金14500万元``, ``批复下达预算资金10万元``,
``涉及预算金额为2298万元``. The unit is the sentence's own. Template text (``预算执行率未达到90%的需
说明原因``, ``(包括完成情况和偏差原因等)``) is never read as a figure.
"""

from __future__ import annotations

import re

from ..cells import label, one_line
from ..document import Table
from ..draft import Draft
from .prose import plain, without_citations

_AMOUNT = r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)"
_TOTAL = re.compile(r"(?P<name>[^，。；]*?)(?:安排资金|资金总额|总投入|共计)\s*" + _AMOUNT)
_PART = re.compile(r"^(?:其中[:：]?)?\s*(?P<name>[^\d，。；、]+?)(?:安排资金|统筹安排|需配套|配套资金|配套|安排|下达|拨付)?\s*"
                   + _AMOUNT + r"$")
_SOURCE_SENTENCE = re.compile(r"^(?P<name>[^，。；]+?)\s*" + _AMOUNT + r"整?(?:[，。；]|$)")
_RATE = re.compile(r"(?:预算|资金)?执行率\s*(?:为|是|达到|达|仅为|仅达到|仅|:|：)*\s*(?P<rate>\d+(?:\.\d+)?\s*%)")
_RATE_PHRASE = re.compile(r"预算执行率[^0-9%。；]{0,12}?(?P<rate>\d+(?:\.\d+)?)\s*%")

# A single amount and the budget field it is: the words right before it say what it is.
_SINGLE = (
    ("executed", re.compile(r"(?:执行数|支出数|实际支出|实际支付|累计支出|已支出|执行金额|支付数)\s*(?:为|是|达到|共计|合计|:|：)*\s*"
                            + _AMOUNT)),
    ("appropriated", re.compile(r"(?:到位资金|资金到位|实际到位|拨付到位)\s*(?:为|是|共计|合计|:|：)*\s*" + _AMOUNT)),
    ("full_year", re.compile(r"(?:(?:下达|安排|批复|批复下达|拨付|投入)[^，。；:：]{0,30}?(?:资金|经费|预算)|预算资金|项目资金|预算金额|"
                             r"资金总额|预算总额|预算数)\s*(?:为|是|共计|合计|总计|:|：)*\s*" + _AMOUNT + r"(?!/)")),
    ("full_year", re.compile(r"(?:项目|工程)\s*" + _AMOUNT + r"\s*(?:资金|经费)")),
)
_FIELD_NAMES = {"executed": "执行数", "appropriated": "到位资金", "full_year": "预算（下达）资金"}


def read_money(paragraphs: list[str], tables: list[Table], draft: Draft) -> None:
    units: set[str] = set()
    rows = _funding_rows(paragraphs, units)
    _attach_table(rows, tables)
    budget = dict(draft.fields.get("budget") or {})
    for field, amount, unit, sentence in _single_amounts(paragraphs):
        if field in budget:
            if budget[field] != amount:
                draft.note(f"正文另写有{_FIELD_NAMES[field]} {amount}{unit}（“{sentence[:40]}”），与先读到的 {budget[field]} 不同，未采用，请核对")
            continue
        if any(row.get("amount") == amount for row in rows):
            continue  # the funding table's total already holds it
        budget[field] = amount
        units.add(unit)
    rate = _execution_rate(paragraphs)
    if rate and "execution_rate" not in budget:
        budget["execution_rate"] = rate
    if len(units) > 1:
        draft.note("正文中的资金金额单位不一致（" + "、".join(sorted(units)) + "并用），记录按万元记录，数字照原文，请核对")
    if units:
        draft.put("unit", next(iter(units)) if len(units) == 1 else "万元")
    draft.put("funding", rows)
    draft.put("budget", budget)


def _funding_rows(paragraphs: list[str], units: set[str]) -> list[dict]:
    rows: list[dict] = []
    for text in paragraphs:
        parts_of = [s.strip() for s in re.split(r"[。；]", plain(text))]
        for index, sentence in enumerate(parts_of):
            following = parts_of[index + 1] if index + 1 < len(parts_of) else ""
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
    return rows


def _single_amounts(paragraphs: list[str]):
    """(field, amount, unit, sentence) for each amount a sentence states for what it is."""
    for text in paragraphs:
        for sentence in re.split(r"[。；;]", without_citations(plain(text))):
            # A clause at a time: in 下达资金590万元,其中:90万元用于… only the first amount is the total.
            for clause in re.split(r"[，,]", sentence):
                for field, pattern in _SINGLE:
                    match = pattern.search(clause)
                    if match:
                        yield field, match.group("amount"), match.group("unit"), sentence.strip()
                        break


def _execution_rate(paragraphs: list[str]) -> str | None:
    for text in paragraphs:
        stated = plain(text)
        for pattern in (_RATE, _RATE_PHRASE):
            match = pattern.search(stated)
            if match:
                return re.sub(r"\s+", "", match.group("rate")).rstrip("%") + "%"
    return None


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
                match = {"source": name}
                rows.append(match)
            else:
                match["source"] = name
            if details:  # a row with nothing beside its name (a cut or scrambled table) has no details
                match["details"] = details
        return


def is_funding_table(table: Table) -> bool:
    return bool(table.grid) and bool(re.search(r"财政层级|资金来源|来源|层级", label(table.grid[0][0])))


def _same_source(written: str, table_name: str) -> bool:
    a, b = label(written).replace("本级", ""), label(table_name).replace("本级", "")
    return a == b or a.endswith(b) or b.endswith(a)
