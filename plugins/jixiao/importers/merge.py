"""Re-import as a three-way merge: the record now, what the importer wrote last time, the document now.

For every value the importer deals with (a field, a figure of the budget table, an indicator
row, a section of the narrative):

- still what the importer wrote (its fingerprint matches) → the document's value replaces it;
- changed by a person → kept. When the document now gives something else as well, that is a
  **conflict**: the person's value stays and the document's is reported, on the console and in
  ``import_notes``, until someone decides (``jixiao import --overwrite FIELD``, or editing the
  record to the document's value). The fingerprint keeps what the importer last wrote, so the
  conflict is reported again on every import until it is settled;
- the same on both sides → nothing to decide.

A record without fingerprints (written by hand, or imported before they existed) is taken as a
person's work throughout: the document is assumed to be what it was made from, every difference
is kept and listed on the console, and from then on the fingerprints are those of this document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .fingerprints import (
    ABSENT,
    BODY,
    FIELD,
    KEYED,
    NOT_MERGED,
    NOTES,
    ROW_KEYS,
    fingerprint,
    of_record,
    of_value,
    row_key,
    same,
    section_value,
)

CONFLICT_PREFIX = "导入冲突："
ALL = "*"  # overwrite everything


@dataclass
class Conflict:
    name: str  # what --overwrite takes: title, budget.executed, indicators, body
    where: str  # for people: 项目名称, 预算·实际支付数, 指标“预算执行率”, 正文“项目概况”
    kept: str
    offered: str

    def note(self, source: str = "原件") -> str:
        return (f"{CONFLICT_PREFIX}{self.where}已有人工修改，保留记录所写“{self.kept}”；原件现为“{self.offered}”。"
                f"要改用原件的内容，运行 jixiao import {source} --overwrite {self.name}")


@dataclass
class Merged:
    values: dict  # field → merged value (ABSENT: take the field out of the record)
    body: list[dict]  # the narrative's parts, old ones with their text as written
    prints: dict
    conflicts: list[Conflict] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a record without fingerprints: where it differs from the document


def merge(current: dict, current_body: list[dict], imported: dict, imported_body: list[dict],
          overwrite: frozenset[str] | set[str] = frozenset(), labels: dict | None = None,
          source: str = "原件") -> Merged:
    labels = labels or {}
    stored = current.get(FIELD)
    adopting = not isinstance(stored, dict)
    if adopting:  # see the module's docstring: the document is taken as what the record was made from
        stored = of_record(imported, imported_body)
    result = Merged({}, [], {})
    every = ALL in overwrite
    names = [name for name in imported if name not in NOT_MERGED]
    names += [name for name in stored if name not in names and name not in NOT_MERGED and name != BODY]
    for name in names:
        forced = every or name in overwrite
        c = current.get(name, ABSENT)
        n = imported.get(name, ABSENT)
        f = stored.get(name)
        label = labels.get(name, name)
        if name == NOTES:
            value, prints = _notes(c, f, n, forced)
        elif name in ROW_KEYS:
            value, prints = _rows(name, label, c, f, n, forced, result, adopting)
        elif name in KEYED and isinstance(c if c is not ABSENT else n, dict) and not isinstance(f, (str, list)):
            value, prints = _keyed(name, label, c, f, n, overwrite, every, result, adopting, labels)
        else:
            value, prints = _whole(name, label, c, f, n, forced, result, adopting)
        result.values[name] = value
        if prints is not None and prints != [] and prints != {}:
            result.prints[name] = prints
    forced = every or BODY in overwrite
    result.body, body_prints = _rows(BODY, "正文", current_body or ABSENT, stored.get(BODY), imported_body or ABSENT,
                                     forced, result, adopting)
    result.body = [] if result.body is ABSENT else result.body
    if body_prints:
        result.prints[BODY] = body_prints
    notes = result.values.get(NOTES, ABSENT)
    notes = [] if notes is ABSENT else list(notes)
    notes += [conflict.note(source) for conflict in result.conflicts]
    result.values[NOTES] = notes or ABSENT
    return result


def _whole(name, label, c, f, n, forced, result: Merged, adopting: bool):
    """One value: (what the record gets, the fingerprint to keep for it)."""
    if forced or (f is None and c is ABSENT):
        return n, _print(n)
    if f is None:  # the importer did not write this field before; a person did
        if same(c, n) or n is ABSENT:
            return c, _print(n)
        result.conflicts.append(Conflict(name, label, _shown(c), _shown(n)))
        return c, None
    if fingerprint(c) == f:  # untouched since the import: the document's value now
        return n, _print(n)
    if same(c, n):
        return c, _print(n)
    if fingerprint(n) == f:  # the person's edit; the document says what it said
        if adopting:
            result.kept.append(f"{label}：记录为“{_shown(c)}”，原件为“{_shown(n)}”")
        return c, f
    result.conflicts.append(Conflict(name, label, _shown(c), _shown(n)))
    return c, f


def _keyed(name, label, c, f, n, overwrite, every, result: Merged, adopting: bool, labels: dict):
    """A table of named figures (budget, declared …): each figure merged on its own."""
    c = c if isinstance(c, dict) else {}
    n = n if isinstance(n, dict) else {}
    f = f if isinstance(f, dict) else {}
    merged: dict = {}
    prints: dict = {}
    for key in list(c) + [key for key in n if key not in c] + [key for key in f if key not in c and key not in n]:
        path = f"{name}.{key}"
        value, printed = _whole(path, f"{label}·{labels.get(path, key)}", c.get(key, ABSENT), f.get(key),
                                n.get(key, ABSENT), every or name in overwrite or path in overwrite, result, adopting)
        if value is not ABSENT:
            merged[key] = value
        if printed is not None:
            prints[key] = printed
    return (merged or ABSENT), prints


def _rows(name, label, c, f, n, forced, result: Merged, adopting: bool):
    """Rows matched by their names (indicators, funding, sub-projects, sections of the narrative)."""
    c_rows = c if isinstance(c, list) else []
    n_rows = n if isinstance(n, list) else []
    value = _value_of(name)
    if forced:
        return (n_rows or ABSENT), [fingerprint(value(row)) for row in n_rows]
    stored = Counter(f if isinstance(f, list) else [])
    c_prints = [fingerprint(value(row)) for row in c_rows]
    left = Counter(stored)
    untouched = []  # per record row: still exactly a row the importer wrote
    for printed in c_prints:
        untouched.append(left[printed] > 0)
        left[printed] -= 1
    waiting: dict[tuple, list[int]] = defaultdict(list)
    for index, row in enumerate(c_rows):
        waiting[row_key(name, row)].append(index)
    out: list[tuple[object, int | None]] = []
    prints: list[str] = []
    matched: set[int] = set()
    differing = 0
    for row in n_rows:
        printed = fingerprint(value(row))
        candidates = [i for i in waiting[row_key(name, row)] if i not in matched]
        index = next((i for i in candidates if c_prints[i] == printed), candidates[0] if candidates else None)
        unchanged_in_document = stored[printed] > 0
        if index is None:
            prints.append(printed)
            if not unchanged_in_document:  # a new row of the document
                out.append((row, None))
            elif adopting:
                differing += 1
            continue  # otherwise a person took the row out: it stays out
        matched.add(index)
        mine = c_rows[index]
        if c_prints[index] == printed:
            out.append((mine, index))
            prints.append(printed)
        elif untouched[index]:
            out.append((_like(name, row, mine), index))
            prints.append(printed)
        elif unchanged_in_document:
            out.append((mine, index))
            prints.append(printed)
            differing += adopting
        else:
            out.append((mine, index))
            result.conflicts.append(Conflict(name, _row_label(name, label, mine), *_row_difference(name, mine, row)))
    for index in range(len(c_rows)):
        if index in matched or untouched[index]:
            continue  # a row the importer wrote that the document no longer has goes with it
        before = [k for k, (_, origin) in enumerate(out) if origin is not None and origin < index]
        out.insert(before[-1] + 1 if before else 0, (c_rows[index], index))
        differing += adopting
    if differing:
        result.kept.append(f"{label}：{differing} 处与原件不同（行或节）")
    rows = [row for row, _ in out]
    return (rows or ABSENT), prints


def _notes(c, f, n, forced):
    """The importer's notes: a note a person deleted stays deleted while the document gives it again."""
    c_notes = [note for note in (c if isinstance(c, list) else []) if not str(note).startswith(CONFLICT_PREFIX)]
    n_notes = n if isinstance(n, list) else []
    if forced:
        return (n_notes or ABSENT), [fingerprint(note) for note in n_notes]
    stored = Counter(f if isinstance(f, list) else [])
    offered = {fingerprint(note) for note in n_notes}
    # a person's own note stays; one of the importer's stays while the document still gives it
    kept = [note for note in c_notes if fingerprint(note) in offered or stored[fingerprint(note)] == 0]
    have = {fingerprint(note) for note in kept}
    kept += [note for note in n_notes if fingerprint(note) not in have and stored[fingerprint(note)] == 0]
    return (kept or ABSENT), [fingerprint(note) for note in n_notes]


def _value_of(name):
    return section_value if name == BODY else (lambda row: row)


def _like(name, new, old):
    """The document's new section under the heading level the record already uses."""
    if name != BODY or not isinstance(old, dict) or old.get("heading") is None or new.get("heading") is None:
        return new
    lines = new["raw"].split("\n", 1)
    heading = "#" * old["level"] + " " + new["heading"]
    return {**new, "level": old["level"], "raw": heading + ("\n" + lines[1] if len(lines) > 1 else "\n")}


def _print(value):
    return None if value is ABSENT else fingerprint(value)


def _shown(value, limit: int = 60) -> str:
    if value is ABSENT or value is None:
        return "（无）"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value):
        text = "、".join(str(item) for item in value)
    elif isinstance(value, (dict, list)):
        text = ", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else str(value)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_label(name: str, label: str, row) -> str:
    if name == BODY:
        heading = row.get("heading") if isinstance(row, dict) else None
        return f"正文“{heading}”一节" if heading else "正文开头（第一个标题之前）"
    if isinstance(row, dict):
        title = row.get("name") or row.get("source") or ""
        return f"{label}“{title}”一行"
    return label


def _row_difference(name: str, mine, theirs) -> tuple[str, str]:
    """Both sides of a row in conflict, only the columns that differ: 自评分 7.95 / 自评分 7.94."""
    if name == BODY:
        return _shown(section_value(mine)["text"]), _shown(section_value(theirs)["text"])
    if not (isinstance(mine, dict) and isinstance(theirs, dict)):
        return _shown(mine), _shown(theirs)
    titles = ROW_TITLES.get(name, {})
    keys = [key for key in list(mine) + [k for k in theirs if k not in mine]
            if not same(mine.get(key, ABSENT), theirs.get(key, ABSENT))]
    def side(row):
        return "，".join(f"{titles.get(key, key)} {_shown(row.get(key, ABSENT), 40)}" for key in keys)
    return side(mine), side(theirs)


def _row_titles() -> dict[str, dict[str, str]]:
    from ..core.record.model import FundingRow, Indicator, Subproject

    return {name: {key: info.title or key for key, info in model.model_fields.items()}
            for name, model in (("indicators", Indicator), ("funding", FundingRow), ("subprojects", Subproject))}


ROW_TITLES = _row_titles()


__all__ = ["ALL", "CONFLICT_PREFIX", "Conflict", "Merged", "merge", "of_value"]
