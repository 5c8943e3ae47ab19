"""Readable, stable URL segments for names: a department or place is cited by its pinyin.

Why pinyin and not the name: a Chinese URL pasted into a chat or an e-mail turns into
``%E6%B1%9F…``, which nobody can read or type; ``browse/region/jiangsusheng/suzhoushi/`` survives
any medium. Why not a hash: a hash says nothing and cannot be told apart from a typo.

Stability: a name's segment depends on the name alone (not on the other reports, nor on their
order), so adding reports never moves a page. Two names that read alike (同音, or ``ABC`` beside
``abc``) among the same siblings are the one exception: both then carry a short mark of their own
name (:func:`unique_segments`), and the build says which.

The pinyin comes from pypinyin, whose dictionary could read a character otherwise in a later
release; the version is pinned in pyproject.toml and tests/test_indexes.py holds the seed
sites' addresses, so a change of reading fails a test instead of moving pages.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from pypinyin import Style
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin

from .routes import PAGE

LIMIT = 72  # letters of a segment; a longer name (rare: 24 characters and more) is cut and marked
# Readings fixed before the rest is read: a place pypinyin reads otherwise than the place does
# (闵行), and the provinces whose pinyin is the same, spelt as they are officially (山西 shanxi,
# 陕西 shaanxi).
READINGS = {"闵行": "minhang", "陕西": "shaanxi"}
RESERVED = {PAGE}  # <list>/page/N/ is a list's page N (routes.py)
_PLAIN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def mark(name: str, size: int = 6) -> str:
    """A short fingerprint of the name itself, to tell apart names that read alike."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:size]


class _RememberingConverter(UltimateConverter):
    """pypinyin's own converter (the one its ``lazy_pinyin`` uses), remembering the reading of
    each phrase it is given: names are mostly made of the same phrases (省, 市, 教育局), and
    reading one again through pypinyin's styles was most of the time of a name (at 10,000
    reports, half a second while every other core waited for the catalog)."""

    _KEPT = 1 << 16  # phrases remembered; any further one is read every time

    def __init__(self):
        super().__init__()
        self._readings: dict[tuple, list] = {}

    def convert(self, words, style, heteronym, errors, strict, **kwargs):
        key = (words, style, heteronym, errors, strict)
        reading = self._readings.get(key)
        if reading is None:
            reading = super().convert(words, style, heteronym, errors, strict, **kwargs)
            if len(self._readings) < self._KEPT:
                self._readings[key] = reading
        return [list(item) for item in reading]  # a reading is never handed out to be changed


def _as_written(chars: str) -> list[str]:
    """What has no pinyin stays as it is (turned into hyphens below)."""
    return list(chars)


_PINYIN = Pinyin(_RememberingConverter())


@functools.lru_cache(maxsize=1 << 16)  # the same names come back in every build of a served site
def _letters(name: str) -> str:
    """The name as lowercase pinyin and ASCII letters and digits; anything else is a hyphen."""
    text = unicodedata.normalize("NFKC", name)  # full-width letters and digits become ASCII
    for phrase, reading in READINGS.items():
        text = text.replace(phrase, reading)
    # Latin letters lose their accents (Café → cafe); other characters become hyphens below.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    out: list[str] = []
    for piece in _PINYIN.lazy_pinyin(text, style=Style.NORMAL, errors=_as_written):
        piece = piece.lower().replace("ü", "v")
        out.append(piece if _PLAIN.fullmatch(piece) else re.sub(r"[^a-z0-9]+", "-", piece))
    return re.sub(r"-{2,}", "-", "".join(out)).strip("-")


def segment(name: str) -> str:
    """The URL segment of ``name``: its pinyin (苏州市 → suzhoushi), or its mark when it has no
    letters at all; a name longer than LIMIT letters is cut and carries its mark, so that two long
    names with a common beginning stay apart."""
    if len(name) <= LIMIT and _PLAIN.fullmatch(name) and name not in RESERVED:
        return name  # years, scheme ids and kinds are their own segment
    letters = _letters(name)
    if not letters:
        return mark(name)
    if len(letters) > LIMIT:
        return f"{letters[:LIMIT - 7].rstrip('-')}-{mark(name)}"
    if letters in RESERVED:
        return f"{letters}-{mark(name)}"
    return letters


def unique_segments(names) -> tuple[dict[str, str], list[list[str]]]:
    """Each name's segment among ``names`` (siblings of one folder), and the groups of names that
    read alike: those carry their mark too, so that no two share a folder."""
    by_segment: dict[str, list[str]] = {}
    for name in dict.fromkeys(names):
        by_segment.setdefault(segment(name), []).append(name)
    result: dict[str, str] = {}
    clashes = []
    for seg, group in by_segment.items():
        if len(group) == 1:
            result[group[0]] = seg
        else:
            clashes.append(sorted(group))
            for name in group:
                result[name] = f"{seg[:LIMIT - 7].rstrip('-')}-{mark(name)}"
    return result, clashes
