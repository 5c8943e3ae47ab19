"""A corpus: which records carry defects, no project twice, the files written (in parallel when
asked, the same bytes either way), and the `scripts/gen-corpus` command."""

from __future__ import annotations

import os
import random
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Iterable, Iterator

from .records import Generated, RecordBuilder
from .tables import DEFECTS

MAX_ATTEMPTS = 60


def plan_attempts(n: int, seed: int = 1) -> list[int]:
    """For each record, which draw of its identity to use so that no two records are the same
    project (title without the year prefix, year, department), as the checker's duplicate rule
    reads it. Record *i* depends only on the records before it; a corpus so large that a record
    finds no free project in ``MAX_ATTEMPTS`` draws keeps its last draw."""
    seen: set[tuple] = set()
    attempts = []
    for index in range(n):
        for attempt in range(MAX_ATTEMPTS):
            builder = RecordBuilder(index, seed, False, attempt)
            builder.identity()
            key = (builder.short_title, builder.year, builder.department)
            if key not in seen:
                break
        seen.add(key)
        attempts.append(attempt)
    return attempts


def generate_record(index: int, seed: int = 1, defective: bool = False, attempt: int = 0) -> Generated:
    """Record number ``index`` (from 0) of the corpus for ``seed``; ``attempt`` as planned by
    :func:`plan_attempts` (0 unless its first draw repeated an earlier project)."""
    builder = RecordBuilder(index, seed, defective, attempt)
    builder.identity()
    builder.plan_defects()
    builder.money()
    builder.paperwork()
    builder.stated_rate_defect()
    builder.indicators()
    builder.table_defects()
    builder.money_defects()
    builder.ensure_defect()
    builder.sub_rows()
    body = builder.narrative()
    text = builder.front_matter() + "\n" + body
    order = [code for code in DEFECTS if code in builder.defects]
    return Generated(builder.id, builder.year, text, tuple(order))


def defective_indices(n: int, seed: int = 1, share: float = 0.15) -> set[int]:
    """Which of ``n`` records carry defects: exactly ``round(n * share)`` of them."""
    if not 0 <= share <= 1:
        raise ValueError("defect share must be between 0 and 1")
    count = int(Decimal(str(n * share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return set(random.Random(f"jixiao-corpus-defects:{seed}:{n}").sample(range(n), min(n, count)))


def generate(n: int, seed: int = 1, defect_share: float = 0.15) -> Iterator[Generated]:
    """``n`` records, in order; deterministic for a given seed and share."""
    chosen = defective_indices(n, seed, defect_share)
    attempts = plan_attempts(n, seed)
    for index in range(n):
        yield generate_record(index, seed, index in chosen, attempts[index])


def _write_range(job: tuple) -> list[Generated]:
    root, seed, start, stop, chosen, attempts = job
    made: set[int] = set()
    written = []
    for index in range(start, stop):
        record = generate_record(index, seed, index in chosen, attempts[index - start])
        folder = Path(root) / "reports" / str(record.year)
        if record.year not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(record.year)
        with open(folder / f"{record.id}.md", "w", encoding="utf-8", newline="\n") as handle:
            handle.write(record.text)
        written.append(Generated(record.id, record.year, "", record.defects))
    return written


def write_corpus(
    n: int, out_dir: str | os.PathLike, seed: int = 1, defect_share: float = 0.15, jobs: int = 1
) -> list[Generated]:
    """Write ``n`` records into ``out_dir/reports/<year>/<id>.md`` and return what was written
    (ids, years and defects; the texts are left out). ``jobs`` > 1 writes with that many
    processes; the files are the same either way, since every record has its own random stream."""
    chosen = defective_indices(n, seed, defect_share)
    attempts = plan_attempts(n, seed)
    root = os.fspath(out_dir)
    if jobs <= 1 or n < 400:
        return _write_range((root, seed, 0, n, chosen, attempts))
    import multiprocessing

    pieces = jobs * 4
    bounds = [n * k // pieces for k in range(pieces + 1)]
    work = [
        (root, seed, start, stop, frozenset(i for i in chosen if start <= i < stop), attempts[start:stop])
        for start, stop in zip(bounds, bounds[1:])
        if stop > start
    ]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs) as pool:
        parts = pool.map(_write_range, work, chunksize=1)
    return [record for part in parts for record in part]


def main(argv: Iterable[str] | None = None) -> int:
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(
        prog="gen-corpus",
        description="生成合成的绩效评价报告记录：DIR/reports/<年份>/<编号>.md",
    )
    parser.add_argument("count", type=int, help="记录条数")
    parser.add_argument("directory", help="输出目录（在其下的 reports/ 中写入记录）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子；同一种子生成的文件逐字节相同（默认 1）")
    parser.add_argument("--defect-share", type=float, default=0.15, help="带有数字缺陷的记录所占比例（默认 0.15）")
    parser.add_argument("--manifest", help="另写一份 JSON 清单：每条记录的编号、路径与所含缺陷")
    parser.add_argument(
        "--jobs", type=int, default=min(os.cpu_count() or 1, 4), help="并行进程数（默认为处理器核数，至多 4）；结果与单进程相同"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.count < 0:
        parser.error("记录条数不能为负数")
    if not 0 <= args.defect_share <= 1:
        parser.error("--defect-share 应在 0 到 1 之间")
    started = time.perf_counter()
    written = write_corpus(args.count, args.directory, args.seed, args.defect_share, jobs=args.jobs)
    elapsed = time.perf_counter() - started
    if args.manifest:
        manifest = [{"id": g.id, "path": g.relpath, "defects": list(g.defects)} for g in written]
        Path(args.manifest).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    defective = sum(1 for g in written if g.defects)
    print(
        f"已生成 {len(written)} 条记录（其中 {defective} 条带缺陷）到 {Path(args.directory) / 'reports'}，用时 {elapsed:.1f} 秒",
        file=sys.stderr,
    )
    return 0
