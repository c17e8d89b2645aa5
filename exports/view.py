"""Exporting the current view: the task sheet and a summary sheet, in one workbook.

`export_view(db, flt, path, today)` writes what the officer sees (same
filter, plan order, section rows) and a "Tổng hợp" sheet counting tasks by
lead unit and status, with the overdue ones and totals.  Rows stream from
SQLite a page at a time, so any size exports in bounded memory;
`progress(n)` is called as rows are written.  `proposed_name` makes the
file name from the filter and the date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from db.filters import TaskFilter, count_tasks, describe, iter_task_pages
from db.register import get_meta
from db.rules import RATE_RULE, rate_text, several_leads_note
from db.settings import Setting
from db.stats import plans_in_view, status_totals, unit_status_counts
from exports.style import append_row, cell, print_setup, set_widths
from exports.task_sheet import (
    HEADER_ROW,
    SheetHead,
    new_workbook,
    prepare_target,
    save_workbook,
    write_head,
    write_task_sheet,
)
from plans.text import fold

if TYPE_CHECKING:

    from db.reader import Readable

SUMMARY_HEADERS = ["Đơn vị chủ trì", "Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Tổng số", "Trong đó quá hạn",
                   "Tỷ lệ hoàn thành"]




def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def proposed_name(flt: TaskFilter, today: date, prefix: str = "nhiem-vu") -> str:
    """nhiem-vu_van-phong-so_quy-ii-2020_2026-11-22.xlsx"""
    parts = [prefix] + [slug(v) for v in (flt.unit, flt.deadline, flt.status, flt.search, flt.plan) if v]
    if flt.view != "all":
        parts.append(slug(flt.view))
    return "_".join([*parts, today.isoformat()]) + ".xlsx"


def sheet_head(db: Readable, flt: TaskFilter, today: date, title: str | None = None) -> SheetHead:
    plans = plans_in_view(db, flt, today)
    department = get_meta(db, Setting.DEPARTMENT)
    if not department and plans:
        issuer, place = plans[0][2], plans[0][3]
        department = f"{issuer} {place}".strip() if place and place not in issuer else issuer
    if len(plans) == 1:
        line = f"Kế hoạch số {plans[0][0]}: {plans[0][1]}" if plans[0][0] else plans[0][1]
    else:
        line = "Các kế hoạch: " + ", ".join(p[0] or p[1] for p in plans)
    return SheetHead(department or "", line, title or describe(flt), today, several_plans=len(plans) > 1)


def export_view(db: Readable, flt: TaskFilter, path: Path, today: date,
                progress: Callable[[int], None] | None = None) -> int:
    """Write the view to `path`; return the number of tasks written."""
    count_tasks(db, flt, today)  # reads the filter once, so a bad one fails before the file is created
    prepare_target(path)
    book = new_workbook()
    tasks = book.create_sheet("Nhiệm vụ")
    title = f"{describe(flt)} – tính đến {today:%d/%m/%Y}"  # what the sheet is, and as of when
    count, _ = write_task_sheet(tasks, sheet_head(db, flt, today, title), iter_task_pages(db, flt, today=today), today,
                               progress=progress)
    write_summary(book.create_sheet("Tổng hợp"), db, flt, today)
    save_workbook(book, path)
    return count


def write_summary(ws, db: Readable, flt: TaskFilter, today: date) -> None:
    """Counts by lead unit × status, overdue and totals."""
    widths = [40.0, 14.0, 14.0, 14.0, 11.0, 14.0, 14.0]
    set_widths(ws, widths)
    print_setup(ws, HEADER_ROW)
    write_head(ws, sheet_head(db, flt, today, f"TỔNG HỢP TÌNH HÌNH THỰC HIỆN – {describe(flt)}"),
               len(SUMMARY_HEADERS))
    append_row(ws, HEADER_ROW, [cell(ws, h, "header") for h in SUMMARY_HEADERS], widths)
    counts = unit_status_counts(db, flt, today)
    for index, line in enumerate(counts, start=HEADER_ROW + 1):
        append_row(ws, index, [cell(ws, line.unit), *(cell(ws, n, "center") for n in (
            line.not_started, line.in_progress, line.done, line.total, line.overdue)),
            cell(ws, rate_text(line.done, line.overdue), "center")], widths)
    totals = status_totals(db, flt, today)  # each task once, whatever its number of lead units
    ws.append([cell(ws, "Tổng cộng", "total"), *(cell(ws, n, "total") for n in (
        totals.not_started, totals.in_progress, totals.done, totals.total, totals.overdue)),
        cell(ws, rate_text(totals.done, totals.overdue), "total")])
    listed = sum(line.total for line in counts)
    notes = [RATE_RULE]
    if listed != totals.total:
        notes.insert(0, several_leads_note(listed, f"{totals.total} nhiệm vụ"))
    for note in notes:
        ws.append([cell(ws, f"Ghi chú: {note}", "footnote", border=False)])

