"""Occurrences of recurring tasks ("Hàng tháng", "Định kỳ quý"): each with its own status.

A recurring task is due many times; the officer records, in the status form,
which occurrence a report was for.  Changes are ordinary history rows whose
field names the occurrence ("occ:2026-03-31:status"), so undo and the report
"as of a past date" treat them like any other change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from db import status as st
from db.clock import now
from db.history import Change

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable

OCC_FIELDS = ("status", "completed_on", "progress_note", "result")


@dataclass(frozen=True)
class Occurrence:
    """One due date of a recurring task and what was recorded for it."""

    due: date
    status: str = st.NOT_STARTED
    completed_on: date | None = None
    result: str = ""


def occurrence_field(due: date, name: str) -> str:
    return f"occ:{due.isoformat()}:{name}"


def parse_field(field: str) -> tuple[date, str] | None:
    """(due, field) of an occurrence history field, or None for a task field."""
    if not field.startswith("occ:"):
        return None
    _, due, name = field.split(":", 2)
    return date.fromisoformat(due), name


def recorded(db: Readable, task_id: int) -> dict[date, Occurrence]:
    rows = db.execute("SELECT due, status, completed_on, result FROM occurrences WHERE task_id = ?", [task_id])
    return {date.fromisoformat(r[0]): Occurrence(date.fromisoformat(r[0]), r[1],
                                                 date.fromisoformat(r[2]) if r[2] else None, r[3] or "")
            for r in rows}


def all_recorded(db: Readable) -> dict[int, dict[date, Occurrence]]:
    """Every recorded occurrence, by task: one query for a whole report."""
    table: dict[int, dict[date, Occurrence]] = {}
    for task_id, due, status, done, result in db.execute(
            "SELECT task_id, due, status, completed_on, result FROM occurrences"):
        day = date.fromisoformat(due)
        table.setdefault(task_id, {})[day] = Occurrence(day, status, date.fromisoformat(done) if done else None,
                                                        result or "")
    return table


def apply_field(db: sqlite_utils.Database, task_id: int, field: str, value: object) -> Change | None:
    """Set one field of one occurrence (creating its record); the history change, if anything changed."""
    parsed = parse_field(field)
    assert parsed is not None
    due, name = parsed
    if name not in OCC_FIELDS:
        raise ValueError(f"không sửa được trường «{name}» của một kỳ.")
    row = db.execute(f"SELECT {name} FROM occurrences WHERE task_id = ? AND due = ?",
                     [task_id, due.isoformat()]).fetchone()
    old = (row[0] or "") if row else ""
    new = value.isoformat() if isinstance(value, date) else ("" if value is None else str(value))
    if name == "status":
        code = st.parse_status(new) if new else st.NOT_STARTED  # "" is the state before any record
        if code is None:
            raise ValueError(f"trạng thái «{new}» không hợp lệ; dùng: chưa thực hiện, đang thực hiện, hoàn thành.")
        new = code
    if old == new:
        return None
    stored = (new or None) if name == "completed_on" else new
    db.table("occurrences").upsert({"task_id": task_id, "due": due.isoformat(), name: stored, "updated_at": now()},
                                   pk=("task_id", "due"))
    return Change(task_id, field, old, new)


def occurrence_changes(due: date, status: str, completed_on: date | None, result: str) -> dict[str, object]:
    """The fields a status form writes for one occurrence."""
    done = st.parse_status(status) == st.DONE
    return {
        occurrence_field(due, "status"): status,
        occurrence_field(due, "completed_on"): (completed_on or date.today()) if done else "",
        occurrence_field(due, "result"): result,
    }
