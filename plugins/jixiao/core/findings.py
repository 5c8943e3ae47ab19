"""Findings: what the checker says about a record, in one shape for every consumer.

A finding is data, not a log line: the CLI prints it, the plugin logs it and renders it on
the report page, exports write it to CSV. Every finding carries a stable code whose rule is
documented in :mod:`jixiao.core.rules`, so a reader can look it up and a record can silence it.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass
class Finding:
    code: str
    severity: Severity
    message: str
    path: str = ""  # file, relative to the folder that was checked
    line: int | None = None
    column: int | None = None
    field: str = ""  # record field path: indicators[7].score
    figures: dict[str, str] = _field(default_factory=dict)  # the numbers involved, as text
    hint: str = ""  # how to fix it
    silenced: str | None = None  # the record's written reason, when it silences this finding

    @property
    def location(self) -> str:
        where = self.path or "<记录>"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "field": self.field,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "figures": dict(self.figures),
            "silenced": self.silenced,
        }

    def text(self) -> str:
        message = self.message + (f"（{self.hint}）" if self.hint else "")
        return f"{self.location}: {self.severity.value} {self.code} {message}"
