"""Readers: every file format into the one document model (:mod:`..document`).

    document = read_document(Path("自评表.pdf"))

One module a format: :mod:`.docx`, :mod:`.doc` (Word 97–2003, WPS and RTF through LibreOffice),
:mod:`.xlsx`, :mod:`.xls`, :mod:`.pdf`, :mod:`.html` (saved web pages), :mod:`.mht` (web pages
saved as one file) and :mod:`.text` (text flattened from any of them). The format is told by the
file's content (:mod:`.sniff`), not its name, so a workbook saved as ``.docx``, an ``.xls`` renamed
``.doc`` or a web page saved as ``.txt`` is still read right. Every failure is an
:class:`Unreadable` whose message says what is wrong and what to do.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document, Unreadable
from . import doc, docx, html, mht, ofd, pdf, text, xls, xlsx
from .sniff import MAX_BYTES, sniff

SUFFIXES = {".docx", ".xlsx", ".xlsm", ".xls", ".doc", ".wps", ".et", ".rtf", ".pdf", ".ofd", ".html", ".htm", ".shtml",
            ".xhtml", ".mht", ".mhtml", ".txt", ".text", ".tsv", ".csv", ".md"}
UNSUPPORTED: dict[str, str] = {}  # suffixes refused by name, with what to do instead
_READERS = {"docx": docx.read, "xlsx": xlsx.read, "xls": xls.read, "doc": doc.read, "pdf": pdf.read, "ofd": ofd.read,
            "html": html.read, "mht": mht.read, "text": text.read}


def read_document(path: Path) -> Document:
    """The file as paragraphs and tables; raises :class:`Unreadable` when nothing can be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise Unreadable(UNSUPPORTED[suffix])
    return _READERS[sniff(path)](path)


__all__ = ["MAX_BYTES", "SUFFIXES", "UNSUPPORTED", "Document", "Unreadable", "read_document"]
