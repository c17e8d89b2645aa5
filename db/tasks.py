"""Tasks in the register as the screens, sheets and reports read them: `Task`, and fetching by id.

Changing tasks is db/edits.py; taking a step back or again is db/undo.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from db import status as st
from db.rules import days_left, is_overdue, stored_day
from plans.deadlines import Deadline

if TYPE_CHECKING:
    from db.reader import Readable

FIELD_LABELS = {
    "content": "nội dung",
    "product": "sản phẩm",
    "number": "số thứ tự",
    "section_path": "mục",
    "deadline_text": "thời hạn",
    "status": "trạng thái",
    "progress_note": "tiến độ",
    "result": "kết quả",
    "completed_on": "ngày hoàn thành",
    "context": "mục tiêu / nhiệm vụ",
    "deleted": "xóa",
    "lead_units": "chủ trì",
    "coordinating_units": "phối hợp",
    "*": "nhiệm vụ",
    "unit": "đơn vị",
}


@dataclass
class Task:
    """A task as the screens, sheets and reports see it."""

    id: int
    plan_id: int
    plan_number: str
    ord: int
    section: str
    number: str
    content: str
    context: str
    product: str
    deadline: Deadline
    deadline_inferred: bool
    lead_inferred: bool
    budget: float | None
    status: str
    progress_note: str
    result: str
    completed_on: date | None
    updated_at: str
    open_due: date | None = None
    lead_units: list[str] = field(default_factory=list)
    coordinating_units: list[str] = field(default_factory=list)
    deleted: bool = False

    @property
    def lead_unit(self) -> str:
        return ", ".join(self.lead_units)

    @property
    def status_label(self) -> str:
        return st.label(self.status)

    def is_overdue(self, today: date) -> bool:
        return is_overdue(self.open_due, today)

    def lateness(self, today: date) -> str:
        """ "quá hạn N ngày" / "còn N ngày" / "" - what the officer reads next to the deadline."""
        days = self.days_left(today)
        if days is None or self.status == st.DONE:
            return ""
        if days < 0:
            return f"quá hạn {-days} ngày"
        return "đến hạn hôm nay" if days == 0 else f"còn {days} ngày"

    def days_left(self, today: date) -> int | None:
        """Days until the earliest open due date (negative when late); None when nothing is open."""
        return days_left(self.open_due, today)


def deadline_columns(deadline: Deadline) -> dict[str, object]:
    """The register's columns for one Deadline."""
    return {
        "deadline_text": deadline.text,
        "deadline_kind": deadline.kind,
        "deadline_start": deadline.start.isoformat() if deadline.start else None,
        "deadline_due": deadline.due.isoformat() if deadline.due else None,
        "deadline_end": deadline.end.isoformat() if deadline.end else None,
        "recurrence": deadline.recurrence,
        "deadline_note": deadline.note,
    }


def section_label(plan_number: str, section: str, several_plans: bool) -> str:
    """The row opening a section, in the task list and the sheets: its path, after its plan's number when
    the tasks shown come from several plans."""
    section = section or "(không có mục)"
    return f"KH {plan_number or '(không số)'} › {section}" if several_plans else section


#: The removed tasks' ids, read off their partial index (idx_tasks_removed, db/schema.py v7) without touching
#: a task's row: counts over every task subtract these, or skip them with NOT IN, instead of testing each row.
REMOVED_IDS = "SELECT id FROM tasks WHERE deleted = 1"

TASK_COLUMNS = (
    "t.id, t.plan_id, p.number AS plan_number, t.ord, t.section_path, t.number, t.content, t.context, t.product, "
    "t.deadline_text, t.deadline_kind, t.deadline_start, t.deadline_due, t.deadline_end, t.recurrence, "
    "t.deadline_note, t.deadline_inferred, t.lead_inferred, t.budget, t.status, t.progress_note, t.result, "
    "t.completed_on, t.updated_at, t.deleted, t.open_due"
)


def task_from_row(row: tuple) -> Task:
    """A task from a row of `TASK_COLUMNS`, in their order (read by position: a dict a row cost a listing of
    20,000 tasks a third of its Python time)."""
    (task_id, plan_id, plan_number, order, section, number, content, context, product, deadline_text, kind, start,
     due, end, recurrence, note, deadline_inferred, lead_inferred, budget, status, progress_note, result,
     completed_on, updated_at, deleted, open_due) = row
    deadline = Deadline(text=deadline_text or "", kind=kind or "none", start=stored_day(start),
                        due=stored_day(due), end=stored_day(end), recurrence=recurrence, note=note or "")
    return Task(id=task_id, plan_id=plan_id, plan_number=plan_number or "", ord=order, section=section or "",
                number=number or "", content=content, context=context or "", product=product or "",
                deadline=deadline, deadline_inferred=bool(deadline_inferred), lead_inferred=bool(lead_inferred),
                budget=budget, status=status, progress_note=progress_note or "", result=result or "",
                completed_on=stored_day(completed_on), updated_at=updated_at or "", open_due=stored_day(open_due),
                deleted=bool(deleted))


_CHUNK = 900  # ids per query, well under SQLite's limit of bound parameters


def attach_units(db: Readable, tasks: list[Task]) -> list[Task]:
    """Fill lead and coordinating units for tasks, one query per 900 of them (any number of tasks)."""
    by_id = {t.id: t for t in tasks}
    ids = list(by_id)
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first:first + _CHUNK]
        rows = db.execute(
            f"""SELECT tu.task_id, tu.role, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id
                WHERE tu.task_id IN ({",".join("?" * len(chunk))}) ORDER BY tu.task_id, tu.role, tu.position""",
            chunk,
        ).fetchall()
        for task_id, role, name in rows:
            target = by_id[task_id].lead_units if role == "lead" else by_id[task_id].coordinating_units
            target.append(name)
    return tasks


def fetch_tasks_by_id(db: Readable, ids: list[int]) -> list[Task]:
    """The tasks of `ids`, in that order (ids not in the register left out), 900 ids per query."""
    tasks: list[Task] = []
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first:first + _CHUNK]
        tasks += map(task_from_row, db.execute(f"SELECT {TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id "
                                               f"WHERE t.id IN ({','.join('?' * len(chunk))})", chunk))
    order = {task_id: index for index, task_id in enumerate(ids)}
    return attach_units(db, sorted(tasks, key=lambda t: order[t.id]))


def get_task(db: Readable, task_id: int) -> Task | None:
    found = fetch_tasks_by_id(db, [task_id])
    return found[0] if found else None
