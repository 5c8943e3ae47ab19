"""`jixiao`: the command line over the core, for units, reviewers and CI.

Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .core.findings import Severity
from .core.report_json import analysis_json, to_json_text


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with a Chinese hint, as documented
        self.print_usage(sys.stderr)
        print(f"jixiao: 用法错误：{message}（运行 jixiao --help 查看用法）", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jixiao", description="绩效评价报告记录的核验与发布工具")
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = commands.add_parser("check", help="核验记录：格式、金额、得分与等级")
    check.add_argument("paths", nargs="+", type=Path, help="记录文件或目录（目录下有 reports/ 时只读它）")
    check.add_argument(
        "--format", choices=["text", "json", "github", "gitlab"], default=None,
        help="输出格式；在 GitHub Actions 中默认为 github，否则为 text",
    )
    check.add_argument("--strict", action="store_true", help="警告也算失败")
    check.add_argument("--schemes", type=Path, action="append", default=[], help="站点自有评分办法目录")
    check.add_argument("--quiet", action="store_true", help="不输出提示（info）级结论")
    check.add_argument("--changed-since", metavar="REV", default=None,
                       help="只报告自修订版本 REV 以来改动过的记录（含未提交的改动和新文件），以及评分办法文件改动过的记录；"
                            "仍与全部记录一起核验，编号重复等跨记录问题照样查出")
    check.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="同时读取与核验记录的进程数（默认为处理器核数；1 表示在一个进程内逐个核验）")

    schema = commands.add_parser("schema", help="输出记录格式的 JSON Schema")
    schema.add_argument("--write", action="store_true", help="写入包内的 schema/report.schema.json")
    schema.add_argument("--check", action="store_true", help="检查包内文件是否最新（过期则退出码 1）")

    importer = commands.add_parser(
        "import", help="导入 Word、Excel 或提取的文本为记录（未能归位的内容写入 import_notes）",
        description="读取 .docx、.xlsx、.xls 或文本文件，每份报告写成 <out>/<年份>/<编号>.md。"
                    "重复导入同一文件时原地更新：人工改过的字段保留，原件的值与之不同时列为导入冲突（屏幕上和 import_notes 里）；"
                    "没有变化的记录一个字节也不改。只有文件完全无法读取时退出码为 1。",
    )
    importer.add_argument("files", nargs="*", type=Path, metavar="FILE", help="要导入的文件或目录")
    importer.add_argument("--out", type=Path, default=Path("content/reports"), help="记录目录（默认 content/reports）")
    importer.add_argument("--overwrite", nargs="+", action="extend", default=[], metavar="FIELD",
                          help="这些字段改用原件的值，即使有人工修改（如 title budget.executed indicators body；"
                               "写在文件之后，或用逗号连写）")
    importer.add_argument("--overwrite-all", action="store_true", help="全部字段改用原件的值，人工修改不再保留")
    importer.add_argument("--jobs", type=int, default=None, metavar="N",
                          help="同时读取的文件数（默认为处理器核数；1 表示逐个读取）")

    export = commands.add_parser(
        "export", help="把记录导出为它的表样（Word 或 Excel），供单位报送",
        description="按记录自己的表样写出 Word 或 Excel 文件：全国通用的项目支出绩效自评表、苏州市级和闵行区的自评表，"
                    "叙述式评价报告写成 Word 文档。导出的文件再导入，得到的仍是这份记录。",
    )
    export.add_argument("record", type=Path, metavar="RECORD", help="记录文件，如 content/reports/2024/suzhou-2024-dangjian.md")
    export.add_argument("--form", type=Path, required=True, metavar="FILE", help="要写出的文件：.docx 或 .xlsx")

    diff = commands.add_parser(
        "diff", help="比较两个 git 修订版本中的报告：总分、等级、金额、指标与核验结论的变动",
        description="比较两个修订版本中的报告，每一边都按它自己那一版的评分办法计算；评分办法改了，会列出它改变了哪些报告的计算结果。",
    )
    diff.add_argument("base", metavar="BASE", nargs="?", default="HEAD",
                      help="基准修订版本，如 HEAD~1、main、origin/main（默认 HEAD）")
    diff.add_argument("head", metavar="HEAD", nargs="?", default=None,
                      help="对比的修订版本；不写则为工作区（含尚未提交的改动），加 --staged 则为暂存区")
    diff.add_argument("--staged", action="store_true", help="与暂存区比较：git add 过、下一次提交将记录的内容")
    diff.add_argument("--path", type=Path, action="append", default=[],
                      help="记录所在的目录或文件（可多次给出）；不写则为 content/reports/ 和 reports/")
    diff.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                      help="输出格式：text（终端阅读，默认）、markdown（PR 评论）、json")
    diff.add_argument("--schemes", type=Path, action="append", default=[], help="站点自有评分办法目录")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        if args.jobs is not None and args.jobs < 1:
            parser.error("--jobs 应为正整数")
        return run_check(args)
    if args.command == "schema":
        return run_schema(args)
    if args.command == "import":
        from .importers import run_import
        from .importers.command import overwrite_fields

        try:
            overwrite = overwrite_fields(args.overwrite, args.overwrite_all)
        except ValueError as error:
            parser.error(str(error))
        if not args.files:  # checked after --overwrite, which may have taken the file for a field name
            parser.error("请给出要导入的文件或目录")
        if args.jobs is not None and args.jobs < 1:
            parser.error("--jobs 应为正整数")
        return run_import(args.files, args.out, overwrite, args.jobs)
    if args.command == "diff":
        return run_diff(args)
    if args.command == "export":
        return run_export(args)
    parser.print_help()
    return 2


def run_check(args) -> int:
    from .core.collection import RECORDS_IN_MEMORY, load_collection
    from .core.record_store import RecordStoreError
    from .core.schemes import SchemeError

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"jixiao: 找不到路径：{'、'.join(missing)}", file=sys.stderr)
        return 2
    try:
        collection = load_collection(args.paths, scheme_dirs=args.schemes, base=Path.cwd(),
                                     jobs=args.jobs or os.cpu_count() or 1, in_memory=RECORDS_IN_MEMORY)
    except SchemeError as error:
        print(f"jixiao: {error.headline}", file=sys.stderr)
        return 2
    except RecordStoreError as error:
        print(f"jixiao: {error}", file=sys.stderr)
        return 2
    if args.changed_since:
        from .core.collection import Collection
        from .review.gitrevs import GitError, changed_files

        try:
            changed = changed_files(Path.cwd(), args.changed_since)
        except GitError as error:
            print(f"jixiao: {error}", file=sys.stderr)
            return 2
        # every record was checked (cross-record checks need them all); only the changed ones are
        # reported, and those scored by a scheme file that changed: that change re-grades them
        rescored = _changed_schemes(changed, args.schemes)
        collection = Collection(collection.root, [
            a for a in collection.analyses if a.path in changed or (a.ok and a.report.scheme in rescored)
        ], collection.schemes)
        if not collection.analyses and (args.format or "text") == "text":
            print(f"自 {args.changed_since} 以来没有改动过的记录")
            return 0
    output_format = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    from .review import output

    writer = {
        "text": output.text,
        "json": lambda c, quiet: to_json_text({
            "reports": [analysis_json(a) for a in c.analyses],
            "summary": c.summary(),
        }),
        "github": output.github,
        "gitlab": output.gitlab,
    }[output_format]
    sys.stdout.write(writer(collection, args.quiet))
    summary = collection.summary()
    if summary["errors"] or (args.strict and summary["warnings"]):
        return 1
    return 0


def _changed_schemes(changed: set[str], scheme_dirs: list[Path]) -> set[str]:
    """Ids of the schemes whose files are among ``changed`` (the package's own, or a --schemes folder's)."""
    from .core.schemes import SHIPPED_DIR

    folders = {path.resolve() for path in [SHIPPED_DIR, *scheme_dirs]}
    return {Path(name).stem for name in changed
            if name.endswith((".yaml", ".yml")) and (Path.cwd() / name).resolve().parent in folders}


def run_diff(args) -> int:
    from .core.schemes import SchemeError
    from .review.diff import compare
    from .review.diff_render import render
    from .review.diff_schemes import scheme_changes
    from .review.gitrevs import GitError, read_both

    if args.staged and args.head:
        print("jixiao: 用法错误：--staged 与第二个修订版本不能同时给出", file=sys.stderr)
        return 2
    try:
        old, new = read_both(Path.cwd(), args.base, args.head, args.path, args.schemes, staged=args.staged)
    except SchemeError as error:
        print(f"jixiao: 评分办法有误：{error}", file=sys.stderr)
        return 2
    except GitError as error:
        print(f"jixiao: {error}", file=sys.stderr)
        return 2
    result = compare(old.collection.analyses, new.collection.analyses, old.revision, new.revision)
    result.schemes = scheme_changes(old, new)
    sys.stdout.write(render(result, args.format))
    return 0  # a diff reports; `jixiao check` is what fails a change


def run_export(args) -> int:
    from .exporters import ExportError, export_form

    if not args.record.is_file():
        print(f"jixiao: 找不到记录文件：{args.record}", file=sys.stderr)
        return 2
    try:
        family = export_form(args.record, args.form)
    except ExportError as error:
        print(f"jixiao: {error}", file=sys.stderr)
        return 2
    print(f"已导出 {args.record} → {args.form}（{family}）")
    return 0


def run_schema(args) -> int:
    from .core.record.schema import SCHEMA_FILE, schema_text, write_schema

    if args.check:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != schema_text():
            print("jixiao: schema/report.schema.json 已过期，请运行 jixiao schema --write", file=sys.stderr)
            return 1
        return 0
    if args.write:
        print(write_schema())
        return 0
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["main", "Severity"]
