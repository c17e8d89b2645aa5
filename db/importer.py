"""Saving a read plan (`plans.ParsedPlan`) into the register.

One transaction per import: on any failure the register is exactly as before.

* The plan is recognised by its number and year of issue (or,
  without a number, by its title and date; never by a file name).  The same
  file again (same SHA-256) changes nothing.
* A new task takes the status and completion day an officer's tracking
  table records (`ParsedTask.reported_status`, `completed_on`); a corrected
  version updates its tasks in place, keeping their status,
  progress, result and history: tasks are matched by section, number and
  content, then by section and number, then by content alone.  Each changed
  field is written to the history with the file as the source.  Tasks the new
  version no longer has are kept unless removing them is asked for; then they
  are marked deleted (recoverable), never erased.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from db import status as st
from db.backup import make_backup
from db.clock import now
from db.edits import set_units
from db.history import Change, record
from db.register import insert_row, write_transaction
from db.rules import refresh_open_due
from db.search import SEARCH_COLUMNS, search_fields
from db.tasks import deadline_columns
from db.units import near_twins
from plans.model import ParsedPlan, ParsedTask
from plans.text import fold

if TYPE_CHECKING:
    import sqlite_utils


_CONTENT_FIELDS = ("section_path", "section_title", "number", "content", "context", "product", "deadline_text",
                   "deadline_kind", "deadline_start", "deadline_due", "deadline_end", "recurrence", "deadline_note",
                   "deadline_inferred", "lead_inferred", "budget", "ord", "source_line")
_HISTORY_FIELDS = ("section_path", "number", "content", "product", "deadline_text")


@dataclass
class ImportResult:
    """What an import did."""

    plan_id: int
    plan_number: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_missing: int = 0  # tasks the new version lacks, kept because removing was not asked for
    same_file: bool = False
    warnings: list[str] = field(default_factory=list)


def _task_row(task: ParsedTask) -> dict[str, object]:
    return {
        "section_path": task.section,
        "section_title": task.section_path[-1] if task.section_path else "",
        "number": task.number,
        "content": task.content,
        "context": task.context,
        "product": task.product,
        **deadline_columns(task.deadline),
        "deadline_inferred": int(task.deadline_inferred),
        "lead_inferred": int(task.lead_inferred),
        "budget": task.budget,
        "ord": task.order,
        "source_line": task.line,
    }


def _find_plan(db: sqlite_utils.Database, parsed: ParsedPlan) -> dict | None:
    """The plan `parsed` is a new version of: same number and year of issue, or, unnumbered, same title and date.

    Plan numbers restart every year and a head that could not be read names no plan, so neither a bare
    number nor a file name is enough.
    """
    issued = parsed.issue_date.isoformat() if parsed.issue_date else None
    if parsed.number:
        rows = db.table("plans").rows_where("number = ?", [parsed.number])
        same = [r for r in rows if _same_issue(r, issued, parsed.year)]
    elif parsed.title and issued:
        same = list(db.table("plans").rows_where("number = '' AND title = ? AND issue_date = ?",
                                                 [parsed.title, issued]))
    else:
        same = list(db.table("plans").rows_where("sha256 = ?", [parsed.sha256]))
    return same[0] if same else None


def _same_issue(row: dict, issued: str | None, year: int | None) -> bool:
    if issued and row["issue_date"]:
        return bool(row["issue_date"][:4] == issued[:4])
    return row["year"] == year or not (row["year"] and year)


def _plan_row(parsed: ParsedPlan) -> dict[str, object]:
    return {
        "number": parsed.number, "title": parsed.title, "issuer": parsed.issuer, "place": parsed.place,
        "issue_date": parsed.issue_date.isoformat() if parsed.issue_date else None, "year": parsed.year,
        "source_name": parsed.source_name, "sha256": parsed.sha256, "imported_at": now(),
    }


def missing_tasks(db: sqlite_utils.Database, parsed: ParsedPlan) -> list[dict]:
    """Tasks of the plan in the register that `parsed` no longer has, those with work recorded first."""
    existing = _find_plan(db, parsed)
    if existing is None:
        return []
    old_rows = list(db.table("tasks").rows_where("plan_id = ? AND deleted = 0", [existing["id"]]))
    matched = {int(r["id"]) for r in _match(old_rows, parsed.tasks).values()}
    missing = [row for row in old_rows if int(row["id"]) not in matched]
    return sorted(missing, key=lambda r: (r["status"] == "not_started" and not r["result"] and not r["progress_note"],
                                          r["ord"]))


def import_plan(db: sqlite_utils.Database, parsed: ParsedPlan, remove_missing: bool = False) -> ImportResult:
    """Save `parsed` into the register in one transaction.

    Tasks of an earlier version that `parsed` lacks (a partial file, a first page only) are kept unless
    `remove_missing`; removed ones are marked deleted, stay in history and come back with undo.
    """
    source = f"import:{parsed.source_name}"
    known = _find_plan(db, parsed)
    if known and known["sha256"] == parsed.sha256:  # the same file again: nothing to do, not even a backup
        count = db.table("tasks").count_where("plan_id = ? AND deleted = 0", [known["id"]])
        return ImportResult(known["id"], parsed.number, unchanged=count, same_file=True)
    make_backup(db, "truoc-nhap")
    with write_transaction(db):  # which plan this is, decided under the write lock: two imports never make two
        existing = _find_plan(db, parsed)
        if existing and existing["sha256"] == parsed.sha256:
            count = db.table("tasks").count_where("plan_id = ? AND deleted = 0", [existing["id"]])
            return ImportResult(existing["id"], parsed.number, unchanged=count, same_file=True)
        last_unit = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM units").fetchone()[0])
        if existing:
            plan_id = int(existing["id"])
            db.table("plans").update(plan_id, _plan_row(parsed))
        else:
            plan_id = insert_row(db, "plans", _plan_row(parsed))
        result = ImportResult(plan_id, parsed.number, warnings=[str(w) for w in parsed.warnings])
        old_rows = list(db.table("tasks").rows_where("plan_id = ? AND deleted = 0", [plan_id]))
        matches = _match(old_rows, parsed.tasks)
        history: list[Change] = []
        stamp = now()
        units: dict[str, int] = {}
        for task in parsed.tasks:
            old = matches.get(task.order)
            # a task the register has not seen takes its status as the file records it; a known one keeps its own
            row = _task_row(task) if old is not None else {**_task_row(task), **_reported(task)}
            row.update(search_fields(row))
            if old is None:
                task_id = _insert(db, plan_id, row, stamp)
                history.append(Change(task_id, "*", "", task.content))
                result.added += 1
            else:
                task_id = int(old["id"])
                changed = [Change(task_id, f, str(old[f] or ""), str(row[f] or ""))
                           for f in _HISTORY_FIELDS if str(old[f] or "") != str(row[f] or "")]
                if changed or any(old[f] != row[f] for f in (*_CONTENT_FIELDS, *SEARCH_COLUMNS)):
                    db.table("tasks").update(task_id, {**row, "updated_at": stamp})
                history.extend(changed)
                result.updated += bool(changed)
                result.unchanged += not changed
            set_units(db, task_id, task.lead_units, task.coordinating_units, units)
        matched = {int(r["id"]) for r in matches.values()}
        for old in old_rows:
            if int(old["id"]) in matched:
                continue
            if not remove_missing:
                result.kept_missing += 1
                continue
            db.table("tasks").update(old["id"], {"deleted": 1, "updated_at": stamp})
            history.append(Change(int(old["id"]), "deleted", "0", "1"))
            result.removed += 1
        if history:
            record(db, history, source)
        refresh_open_due(db, [int(r[0]) for r in db.execute("SELECT id FROM tasks WHERE plan_id = ?", [plan_id])])
        new_units = [int(r[0]) for r in db.execute("SELECT id FROM units WHERE id > ?", [last_unit])]
        result.warnings += [f"đơn vị «{new}» chỉ khác «{old}» ở dấu; nếu là một, hãy gộp (màn hình Đơn vị, U)."
                            for new, old in near_twins(db, new_units)]
        db.analyze()  # statistics for the query planner: see db/schema.py _indexes_and_statistics_v7
    return result


def _reported(task: ParsedTask) -> dict[str, object]:
    """A new task's status, completion day and result as an officer's tracking table records them: a day of
    completion with no status is done; nothing recorded, not started.  What the register cannot take — a
    status it cannot read, a day beside a status that is not done — stays with the task's text, never lost."""
    code = st.parse_status(task.reported_status) if task.reported_status else (
        st.DONE if task.completed_on else st.NOT_STARTED)
    kept = [task.context]
    if code is None:
        kept.append(f"Trạng thái ghi trong tệp: {task.reported_status}")
    done_on = task.completed_on if code == st.DONE else None
    if task.completed_on and done_on is None:
        kept.append(f"Ngày hoàn thành ghi trong tệp: {task.completed_on:%d/%m/%Y}")
    return {"status": code or st.NOT_STARTED, "completed_on": done_on.isoformat() if done_on else None,
            "result": task.reported_result, "context": "\n".join(filter(None, kept))}


def _insert(db: sqlite_utils.Database, plan_id: int, row: dict[str, object], stamp: str) -> int:
    full = {"status": st.NOT_STARTED, "progress_note": "", "result": "", **row, "plan_id": plan_id, "deleted": 0,
            "created_at": stamp, "updated_at": stamp}
    columns = ", ".join(full)
    marks = ", ".join("?" * len(full))
    # a raw INSERT for speed: sqlite-utils' insert, one call per row (each needs its id), took 1.33 s for
    # 5,000 tasks on this machine where this takes 0.08 s
    new_id = db.conn.execute(f"INSERT INTO tasks ({columns}) VALUES ({marks})", list(full.values())).lastrowid
    assert new_id is not None
    return new_id


def _match(old_rows: list[dict], tasks: list[ParsedTask]) -> dict[int, dict]:
    """Pair each new task (by order) with the old row it corrects, if any."""
    keys = (
        lambda section, number, content: (section, number, content),
        lambda section, number, content: (section, number) if number else None,
        lambda section, number, content: (content,),
    )
    pairs: dict[int, dict] = {}
    used: set[int] = set()
    for key in keys:
        index: dict[object, list[dict]] = {}
        for row in old_rows:
            if row["id"] in used:
                continue
            k = key(row["section_path"] or "", row["number"] or "", fold(row["content"]))
            if k is not None:
                index.setdefault(k, []).append(row)
        for task in tasks:
            if task.order in pairs:
                continue
            k = key(task.section, task.number, fold(task.content))
            candidates = index.get(k) if k is not None else None
            if candidates:
                row = candidates.pop(0)
                pairs[task.order] = row
                used.add(row["id"])
    return pairs
