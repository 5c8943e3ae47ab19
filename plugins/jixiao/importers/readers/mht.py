"""Web pages saved as one file (.mht/.mhtml, “网页，单个文件”): the page inside, read as HTML.

An MHT file is a MIME message; its first ``text/html`` part is the page, the rest are its images.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from ..document import Document, Unreadable
from . import html


def read(path: Path) -> Document:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            data = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
                # the MIME header names the charset; put it where the page decoder looks first
                data = f'<meta charset="{charset}">'.encode("ascii", "ignore") + data
            document = html.read_bytes(data, path.name)
            document.format_label = "网页（单个文件）"
            return document
    raise Unreadable("MHT 网页文件里没有网页内容（找不到 text/html 部分）；请在浏览器中打开后另存为 .html 再导入")
