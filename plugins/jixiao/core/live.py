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
import os
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
    keys: tuple = ()  # the groups the checks across records put it in (LiveCollection._keys)


def _stamp(folder: str) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1


class LiveCollection:
    def __init__(self, root: Path, scheme_dirs=(), base: Path | None = None, visible=None):
        self.root = Path(root)
        self.base = base
        self.visible = visible
        self.schemes = load_schemes(scheme_dirs)
        self.records: dict[str, _Record] = {}  # shown path -> its state
        self.order: list[str] = []
        self.refused: list = []
        self._names: dict[Path, tuple[Path, str]] = {}  # a file as found -> where it leads, and as shown
        self._last: dict[str, Analysis] = {}  # the previous collection's analyses, by shown path
        self._dirty: set[str] = set()  # read again since the previous collection
        self._old_keys: dict[str, tuple] = {}
        self._tree = None  # the last scan, and the folders' stamps it was made at
        self._folders: dict[str, int] = {}
        self.refresh()

    def refresh(self) -> set[str]:
        """Read again the record files whose content changed; the shown paths of the records
        edited, added or removed since the last call."""
        changed: set[str] = set()
        order, seen, files = [], set(), {}
        with collector_paused():
            tree = self._scan()
            for file in tree.records:
                names = self._names.get(file)
                if names is None:  # resolving a path costs system calls: once a file
                    names = self._names[file] = (file.resolve(), _shown(file, self.base))
                resolved, shown = names
                if resolved in seen:
                    continue
                seen.add(resolved)
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
        self._dirty |= changed
        return changed

    def _scan(self):
        """The tree of record files; scanned again only when a folder of it changed (a file
        added, removed or renamed changes its folder), else the last scan's."""
        if self._tree is not None and all(_stamp(folder) == stamp for folder, stamp in self._folders.items()):
            return self._tree
        root = records_root(self.root)
        tree = scan(root)
        folders = {str(root)} | {str(file.parent) for file in tree.records} | {str(item.path.parent) for item in tree.refused}
        for folder in list(folders):  # and every folder between them and the root
            while len(folder) > len(str(root)):
                folder = str(Path(folder).parent)
                folders.add(folder)
        self._folders = {folder: _stamp(folder) for folder in folders}
        self._tree = tree
        return tree

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
        own = analyse(loaded, self.schemes)
        self.records[shown] = _Record(stamp, digest, own, seniority.on_disk(file), self._keys(own))
        return True

    def collection(self) -> Collection:
        """The collection as `load_collection` gives it, findings and all.

        The checks across records look at records with the same id or the same project (title,
        year, department) and at each record's own place: only those groups that hold a record
        read again (before or after) are checked anew; every other record keeps its analysis
        from the previous call, which those checks would give again."""
        keys = {shown: self.records[shown].keys for shown in self.order}  # made once a read, not once a save
        dirty = self._dirty
        if self._last and not self.refused:
            touched = {key for shown in dirty for key in keys.get(shown, ()) + self._old_keys.get(shown, ())}
            redo = {shown for shown, own in keys.items()
                    if shown in dirty or shown not in self._last or any(key in touched for key in own)}
        else:
            redo = set(self.order)
        analyses, fresh = [], []
        for shown in self.order:
            if shown in redo:
                own = self.records[shown].own
                analysis = Analysis(own.loaded, own.scheme, own.computed, list(own.findings))
                fresh.append(analysis)
            else:
                analysis = self._last[shown]
            analyses.append(analysis)
        for item, shown in self.refused:
            refused = _refused(item, shown)
            analysis = Analysis(refused, findings=list(refused.findings))
            analyses.append(analysis)
            fresh.append(analysis)
        where = {shown: self.records[shown].where for shown in self.order}
        check_collection(fresh, visible=self.visible, first=lambda group: seniority.order(group, where))
        for analysis in fresh:
            apply_silences(analysis)
        self._last = {analysis.path: analysis for analysis in analyses[:len(self.order)]}
        self._old_keys = keys
        self._dirty = set()
        return Collection(self.root, analyses, self.schemes)

    def _keys(self, analysis: Analysis) -> tuple:
        """The groups the checks across records put a record in: its id and its project."""
        report = analysis.report
        if report is None:
            return ()
        project = ("project", report.title, report.year, report.department or "")
        if self.visible is not None and not self.visible(report):
            return (("id", report.id),)
        return (("id", report.id), project)
