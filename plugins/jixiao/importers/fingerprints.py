"""What the importer wrote, remembered: a short fingerprint of every imported value, kept in the record.

On re-import the importer must tell a person's correction from its own output. Storing the
imported values a second time would double every record; a fingerprint (the first 8 hex digits
of a SHA-256 of the value) is enough to answer "is this still what the importer wrote?". The
fingerprints live in the record's ``import_fingerprints`` block, shaped like the record:

    import_fingerprints:
      title: qhwzbnea                       # a whole value
      budget: {initial: kdpcoxue, …}        # a table of figures: one per figure
      indicators: [mvaltyqe, cjrw…]         # rows: one per row, whatever its position
      body: [tfnoxzkb, …]                   # the narrative: one per heading and its text

Values are compared as text, the way the record reader keeps them: ``29.16`` written by the
importer and ``29.16`` read back from the file are one value, ``29.160`` is another (an edit).
A heading's level is not part of its fingerprint, so a person who moves a section up or down a
level has not changed what it says.
"""

from __future__ import annotations

import hashlib
import json
import re

FIELD = "import_fingerprints"
NOTES = "import_notes"
BODY = "body"

# Lists of rows, each row matched on re-import by these fields (folded), never by position: a row
# inserted by the unit or by a person does not shift every row below it into a conflict.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "indicators": ("category", "subcategory", "name"),
    "funding": ("source",),
    "subprojects": ("name",),
}
# Tables of named figures: each figure is its own value, so a corrected 实际支付数 does not hold
# back a new 年初预算数 from the document.
KEYED = frozenset({"budget", "declared", "categories", "footnote_points", "grade_bands", "year_sources"})
# Never merged: the record's id is the record's; ``source`` has its own rule (writer.py); the
# fingerprints are the importer's bookkeeping.
NOT_MERGED = frozenset({"id", "source", FIELD})

ABSENT = object()  # a field the record or the document does not have
_ABSENT_PRINT = "-" * 8  # never equal to a real fingerprint


def canonical(value):
    """The value as plain text data: what the record reader would give back for it."""
    if isinstance(value, dict):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    return str(value).strip()


def fingerprint(value) -> str:
    """8 lowercase letters (about 37 bits). Letters only: digits could read as a number in an
    editor's YAML (12345678, 1e345678), and the schema says what a fingerprint looks like."""
    if value is ABSENT:
        return _ABSENT_PRINT
    text = json.dumps(canonical(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    number = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    letters = []
    for _ in range(8):
        number, digit = divmod(number, 26)
        letters.append(chr(ord("a") + digit))
    return "".join(letters)


def same(a, b) -> bool:
    if a is ABSENT or b is ABSENT:
        return a is b
    return canonical(a) == canonical(b)


def row_key(field: str, row) -> tuple:
    """What makes a row the same row on both sides: its names, folded (spaces and quote marks)."""
    if field == BODY or field == NOTES:
        return (_fold(section_heading(row)) if field == BODY else _fold(row),)
    if not isinstance(row, dict):
        return (_fold(row),)
    return tuple(_fold(row.get(name)) for name in ROW_KEYS[field])


def _fold(value) -> str:
    if value is None:
        return ""
    return re.sub(r"[\s“”\"'‘’「」『』]", "", str(value))


# --- the narrative as rows: one per heading ---------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


def split_body(body: str) -> list[dict]:
    """The narrative cut at every heading, each part with its text exactly as written (``raw``).

    ``"".join(part["raw"] for part in split_body(body)) == body`` always holds: the writer puts a
    part back byte for byte when nothing in it changed."""
    parts: list[dict] = []
    current = {"heading": None, "level": 0, "raw": ""}
    fenced = False
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if stripped.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _HEADING.match(stripped)
        if match:
            if current["raw"] or current["heading"] is not None:
                parts.append(current)
            current = {"heading": match.group(2).strip(), "level": len(match.group(1)), "raw": ""}
        current["raw"] += line
    if current["raw"] or current["heading"] is not None:
        parts.append(current)
    return parts


def section_heading(part: dict) -> str | None:
    return part.get("heading")


def section_text(part: dict) -> str:
    """What a part says: its heading and its paragraphs, blank lines and indentation aside."""
    lines = part["raw"].splitlines()
    if part.get("heading") is not None and lines:
        lines = lines[1:]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def section_value(part: dict) -> dict:
    """A part as the value compared and fingerprinted (level and layout left out)."""
    return {"heading": part.get("heading"), "text": section_text(part)}


# --- fingerprints of a whole record -----------------------------------------------------------


def of_value(field: str, value):
    """The fingerprint entry for one field's value: a string, a table of them, or a list."""
    if field in ROW_KEYS or field == NOTES:
        return [fingerprint(row) for row in value]
    if field == BODY:
        return [fingerprint(section_value(part)) for part in value]
    if field in KEYED and isinstance(value, dict):
        return {str(key): fingerprint(item) for key, item in value.items()}
    return fingerprint(value)


def of_record(fields: dict, body_parts: list[dict]) -> dict:
    """Fingerprints of everything the importer wrote into a new record, in the record's order."""
    prints = {name: of_value(name, value) for name, value in fields.items() if name not in NOT_MERGED}
    if body_parts:
        prints[BODY] = of_value(BODY, body_parts)
    return prints


def ordered(prints: dict, order: list[str]) -> dict:
    """In the record's own order, the narrative last: the block reads like the record above it."""
    rank = {name: index for index, name in enumerate(order)}
    return dict(sorted(prints.items(), key=lambda item: rank.get(item[0], len(rank))))
