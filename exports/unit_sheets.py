"""Sheets for units to fill in, one unit each, and the record that lets them come back.

A unit's sheet is the task sheet of the tasks it leads, with only status,
completion date and result unlocked (sheet protection without a password),
a drop-down for status, a date format for the date, the task id in hidden
column J, and a hidden sheet "_theodoi" holding the register id, the export
time, the unit, each task's id, row, last-change stamp and the fingerprint of
its locked cells (`locked_print`), and a signature:
an HMAC-SHA256 of all of it keyed by a secret kept in the register, so a
record edited by hand (another unit's task id slipped in) is refused.  The
record sheet is hidden and protected.  `exports.receive` reads that record
to refuse a sheet of another register, rows added, and rows whose task cells
no longer go with their id (sorted in part), to follow rows sorted whole, and
to spot tasks changed in the register since the export.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from db.filters import TaskFilter, count_tasks, describe, iter_task_pages
from db.register import get_meta, set_meta
from db.settings import Setting
from db.stats import units_with_work
from exports.style import cell, text_cell
from exports.task_sheet import (
    HEADER_ROW,
    Placed,
    new_workbook,
    prepare_target,
    save_workbook,
    write_error,
    write_task_sheet,
)
from exports.view import sheet_head, slug
from plans.units import is_group

if TYPE_CHECKING:
    import sqlite_utils


RECORD_SHEET = "_theodoi"
TASK_SHEET = "Nhiệm vụ"
#: The record's columns; a sheet sent before the fingerprint was kept has the first three only.
RECORD_COLUMNS = ("task_id", "row", "updated_at", "cells")


RETURN_DAYS = 7  # a sheet is due back a week after it is sent, unless the officer says otherwise


def export_for_unit(db: sqlite_utils.Database, flt: TaskFilter, unit: str, path: Path, today: date,
                    progress: Callable[[int], None] | None = None, by: date | None = None) -> int:
    """Write the fill-in sheet of `unit`: the tasks it leads or coordinates within `flt` (the "Chủ trì"
    column says which); return the number of tasks.  A coordinating unit's row comes back as a note.

    The head says what to fill and the date to send it back by (`by`, a week from today by default); under
    the table, the signature block of the person reporting and of the unit's head."""
    unit_filter = flt.with_(unit=unit, role="any")
    count_tasks(db, unit_filter, today)
    prepare_target(path)
    title = f"PHIẾU BÁO CÁO TIẾN ĐỘ – {describe(unit_filter)}"
    due_back = by or today + timedelta(days=RETURN_DAYS)
    head = replace(sheet_head(db, unit_filter, today, title),
                   note="Đề nghị điền cột Trạng thái, Ngày hoàn thành, Kết quả và gửi lại trước ngày "
                        f"{due_back:%d/%m/%Y}")
    book = new_workbook()
    sheet = book.create_sheet(TASK_SHEET)
    _, rows = write_task_sheet(sheet, head, iter_task_pages(db, unit_filter, today=today), today, for_unit=True,
                            progress=progress)
    _write_footer(sheet, unit, max((placed[1] for placed in rows), default=HEADER_ROW))
    _write_record(book.create_sheet(RECORD_SHEET), db, unit, rows)
    save_workbook(book, path)
    return len(rows)


def _write_footer(ws, unit: str, last: int) -> None:  # type: ignore[no-untyped-def]
    """The signature block, in the first column only (a returned sheet reads such rows as headings, not tasks)."""
    ws.append([])
    lines = [f"{unit}, ngày …… tháng …… năm ……",
             "NGƯỜI BÁO CÁO (ký, ghi rõ họ tên)" + " " * 40 + "THỦ TRƯỞNG ĐƠN VỊ (ký, đóng dấu)"]
    for offset, text in enumerate(lines, start=2):
        ws.append([cell(ws, text, "note", border=False)])
        ws.merged_cells.add(f"A{last + offset}:I{last + offset}")


def sign(db: sqlite_utils.Database, meta: dict[str, str], rows: Sequence[tuple[object, ...]]) -> str:
    """The record's signature, keyed by the register's own secret (made on first use)."""
    secret = get_meta(db, Setting.SHEET_SECRET)
    if not secret:
        secret = secrets.token_hex(32)
        set_meta(db, Setting.SHEET_SECRET, secret)
    message = json.dumps([meta.get(k, "") for k in ("register_id", "exported_at", "unit")] + [list(r) for r in rows],
                         ensure_ascii=False)
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def _write_record(ws, db: sqlite_utils.Database, unit: str, rows: list[Placed]) -> None:
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    meta = {"register_id": get_meta(db, Setting.REGISTER_ID),
            "exported_at": datetime.now().replace(microsecond=0).isoformat(sep=" "), "unit": unit}
    for key, value in meta.items():
        ws.append([text_cell(ws, key), text_cell(ws, value)])
    ws.append([text_cell(ws, "signature"), text_cell(ws, sign(db, meta, rows))])
    ws.append(list(RECORD_COLUMNS))
    for task_id, task_row, stamp, cells in rows:
        ws.append([task_id, task_row, text_cell(ws, stamp), text_cell(ws, cells)])


@dataclass
class EachUnit:
    """What `export_each_unit` did: sheets written [(unit, file, tasks)] and units it could not write [(unit, why)]."""

    written: list[tuple[str, Path, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # stock groups left without a sheet


def sheet_file(folder: Path, unit: str, today: date, taken: set[str]) -> Path:
    """A file name of its own for each unit: short enough for any file system, never another unit's."""
    base = (slug(unit) or "don-vi")[:60].rstrip("-")
    name = f"{base}_{today.isoformat()}.xlsx"
    number = 2
    while name in taken:
        name = f"{base}-{number}_{today.isoformat()}.xlsx"
        number += 1
    taken.add(name)
    return folder / name


def export_each_unit(db: sqlite_utils.Database, flt: TaskFilter, folder: Path, today: date,
                     by: date | None = None) -> EachUnit:
    """One fill-in sheet per unit with work in the view (leading or coordinating); one failing does not
    stop the others; stock groups ("các đơn vị liên quan") get none."""
    done = EachUnit()
    taken: set[str] = set()
    for unit in units_with_work(db, flt, today):
        if is_group(unit):
            done.groups.append(unit)  # "các đơn vị liên quan": no one to send it to (w makes one on request)
            continue
        path = sheet_file(folder, unit, today, taken)
        try:
            done.written.append((unit, path, export_for_unit(db, flt, unit, path, today, by=by)))
        except OSError as error:
            done.failed.append((unit, write_error(error, path)))
    return done
