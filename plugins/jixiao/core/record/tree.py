"""Which files of a reports tree are records, and why every other one is refused.

A record is a regular ``*.md`` file inside the tree. Everything else there is refused by name
with a reason and a fix: an editor's backup (``report.md~``), another spelling of the extension
(``report.MD``, ``.markdown``), a file of another kind (``report.yaml``), and any symbolic link.
Links are never followed, to a file or to a folder: a link can put a draft kept elsewhere, a text
file or a whole folder from outside the content tree into the public site without anyone seeing
it in the tree. Hidden files and folders (``.git``, ``.DS_Store``, ``.gitkeep``) are skipped
silently, as MkDocs skips them.

Both ``jixiao check`` and the site build read a tree through :func:`scan`, so what one refuses
the other refuses too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

RECORD_SUFFIX = ".md"
_BACKUP_ENDINGS = ("~", ".bak", ".orig", ".swp", ".swo", ".tmp", ".rej", ".old")
_MARKDOWN_SPELLINGS = {".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".txt", ".text"}
_DATA_SUFFIXES = {".yaml", ".yml", ".json", ".toml", ".csv", ".xlsx", ".xls", ".docx", ".doc", ".pdf"}


@dataclass(frozen=True)
class Refusal:
    """A file or link in the tree that is not a record: what it is and what to do."""

    path: Path
    reason: str
    hint: str


@dataclass
class Tree:
    records: list[Path] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def refusal(path: Path) -> Refusal | None:
    """Why ``path`` (a file or link in a reports tree) is not a record, or None when it is one."""
    name = path.name
    if path.is_symlink():
        where = os.readlink(path)
        kind = "文件夹" if path.is_dir() else ("文件" if path.exists() else "不存在的位置")
        return Refusal(path, f"这是指向{kind}“{where}”的符号链接；记录目录中的链接一律不跟随，不会发布",
                       "把记录文件本身放进 reports/<年份>/ 目录（不要用链接），或删除这个链接")
    if path.is_dir():
        return None
    if not path.is_file():
        return Refusal(path, "这不是普通文件（可能是设备、管道或套接字），不会发布", "从记录目录中删除它")
    lower = name.lower()
    if lower.endswith(_BACKUP_ENDINGS) or lower.startswith("#") or (".md." in lower and not lower.endswith(".md")):
        return Refusal(path, "这看起来是编辑器留下的备份或临时文件，不是记录，不会发布",
                       "删除这个文件；记录只认扩展名为 .md 的文件")
    suffix = path.suffix
    if suffix == RECORD_SUFFIX:
        return None
    if suffix.lower() == RECORD_SUFFIX:
        return Refusal(path, f"扩展名“{suffix}”不是小写的 .md，这个文件不作为记录读取，不会发布",
                       f"改名为 {path.stem}.md")
    if suffix.lower() in _MARKDOWN_SPELLINGS:
        return Refusal(path, f"记录的扩展名必须是 .md，这里是“{suffix}”，不会发布", f"改名为 {path.stem}.md")
    if suffix.lower() in _DATA_SUFFIXES:
        return Refusal(path, f"记录目录里只放记录（.md 文件），“{suffix}”文件不会发布",
                       "记录写成 .md：--- 之间是元数据，其后是正文；原件请放在记录目录以外，"
                       "用 jixiao import 导入")
    return Refusal(path, "记录目录里只放记录（.md 文件），这个文件不会发布", "把它移出 reports/ 目录，或删除")


def records_root(root: Path) -> Path:
    """Where the records of ``root`` are: its ``reports/`` folder when it has one (a site's
    content folder, even when that folder is a link, which :func:`scan` then refuses), else ``root``."""
    reports = Path(root) / "reports"
    return reports if reports.is_dir() or reports.is_symlink() else Path(root)


def scan(root: Path) -> Tree:
    """The records and refused files under ``root``, both sorted by path; links are not followed.

    ``root`` itself may be a file (one record named on the command line)."""
    tree = Tree()
    root = Path(root)
    if not root.is_dir() or root.is_symlink():
        refused = refusal(root) if root.is_symlink() or root.exists() else None
        if refused is None:
            tree.records.append(root)
        else:
            tree.refused.append(refused)
        return tree
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            if not _hidden(name) and (here / name).is_symlink():
                tree.refused.append(refusal(here / name))
        dirs[:] = sorted(name for name in dirs if not _hidden(name) and not (here / name).is_symlink())
        for name in sorted(files):
            if _hidden(name):
                continue
            path = here / name
            refused = refusal(path)
            if refused is None:
                tree.records.append(path)
            else:
                tree.refused.append(refused)
    tree.records.sort()
    tree.refused.sort(key=lambda item: item.path)
    return tree
