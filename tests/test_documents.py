"""Reading documents: each file type made here by the test itself, and the clear errors for bad ones."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from hzanalysis.documents import document_title, read_document, split_sentences
from hzanalysis.errors import InputError

SENTENCE = "全年全社会研发投入占地区生产总值比重达3.75%，技术合同成交额9.6亿元。"


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file from numbered object bodies (object i+1 = objects[i]; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines``: a CID font with a ToUnicode map (no glyphs needed)."""
    chars = sorted({ch for line in lines for ch in line})
    cid = {ch: index + 1 for index, ch in enumerate(chars)}
    shows = b"".join(
        b"1 0 0 1 40 %d Tm <%s> Tj\n" % (780 - 20 * row, "".join(f"{cid[ch]:04X}" for ch in line).encode())
        for row, line in enumerate(lines)
    )
    content = b"BT /F1 12 Tf\n" + shows + b"ET"
    pairs = [f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars]
    blocks = "".join(
        f"{len(pairs[i : i + 100])} beginbfchar\n" + "\n".join(pairs[i : i + 100]) + "\nendbfchar\n"
        for i in range(0, len(pairs), 100)
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{blocks}endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            _stream(content),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /DW 1000 "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor 8 0 R >>",
            _stream(cmap),
            b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
            b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ]
    )


def scanned_pdf() -> bytes:
    """A one-page PDF that only paints an image (what a scanner produces): no text layer."""
    pixels = zlib.compress(bytes(range(64)) * 64)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode ",
            ),
            _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        ]
    )


def test_plain_text_in_utf8_and_gbk(tmp_path):
    for encoding in ("utf-8", "gbk"):
        path = tmp_path / f"bulletin-{encoding}.txt"
        path.write_bytes(("2024年统计公报\r\n" + SENTENCE).encode(encoding))
        assert read_document(path) == "2024年统计公报\n" + SENTENCE


def test_gbk_web_page_keeps_the_article_and_drops_navigation(tmp_path):
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
    <title>2024年海州区国民经济和社会发展统计公报</title><script>var hits = 12345;</script></head>
    <body><div class="nav"><a href="/">首页</a><a href="/tj">统计数据</a><span>访问量 98765</span></div>
    <div class="breadcrumb">当前位置：首页 &gt; 统计公报</div>
    <div class="TRS_Editor"><p>一、科技创新</p><p>{SENTENCE}</p><p>年末全区有效高新技术企业312家。</p></div>
    <div id="footer">联系电话 0518-85800000 版权所有</div></body></html>"""
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    text = read_document(path)
    assert SENTENCE in text and "年末全区有效高新技术企业312家。" in text
    assert text.splitlines()[0] == "2024年海州区国民经济和社会发展统计公报"  # the heading gives the year
    for furniture in ("首页", "访问量", "98765", "当前位置", "联系电话", "hits"):
        assert furniture not in text


def test_web_page_data_table_rows_keep_their_cells_apart_and_a_layout_table_is_left_alone(tmp_path):
    long_paragraph = SENTENCE * 3  # more text than a data cell holds
    page = (
        '<html><head><meta charset="gbk"><title>2025年科技统计</title></head><body>'
        "<table><tr><td><div class='article'><h1>2025年科技统计</h1>"
        f"<p>{long_paragraph}</p><p>{SENTENCE}</p>"
        "<table><tr><th>指标</th><th>2024年</th><th>2025年</th></tr>"
        "<tr><td>新型研发机构（家）</td><td>11</td><td>13</td></tr></table>"
        f"</div></td><td>{long_paragraph}</td></tr></table></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    lines = read_document(path).splitlines()
    assert "指标 | 2024年 | 2025年" in lines and "新型研发机构（家） | 11 | 13" in lines
    assert SENTENCE in lines  # the layout table's paragraphs stay paragraphs, not one " | " line
    assert lines.count("2025年科技统计") == 1  # the heading inside the article is not repeated


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2024年海州区科技工作总结")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "授权发明专利"
    table.rows[0].cells[1].text = "512件"
    path = tmp_path / "summary.docx"
    document.save(str(path))
    assert read_document(path).splitlines() == ["2024年海州区科技工作总结", SENTENCE, "授权发明专利 | 512件"]


def test_docx_table_columns_are_kept_apart_and_a_merged_cell_is_read_once(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    rows = [("指标", "2023年", "2024年"), ("高新技术企业（家）", "286", "286")]
    for row, cells in zip(table.rows[:2], rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[2])
    merged.text = "注：2024年为快报数"
    path = tmp_path / "table.docx"
    document.save(str(path))
    # two equal neighbouring figures stay two cells; the merged note spans three grid columns, read once
    assert read_document(path).splitlines() == [
        "指标 | 2023年 | 2024年",
        "高新技术企业（家） | 286 | 286",
        "注：2024年为快报数",
    ]


def bureau_workbook(path: Path) -> Path:
    """A made-up bureau table: a title row, indicators in rows, years in columns, one empty row."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "科技指标"
    for row in (
        ["青石县主要科技指标"],
        ["指标", "单位", "2022年", "2023年"],
        [],
        ["高新技术企业数", "家", 41, 47],
        ["R&D经费投入强度", "%", 2.3, 2.45],
    ):
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_rows_keep_their_cells_apart_and_numbers_as_excel_shows_them(tmp_path):
    path = bureau_workbook(tmp_path / "table.xlsx")
    # the sheet's name, then a line per non-empty row; 2.3 (stored as the float 2.2999999999999998) reads 2.3
    assert read_document(path).splitlines() == [
        "科技指标",
        "青石县主要科技指标",
        "指标 | 单位 | 2022年 | 2023年",
        "高新技术企业数 | 家 | 41 | 47",
        "R&D经费投入强度 | % | 2.3 | 2.45",
    ]
    assert document_title(path) == "青石县主要科技指标"


def test_a_csv_table_in_gbk_with_semicolons_reads_as_rows(tmp_path):
    path = tmp_path / "table.csv"
    text = "指标;单位;2022年;2023年\n高新技术企业数;家;41;47\n;;;\nR&D经费投入强度;%;2.3;\n"
    path.write_bytes(text.encode("gbk"))
    # the empty row dropped, the trailing empty cell too
    assert read_document(path).splitlines() == [
        "指标 | 单位 | 2022年 | 2023年",
        "高新技术企业数 | 家 | 41 | 47",
        "R&D经费投入强度 | % | 2.3",
    ]


def test_pdf_text_layer_is_read_and_wrapped_lines_are_joined(tmp_path):
    path = tmp_path / "bulletin.pdf"
    # the sentence wrapped over two lines, as a typeset bulletin does
    path.write_bytes(text_pdf(["2024年统计公报", SENTENCE[:20], SENTENCE[20:]]))
    lines = read_document(path).splitlines()
    assert lines == ["2024年统计公报", SENTENCE]


def test_scanned_pdf_is_a_clear_error_not_an_empty_text(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "scan.pdf" in message and "text layer" in message and "OCR" in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
        ("notes.xyz", b"x", "'.xyz'"),
        ("broken.docx", b"not a zip", "cannot be opened as .docx"),
        ("broken.xlsx", b"not a zip", "cannot be opened as .xlsx"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "save it as .xlsx"),
        ("broken.pdf", b"%PDF-1.4 garbage", "readable PDF"),
        ("latin1.txt", "研发".encode("utf-16"), "UTF-8 or GBK"),
    ],
)
def test_unreadable_documents_name_the_file_and_the_fix(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert name in str(caught.value) and expected in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.txt")


def test_split_sentences_keeps_the_text_verbatim():
    text = "全年GDP 812.46亿元，增长6.1%。高企312家；技术合同成交额9.6亿元！“创历史新高。”\n2024年统计公报\n"
    assert split_sentences(text) == [
        "全年GDP 812.46亿元，增长6.1%。",
        "高企312家；",
        "技术合同成交额9.6亿元！",
        "“创历史新高。”",
        "2024年统计公报",
    ]
    assert split_sentences("") == [] and split_sentences("\n \n") == []


def test_read_document_accepts_str_paths(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(SENTENCE, encoding="utf-8")
    assert read_document(str(path)) == SENTENCE
    assert isinstance(Path(str(path)), Path)


def test_pdf_table_read_one_cell_per_line_is_put_back_as_rows(tmp_path):
    from hzanalysis.extract import extract_text

    cells = ["2025年海州区科技统计", "指标", "单位", "2024年", "2025年", "增长%"]
    cells += ["有效高新技术企业", "家", "286", "318", "11.2"]
    cells += ["技术合同成交额", "亿元", "9.6", "11.3", "17.7"]
    cells += ["表中数据为快报数。"]
    path = tmp_path / "table.pdf"
    path.write_bytes(text_pdf(cells))
    text = read_document(path)
    assert "指标 | 单位 | 2024年 | 2025年 | 增长%" in text.splitlines()
    assert "有效高新技术企业 | 家 | 286 | 318 | 11.2" in text.splitlines()
    found = extract_text(text, region="海州区")
    assert sorted(zip(found["indicator"], found["year"], found["value"], strict=True)) == [
        ("hte_count", 2024, 286),
        ("hte_count", 2025, 318),
        ("tech_contract_value", 2024, 9.6),
        ("tech_contract_value", 2025, 11.3),
    ]


def test_pdf_table_without_a_label_cell_and_a_list_of_years_in_prose_is_left_alone(tmp_path):
    cells = ["2024年", "2025年", "新型研发机构(家)", "11", "13"]
    path = tmp_path / "table.pdf"
    path.write_bytes(text_pdf(cells))
    assert read_document(path).splitlines() == ["指标 | 2024年 | 2025年", "新型研发机构(家) | 11 | 13"]
    prose = ["2024年", "全年技术合同成交额9.6亿元。"]
    path.write_bytes(text_pdf(prose))
    assert read_document(path).splitlines() == prose
