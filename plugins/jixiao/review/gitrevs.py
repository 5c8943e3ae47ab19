"""The records of one git revision, of the index or of the working tree, read once and checked as
`jixiao check` would, each under the scoring schemes of that same revision.

A revision is read straight from the object store (``git ls-tree`` for the file list, one
``git cat-file --batch`` for the contents): no checkout and no temporary worktree, so the
reviewer's working tree is never touched and a CI job can compare any two commits it has fetched.
The index (what ``git commit`` would record, ``--staged``) is read the same way from
``git ls-files --stage``.

A scheme decides every computed score, so each side is scored under its own: the package's
shipped schemes are read from the revision when the repository holds them (the portal's own
repository), and a site's ``--schemes`` folders always are. A change to a scheme then shows as
what it is — reports re-graded — instead of vanishing because both sides were scored alike.

Paths are shown relative to the repository root on both sides, so that a report that did not
move has the same path in the base and in the head, and so that they match the file names in a
pull request.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..core import seniority
from ..core.collection import Collection, check_all
from ..core.record import LoadedRecord, load_file
from ..core.record.loading import load_bytes
from ..core.schemes import SHIPPED_DIR, SchemeError, assemble

DEFAULT_ROOTS = ("content/reports", "reports")  # where a repository of reports keeps its records
WORKTREE_LABEL = "工作区"
STAGED_LABEL = "暂存区"
_SCHEME_SUFFIXES = (".yaml", ".yml")
_BATCH_BYTES = 32 * 1024 * 1024  # contents read per `git cat-file` call: bounded memory on huge repositories


class GitError(Exception):
    """A git problem the user can fix (not a repository, unknown revision); the message is Chinese."""


@dataclass
class Revision:
    """What was compared: the name the user gave and the commit it resolved to, or the working
    tree or the index (no commit)."""

    name: str
    commit: str | None = None
    kind: str = "commit"  # commit | worktree | staged | empty (a repository before its first commit)

    @property
    def label(self) -> str:
        return self.commit[:10] if self.commit else self.name

    @property
    def described(self) -> str:
        """The side in plain words, for the first line of the diff."""
        if self.kind == "worktree":
            return "工作区（磁盘上的文件，尚未提交、尚未 git add 的改动都算在内）"
        if self.kind == "staged":
            return "暂存区（已 git add、下一次提交将记录的内容）"
        return self.label if self.name == self.label else f"{self.name}（{self.label}）"

    def as_dict(self) -> dict:
        return {"name": self.name, "commit": self.commit, "kind": self.kind}


@dataclass
class Side:
    """One side of a comparison: the revision, its records checked, and where its schemes came from."""

    revision: Revision
    collection: Collection
    scheme_files: dict[str, str]  # scheme id → file it was read from (relative to the repository)


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise GitError("找不到 git 命令：请先安装 git，并确认它在 PATH 中") from error


def repository_root(cwd: Path) -> Path:
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode != 0:
        # git's own words too: in a CI container the cause is often ownership (safe.directory), not a missing repository
        raise GitError(f"{cwd} 不在 git 仓库中，或 git 拒绝读取它：jixiao diff 要在报告仓库的目录里运行（git：{_stderr(result)}）")
    return Path(result.stdout.decode("utf-8", "replace").strip())


def resolve(root: Path, name: str) -> Revision:
    """The commit a revision name stands for, or a Chinese message saying what to give instead."""
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"], root)
    if result.returncode != 0 or not result.stdout.strip():
        raise GitError(
            f"找不到修订版本“{name}”：请给出提交、分支或标签，如 HEAD~1、main、origin/main"
            "（在 CI 的浅克隆中，先取回基准提交，如 git fetch origin main，或 checkout 时设 fetch-depth: 0）"
        )
    return Revision(name, result.stdout.decode("ascii").strip())


def record_roots(root: Path, cwd: Path, paths: list[Path]) -> list[str]:
    """Where records are, relative to the repository root: the paths given, else content/reports/ and reports/
    under the current directory (so that a site kept in a sub-folder of a repository works too)."""
    chosen = paths or [Path(name) for name in DEFAULT_ROOTS]
    roots = []
    for path in chosen:
        absolute = (cwd / path).resolve()
        try:
            relative = absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            raise GitError(f"路径 {path} 不在仓库 {root} 之内") from None
        roots.append("" if relative == "." else relative)
    return roots


def select_records(files: list[str], roots: list[str]) -> list[str]:
    """The record files among ``files`` under ``roots``, by the rule `jixiao check` uses for a folder:
    every ``*.md``, or only those under its ``reports/`` sub-folder when it has one."""
    chosen: set[str] = set()
    for root in roots:
        if root in files:  # a single file named on the command line
            chosen.add(root)
            continue
        prefix = f"{root}/" if root else ""
        below = [name for name in files if name.startswith(prefix)]
        reports = [name for name in below if name.startswith(f"{prefix}reports/")]
        chosen.update(name for name in (reports or below) if name.endswith(".md"))
    return sorted(chosen)


def read_revision(root: Path, revision: Revision, roots: list[str], scheme_dirs: list[str]) -> Side:
    """Every record of a commit (or of the index) under ``roots``, loaded and checked once under the
    schemes of that same commit."""
    blobs = _blobs(root, revision)
    scheme_files: dict[str, str] = {}
    schemes = _revision_schemes(root, revision, blobs, scheme_dirs, scheme_files)
    wanted = select_records(list(blobs), roots)
    contents = _contents(root, [(name, blobs[name]) for name in wanted])
    loaded = [load_bytes(data, LoadedRecord(path=_shown(name))) for name, data in contents]
    commit = revision.commit if revision.kind != "staged" else None
    return Side(revision, check_all(root, loaded, schemes, first=_first(root, commit)), scheme_files)


def _blobs(root: Path, revision: Revision) -> dict[str, str]:
    """path → blob id of every file of a commit, or of the index for ``--staged``."""
    if revision.kind == "empty":
        return {}
    if revision.kind == "staged":
        listing = _git(["-c", "core.quotePath=false", "ls-files", "--stage", "-z"], root)
    else:
        listing = _git(["-c", "core.quotePath=false", "ls-tree", "-r", "-z", "--full-tree", revision.commit], root)
    if listing.returncode != 0:
        raise GitError(f"无法读取{revision.name}的文件列表：{_stderr(listing)}")
    blobs: dict[str, str] = {}
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        if revision.kind == "staged":
            mode, sha, stage = meta.decode("ascii").split()
            kind = "blob" if stage == "0" else "conflict"  # an unresolved merge has no one content to read
        else:
            mode, kind, sha = meta.decode("ascii").split()
        if kind == "blob" and mode != "120000":  # a symbolic link's blob is its target, not a record
            blobs[name.decode("utf-8", "surrogateescape")] = sha
    return blobs


def read_worktree(root: Path, roots: list[str], scheme_dirs: list[str]) -> Side:
    """Every record on disk under ``roots``: tracked files and new ones not yet added, but not ignored ones."""
    listing = _git(["-c", "core.quotePath=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], root)
    if listing.returncode != 0:
        raise GitError(f"无法列出工作区的文件：{_stderr(listing)}")
    files = sorted({name.decode("utf-8", "surrogateescape") for name in listing.stdout.split(b"\0") if name})
    # Deleted ones are gone; a link is no record (record/tree.py), as in a revision above.
    wanted = [name for name in select_records(files, roots) if (root / name).is_file() and not (root / name).is_symlink()]
    scheme_files: dict[str, str] = {}
    schemes = _disk_schemes(root, scheme_dirs, scheme_files)
    revision = Revision(WORKTREE_LABEL, kind="worktree")
    loaded = [load_file(root / name, _shown(name)) for name in wanted]
    return Side(revision, check_all(root, loaded, schemes, first=_first(root, None)), scheme_files)


def _first(root: Path, commit: str | None):
    """Who keeps a reused id, decided as `jixiao check` decides it: the file added first to the
    history of ``commit`` (None: of the checked-out branch)."""
    return lambda paths: seniority.order(paths, {path: (root, path) for path in paths}, commit)


# --- the scoring schemes of one side ------------------------------------------------------------


def scheme_dirs_in(root: Path, cwd: Path, given: list[Path]) -> list[str]:
    """The scheme folders to read from each side, relative to the repository root: the package's
    own when the repository holds it (first, as shipped), then every ``--schemes`` folder."""
    found = []
    shipped = _inside(root, SHIPPED_DIR)
    found.append(shipped if shipped is not None else "")
    for folder in given:
        relative = _inside(root, cwd / folder)
        if relative is None:
            raise GitError(f"评分办法目录 {folder} 不在仓库 {root} 之内，无法按修订版本读取")
        found.append(relative)
    return found


def _inside(root: Path, path: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _revision_schemes(root: Path, revision: Revision, blobs: dict[str, str], scheme_dirs: list[str],
                      files: dict[str, str]) -> dict:
    sources = []
    for position, folder in enumerate(scheme_dirs):
        shipped = position == 0
        names = sorted(name for name in blobs if name.endswith(_SCHEME_SUFFIXES)
                       and name.rsplit("/", 1)[0] == folder and "/" in name) if folder else []
        if shipped and not names:  # the package is not in this repository, or not yet in this revision
            sources += _installed()
            continue
        sources += [(name, data.decode("utf-8", "replace"), shipped)
                    for name, data in _contents(root, [(name, blobs[name]) for name in names])]
    return _assembled(sources, files, revision)


def _disk_schemes(root: Path, scheme_dirs: list[str], files: dict[str, str]) -> dict:
    sources = []
    for position, folder in enumerate(scheme_dirs):
        if position == 0 and not folder:
            sources += _installed()
            continue
        directory = root / folder
        if not directory.is_dir():
            raise GitError(f"评分办法目录 {folder} 不存在或不是目录")
        for path in sorted(p for p in directory.iterdir() if p.suffix in _SCHEME_SUFFIXES and p.is_file()):
            sources.append((f"{folder}/{path.name}", path.read_text(encoding="utf-8", errors="replace"), position == 0))
    return _assembled(sources, files, Revision(WORKTREE_LABEL, kind="worktree"))


def _installed() -> list[tuple[str, str, bool]]:
    return [(f"jixiao/core/schemes/{path.name}", path.read_text(encoding="utf-8"), True)
            for path in sorted(SHIPPED_DIR.glob("*.yaml"))]


def _assembled(sources: list, files: dict[str, str], revision: Revision) -> dict:
    try:
        return assemble(sources, files)
    except SchemeError as error:
        raise SchemeError(f"{revision.described}中的{error.message}", error.path, error.field) from None


def _contents(root: Path, wanted: list[tuple[str, str]]):
    """(path, bytes) for each (path, blob id), a batch of git objects at a time."""
    batch: list[tuple[str, str]] = []
    for item in wanted:
        batch.append(item)
        if len(batch) >= 500:
            yield from _read_batch(root, batch)
            batch = []
    if batch:
        yield from _read_batch(root, batch)


def _read_batch(root: Path, batch: list[tuple[str, str]]):
    sizes = _git(["cat-file", "--batch-check"], root, "".join(f"{sha}\n" for _, sha in batch).encode("ascii"))
    answers = [line.split() for line in sizes.stdout.decode("ascii", "replace").splitlines()]
    if sizes.returncode != 0 or len(answers) != len(batch) or any(len(answer) != 3 for answer in answers):
        # e.g. a partial clone whose blobs were never fetched
        raise GitError(f"git 对象库中缺少部分记录文件的内容，请先完整取回仓库（git fetch --unshallow 或 --refetch）：{_stderr(sizes)}")
    lengths = [int(answer[2]) for answer in answers]
    start = 0
    while start < len(batch):  # split further so no call holds more than _BATCH_BYTES of contents
        end, total = start, 0
        while end < len(batch) and (end == start or total + lengths[end] <= _BATCH_BYTES):
            total += lengths[end]
            end += 1
        part = batch[start:end]
        result = _git(["cat-file", "--batch"], root, "".join(f"{sha}\n" for _, sha in part).encode("ascii"))
        if result.returncode != 0:
            raise GitError(f"无法读取 git 对象：{_stderr(result)}")
        output, offset = result.stdout, 0
        for name, _ in part:
            header_end = output.index(b"\n", offset)
            size = int(output[offset:header_end].split()[2])
            yield name, output[header_end + 1:header_end + 1 + size]
            offset = header_end + 1 + size + 1  # the content is followed by a newline
        start = end


def _stderr(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode("utf-8", "replace").strip() or f"git 退出码 {result.returncode}"


def _shown(name: str) -> str:
    """A file name as text that can always be printed (a name that is not UTF-8 keeps a � in place)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _base(root: Path, name: str) -> Revision:
    """The base revision; HEAD of a repository without a commit yet is an empty tree, so that the
    pre-commit hook's summary works for the very first commit too."""
    try:
        return resolve(root, name)
    except GitError:
        if name == "HEAD" and not _git(["rev-list", "-n", "1", "--all"], root).stdout.strip():
            return Revision("HEAD（尚无提交）", kind="empty")
        raise


def changed_files(cwd: Path, base_name: str) -> set[str]:
    """Files that differ from revision ``base_name`` in the working tree (committed since, staged,
    edited, or new and not ignored), as paths relative to ``cwd`` the way `jixiao check` shows them."""
    root = repository_root(cwd)
    base = resolve(root, base_name)
    names: set[str] = set()
    for args in (["diff", "--name-only", "-z", "--no-renames", base.commit, "--"],
                 ["ls-files", "-z", "--others", "--exclude-standard"]):
        result = _git(["-c", "core.quotePath=false", *args], root)
        if result.returncode != 0:
            raise GitError(f"无法列出自 {base_name} 以来改动的文件：{_stderr(result)}")
        names.update(name.decode("utf-8", "surrogateescape") for name in result.stdout.split(b"\0") if name)
    shown = set()
    for name in names:
        relative = _inside(cwd, root / name)
        if relative is not None:
            shown.add(_shown(relative))
    return shown


def read_both(cwd: Path, base_name: str, head_name: str | None, paths: list[Path], scheme_dirs: list[Path],
              staged: bool = False) -> tuple[Side, Side]:
    """The base revision and the head (a revision, the index with ``staged``, else the working tree),
    each read and checked once under its own schemes.

    Raises :class:`GitError` with a Chinese message for anything the user can fix, and
    :class:`jixiao.core.schemes.SchemeError` for a scheme file that does not load on either side.
    """
    root = repository_root(cwd)
    roots = record_roots(root, cwd, paths)
    schemes = scheme_dirs_in(root, cwd, scheme_dirs)
    base = _base(root, base_name)
    if head_name:
        head = resolve(root, head_name)
    elif staged:
        head = Revision(STAGED_LABEL, kind="staged")
    else:
        head = None
    old = read_revision(root, base, roots, schemes)
    new = read_revision(root, head, roots, schemes) if head is not None else read_worktree(root, roots, schemes)
    if not paths and not old.collection.analyses and not new.collection.analyses:
        where = "、".join(f"{name}/" for name in DEFAULT_ROOTS)
        raise GitError(f"在 {base.name} 和 {new.revision.name} 中都没有找到记录（{where} 下的 .md 文件）；请用 --path 指定记录所在的目录")
    return old, new
