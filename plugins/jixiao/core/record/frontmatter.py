"""A record file's two parts: the front matter (YAML between two fences) and the narrative.

One module reads and writes the fences, so that ``jixiao check``, the site and the importer (which
merges a new import into a record people corrected) agree on where a record's fields end.
What a file that has no proper front matter is told is the loader's business
(``loading.py``); reading the YAML itself is ``yamlsafe.py``'s.
"""

from __future__ import annotations

from dataclasses import dataclass

FENCE = "---"
CLOSING = (FENCE, "...")  # YAML's end-of-document marker closes the block too


@dataclass(frozen=True)
class Parts:
    front: str  # the YAML text between the fences, each line ended by a newline
    body: str  # everything after the closing fence's line
    body_line: int  # the file line on which the body starts


def normalise(text: str) -> str:
    """The text with a leading byte-order mark dropped and every line ended by a plain newline."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Parts | None:
    """The front matter and body of a record's text (already :func:`normalise`-d), or None when
    the first line is not a fence or no closing fence follows: the fences are lines of their
    own, trailing spaces allowed."""
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSING:
            return Parts("".join(line + "\n" for line in lines[1:index]), "\n".join(lines[index + 1:]), index + 2)
    return None


def join(front: str, body: str) -> str:
    """A record's text from its front matter (YAML lines, each ended by a newline) and its body."""
    return f"{FENCE}\n{front}{FENCE}\n{body}"
