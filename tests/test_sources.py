"""Plan files in every format and encoding, and the bad ones."""

import unicodedata
from datetime import date

import openpyxl
import pytest
from docx import Document as WordDocument

from plans.model import PlanReadError
from plans.reader import read_plan
from plans.sources import open_document

HEAD = "Số: 15/KH-SYT\n\nLào Cai, ngày 03 tháng 02 năm 2021\n\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2021\n\n"
HEADER = ["STT", "Nội dung công việc", "Đơn vị chủ trì thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện",
          "Dự kiến sản phẩm"]
ROWS = [
    ["NĂM 2021", "", "", "", "", ""],
    ["1", "Tuyên truyền trên Cổng thông tin", "Văn phòng Sở", "Các đơn vị", "Hằng quý", "Tin bài"],
    ["2", "Hội thi cải cách hành chính", "Phòng TCHC", "", "", "Hội thi"],
    ["3", "Pa nô, áp phích", "Phòng Thanh tra.", "", "Quý 2/2021", "Pa nô"],
]


def _check(plan):
    assert plan.year == 2021 and plan.number == "15/KH-SYT"
    assert [t.content for t in plan.tasks] == ["Tuyên truyền trên Cổng thông tin", "Hội thi cải cách hành chính",
                                               "Pa nô, áp phích"]
    first, second, third = plan.tasks
    assert first.lead_units == ["Văn phòng Sở"] and first.coordinating_units == ["Các đơn vị"]
    assert first.product == "Tin bài" and first.deadline.kind == "recurring"
    assert second.deadline.kind == "year" and second.deadline_inferred  # from the heading NĂM 2021
    assert third.deadline.due.isoformat() == "2021-06-30"
    assert third.section_path == ["NĂM 2021"]


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed vowels, tone marks as combining characters."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return out


def _tsv(rows):
    return "\n".join("\t".join(r) for r in rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_plan_in_every_encoding(tmp_path, encoding):
    path = tmp_path / "kh.txt"
    text = HEAD + _tsv([HEADER, *ROWS])
    path.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    _check(read_plan(path))


def test_markdown_pipe_table(tmp_path):
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in ROWS]
    path = tmp_path / "kh.md"
    path.write_text(HEAD + "\n".join(lines), encoding="utf-8")
    _check(read_plan(path))


def test_markdown_pipe_table_with_emphasised_cells(tmp_path):
    """«| **I** | **Cải cách thể chế** |»: a section row as markdown writes it bold (it was a task of no unit)."""
    lines = ["| STT | Nội dung | Đơn vị chủ trì | Thời gian |", "|---|---|---|---|",
             "| **I** | **Cải cách thể chế** | | |", "| 1 | Rà soát văn bản | *Thanh tra Sở* | Quý II/2021 |"]
    path = tmp_path / "kh.md"
    path.write_text(HEAD + "\n".join(lines), encoding="utf-8")
    plan = read_plan(path)
    assert [(t.content, t.section_path, t.lead_units) for t in plan.tasks] == [
        ("Rà soát văn bản", ["I. Cải cách thể chế"], ["Thanh tra Sở"])]


def test_html_table(tmp_path):
    cells = lambda r, tag="td": "".join(f"<{tag}><p>{c}</p></{tag}>" for c in r)  # noqa: E731
    body = f"<table><tr>{cells(HEADER, 'th')}</tr>" + "".join(f"<tr>{cells(r)}</tr>" for r in ROWS) + "</table>"
    path = tmp_path / "kh.md"
    path.write_text(HEAD + body, encoding="utf-8")
    _check(read_plan(path))


def test_docx_plan(tmp_path):
    word = WordDocument()
    for line in HEAD.splitlines():
        word.add_paragraph(line)
    table = word.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for i, text in enumerate(HEADER):
        table.cell(0, i).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, len(HEADER) - 1))
    table.cell(1, 0).text = "NĂM 2021"
    path = tmp_path / "kh.docx"
    word.save(path)
    _check(read_plan(path))


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_table(rows: list[list[str]], head: list[str] | None = None):
    """A Word plan: the head's paragraphs, then one table of `rows`; (document, table) to add to before saving."""
    word = WordDocument()
    for line in HEAD.splitlines() if head is None else head:
        word.add_paragraph(line)
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return word, table


def test_docx_cells_keep_tracked_insertions_content_controls_and_tables_inside(tmp_path):
    """A draft plan edited with track changes, or made from a template with content controls: the cells'
    text is what the page shows (python-docx's cell.text drops all three)."""
    from docx.oxml import parse_xml

    word, table = _word_table([["STT", "Nội dung", "Chủ trì", "Thời gian"],
                               ["1", "Rà soát thủ tục", "Văn phòng Sở", "Quý I/2021"],
                               ["2", "Niêm yết", "Thanh tra Sở", ""]])
    table.cell(1, 1).paragraphs[0]._p.append(parse_xml(
        f'<w:ins {_W} w:id="1" w:author="VP" w:date="2021-01-05T00:00:00Z"><w:r><w:t xml:space="preserve"> hành chính'
        f'</w:t></w:r></w:ins>'))
    table.cell(1, 1).paragraphs[0]._p.append(parse_xml(
        f'<w:del {_W} w:id="2" w:author="VP" w:date="2021-01-05T00:00:00Z"><w:r><w:delText> cũ</w:delText></w:r>'
        f'</w:del>'))
    table.cell(1, 1).paragraphs[0]._p.append(parse_xml(  # moved elsewhere with track changes: not here any more
        f'<w:moveFrom {_W} w:id="3" w:author="VP" w:date="2021-01-05T00:00:00Z"><w:r><w:t> (chuyển đi)</w:t></w:r>'
        f'</w:moveFrom>'))
    table.cell(2, 1).paragraphs[0]._p.append(parse_xml(
        f'<w:sdt {_W}><w:sdtContent><w:r><w:t xml:space="preserve"> thủ tục</w:t></w:r></w:sdtContent></w:sdt>'))
    table.cell(2, 3).paragraphs[0]._p.append(parse_xml(
        f'<w:sdt {_W}><w:sdtContent><w:r><w:t>Quý II/2021</w:t></w:r></w:sdtContent></w:sdt>'))
    inner = table.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Chỉ tiêu", "100% thủ tục"
    wrapper = parse_xml(f"<w:sdt {_W}><w:sdtContent/></w:sdt>")  # the whole table inside a content control
    table._tbl.addprevious(wrapper)
    wrapper[0].append(table._tbl)
    path = tmp_path / "du-thao.docx"
    word.save(path)
    plan = read_plan(path)
    assert [t.content for t in plan.tasks] == ["Rà soát thủ tục hành chính",
                                               "Niêm yết thủ tục\nChỉ tiêu | 100% thủ tục"]
    assert plan.tasks[1].deadline.text == "Quý II/2021"


_NUMBERING = (
    f'<w:abstractNum {_W} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
    '</w:abstractNum>'
)


def test_word_numbering_is_read_as_the_page_shows_it(tmp_path):
    """The STT column and the section rows numbered by Word (Format › Numbering): the numbers are not in the
    text; without them every row looked unnumbered and the sections were lost."""
    from docx.oxml import parse_xml

    word = WordDocument()
    for line in HEAD.splitlines():
        word.add_paragraph(line)
    rows = [("", "Nội dung", "Chủ trì", "Thời gian"), (0, "Cải cách thể chế", "", ""),
            (1, "Rà soát văn bản", "Văn phòng Sở", "Quý I/2021"),
            (1, "Kiểm tra văn bản", "Thanh tra Sở", "Quý II/2021"),
            (0, "Cải cách thủ tục hành chính", "", ""), (1, "Niêm yết thủ tục", "Văn phòng Sở", "Tháng 3/2021")]
    table = word.add_table(rows=len(rows), cols=4)
    numbering = word.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for c, text in enumerate(("STT", *rows[0][1:])):
        table.cell(0, c).text = text
    for r, (level, *texts) in enumerate(rows[1:], start=1):
        table.cell(r, 0).paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
        for c, text in enumerate(texts, start=1):
            table.cell(r, c).text = text
    word.add_paragraph("Nơi nhận:")
    path = tmp_path / "tu-dong-danh-so.docx"
    word.save(path)
    plan = read_plan(path)
    assert [(t.section_path, t.number, t.content) for t in plan.tasks] == [
        (["I. Cải cách thể chế"], "1", "Rà soát văn bản"), (["I. Cải cách thể chế"], "2", "Kiểm tra văn bản"),
        (["II. Cải cách thủ tục hành chính"], "1", "Niêm yết thủ tục")]


def test_word_numbered_headings_and_items_of_a_prose_plan(tmp_path):
    from docx.oxml import parse_xml

    word = WordDocument()
    numbering = word.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def paragraph(text: str, level: int | None = None) -> None:
        added = word.add_paragraph(text)
        if level is not None:
            added._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    for line in ["SỞ Y TẾ", "Số: 12/KH-SYT", "Hà Nam, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH",
                 "Cải cách hành chính năm 2026"]:
        paragraph(line)
    paragraph("MỤC ĐÍCH, YÊU CẦU", 0)
    paragraph("Nâng cao chất lượng phục vụ người dân.")
    paragraph("NHIỆM VỤ", 0)
    for task, lead, when in [("Rà soát thủ tục hành chính.", "Văn phòng Sở", "Quý I/2026"),
                             ("Niêm yết thủ tục hành chính.", "Thanh tra Sở", "Tháng 3/2026")]:
        paragraph(task, 1)
        paragraph(f"Đơn vị chủ trì: {lead}.")
        paragraph(f"Thời gian thực hiện: {when}.")
    paragraph("TỔ CHỨC THỰC HIỆN", 0)
    path = tmp_path / "van-xuoi.docx"
    word.save(path)
    plan = read_plan(path)
    assert [(t.section_path, t.number, t.content, t.lead_units) for t in plan.tasks] == [
        (["II. NHIỆM VỤ"], "1", "Rà soát thủ tục hành chính.", ["Văn phòng Sở"]),
        (["II. NHIỆM VỤ"], "2", "Niêm yết thủ tục hành chính.", ["Thanh tra Sở"])]


def test_word_rows_and_cells_inside_content_controls_are_read(tmp_path):
    """A template's repeating section wraps table rows in a content control, a field wraps a cell: python-docx's
    `table.rows` and `row.cells` skip both (a task lost, or its cells shifted one column left)."""
    from docx.oxml import parse_xml

    word, table = _word_table([["STT", "Nội dung", "Chủ trì", "Thời gian"],
                               ["1", "Rà soát thủ tục", "Văn phòng Sở", "Quý I/2021"],
                               ["2", "Niêm yết thủ tục", "Thanh tra Sở", "Quý II/2021"],
                               ["3", "Số hóa hồ sơ", "Phòng TCHC", "Quý III/2021"]])
    rows = table._tbl.tr_lst
    wrapper = parse_xml(f"<w:sdt {_W}><w:sdtContent/></w:sdt>")  # rows 2 and 3 in a repeating section
    rows[2].addprevious(wrapper)
    wrapper[0].extend([rows[2], rows[3]])
    lead = rows[1].tc_lst[2]  # the first task's lead unit inside a content control of its own
    cell_wrapper = parse_xml(f"<w:sdt {_W}><w:sdtContent/></w:sdt>")
    lead.addprevious(cell_wrapper)
    cell_wrapper[0].append(lead)
    path = tmp_path / "mau.docx"
    word.save(path)
    plan = read_plan(path)
    assert [(t.number, t.content, t.lead_units, t.deadline.text) for t in plan.tasks] == [
        ("1", "Rà soát thủ tục", ["Văn phòng Sở"], "Quý I/2021"),
        ("2", "Niêm yết thủ tục", ["Thanh tra Sở"], "Quý II/2021"),
        ("3", "Số hóa hồ sơ", ["Phòng TCHC"], "Quý III/2021")]


def test_a_word_text_box_is_read_once(tmp_path):
    """Word stores a text box twice (the drawing and a fallback for old readers): the plan's number written in
    one is read once, not as «Số: 12/KH-SYTSố: 12/KH-SYT»."""
    from docx.oxml import parse_xml

    word, _ = _word_table([["STT", "Nội dung", "Chủ trì"], ["1", "Rà soát thủ tục", "Văn phòng Sở"]],
                          head=HEAD.splitlines()[2:])
    box = ('<w:txbxContent><w:p><w:r><w:t>SỞ Y TẾ</w:t></w:r></w:p>'
           '<w:p><w:r><w:t>Số: 12/KH-SYT</w:t></w:r></w:p></w:txbxContent>')
    anchor = word.paragraphs[0].insert_paragraph_before()._p  # the text box first, above the head
    anchor.append(parse_xml(
        f'<w:r {_W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx>{box}</wps:txbx></mc:Choice>'
        f'<mc:Fallback><v:textbox>{box}</v:textbox></mc:Fallback></mc:AlternateContent></w:r>'))
    path = tmp_path / "hop-chu.docx"
    word.save(path)
    plan = read_plan(path)
    assert plan.number == "12/KH-SYT"
    assert [t.content for t in plan.tasks] == ["Rà soát thủ tục"]
    assert open_document(path).lines[0] == "SỞ Y TẾ\nSố: 12/KH-SYT"  # once, each on its line


@pytest.mark.parametrize(("number", "fmt", "shown"), [
    (1, "decimal", "1"), (4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"), (2, "lowerLetter", "b"),
    (27, "lowerLetter", "aa"), (3, "upperLetter", "C"), (7, "decimalZero", "07"), (5, "ordinalText", "5"),
    (10**9, "upperRoman", "1000000000"), (10**9, "lowerLetter", "1000000000"), (0, "upperRoman", "0"),
])
def test_word_list_counters_in_their_formats(number, fmt, shown):
    from plans.word_numbering import format_number

    assert format_number(number, fmt) == shown


def test_a_second_sheets_tasks_are_under_its_title(tmp_path):
    """A workbook of two titled sheets with other columns: the second sheet's tasks are under its title (they
    stood with the first sheet's, numbered «1», «2» again with nothing to tell them apart)."""
    book = openpyxl.Workbook()
    first = book.active
    for row in [["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"], ["(Kèm theo Kế hoạch số 20/KH-SYT ngày 10/01/2026)"],
                ["STT", "Nội dung", "Chủ trì", "Thời gian"], [1, "Rà soát thủ tục", "Văn phòng Sở", "Quý I/2026"]]:
        first.append(row)
    second = book.create_sheet("PL2")
    for row in [["NHIỆM VỤ TUYÊN TRUYỀN"], ["TT", "Nội dung tuyên truyền", "Đơn vị thực hiện", "Thời gian thực hiện"],
                [1, "Tuyên truyền trên Cổng thông tin", "Văn phòng Sở", "Thường xuyên"]]:
        second.append(row)
    path = tmp_path / "phu-luc.xlsx"
    book.save(path)
    plan = read_plan(path)
    assert (plan.number, plan.title) == ("20/KH-SYT", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    assert [(t.number, t.section_path) for t in plan.tasks] == [
        ("1", ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"]), ("1", ["NHIỆM VỤ TUYÊN TRUYỀN"])]


def test_a_second_word_tables_tasks_are_under_the_title_above_it(tmp_path):
    word = WordDocument()
    for text in ["Số: 21/KH-SYT", "An Hòa, ngày 10 tháng 01 năm 2026", "KẾ HOẠCH", "CẢI CÁCH HÀNH CHÍNH NĂM 2026"]:
        word.add_paragraph(text)
    tables = [("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", ["STT", "Nội dung", "Chủ trì", "Thời gian"],
               ["1", "Rà soát thủ tục", "Văn phòng Sở", "Quý I/2026"]),
              ("NHIỆM VỤ TUYÊN TRUYỀN", ["TT", "Nội dung tuyên truyền", "Đơn vị thực hiện", "Thời gian thực hiện"],
               ["1", "Tuyên truyền trên Cổng", "Văn phòng Sở", "Thường xuyên"])]
    for title, *rows in tables:
        word.add_paragraph("PHỤ LỤC")
        word.add_paragraph(title)
        table = word.add_table(rows=0, cols=4)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    path = tmp_path / "ke-hoach.docx"
    word.save(path)
    plan = read_plan(path)
    assert [(t.number, t.section_path) for t in plan.tasks] == [
        ("1", ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"]), ("1", ["NHIỆM VỤ TUYÊN TRUYỀN"])]


def test_a_second_html_tables_tasks_are_under_the_title_above_it(tmp_path):
    table = "<table><tr><td>{}</td><td>Nội dung</td><td>Chủ trì</td><td>{}</td></tr>" \
            "<tr><td>1</td><td>{}</td><td>Văn phòng Sở</td><td>Quý I/2026</td></tr></table>"
    path = tmp_path / "ke-hoach.html"
    path.write_text("<p>Số: 21/KH-SYT</p><p>An Hòa, ngày 10 tháng 01 năm 2026</p><p>KẾ HOẠCH</p>"
                    "<p>PHỤ LỤC I</p>" + table.format("STT", "Thời gian", "Rà soát thủ tục")
                    + "<p>PHỤ LỤC II</p><p>NHIỆM VỤ TUYÊN TRUYỀN</p>" + table.format("TT", "Thời hạn", "Hội thi"),
                    encoding="utf-8")
    plan = read_plan(path)
    assert [(t.content, t.section_path) for t in plan.tasks] == [
        ("Rà soát thủ tục", ["PHỤ LỤC I"]), ("Hội thi", ["NHIỆM VỤ TUYÊN TRUYỀN"])]


def test_a_word_head_table_below_a_marker_line_is_the_head(tmp_path):
    """«KHẨN» above the borderless head table: the head was not read, the plan's number taken from a «Căn cứ
    Quyết định số …» line of the body and its year lost."""
    word = WordDocument()
    word.add_paragraph("KHẨN")
    head = word.add_table(rows=1, cols=2)
    head.rows[0].cells[0].text = "SỞ Y TẾ\nSố: 31/KH-SYT"
    head.rows[0].cells[1].text = "An Hòa, ngày 12 tháng 01 năm 2026"
    for text in ["KẾ HOẠCH", "CẢI CÁCH HÀNH CHÍNH NĂM 2026", "Căn cứ Quyết định số 128/QĐ-UBND ngày 02/01/2026;"]:
        word.add_paragraph(text)
    table = word.add_table(rows=0, cols=3)
    for row in [["STT", "Nội dung", "Chủ trì"], ["1", "Rà soát thủ tục", "Văn phòng Sở"]]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    path = tmp_path / "ke-hoach.docx"
    word.save(path)
    plan = read_plan(path)
    assert (plan.number, plan.year, plan.issue_date) == ("31/KH-SYT", 2026, date(2026, 1, 12))


def test_an_html_head_table_below_a_marker_line_is_the_head(tmp_path):
    path = tmp_path / "ke-hoach.html"
    path.write_text("<p>KHẨN</p><table><tr><td>SỞ Y TẾ<br>Số: 31/KH-SYT</td><td>An Hòa, ngày 12 tháng 01 năm 2026</td>"
                    "</tr></table><p>KẾ HOẠCH</p><p>CẢI CÁCH HÀNH CHÍNH NĂM 2026</p>"
                    "<table><tr><td>STT</td><td>Nội dung</td><td>Chủ trì</td></tr>"
                    "<tr><td>1</td><td>Rà soát thủ tục</td><td>Văn phòng Sở</td></tr></table>", encoding="utf-8")
    plan = read_plan(path)
    assert (plan.number, plan.year, plan.issue_date) == ("31/KH-SYT", 2026, date(2026, 1, 12))


def test_a_hidden_sheet_is_not_read_as_the_plan(tmp_path):
    """An officer's workbook keeps last year's table on a hidden sheet before this year's: only what shows."""
    book = openpyxl.Workbook()
    old = book.active
    old.title = "2020"
    for row in [["Số: 9/KH-SYT"], ["STT", "Nội dung", "Chủ trì", "Thời gian"],
                [1, "Việc năm cũ", "Văn phòng Sở", "2020"]]:
        old.append(row)
    old.sheet_state = "hidden"
    sheet = book.create_sheet("2021")
    for row in [["Số: 15/KH-SYT"], ["KẾ HOẠCH"], ["Tuyên truyền cải cách hành chính năm 2021"],
                ["STT", "Nội dung", "Chủ trì", "Thời gian"], [1, "Rà soát thủ tục", "Văn phòng Sở", "Quý I/2021"]]:
        sheet.append(row)
    path = tmp_path / "so-theo-doi.xlsx"
    book.save(path)
    plan = read_plan(path)
    assert plan.number == "15/KH-SYT"
    assert [t.content for t in plan.tasks] == ["Rà soát thủ tục"]
    assert any("trang «2020» đang bị ẩn" in str(w) for w in plan.warnings)


def test_xlsx_formulas_saved_without_their_value_are_read_as_text_with_a_warning(tmp_path):
    """A sheet written by a program stores formulas without the value Excel would cache: the cell is not read
    empty (a task without content); a formula with its cached value is read by that value."""
    import zipfile

    book = openpyxl.Workbook()
    sheet = book.active
    for line in ["Số: 15/KH-SYT", "KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2021"]:
        sheet.append([line])
    sheet.append(["STT", "Nội dung", "Chủ trì", "Thời gian"])
    sheet.append([1, '=HYPERLINK("http://example.invalid","Rà soát")', "Văn phòng Sở", "Quý I/2021"])
    sheet.append([2, "Niêm yết", "=A1", "Quý II/2021"])
    made = tmp_path / "made.xlsx"
    book.save(made)
    plan = read_plan(made)
    assert [(t.content, t.lead_units) for t in plan.tasks] == [
        ('=HYPERLINK("http://example.invalid","Rà soát")', ["Văn phòng Sở"]), ("Niêm yết", ["=A1"])]
    assert any("2 ô có công thức chưa được tính" in str(w) and "B5" in str(w) for w in plan.warnings)
    cached = tmp_path / "cached.xlsx"  # the same file as Excel saves it: each formula with its value
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(cached, "w") as target:
        for member in source.namelist():
            data = source.read(member)
            if member == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>A1</f><v></v>", b"<f>A1</f><v>Thanh tra S\xe1\xbb\x9f</v>").replace(
                    b'<c r="C6">', b'<c r="C6" t="str">')
            target.writestr(member, data)
    plan = read_plan(cached)
    assert plan.tasks[1].lead_units == ["Thanh tra Sở"]
    assert any("1 ô có công thức chưa được tính" in str(w) for w in plan.warnings)


def test_a_deadline_cell_that_lost_its_date_format_is_read_as_its_day(tmp_path):
    """Pasted as values into a General column, Excel's «31/12/2025» shows as 46022: the task is due that day
    (it was «theo điều kiện»), and the officer is told; a number in another column stays a number."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Số: 15/KH-SYT"], ["KẾ HOẠCH"], ["Cải cách hành chính năm 2026"],
                ["STT", "Nội dung", "Chủ trì", "Kinh phí", "Thời gian hoàn thành"],
                [1, "Rà soát thủ tục", "Văn phòng Sở", 46022, 46022],
                [2, "Niêm yết thủ tục", "Văn phòng Sở", 12000, 46203.0],
                [3, "Kiểm tra", "Thanh tra Sở", "", 12000]]:
        sheet.append(row)
    path = tmp_path / "kh.xlsx"
    book.save(path)
    plan = read_plan(path)
    assert [(t.deadline.kind, t.deadline.due) for t in plan.tasks] == [
        ("date", date(2025, 12, 31)), ("date", date(2026, 6, 30)), ("conditional", None)]
    assert [t.budget for t in plan.tasks[:2]] == [46022, 12000]
    assert any("ô thời hạn ghi số «46022»" in str(w) and "31/12/2025" in str(w) for w in plan.warnings)


def test_xlsx_plan_with_columns_in_another_order(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for line in HEAD.splitlines():
        sheet.append([line])
    order = [5, 4, 3, 2, 1, 0]
    sheet.append([HEADER[i] for i in order])
    for row in ROWS:
        sheet.append([row[i] for i in order])
    path = tmp_path / "kh.xlsx"
    book.save(path)
    _check(read_plan(path))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kh.pdf", b"%PDF-1.4", "tệp PDF bị hỏng"),
        ("kh.pages", b"x", "không đọc được loại tệp"),
        ("kh.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Office đời cũ"),
        ("kh.txt", bytes(range(256)) * 20, "không phải là văn bản"),
        ("kh.xlsx", b"this is not a zip", "không phải tệp Excel"),
        ("kh.docx", b"PK\x03\x04garbage", "không phải tệp Word"),
        ("kh.txt", "Chỉ là một đoạn văn, không có bảng.\n".encode(), "không tìm thấy bảng nhiệm vụ"),
        ("kh.txt", b"", "không tìm thấy bảng nhiệm vụ"),
    ],
)
def test_bad_files_say_what_and_where(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanReadError, match=message) as caught:
        read_plan(path)
    assert name in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(PlanReadError, match="không tìm thấy tệp"):
        read_plan(tmp_path / "khong-co.txt")
