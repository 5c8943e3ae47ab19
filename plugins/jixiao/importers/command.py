"""``jixiao import``: a folder of mixed files in, a progress line while it runs, a table at the end.

Every import note is printed under its file as well as written into the record, so a person
running a batch of 300 documents sees at once which records need a look; the closing table gives
each file's format, the form it was recognised as, the indicator rows read, the notes and what
happened. One file that cannot be read, or that trips the importer, never stops the others. The
exit code is 1 only when a file could not be imported at all; notes are not failures.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from pathlib import Path

from . import ImportResult, RecordIndex, expand, import_file

COUNTER_EVERY = 25  # without a terminal, a progress line every this many files


def run(paths: list[Path], out: Path) -> int:
    files = expand(paths)
    index = RecordIndex(out)
    progress = _Progress(len(files))
    results: list[ImportResult] = []
    for number, path in enumerate(files, 1):
        progress.show(number, path)
        results.append(_import_one(path, out, index))
    progress.done()
    _report(results)
    return 1 if any(not result.ok for result in results) else 0


def _import_one(path: Path, out: Path, index: RecordIndex) -> ImportResult:
    try:
        return import_file(path, out, index)
    except Exception as error:  # noqa: BLE001 - a recogniser's bug on one file must not cost the batch
        return ImportResult(path, error=f"导入时出现意外错误（{type(error).__name__}: {error}），文件未能导入")


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
    created = updated = notes = unreadable = 0
    rows: list[list[str]] = []
    for result in results:
        if not result.ok:
            unreadable += 1
            print(f"✗ {result.source}：无法导入：{result.error}", file=sys.stderr)
            rows.append([result.source.name, result.format_label or "—", "—", "—", "—", f"无法读取：{result.error}"])
            continue
        for record, indicator_rows in zip(result.records, result.indicator_rows or [0] * len(result.records)):
            state = "新建" if record.created else "已更新"
            created += record.created
            updated += not record.created
            print(f"✓ {result.source} → {_shown(record.path)}（{record.template_label}，{state}）")
            for note in record.notes:
                print(f"    · {note}")
            notes += len(record.notes)
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
    print(
        f"共 {len(results)} 个文件：写入 {written} 份记录（新建 {created}，更新 {updated}），"
        f"导入说明 {notes} 条，无法读取 {unreadable} 个"
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
