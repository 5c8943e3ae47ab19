"""Writing merged values back into a record's own text: what did not change stays byte for byte.

A re-import must be reviewable as a git diff. So the record is not written afresh: every
top-level key keeps its lines as written (quoting, flow or block style, comments, blank lines)
unless its value changed; a changed table keeps the lines of its unchanged rows and writes the
new ones in the style the table already uses (one ``- {…}`` line per row, or a block per row);
a changed figure of ``budget:`` rewrites that one line. The narrative is kept section by section
the same way. A record whose values did not change comes out identical.
"""

from __future__ import annotations

import re

from ..core.record import frontmatter
from .fingerprints import ABSENT, FIELD, split_body, same
from .yamltext import block, list_item, scalar

_KEY_LINE = re.compile(r"^(?P<key>[^\s#\-][^:]*?|\"[^\"]*\"|'[^']*'):(\s|$)")
_ITEM = re.compile(r"^(?P<pad>\s*)- ")
_WIDTH = 100  # characters per line of a wrapped list of fingerprints


# --- the front matter as blocks of lines ------------------------------------------------------


def blocks(front: str) -> list[tuple[str | None, list[str]]]:
    """``[(key, lines)]`` in file order; key None for lines before the first key. Joining every
    block's lines with newlines gives the front matter back exactly."""
    lines = front.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    found: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        match = _KEY_LINE.match(line)
        if match:
            found.append((match.group("key").strip("\"'"), [line]))
        else:
            found[-1][1].append(line)
    return found if found[0][1] else found[1:]


def rewrite(front: str, body: str, old: dict, values: dict, body_parts: list[dict] | None,
            order: list[str]) -> str:
    """The record's text with ``values`` (field → value, ABSENT to take a field out) put in."""
    out: list[tuple[str | None, list[str]]] = []
    placed = set()
    for key, lines in blocks(front):
        if key is None or key not in values:
            out.append((key, lines))
            continue
        placed.add(key)
        value = values[key]
        if value is ABSENT:
            continue
        if key in old and same(old[key], value):
            out.append((key, lines))
        else:
            out.append((key, _changed(key, lines, old.get(key, ABSENT), value)))
    for key, value in values.items():
        if key in placed or value is ABSENT:
            continue
        out.insert(_position(out, key, order), (key, render(key, value)))
    front_text = "".join(line + "\n" for _, lines in out for line in lines)
    return frontmatter.join(front_text, body if body_parts is None else join_body(body, body_parts))


def _position(out: list, key: str, order: list[str]) -> int:
    rank = order.index(key) if key in order else len(order)
    position = 1 if out and out[0][0] is None else 0
    for index, (other, _) in enumerate(out):
        if other is not None and (order.index(other) if other in order else -1) <= rank:
            position = index + 1
    return position


def render(key: str, value) -> list[str]:
    if key == FIELD:
        return fingerprint_block(value)
    return block(key, value)


def _changed(key: str, lines: list[str], old, new) -> list[str]:
    content, trailing = _trailing(lines)
    if key == FIELD:
        return fingerprint_block(new) + trailing
    head = content[0]
    inline = head[len(_KEY_LINE.match(head).group(0)):].strip() if _KEY_LINE.match(head) else ""
    if isinstance(new, list) and isinstance(old, list) and not inline:
        rendered = _rows(key, content, old, new)
    elif isinstance(new, dict) and isinstance(old, dict) and inline.startswith("{"):
        rendered = [f"{scalar(key)}: {flow(new)}"]
    elif isinstance(new, dict) and isinstance(old, dict) and not inline:
        rendered = _table(key, content, old, new)
    else:
        rendered = block(key, new)
    return rendered + trailing


def _trailing(lines: list[str]) -> tuple[list[str], list[str]]:
    """A block's own lines and the blank or comment lines after it (kept where they are)."""
    end = len(lines)
    while end > 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return lines[:end], lines[end:]


def _chunks(content: list[str], pattern) -> tuple[list[str], list[list[str]], str] | None:
    """The head lines, then one chunk of lines per item at the shallowest item indent."""
    starts = [(index, pattern(line)) for index, line in enumerate(content) if index and pattern(line) is not None]
    if not starts:
        return None
    pad = min(len(found) for _, found in starts)
    cut = [index for index, found in starts if len(found) == pad]
    head = content[: cut[0]]
    chunks = [content[a:b] for a, b in zip(cut, cut[1:] + [len(content)])]
    return head, chunks, " " * pad


def _rows(key: str, content: list[str], old: list, new: list) -> list[str]:
    found = _chunks(content, lambda line: m.group("pad") if (m := _ITEM.match(line)) else None)
    if found is None or len(found[1]) != len(old):
        return block(key, new)
    head, chunks, pad = found
    one_line = all(len(chunk) == 1 and chunk[0].lstrip().startswith("- {") for chunk in chunks)
    used: set[int] = set()
    lines = list(head)
    for row in new:
        reuse = next((i for i, before in enumerate(old) if i not in used and same(before, row)), None)
        if reuse is not None:
            used.add(reuse)
            lines += chunks[reuse]
        elif one_line and isinstance(row, dict):
            lines.append(f"{pad}- {flow(row)}")
        else:
            lines += list_item(row, len(pad))
    return lines


def _table(key: str, content: list[str], old: dict, new: dict) -> list[str]:
    def sub_key(line: str):
        stripped = line.lstrip()
        match = _KEY_LINE.match(stripped) if line[: len(line) - len(stripped)] else None
        return line[: len(line) - len(stripped)] if match else None

    found = _chunks(content, sub_key)
    if found is None:
        return block(key, new)
    head, chunks, pad = found
    by_key = {}
    for chunk in chunks:
        match = _KEY_LINE.match(chunk[0].lstrip())
        by_key[match.group("key").strip("\"'")] = chunk
    lines = list(head)
    for name, value in new.items():
        if name in by_key and name in old and same(old[name], value):
            lines += by_key[name]
        else:
            lines += block(name, value, len(pad))
    return lines


# --- flow style -------------------------------------------------------------------------------


def flow(value) -> str:
    """A value on one line, as the hand-made records write their rows: ``{name: 合计, spent: 29.16}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(key)}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return scalar(value)


def fingerprint_block(prints: dict) -> list[str]:
    """The fingerprints, one line per field (long lists wrapped): a re-import that changes one
    figure changes one line of them."""
    lines = [f"{FIELD}:"]
    for name, value in prints.items():
        if isinstance(value, dict):
            items = [f"{scalar(key)}: {item}" for key, item in value.items()]
            lines += _wrapped(scalar(name), items, "{", "}")
        elif isinstance(value, list):
            lines += _wrapped(scalar(name), list(value), "[", "]")
        else:
            lines.append(f"  {scalar(name)}: {value}")
    return lines


def _wrapped(name: str, items: list[str], opening: str, closing: str) -> list[str]:
    """``name: [a, b, …]`` cut into lines of about _WIDTH characters, continued four spaces in."""
    lines: list[str] = []
    current = f"  {name}: {opening}"
    for index, item in enumerate(items):
        piece = item + ("," if index < len(items) - 1 else "")
        if len(current) + len(piece) + 1 > _WIDTH and not current.endswith(opening):
            lines.append(current)
            current = "    " + piece
        else:
            current += ("" if current.endswith(opening) else " ") + piece
    lines.append(current + closing)
    return lines


# --- the narrative ----------------------------------------------------------------------------


def body_parts(body: str) -> tuple[str, list[dict]]:
    """Blank lines before the first text (kept as written), then the parts of :func:`split_body`."""
    stripped = body.lstrip("\n")
    return body[: len(body) - len(stripped)], split_body(stripped)


def join_body(body: str, parts: list[dict]) -> str:
    lead, old_parts = body_parts(body)
    if [part["raw"] for part in parts] == [part["raw"] for part in old_parts]:
        return body
    pieces = []
    for index, part in enumerate(parts):
        raw = part["raw"]
        if index < len(parts) - 1:
            raw = raw if raw.endswith("\n\n") else raw.rstrip("\n") + "\n\n"
        elif not raw.endswith("\n"):
            raw += "\n"
        pieces.append(raw)
    return (lead or ("\n" if pieces else "")) + "".join(pieces)
