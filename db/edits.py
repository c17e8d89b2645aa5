"""Changing tasks: every change is one transaction that also writes the history.

`update_task` / `update_tasks` / `set_status` / `add_task` / `delete_task`
check the fields, write them, record the history and refresh the changed
tasks' open due date (`record_changes`; the rule is db/rules.py); the folded
`search_text` (for full-text search) is rebuilt on each change.  db/undo.py
takes whole steps back through `apply_changes`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from db import status as st
from db.clock import now
from db.history import Change, record
from db.occurrences import apply_field
from db.plans import plan_dates
from db.register import RegisterError, insert_row, write_transaction
from db.rules import refresh_open_due
from db.search import refresh_search
from db.tasks import deadline_columns
from db.units import get_or_create_unit
from plans.deadlines import parse_deadline

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable

EDITABLE = ("content", "product", "number", "section_path", "deadline_text", "status", "progress_note", "result",
            "completed_on", "context")


def set_units(db: sqlite_utils.Database, task_id: int, lead: list[str], coordinating: list[str],
              cache: dict[str, int] | None = None) -> None:
    """Replace a task's units; `cache` (name -> unit id) saves look-ups across one import."""
    links: list[tuple[int, int, str, int]] = []
    seen: set[tuple[int, str]] = set()
    for role, names in (("lead", lead), ("coordinating", coordinating)):
        for position, name in enumerate(names):
            unit_id = cache.get(name) if cache is not None else None
            if unit_id is None:
                unit_id = get_or_create_unit(db, name)
                if cache is not None:
                    cache[name] = unit_id
            if (unit_id, role) not in seen:
                seen.add((unit_id, role))
                links.append((task_id, unit_id, role, position))
    db.conn.execute("DELETE FROM task_units WHERE task_id = ?", [task_id])
    db.conn.executemany("INSERT INTO task_units (task_id, unit_id, role, position) VALUES (?, ?, ?, ?)", links)


def _normalise(field_name: str, value: object) -> str:
    if field_name == "status":
        code = st.parse_status(str(value))
        if code is None:
            raise ValueError(f"trạng thái «{value}» không hợp lệ; dùng: chưa thực hiện, đang thực hiện, hoàn thành.")
        return code
    if field_name == "completed_on":
        if not value:
            return ""
        return value.isoformat() if isinstance(value, date) else date.fromisoformat(str(value)).isoformat()
    return "" if value is None else str(value).strip()


def _unit_names(db: Readable, task_id: int, role: str) -> list[str]:
    rows = db.execute(
        """SELECT u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id
           WHERE tu.task_id = ? AND tu.role = ? ORDER BY tu.position""", [task_id, role]).fetchall()
    return [r[0] for r in rows]


def _apply_units(db: sqlite_utils.Database, task_id: int, changes: dict[str, object]) -> list[Change]:
    roles = {"lead_units": "lead", "coordinating_units": "coordinating"}
    current = {key: _unit_names(db, task_id, role) for key, role in roles.items()}
    wanted = dict(current)
    for key in roles:
        if key in changes:
            value = changes[key]
            names = value if isinstance(value, list) else [n.strip() for n in str(value).split(";") if n.strip()]
            wanted[key] = [str(n) for n in names]
    history = [Change(task_id, key, "; ".join(current[key]), "; ".join(wanted[key]))
               for key in roles if current[key] != wanted[key]]
    if history:
        set_units(db, task_id, wanted["lead_units"], wanted["coordinating_units"])
    return history


def apply_changes(db: sqlite_utils.Database, task_id: int, changes: dict[str, object]) -> list[Change]:
    row = db.table("tasks").get(task_id)
    updates: dict[str, object] = {}
    history: list[Change] = _apply_units(db, task_id, changes)
    for name, value in changes.items():
        if name in ("lead_units", "coordinating_units"):
            continue
        if name.startswith("occ:"):
            change = apply_field(db, task_id, name, value)
            if change is not None:
                history.append(change)
                updates.setdefault("updated_at", now())
            continue
        if name not in EDITABLE and name != "deleted":
            raise ValueError(f"không sửa được trường «{name}».")
        new = _normalise(name, value) if name != "deleted" else int(str(value) in ("1", "True"))
        old = row[name] if row[name] is not None else ""
        if str(old) == str(new):
            continue
        updates[name] = None if name == "completed_on" and new == "" else new
        history.append(Change(task_id, name, str(old), str(new)))
        if name == "deadline_text":
            updates.update(deadline_columns(parse_deadline(str(new), *plan_dates(db, row["plan_id"]))))
            updates["deadline_inferred"] = 0
    if updates or history:
        updates["updated_at"] = now()
        db.table("tasks").update(task_id, updates)
        refresh_search(db, task_id)
    return history


def record_changes(db: sqlite_utils.Database, changes: list[Change], source: str) -> None:
    """Write the history of a change and bring the changed tasks' open due dates up to date."""
    record(db, changes, source)
    refresh_open_due(db, {change.task_id for change in changes if change.task_id is not None})


def update_task(db: sqlite_utils.Database, task_id: int, changes: dict[str, object], source: str = "edit",
                expected: str | None = None) -> int:
    """Change fields of one task in one transaction; return how many fields changed.

    `expected` is the task's last change as the officer saw it; a task changed since is refused.
    """
    with write_transaction(db):
        check_unchanged(db, {task_id: expected} if expected is not None else {})
        history = apply_changes(db, task_id, changes)
        if history:
            record_changes(db, history, source)
    return len(history)


def update_tasks(db: sqlite_utils.Database, changes: dict[int, dict[str, object]], source: str) -> int:
    """Change several tasks in one transaction and one history batch (a returned sheet, say)."""
    with write_transaction(db):
        history: list[Change] = []
        for task_id, fields in changes.items():
            history.extend(apply_changes(db, task_id, fields))
        if history:
            record_changes(db, history, source)
    return len(history)


class ChangedMeanwhile(RegisterError):
    """A task changed by someone else since the screen showed it: saving would undo their change."""


def check_unchanged(db: Readable, expected: dict[int, str]) -> None:
    """Inside a write: raise ChangedMeanwhile when a task's last change is not the one the officer saw."""
    if not expected:
        return
    marks = ",".join("?" * len(expected))
    rows = db.execute(f"SELECT id, number, updated_at FROM tasks WHERE id IN ({marks})", list(expected)).fetchall()
    changed = [number or f"mã {task_id}" for task_id, number, stamp in rows if stamp != expected[task_id]]
    if changed:
        raise ChangedMeanwhile(f"nhiệm vụ {', '.join(changed[:5])} vừa được sửa ở nơi khác (dòng lệnh, máy khác); "
                               "màn hình đã tải lại, hãy xem rồi lưu lại.")


def set_status(db: sqlite_utils.Database, task_ids: list[int], status: str, *, completed_on: date | None = None,
               progress_note: str | None = None, result: str | None = None, source: str = "status",
               expected: dict[int, str] | None = None) -> int:
    """Give several tasks the same status (and the completion date when done), as one undoable change.

    `expected` maps task ids to the last change the officer saw; a task changed since is refused whole.
    """
    code = _normalise("status", status)
    changes: dict[str, object] = {"status": code}
    if code == st.DONE:
        changes["completed_on"] = completed_on or date.today()
    else:
        changes["completed_on"] = ""
    if progress_note is not None:
        changes["progress_note"] = progress_note
    if result is not None:
        changes["result"] = result
    with write_transaction(db):
        check_unchanged(db, expected or {})
        history: list[Change] = []
        for task_id in task_ids:
            history.extend(apply_changes(db, task_id, changes))
        if history:
            record_changes(db, history, source)
    return len(history)


def add_task(db: sqlite_utils.Database, plan_id: int, content: str, *, deadline_text: str = "", product: str = "",
             lead: list[str] | None = None, coordinating: list[str] | None = None, number: str = "",
             section_path: str = "") -> int:
    """Add a task by hand (a plan that arrived on paper)."""
    if not content.strip():
        raise ValueError("nội dung nhiệm vụ không được để trống.")
    with write_transaction(db):
        last = db.execute("SELECT COALESCE(MAX(ord), 0) FROM tasks WHERE plan_id = ?", [plan_id]).fetchone()[0]
        row = {"plan_id": plan_id, "ord": last + 1, "section_path": section_path, "section_title": "",
               "number": number, "content": content.strip(), "product": product, "created_at": now(),
               "updated_at": now(), "status": st.NOT_STARTED, "deleted": 0,
               **deadline_columns(parse_deadline(deadline_text, *plan_dates(db, plan_id)))}
        task_id = insert_row(db, "tasks", row)
        set_units(db, task_id, lead or [], coordinating or [])
        refresh_search(db, task_id)
        record_changes(db, [Change(task_id, "*", "", content.strip())], "add")
    return task_id


def delete_task(db: sqlite_utils.Database, task_id: int) -> None:
    """Delete a task (kept in the register as deleted, so it can be undone)."""
    update_task(db, task_id, {"deleted": 1}, source="delete")
