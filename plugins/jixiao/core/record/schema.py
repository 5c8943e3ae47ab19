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


def field_rows() -> list[dict]:
    """Every key of the record format, nested keys under their parent, for the 记录格式 page."""
    schema = report_schema()
    definitions = schema.get("$defs", {})
    rows: list[dict] = []

    def resolve(node: dict) -> dict:
        if "$ref" in node:
            return definitions[node["$ref"].rsplit("/", 1)[-1]]
        for key in ("anyOf", "oneOf"):
            for option in node.get(key, []):
                if option.get("type") != "null":
                    return resolve(option)
        return node

    def type_of(node: dict) -> str:
        node = resolve(node)
        if "enum" in node:
            return " | ".join(str(v) for v in node["enum"])
        if "const" in node:
            return str(node["const"])
        kind = node.get("type", "")
        if kind == "array":
            return f"列表（{type_of(node.get('items', {}))}）"
        if kind == "object" and "properties" not in node:
            return "键值表"
        return {"string": "文字", "number": "数字", "integer": "整数", "boolean": "true / false", "object": "字段组"}.get(kind, kind or "任意")

    def walk(node: dict, prefix: str, depth: int, within: frozenset = frozenset()) -> None:
        node = resolve(node)
        required = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            target = resolve(prop)
            if target.get("type") == "array":
                target = resolve(target.get("items", {}))
            rows.append({
                "key": prefix + name,
                "depth": depth,
                "title": prop.get("title") or target.get("title", ""),
                "description": prop.get("description") or target.get("description", ""),
                "type": type_of(prop),
                "required": name in required,
            })
            # a block that holds rows of its own kind (base_data's cost rows: parts of parts) is
            # listed once; its nested rows are the same fields again
            if "properties" in target and id(target) not in within:
                walk(target, prefix + name + ("[]." if resolve(prop).get("type") == "array" else "."), depth + 1,
                     within | {id(target)})

    walk(schema, "", 0)
    return rows
