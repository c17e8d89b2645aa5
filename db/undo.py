"""Taking back a whole step (an edit, a batch status, an import, a returned sheet) and doing it again.

A step is one history batch (db/history.py); undo applies its changes in
reverse as a new batch and marks the step undone; redo does the same to the
undo.  Steps that cannot be taken back (a unit merged or renamed) are named,
with the way out (`theodoi restore --list`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.edits import apply_changes, record_changes
from db.history import Change, batch_changes, is_undoable, last_step, last_undo, mark_undone, step_label
from db.register import write_transaction
from db.rules import refresh_open_due

if TYPE_CHECKING:
    import sqlite_utils


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
            reverse.extend(apply_changes(db, change.task_id, {"deleted": 1}))
            continue
        reverse.extend(apply_changes(db, change.task_id, {change.field: change.old}))
    if reverse:
        record_changes(db, reverse, source)
