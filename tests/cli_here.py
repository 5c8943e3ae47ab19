"""`jixiao ARGS` run in the test's own process, for the tests of what a command does (tests/test_cli.py
and a few others run the installed command in a process of its own, as a user does).

Why: a new Python process spends about half a second importing the package before it does
anything, and the tests of diff and re-import run some forty commands."""

from __future__ import annotations

import io
import os
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from jixiao.cli import main


def jixiao_here(*args, cwd: Path) -> subprocess.CompletedProcess:
    """What `jixiao ARGS` run in ``cwd`` exits with and writes, as subprocess.run(..., text=True) gives
    it. An exception the command does not handle is raised here, where the test sees it."""
    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as leaving:  # argparse's usage errors
                code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["jixiao", *argv], code, out.getvalue(), err.getvalue())
