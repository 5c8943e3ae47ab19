"""A folder of records, loaded once, scored and checked: what the CLI and the site both start from.

The flow runs one way, each step once per record:
files → :func:`load_file` → :func:`compute` under the record's scheme → :func:`check_record`
→ cross-record checks → silences applied. A record that fails to load stays in the collection
with its findings, so nobody loses sight of it; consumers publish only the ones that loaded.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from .bulk import collector_paused
from .checks import check_record
from .checks._make import finding
from .findings import Finding, Severity
from .forked import fork_map
from . import seniority
from .record import LoadedRecord, load_file
from .record.loading import path_of
from .record.tree import records_root, scan
from .record_store import RecordStore
from .rules import BLOCKING, RULES, current_code
from .schemes import load_schemes
from .scoring import compute


@dataclass(frozen=True, slots=True)
class CrossFacts:
    """What the checks across records, and the silences, read of a record that loaded."""

    id: str
    title: str
    year: int | None
    department: str | None
    shown: bool  # in the edition being built (check_collection's ``visible``)
    silences: bool  # the record silences some finding

    @classmethod
    def of(cls, report, visible=None) -> CrossFacts:
        return cls(report.id, report.title, report.year, report.department,
                   visible is None or bool(visible(report)), bool(report.silence))


# Records held whole in memory (about 46 KB each, 0.9 GB at 20,000); with more, each is kept in a
# file once read and checked (StoredAnalysis), so that memory does not grow with the records.
RECORDS_IN_MEMORY = 20_000

# The fields whose lines the checks across records and the silences name (and their parents'):
# all a stored record keeps of its lines (StoredAnalysis).
_CROSS_FIELDS = {"id", "title", "year", "silence"}


class _FindingsOf:
    """What an analysis answers from its findings alone."""

    __slots__ = ()
    findings: list[Finding]

    def active(self, severity: Severity | None = None) -> list[Finding]:
        """Findings not silenced by the record, optionally of one severity."""
        return [f for f in self.findings if not f.silenced and (severity is None or f.severity == severity)]

    @property
    def silenced(self) -> list[Finding]:
        return [f for f in self.findings if f.silenced]

    def by_field(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for item in self.findings:
            grouped[item.field].append(item)
        return dict(grouped)


@dataclass
class Analysis(_FindingsOf):
    """One record with everything the portal knows about it."""

    loaded: LoadedRecord
    scheme: object | None = None
    computed: object | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def report(self):
        return self.loaded.report

    @property
    def path(self) -> str:
        return self.loaded.path

    @property
    def ok(self) -> bool:
        return self.loaded.report is not None

    def facts(self, visible=None) -> CrossFacts:
        """Of a record that loaded."""
        return CrossFacts.of(self.report, visible)

    def forget_lines(self) -> None:
        # Every finding now carries its line; the field → line maps are a fifth of a record's
        # memory and no later step reads them.
        self.loaded.lines = {}


class StoredAnalysis(_FindingsOf):
    """The analysis of a record that loaded, its record and scores kept in a RecordStore
    (record_store.py) and read back when asked for; its path, scheme, findings and the facts the
    checks across records compare kept here. Read by the same names as an :class:`Analysis`."""

    __slots__ = ("path", "scheme", "findings", "cross", "_store", "_place", "_packed")
    ok = True

    def __init__(self, analysis: Analysis, store, visible=None):
        """Made where the record was read (a forked process too): the record and scores are
        pickled here, and stored by :meth:`keep` in the process that holds the store."""
        self.path = analysis.path
        self.scheme = analysis.scheme
        self.findings = analysis.findings
        self.cross = analysis.facts(visible)
        lines = analysis.loaded.lines
        analysis.loaded.lines = {path: line for path, line in lines.items() if not path or path[0] in _CROSS_FIELDS}
        self._store = store
        self._place = None
        self._packed = store.pack((analysis.loaded, analysis.computed))

    def keep(self) -> StoredAnalysis:
        if self._packed is not None:
            self._place = self._store.put(self._packed)
            self._packed = None
        return self

    def _read(self) -> tuple:
        return self._store.get(self._place)

    @property
    def loaded(self) -> LoadedRecord:
        return self._read()[0]

    @property
    def computed(self):
        return self._read()[1]

    @property
    def report(self):
        return self._read()[0].report

    def facts(self, visible=None) -> CrossFacts:
        return self.cross  # made with the collection's own ``visible``

    def forget_lines(self) -> None:
        pass  # only the lines of the facts were stored


def _kept(result):
    """A result of the processes that read the records, as this one holds it."""
    return result.keep() if isinstance(result, StoredAnalysis) else result


@dataclass
class Collection:
    root: Path
    analyses: list[Analysis]
    schemes: dict
    store: RecordStore | None = None  # where stored analyses are kept (load_collection's ``in_memory``)

    @property
    def loaded(self) -> list[Analysis]:
        return [a for a in self.analyses if a.ok]

    @property
    def failed(self) -> list[Analysis]:
        return [a for a in self.analyses if not a.ok and not a.loaded.refused]

    @property
    def refused(self) -> list[Analysis]:
        """Files of the reports tree that are not records (record/tree.py)."""
        return [a for a in self.analyses if not a.ok and a.loaded.refused]

    def summary(self) -> dict:
        counts = Counter()
        for analysis in self.analyses:
            for item in analysis.active():
                counts[item.severity.value] += 1
        return {
            "files": len(self.analyses),
            "reports": len(self.loaded),
            "failed": len(self.failed),
            "refused": len(self.refused),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
        }


def analyse(loaded: LoadedRecord, schemes: dict) -> Analysis:
    analysis = Analysis(loaded, findings=list(loaded.findings))
    report = loaded.report
    if report is None:
        return analysis
    analysis.scheme = schemes.get(report.scheme)
    if analysis.scheme is None:
        analysis.findings.append(_located(loaded, finding(
            "unknown-scheme",
            "scheme",
            f"评分办法“{report.scheme}”不存在；已有：{'、'.join(sorted(schemes))}",
            hint="改用已有编号，或在站点的评分办法目录中新增该办法的 YAML 文件",
        )))
    else:
        analysis.computed = compute(report, analysis.scheme)
    analysis.findings.extend(check_record(loaded, analysis.scheme, analysis.computed))
    return analysis


def load_collection(paths: list[Path] | Path, scheme_dirs=(), base: Path | None = None,
                    visible=None, jobs: int = 1, in_memory: int | None = None) -> Collection:
    """Load every record under ``paths`` (files or folders), once, and check them all.

    Files of the tree that are not records (record/tree.py) stay in the collection as refused,
    with a ``not-a-record`` warning each, so that `jixiao check` and the build name the same ones.
    ``visible``: see :func:`check_collection`. ``jobs``: processes that read and score the
    records (forked.py); the checks across records run here, on all of them. ``in_memory``: with
    more records than this, each is kept in a file and read back when asked for
    (:class:`StoredAnalysis`, record_store.py); the collection's ``store``, to be closed."""
    paths = [paths] if isinstance(paths, Path) else list(paths)
    schemes = load_schemes(scheme_dirs)
    items: list[tuple] = []  # (file, shown) of a record, (refused item, shown) of any other file
    where: dict[str, tuple] = {}
    seen: set[Path] = set()
    for root in paths:
        tree = scan(records_root(root))
        for file in tree.records:
            resolved = file.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            shown = _shown(file, base)
            where[shown] = seniority.on_disk(file)
            items.append((file, shown))
        items.extend((item, _shown(item.path, base)) for item in tree.refused)
    store = RecordStore(schemes.values()) if in_memory is not None and len(items) > in_memory else None
    shared = store.shared if store else schemes.values()
    with collector_paused():
        analyses = fork_map(partial(_read_and_score, schemes=schemes, store=store, visible=visible), items, jobs,
                            shared=shared, keep=_kept)
        collection = checked_across(paths[0] if paths else Path("."), analyses, schemes, visible=visible,
                                    first=lambda group: seniority.order(group, where))
    collection.store = store
    return collection


def _read_and_score(item: tuple, schemes: dict, store=None, visible=None) -> Analysis | StoredAnalysis:
    what, shown = item
    analysis = analyse(load_file(what, shown) if isinstance(what, Path) else _refused(what, shown), schemes)
    return StoredAnalysis(analysis, store, visible) if store is not None and analysis.ok else analysis


def _refused(item, shown: str) -> LoadedRecord:
    record = LoadedRecord(path=shown, refused=True)
    record.add(Finding("not-a-record", Severity.WARNING, item.reason, hint=item.hint))
    return record


def check_all(root: Path, loaded: list[LoadedRecord], schemes: dict, visible=None, first=None) -> Collection:
    """Score and check records already loaded (from disk or from a git revision), then across them."""
    return checked_across(root, [analyse(record, schemes) for record in loaded], schemes, visible=visible, first=first)


def checked_across(root: Path, analyses: list[Analysis], schemes: dict, visible=None, first=None) -> Collection:
    """Records scored and checked one by one, now checked across each other."""
    check_collection(analyses, visible=visible, first=first)
    for analysis in analyses:
        apply_silences(analysis)
        analysis.forget_lines()
    return Collection(root, analyses, schemes)


def _shown(file: Path, base: Path | None) -> str:
    """A file's path as people see it: relative to ``base``, links not resolved (a link is shown
    where it is, not where it points)."""
    if base is not None:
        try:
            return Path(os.path.abspath(file)).relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            pass
        # Links resolved only when the path as written is not under ``base`` (resolving each of
        # 10,000 files, needed or not, took a second before the records were read).
        try:
            return file.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return file.as_posix()


def _located(loaded: LoadedRecord, item: Finding) -> Finding:
    item.path = loaded.path
    item.line = item.line or loaded.line_of(*path_of(item.field))
    return item


_YEAR_FOLDER = re.compile(r"^\d{4}$")


def check_collection(analyses: list[Analysis], visible=None, first=None) -> None:
    """Checks across records: duplicate ids, the same report twice, files in the wrong place.

    ``visible(report)``: the records an edition shows (the public edition passes its own rule);
    the same report twice is looked for among them only, so that no finding on a shown report
    names one that is hidden. Duplicate ids are settled over every record, whatever the edition,
    so that the site and `jixiao check` agree on which record is published: the one ``first``
    puts first (default: path order; see seniority.py) keeps the id, each other one gets the error.
    """
    by_id: dict[str, list[Analysis]] = defaultdict(list)
    by_project: dict[tuple, list[Analysis]] = defaultdict(list)
    for analysis in analyses:
        if not analysis.ok:
            continue
        report = analysis.facts(visible)  # what is compared: a stored record is not read back
        by_id[report.id].append(analysis)
        if report.shown:
            by_project[(report.title, report.year, report.department or "")].append(analysis)
        path = PurePosixPath(analysis.path)
        if path.stem != report.id:
            analysis.findings.append(_located(analysis.loaded, finding(
                "path-mismatch", "id",
                f"文件名“{path.name}”与编号“{report.id}”不一致",
                hint=f"把文件改名为 {report.id}.md",
            )))
        folder = path.parent.name
        if report.year is not None and _YEAR_FOLDER.match(folder) and int(folder) != report.year:
            analysis.findings.append(_located(analysis.loaded, finding(
                "path-mismatch", "year",
                f"文件在 {folder} 年的目录下，而项目年份是 {report.year}",
                hint=f"把文件移到 reports/{report.year}/ 下，或改正项目年份",
            )))
    for report_id, group in by_id.items():
        if len(group) > 1:
            by_path = {analysis.path: analysis for analysis in group}
            ordered = (first or sorted)(list(by_path))
            keeper = ordered[0]
            for path in ordered[1:]:
                analysis = by_path[path]
                analysis.findings.append(_located(analysis.loaded, finding(
                    "duplicate-id", "id",
                    f"编号“{report_id}”已由 {keeper} 使用（那份记录先进入仓库，照常发布）；本记录不发布",
                    hint="给本记录换一个编号，并把文件改成同名；若两份是同一报告，删去本记录",
                )))
    for (title, year, department), group in by_project.items():
        if len(group) > 1 and len({a.facts(visible).id for a in group}) == len(group):
            for analysis in group:
                others = "、".join(other.path for other in group if other is not analysis)
                analysis.findings.append(_located(analysis.loaded, finding(
                    "duplicate-report", "title",
                    f"{year} 年“{title}”（{department or '主管部门未载明'}）与 {others} 是同一项目",
                )))


def apply_silences(analysis: Analysis) -> None:
    """Mark findings a record silences with a written reason; the finding stays visible as silenced.
    A silence written with a renamed code (rules.REDIRECTS) works as the new code and is warned of."""
    if not analysis.ok or not analysis.facts().silences:
        return
    report = analysis.report
    codes = [current_code(entry.code) for entry in report.silence]
    for item in analysis.findings:
        for entry, code in zip(report.silence, codes):
            if code in BLOCKING:
                continue  # a record that is not published cannot be talked into being published
            if code == item.code and (entry.field is None or item.field == entry.field
                                      or item.field.startswith(entry.field + ".")
                                      or item.field.startswith(entry.field + "[")):
                item.silenced = entry.reason
                break
    for index, (entry, code) in enumerate(zip(report.silence, codes)):
        where = {"path": analysis.path, "line": analysis.loaded.line_of("silence", index, "code"),
                 "field": f"silence[{index}].code"}
        if code not in RULES:
            analysis.findings.append(Finding(
                "schema-error", Severity.ERROR, f"豁免的结论代码“{entry.code}”不存在", hint="代码见“核验规则”页", **where,
            ))
        elif code in BLOCKING:
            analysis.findings.append(Finding(
                "schema-error", Severity.ERROR, f"结论“{entry.code}”不能豁免：有这条结论的记录不发布",
                hint="改正记录本身（如换一个编号），再删去这条豁免", **where,
            ))
        elif code != entry.code:
            analysis.findings.append(Finding(
                "renamed-code", RULES["renamed-code"].severity,
                f"结论代码“{entry.code}”已更名为“{code}”：豁免照旧生效，请改写为 {code}", hint=f"code: {code}", **where,
            ))
