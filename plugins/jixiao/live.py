"""A collection kept up to date file by file, for a preview that rebuilds on every save.

`load_collection` reads every record; while a site is served, a save changes one. Here each
record file is read, scored and checked on its own once, and again only when its content (its
hash) changed; the checks across records (duplicate ids, the same report twice, files in the
wrong place) and the silences are applied again over the records as they are, which costs
microseconds a record. The result is the collection `load_collection` would give for the same
files, finding for finding.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import seniority
from .bulk import collector_paused
from .collection import Analysis, Collection, _refused, _shown, analyse, apply_silences, check_collection
from .record import LoadedRecord
from .record.loading import MAX_FILE_BYTES, load_bytes, load_file
from .record.tree import records_root, scan
from .schemes import load_schemes


@dataclass
class _Record:
    stamp: tuple[int, int]  # modification time and size: whether to read the file again
    digest: str | None  # of its content: whether what was read changed
    own: Analysis  # scored and checked on its own, before the checks across records
    where: tuple


class LiveCollection:
    def __init__(self, root: Path, scheme_dirs=(), base: Path | None = None, visible=None):
        self.root = Path(root)
        self.base = base
        self.visible = visible
        self.schemes = load_schemes(scheme_dirs)
        self.records: dict[str, _Record] = {}  # shown path -> its state
        self.order: list[str] = []
        self.refused: list = []
        self.refresh()

    def refresh(self) -> set[str]:
        """Read again the record files whose content changed; the shown paths of the records
        edited, added or removed since the last call."""
        changed: set[str] = set()
        order, seen, files = [], set(), {}
        with collector_paused():
            tree = scan(records_root(self.root))
            for file in tree.records:
                resolved = file.resolve()
                if resolved in seen:
                    continue
                seen.add(resolved)
                shown = _shown(file, self.base)
                order.append(shown)
                files[shown] = file
                if self._read(file, shown):
                    changed.add(shown)
            gone = set(self.records) - set(order)
            for shown in gone:
                del self.records[shown]
            changed |= gone
            self.order = order
            self.refused = [(item, _shown(item.path, self.base)) for item in tree.refused]
        return changed

    def _read(self, file: Path, shown: str) -> bool:
        try:
            stat = file.stat()
        except OSError:
            stat = None
        stamp = (stat.st_mtime_ns, stat.st_size) if stat else (0, -1)
        known = self.records.get(shown)
        if known is not None and known.stamp == stamp:
            return False
        if stat is None or stat.st_size > MAX_FILE_BYTES:
            loaded, digest = load_file(file, shown), None
        else:
            try:
                data = file.read_bytes()
            except OSError:
                loaded, digest = load_file(file, shown), None
            else:
                digest = hashlib.sha256(data).hexdigest()
                if known is not None and known.digest == digest:
                    known.stamp = stamp  # touched, not changed
                    return False
                loaded = load_bytes(data, LoadedRecord(path=shown))
        self.records[shown] = _Record(stamp, digest, analyse(loaded, self.schemes), seniority.on_disk(file))
        return True

    def collection(self) -> Collection:
        """The collection as `load_collection` gives it: fresh analyses over the records' own
        work, with the checks across records and the silences applied again."""
        analyses = []
        for shown in self.order:
            own = self.records[shown].own
            analyses.append(Analysis(own.loaded, own.scheme, own.computed, list(own.findings)))
        for item, shown in self.refused:
            refused = _refused(item, shown)
            analyses.append(Analysis(refused, findings=list(refused.findings)))
        where = {shown: self.records[shown].where for shown in self.order}
        check_collection(analyses, visible=self.visible, first=lambda group: seniority.order(group, where))
        for analysis in analyses:
            apply_silences(analysis)
        return Collection(self.root, analyses, self.schemes)
