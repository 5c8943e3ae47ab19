"""The records already in the output folder, found by id or by the file they were imported from.

Re-importing a document must update its record, never add a second one. A record is the same
report when it has the id the importer derives, or when its ``source.file`` names the same file
(hand-made records write the file name followed by a description in brackets) and it is the same
project: the same title (or a title the importer could not read before), and the same worksheet
for a workbook of several reports. The file name alone is not enough — units name every file
自评表.docx. A revised document whose title changed is still the same report when most of what
the importer wrote from it last time (its fingerprints, :mod:`.fingerprints`) is what the
document gives now: two projects of one department on one form share their identity fields and
a few stock indicator rows, never most of their figures, rows and text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.record import frontmatter
from ..core.record.yamlsafe import YamlProblem, read_yaml
from .cells import label

PLACEHOLDER_TITLE = "（未能读出项目名称"
SAME_REPORT_SHARE = 0.6  # share of the document's fingerprints (title aside) the record must hold


@dataclass
class Known:
    path: Path
    id: str
    source_file: str
    source_pages: str
    title: str
    year: str
    prints: Counter = field(default_factory=Counter)  # what the importer wrote, flattened (see tokens())


class RecordIndex:
    """Front matter of every ``*.md`` under the output folder, read once per import run."""

    def __init__(self, root: Path):
        self.root = root
        self.records: list[Known] = []
        self.written: set[Path] = set()  # records this run wrote: another report of the same file is not one of them
        if root.is_dir():
            for path in sorted(root.rglob("*.md")):
                known = _read(path)
                if known is not None:
                    self.records.append(known)

    def find(self, record_id: str, file_name: str, sheet: str | None, title: str, year: str,
             prints: dict | None = None) -> Known | None:
        for known in self.records:
            if known.id == record_id:
                return known
        same_file = [known for known in self.records
                     if _names_file(known.source_file, file_name) and known.path not in self.written]
        if sheet:
            same_file = [known for known in same_file if sheet in known.source_pages]
        for known in same_file:
            # Units often name every file 自评表.docx: the same name alone is not the same report.
            if label(known.title) == label(title) or known.title.startswith(PLACEHOLDER_TITLE):
                return known
        offered = tokens(prints or {})
        if offered:
            share = {id(known): sum((known.prints & offered).values()) / sum(offered.values()) for known in same_file}
            best = max(same_file, key=lambda known: share[id(known)], default=None)
            if best is not None and share[id(best)] >= SAME_REPORT_SHARE:
                return best  # retitled in the document, the same report all the same
        return None

    def remember(self, path: Path, record_id: str, file_name: str, pages: str, title: str, year: str,
                 prints: dict | None = None) -> None:
        self.records = [known for known in self.records if known.path != path]
        self.written.add(path)
        self.records.append(Known(path, record_id, file_name, pages, title, year, tokens(prints or {})))


def tokens(prints: dict) -> Counter:
    """A record's fingerprints as one bag of ``field:print`` tokens, the title left out (it is what
    may have changed)."""
    bag: Counter = Counter()
    for name, value in prints.items() if isinstance(prints, dict) else ():
        if name == "title":
            continue
        items = value.values() if isinstance(value, dict) else (value if isinstance(value, list) else [value])
        bag.update(f"{name}:{item}" for item in items)
    return bag


def _names_file(source_file: str, file_name: str) -> bool:
    if source_file == file_name:
        return True
    return source_file.startswith(file_name) and source_file[len(file_name) : len(file_name) + 1] in ("（", "(", " ")


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body) of a record's text, or None when it has no front matter block; the
    block ends where ``jixiao check`` ends it (record/frontmatter.py)."""
    parts = frontmatter.split(frontmatter.normalise(text))
    return None if parts is None else (parts.front, parts.body)


def _read(path: Path) -> Known | None:
    try:
        parts = split_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if parts is None:
        return None
    try:
        data = read_yaml(parts[0]).data
    except YamlProblem:
        return None
    if not isinstance(data, dict):
        return None
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    return Known(
        path=path,
        id=str(data.get("id") or ""),
        source_file=str(source.get("file") or ""),
        source_pages=str(source.get("pages") or ""),
        title=str(data.get("title") or ""),
        year=str(data.get("year") or ""),
        prints=tokens(data.get("import_fingerprints") or {}),
    )
