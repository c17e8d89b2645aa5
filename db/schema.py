"""The register's schema and its forward migrations.

The schema version lives in `PRAGMA user_version`.  `MIGRATIONS[n]` takes a
register from version n to n+1; `migrate` applies the missing ones in one
transaction.  A register written by a newer program is refused, never
downgraded.  Tables are created with sqlite-utils.

Tables: plans, tasks (with `search_content`, `search_product` and `search_text`,
the accent-folded words indexed by FTS5 as `tasks_fts`), units, unit_aliases, task_units (role lead /
coordinating), history (append-only), meta (register id and settings), and
since version 2 occurrences (the status of each occurrence of a recurring
task); since version 6 each task's `open_due` (the rule is db/rules.py);
since version 7 an index to read history by date, and planner statistics;
since version 8 the plan-order index holds the columns filters, counts,
section runs and reports read (`PLAN_ORDER`), so they never read a task's row;
since version 9 a partial index of the tasks with several lead units; since
version 10 the full-text index has three columns: content, product, the rest;
since version 11 each recurring task's due dates (`task_dues`); since version
12 an index of the history by field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from db.rules import refresh_open_due
from db.search import SEARCH_COLUMNS, SEARCHED, search_fields
from plans.units import unit_key

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable

SCHEMA_VERSION = 12


def _create_v1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("plans").create(
        {
            "id": int, "number": str, "title": str, "issuer": str, "place": str, "issue_date": str,
            "year": int, "source_name": str, "sha256": str, "imported_at": str,
        },
        pk="id",
    )
    db.table("units").create({"id": int, "name": str, "key": str}, pk="id")
    db.table("units").create_index(["key"], unique=True)
    db.table("unit_aliases").create({"key": str, "unit_id": int}, pk="key", foreign_keys=[("unit_id", "units", "id")])
    db.table("tasks").create(
        {
            "id": int, "plan_id": int, "ord": int, "section_path": str, "section_title": str, "number": str,
            "content": str, "context": str, "product": str,
            "deadline_text": str, "deadline_kind": str, "deadline_start": str, "deadline_due": str,
            "deadline_end": str, "recurrence": str, "deadline_note": str, "deadline_inferred": int,
            "lead_inferred": int, "budget": float, "status": str, "progress_note": str, "result": str,
            "completed_on": str, "created_at": str, "updated_at": str, "deleted": int, "source_line": int,
            "search_text": str,
        },
        pk="id",
        foreign_keys=[("plan_id", "plans", "id")],
        defaults={"status": "not_started", "deleted": 0, "deadline_inferred": 0, "lead_inferred": 0,
                  "progress_note": "", "result": "", "context": "", "product": ""},
        not_null={"content", "status"},
    )
    db.table("tasks").create_index(["plan_id", "ord"])
    db.table("tasks").create_index(["deadline_due"])
    db.table("tasks").create_index(["status"])
    db.table("task_units").create(
        {"task_id": int, "unit_id": int, "role": str, "position": int},
        pk=("task_id", "unit_id", "role"),
        foreign_keys=[("task_id", "tasks", "id"), ("unit_id", "units", "id")],
    )
    db.table("task_units").create_index(["unit_id", "role"])
    db.table("history").create(
        {"id": int, "task_id": int, "batch": int, "at": str, "field": str, "old": str, "new": str,
         "source": str, "actor": str, "undone": int},
        pk="id",
        defaults={"undone": 0},
    )
    db.table("history").create_index(["task_id"])
    db.table("history").create_index(["batch"])
    db.table("tasks").enable_fts(["search_text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61")


def _occurrences_v2(db: sqlite_utils.Database) -> None:
    """Version 2: each occurrence of a recurring task ("Hàng tháng") has its own status."""
    db.table("occurrences").create(
        {"task_id": int, "due": str, "status": str, "completed_on": str, "progress_note": str, "result": str,
         "updated_at": str},
        pk=("task_id", "due"),
        foreign_keys=[("task_id", "tasks", "id")],
        defaults={"status": "not_started", "progress_note": "", "result": ""},
    )


def _search_v3(db: sqlite_utils.Database) -> None:
    """Rebuilt every task's search text once, without unit names or sections (the filters find those).
    Version 10 rebuilds the search columns of every task again, so nothing is left to do here."""


def _accented_keys_v4(db: sqlite_utils.Database) -> None:
    """Unit keys keep accents from v4 ("Phú Yên" and "Phù Yên" are two units); aliases stay as they were."""
    for unit_id, name in db.execute("SELECT id, name FROM units").fetchall():
        db.execute("UPDATE units SET key = ? WHERE id = ?", [unit_key(name), unit_id])


def _contacts_v5(db: sqlite_utils.Database) -> None:
    """Each unit's e-mail address and contact person, for the drafts of its fill-in sheet."""
    db.table("units").add_column("email", str)
    db.table("units").add_column("person", str)


def _open_due_v6(db: sqlite_utils.Database) -> None:
    """Each task's earliest open due date (db/rules.py), so "quá hạn" is one indexed comparison everywhere."""
    db.table("tasks").add_column("open_due", str)
    db.table("tasks").create_index(["open_due"])  # computed for every task by version 11, with the due dates


def _indexes_and_statistics_v7(db: sqlite_utils.Database) -> None:
    """A report or a briefing reads only the history written after its day; a unit's counts skip the
    removed tasks by a partial index; and the query planner gets statistics (ANALYZE, redone after every
    import): without them it may walk the status index and sort 60,000 tasks to show 100 — «chưa thực
    hiện» took 68 ms for its first page and 129 ms for End at 100,000 tasks, 2 ms with them.  (A full
    index on `tasks.deleted` was tried for counting: the planner then walked it the same way — End 169 ms —
    so there is none.)"""
    db.table("history").create_index(["at"])
    # the removed tasks only (sqlite-utils makes no partial index): counting a unit's tasks skips them
    # without reading each task's row (the units' counts 0.33 -> 0.13 s at 100k); a query asking for live
    # tasks (`deleted = 0`) cannot use it, so it never changes how a page is read
    db.execute("CREATE INDEX IF NOT EXISTS idx_tasks_removed ON tasks(id) WHERE deleted = 1")
    db.analyze()


#: The tasks in plan order, with what a filter, a count, the list's section runs and a report read of each
#: (ids come with every index): a task's row holds its texts and search text as well, so reading the rows
#: was most of those queries.  At 100,000 tasks: the count of «Quý II/2026» 40 -> 18 ms, the list's sections
#: of the whole register 90 -> 66 ms, the quarter's report 430 -> 372 ms; the file is no bigger once vacuumed.
PLAN_ORDER = ["plan_id", "ord", "deleted", "status", "deadline_kind", "deadline_start", "deadline_due", "deadline_end",
              "recurrence", "completed_on", "open_due", "section_path"]


def _covering_plan_order_v8(db: sqlite_utils.Database) -> None:
    """The (plan, order) index becomes `PLAN_ORDER`, which holds what filters and reports read; a task's units
    are read in their order off an index that holds them (attaching the units of 20,000 tasks 165 -> 111 ms:
    the key's index had no position, so each link's row was read and the links sorted)."""
    db.table("tasks").create_index(PLAN_ORDER, index_name="idx_tasks_plan_order", if_not_exists=True)
    db.execute("DROP INDEX IF EXISTS idx_tasks_plan_id_ord")
    db.table("task_units").create_index(["task_id", "role", "position", "unit_id"], index_name="idx_task_units_task",
                                        if_not_exists=True)
    db.analyze()


def _shared_leads_v9(db: sqlite_utils.Database) -> None:
    """The links of a task's second and further lead units, apart: a report counts the tasks with one lead in
    SQL and sends those with several to Python (db/report.py), asking which they are off this index instead
    of reading every link (the quarter's report on 100,000 tasks, as a whole process, 0.43 -> 0.36 s)."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_task_units_shared ON task_units(task_id) "
               "WHERE role = 'lead' AND position > 0")
    db.analyze()


def _search_columns_v10(db: sqlite_utils.Database) -> None:
    """The full-text index holds a task's content, product and other words as three columns (db/search.py),
    so a search ranks its matches — the phrase in the content first, then in the product — in SQLite, not
    by folding each match's texts in Python (20,000 matches ranked 127 -> 64 ms at 100,000 tasks)."""
    tasks = db.table("tasks")
    tasks.disable_fts()
    for column in SEARCH_COLUMNS:
        if column not in tasks.columns_dict:
            tasks.add_column(column, str)
    update = f"UPDATE tasks SET {', '.join(f'{column} = ?' for column in SEARCH_COLUMNS)} WHERE id = ?"
    last = 0
    while rows := db.execute(f"SELECT id, {', '.join(SEARCHED)} FROM tasks WHERE id > ? ORDER BY id LIMIT 5000",
                             [last]).fetchall():  # 5,000 tasks at a time: a register of any size in little memory
        db.conn.executemany(update, ([*search_fields(dict(zip(SEARCHED, values, strict=True))).values(), task_id]
                                     for task_id, *values in rows))
        last = rows[-1][0]
    tasks.enable_fts(list(SEARCH_COLUMNS), fts_version="FTS5", create_triggers=True, tokenize="unicode61")


def _due_dates_v11(db: sqlite_utils.Database) -> None:
    """Each recurring task's due dates, written out (db/rules.py `stored_dues`): a filter or a report asking
    which recurring tasks fall due in a period reads them, instead of stepping months in Python for each —
    the command `tasks --deadline "Quý II/2026"` no longer loads pendulum (0.15 -> 0.12 s at 100,000 tasks)."""
    db.execute("CREATE TABLE IF NOT EXISTS task_dues (task_id INTEGER NOT NULL, due TEXT NOT NULL, "
               "PRIMARY KEY (task_id, due)) WITHOUT ROWID")
    refresh_open_due(db)


def _history_by_field_v12(db: sqlite_utils.Database) -> None:
    """The changes by field, then source and date, with their task (db/report.py): a report finds the status
    changes made after its day, and the tasks added by hand after it, without reading every change since
    through the date's index — a half-year's report on 100,000 tasks judged before 25,000 later changes and
    100,000 imported rows 0.70 -> 0.62 s."""
    db.table("history").create_index(["field", "source", "at", "task_id"], index_name="idx_history_fields",
                                     if_not_exists=True)
    db.analyze()


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_create_v1, _occurrences_v2, _search_v3,
                                                              _accented_keys_v4, _contacts_v5, _open_due_v6,
                                                              _indexes_and_statistics_v7, _covering_plan_order_v8,
                                                              _shared_leads_v9, _search_columns_v10, _due_dates_v11,
                                                              _history_by_field_v12]


class NewerSchemaError(Exception):
    """The register was written by a newer version of the program."""

    def __init__(self, found: int) -> None:
        self.found = found
        super().__init__(found)


def schema_version(db: Readable) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the register to SCHEMA_VERSION; return the version it had."""
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(found)
    if found == SCHEMA_VERSION:
        return found
    with db.atomic():
        for step in MIGRATIONS[found:]:
            step(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return found
