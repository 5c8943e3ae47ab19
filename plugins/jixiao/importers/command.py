"""``jixiao import``: what happened to each file, in Chinese, on the console.

Every import note is printed under its file as well as written into the record, so a person
running a batch of 300 documents sees at once which records need a look. The exit code is 1
only when a file could not be read at all; notes are not failures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import import_files


def run(paths: list[Path], out: Path) -> int:
    results = import_files(paths, out)
    created = updated = notes = 0
    unreadable = 0
    for result in results:
        if not result.ok:
            unreadable += 1
            print(f"✗ {result.source}：无法导入：{result.error}", file=sys.stderr)
            continue
        for record in result.records:
            state = "新建" if record.created else "已更新"
            created += record.created
            updated += not record.created
            print(f"✓ {result.source} → {_shown(record.path)}（{record.template_label}，{state}）")
            for note in record.notes:
                print(f"    · {note}")
            notes += len(record.notes)
            for problem in record.problems:
                print(f"    ✗ 记录仍有格式错误：{problem}", file=sys.stderr)
    written = created + updated
    print(
        f"共 {len(results)} 个文件：写入 {written} 份记录（新建 {created}，更新 {updated}），"
        f"导入说明 {notes} 条，无法读取 {unreadable} 个"
    )
    return 1 if unreadable else 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
