"""Writing a record file: front matter built as text, the narrative by headings, merged on re-import.

On re-import the record is updated where it is (same file, same id). Every key the importer
produced this time is replaced; every other key — ``internal``, ``silence``, ``publish_date``,
anything a person added — is kept as it was written, comments and all. ``source`` keeps a
person's ``url``/``pages``/``note`` and their longer description of the same file.

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

from ..record import load_text
from ..record.model import Report
from ..record.yamlsafe import YamlProblem, read_yaml
from .draft import Draft, Section
from .existing import RecordIndex, _names_file, split_front_matter
from .yamltext import block

FIELD_ORDER = list(Report.model_fields)
_REQUIRED_IN_ITEMS = {"indicators": ("category", "name", "weight"), "funding": ("source",), "subprojects": ("name",)}
_TOP_REQUIRED = {"id", "title", "kind", "region", "scheme"}
_KEY_LINE = re.compile(r"^(?P<key>[^\s#\-][^:]*?|\"[^\"]*\"|'[^']*'):(\s|$)")


@dataclass
class Written:
    path: Path
    id: str
    created: bool
    template_label: str
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # findings still raised by the written file (not expected)


def write_record(draft: Draft, out: Path, index: RecordIndex, file_name: str) -> Written:
    fields = draft.fields
    existing = index.find(fields["id"], file_name, draft.sheet, fields["title"], str(fields.get("year") or ""))
    old_front, old_data = "", {}
    if existing is not None:
        path = existing.path
        fields["id"] = existing.id or fields["id"]
        old_front, old_data = _old_record(path)
    else:
        path = out / str(fields.get("year") or "undated") / f"{fields['id']}.md"
    body = render_body(draft.sections)
    problems: list[str] = []
    for _ in range(12):
        text = compose(fields, body, old_front, old_data)
        loaded = load_text(text, shown_as=path.as_posix())
        errors = [f for f in loaded.findings if f.code in ("parse-error", "schema-error")]
        if not errors:
            break
        if not any(_drop_field(fields, finding, draft) for finding in errors):
            problems = [finding.text() for finding in errors]
            break
    _atomic_write(path, text)
    pages = fields["source"].get("pages", "")
    index.remember(path, fields["id"], file_name, pages, fields["title"], str(fields.get("year") or ""))
    return Written(path, fields["id"], existing is None, draft.template_label, list(draft.notes), problems)


def compose(fields: dict, body: str, old_front: str = "", old_data: dict | None = None) -> str:
    old_data = old_data or {}
    kept = _top_blocks(old_front)
    produced = dict(fields)
    if "source" in produced and isinstance(old_data.get("source"), dict):
        produced["source"] = _merged_source(produced["source"], old_data["source"])
    lines: list[str] = []
    for key in FIELD_ORDER:
        if key in produced:
            lines.extend(block(key, produced[key]))
        elif key in kept and key != "import_notes":
            lines.extend(kept[key])
    for key, block_lines in kept.items():
        if key not in FIELD_ORDER and key not in produced:
            lines.extend(block_lines)
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + ("\n" if body else "")


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


def _old_record(path: Path) -> tuple[str, dict]:
    try:
        parts = split_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return "", {}
    if parts is None:
        return "", {}
    try:
        data = read_yaml(parts[0]).data
    except YamlProblem:
        data = {}
    return parts[0], data if isinstance(data, dict) else {}


def _top_blocks(front: str) -> dict[str, list[str]]:
    """Top-level keys of a front matter with their lines as written (comments, layout and all)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in front.split("\n"):
        match = _KEY_LINE.match(line)
        if match:
            key = match.group("key").strip("\"'")
            current = blocks.setdefault(key, [])
            current.append(line)
        elif current is not None:
            current.append(line)
    for lines in blocks.values():
        while lines and not lines[-1].strip():
            lines.pop()
    return blocks


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
