"""Taking back a sheet a unit filled in: read, check, show what would change, apply.

`read_returned_sheet(db, path)` checks the sheet before trusting any cell:
it must be an .xlsx written by `exports.unit_sheets` for *this* register,
with each task row holding its own task: its id in J beside the cells A–F
it was sent with (their `locked_print` is in the signed record).  Rows sorted
whole are followed to where they went; a row whose id and task cells were
parted (columns sorted without the hidden J, a row copied over another) is
refused — its status would land on another task.  A sheet sent before the
fingerprint was kept must have its rows where they were written.  No row
added or removed; statuses among the three (accents optional), real dates.
Every problem names its cell ("Ô G12: ...") and nothing is applied while any
remains.  A task changed in the register since the export is a *conflict*:
shown, and left alone unless the officer says to overwrite.

`apply_returned_sheet` writes the changes in one transaction, with the
file's name as the history source.
"""

from __future__ import annotations

import hmac
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter

from db import status as st
from db.backup import make_backup
from db.edits import update_tasks
from db.register import get_meta, write_transaction
from db.settings import Setting
from db.tasks import fetch_tasks_by_id
from exports.style import safe_value
from exports.task_sheet import (
    DATE_COLUMN,
    HEADER_ROW,
    ID_COLUMN,
    LOCKED_COLUMNS,
    RESULT_COLUMN,
    STATUS_COLUMN,
    locked_print,
)
from exports.unit_sheets import RECORD_COLUMNS, RECORD_SHEET, TASK_SHEET, sign
from plans.dates import excel_serial_day, read_day
from plans.model import PlanReadError
from plans.sources import check_zip, read_file_bytes
from plans.units import unit_key

if TYPE_CHECKING:
    import sqlite_utils



class ReceiveError(Exception):
    """A returned sheet that cannot be taken back; the message is Vietnamese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class TaskChange:
    """What a returned row would change on one task."""

    task_id: int
    number: str
    content: str
    fields: dict[str, tuple[str, str]]  # field -> (old, new), as the officer reads them
    values: dict[str, object]
    conflict: bool = False
    stamp: str = ""  # the task's last change when the sheet was exported


@dataclass
class ReturnedSheet:
    """A checked sheet: its unit, and the changes it brings."""

    source: str
    unit: str
    exported_at: str
    changes: list[TaskChange] = field(default_factory=list)
    signature: str = ""  # the record's signature: one per sheet sent, so a sheet met twice is recognised

    @property
    def conflicts(self) -> list[TaskChange]:
        return [c for c in self.changes if c.conflict]


RECORD_ROWS = 25_000  # a record longer than any sheet theodoi writes has been tampered with
EXTRA_ROWS = 50  # rows below the last task still read (a note typed under the table)
EARLIEST_YEAR = 2000
_COLUMN_LETTERS = {STATUS_COLUMN: "G", DATE_COLUMN: "H", RESULT_COLUMN: "I", ID_COLUMN: "J"}


def _open(path: Path):
    import openpyxl

    try:
        data = read_file_bytes(path)
        check_zip(data, path.name, "Excel (.xlsx)")
    except PlanReadError as error:
        raise ReceiveError([str(error)]) from error
    try:
        return openpyxl.load_workbook(io.BytesIO(data))
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise ReceiveError([f"{path.name}: tệp Excel bị hỏng, không mở được; hãy xin đơn vị gửi lại."]) from error


@dataclass(frozen=True)
class _Sent:
    """One task row as the record says it was sent."""

    task_id: int
    row: int
    stamp: str
    cells: str  # `locked_print` of A–F; "" in a sheet sent before it was kept


def _record(book, name: str, db: sqlite_utils.Database) -> tuple[dict[str, str], list[_Sent]]:
    if RECORD_SHEET not in book.sheetnames or TASK_SHEET not in book.sheetnames:
        raise ReceiveError([f"{name}: không phải phiếu do theodoi xuất cho đơn vị (thiếu trang «{RECORD_SHEET}»)."])
    record = book[RECORD_SHEET]
    if record.max_row > RECORD_ROWS or record.max_column > len(RECORD_COLUMNS):
        raise ReceiveError([f"{name}: trang «{RECORD_SHEET}» đã bị sửa, không đọc được."])
    rows = list(record.iter_rows(values_only=True))
    header = next((i for i, r in enumerate(rows) if r and r[0] == RECORD_COLUMNS[0]), None)
    try:
        if header is None:
            raise ValueError
        width = 4 if RECORD_COLUMNS[3] in rows[header] else 3
        meta = {str(r[0]): str(r[1]) for r in rows[:header] if r and r[0]}
        sent = [_Sent(int(r[0]), int(r[1]), str(r[2] or ""), str(r[3] or "") if width == 4 else "")
                for r in rows[header + 1:] if r and r[0] is not None]
    except (TypeError, ValueError) as error:
        raise ReceiveError([f"{name}: trang «{RECORD_SHEET}» đã bị sửa, không đọc được."]) from error
    if meta.get("register_id") != get_meta(db, Setting.REGISTER_ID):
        raise ReceiveError([f"{name}: phiếu này được xuất từ một sổ theo dõi khác, không nhận vào sổ này."])
    signed = [(entry.task_id, entry.row, entry.stamp, entry.cells)[:width] for entry in sent]
    if not hmac.compare_digest(meta.get("signature", ""), sign(db, meta, signed)):
        raise ReceiveError([f"{name}: phần ghi ẩn của phiếu đã bị sửa (chữ ký không khớp); không nhận phiếu này. "
                            "Hãy gửi lại cho đơn vị một phiếu mới (w)."])
    return meta, sent


def _read_date(value: object, where: str, problems: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    day = read_day(text) or excel_serial_day(value)
    if day is not None:
        return day
    problems.append(f"Ô {where}: ngày hoàn thành «{text}» không phải một ngày có thật (ghi dạng 15/11/2026).")
    return None


def read_returned_sheet(db: sqlite_utils.Database, path: Path, today: date) -> ReturnedSheet:
    """Check a returned sheet and list what it would change; raise ReceiveError listing every problem."""
    book = _open(path)
    meta, recorded = _record(book, path.name, db)
    sheet = book[TASK_SHEET]
    problems: list[str] = []
    expected_rows = {sent.row: sent.task_id for sent in recorded}
    last = max(expected_rows, default=HEADER_ROW) + EXTRA_ROWS
    problems += _extra_cells(sheet, last) + _merged_cells(sheet, expected_rows)
    found = _task_rows(sheet, recorded, last, problems)
    missing = [sent.task_id for sent in recorded if sent.task_id not in found]
    if missing and not problems:
        problems.append(f"{len(missing)} hàng nhiệm vụ đã bị xóa khỏi phiếu.")
    result = ReturnedSheet(path.name, meta.get("unit", ""), meta.get("exported_at", ""),
                           signature=meta.get("signature", ""))
    stamps = {sent.task_id: sent.stamp for sent in recorded}
    tasks = {t.id: t for t in fetch_tasks_by_id(db, list(found))}
    unit = meta.get("unit", "")
    for task_id, row_number in found.items():
        task = tasks.get(task_id)
        if task is None or task.deleted:
            problems.append(f"Hàng {row_number}: nhiệm vụ mã {task_id} không còn trong sổ "
                            "(đã bị xóa sau khi xuất phiếu).")
            continue
        leads = {unit_key(u) for u in task.lead_units}
        if unit_key(unit) not in leads | {unit_key(u) for u in task.coordinating_units}:
            problems.append(f"Hàng {row_number}: nhiệm vụ {task.number} không phải của {unit}; phiếu không nhận.")
            continue
        if unit_key(unit) in leads:
            change = _row_change(sheet, row_number, task, today, problems)
        else:
            change = _note_change(sheet, row_number, task, unit, today, problems)
        if change is not None:
            change.stamp = stamps[task_id]
            change.conflict = task.updated_at != stamps[task_id]
            result.changes.append(change)
    if problems:
        raise ReceiveError([f"{path.name} – {p}" for p in problems])
    return result


def _task_rows(sheet, recorded: list[_Sent], last: int, problems: list[str]) -> dict[int, int]:
    """Where each task of the record stands in the returned sheet (task id -> row), in the sheet's order;
    every row that cannot be trusted is told in `problems`."""
    sent = {entry.task_id: entry for entry in recorded}
    expected_rows = {entry.row: entry.task_id for entry in recorded}
    follow = all(entry.cells for entry in recorded)  # a sheet that keeps fingerprints: rows may have moved
    found: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=min(sheet.max_row, last), max_col=ID_COLUMN):
        index = row[0].row
        id_cell = row[ID_COLUMN - 1] if len(row) >= ID_COLUMN else None
        task_id = id_cell.value if id_cell is not None else None
        has_text = any(c.value not in (None, "") for c in row[:RESULT_COLUMN])
        if task_id in (None, ""):
            if index in expected_rows:
                problems.append(f"Hàng {index}: mất mã nhiệm vụ ở ô J{index}; hàng đã bị xóa hoặc sắp xếp lại.")
            elif has_text and not _is_section_row(row):
                problems.append(f"Hàng {index}: hàng được thêm vào phiếu; chỉ điền vào các ô có sẵn.")
            continue
        entry = sent.get(_as_int(task_id))
        problem = _misplaced(row, index, task_id, entry, found) if follow else (
            None if expected_rows.get(index) == _as_int(task_id)
            else f"Ô J{index}: hàng đã bị thêm, xóa hoặc sắp xếp lại (mã {task_id} không ở chỗ cũ).")
        if problem:
            problems.append(problem)
        elif entry is not None:
            found[entry.task_id] = index
    return found


def _misplaced(row, index: int, task_id: object, entry: _Sent | None, found: dict[int, int]) -> str | None:
    """Why a row of a sheet that keeps fingerprints cannot be taken as its task's, or None."""
    if entry is None:
        return f"Ô J{index}: mã {task_id} không có trong phiếu đã gửi; hàng đã bị thêm hoặc ô mã bị sửa."
    if entry.task_id in found:
        return f"Ô J{index}: mã {task_id} đã có ở hàng {found[entry.task_id]}; hàng đã bị chép thêm."
    if locked_print(c.value for c in row[:LOCKED_COLUMNS]) != entry.cells:
        return (f"Hàng {index}: các ô A–F không còn là của nhiệm vụ mã {task_id} như khi gửi (các cột bị sắp xếp "
                "riêng, hoặc ô bị sửa); trạng thái ở hàng này sẽ rơi vào nhiệm vụ khác. Hãy điền lại trên phiếu "
                "đã gửi, không sắp xếp riêng từng cột.")
    return None


def _as_int(value: object) -> int:
    """A number read from a cell (5, 5.0, "5"); -1 for anything else."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        return -1


def _is_section_row(row) -> bool:
    return row[0].value not in (None, "") and all(c.value in (None, "") for c in row[1:RESULT_COLUMN])


def _extra_cells(sheet, last: int) -> list[str]:
    """Text written far below the task rows (or a planted far cell): named, never read cell by cell."""
    beyond = sorted(coordinate for coordinate, cell in sheet._cells.items()  # only the cells the file defines
                    if coordinate[0] > last and cell.value not in (None, ""))
    if not beyond:
        return []
    row, column = beyond[0]
    return [f"Ô {get_column_letter(column)}{row}: có nội dung ngoài phần phiếu ({len(beyond)} ô); "
            "chỉ điền vào các ô có sẵn."]


def _merged_cells(sheet, rows: dict[int, int]) -> list[str]:
    """A merge over the cells to fill keeps only one of them: the others would be lost without a word."""
    found = []
    for span in sheet.merged_cells.ranges:
        if span.max_col >= STATUS_COLUMN and span.min_col <= RESULT_COLUMN and any(
                span.min_row <= row <= span.max_row for row in rows):
            found.append(f"Ô {span.coord}: các ô đã bị gộp lại; hãy bỏ gộp và điền từng ô.")
    return found


def _row_change(sheet, row: int, task, today: date, problems: list[str]) -> TaskChange | None:
    """The change a lead unit's row asks for, or None; every mistake of the row is told at once (a unit
    sent back its sheet to mend should not find a second one on the next try)."""
    found: list[str] = []
    formulas = [column for column in (STATUS_COLUMN, DATE_COLUMN, RESULT_COLUMN)
                if sheet.cell(row, column).data_type == "f"]
    if formulas:
        cells = ", ".join(f"{get_column_letter(column)}{row}" for column in formulas)
        found.append(f"Ô {cells}: có công thức; phiếu chỉ nhận chữ và ngày gõ trực tiếp.")
    status_text = sheet.cell(row, STATUS_COLUMN).value
    code = st.parse_status(str(status_text or "")) if status_text not in (None, "") else task.status
    if code is None and STATUS_COLUMN not in formulas:
        found.append(f"Ô G{row}: trạng thái «{status_text}» không hợp lệ; "
                     "chọn Chưa thực hiện, Đang thực hiện hoặc Hoàn thành.")
    done_on = None if DATE_COLUMN in formulas else _read_date(sheet.cell(row, DATE_COLUMN).value, f"H{row}", found)
    if done_on and done_on > today:
        found.append(f"Ô H{row}: ngày hoàn thành {done_on:%d/%m/%Y} ở sau hôm nay.")
    elif done_on and done_on.year < EARLIEST_YEAR:
        found.append(f"Ô H{row}: ngày hoàn thành {done_on:%d/%m/%Y} không hợp lý.")
    elif done_on and code not in (None, st.DONE):
        found.append(f"Ô H{row}: có ngày hoàn thành nhưng trạng thái là «{st.label(code)}»; "
                     "chọn «Hoàn thành» hoặc xóa ngày.")
    if found or code is None:
        problems.extend(found)
        return None
    result = str(safe_value(str(sheet.cell(row, RESULT_COLUMN).value or ""))).strip()
    values: dict[str, object] = {}
    fields: dict[str, tuple[str, str]] = {}
    if code != task.status:
        values["status"], fields["trạng thái"] = code, (task.status_label, st.label(code))
    if code == st.DONE:
        done_on = done_on or task.completed_on or today
    if done_on != task.completed_on:
        values["completed_on"] = done_on or ""
        fields["ngày hoàn thành"] = (_day(task.completed_on), _day(done_on))
    if result != task.result:
        values["result"], fields["kết quả"] = result, (task.result, result)
    if not values:
        return None
    return TaskChange(task.id, task.number, task.content, fields, values)


def _note_change(sheet, row: int, task, unit: str, today: date, problems: list[str]) -> TaskChange | None:
    """A coordinating unit reports its part: what it wrote becomes a progress note for the lead to see,
    never the task's status, date or result."""
    cell = sheet.cell(row, RESULT_COLUMN)
    if cell.data_type == "f":
        problems.append(f"Ô I{row}: có công thức; phiếu chỉ nhận chữ gõ trực tiếp.")
        return None
    text = str(safe_value(str(cell.value or ""))).strip()
    if not text or text == task.result:
        return None
    note = f"[{unit} (phối hợp), {today:%d/%m/%Y}]: {text}"
    if note in task.progress_note:
        return None
    combined = f"{task.progress_note}\n{note}".strip()
    return TaskChange(task.id, task.number, task.content, {"ghi chú phối hợp": ("", note)},
                      {"progress_note": combined})


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def apply_returned_sheet(db: sqlite_utils.Database, sheet: ReturnedSheet, overwrite: bool = False) -> int:
    """Write one sheet's changes (see `apply_returned_sheets`)."""
    return apply_returned_sheets(db, [sheet], overwrite, f"receive:{sheet.source}")


def apply_returned_sheets(db: sqlite_utils.Database, sheets: list[ReturnedSheet], overwrite: bool,
                          source: str) -> int:
    """Write the sheets' changes in one transaction and one undo step; return how many tasks changed.

    Conflicts are decided again under the write lock: a task changed between the preview and the write (by
    another receive, the interface, the CLI) is a conflict too, never silently overwritten.
    """
    changes = [change for sheet in sheets for change in sheet.changes]
    make_backup(db, "truoc-nhan-phieu")
    with write_transaction(db):
        now_stamps = {t.id: t.updated_at for t in fetch_tasks_by_id(db, [c.task_id for c in changes])}
        chosen = {c.task_id: c.values for c in changes if overwrite or now_stamps.get(c.task_id) == c.stamp}
        update_tasks(db, chosen, source)
    return len(chosen)
