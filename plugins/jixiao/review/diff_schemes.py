"""What a change to the scoring schemes did: which schemes changed, and which reports they re-grade.

Each side of a diff is scored under its own schemes (:mod:`jixiao.review.gitrevs`), so a report's
computed total moves when its scheme does, even if its record did not. This module says why: for
every scheme that differs between the two sides, the rules that changed, field by field, and
every report of the head that uses it whose computed total, grade or row scores differ when its
record is scored under the base's version of the scheme and under the head's. Scoring the same
record twice isolates the scheme's part of a change from the record's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..core.publication import china_today, visibility
from ..core.scoring import compute
from .diff import Move, computed_score

RULES_SHOWN = 12  # changed rules listed per scheme; the file's own diff has the rest


@dataclass
class Regraded:
    """A report whose computed result the scheme change moves."""

    id: str
    title: str
    path: str
    totals: list[Move]  # computed total and grade, before → after
    rows: list[Move] = field(default_factory=list)  # rows whose computed score moved
    hidden: str | None = None  # draft | embargoed

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "path": self.path, "hidden": self.hidden,
                "totals": {move.field: {"old": move.as_dict()["old"], "new": move.as_dict()["new"]} for move in self.totals},
                "rows": [move.as_dict() for move in self.rows]}


@dataclass
class SchemeChange:
    id: str
    title: str
    status: str  # changed | added | removed
    path: str
    rules: list[Move] = field(default_factory=list)
    reports: list[Regraded] = field(default_factory=list)
    users: int = 0  # reports of the head that name the scheme

    @property
    def status_label(self) -> str:
        return {"changed": "修改", "added": "新增", "removed": "删除"}[self.status]

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "status": self.status, "path": self.path, "users": self.users,
                "rules": [move.as_dict() for move in self.rules], "reports": [item.as_dict() for item in self.reports]}


def scheme_changes(old_side, new_side, today: date | None = None) -> list[SchemeChange]:
    """Every scheme that differs between two :class:`jixiao.review.gitrevs.Side`, with the reports it re-grades."""
    today = today or china_today()
    before, after = old_side.collection.schemes, new_side.collection.schemes
    changes = []
    for scheme_id in sorted(set(before) | set(after)):
        old, new = before.get(scheme_id), after.get(scheme_id)
        if old == new:
            continue
        status = "changed" if old and new else ("added" if new else "removed")
        files = new_side.scheme_files if new else old_side.scheme_files
        change = SchemeChange(scheme_id, (new or old).title, status, files.get(scheme_id, ""),
                              rules=_rules(old, new) if status == "changed" else [])
        for analysis in new_side.collection.analyses:
            if not analysis.ok or analysis.report.scheme != scheme_id:
                continue
            change.users += 1
            regraded = _regraded(analysis, old, new, today)
            if regraded is not None:
                change.reports.append(regraded)
        changes.append(change)
    return changes


def _regraded(analysis, old_scheme, new_scheme, today: date) -> Regraded | None:
    report = analysis.report
    was = compute(report, old_scheme) if old_scheme is not None else None
    now = analysis.computed if new_scheme is not None else None
    totals = [Move("computed.total", "计算总分", _get(was, "total"), _get(now, "total")),
              Move("computed.grade", "计算等级", _get(was, "grade"), _get(now, "grade"), "text")]
    rows = []
    for index, row in enumerate(report.indicators):
        a, b = computed_score(was, index), computed_score(now, index)
        move = Move(f"indicators[{index}].computed", f"{row.category}/{row.name}" if row.category else row.name, a, b)
        if move.moved:
            rows.append(move)
    if not rows and not any(move.moved for move in totals):
        return None
    return Regraded(report.id, report.title, analysis.path, totals, rows, visibility(report, today))


def _get(computed, name):
    return getattr(computed, name) if computed is not None else None


def _rules(old, new) -> list[Move]:
    """The scheme's fields that differ, by path: categories[过程].quantitative.under_deduction 0.05 → 0.5."""
    a, b = _flat(old.model_dump(mode="json")), _flat(new.model_dump(mode="json"))
    moves = [Move(path, path, a.get(path), b.get(path), "text") for path in list(a) + [p for p in b if p not in a]
             if a.get(path) != b.get(path)]
    return moves


def _flat(value, prefix: str = "") -> dict:
    if isinstance(value, dict):
        out: dict = {}
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        out = {}
        for index, item in enumerate(value):
            name = item.get("name") or item.get("label") or index  # categories by name, grades by label
            out.update(_flat(item, f"{prefix}[{name}]"))
        return out
    if isinstance(value, list):
        return {prefix: "、".join(str(item) for item in value)}
    return {prefix: value}
