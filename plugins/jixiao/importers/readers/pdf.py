"""PDF documents with a text layer (as Word, Excel, WPS and browsers export them) into the model.

pdfplumber gives each page's characters and ruling lines. Ruled tables come from the lines
(:mod:`.pdflattice`), text outside them becomes paragraphs and unruled tables
(:mod:`.pdftext`), running heads, feet and page numbers are dropped and a table cut by a page
break is joined again (:mod:`.pdfpages`). Everything is placed in reading order, top to bottom.

What cannot be read is said plainly: a scanned PDF has no text to read (it must be OCR'd, or the
Word/Excel original imported), an encrypted one needs its password removed, a damaged one is read
as far as its pages allow.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..document import Document, Paragraph, Table, Unreadable
from . import pdflattice, pdfpages, pdftext
from .pdflines import chars_of, lines_of

# pdfminer warns on the console about every odd font descriptor; what matters reaches the notes
logging.getLogger("pdfminer").setLevel(logging.ERROR)

SCANNED = ("PDF 没有文字层，看来是扫描件或图片：无法读出文字。请先用文字识别（OCR）软件处理后再导入，"
           "或导入报告的 Word / Excel 原件")


def read(path: Path) -> Document:
    pdf = _open(path)
    with pdf:
        return from_pages(path.name, "PDF 文档", pdf.pages)


def from_pages(name: str, label: str, source_pages, kind: str = "PDF") -> Document:
    """A document from pages that give their characters (``page.chars``), ruling lines (the
    table finder's) and images as pdfplumber's do — a PDF's, or another fixed-layout format's
    drawn the same way (:mod:`.ofd`). ``kind`` names the format in what is said to the user."""
    document = Document(name=name, format_label=label)
    pages, images, failed = _pages(source_pages)
    if not any(page.lines or page.lattices for page in pages):
        if failed and not images:
            raise Unreadable(f"{kind} 文件已损坏，没有一页能读出（{failed[0][1]}）；请重新下载原件")
        raise Unreadable(SCANNED.replace("PDF", kind, 1))
    empty = [page.number for page in pages if not page.lines and not page.lattices]
    imaged = [number for number in empty if number in images]
    if imaged:
        document.notes.append(f"{kind} 第 {_numbers(imaged)} 页没有文字层（扫描页），其内容未读入；请对这几页做文字识别或对照原件补录")
    if failed:
        document.notes.append(f"{kind} 第 {_numbers([n for n, _ in failed])} 页已损坏，无法读出（{failed[0][1]}）；"
                              "其余各页已读入，缺失的内容请对照原件补录")
    pdfpages.drop_running(pages)
    document.blocks = _blocks(pages)
    if document.is_empty():
        raise Unreadable(SCANNED.replace("PDF", kind, 1))
    return document


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(str(path))
        pdf.pages  # noqa: B018 - the page tree is read here, so damage shows now
        return pdf
    except Exception as error:  # noqa: BLE001 - pdfminer raises PSEOF, PDFSyntaxError, KeyError... for damage
        # pdfplumber wraps what pdfminer raised: look at the whole chain
        causes = [error, *error.args, error.__cause__, error.__context__]
        if any(isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) for cause in causes):
            raise Unreadable("PDF 设有打开密码（已加密），无法读取；请用密码打开后另存（或打印）为不加密的 PDF，"
                             "或导入报告的 Word / Excel 原件") from error
        raise Unreadable(f"PDF 文件已损坏，无法打开（{type(error).__name__}）；请重新下载原件，"
                         "或导入报告的 Word / Excel 原件") from error


def _pages(source_pages):
    pages: list[pdfpages.PageContent] = []
    images: set[int] = set()
    failed: list[tuple[int, str]] = []
    for number, page in enumerate(source_pages, 1):
        try:
            pages.append(_page(page, number))
            if page.images:
                images.add(number)
        except Unreadable:
            raise
        except Exception as error:  # noqa: BLE001 - one damaged page must not lose the others
            failed.append((number, type(error).__name__))
    return pages, images, failed


def _page(page, number: int) -> pdfpages.PageContent:
    chars = chars_of(page)
    cid = sum(1 for char in chars if char.text.startswith("(cid:"))
    if chars and cid > len(chars) / 2:
        raise Unreadable("PDF 的文字无法解码（字体没有字符映射表，复制出来是乱码）；请导入报告的 Word / Excel 原件，"
                         "或把 PDF 当作扫描件做文字识别（OCR）")
    chars = [char for char in chars if not char.text.startswith("(cid:")]
    content = pdfpages.PageContent(number, float(page.width), float(page.height))
    content.lattices = pdflattice.find(page, chars, number) if chars else []
    outside = [char for char in chars if not any(pdflattice.inside(char, lattice.bbox) for lattice in content.lattices)]
    content.lines = lines_of(outside)
    return content


def _blocks(pages: list[pdfpages.PageContent]) -> list:
    """Every page's tables and text in reading order, a table cut by a page break joined again."""
    headings = pdftext.heading_sizes([line for page in pages for line in page.lines])
    blocks: list = []
    open_lattice: pdflattice.Lattice | None = None  # the ruled table that ended the previous page
    for page in pages:
        items = sorted([(lattice.top, lattice) for lattice in page.lattices]
                       + [(line.top, line) for line in page.lines], key=lambda item: item[0])
        margin = max((line.x1 for line in page.lines), default=page.width)
        pending: list = []
        for index, (_, item) in enumerate(items):
            if isinstance(item, pdflattice.Lattice):
                blocks.extend(pdftext.text_blocks(pending, margin, headings))
                pending = []
                if index == 0 and open_lattice is not None and pdfpages.continues(open_lattice, item):
                    blocks[-1] = open_lattice = pdfpages.join(open_lattice, item)
                elif len(item.boxes) == 1:  # a framed paragraph, not a table
                    blocks.extend(Paragraph(line) for line in item.boxes[0].text.split("\n") if line)
                    open_lattice = None
                else:
                    blocks.append(item)
                    open_lattice = item
            else:
                pending.append(item)
        if pending:
            blocks.extend(pdftext.text_blocks(pending, margin, headings))
            open_lattice = None
    return _paragraphs_joined([block.table() if isinstance(block, pdflattice.Lattice) else block for block in blocks])


def _paragraphs_joined(blocks: list) -> list:
    """Empty paragraphs out; a table keeps its page."""
    return [block for block in blocks if isinstance(block, Table) or (isinstance(block, Paragraph) and block.text)]


def _numbers(numbers: list[int]) -> str:
    return "、".join(str(number) for number in numbers)
