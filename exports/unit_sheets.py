"""Sheets for units to fill in, one unit each, and the record that lets them come back.

A unit's sheet is the task sheet of the tasks it leads, with only status,
completion date and result unlocked (sheet protection without a password),
a drop-down for status, a date format for the date, the task id in hidden
column J, and a hidden sheet "_theodoi" holding the register id, the export
time, and each task's id, row and last-change stamp.  `exports.receive`
reads that record to refuse a sheet of another register, rows added or
reordered, and to spot tasks changed in the register since the export.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import sqlite_utils

from db.filters import TaskFilter, count_tasks, describe, iter_task_pages
from db.register import get_meta
from db.stats import unit_status_counts
from db.tasks import Task
from exports.task_sheet import HEADER_ROW, new_workbook, prepare_target, save_workbook, write_task_sheet
from exports.view import sheet_head, slug

RECORD_SHEET = "_theodoi"
TASK_SHEET = "Nhiệm vụ"


def export_for_unit(db: sqlite_utils.Database, flt: TaskFilter, unit: str, path: Path, today: date,
                    progress: Callable[[int], None] | None = None) -> int:
    """Write the fill-in sheet of `unit` (the tasks it leads within `flt`); return the number of tasks."""
    unit_filter = flt.with_(unit=unit, role="lead")
    count_tasks(db, unit_filter, today)
    prepare_target(path)
    title = f"PHIẾU BÁO CÁO TIẾN ĐỘ – {describe(unit_filter)}"
    book = new_workbook()
    sheet = book.create_sheet(TASK_SHEET)
    tasks = write_task_sheet(sheet, sheet_head(db, unit_filter, today, title),
                             iter_task_pages(db, unit_filter, today=today), today, for_unit=True, progress=progress)
    _write_record(book.create_sheet(RECORD_SHEET), db, unit, tasks)
    save_workbook(book, path)
    return len(tasks)


def _write_record(ws, db: sqlite_utils.Database, unit: str, tasks: list[Task]) -> None:
    ws.sheet_state = "hidden"
    ws.append(["register_id", get_meta(db, "register_id")])
    ws.append(["exported_at", datetime.now().replace(microsecond=0).isoformat(sep=" ")])
    ws.append(["unit", unit])
    ws.append(["task_id", "row", "updated_at"])
    row = HEADER_ROW
    section = None
    for task in tasks:
        if task.section != section:
            section = task.section
            row += 1
        row += 1
        ws.append([task.id, row, task.updated_at])


def export_each_unit(db: sqlite_utils.Database, flt: TaskFilter, folder: Path,
                     today: date) -> list[tuple[str, Path, int]]:
    """One fill-in sheet per lead unit with tasks in the view: [(unit, file, tasks)]."""
    written = []
    for line in unit_status_counts(db, flt, today):
        if line.unit.startswith("("):
            continue  # tasks with no lead unit have nobody to send a sheet to
        path = folder / f"{slug(line.unit)}_{today.isoformat()}.xlsx"
        written.append((line.unit, path, export_for_unit(db, flt, line.unit, path, today)))
    return written
