"""``jixiao import``: a folder of mixed files in, a progress line while it runs, a table at the end.

Every import note is printed under its file as well as written into the record, so a person
running a batch of 300 documents sees at once which records need a look; the closing table gives
each file's format, the form it was recognised as, the indicator rows read, the notes and what
happened. One file that cannot be read, or that trips the importer, never stops the others. The
exit code is 1 only when a file could not be imported at all; notes are not failures.

On re-import a record a person has corrected keeps the corrections: every conflict (the person's
value kept, the document now giving another) is printed under its file with the command that
takes the document's value instead, and a record that did not change is said to be unchanged.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from pathlib import Path

from ..core.record.model import Report
from . import ImportResult, Prepared, RecordIndex, expand, prepare_all, write_prepared
from .fingerprints import BODY, KEYED, NOT_MERGED
from .merge import ALL
from .writer import LABELS

COUNTER_EVERY = 25  # without a terminal, a progress line every this many files


def run(paths: list[Path], out: Path, overwrite: frozenset[str] = frozenset(), jobs: int | None = None) -> int:
    files = expand(paths)
    index = RecordIndex(out)
    progress = _Progress(len(files))
    results: list[ImportResult] = []
    # files are read and recognised in parallel, records written in order as they come back
    for number, prepared in enumerate(prepare_all(files, jobs), 1):
        progress.show(number, prepared.source)
        results.append(_write_one(prepared, out, index, overwrite))
    progress.done()
    _report(results)
    return 1 if any(not result.ok for result in results) else 0


def overwrite_fields(names: list[str], everything: bool) -> frozenset[str]:
    """The fields given to --overwrite (field names, their Chinese titles, budget.executed …, body or
    正文; commas separate several), checked. Raises ValueError with a Chinese message for a name
    that is no field, so that a file name swallowed by --overwrite is caught before anything is written."""
    if everything:
        return frozenset({ALL})
    titles = {label: name for name, label in LABELS.items()}
    chosen: set[str] = set()
    for given in (part.strip() for name in names for part in name.replace("，", ",").split(",")):
        if not given:
            continue
        name = titles.get(given, "body" if given == "正文" else given)
        top = name.split(".", 1)[0]
        known = name == BODY or (top in Report.model_fields and top not in NOT_MERGED and ("." not in name or top in KEYED))
        if not known:
            hint = "；--overwrite 要写在文件之后，或用逗号连写字段名" if Path(given).suffix else ""
            raise ValueError(f"“{given}”不是可以覆盖的字段（可写 title、budget.executed、indicators、body 等，"
                             f"或字段的中文名，如 项目名称、正文）{hint}")
        chosen.add(name)
    return frozenset(chosen)


def _write_one(prepared: Prepared, out: Path, index: RecordIndex, overwrite: frozenset[str]) -> ImportResult:
    try:
        return write_prepared(prepared, out, index, overwrite)
    except Exception as error:  # noqa: BLE001 - a writer's bug on one file must not cost the batch
        return ImportResult(prepared.source, error=f"导入时出现意外错误（{type(error).__name__}: {error}），文件未能导入")


class _Progress:
    """One line on stderr rewritten in place on a terminal; a plain counter line now and then in
    a log, so a long batch shows it is alive without burying the results."""

    def __init__(self, total: int):
        self.total = total
        self.terminal = sys.stderr.isatty()
        self.started = time.monotonic()

    def show(self, number: int, path: Path) -> None:
        if self.total <= 1:
            return
        if self.terminal:
            width = 30
            filled = width * (number - 1) // self.total
            bar = "█" * filled + "░" * (width - filled)
            name = _cut(path.name, 40)
            sys.stderr.write(f"\r\033[K导入中 {bar} {number}/{self.total} {name}")
            sys.stderr.flush()
        elif number == 1 or number % COUNTER_EVERY == 0:
            print(f"导入中：第 {number}/{self.total} 个文件", file=sys.stderr)

    def done(self) -> None:
        if self.total <= 1:
            return
        seconds = time.monotonic() - self.started
        if self.terminal:
            sys.stderr.write("\r\033[K")
        print(f"已处理 {self.total} 个文件，用时 {seconds:.1f} 秒", file=sys.stderr)


def _report(results: list[ImportResult]) -> None:
    created = updated = unchanged = notes = unreadable = conflicts = 0
    rows: list[list[str]] = []
    for result in results:
        if not result.ok:
            unreadable += 1
            print(f"✗ {result.source}：无法导入：{result.error}", file=sys.stderr)
            rows.append([result.source.name, result.format_label or "—", "—", "—", "—", f"无法读取：{result.error}"])
            continue
        for record, indicator_rows in zip(result.records, result.indicator_rows or [0] * len(result.records)):
            state = "新建" if record.created else ("已更新" if record.changed else "未变")
            created += record.created
            updated += not record.created and record.changed
            unchanged += not record.changed
            print(f"✓ {result.source} → {_shown(record.path)}（{record.template_label}，{state}）")
            for note in record.notes:
                print(f"    · {note}")
            notes += len(record.notes)
            for conflict in record.conflicts:
                print(f"    ⚠ {conflict}")
            conflicts += len(record.conflicts)
            if record.kept:
                print("    · 这份记录此前没有导入指纹，按人工整理的记录对待：与原件不同之处保留记录所写"
                      "（要改用原件的内容，运行 jixiao import --overwrite 字段 原件）：")
                for kept in record.kept:
                    print(f"      - {kept}")
            if record.conflicts:
                state += f"，冲突 {len(record.conflicts)} 处"
            for problem in record.problems:
                print(f"    ✗ 记录仍有格式错误：{problem}", file=sys.stderr)
            rows.append([result.source.name, result.format_label or "—", record.template_label,
                         str(indicator_rows), str(len(record.notes)), state])
        if not result.records:
            rows.append([result.source.name, result.format_label or "—", "—", "0", "0", "没有写出记录"])
    if len(results) > 1:
        print()
        print(_table(["文件", "格式", "识别为", "指标行", "说明", "结果"], rows))
        print()
    written = created + updated
    unchanged_text = f"，另有 {unchanged} 份记录没有变化" if unchanged else ""
    conflict_text = f"，导入冲突 {conflicts} 处（保留了人工修改，见上）" if conflicts else ""
    print(
        f"共 {len(results)} 个文件：写入 {written} 份记录（新建 {created}，更新 {updated}）{unchanged_text}，"
        f"导入说明 {notes} 条{conflict_text}，无法读取 {unreadable} 个"
    )


def _table(header: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell, counting a Chinese character as two columns."""
    shown = [[_cut(cell, 36) if index < 5 else cell for index, cell in enumerate(row)] for row in rows]
    widths = [max(_width(row[i]) for row in [header, *shown]) for i in range(len(header))]
    lines = ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(header)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in shown]
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cut(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    kept = ""
    for char in text:
        if _width(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
