"""Which of several record files was there first: how two records claiming one id are settled.

The record already published must stay published when a later one reuses its id (rules.py,
duplicate-id). "Already published" is read from git: the file whose path was added by the
earliest commit came first. Files git does not know (new, not yet committed; a folder outside
any repository; git missing) come after every committed one, and ties (one commit adding both,
or no history at all) go by path in alphabetical order, so the answer never depends on the
order in which a disk lists its files.

Only the files of a duplicate group are looked up, so a collection of any size asks git a few
questions at most.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def _added_at(where: tuple[Path, str], revision: str | None) -> int | None:
    """Unix time of the commit that added the file (``where``: a folder to run git in and the
    file's path from there) in ``revision``'s history, or None when git does not know it."""
    folder, pathspec = where
    command = ["git", "-C", str(folder), "log", "--diff-filter=A", "--format=%ct", "--reverse"]
    command += [revision] if revision else []
    command += ["--", pathspec]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    first = done.stdout.split("\n", 1)[0].strip() if done.returncode == 0 else ""
    return int(first) if first.isdigit() else None


def on_disk(file: Path) -> tuple[Path, str]:
    """Where to ask git about a file of the working tree."""
    file = Path(file).absolute()
    return file.parent, file.name


def order(paths: list[str], where: dict[str, tuple[Path, str]] | None = None, revision: str | None = None) -> list[str]:
    """``paths`` (as records show them), the one that came first first.

    ``where`` maps a shown path to where git is asked about it (:func:`on_disk`, or the
    repository root and the path in it); without it the order is the paths' alphabetical order."""
    def key(path: str):
        place = (where or {}).get(path)
        added = _added_at(place, revision) if place is not None else None
        return (added is None, added or 0, path)

    return sorted(paths, key=key)
