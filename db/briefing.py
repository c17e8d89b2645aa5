"""What changed since a briefing (buổi giao ban): completions, status changes, notes, newly overdue tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from db import status as st
from db.filters import TaskFilter, where_clause
from db.rules import overdue_sql
from db.tasks import Task, fetch_tasks_by_id

if TYPE_CHECKING:
    from db.reader import Readable


@dataclass(frozen=True)
class ChangeSince:
    """One thing that happened to a task since a briefing."""

    task: Task
    at: str
    what: str


def changes_since(db: Readable, since: date, today: date,
                  flt: TaskFilter | None = None) -> list[ChangeSince]:
    """Completions, status changes and new progress notes since `since`, and tasks newly overdue, among
    the tasks `flt` keeps.

    Changes net out: a field is listed once, from its value on the briefing day to its value now, and
    not at all when it is back where it was (done then undone, a note written then taken back)."""
    where, params = where_clause(db, flt or TaskFilter(), today)
    rows = db.execute(
        "SELECT h.task_id, h.at, h.field, h.old, h.new FROM history h JOIN tasks t ON t.id = h.task_id "
        f"JOIN plans p ON p.id = t.plan_id WHERE h.at >= ? AND h.field IN ('status', 'progress_note', 'result') "
        f"AND {where} ORDER BY h.id", [since.isoformat(), *params]).fetchall()
    net: dict[tuple[int, str], tuple[str, str, str]] = {}  # (task, field) -> (first old, last new, last at)
    for task_id, at, name, old, new in rows:
        first = net.get((task_id, name), (old or "", "", ""))[0]
        net[(task_id, name)] = (first, new or "", at)
    changed = sorted(((at, task_id, name, old, new) for (task_id, name), (old, new, at) in net.items()
                      if old != new), key=lambda change: change[0])
    late, late_params = overdue_sql(today)
    overdue = db.execute(
        f"SELECT t.id, t.open_due FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE {where} AND {late} "
        "AND t.open_due >= ? ORDER BY t.open_due", [*params, *late_params, since.isoformat()]).fetchall()
    tasks = {t.id: t for t in fetch_tasks_by_id(db, sorted({c[1] for c in changed} | {r[0] for r in overdue}))}
    found: list[ChangeSince] = []
    for at, task_id, name, old, new in changed:
        if name == "status":
            word = "hoàn thành" if new == st.DONE else f"trạng thái: {st.label(old)} → {st.label(new)}"
            found.append(ChangeSince(tasks[task_id], at, word))
        elif new:
            label = "tiến độ" if name == "progress_note" else "kết quả"
            found.append(ChangeSince(tasks[task_id], at, f"{label}: {new}"))
    for task_id, due in overdue:
        days = (today - date.fromisoformat(due)).days
        found.append(ChangeSince(tasks[task_id], due, f"mới quá hạn {days} ngày"))
    return found
