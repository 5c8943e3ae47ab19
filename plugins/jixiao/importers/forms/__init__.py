"""Forms: which form family a document is, and reading it into a record draft.

Readers give every file the same shape (:mod:`..document`); a form recogniser turns that shape
into the fields of a record by the words the form prints — its headers and labels — never by
where a cell sits. :func:`recognise` is the entry point.
"""

from __future__ import annotations

from .recognise import recognise

__all__ = ["recognise"]
