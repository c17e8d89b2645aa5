"""The append-only history of every change (lịch sử thay đổi), and undo.

Each change a person or an import makes is a *batch*: one or more rows of
(task, field, old, new, source, time).  Rows are never updated except to mark
a batch undone; undo writes the reverse change as a new batch, so the record
of what happened is never lost.  Callers open the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.clock import now

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable

#: Sources of change that ctrl+z takes back whole: the officer's edits, imports, returned sheets, a redo.
UNDOABLE = ("edit", "status", "add", "delete", "redo")
UNDOABLE_PREFIXES = ("import:", "receive:")


@dataclass(frozen=True)
class Change:
    """One field of one task changed."""

    task_id: int | None
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """A row of history as the officer reads it."""

    at: str
    field: str
    old: str
    new: str
    source: str


def next_batch(db: Readable) -> int:
    row = db.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM history").fetchone()
    return int(row[0])


def record(db: sqlite_utils.Database, changes: list[Change], source: str, actor: str = "") -> int:
    """Append `changes` as one batch; return the batch number."""
    batch = next_batch(db)
    stamp = now()
    db.table("history").insert_all(
        (
            {"task_id": c.task_id, "batch": batch, "at": stamp, "field": c.field, "old": c.old, "new": c.new,
             "source": source, "actor": actor, "undone": 0}
            for c in changes
        ),
        batch_size=1000,
    )
    return batch


def task_history(db: Readable, task_id: int, limit: int = 50) -> list[HistoryEntry]:
    rows = db.execute(
        "SELECT at, field, old, new, source FROM history WHERE task_id = ? ORDER BY id DESC LIMIT ?",
        [task_id, limit],
    ).fetchall()
    return [HistoryEntry(*row) for row in rows]


def is_undoable(source: str) -> bool:
    return source in UNDOABLE or source.startswith(UNDOABLE_PREFIXES)


def last_step(db: Readable) -> tuple[int, str] | None:
    """The newest step not yet undone, whatever made it: (batch, source). Undo batches are not steps, nor are
    changes of a unit's contact (kept in the history, changed again by typing it again)."""
    row = db.execute(
        "SELECT batch, source FROM history WHERE undone = 0 AND source NOT IN ('undo', 'contact') "
        "ORDER BY batch DESC LIMIT 1",
    ).fetchone()
    return (int(row[0]), row[1]) if row else None


def last_undo(db: Readable) -> int | None:
    """The undo batch a redo would take back: only when nothing was done after it."""
    row = db.execute("SELECT batch, source, undone FROM history ORDER BY batch DESC LIMIT 1").fetchone()
    return int(row[0]) if row and row[1] == "undo" and not row[2] else None


def step_label(source: str, changes: list[Change]) -> str:
    """What a step was, as the officer reads it in «Đã hoàn tác: …»."""
    tasks = len({c.task_id for c in changes if c.task_id is not None})
    if source.startswith("import:"):
        added = sum(1 for c in changes if c.field == "*")
        removed = sum(1 for c in changes if c.field == "deleted" and c.new == "1")
        return f"nhập tệp {source[7:]} (thêm {added}, bỏ {removed}, sửa {tasks - added - removed} nhiệm vụ)"
    if source.startswith("receive:"):
        what = f"thư mục {source[8:-1]}" if source.endswith("/") else source[8:]
        return f"nhận phiếu {what} ({tasks} nhiệm vụ)"
    names = {"status": "cập nhật trạng thái", "edit": "sửa", "add": "thêm nhiệm vụ", "delete": "xóa nhiệm vụ",
             "redo": "làm lại"}
    return f"{names.get(source, source)} ({tasks} nhiệm vụ)"


def batch_changes(db: Readable, batch: int) -> list[Change]:
    rows = db.execute("SELECT task_id, field, old, new FROM history WHERE batch = ? ORDER BY id", [batch]).fetchall()
    return [Change(*row) for row in rows]


def mark_undone(db: sqlite_utils.Database, batch: int) -> None:
    db.execute("UPDATE history SET undone = 1 WHERE batch = ?", [batch])


def recent_steps(db: Readable, limit: int = 20) -> list[tuple[str, str, bool]]:
    """The latest steps, newest first: (time, what it was, undone)."""
    rows = db.execute(
        """SELECT batch, MIN(at), source, MAX(undone) FROM history WHERE source NOT IN ('undo')
           GROUP BY batch ORDER BY batch DESC LIMIT ?""", [limit]).fetchall()
    return [(at, step_label(source, batch_changes(db, int(batch))), bool(undone)) for batch, at, source, undone in rows]
