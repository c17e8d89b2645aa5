"""The periodic report as a workbook: summary by unit and section, overdue list, full list.

Same document style as the task sheets (Times New Roman, A4 landscape, header
repeated, page numbers).  Numbers come from `db.report.build_report`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from db.report import CATEGORIES, LABELS, OVERDUE, LineText, Report, ReportLine, line_texts, rate_of, report_items
from db.rules import RATE_RULE
from exports.style import append_row, cell, print_setup, set_widths
from exports.task_sheet import HEADER_ROW, SheetHead, new_workbook, prepare_target, save_workbook, write_head
from exports.view import sheet_head

if TYPE_CHECKING:

    from db.reader import Readable


def _head(ws, head: SheetHead, report: Report, title: str, headers: list[str], widths: list[float]) -> None:
    """The department and plans above, the title naming the period, then the header row."""
    set_widths(ws, widths)
    print_setup(ws, HEADER_ROW)
    write_head(ws, replace(head, title=f"{title} – {report.period.label.upper()}"), len(headers))
    append_row(ws, HEADER_ROW, [cell(ws, h, "header") for h in headers], widths)


def _table(ws, head: SheetHead, report: Report, title: str, rows: dict[str, Counter], first: str,
           note: str | None = None) -> None:
    headers = [first, *(LABELS[c] for c in CATEGORIES), "Tổng số", "Tỷ lệ hoàn thành"]
    widths = [40.0, *([13.0] * len(CATEGORIES)), 10.0, 12.0]
    _head(ws, head, report, title, headers, widths)
    for index, (name, counts) in enumerate(rows.items(), start=HEADER_ROW + 1):
        append_row(ws, index, [cell(ws, name), *(cell(ws, counts[c], "center") for c in CATEGORIES),
                               cell(ws, sum(counts.values()), "center"), cell(ws, rate_of(counts), "center")], widths)
    totals = report.totals()
    ws.append([cell(ws, "Tổng cộng", "total"), *(cell(ws, totals[c], "total") for c in CATEGORIES),
               cell(ws, sum(totals.values()), "total"), cell(ws, rate_of(totals), "total")])
    for text in (note, RATE_RULE):
        if text:
            ws.append([cell(ws, f"Ghi chú: {text}", "footnote", border=False)])


def export_report(db: Readable, report: Report, path: Path, today: date) -> None:
    """Write the report workbook to `path`: by unit, by section, the overdue list, every line."""
    prepare_target(path)
    head = replace(sheet_head(db, report.flt, today),
                   note=f"Số liệu tính đến ngày {report.as_of:%d/%m/%Y}, kỳ báo cáo {report.period.window}; "
                        f"đếm {report.counted()}")
    lines = list(report_items(db, report))
    texts = line_texts(db, lines, report.as_of)
    book = new_workbook()
    by_unit = report.by_unit()
    _table(book.create_sheet("Theo đơn vị"), head, report, "BÁO CÁO KẾT QUẢ THỰC HIỆN", by_unit,
           "Đơn vị chủ trì", report.unit_note(by_unit))
    _table(book.create_sheet("Theo mục"), head, report, "KẾT QUẢ THEO NỘI DUNG", report.by_section(),
           "Nội dung (mục)")
    _list(book.create_sheet("Quá hạn"), head, report, [line for line in lines if line.category == OVERDUE], texts,
          "DANH SÁCH NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH")
    _list(book.create_sheet("Toàn bộ"), head, report, lines, texts, "DANH SÁCH NHIỆM VỤ VÀ PHÂN LOẠI")
    save_workbook(book, path)


def _list(ws, head: SheetHead, report: Report, lines: list[ReportLine], texts: dict[int, LineText],
          title: str) -> None:
    headers = ["STT", "Nội dung", "Chủ trì", "Thời hạn", "Hạn (kỳ này)", "Phân loại", "Tiến độ gần nhất"]
    widths = [7.0, 55.0, 22.0, 16.0, 12.0, 22.0, 40.0]
    _head(ws, head, report, title, headers, widths)
    for index, line in enumerate(lines, start=7):
        text = texts[line.task_id]
        values = [text.number, text.content, line.lead_unit, text.deadline_text,
                  line.due.strftime("%d/%m/%Y") if line.due else "", LABELS[line.category], text.progress_note]
        style = "late" if line.category == "overdue" else "body"
        append_row(ws, index, [cell(ws, v, style) for v in values], widths)
