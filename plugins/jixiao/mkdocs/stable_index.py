"""The same content gives the same search index, byte for byte.

Pagefind writes each filter (year, region, grade …) with its values in the order of a Rust hash
map, which is seeded anew by every run, and lists the filters and sort orders in its metadata file
in the same random order. The files are named by a hash of their contents, so two builds of the
same content publish differently named files, and a deployment cannot tell that nothing changed.

This puts them in order after Pagefind has run: each filter's values sorted, the filters and the
sort orders sorted by name, the files renamed by a hash of the new contents and the entry file
pointed at the new metadata. The word index and the fragments are left as Pagefind wrote them
(they come out the same every run). Nothing here changes what a search finds: the order of a
filter's values carries no meaning to Pagefind's reader.

A file this module cannot read (another Pagefind version's format) is left as it is, with a
warning: the site still works, only the bytes may differ between builds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from ..site import cbor

log = get_plugin_logger(__name__)

SIGNATURE = b"pagefind_dcd"  # the first bytes of every decompressed Pagefind data file


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise cbor.CBORError(f"{path.name} does not start with {SIGNATURE!r}")
    return cbor.decode(data[len(SIGNATURE):])


def _packed(value) -> bytes:
    # mtime=0: a gzip header otherwise records the time of writing.
    return gzip.compress(SIGNATURE + cbor.encode(value), compresslevel=9, mtime=0)


def _name(language: str, packed: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(packed).hexdigest()[:length]}"


def _text_pairs(value, second) -> bool:
    """Whether ``value`` is a list of [text, <second>] pairs."""
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and second(item[1]) for item in value)


def stabilise(bundle: Path) -> bool:
    """Put the Pagefind bundle at ``bundle`` (site/pagefind) in a stable order. False, with a
    warning, when its files are not in the shape this module knows."""
    try:
        _stabilise(Path(bundle))
        return True
    except (OSError, ValueError, KeyError, cbor.CBORError) as error:
        log.warning("检索索引未能按固定顺序重写（%s）：网站可以正常使用，但两次构建的检索文件可能不完全相同", error)
        return False


def _stabilise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry_text = entry_path.read_text(encoding="utf-8")
    for language, about in sorted(entry["languages"].items()):
        old_meta = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(old_meta)
        filters = [part for part in meta if part and _text_pairs(part, lambda h: isinstance(h, str))]
        sorts = [part for part in meta if part and _text_pairs(part, lambda order: isinstance(order, list))]
        if len(filters) > 1 or len(sorts) > 1:
            raise cbor.CBORError("the metadata file has more than one list of filters or sorts")
        for pairs in filters:
            rewritten = {}  # every file read before any is written: a new name may be an old one
            for name, old_hash in pairs:
                filter_name, values = _read(bundle / "filter" / f"{old_hash}.pf_filter")
                if not _text_pairs(values, lambda pages: isinstance(pages, list)):
                    raise cbor.CBORError(f"filter {name} is not a list of values")
                rewritten[name] = (old_hash, _packed([filter_name, sorted(values, key=lambda item: item[0])]))
            for old_hash, _ in rewritten.values():
                (bundle / "filter" / f"{old_hash}.pf_filter").unlink()
            renamed = []
            for name, (old_hash, packed) in rewritten.items():
                new_hash = _name(language, packed, len(old_hash) - len(language) - 1)
                (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(packed)
                renamed.append([name, new_hash])
            pairs[:] = sorted(renamed)
        for pairs in sorts:
            pairs.sort(key=lambda item: item[0])
        packed = _packed(meta)
        new_meta = _name(language, packed, len(about["hash"]) - len(language) - 1)
        old_meta.unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(packed)
        entry_text = entry_text.replace(json.dumps(about["hash"]), json.dumps(new_meta))
    entry_path.write_text(entry_text, encoding="utf-8")
