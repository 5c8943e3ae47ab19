"""Reading sentences of a report: what is the report's own statement, and what is template text.

A report template prints instructions among its headings — ``1.预算执行情况分析(包括完成情况和偏差原因
等)``, ``预算执行率未达到90%的需说明原因``, ``(可用表格形式反映)`` — and cites other documents
(``《…通知》(宁财〔绩〕发〔2022〕68号)``). Neither is the report's data: a figure inside them is never
taken as the project's figure. :func:`plain` gives the text with both taken out.
"""

from __future__ import annotations

import re

# A parenthesis that tells the writer what to write: (包括完成情况和偏差原因等), (可用表格形式反映).
_INSTRUCTION_PAREN = re.compile(
    r"[（(][^（）()]*?(?:包括|可用|可以|如[:：]|例如|请|需|应|须|填写|说明|反映|列出|列明|分析|不超过|不少于|字以内|附后|见附件)"
    r"[^（）()]*?[)）]"
)
# A sentence that instructs rather than states: …的需说明原因, 请填写…, 应当说明…, 注：…
_INSTRUCTION = re.compile(
    r"(?:的?(?:需|应|须|应当|必须|请)(?:要)?(?:说明|填写|填列|列明|注明|详细说明|分析|附|提供|逐项)"
    r"|^(?:注|说明|填表说明|备注)\s*[:：\d]|^请|填报说明|如实填写|按要求填写|以下简称)"
)
_BOOK = re.compile(r"《[^《》]*》")
_CITED_NUMBER = re.compile(r"[（(][^（）()]*〔\d{4}〕[^（）()]*号[^（）()]*[)）]")
SENTENCE_END = re.compile(r"[。；;！!？?]")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each without its closing punctuation."""
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


def is_instruction(sentence: str) -> bool:
    """Template text telling the writer what to write (not a statement of the report)."""
    return bool(_INSTRUCTION.search(sentence.strip()))


def without_citations(text: str) -> str:
    """The text without the titles of cited documents and their numbers: 《…通知》(…〔2022〕68号)."""
    return _CITED_NUMBER.sub("", _BOOK.sub("《》", text))


def plain(text: str) -> str:
    """The sentences of ``text`` that state something, instructions and their parentheses taken out."""
    text = _INSTRUCTION_PAREN.sub("", text)
    kept = [sentence for sentence in re.split(r"(?<=[。；;！!？?])", text) if sentence.strip() and not is_instruction(sentence)]
    return "".join(kept)
