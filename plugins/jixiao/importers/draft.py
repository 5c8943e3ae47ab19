"""A record under construction: what a recogniser read, before it is checked and written.

Field values are plain Python — text exactly as written, lists, dicts — keyed like the record
format. The narrative is a list of sections, each a heading and its paragraphs (a paragraph may
be a ready Markdown table). Notes are what could not be placed, in Chinese, for the record's
``import_notes`` and for the console.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    title: str | None  # None: paragraphs before the first heading
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Draft:
    template: str  # the recogniser that read it, e.g. "suzhou_self"
    template_label: str  # in Chinese, for the console
    fields: dict = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    region_hints: list[str] = field(default_factory=list)  # texts a place name may be read from, best first
    sheet: str | None = None  # the worksheet this record came from, in a workbook of several
    held_back: str | None = None  # why a complete record still waits for a reviewer (its file was cut off later)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def put(self, key: str, value) -> None:
        """Set a field when there is something to set; empty values are left out of the record."""
        if value is None or value == "" or value == [] or value == {}:
            return
        self.fields[key] = value

    def section(self, title: str | None, level: int = 2) -> Section:
        section = Section(title, level)
        self.sections.append(section)
        return section
