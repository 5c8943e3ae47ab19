"""From bytes to clean text: encoding, control characters, traditional characters, archive headers.

Text reaches us from many hands: UTF-8 or GBK, with a BOM or not, through mirror sites that
convert a report to traditional characters and insert pinyin after words (``項(xiàng)目``), or
with an archiver's provenance header on top (``SOURCE: <address>`` and ``NOTE:`` lines closed by
``----``). Everything done to the text is noted; nothing here knows about reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...document import Unreadable

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORDISH = re.compile(r"[\w\u3000-\u303f\uff00-\uffef%.]")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")  # left behind by some Word-to-text converters
# Pinyin a converter put in brackets after a character: 項(xiàng)目, 數(shù)
_PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}[)）]"
)
_ARCHIVE_FIELD = re.compile(r"^(SOURCE|NOTE|URL|TITLE|DATE)\s*:", re.I)


@dataclass
class CleanText:
    text: str
    notes: list[str] = field(default_factory=list)
    source_url: str | None = None
    traditional: bool = False


def clean(data: bytes) -> CleanText:
    notes: list[str] = []
    text = decode(data, notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _without_controls(text, notes)
    text = _BOOKMARK.sub("", text)
    text, url = _without_archive_header(text)
    text, traditional = _simplified(text, notes)
    return CleanText(text, notes, url, traditional)


def decode(data: bytes, notes: list[str]) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030; stray bytes are noted."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", "replace")
    broken = loose.count("\ufffd")
    if len(_CJK.findall(loose)) >= 4 * broken:
        notes.append(f"文件有 {broken} 处字节无法按 UTF-8 解码，已显示为“\ufffd”；这些位置的文字请对照原件补正")
        return loose
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _CJK.search(text):
        notes.append("文件按 GBK/GB18030 编码读取（不是 UTF-8）；请核对文字是否正确")
        return text
    if len(_CJK.findall(loose)) < 2:
        raise Unreadable("文件不是可识别的文本（既不是 UTF-8 也不是 GBK 编码的中文），可能是二进制文件或已损坏")
    notes.append(f"文件有 {broken} 处字节无法解码，已显示为“\ufffd”；这些位置的文字请对照原件补正")
    return loose


def _without_controls(text: str, notes: list[str]) -> str:
    """Control characters are not text; a file made mostly of them is not a text file at all."""
    kept = _CONTROL.sub("", text)
    removed = len(text) - len(kept)
    words = len(_WORDISH.findall(kept))
    visible = len(kept) - len(re.findall(r"\s", kept))
    if words < 2 or words < 0.3 * visible:
        raise Unreadable("文件不是可识别的文本（几乎没有文字，可能是二进制文件或已损坏）")
    if removed:
        notes.append(f"文件中有 {removed} 个控制字符（不是文字），已去掉")
    return kept


def _without_archive_header(text: str) -> tuple[str, str | None]:
    """An archiver's ``SOURCE:``/``NOTE:`` lines closed by a ``----`` line are about the text, not
    part of it: the address is kept as the source, the rest dropped."""
    lines = text.split("\n")
    if not lines or not _ARCHIVE_FIELD.match(lines[0].strip()):
        return text, None
    for index, line in enumerate(lines[:60]):
        if re.fullmatch(r"-{3,}", line.strip()):
            header = lines[:index]
            url = next((m.group(1) for m in (re.match(r"(?:SOURCE|URL)\s*:\s*(https?://\S+)", h.strip(), re.I)
                                              for h in header) if m), None)
            return "\n".join(lines[index + 1:]), url
    return text, None


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str, notes: list[str]) -> tuple[str, bool]:
    """A traditional-character copy is read in simplified characters (and pinyin a mirror inserted
    is dropped), so that the form's labels are found; the record says this was done."""
    cjk = _CJK.findall(text)
    if not cjk:
        return text, False
    converted = _converter().convert(text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if changed < 5 or changed < 0.03 * len(cjk):
        return text, False
    pinyin = len(_PINYIN.findall(converted))
    if pinyin:
        converted = _PINYIN.sub("", converted)
    note = f"原件是繁体字文本（{changed} 个字不同），已转为简体字读取（OpenCC）；数字与符号未改"
    if pinyin:
        note += f"；并去掉了转换网站插在字后的 {pinyin} 处拼音，如“项(xiàng)”"
    notes.append(note)
    return converted, True
