"""The record: typed model, loading with line marks, JSON Schema export."""

from .loading import LoadedRecord, iter_record_files, load_file, load_text
from .model import Report

__all__ = ["LoadedRecord", "Report", "iter_record_files", "load_file", "load_text"]
