"""The append-only history of every change (lịch sử thay đổi), and undo.

Each change a person or an import makes is a *batch*: one or more rows of
(task, field, old, new, source, time).  Rows are never updated except to mark
a batch undone; undo writes the reverse change as a new batch, so the record
of what happened is never lost.  Callers open the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from db.register import now

#: Sources of change that ctrl+z may take back (an import is taken back by re-importing).
UNDOABLE = ("edit", "status", "add", "delete")


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


def next_batch(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM history").fetchone()
    return int(row[0])


def record(db: sqlite_utils.Database, changes: list[Change], source: str, actor: str = "") -> int:
    """Append `changes` as one batch; return the batch number."""
    batch = next_batch(db)
    stamp = now()
    db["history"].insert_all(
        (
            {"task_id": c.task_id, "batch": batch, "at": stamp, "field": c.field, "old": c.old, "new": c.new,
             "source": source, "actor": actor, "undone": 0}
            for c in changes
        ),
        batch_size=1000,
    )
    return batch


def task_history(db: sqlite_utils.Database, task_id: int, limit: int = 50) -> list[HistoryEntry]:
    rows = db.execute(
        "SELECT at, field, old, new, source FROM history WHERE task_id = ? ORDER BY id DESC LIMIT ?",
        [task_id, limit],
    ).fetchall()
    return [HistoryEntry(*row) for row in rows]


def last_undoable_batch(db: sqlite_utils.Database) -> tuple[int, str] | None:
    """The newest batch a person made that is not yet undone: (batch, source)."""
    marks = ",".join("?" * len(UNDOABLE))
    row = db.execute(
        f"SELECT batch, source FROM history WHERE undone = 0 AND source IN ({marks}) ORDER BY batch DESC LIMIT 1",
        list(UNDOABLE),
    ).fetchone()
    return (int(row[0]), row[1]) if row else None


def batch_changes(db: sqlite_utils.Database, batch: int) -> list[Change]:
    rows = db.execute("SELECT task_id, field, old, new FROM history WHERE batch = ? ORDER BY id", [batch]).fetchall()
    return [Change(*row) for row in rows]


def mark_undone(db: sqlite_utils.Database, batch: int) -> None:
    db.execute("UPDATE history SET undone = 1 WHERE batch = ?", [batch])
