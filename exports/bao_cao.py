"""The periodic report as a Word báo cáo the officer signs off after writing the narrative.

Laid out as Nghị định 30/2020/NĐ-CP sets an administrative report: A4,
margins 20 mm top and bottom, 30 mm left, 15 mm right, Times New Roman 13;
the head as a borderless two-column table (the department and "Số: /BC-…"
on the left, quốc hiệu and tiêu ngữ, place and date on the right), the
title, then:

I.   the figures — totals in a sentence, by lead unit and by section as
     Word tables (the same numbers as the workbook: `db.report`);
II.  the overdue tasks with their last progress note;
III. the tasks completed, with their results;
IV–VI. the narrative parts (đánh giá chung, khó khăn vướng mắc, phương
     hướng kỳ tới) as headed places, highlighted, for the officer to write;
then "Nơi nhận" and the signature block.

Saved through a temporary name like every file theodoi writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Mm, Pt

from db.report import (
    CATEGORIES,
    DONE_LATE,
    DONE_ON_TIME,
    LABELS,
    OVERDUE,
    LineText,
    Report,
    ReportLine,
    line_texts,
    rate_of,
    report_items,
)
from db.rules import RATE_RULE
from db.stats import plans_in_view
from exports.task_sheet import prepare_target, save_through
from exports.view import sheet_head
from plans.text import clean_text, fold

if TYPE_CHECKING:

    from db.reader import Readable

FONT = "Times New Roman"
NARRATIVE = "[Phần này do cán bộ đầu mối viết trước khi trình ký.]"
_LISTED = 200  # rows of a list in the báo cáo; the workbook holds every one


def _abbreviation(department: str) -> str:
    """"Sở Y tế An Hòa" -> "SYT": the letters a document number uses."""
    words = [w for w in fold(department).split() if w.isalpha()]
    return "".join(w[0] for w in words[:3]).upper() or "BC"


def export_bao_cao(db: Readable, report: Report, path: Path, today: date) -> None:
    """Write the report as a .docx báo cáo to `path`."""
    prepare_target(path)
    head = sheet_head(db, report.flt, today)
    document = docx.Document()
    _page(document)
    _head_table(document, head.department, today, _place(db, report, today))
    _paragraph(document, "BÁO CÁO", bold=True, center=True, size=14, before=12)
    _paragraph(document, f"Kết quả thực hiện {head.plans[:1].lower() + head.plans[1:]} – {report.period.label}",
               bold=True, center=True)
    _paragraph(document, f"(Số liệu tính đến ngày {report.as_of:%d/%m/%Y}; kỳ báo cáo {report.period.window})",
               italic=True, center=True, after=12)
    overdue, done = _listed(report_items(db, report, (OVERDUE, DONE_ON_TIME, DONE_LATE)))
    texts = line_texts(db, overdue + done, report.as_of)
    _figures(document, report)
    _overdue(document, overdue, texts)
    _completed(document, done, texts)
    for heading in ("IV. ĐÁNH GIÁ CHUNG", "V. KHÓ KHĂN, VƯỚNG MẮC", "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"):
        _paragraph(document, heading, bold=True, before=6)
        _paragraph(document, NARRATIVE, italic=True, highlight=True)
    _signature(document)
    save_through(path, lambda target: document.save(str(target)))


def _place(db: Readable, report: Report, today: date) -> str:
    places = [p[3] for p in plans_in_view(db, report.flt, today) if p[3]]
    return places[0] if places else ""


def _page(document) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", FONT)
    style.paragraph_format.space_after = Pt(3)


def _paragraph(container, text: str, *, bold: bool = False, italic: bool = False, center: bool = False,  # type: ignore[no-untyped-def]
               size: int | None = None, before: int = 0, after: int = 3, highlight: bool = False):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(clean_text(text))
    run.bold, run.italic = bold, italic
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _head_table(document, department: str, today: date, place: str) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=2, cols=2)
    _widths(table, [62, 103])
    left, right = table.rows[0].cells
    _cell_lines(left, [(department.upper() or "CƠ QUAN", True, False), ("――――", False, False)])
    _cell_lines(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
                        ("Độc lập - Tự do - Hạnh phúc", True, False), ("――――――――", False, False)])
    number, when = table.rows[1].cells
    _cell_lines(number, [(f"Số:      /BC-{_abbreviation(department)}", False, False)])
    dated = f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
    _cell_lines(when, [(dated.lstrip(", "), False, True)])


def _cell_lines(cell, lines: list[tuple[str, bool, bool]]) -> None:  # type: ignore[no-untyped-def]
    cell.paragraphs[0].text = ""
    for index, (text, bold, italic) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document, headers: list[str], rows: list[list[str]], widths: list[int]) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.paragraphs[0].add_run(clean_text(text))
    _widths(table, widths)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)


def _widths(table, widths: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Fixed column widths (mm), written where Word and LibreOffice both read them."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _count_rows(table: dict[str, Counter], totals: Counter) -> list[list[str]]:
    rows = [[name, *(str(counts[c]) for c in CATEGORIES), str(sum(counts.values())), rate_of(counts)]
            for name, counts in table.items()]
    rows.append(["Tổng cộng", *(str(totals[c]) for c in CATEGORIES), str(sum(totals.values())), rate_of(totals)])
    return rows


def _figures(document, report: Report) -> None:  # type: ignore[no-untyped-def]
    totals = report.totals()
    done = totals[DONE_ON_TIME] + totals[DONE_LATE]
    _paragraph(document, "I. KẾT QUẢ THỰC HIỆN", bold=True, before=6)
    _paragraph(document, (
        f"Trong kỳ theo dõi {report.counted()}: hoàn thành {done} "
        f"({totals[DONE_ON_TIME]} đúng hạn, {totals[DONE_LATE]} quá hạn); đang thực hiện trong hạn "
        f"{totals['in_progress_on_time']}; quá hạn chưa hoàn thành {totals[OVERDUE]}; chưa đến hạn "
        f"{totals['not_due']}; thường xuyên {totals['ongoing']}; theo điều kiện / không thời hạn "
        f"{totals['no_due']}. Tỷ lệ hoàn thành: {rate_of(totals)} ({RATE_RULE[0].lower()}{RATE_RULE[1:-1]})."))
    headers = ["", *(LABELS[c] for c in CATEGORIES), "Tổng", "Tỷ lệ"]
    widths = [34, *([15] * len(CATEGORIES)), 11, 15]
    _paragraph(document, "1. Theo đơn vị chủ trì", bold=True)
    by_unit = report.by_unit()
    _table(document, ["Đơn vị", *headers[1:]], _count_rows(by_unit, totals), widths)
    if note := report.unit_note(by_unit):
        _paragraph(document, f"Ghi chú: {note}", italic=True)
    _paragraph(document, "2. Theo nội dung", bold=True, before=6)
    _table(document, ["Nội dung", *headers[1:]], _count_rows(report.by_section(), totals), widths)


def _listed(items: Iterable[ReportLine]) -> tuple[list[ReportLine], list[ReportLine]]:
    """The first `_LISTED` overdue items and the first `_LISTED` done ones, in one pass that stops when both
    lists are full."""
    overdue: list[ReportLine] = []
    done: list[ReportLine] = []
    for line in items:
        target = overdue if line.category == OVERDUE else done
        if len(target) < _LISTED:
            target.append(line)
        if len(overdue) == len(done) == _LISTED:
            break
    return overdue, done


def _task_rows(lines: list[ReportLine], texts: dict[int, LineText], last: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in lines:
        text = texts.get(line.task_id, LineText("", "", "", ""))
        due = line.due.strftime("%d/%m/%Y") if line.due else text.deadline_text
        rows.append([str(len(rows) + 1), text.content, line.lead_unit, due,
                     text.progress_note if last == "progress" else text.result])
    return rows


def _overdue(document, lines: list[ReportLine], texts: dict[int, LineText]) -> None:  # type: ignore[no-untyped-def]
    _paragraph(document, "II. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH", bold=True, before=6)
    rows = _task_rows(lines, texts, "progress")
    if not rows:
        _paragraph(document, "Không có nhiệm vụ quá hạn.")
        return
    _table(document, ["STT", "Nội dung", "Chủ trì", "Hạn", "Tiến độ gần nhất"], rows, [10, 67, 30, 22, 36])


def _completed(document, lines: list[ReportLine], texts: dict[int, LineText]) -> None:  # type: ignore[no-untyped-def]
    _paragraph(document, "III. NHIỆM VỤ ĐÃ HOÀN THÀNH", bold=True, before=6)
    rows = _task_rows(lines, texts, "result")
    if not rows:
        _paragraph(document, "Chưa có nhiệm vụ hoàn thành trong kỳ.")
        return
    _table(document, ["STT", "Nội dung", "Chủ trì", "Hạn", "Kết quả / sản phẩm"], rows, [10, 67, 30, 22, 36])


def _signature(document) -> None:  # type: ignore[no-untyped-def]
    _paragraph(document, "", after=6)
    table = document.add_table(rows=1, cols=2)
    _widths(table, [80, 85])
    receivers, signer = table.rows[0].cells
    _cell_lines(receivers, [("Nơi nhận:", True, True), ("- Như trên;", False, False), ("- Lưu: VT.", False, False)])
    _cell_lines(signer, [("GIÁM ĐỐC", True, False), ("(Ký, ghi rõ họ tên)", False, True)])
