"""The task sheet: the department's head, a title naming the filter, then tasks in plan order.

Layout (rows): 1 department, 2 plan(s), 3 title in words, 4 export date,
6 header (STT, Nội dung, Sản phẩm, Chủ trì, Phối hợp, Thời hạn, Trạng thái,
Ngày hoàn thành, Kết quả / ghi chú), then one row per task with a row of its
own for each new section heading.  Overdue rows are marked in colour *and*
in words.  In a sheet for a unit to fill in, the status, date and result
cells are unlocked, the rest locked, and column J holds the task id (hidden).
`locked_print` sums up what a row's locked cells (A–F) say, so a returned
sheet shows whether each row still holds its own task's cells (see
`exports.receive`).

Rows arrive page by page from `db.filters.iter_task_pages`; the sheet is
written in openpyxl's write-only mode, so 100,000 rows stream.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from db import status as st
from db.tasks import Task, section_label
from exports.style import StreamingWorkbook, append_row, cell, print_setup, set_widths
from plans.os_errors import os_reason
from plans.sources import EXPORT_CREATOR

HEADERS = ["STT", "Nội dung", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời hạn", "Trạng thái", "Ngày hoàn thành",
           "Kết quả / ghi chú"]
WIDTHS = [7, 55, 26, 20, 24, 16, 18, 13, 32]
HEADER_ROW = 6
ID_COLUMN = 10  # J: the task id in sheets for units
STATUS_COLUMN, DATE_COLUMN, RESULT_COLUMN = 7, 8, 9
STATUS_CHOICES = [st.label(code).capitalize() for code in st.STATUSES]


@dataclass
class SheetHead:
    """What stands above the table."""

    department: str
    plans: str
    title: str
    exported: date
    note: str = ""  # what the figures cover, before the export date
    several_plans: bool = False  # section rows then name their plan


def _status_text(task: Task, today: date) -> str:
    text = task.status_label.capitalize()
    if task.is_overdue(today):
        text += f" – QUÁ HẠN {-(task.days_left(today) or 0)} ngày"
    return text


def _result_text(task: Task) -> str:
    return "\n".join(part for part in (task.result, task.progress_note) if part)


def write_head(ws: Worksheet, head: SheetHead, columns: int) -> None:
    last = chr(ord("A") + columns - 1)
    ws.append([cell(ws, head.department.upper(), "org", border=False)])
    ws.append([cell(ws, head.plans, "plan", border=False)])
    ws.row_dimensions[3].height = 36  # set before the row is written: a write-only sheet writes it at once
    ws.append([cell(ws, head.title, "title", border=False)])
    exported = f"Ngày xuất: {head.exported:%d/%m/%Y}"
    ws.append([cell(ws, f"{head.note} · {exported}" if head.note else exported, "note", border=False)])
    ws.append([])
    for row in (3, 4):
        ws.merged_cells.add(f"A{row}:{last}{row}")


#: Where a task went: (task id, sheet row, its last change, `locked_print` of its row) — light, so 100,000
#: of them cost little.
Placed = tuple[int, int, str, str]

LOCKED_COLUMNS = 6  # A–F: what the task is; a unit fills only G–I


def locked_print(values: Iterable[object]) -> str:
    """A short fingerprint of a row's locked cells (A–F) as written — or as read back: spaces and line
    ends as Excel or LibreOffice may save them again, and a number kept as 5 or 5.0, count for nothing."""
    parts = []
    for value in values:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts.append(" ".join(str(value).split()) if value is not None else "")
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


def write_task_sheet(ws: Worksheet, head: SheetHead, pages: Iterable[list[Task]], today: date, *,
                     for_unit: bool = False, progress: Callable[[int], None] | None = None
                     ) -> tuple[int, list[Placed]]:
    """Write the sheet, page by page as the tasks are read; return how many tasks, and for a unit's sheet
    where each went (its hidden record is made from it; nothing else of a task is kept, so a view of any
    size is written in the same memory)."""
    columns = len(HEADERS)
    set_widths(ws, WIDTHS)
    print_setup(ws, HEADER_ROW)
    if for_unit:
        ws.column_dimensions["J"].hidden = True
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.autoFilter = False
        ws.protection.sort = True
    write_head(ws, head, columns)
    append_row(ws, HEADER_ROW, [cell(ws, text, "header") for text in HEADERS]
               + ([cell(ws, "Mã", "header")] if for_unit else []), WIDTHS)
    written: list[Placed] = []
    count = 0
    section: tuple[int, str] | None = None
    row = HEADER_ROW
    for page in pages:
        for task in page:
            if (task.plan_id, task.section) != section:
                section = (task.plan_id, task.section)
                row += 1
                ws.append([cell(ws, section_label(task.plan_number, task.section, head.several_plans), "section")] +
                          [cell(ws, None, "section") for _ in range(columns - 1)])
                ws.merged_cells.add(f"A{row}:I{row}")
            row += 1
            cells = _task_row(ws, task, today, for_unit)
            append_row(ws, row, cells, WIDTHS)
            count += 1
            if for_unit:
                written.append((task.id, row, task.updated_at, locked_print(c.value for c in cells[:LOCKED_COLUMNS])))
        if progress:
            progress(count)
    ws.auto_filter.ref = f"A{HEADER_ROW}:I{max(row, HEADER_ROW + 1)}"
    if for_unit and written:
        _validations(ws, row)
    return count, written


def _task_row(ws: Worksheet, task: Task, today: date, for_unit: bool) -> list:
    late = task.is_overdue(today)
    style = "late" if late else "body"
    status_style = "late" if late else ("done" if task.status == st.DONE else "body")
    editable = "input" if for_unit else None
    values = [
        cell(ws, task.number, "center"),
        cell(ws, task.content, style),
        cell(ws, task.product),
        cell(ws, ", ".join(task.lead_units)),
        cell(ws, ", ".join(task.coordinating_units)),
        cell(ws, task.deadline.text or "—", style),
        cell(ws, task.status_label.capitalize() if for_unit else _status_text(task, today),
             editable or status_style, unlocked=for_unit),
        cell(ws, task.completed_on, editable or "center", date=True, unlocked=for_unit),
        cell(ws, task.result if for_unit else _result_text(task), editable or "body", unlocked=for_unit),
    ]
    if for_unit:
        values.append(cell(ws, task.id, "center"))
    return values


def _validations(ws: Worksheet, last_row: int) -> None:
    first = HEADER_ROW + 1
    choice = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Trạng thái không hợp lệ",
                            error="Chọn một trong: " + ", ".join(STATUS_CHOICES) + ".")
    choice.add(f"G{first}:G{last_row}")
    day = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                         showErrorMessage=True, errorTitle="Ngày không hợp lệ",
                         error="Nhập ngày hoàn thành dạng ngày/tháng/năm, ví dụ 15/11/2026.")
    day.add(f"H{first}:H{last_row}")
    ws.data_validations.append(choice)
    ws.data_validations.append(day)


def new_workbook() -> Workbook:
    """A streaming workbook marked as written by theodoi, so that importing it as a plan is refused."""
    book = StreamingWorkbook()
    book.properties.creator = EXPORT_CREATOR
    return book


def prepare_target(path: Path) -> None:
    """Make the folder of `path` before any row is written: a write-only workbook abandoned half-way
    cannot be closed cleanly, so a bad target must fail first (OSError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))


def write_error(error: OSError, path: Path) -> str:
    """A failed write, in Vietnamese, with where it happened (never the system's English words)."""
    return f"không ghi được «{error.filename or path}»: {os_reason(error, writing=True)}."


def save_through(path: Path, write: Callable[[Path], object]) -> None:
    """Write `path` through a temporary name: a failed save leaves neither half a file nor the temporary one."""
    partial = path.with_name(path.name + ".partial")
    try:
        write(partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def save_workbook(book: Workbook, path: Path) -> None:
    """Save a workbook safely (see `save_through`)."""
    save_through(path, book.save)
