"""The JSON Schema of the record, exported from the model so that the two cannot drift."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Report

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "report.schema.json"


def report_schema() -> dict:
    schema = Report.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schema(path: Path = SCHEMA_FILE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path
