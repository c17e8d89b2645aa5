"""The searchable text of a task: what the FTS index holds for it, kept in step with every change.

`search_text` folds a task's texts and unit names into one accent-free string
(`plans.text.fold`); `refresh_search` rewrites it for one task after any
change that touches those texts — an edit, a status note, a unit renamed or
merged — so the search finds the new words and not the old ones.
"""

from __future__ import annotations

import sqlite_utils

from plans.text import fold


def search_text(row: dict, units: list[str]) -> str:
    parts = [row.get(k) or "" for k in ("number", "content", "context", "product", "deadline_text", "section_path",
                                        "progress_note", "result")]
    return fold(" ".join([*parts, *units]))


def refresh_search(db: sqlite_utils.Database, task_id: int) -> None:
    row = db["tasks"].get(task_id)
    units = [r[0] for r in db.execute(
        "SELECT u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.task_id = ?", [task_id])]
    db["tasks"].update(task_id, {"search_text": search_text(row, units)})
