"""What a change did to the reports: a semantic diff of two sets of checked records.

A line diff of YAML tells a reviewer that ``score: 7.94`` became ``score: 6``; this says that the
report's computed total fell from 81.94 to 80.00 and its grade from 良 to 中, which money figures
moved, which indicator rows were added or rescored, and which findings the change introduced or
resolved. Both sides come in already analysed (see :mod:`jixiao.review.gitrevs`); nothing here knows
about git.

Reports are matched by id, so a moved file is a rename, not a removal and an addition. Records
that do not load are matched by path and reported with the loader's own message. Indicator rows
are matched by category and name, funding rows by source, sub-projects by name (folded as
:func:`jixiao.core.values.normalise_name` folds them, so a changed quote mark is not a new row).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from ..core.figures import number
from ..core.findings import Finding
from ..core.publication import china_today, visibility
from ..core.record.model import Budget, FundingRow, Report, Subproject
from ..core.values import normalise_name

STATUS_LABELS = {
    "broken": "无法读取",
    "changed": "修改",
    "added": "新增",
    "renamed": "改名",
    "removed": "删除",
    "repaired": "恢复可读",
}
STATUS_ORDER = list(STATUS_LABELS)  # what a reviewer must act on first comes first

# Top-level fields compared one by one; the tables and the declared results are compared in detail.
_DETAILED = {"budget", "funding", "subprojects", "indicators", "declared"}
_BOOKKEEPING = {"import_fingerprints"}  # the importer's own: moves with every re-import, says nothing to a reviewer
_PRIVATE = {"internal"}  # changed or not is said, the contents never (a PR comment is not the internal edition)
_MONEY = {
    "initial", "adjustment", "full_year", "appropriated", "unallocated", "unallocated_recovered", "executed",
    "balance", "carried_forward", "recovered", "amount", "budget", "spent",
}
FUNDING_FIGURES = ("amount", "initial", "full_year", "executed", "execution_rate", "weight", "score")
SUBPROJECT_FIGURES = ("budget", "spent")
INDICATOR_FIGURES = {
    "target": "目标值", "actual": "实际完成值", "weight": "权重", "score": "自评分", "review_score": "复核分",
    "computed": "计算得分",
}


# --- the result -------------------------------------------------------------------------------


@dataclass
class Move:
    """One figure or field, before and after. ``kind`` says how to show it: money carries the unit."""

    field: str  # record field path, as in findings: budget.executed, funding[2].amount
    label: str  # Chinese, for people: 预算·实际支付数
    old: object = None
    new: object = None
    kind: str = "number"  # number | money | text | other (shown only as “有改动”)

    @property
    def moved(self) -> bool:
        return not _same(self.old, self.new)

    def as_dict(self) -> dict:
        return {"field": self.field, "label": self.label, "old": number(self.old), "new": number(self.new),
                "kind": self.kind}


@dataclass
class RowChange:
    """An indicator row added, removed or changed; for a changed row only the columns that moved."""

    status: str  # added | removed | changed
    category: str | None
    name: str
    moves: list[Move]
    old_index: int | None = None
    new_index: int | None = None

    def as_dict(self) -> dict:
        return {"status": self.status, "category": self.category, "name": self.name,
                "old_index": self.old_index, "new_index": self.new_index,
                "moves": [move.as_dict() for move in self.moves]}


@dataclass
class ReportDiff:
    status: str  # one of STATUS_LABELS
    path: str  # where the report is now (where it was, when removed)
    id: str | None = None
    title: str | None = None
    old_path: str | None = None
    old_unit: str | None = None
    new_unit: str | None = None
    totals: list[Move] = field(default_factory=list)  # declared and computed total and grade, the row scores' sum
    fields: list[Move] = field(default_factory=list)
    money: list[Move] = field(default_factory=list)
    indicators: list[RowChange] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # why it does not load (broken) or did not (repaired)
    old_broken: bool = False  # broken now, and already before (with other messages)
    body_changed: bool = False
    hidden: str | None = None  # "draft" or "embargoed": not in the public edition (publication.visibility)
    publish_date: str | None = None

    @property
    def hidden_label(self) -> str:
        """Why the public will not see this report yet, in words; empty when they will."""
        if self.hidden == "draft":
            return "草稿，不公开"
        if self.hidden == "embargoed":
            return f"{self.publish_date}（含）之前不公开"
        return ""

    @property
    def moved(self) -> bool:
        """Whether anything at all changed between the two sides of a matched pair."""
        return bool(any(m.moved for m in self.totals) or self.fields or self.money or self.indicators
                    or self.introduced or self.resolved or self.body_changed)

    @property
    def totals_moved(self) -> list[Move]:
        return [move for move in self.totals if move.moved]

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "old_path": self.old_path,
            "unit": {"old": self.old_unit, "new": self.new_unit},
            "totals": {move.field: {"old": number(move.old), "new": number(move.new)} for move in self.totals},
            "fields": [move.as_dict() for move in self.fields],
            "money": [move.as_dict() for move in self.money],
            "indicators": [row.as_dict() for row in self.indicators],
            "findings": {
                "introduced": [_finding_dict(item) for item in self.introduced],
                "resolved": [_finding_dict(item) for item in self.resolved],
            },
            "problems": [_finding_dict(item) for item in self.problems],
            "old_broken": self.old_broken,
            "body_changed": self.body_changed,
            "hidden": self.hidden,
            "publish_date": self.publish_date,
        }


@dataclass
class DiffResult:
    base: object  # gitrevs.Revision or anything with .name, .label and .as_dict()
    head: object
    reports: list[ReportDiff]
    unchanged: int = 0
    still_broken: list[str] = field(default_factory=list)  # failed on both sides with the same messages
    schemes: list = field(default_factory=list)  # diff_schemes.SchemeChange: schemes that differ, reports they re-grade

    def counts(self) -> dict:
        counts = Counter(report.status for report in self.reports)
        return {**{status: counts[status] for status in STATUS_ORDER}, "unchanged": self.unchanged,
                "still_broken": len(self.still_broken)}

    def summary(self) -> str:
        """One line in Chinese: what the change did, in numbers of reports."""
        counts = self.counts()
        parts = [f"{STATUS_LABELS[status]} {counts[status]} 份" for status in STATUS_ORDER if counts[status]]
        if counts["still_broken"]:
            parts.append(f"另有 {counts['still_broken']} 份原先就无法读取")
        schemes = ""
        if self.schemes:
            regraded = len({item.id for change in self.schemes for item in change.reports})
            schemes = f"；评分办法变动 {len(self.schemes)} 个，改变 {regraded} 份报告的计算结果"
        if not parts:
            return f"报告没有变动（共 {self.unchanged} 份）{schemes}"
        return "，".join(parts) + f"；未变 {self.unchanged} 份{schemes}"

    def as_dict(self) -> dict:
        return {
            "base": self.base.as_dict(),
            "head": self.head.as_dict(),
            "summary": self.counts(),
            "reports": [report.as_dict() for report in self.reports],
            "still_broken": list(self.still_broken),
            "schemes": [change.as_dict() for change in self.schemes],
        }


# --- matching the two sides -------------------------------------------------------------------


def compare(old: list, new: list, base=None, head=None, today: date | None = None) -> DiffResult:
    """Compare two lists of :class:`jixiao.core.collection.Analysis` (base and head). A report the
    public edition does not show (a draft, or embargoed on ``today``, by default today in China)
    is marked as such, so that a reviewer does not take it for a publication."""
    today = today or china_today()
    used: set[int] = set()  # id() of analyses already matched: identity, never a deep comparison

    def free(analysis) -> bool:
        return analysis is not None and id(analysis) not in used

    pairs: list[tuple] = []

    def take(o, n):
        used.update((id(o), id(n)))
        pairs.append((o, n))

    old_by_path = {a.path: a for a in old}
    for n in new:  # 1. the same report where it was
        o = old_by_path.get(n.path)
        if free(o) and o.ok and n.ok and o.report.id == n.report.id:
            take(o, n)
    by_id: dict[str, list] = defaultdict(list)
    for o in old:
        if free(o) and o.ok:
            by_id[o.report.id].append(o)
    for n in new:  # 2. the same id elsewhere: a rename
        if free(n) and n.ok and by_id.get(n.report.id):
            take(by_id[n.report.id].pop(0), n)
    for n in new:  # 3. the same file with another id: the id was edited
        o = old_by_path.get(n.path)
        if free(n) and free(o) and o.ok and n.ok:
            take(o, n)

    reports = []
    unchanged = 0
    for o, n in pairs:
        diff = _pair(o, n)
        if diff.moved or diff.status == "renamed":
            reports.append(diff)
        else:
            unchanged += 1

    still_broken = []
    for n in new:  # 4. files that do not load now
        if not free(n) or n.ok:
            continue
        o = old_by_path.get(n.path)
        o = o if free(o) else None
        used.update(id(a) for a in (o, n) if a is not None)
        if o is not None and not o.ok and [f.text() for f in o.findings] == [f.text() for f in n.findings]:
            still_broken.append(n.path)
        else:
            reports.append(_broken(o, n))
    new_by_path = {a.path: a for a in new}
    for o in old:  # 5. files that did not load before
        if not free(o) or o.ok:
            continue
        used.add(id(o))
        n = new_by_path.get(o.path)
        if free(n):
            used.add(id(n))
            reports.append(_repaired(o, n))
        else:
            reports.append(ReportDiff("removed", o.path, problems=list(o.findings)))
    reports.extend(_added(n) for n in new if free(n))  # 6. the rest: new and gone reports
    reports.extend(_removed(o) for o in old if free(o))
    reports.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.path))
    _mark_hidden(reports, old, new, today)
    return DiffResult(base, head, reports, unchanged, sorted(still_broken))


def _mark_hidden(reports: list[ReportDiff], old: list, new: list, today: date) -> None:
    """Each report's standing in the public edition: the head's record, or the base's for a removed one."""
    new_by_path = {a.path: a for a in new if a.ok}
    old_by_path = {a.path: a for a in old if a.ok}
    for report in reports:
        analysis = old_by_path.get(report.path) if report.status == "removed" else new_by_path.get(report.path)
        if analysis is not None:
            report.hidden = visibility(analysis.report, today)
            report.publish_date = analysis.report.publish_date


def _pair(o, n) -> ReportDiff:
    old, new = o.report, n.report
    diff = ReportDiff(
        "changed" if o.path == n.path else "renamed", n.path, new.id, new.title,
        old_path=o.path if o.path != n.path else None, old_unit=old.unit, new_unit=new.unit,
        totals=_totals(o, n),
    )
    # most pairs: only findings from other records can move (unless a changed scheme re-scored the rows)
    if old == new and o.loaded.body == n.loaded.body and o.computed == n.computed:
        diff.introduced, diff.resolved = _findings(o.active(), n.active(), None)
        return diff
    diff.fields = [move for move in _fields(old, new) if move.moved]
    diff.money = [move for move in _money(old, new) if move.moved]
    index_maps: dict[str, dict[int, int]] = {}
    diff.indicators, index_maps["indicators"] = _indicator_rows(o, n)
    index_maps["funding"] = dict(_match(old.funding, new.funding, lambda row: row.source))
    index_maps["subprojects"] = dict(_match(old.subprojects, new.subprojects, lambda row: row.name))
    diff.introduced, diff.resolved = _findings(o.active(), n.active(), index_maps)
    diff.body_changed = o.loaded.body.strip() != n.loaded.body.strip()
    return diff


def _totals(o, n) -> list[Move]:
    def side(analysis):
        if analysis is None or not analysis.ok:
            return None, None, None, None, None
        computed = analysis.computed
        declared = analysis.report.declared
        return (declared.total, computed.total if computed else None,
                declared.grade, computed.grade if computed else None,
                computed.declared_score_sum if computed else None)

    old, new = side(o), side(n)
    # the sum of the declared row scores too: a unit's 81.94 falling to 80 row by row is a change of
    # what it declared, visible here and not only inside a finding
    names = [("declared.total", "申报总分", "number"), ("computed.total", "计算总分", "number"),
             ("declared.grade", "申报等级", "text"), ("computed.grade", "计算等级", "text"),
             ("declared.score_sum", "各行自评分之和", "number")]
    return [Move(path, label, old[i], new[i], kind) for i, (path, label, kind) in enumerate(names)]


def _added(n) -> ReportDiff:
    report = n.report
    return ReportDiff("added", n.path, report.id, report.title, new_unit=report.unit,
                      totals=_totals(None, n), introduced=list(n.active()))


def _removed(o) -> ReportDiff:
    report = o.report
    return ReportDiff("removed", o.path, report.id, report.title, old_unit=report.unit, totals=_totals(o, None))


def _broken(o, n) -> ReportDiff:
    """A file that does not load now: what the loader says, and which report it was, if it was one."""
    diff = ReportDiff("broken", n.path, problems=list(n.findings), old_path=o.path if o else None)
    if o is not None and o.ok:
        diff.id, diff.title, diff.old_unit = o.report.id, o.report.title, o.report.unit
        diff.totals = _totals(o, None)
    diff.old_broken = o is not None and not o.ok
    return diff


def _repaired(o, n) -> ReportDiff:
    report = n.report
    return ReportDiff("repaired", n.path, report.id, report.title, new_unit=report.unit,
                      totals=_totals(None, n), problems=list(o.findings), introduced=list(n.active()))


def _match(old_rows: list, new_rows: list, key) -> list[tuple[int, int]]:
    """Pairs of (old index, new index) of rows with the same folded key; the n-th of a key pairs with the n-th."""
    positions: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(old_rows):
        positions[_fold(key(row))].append(index)
    pairs = []
    for index, row in enumerate(new_rows):
        waiting = positions.get(_fold(key(row)))
        if waiting:
            pairs.append((waiting.pop(0), index))
    return pairs


def _fold(text) -> str:
    return _folded(text) if isinstance(text, str) else repr(text)


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:  # the same category and row names recur in every report of a form
    return normalise_name(text)


# --- what moved -------------------------------------------------------------------------------


def _fields(old: Report, new: Report) -> list[Move]:
    moves = []
    for name, info in Report.model_fields.items():
        if name in _DETAILED or name in _BOOKKEEPING:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        moves.append(_field_move(name, info.title or name, before, after))
    if not _same(old.declared.weight_total, new.declared.weight_total):
        moves.append(Move("declared.weight_total", "申报满分", old.declared.weight_total, new.declared.weight_total))
    return moves


def _field_move(name: str, label: str, before, after) -> Move:
    if name in _PRIVATE:
        return _changed_marker(name, label)
    if all(v is None or isinstance(v, (str, int, Decimal, bool)) for v in (before, after)):
        return Move(name, label, before, after, "text")
    if all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in (before, after)):
        return Move(name, label, "、".join(before), "、".join(after), "text")
    return _changed_marker(name, label)


def _changed_marker(name: str, label: str) -> Move:
    """A field whose change is said but not shown (a table of notes, the internal information)."""
    return Move(name, label, "", "有改动", "other")


def _money(old: Report, new: Report) -> list[Move]:
    moves = []
    empty = Budget()
    for name, info in Budget.model_fields.items():
        moves.append(_figure(f"budget.{name}", f"预算·{info.title}", name,
                             getattr(old.budget or empty, name), getattr(new.budget or empty, name)))
    moves += _rows("funding", "资金来源", old.funding, new.funding, FUNDING_FIGURES, FundingRow,
                   lambda row: row.source)
    moves += _rows("subprojects", "子项目", old.subprojects, new.subprojects, SUBPROJECT_FIGURES, Subproject,
                   lambda row: row.name)
    return moves


def _rows(where: str, what: str, old_rows, new_rows, figures, model, key) -> list[Move]:
    """Each figure of each row, before and after; a row that is new (or gone) has nothing on one side."""
    pairs = _match(old_rows, new_rows, key)
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    triples = [(old_rows[i], new_rows[j], j) for i, j in pairs]
    triples += [(None, row, j) for j, row in enumerate(new_rows) if j not in matched_new]
    triples += [(row, None, i) for i, row in enumerate(old_rows) if i not in matched_old]
    moves = []
    for before, after, index in triples:
        row_name = key(after if after is not None else before)
        for name in figures:
            title = model.model_fields[name].title
            moves.append(_figure(f"{where}[{index}].{name}", f"{what}“{row_name}”·{title}", name,
                                 getattr(before, name, None), getattr(after, name, None)))
    return moves


def _figure(path: str, label: str, name: str, before, after) -> Move:
    kind = "money" if name in _MONEY else ("text" if isinstance(before or after, str) else "number")
    return Move(path, label, before, after, kind)


def _indicator_rows(o, n) -> tuple[list[RowChange], dict[int, int]]:
    old_rows, new_rows = o.report.indicators, n.report.indicators
    pairs = _match(old_rows, new_rows, lambda row: (_fold(row.category), _fold(row.name)))
    changes = []
    for i, j in pairs:
        moves = [move for move in _indicator_moves(o, i, n, j) if move.moved]
        if moves:
            changes.append(RowChange("changed", new_rows[j].category, new_rows[j].name, moves, i, j))
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    for j, row in enumerate(new_rows):
        if j not in matched_new:
            moves = [move for move in _indicator_moves(None, None, n, j) if move.new is not None]
            changes.append(RowChange("added", row.category, row.name, moves, None, j))
    for i, row in enumerate(old_rows):
        if i not in matched_old:
            moves = [move for move in _indicator_moves(o, i, None, None) if move.old is not None]
            changes.append(RowChange("removed", row.category, row.name, moves, i, None))
    return changes, dict(pairs)


def _indicator_moves(o, i, n, j) -> list[Move]:
    def values(analysis, index):
        if analysis is None:
            return {}
        row = analysis.report.indicators[index]
        return {"target": row.target, "actual": row.actual, "weight": row.weight, "score": row.score,
                "review_score": row.review_score, "computed": computed_score(analysis.computed, index)}

    before, after = values(o, i), values(n, j)
    index = j if j is not None else i
    return [Move(f"indicators[{index}].{name}", label, before.get(name), after.get(name),
                 "text" if name in ("target", "actual") or isinstance(after.get(name) or before.get(name), str)
                 else "number")
            for name, label in INDICATOR_FIGURES.items()]


def computed_score(computed, index: int):
    """The portal's score for a row: exact, or the range the rule allows (Minhang bands), or none."""
    if computed is None or index >= len(computed.indicators):
        return None
    result = computed.indicators[index]
    if result.computed is not None:
        return result.computed
    if result.low is not None and result.high is not None:
        return f"{result.low}–{result.high}"
    return None


_INDEXED = re.compile(r"^(indicators|funding|subprojects)\[(\d+)\]")


def _findings(old: list[Finding], new: list[Finding], index_maps: dict | None) -> tuple[list[Finding], list[Finding]]:
    """Findings introduced and resolved, by code and field, with old row numbers read as the new ones:
    inserting a row above a flagged one does not resolve its finding and introduce another.
    ``index_maps`` None: the rows did not change, their numbers stand."""

    def renumbered(item: Finding) -> tuple[str, str]:
        match = _INDEXED.match(item.field or "") if index_maps is not None else None
        if not match:
            return item.code, item.field
        where, index = match.group(1), int(match.group(2))
        new_index = index_maps.get(where, {}).get(index)
        moved = f"{where}[{new_index}]" if new_index is not None else f"{where}[旧{index}]"
        return item.code, moved + item.field[match.end():]

    before = Counter(renumbered(item) for item in old)
    after = Counter((item.code, item.field) for item in new)
    introduced = _excess(new, lambda item: (item.code, item.field), after - before)
    resolved = _excess(old, renumbered, before - after)
    return introduced, resolved


def _excess(items: list[Finding], key, counts: Counter) -> list[Finding]:
    left = Counter(counts)
    chosen = []
    for item in items:
        k = key(item)
        if left[k] > 0:
            chosen.append(item)
            left[k] -= 1
    return chosen


def _same(a, b) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b  # 7.940 and 7.94 are the same figure written two ways
    return a == b and type(a) is type(b)


def _finding_dict(item: Finding) -> dict:
    return {"path": item.path, **item.as_dict()}
