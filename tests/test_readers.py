"""Each reader on what the wild sends it: the layouts of each format, and bad input.

Every bad file gets one clear line (what is wrong, what to do) and costs nothing else. The files
are made here: Word and Excel by python-docx, openpyxl and xlwt; PDFs printed from HTML
(``readers_fixtures.writers.print_pdf``); a scanned page by Pillow; an encrypted PDF by pypdf.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from jixiao.importers.document import Merge, Paragraph, Table, Unreadable
from jixiao.importers.readers import MAX_BYTES, read_document
from jixiao.importers.readers.sniff import sniff
from readers_fixtures import writers
from readers_fixtures.realdev import Spec

needs_pdf = pytest.mark.skipif(writers.pdf_printer() is None, reason="no PDF printer here (WeasyPrint or Chromium)")
needs_soffice = pytest.mark.skipif(writers.soffice() is None, reason="LibreOffice (soffice) is not installed; scripts/test installs it")


def unreadable(path: Path) -> str:
    with pytest.raises(Unreadable) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message and message.strip()
    return message


def small_spec() -> Spec:
    grid = [["项目支出绩效自评表", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥100人"],
            ["", "", "培训场次", "≥4场"],
            ["", "质量指标", "合格率", "≥95%"]]
    return Spec("small", "自评表", grid, [Merge(0, 0, 0, 3), Merge(2, 0, 4, 0), Merge(2, 1, 3, 1)])


# --- HTML ---


PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>金寨县人民政府</title>
<script>document.write("<table><tr><td>脚本</td></tr></table>")</script><style>td {{ color: red }}</style></head>
<body>
<div class="header"><div class="logo">金寨县人民政府</div>
<ul id="mainNav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bs">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a></div>
<div class="article">
<h1>部门整体支出
绩效自评表</h1>
<p>　　发布时间：2023-08-14　来源：县财政局</p>
{table}
<h2>二、存在问题</h2>
<p>资金到位
较晚。</p>
<div class="share-print">【打印本页】【关闭窗口】</div>
</div>
<div class="links"><a href="#">国务院</a> <a href="#">安徽省政府</a> <a href="#">六安市政府</a></div>
<div id="footer">版权所有：金寨县人民政府 皖ICP备05001234号</div>
</body></html>"""
TABLE = """<table border="1">
<tr><td colspan="3">部门整体支出绩效自评表</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>年度<br>指标值</th></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>≥200</td></tr>
<tr><td>质量&nbsp;指标</td><td><p>≥95%</p><table><tr><td>附注</td><td>抽查</td></tr></table></td></tr>
</table>"""


def test_web_page_in_gb2312_reads_its_table_headings_and_text_without_the_chrome(tmp_path):
    page = tmp_path / "37545031.html"
    page.write_bytes(PAGE.format(table=TABLE).encode("gb18030"))
    document = read_document(page)
    assert document.format_label == "网页" and not document.notes
    paragraphs = [(block.text, block.heading_level) for block in document.blocks if isinstance(block, Paragraph)]
    assert paragraphs == [("部门整体支出绩效自评表", 1), ("发布时间：2023-08-14\u3000来源：县财政局", None),
                          ("二、存在问题", 2), ("资金到位较晚。", None)]
    table, nested = document.tables
    assert table.cells == [["部门整体支出绩效自评表"] * 3,
                           ["一级指标", "二级指标", "年度\n指标值"],
                           ["产出指标", "数量指标", "≥200"],
                           ["产出指标", "质量 指标", "≥95%"]]
    assert table.merges == [Merge(0, 0, 0, 2), Merge(2, 0, 3, 0)]
    assert nested.cells == [["附注", "抽查"]]  # a table inside a cell follows its parent
    assert document.blocks.index(nested) == document.blocks.index(table) + 1
    text = document.text()
    for chrome in ("首页", "当前位置", "打印本页", "版权所有", "国务院", "脚本"):
        assert chrome not in text


def test_web_page_without_a_table_is_paragraphs(tmp_path):
    page = tmp_path / "news.htm"
    page.write_text(PAGE.format(table="<p>项目绩效自评得分 95 分，等级为优。</p>"), encoding="utf-8")
    document = read_document(page)
    assert document.tables == []
    assert "项目绩效自评得分 95 分，等级为优。" in [block.text for block in document.blocks]


def test_web_page_saved_as_text_is_read_as_a_web_page(tmp_path):
    page = tmp_path / "自评表.txt"
    page.write_text(PAGE.format(table=TABLE), encoding="utf-8")
    assert sniff(page) == "html"
    assert read_document(page).tables[0].cells[2] == ["产出指标", "数量指标", "≥200"]


def test_web_page_with_a_wrong_charset_is_still_read(tmp_path):
    page = tmp_path / "wrong.html"  # declares GB2312 but was re-saved as UTF-8, as browsers do
    page.write_text(PAGE.format(table=TABLE), encoding="utf-8")
    assert read_document(page).tables[0].cells[1][0] == "一级指标"
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes(PAGE.format(table=TABLE).replace("; charset=gb2312", "").encode("gbk"))
    assert read_document(undeclared).tables[0].cells[1][0] == "一级指标"


def test_web_page_with_no_text_is_unreadable(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body><img src=a.png></body></html>")
    assert "没有可读的正文文字" in unreadable(page)


def test_layout_tables_are_read_through(tmp_path):
    page = tmp_path / "old-portal.html"
    page.write_text("<html><body><table width=980><tr><td>"
                    "<table><tr><td>项目名称</td><td>共享工程</td></tr><tr><td>主管部门</td><td>文旅局</td></tr></table>"
                    "</td></tr></table><table><tr><td>只有一格的说明</td></tr></table></body></html>", encoding="utf-8")
    document = read_document(page)
    assert [table.cells for table in document.tables] == [[["项目名称", "共享工程"], ["主管部门", "文旅局"]]]
    assert document.blocks[-1].text == "只有一格的说明"


def test_web_page_saved_as_one_file_mht(tmp_path):
    body = PAGE.format(table=TABLE).encode("gb18030")
    import base64

    mht = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n--b1\r\n"
           b"Content-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + base64.encodebytes(body) + b"\r\n--b1--\r\n")
    path = tmp_path / "page.mht"
    path.write_bytes(mht)
    document = read_document(path)
    assert document.format_label == "网页（单个文件）"
    assert document.tables[0].cells[0][0] == "部门整体支出绩效自评表"


# --- PDF ---


LONG_PAGE = """<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 15mm; @bottom-center {{ content: "- " counter(page) " -"; }} @top-right {{ content: "金寨县财政局"; }} }}
body {{ font-family: "Noto Sans CJK SC", sans-serif; font-size: 10pt; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 0.6pt solid #000; padding: 2pt 4pt; font-weight: normal; }}
</style></head><body><h1>项目支出绩效自评表</h1><p>单位：万元</p>
<table><thead><tr><th>一级指标</th><th>三级指标</th><th>指标值</th></tr></thead><tbody>{rows}</tbody></table>
<p>填表人：张三</p></body></html>"""


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    rows = []
    for i in range(70):
        if i == 30:
            rows.append(f"<tr><td rowspan=\"20\">产出指标</td><td>指标{i}</td><td>{i}</td></tr>")
        elif 30 < i < 50:
            rows.append(f"<tr><td>指标{i}</td><td>{i}</td></tr>")
        else:
            rows.append(f"<tr><td>类别{i}</td><td>指标{i}</td><td>{i}</td></tr>")
    return writers.print_pdf(LONG_PAGE.format(rows="".join(rows)), tmp_path_factory.mktemp("pdf") / "long.pdf")


@needs_pdf
def test_pdf_table_over_several_pages_is_one_table(long_pdf):
    document = read_document(long_pdf)
    assert document.format_label == "PDF 文档"
    assert [block.text for block in document.blocks if isinstance(block, Paragraph)] == \
        ["项目支出绩效自评表", "单位：万元", "填表人：张三"]  # no running head, no page numbers
    assert document.blocks[0].heading_level == 1
    (table,) = document.tables
    assert len(table.cells) == 71  # the header printed again on each page is read once
    assert table.cells[0] == ["一级指标", "三级指标", "指标值"]
    assert table.cells[1] == ["类别0", "指标0", "0"] and table.cells[70] == ["类别69", "指标69", "69"]
    assert table.merges == [Merge(31, 0, 50, 0)]  # the category cell split by the page break
    assert all(row[0] == "产出指标" for row in table.cells[31:51])


@needs_pdf
def test_pdf_table_without_ruling_lines_is_read_by_alignment(tmp_path):
    page = ("<html><head><meta charset='utf-8'><style>body { font-family: 'Noto Sans CJK SC'; font-size: 10pt; }"
            "td { padding: 1pt 18pt 1pt 0; }</style></head><body><p>资金情况如下：</p><table>"
            "<tr><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td></tr>"
            "<tr><td>329.77</td><td>329.77</td><td>338.31</td></tr>"
            "<tr><td>5</td><td>5</td><td>100%</td></tr></table></body></html>")
    document = read_document(writers.print_pdf(page, tmp_path / "aligned.pdf"))
    (table,) = document.tables
    assert table.cells == [["年初预算数", "全年预算数", "全年执行数"], ["329.77", "329.77", "338.31"], ["5", "5", "100%"]]
    assert not table.spans_known and table.merges == []


@needs_pdf
def test_scanned_pdf_says_so_and_what_to_do(tmp_path):
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    message = unreadable(scan)
    assert "扫描件" in message and "文字识别" in message and "Word / Excel 原件" in message


@needs_pdf
def test_encrypted_pdf_says_so(long_pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(long_pdf).pages[:1]:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as stream:
        writer.write(stream)
    assert "加密" in unreadable(locked)


@needs_pdf
def test_damaged_pdf_says_so(long_pdf, tmp_path):
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert "损坏" in unreadable(garbage)
    not_pdf = tmp_path / "download.pdf"
    not_pdf.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert "不是 PDF" in unreadable(not_pdf)


@needs_pdf
def test_pdf_cut_off_in_transfer_gives_what_can_be_read(long_pdf, tmp_path):
    data = long_pdf.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    try:
        document = read_document(cut)
    except Unreadable as error:
        assert "损坏" in str(error)  # one clear line when nothing survives
    else:
        assert document.tables or document.blocks


# --- OFD ---


def _ofd(path: Path, page: str, template: str | None = None) -> Path:
    import zipfile

    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        templates = '<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else ""
        archive.writestr("Doc_0/Document.xml", f"<ofd:Document {ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                         f"</ofd:PhysicalBox></ofd:PageArea>{templates}</ofd:CommonData><ofd:Pages>"
                         '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", f"<ofd:Page {ns}>{page}</ofd:Page>")
        if template:
            archive.writestr("Doc_0/Tpls/Tpl_0/Content.xml", f"<ofd:Page {ns}>{template}</ofd:Page>")
    return path


def test_ofd_is_read_like_a_pdf_of_the_same_table(tmp_path):
    spec = small_spec()
    path = writers.write_ofd(spec, tmp_path / "自评表.ofd")
    assert sniff(path) == "ofd"
    document = read_document(path)
    assert document.format_label == "OFD 版式文件"
    assert document.tables[0].shape() == spec.table().shape()
    assert document.blocks[0].text == spec.title  # the title above the table is a paragraph


def test_ofd_frame_on_a_template_page_and_compressed_advances(tmp_path):
    # the ruling lines drawn once on a template page (as form templates are), and the text's
    # advances written "g 4 3.5" (four of 3.5 mm) under a transform that doubles its size
    frame = ('<ofd:Content><ofd:Layer><ofd:PathObject Boundary="10 10 100 20">'
             "<ofd:AbbreviatedData>M 0 0 L 100 0 M 0 10 L 100 10 M 0 20 L 100 20 M 0 0 L 0 20 M 50 0 L 50 20 M 100 0 L 100 20"
             "</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content>")
    texts = ('<ofd:Template TemplateID="9"/><ofd:Content><ofd:Layer>'
             '<ofd:TextObject Boundary="11 11 40 8" Size="1.75" CTM="2 0 0 2 0 0"><ofd:TextCode X="0" Y="2" DeltaX="g 4 1.75">项目名称</ofd:TextCode></ofd:TextObject>'
             '<ofd:TextObject Boundary="61 11 40 8" Size="3.5"><ofd:TextCode X="0" Y="4" DeltaX="3.5 3.5 3.5">乡村道路</ofd:TextCode></ofd:TextObject>'
             '<ofd:TextObject Boundary="11 21 40 8" Size="3.5"><ofd:TextCode X="0" Y="4">主管部门</ofd:TextCode></ofd:TextObject>'
             '<ofd:TextObject Boundary="61 21 40 8" Size="3.5"><ofd:TextCode X="0" Y="4">某县交通运输局</ofd:TextCode></ofd:TextObject>'
             "</ofd:Layer></ofd:Content>")
    document = read_document(_ofd(tmp_path / "form.ofd", texts, template=frame))
    assert document.tables[0].grid == [["项目名称", "乡村道路"], ["主管部门", "某县交通运输局"]]


def test_ofd_without_text_or_not_an_ofd_says_what_to_do(tmp_path):
    scanned = _ofd(tmp_path / "scan.ofd", '<ofd:Content><ofd:Layer><ofd:ImageObject Boundary="0 0 210 297" ResourceID="1"/>'
                                          "</ofd:Layer></ofd:Content>")
    assert "OFD 没有文字层" in unreadable(scanned)
    broken = tmp_path / "broken.ofd"
    broken.write_bytes(scanned.read_bytes()[:200])
    assert "OFD 文件已损坏" in unreadable(broken)
    missing = tmp_path / "missing.ofd"
    import zipfile

    with zipfile.ZipFile(missing, "w") as archive:
        archive.writestr("OFD.xml", "<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>")
    assert "缺少 Doc_0/Document.xml" in unreadable(missing)


# --- Word ---


def test_docx_nested_tables_paragraphs_between_tables_and_line_breaks(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、基本情况")
    first = document.add_table(rows=2, cols=2)
    first.cell(0, 0).text = "项目名称"
    first.cell(0, 1).paragraphs[0].add_run("共享").add_break()
    first.cell(0, 1).paragraphs[0].add_run("工程")
    first.cell(1, 0).text = "说明"
    first.cell(1, 1).text = "第一段"
    first.cell(1, 1).add_paragraph("第二段")
    inner = first.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内表"
    inner.cell(0, 1).text = "数据"
    document.add_paragraph("二、绩效指标")
    second = document.add_table(rows=1, cols=1)
    second.cell(0, 0).text = "第二个表"
    path = tmp_path / "nested.docx"
    document.save(str(path))
    blocks = read_document(path).blocks
    kinds = [type(block).__name__ for block in blocks]
    assert kinds == ["Paragraph", "Table", "Table", "Paragraph", "Table"]
    assert blocks[0].text == "一、基本情况" and blocks[3].text == "二、绩效指标"
    assert blocks[1].cells == [["项目名称", "共享\n工程"], ["说明", "第一段\n第二段"]]
    assert blocks[2].cells == [["内表", "数据"]]


def test_zip_renamed_docx_says_it_is_an_archive(tmp_path):
    archive = tmp_path / "报告.docx"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("自评表.xlsx", b"x")
        zipped.writestr("说明.txt", "说明")
    message = unreadable(archive)
    assert "ZIP 压缩包" in message and "解压" in message


def test_encrypted_office_file_says_so(tmp_path):
    import olefile  # noqa: F401 - the sniffer reads the streams with it

    locked = tmp_path / "locked.docx"
    locked.write_bytes(_ole_with_streams(["EncryptionInfo", "EncryptedPackage"]))
    assert "密码" in unreadable(locked)


@needs_soffice
def test_doc_made_by_libreoffice_reads_like_its_docx(tmp_path):
    spec = small_spec()
    (doc,) = writers.write_docs([writers.write_docx(spec, tmp_path / "small.docx")], tmp_path / "doc")
    assert sniff(doc) == "doc"
    document = read_document(doc)
    assert document.format_label == "Word 97-2003 文档"
    assert document.tables[0].shape() == spec.table().shape()


def test_xls_renamed_doc_is_read_as_excel(tmp_path):
    spec = small_spec()
    renamed = tmp_path / "自评表.doc"
    writers.write_xls(spec, renamed)
    assert sniff(renamed) == "xls"
    document = read_document(renamed)
    assert document.format_label == "Excel 97-2003 工作簿"
    assert document.tables[0].shape() == spec.table().shape()


def test_wps_spreadsheet_in_excel_format_is_read_and_another_says_what_to_do(tmp_path):
    spec = small_spec()
    et = tmp_path / "自评表.et"
    writers.write_xls(spec, et)  # how WPS saves an .et by default
    assert read_document(et).tables[0].shape() == spec.table().shape()
    writers.write_xlsx(spec, et)
    assert read_document(et).tables[0].shape() == spec.table().shape()
    et.write_bytes(b"KSET" + bytes(200))
    assert "另存为 .xlsx" in unreadable(et)


def test_doc_without_libreoffice_says_how_to_add_it(tmp_path, monkeypatch):
    from jixiao.importers.readers import doc

    monkeypatch.setattr(doc, "soffice", lambda: None)
    path = tmp_path / "old.rtf"
    path.write_text(r"{\rtf1\ansi 自评表}", encoding="ascii", errors="ignore")
    message = unreadable(path)
    assert "LibreOffice" in message and "apt-get install -y --no-install-recommends libreoffice-writer-nogui" in message


# --- Excel ---


def test_xlsx_and_xls_merged_ranges_and_one_table_per_sheet(tmp_path):
    import openpyxl

    spec = small_spec()
    book = openpyxl.Workbook()
    first = book.active
    first.title = "自评表"
    for r, row in enumerate(spec.grid, 1):
        for c, text in enumerate(row, 1):
            first.cell(r, c, text or None)
    for merge in spec.merges:
        first.merge_cells(start_row=merge.top + 1, start_column=merge.left + 1, end_row=merge.bottom + 1, end_column=merge.right + 1)
    second = book.create_sheet("资金")
    second["B2"], second["C2"] = "预算数", 35.7
    book.create_sheet("Sheet3")  # empty, as Excel makes them: no table, no note
    path = tmp_path / "two.xlsx"
    book.save(path)
    document = read_document(path)
    assert [table.sheet for table in document.tables] == ["自评表", "资金"]
    assert document.tables[0].shape() == spec.table().shape()
    assert document.tables[1].cells == [["预算数", "35.7"]]  # the sheet's empty first row and column are no part of it
    assert document.notes == []


def test_xlsx_formula_reads_its_cached_value(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["C1"] = 20.05, 8.5, "=A1+B1"
    path = tmp_path / "formula.xlsx"
    book.save(path)
    _cache_formula_values(path, {"C1": "28.55"})  # what Excel writes when it saves
    document = read_document(path)
    assert document.tables[0].cells == [["20.05", "8.5", "28.55"]]
    assert document.notes == []


@needs_soffice
def test_xls_formula_reads_its_cached_value(tmp_path):
    import subprocess

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["C1"] = 20.05, 8.5, "=A1+B1"
    source = tmp_path / "formula.xlsx"
    book.save(source)
    with_profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run([writers.soffice(), with_profile, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    if not (tmp_path / "formula.xls").exists():  # LibreOffice without Calc converts no spreadsheet
        pytest.skip("LibreOffice Calc (libreoffice-calc-nogui) is not installed; scripts/test installs it")
    document = read_document(tmp_path / "formula.xls")
    assert document.tables[0].cells == [["20.05", "8.5", "28.55"]]


def test_empty_workbook_and_empty_sheet_say_so(tmp_path):
    import openpyxl
    import xlwt

    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    assert "没有" in unreadable(empty) and "Sheet" in unreadable(empty)
    old = tmp_path / "empty.xls"
    book = xlwt.Workbook()
    book.add_sheet("Sheet1")
    book.save(str(old))
    assert "没有" in unreadable(old)


# --- any file ---


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "附件.pdf"
    with big.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # sparse: takes no disk
    assert MAX_BYTES == 50 * 1024 * 1024
    message = unreadable(big)
    assert "太大" in message and "100 MB" in message and "50 MB" in message


def test_each_format_is_told_by_content_not_name(tmp_path):
    spec = small_spec()
    cases = {
        "docx": writers.write_docx(spec, tmp_path / "a.xlsx.bak"),
        "xlsx": writers.write_xlsx(spec, tmp_path / "b.docx"),
        "xls": writers.write_xls(spec, tmp_path / "c.txt"),
        "html": writers.write_html(spec, tmp_path / "d.txt"),
    }
    for kind, path in cases.items():
        assert sniff(path) == kind, path.name
        assert read_document(path).tables[0].shape() == spec.table().shape(), kind


def _cache_formula_values(path: Path, values: dict[str, str]) -> None:
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    for coordinate, value in values.items():
        start = sheet.index(f'r="{coordinate}"')
        end = sheet.index("</c>", start)
        cell = sheet[start:end]
        cell = cell.replace("<v></v>", f"<v>{value}</v>").replace("<v />", f"<v>{value}</v>")
        if "<v>" not in cell:
            cell += f"<v>{value}</v>"
        sheet = sheet[:start] + cell + sheet[end:]
    members["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)


def _ole_with_streams(names: list[str]) -> bytes:
    """A minimal OLE2 compound file holding empty streams of these names (as an encrypted Office
    file does: EncryptionInfo and EncryptedPackage)."""
    import struct

    sector = 512
    entries = [("Root Entry", 5)] + [(name, 2) for name in names]
    directory = bytearray()
    for index, (name, kind) in enumerate(entries):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry = bytearray(128)
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
        left, right, child = 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF
        if index == 0:
            child = 1
        elif index < len(entries) - 1:
            right = index + 1
        struct.pack_into("<III", entry, 68, left, right, child)
        struct.pack_into("<II", entry, 116, 0xFFFFFFFE, 0)  # start sector, size: empty stream
        directory += entry
    directory += bytes(-len(directory) % sector)
    header = bytearray(sector)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<H", header, 32, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)  # no DIFAT sectors
    header[76:76 + 436] = b"\xff" * 436
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<I", fat, 0, 0xFFFFFFFD)  # sector 0: FAT
    directory_sectors = len(directory) // sector
    for number in range(directory_sectors):
        following = 2 + number if number + 1 < directory_sectors else 0xFFFFFFFE
        struct.pack_into("<I", fat, 4 * (1 + number), following)
    return bytes(header) + bytes(fat) + bytes(directory)


def test_the_minimal_ole_file_is_what_olefile_reads():
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(_ole_with_streams(["EncryptionInfo", "EncryptedPackage"])))
    assert {"/".join(entry) for entry in ole.listdir()} == {"EncryptionInfo", "EncryptedPackage"}
    assert isinstance(Table([["a"]]), Table)


def test_radicals_a_pdf_font_table_names_are_read_as_the_characters_shown():
    from jixiao.importers.readers.pdfglyphs import canonical

    shown = "".join(canonical(char) for char in "部⻔⽀出绩效⾃评表，⼾⽤卫⽣，⼀级指标")
    assert shown == "部门支出绩效自评表，户用卫生，一级指标"
