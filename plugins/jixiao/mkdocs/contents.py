"""What of the content folder MkDocs may publish as it is: the hand-written pages and their files.

MkDocs copies every file of ``docs_dir`` into the site and follows symbolic links to get them. Two
kinds are taken away from it here:

- every file of the reports tree: records are published by the plugin as generated pages (their
  front matter never reaches the site), and any other file there is refused and named by the
  record loader (record/tree.py), so nothing of that tree is copied as it is;
- any file reached through a link to outside the content folder, or to inside the reports tree
  (a link ``content/notes -> reports/2024`` would otherwise publish records, front matter and all,
  as plain pages): named in a warning, not published.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

log = get_plugin_logger(__name__)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def content_files_refused(files: Files, docs_dir: Path, reports_dir: str) -> list[File]:
    """The files of ``files`` that come from ``docs_dir`` and must not be published as they are."""
    docs = os.path.abspath(docs_dir)
    real_docs = os.path.realpath(docs_dir)
    real_reports = os.path.realpath(os.path.join(docs, reports_dir))
    prefix = reports_dir.strip("/") + "/"
    refused = []
    for file in list(files):
        source = file.abs_src_path
        if file.generated_by or not source or not _inside(os.path.abspath(source), docs):
            continue  # the theme's files and generated pages
        if file.src_uri.startswith(prefix) or file.src_uri == reports_dir:
            refused.append(file)  # the loader has named every file of the tree that is not a record
            continue
        real = os.path.realpath(source)
        if not _inside(real, real_docs):
            where = "内容目录以外"
        elif _inside(real, real_reports):
            where = "记录目录（reports/）中"
        else:
            continue
        refused.append(file)
        if not file.inclusion.is_excluded():
            log.warning("%s：经由符号链接指向%s的文件“%s”，不跟随、不发布（把文件本身放进内容目录，或删除这个链接）",
                        file.src_uri, where, real)
    return refused
