"""The text of a saved web page: which encoding its bytes are in.

Chinese portals serve GBK/GB2312 as often as UTF-8, and their declarations are not always right
(a page re-saved by a browser keeps ``charset=gb2312`` over UTF-8 bytes). In order: a byte-order
mark; bytes that are valid UTF-8 (non-ASCII UTF-8 is almost never an accident); the page's own
declaration (``<meta charset>``, ``http-equiv`` content-type, the XML declaration); GB18030, which
reads GBK and GB2312. Only when none of them decodes cleanly is a character replaced, and noted.
"""

from __future__ import annotations

import codecs
import re

_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""",
    re.I,
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Names pages use for the GB family: GB18030 is a superset of all of them.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "936": "gb18030",
            "gb_2312-80": "gb18030", "gb_2312": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
            "big5": "big5hkscs", "x-big5": "big5hkscs", "utf8": "utf-8", "unicode": "utf-8"}


def declared_encoding(data: bytes) -> str | None:
    match = _DECLARED.search(data[:8192])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "ignore").strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes, notes: list[str]) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data)
    tried = [name for name in (declared, "gb18030") if name and name not in ("utf-8", "ascii")]
    # a page that declares Latin-1 or windows-1252 but holds Chinese is GBK in disguise
    tried = [name for name in tried if name not in ("iso8859-1", "latin-1", "cp1252")] or ["gb18030"]
    for encoding in dict.fromkeys(tried):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    encoding = tried[0]
    text = data.decode(encoding, errors="replace")
    notes.append(f"网页的字符编码无法确定，按 {encoding.upper()} 读取，{text.count(chr(0xFFFD))} 个字符无法识别（显示为 �）；"
                 "请核对原网页")
    return text
