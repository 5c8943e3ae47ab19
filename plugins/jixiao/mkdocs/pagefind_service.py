"""Pagefind kept running while the parts of the search index are made, one after the other.

Why: each run of the Pagefind binary loads jieba's dictionary before it cuts the first Chinese
word, about a third of a second of processor time; indexing a part of a few pages takes less than
that. A site is indexed in one part per year or more (search_parts.py): the test suite's builds
started some 250 Pagefind runs, 85 s of processor time, most of it loading the dictionary again.
A running Pagefind ("pagefind --service", which Pagefind's own Python and Node APIs drive) loads
it once and indexes part after part: the seed site's seven parts took 2.4 s as seven runs and
0.44 s in one, and the bundles are the same bytes once stabilised (stable_index.py).

The protocol is Pagefind's: each message is JSON, base64-encoded, ended by a comma; a request
carries a number, its answer the same number. Each part gets an index of its own in the service
(NewIndex, AddDir), whose files are asked for (GetFiles) and written here, then deleted
(DeleteIndex), so that the service holds one part at a time, as a run did.
"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import tempfile
import time
from pathlib import Path


class PagefindServiceError(RuntimeError):
    """Pagefind refused a request, ended, or did not answer in time."""


class PagefindService:
    def __init__(self, executable: Path, timeout: float):
        self.timeout = timeout
        self._errors = tempfile.TemporaryFile()  # what it says on stderr, for the message if it fails
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._errors)
        self._last_id = 0
        self._unread = b""

    def index_folder(self, folder: Path, output: Path, language: str) -> int:
        """Index the HTML pages under ``folder`` into the bundle ``output``; the pages indexed
        (those marked for the index, as the bundle's entry file counts them: AddDir's own count
        is of every page it read).

        The bundle's files are asked for (GetFiles) and written here: Pagefind's own WriteFiles
        answers before its files are all written (an entry file read at once was found empty)."""
        index = self._ask({"type": "NewIndex", "config": {"force_language": language}})["index_id"]
        try:
            self._ask({"type": "AddDir", "index_id": index, "path": str(folder)})
            files = self._ask({"type": "GetFiles", "index_id": index})["files"]
        finally:
            self._ask({"type": "DeleteIndex", "index_id": index})
        output = Path(output)
        entry = {}
        for file in files:
            target = output / file["path"].lstrip("/")
            if output.resolve() not in target.resolve().parents:
                raise PagefindServiceError(f"Pagefind 给出的文件路径越出了输出目录：{file['path']}")
            target.parent.mkdir(parents=True, exist_ok=True)
            content = base64.b64decode(file["content"])
            target.write_bytes(content)
            if target.name == "pagefind-entry.json":
                entry = json.loads(content)
        return sum(int(found.get("page_count", 0)) for found in entry.get("languages", {}).values())

    def close(self) -> None:
        if self._process.stdin and not self._process.stdin.closed:
            try:
                self._process.stdin.close()  # the service leaves at the end of its input
            except OSError:
                pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()
        self._errors.close()

    def _ask(self, payload: dict) -> dict:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except OSError:  # it has left already
            raise PagefindServiceError(f"Pagefind 意外退出（退出码 {self._process.wait()}）{self._said()}") from None
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read(deadline)
            if answer.get("message_id") not in (None, self._last_id):
                continue  # an answer to an earlier request (there are none: requests go one at a time)
            result = answer.get("payload") or {}
            if result.get("type") == "Error" or answer.get("message_id") is None:
                raise PagefindServiceError(f"Pagefind 拒绝了请求 {payload['type']}：{result.get('message', result)}")
            return result

    def _read(self, deadline: float) -> dict:
        stream = self._process.stdout
        while b"," not in self._unread:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._process.kill()
                raise PagefindServiceError(f"Pagefind 在 {self.timeout:.0f} 秒内没有应答")
            ready, _, _ = select.select([stream], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(stream.fileno(), 1 << 20)
            if not chunk:
                raise PagefindServiceError(f"Pagefind 意外退出（退出码 {self._process.wait()}）{self._said()}")
            self._unread += chunk
        message, self._unread = self._unread.split(b",", 1)
        return json.loads(base64.b64decode(message))

    def _said(self) -> str:
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", errors="replace").strip()
        return f"：{said[-800:]}" if said else ""
