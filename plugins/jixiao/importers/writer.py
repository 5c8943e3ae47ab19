"""Writing a record file: a new record built as text, an existing one merged in place.

A new record's front matter is written from the draft, in the record format's order, with the
fingerprints of what was imported (:mod:`.fingerprints`). On re-import the record is updated
where it is (same file, same id) by a three-way merge (:mod:`.merge`): what the importer wrote
and nobody changed takes the document's new value; what a person changed is kept, and a
document value that differs from it is a conflict, noted; ``overwrite`` names the fields where
the document wins all the same. Keys the importer never writes — ``internal``, ``silence``,
``publish_date``, anything a person added — are kept as they were written, comments and all, and
every unchanged line stays byte for byte (:mod:`.layout`). ``source`` keeps a person's
``url``/``pages``/``note`` and their longer description of the same file.

Before the file is written it is loaded exactly as ``jixiao check`` loads it. Should a value the
importer produced not fit the record format, it is taken out and put in ``import_notes`` with its
text, so the record always loads and no figure disappears.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.record import frontmatter, load_text
from ..core.record.model import Budget, Declared, Report
from ..core.record.yamlsafe import YamlProblem, read_yaml
from . import layout
from .draft import Draft, Section
from .existing import RecordIndex, _names_file, split_front_matter
from .fingerprints import FIELD, NOT_MERGED, of_record, ordered
from .merge import merge

FIELD_ORDER = list(Report.model_fields)
_REQUIRED_IN_ITEMS = {"indicators": ("category", "name", "weight"), "funding": ("source",), "subprojects": ("name",)}
_TOP_REQUIRED = {"id", "title", "kind", "region", "scheme"}


@dataclass
class Written:
    path: Path
    id: str
    created: bool
    template_label: str
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # findings still raised by the written file (not expected)
    conflicts: list[str] = field(default_factory=list)  # a person's value kept, the document's differs
    kept: list[str] = field(default_factory=list)  # a record without fingerprints: where it differs from the document
    changed: bool = True  # False: the file is byte for byte what it was


def write_record(draft: Draft, out: Path, index: RecordIndex, file_name: str,
                 overwrite: frozenset[str] = frozenset()) -> Written:
    fields = draft.fields
    offered = of_record(fields, layout.body_parts(render_body(draft.sections) + "\n")[1])
    existing = index.find(fields["id"], file_name, draft.sheet, fields["title"], str(fields.get("year") or ""), offered)
    before, old = None, None
    if existing is not None:
        path = existing.path
        fields["id"] = existing.id or fields["id"]
        before, old = _old_record(path)
    else:
        path = out / str(fields.get("year") or "undated") / f"{fields['id']}.md"
    problems: list[str] = []
    for _ in range(12):
        text, merged = _text(draft, old, overwrite, file_name)
        loaded = load_text(text, shown_as=path.as_posix())
        errors = [f for f in loaded.findings if f.code in ("parse-error", "schema-error")]
        if not errors:
            break
        if not any(_drop_field(fields, finding, draft) for finding in errors):
            problems = [finding.text() for finding in errors]
            break
    changed = text != before
    if changed:
        _atomic_write(path, text)
    pages = fields["source"].get("pages", "")
    index.remember(path, fields["id"], file_name, pages, fields["title"], str(fields.get("year") or ""),
                   merged.prints if merged else offered)
    conflicts = [conflict.note(file_name) for conflict in merged.conflicts] if merged else []
    return Written(path, fields["id"], existing is None, draft.template_label, list(draft.notes), problems,
                   conflicts, list(merged.kept) if merged else [], changed)


def _text(draft: Draft, old: tuple[str, str, dict] | None, overwrite, source: str):
    """The record's text, and the merge that made it (None for a new record)."""
    fields = draft.fields
    body = render_body(draft.sections)
    _, parts = layout.body_parts(body + "\n" if body else "")
    if old is None:
        return compose({**fields, FIELD: ordered(of_record(fields, parts), FIELD_ORDER)}, body), None
    front, old_body, data = old
    imported = {key: value for key, value in fields.items() if key not in NOT_MERGED}
    merged = merge(data, layout.body_parts(old_body)[1], imported, parts, overwrite, LABELS, source)
    values = dict(merged.values)
    if "source" in fields:
        values["source"] = _merged_source(fields["source"], data["source"]) if isinstance(data.get("source"), dict) \
            else fields["source"]
    values[FIELD] = ordered(merged.prints, FIELD_ORDER)
    return layout.rewrite(front, old_body, data, values, merged.body, FIELD_ORDER), merged


def _labels() -> dict[str, str]:
    """Field names in Chinese for conflict notes: 项目名称, 预算执行与资金使用.实际支付数 …"""
    labels = {name: info.title or name for name, info in Report.model_fields.items()}
    for parent, model in (("budget", Budget), ("declared", Declared)):
        labels.update({f"{parent}.{name}": info.title or name for name, info in model.model_fields.items()})
    return labels


LABELS = _labels()


def compose(fields: dict, body: str) -> str:
    """A new record: every field in the record format's order."""
    lines: list[str] = []
    for key in FIELD_ORDER:
        if key in fields:
            lines.extend(layout.render(key, fields[key]))
    return frontmatter.join("\n".join(lines) + "\n", "\n" + body + ("\n" if body else ""))


def render_body(sections: list[Section]) -> str:
    parts: list[str] = []
    for section in sections:
        if section.title:
            parts.append("#" * max(2, min(section.level, 6)) + " " + _inline(section.title))
        for paragraph in section.paragraphs:
            if paragraph.strip():
                parts.append(_paragraph(paragraph))
    return "\n\n".join(parts)


def _inline(text: str) -> str:
    return re.sub(r"\s+", " ", _printable(text)).strip()


def _paragraph(text: str) -> str:
    if text.startswith("| "):  # a Markdown table made by the importer
        return _printable(text)
    lines = []
    for line in _printable(text).split("\n"):
        line = line.strip()
        if line.startswith("#") or re.fullmatch(r"[-=*_]{3,}", line):
            line = "\\" + line  # text, not a heading or a rule
        lines.append(line)
    return "\n".join(line for line in lines if line)


def _printable(text: str) -> str:
    return "".join(char for char in text if char in "\n\t" or (ord(char) >= 32 and char not in "\x7f\u2028\u2029\ufeff"))


def _old_record(path: Path) -> tuple[str | None, tuple[str, str, dict] | None]:
    """The record's text as it is, and (front matter, body, data) when it can be merged into."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    parts = split_front_matter(text)
    if parts is None:
        return text, None
    try:
        data = read_yaml(parts[0]).data
    except YamlProblem:
        return text, None  # a record that does not read is written afresh, as a new one would be
    return text, (parts[0], parts[1], data if isinstance(data, dict) else {})


def _merged_source(new: dict, old: dict) -> dict:
    merged = dict(new)
    old_file = str(old.get("file") or "")
    if old_file and _names_file(old_file, str(new.get("file", ""))):
        merged["file"] = old_file
    for key, value in old.items():
        if key not in merged and value not in (None, ""):
            merged[key] = str(value)
    return {key: merged[key] for key in ("file", "url", "pages", "note") if key in merged}


def _drop_field(fields: dict, finding, draft: Draft) -> bool:
    """Take out the value a schema error points at, noting it; False when it is not ours to fix."""
    path = _parse_path(finding.field)
    if not path or path[0] not in fields or path[0] == "import_notes":
        return False
    steps: list[tuple[object, object]] = []  # (container, key) from the top down
    node = fields
    for part in path:
        if not _has(node, part):
            break
        steps.append((node, part))
        node = node[part]
    name = path[0]
    whole_item = len(steps) >= 2 and isinstance(path[1], int) and name in _REQUIRED_IN_ITEMS and (
        len(path) == 2 or path[2] in _REQUIRED_IN_ITEMS[name]
    )
    container, key = steps[1] if whole_item else steps[-1]
    if container is fields and key in _TOP_REQUIRED:
        return False
    value = container[key]
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    container.pop(key)
    if name in fields and name not in _TOP_REQUIRED and fields[name] in ({}, []):
        fields.pop(name)
    draft.note(f"字段 {finding.field} 的内容“{shown}”不符合记录格式（{finding.message}），未写入该字段")
    fields["import_notes"] = list(draft.notes)
    return True


def _has(container, part) -> bool:
    if isinstance(container, list):
        return isinstance(part, int) and 0 <= part < len(container)
    return part in container


def _parse_path(text: str) -> list:
    parts: list = []
    for name, position in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text or ""):
        parts.append(int(position) if position else name)
    return parts


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".import-", suffix=".md", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
