"""Front matter YAML written by hand, so that every value comes back exactly as it went in.

A YAML library would choose its own quoting and turn ``7.940`` into a float; the record wants
text as written. Plain style is used only where it is unambiguous to any YAML reader (a decimal
number, or words that cannot be read as anything but a string); everything else is
double-quoted with escapes. Mappings and lists of mappings are written in block style, short
lists of words in flow style (``region: [江苏省, 苏州市]``), as in the hand-made records.
"""

from __future__ import annotations

import re
import unicodedata

_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
_SAFE_ASCII = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_./%()+=;")
_FIRST_ASCII = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def scalar(value) -> str:
    text = str(value)
    if _NUMBER.match(text):
        return text
    if _plain_ok(text):
        return text
    return quoted(text)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text.lower() in _RESERVED:
        return False
    first = text[0]
    if first.isascii() and first not in _FIRST_ASCII:
        return False
    for char in text:
        if char.isascii():
            if char not in _SAFE_ASCII:
                return False
        elif not _printable(char) or char in "\u2028\u2029\ufeff\x85":
            return False
    return True


def _printable(char: str) -> bool:
    """Safe to write as itself: not a control, format, private or line/paragraph separator."""
    category = unicodedata.category(char)
    return not category.startswith("C") and category not in ("Zl", "Zp")


def quoted(text: str) -> str:
    out = ['"']
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif (char.isascii() and not char.isprintable()) or not _printable(char) or char in "\u2028\u2029\ufeff\x85":
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def flow_list(values) -> str:
    items = []
    for value in values:
        text = scalar(value)
        if "," in text and not text.startswith('"'):
            text = quoted(str(value))
        items.append(text)
    return "[" + ", ".join(items) + "]"


def block(key: str, value, indent: int = 0) -> list[str]:
    """``key: value`` as lines at ``indent`` spaces, for any value a record holds."""
    pad = " " * indent
    name = scalar(key)
    if isinstance(value, dict):
        lines = [f"{pad}{name}:"]
        for sub_key, sub_value in value.items():
            lines.extend(block(sub_key, sub_value, indent + 2))
        return lines
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value) and _short_words(value):
            return [f"{pad}{name}: {flow_list(value)}"]
        lines = [f"{pad}{name}:"]
        for item in value:
            lines.extend(list_item(item, indent + 2))
        return lines
    if isinstance(value, bool):
        return [f"{pad}{name}: {'true' if value else 'false'}"]
    return [f"{pad}{name}: {scalar(value)}"]


def list_item(item, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        lines: list[str] = []
        for position, (key, value) in enumerate(item.items()):
            sub = block(key, value, indent + 2)
            if position == 0:
                sub[0] = f"{pad}- " + sub[0][indent + 2 :]
            lines.extend(sub)
        return lines or [f"{pad}- {{}}"]
    return [f"{pad}- {scalar(item)}"]


def _short_words(values: list) -> bool:
    return all(len(str(value)) <= 40 for value in values) and len(values) <= 12
