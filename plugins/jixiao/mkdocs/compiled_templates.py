"""Material's templates and ours, compiled once per machine instead of once per build.

MkDocs makes a new Jinja environment for every build, and Jinja compiles each template it loads
to Python: about seventy templates and most of a second, every `mkdocs build`, every rebuild of
`mkdocs serve` and every process of a split build. Jinja can keep what it compiled in files,
each checked against its template's source when read, so an edited template is compiled again.
They are kept where Jinja keeps them by default, in a folder of the user's own in the system's
temporary folder.

What a template compiles to depends on the environment too (its extensions, whether the template
is escaped, its syntax settings), so that is part of the key beside the template's name: an
environment set up otherwise (another plugin's extension) compiles its own.

A cache that cannot be made, read or written is no cache: the templates are compiled as
before, and the build never fails for it.
"""

from __future__ import annotations

from hashlib import sha1

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

PATTERN = "jixiao-%s.cache"  # beside other programs' compiled templates in Jinja's folder, never mixed up with them


class CompiledTemplates(FileSystemBytecodeCache):
    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = sha1(f"{self.get_cache_key(name, filename)}|{_compiled_as(environment, name)}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable or damaged (cut short, another format): compiled afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full or read-only disk: compiled again next time
            pass


def compiled_templates() -> CompiledTemplates | None:
    """The cache, or None where Jinja finds no safe folder for it (one another user could write)."""
    try:
        return CompiledTemplates(pattern=PATTERN)
    except (RuntimeError, OSError):
        return None


def _compiled_as(environment: Environment, name: str) -> str:
    """Everything of ``environment`` that changes the code ``name`` compiles to."""
    escaped = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    settings = (jinja2.__version__, sorted(environment.extensions), escaped, environment.optimized,
                environment.block_start_string, environment.block_end_string, environment.variable_start_string,
                environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
                environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
                environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
                environment.is_async, getattr(environment.finalize, "__qualname__", None))
    return repr(settings)
