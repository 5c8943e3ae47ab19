"""Printing findings for people and for CI systems (text, GitHub annotations, GitLab Code Quality)."""

from __future__ import annotations

import hashlib
import json
import os
import sys

from ..core.findings import Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"


def _visible(collection, quiet: bool):
    for analysis in collection.analyses:
        for item in sorted(analysis.findings, key=lambda f: (f.line or 0, f.severity.rank)):
            if quiet and item.severity == Severity.INFO:
                continue
            yield analysis, item


def text(collection, quiet: bool = False) -> str:
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    lines = []
    for _, item in _visible(collection, quiet):
        severity = item.severity.value
        if colour:
            severity = f"{_COLOURS[item.severity]}{severity}{_RESET}"
        silenced = f"（已豁免：{item.silenced}）" if item.silenced else ""
        hint = f"（{item.hint}）" if item.hint else ""
        field = f" [{item.field}]" if item.field else ""
        lines.append(f"{item.location}: {severity} {item.code} {item.message}{hint}{field}{silenced}")
    summary = collection.summary()
    lines.append(
        f"核验了 {summary['files']} 个文件：{summary['reports']} 份报告可读，{summary['failed']} 份无法读取"
        + (f"，{summary['refused']} 个不是记录（未读取）" if summary["refused"] else "") + "；"
        f"错误 {summary['errors']}，警告 {summary['warnings']}，提示 {summary['infos']}"
    )
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(collection, quiet: bool = False) -> str:
    """Workflow commands (``::error file=…``) that a GitHub runner turns into annotations."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    current = None
    for analysis, item in _visible(collection, quiet):
        if item.silenced:
            continue
        if analysis.path != current:
            if current is not None:
                lines.append("::endgroup::")
            lines.append(f"::group::{_escape_data(analysis.path)}")
            current = analysis.path
        props = [f"file={_escape_property(item.path or analysis.path)}"]
        if item.line:
            props.append(f"line={item.line}")
        if item.column:
            props.append(f"col={item.column}")
        props.append(f"title={_escape_property(item.code)}")
        message = item.message + (f"（{item.hint}）" if item.hint else "")
        lines.append(f"::{level[item.severity]} {','.join(props)}::{_escape_data(message)}")
    if current is not None:
        lines.append("::endgroup::")
    return "\n".join(lines) + ("\n" if lines else "")


def gitlab(collection, quiet: bool = False) -> str:
    """GitLab Code Quality report: a JSON array of issues."""
    severity = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
    issues = []
    for analysis, item in _visible(collection, quiet):
        if item.silenced:
            continue
        path = item.path or analysis.path
        key = f"{item.code}|{path}|{item.field}|{item.message}"
        issues.append({
            "description": item.message,
            "check_name": item.code,
            "fingerprint": hashlib.sha1(key.encode("utf-8")).hexdigest(),
            "severity": severity[item.severity],
            "location": {"path": path, "lines": {"begin": item.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
