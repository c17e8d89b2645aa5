"""Tasks in the register: reading them as `Task` objects and changing them.

Every change goes through `update_task` / `set_status` / `add_task` /
`delete_task` / `undo`, each one transaction that also writes the history
and refreshes the changed tasks' open due date (`_record`; the rule is
db/rules.py).  The folded `search_text` (for full-text search) is rebuilt on
each change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from db import status as st
from db.clock import now
from db.history import Change, batch_changes, is_undoable, last_step, last_undo, mark_undone, record, step_label
from db.occurrences import apply_field
from db.register import RegisterError, insert_row, write_transaction
from db.rules import is_overdue, refresh_open_due
from db.search import refresh_search
from db.units import get_or_create_unit
from plans.deadlines import Deadline, parse_deadline

EDITABLE = ("content", "product", "number", "section_path", "deadline_text", "status", "progress_note", "result",
            "completed_on", "context")

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
        return None if self.open_due is None else (self.open_due - today).days


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


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


def deadline_from_row(row: dict) -> Deadline:
    return Deadline(
        text=row["deadline_text"] or "",
        kind=row["deadline_kind"] or "none",
        start=_date(row["deadline_start"]),
        due=_date(row["deadline_due"]),
        end=_date(row["deadline_end"]),
        recurrence=row["recurrence"],
        note=row["deadline_note"] or "",
    )


TASK_COLUMNS = (
    "t.id, t.plan_id, p.number AS plan_number, t.ord, t.section_path, t.number, t.content, t.context, t.product, "
    "t.deadline_text, t.deadline_kind, t.deadline_start, t.deadline_due, t.deadline_end, t.recurrence, "
    "t.deadline_note, t.deadline_inferred, t.lead_inferred, t.budget, t.status, t.progress_note, t.result, "
    "t.completed_on, t.updated_at, t.deleted, t.open_due"
)


def task_from_row(row: dict) -> Task:
    return Task(
        id=row["id"], plan_id=row["plan_id"], plan_number=row["plan_number"] or "", ord=row["ord"],
        section=row["section_path"] or "", number=row["number"] or "", content=row["content"],
        context=row["context"] or "", product=row["product"] or "", deadline=deadline_from_row(row),
        deadline_inferred=bool(row["deadline_inferred"]), lead_inferred=bool(row["lead_inferred"]),
        budget=row["budget"], status=row["status"], progress_note=row["progress_note"] or "",
        result=row["result"] or "", completed_on=_date(row["completed_on"]), updated_at=row["updated_at"] or "",
        deleted=bool(row.get("deleted", 0)), open_due=_date(row.get("open_due")),
    )


_CHUNK = 900  # ids per query, well under SQLite's limit of bound parameters


def attach_units(db: sqlite_utils.Database, tasks: list[Task]) -> list[Task]:
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


def fetch_tasks_by_id(db: sqlite_utils.Database, ids: list[int]) -> list[Task]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    cursor = db.execute(
        f"SELECT {TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id IN ({marks})", ids)
    names = [d[0] for d in cursor.description]
    tasks = [task_from_row(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
    order = {task_id: index for index, task_id in enumerate(ids)}
    return attach_units(db, sorted(tasks, key=lambda t: order[t.id]))


def get_task(db: sqlite_utils.Database, task_id: int) -> Task | None:
    found = fetch_tasks_by_id(db, [task_id])
    return found[0] if found else None


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


def _plan_year(db: sqlite_utils.Database, task_id: int) -> int | None:
    row = db.execute("SELECT p.year FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?",
                     [task_id]).fetchone()
    return row[0] if row else None


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


def _unit_names(db: sqlite_utils.Database, task_id: int, role: str) -> list[str]:
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


def _apply(db: sqlite_utils.Database, task_id: int, changes: dict[str, object]) -> list[Change]:
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
            updates.update(deadline_columns(parse_deadline(str(new), _plan_year(db, task_id))))
            updates["deadline_inferred"] = 0
    if updates or history:
        updates["updated_at"] = now()
        db.table("tasks").update(task_id, updates)
        refresh_search(db, task_id)
    return history


def _record(db: sqlite_utils.Database, changes: list[Change], source: str) -> None:
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
        history = _apply(db, task_id, changes)
        if history:
            _record(db, history, source)
    return len(history)


def update_tasks(db: sqlite_utils.Database, changes: dict[int, dict[str, object]], source: str) -> int:
    """Change several tasks in one transaction and one history batch (a returned sheet, say)."""
    with write_transaction(db):
        history: list[Change] = []
        for task_id, fields in changes.items():
            history.extend(_apply(db, task_id, fields))
        if history:
            _record(db, history, source)
    return len(history)


class ChangedMeanwhile(RegisterError):
    """A task changed by someone else since the screen showed it: saving would undo their change."""


def check_unchanged(db: sqlite_utils.Database, expected: dict[int, str]) -> None:
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
            history.extend(_apply(db, task_id, changes))
        if history:
            _record(db, history, source)
    return len(history)


def add_task(db: sqlite_utils.Database, plan_id: int, content: str, *, deadline_text: str = "", product: str = "",
             lead: list[str] | None = None, coordinating: list[str] | None = None, number: str = "",
             section_path: str = "") -> int:
    """Add a task by hand (a plan that arrived on paper)."""
    if not content.strip():
        raise ValueError("nội dung nhiệm vụ không được để trống.")
    with write_transaction(db):
        year = db.table("plans").get(plan_id)["year"]
        last = db.execute("SELECT COALESCE(MAX(ord), 0) FROM tasks WHERE plan_id = ?", [plan_id]).fetchone()[0]
        row = {"plan_id": plan_id, "ord": last + 1, "section_path": section_path, "section_title": "",
               "number": number, "content": content.strip(), "product": product, "created_at": now(),
               "updated_at": now(), "status": st.NOT_STARTED, "deleted": 0,
               **deadline_columns(parse_deadline(deadline_text, year))}
        task_id = insert_row(db, "tasks", row)
        set_units(db, task_id, lead or [], coordinating or [])
        refresh_search(db, task_id)
        _record(db, [Change(task_id, "*", "", content.strip())], "add")
    return task_id


def delete_task(db: sqlite_utils.Database, task_id: int) -> None:
    """Delete a task (kept in the register as deleted, so it can be undone)."""
    update_task(db, task_id, {"deleted": 1}, source="delete")


def undo(db: sqlite_utils.Database) -> str | None:
    """Take back the newest step whole (an edit, a batch status change, an import, a returned sheet).

    Return what was undone, in Vietnamese; None when there is nothing to undo.  A step that cannot be
    taken back (a unit merged or renamed) is not skipped over: it is named, with the way out.
    """
    with write_transaction(db):
        found = last_step(db)
        if found is None:
            return None
        batch, source = found
        changes = batch_changes(db, batch)
        if not is_undoable(source):
            what = {"merge": "gộp đơn vị", "rename": "đổi tên đơn vị"}.get(source, source)
            return (f"bước gần nhất ({what}) không hoàn tác được; dùng theodoi restore --list để khôi phục "
                    "bản sao lưu trước bước đó.")
        _reverse(db, changes, "undo")
        mark_undone(db, batch)
        refresh_open_due(db, {change.task_id for change in changes if change.task_id is not None})
    return f"đã hoàn tác: {step_label(source, changes)}"


def redo(db: sqlite_utils.Database) -> str | None:
    """Do again the step just undone; None when the last thing done was not an undo."""
    with write_transaction(db):
        batch = last_undo(db)
        if batch is None:
            return None
        changes = batch_changes(db, batch)
        _reverse(db, changes, "redo")
        mark_undone(db, batch)
        refresh_open_due(db, {change.task_id for change in changes if change.task_id is not None})
    return f"đã làm lại ({len({c.task_id for c in changes})} nhiệm vụ)"


def take_step(db: sqlite_utils.Database, back: bool) -> str:
    """Undo (back) or redo the latest step, and say what happened, ready to show."""
    message = undo(db) if back else redo(db)
    if message is None:
        message = "không còn gì để hoàn tác." if back else "không có bước nào vừa hoàn tác để làm lại."
    return message[:1].upper() + message[1:]


def _reverse(db: sqlite_utils.Database, changes: list[Change], source: str) -> None:
    reverse: list[Change] = []
    for change in reversed(changes):
        if change.task_id is None:
            continue
        if change.field == "*":
            reverse.extend(_apply(db, change.task_id, {"deleted": 1}))
            continue
        reverse.extend(_apply(db, change.task_id, {change.field: change.old}))
    if reverse:
        _record(db, reverse, source)
