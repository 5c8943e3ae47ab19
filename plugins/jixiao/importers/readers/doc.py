"""Word 97–2003 (.doc), WPS (.wps), RTF and OpenDocument files, converted by LibreOffice and read
as the .docx (or .xlsx) it writes.

County portals still publish .doc. LibreOffice runs headless with a profile of its own (a
LibreOffice the user has open is not disturbed, and two imports do not share a lock), under a
time limit, its whole process group ended when that passes. Without LibreOffice the message says
how to add it, in the words ``scripts/setup`` prints.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
from pathlib import Path

from ..document import Document, Unreadable
from . import docx, xlsx

INSTALL = "apt-get install -y --no-install-recommends libreoffice-writer-nogui"
MISSING = (f"读取旧版 Word（.doc）、WPS、RTF 文件需要 LibreOffice，本机没有安装；请安装后重试（Debian/Ubuntu：{INSTALL}），"
           "或在 Word / WPS 中把文件另存为 .docx 再导入")
TIMEOUT = 120  # seconds: a large .doc converts in a few; a hung conversion must not stop a batch
_LABELS = {".doc": "Word 97-2003 文档", ".wps": "WPS 文字文件", ".rtf": "RTF 文档", ".odt": "OpenDocument 文本",
           ".ods": "OpenDocument 表格"}
_lock = threading.Lock()
_profile: str | None = None


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def read(path: Path) -> Document:
    program = soffice()
    if program is None:
        raise Unreadable(MISSING)
    spreadsheet = _is_spreadsheet(path)
    target = "xlsx" if spreadsheet else "docx"
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as folder:
        # a plain name: LibreOffice names its output after the input, and some names trouble it
        source = Path(folder) / f"source{path.suffix.lower() or '.doc'}"
        shutil.copyfile(path, source)
        converted = _convert(program, source, target, Path(folder) / "out")
        document = (xlsx if spreadsheet else docx).read(converted)
    document.name = path.name
    document.format_label = _LABELS.get(path.suffix.lower(), "Word 97-2003 文档")
    return document


def _is_spreadsheet(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return b"spreadsheet" in archive.read("mimetype")[:100]
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _convert(program: str, source: Path, target: str, out: Path) -> Path:
    command = [program, f"-env:UserInstallation={Path(_profile_dir()).as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", target,
               "--outdir", str(out), str(source)]
    with _lock:  # one conversion at a time per process: they share the private profile
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, errors = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise Unreadable(f"LibreOffice 转换超过 {TIMEOUT} 秒仍未完成，已停止；文件可能已损坏，"
                             "请在 Word / WPS 中打开后另存为 .docx 再导入") from None
    converted = out / f"{source.stem}.{target}"
    if not converted.is_file() or converted.stat().st_size == 0:
        said = errors.decode("utf-8", "replace").strip().splitlines()
        raise Unreadable("LibreOffice 无法打开此文件（文件可能已损坏或设有密码）"
                         f"{('：' + said[-1][:120]) if said else ''}；请在 Word / WPS 中打开后另存为 .docx 再导入")
    return converted


def _profile_dir() -> str:
    """A LibreOffice profile private to this process, made once (the first start fills it, which
    is the slow part) and removed at exit."""
    global _profile
    if _profile is None:
        _profile = tempfile.mkdtemp(prefix="jixiao-lo-profile-")
        atexit.register(shutil.rmtree, _profile, True)
    return _profile
