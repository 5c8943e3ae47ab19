"""Facts a narrative report states in prose: project, year, kind, evaluator, money, score and grade.

Only what the text says plainly is taken — ``综合评分“81.18”，评级“良”``, ``安排资金 15780 万元。
其中自治区财政安排资金 3510 万元、…``, ``受资阳市财政局委托``, ``二○二三年九月二十八日``. Anything
inferred (a department read from how often an office is named, a kind of evaluation the text does
not name) is noted for a person to confirm. Every figure stays in the narrative body as well, so
nothing is lost when a sentence is not understood. The reading itself is in :mod:`.prose_identity`,
:mod:`.prose_money` and :mod:`.prose_result`; :func:`fill_from_prose` lends it to table forms.
"""

from __future__ import annotations

from ..document import Table
from ..draft import Draft
from .prose_identity import read_identity
from .prose_money import is_funding_table, read_money
from .prose_result import read_declared, read_result_table

__all__ = ["fill_from_prose", "is_funding_table", "read_facts"]


def read_facts(paragraphs: list[str], tables: list[Table], draft: Draft) -> None:
    read_identity(paragraphs, draft)
    _result_table(paragraphs, draft)
    read_money(paragraphs, tables, draft)
    read_declared(paragraphs, draft)
    draft.put("scheme", "national-2020")


def _result_table(paragraphs: list[str], draft: Draft) -> None:
    if draft.fields.get("indicators"):
        return
    for text in paragraphs:
        table = read_result_table(text, draft)
        if table is None:
            continue
        draft.put("indicators", table.rows)
        columns = ["name", "weight", "score", "weighted_score", "rating"]
        draft.put("indicator_columns", [c for c in columns if any(c in row for row in table.rows)])
        declared = dict(draft.fields.get("declared") or {})
        for key, value in table.total.items():
            declared.setdefault(key, value)
        draft.put("declared", declared)
        return


def fill_from_prose(paragraphs: list[str], draft: Draft) -> None:
    """For a table form: what its prose paragraphs state, where the form's cells left a field empty
    (a project named in a sentence, ``批复下达预算资金10万元``, ``评价机构：…会计师事务所``). A field
    the form already holds is never replaced."""
    prose = Draft(draft.template, draft.template_label)
    read_identity(paragraphs, prose)
    read_money(paragraphs, [], prose)
    read_declared(paragraphs, prose)
    taken: list[str] = []  # the values borrowed, to pass on only the notes about them

    def take(key: str, value) -> None:
        draft.put(key, value)
        taken.extend(str(item) for item in (value.values() if isinstance(value, dict) else [value]))

    for key in ("title", "department", "implementer", "evaluator", "commissioned_by", "report_number",
                "document_number", "evaluated_on", "grade_bands"):
        if key in prose.fields and not draft.fields.get(key):
            take(key, prose.fields[key])
    if prose.fields.get("kind") not in (None, "self") and draft.fields.get("kind") in (None, "self"):
        take("kind", prose.fields["kind"])
    if not draft.fields.get("year") and prose.fields.get("year"):
        take("year", prose.fields["year"])
        draft.put("year_sources", prose.fields.get("year_sources"))
    budget = dict(draft.fields.get("budget") or {})
    borrowed = {key: value for key, value in (prose.fields.get("budget") or {}).items() if key not in budget}
    same_unit = not draft.fields.get("unit") or draft.fields.get("unit") == prose.fields.get("unit")
    if borrowed and (same_unit or all(key.endswith("rate") for key in borrowed)):
        take("budget", {**budget, **borrowed})
        if any(not key.endswith("rate") for key in borrowed):
            draft.put("unit", prose.fields.get("unit"))
    declared = dict(draft.fields.get("declared") or {})
    borrowed = {key: value for key, value in (prose.fields.get("declared") or {}).items() if key not in declared}
    if borrowed:
        take("declared", {**declared, **borrowed})
    for note in prose.notes:
        if any(value and value in note for value in taken):
            draft.note(note)
