"""What is due, overdue, in a period, and how far along: the one place these rules live.

Every number the officer quotes comes from here, so two screens cannot disagree.

**Open due date.**  Each task stores the due date of its earliest occurrence
still open (`tasks.open_due`, indexed), kept with its due dates (`task_dues`,
for a recurring task) by `refresh_open_due` after
every write that can change it (an edit, a status, an import, an undo):
- a task with one due date: that date while it is not done, nothing once done;
- a recurring task ("Hàng tháng", "trước ngày 05/11 hàng năm"): its first
  occurrence not yet done — done by the status recorded for that occurrence,
  or by a completion matched to it (`occurrence_outcomes`, the report's rule);
- ongoing, conditional and undated tasks: nothing (never overdue).

**Overdue on a day** ⇔ the open due date is before that day: `is_overdue` in
Python, `overdue_sql` in SQL, the same comparison; how many days late:
`days_left` (negative) and `days_late_sql`.  `due_soon_sql` is the open
work falling due between two days (the units screen's "còn trong quý").

**In a period**: a task with one due date when that date falls in it; a
recurring task when one of its occurrences does (a yearly task is in November,
not in every month: the register keeps each recurring task's due dates in
`task_dues`, written with `open_due`, so SQL asks that table); an ongoing task
when it is active then.

**Report category** of a task or an occurrence judged on a date: `classify`; of a task
that is not recurring: `task_category`, and `task_category_sql`, the same in SQL.

**Completion rate**: done ÷ (done + overdue) — of the work whose deadline has
come, the share done; work not yet due and ongoing work do not count.
`rate_text` formats it the same way everywhere, `RATE_RULE` says it in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from db import status as st
from plans.deadlines import Deadline

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_PROGRESS = "in_progress_on_time"
OVERDUE = "overdue"
NOT_DUE = "not_due"
ONGOING = "ongoing"
NO_DUE = "no_due"

UNDATED_KINDS = ("ongoing", "recurring", "conditional", "none")  # kinds without one fixed due date

RATE_RULE = "Tỷ lệ hoàn thành = số đã hoàn thành ÷ (số đã hoàn thành + số quá hạn chưa hoàn thành)."


# --- overdue -----------------------------------------------------------------------------------

def is_overdue(open_due: date | None, today: date) -> bool:
    """Whether work whose earliest open occurrence is due `open_due` is late on `today`."""
    return open_due is not None and open_due < today


def days_left(open_due: date | None, today: date) -> int | None:
    """Days until the earliest open due date (negative when late); None when nothing is open."""
    return None if open_due is None else (open_due - today).days


def overdue_sql(today: date) -> tuple[str, list[object]]:
    """`is_overdue` over `tasks t`, for filters and counts."""
    return "(t.open_due < ?)", [today.isoformat()]


def days_late_sql(today: date) -> tuple[str, list[object]]:
    """How many days late a task of `tasks t` is on `today` (`-days_left` of an overdue task), NULL when it
    is not overdue."""
    late, params = overdue_sql(today)
    return (f"CASE WHEN {late} THEN CAST(julianday(?) - julianday(t.open_due) AS INTEGER) END",
            [*params, today.isoformat()])


def due_soon_sql(start: date, end: date) -> tuple[str, list[object]]:
    """Open work whose earliest open occurrence falls due within `start`..`end`."""
    return "(t.open_due BETWEEN ? AND ?)", [start.isoformat(), end.isoformat()]


def quarter_of(today: date) -> tuple[date, date]:
    """First and last day of the calendar quarter `today` falls in."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    following = date(today.year + 1, 1, 1) if first_month == 10 else date(today.year, first_month + 3, 1)
    return start, following - timedelta(days=1)


# --- in a period -------------------------------------------------------------------------------

#: How far the due dates of a recurring task without an end ("trước ngày 05/11 hàng năm") are written out:
#: a filter asking about a year further than this past its first due date does not find it.
DUES_YEARS = 50


def stored_dues(deadline: Deadline) -> list[date]:
    """The due dates of a recurring task the register keeps (`task_dues`): from its first to its end, or to
    `DUES_YEARS` years on.  Computed as a task is written, so reading a period needs no month arithmetic."""
    if deadline.kind != "recurring" or deadline.due is None:
        return []
    until = deadline.end or date(deadline.due.year + DUES_YEARS, 12, 31)
    return deadline.occurrences(deadline.due, until)


def occurs_sql(first: str, last: str) -> str:
    """A recurring task with an occurrence due within `first`..`last` (placeholders of ISO days) — or,
    without a first due date ("Định kỳ"), active all along."""
    return (f"(t.deadline_due IS NULL OR EXISTS (SELECT 1 FROM task_dues d WHERE d.task_id = t.id "
            f"AND d.due BETWEEN {first} AND {last}))")


def in_period_sql(start: date, end: date) -> tuple[str, list[object]]:
    """Tasks due in `start`..`end`: one due date in it, an occurrence in it, or ongoing then."""
    first, last = start.isoformat(), end.isoformat()
    fixed = ", ".join(f"'{kind}'" for kind in UNDATED_KINDS)
    return (
        f"((t.deadline_due BETWEEN ? AND ? AND t.deadline_kind NOT IN ({fixed})) "
        "OR (t.deadline_kind = 'ongoing' AND COALESCE(t.deadline_start, '0000-00-00') <= ? "
        "AND COALESCE(t.deadline_end, '9999-12-31') >= ?) "
        "OR (t.deadline_kind = 'recurring' AND COALESCE(t.deadline_start, '0000-00-00') <= ? "
        f"AND COALESCE(t.deadline_end, '9999-12-31') >= ? AND {occurs_sql('?', '?')}))",
        [first, last, last, first, last, first, first, last],
    )


# --- categories --------------------------------------------------------------------------------

def classify(status: str, completed_on: date | None, due: date | None, as_of: date, kind: str) -> str:
    """The report category of one task (or occurrence) judged on `as_of`."""
    if due is None:
        return ONGOING if kind == "ongoing" else NO_DUE
    if status == st.DONE and completed_on is not None and completed_on <= as_of:
        return DONE_ON_TIME if completed_on <= due else DONE_LATE
    if due < as_of:
        return OVERDUE
    return IN_PROGRESS if status == st.IN_PROGRESS else NOT_DUE


def task_category(kind: str, status: str, completed_on: date | None, due: date | None, as_of: date) -> str:
    """The report category of a task that is not recurring, judged on `as_of`: ongoing work is ongoing
    whatever its dates; the others as `classify` says."""
    return ONGOING if kind == "ongoing" else classify(status, completed_on, due, as_of, kind)


def task_category_sql(as_of: str) -> str:
    """`task_category` in SQL over `tasks t`, `as_of` the placeholder of the day judged on (ISO): the
    report counts most tasks with it, in SQLite (tests/test_report.py holds the two to the same answers)."""
    return (f"CASE WHEN t.deadline_kind = 'ongoing' THEN '{ONGOING}' WHEN t.deadline_due IS NULL THEN '{NO_DUE}' "
            f"WHEN t.status = '{st.DONE}' AND t.completed_on > '' AND t.completed_on <= {as_of} "
            f"THEN CASE WHEN t.completed_on <= t.deadline_due THEN '{DONE_ON_TIME}' ELSE '{DONE_LATE}' END "
            f"WHEN t.deadline_due < {as_of} THEN '{OVERDUE}' "
            f"WHEN t.status = '{st.IN_PROGRESS}' THEN '{IN_PROGRESS}' ELSE '{NOT_DUE}' END")


def occurrence_outcomes(dues: list[date], completions: Iterable[date]) -> list[str | None]:
    """Which occurrences of a recurring task (`dues`, from its first) the completions recorded account for.

    A completion in an occurrence's own window (after the one before) makes it done on time; a later
    one is the newest still-open occurrence due before it, done late.  None: still open.  ("Hoàn thành"
    on a recurring task records one occurrence's completion, the one its date falls in; it does not
    close the task.)"""
    outcomes: list[str | None] = [None] * len(dues)
    unused = sorted(completions)
    for index, due in enumerate(dues):
        previous = dues[index - 1] if index else date.min
        hit = next((day for day in unused if previous < day <= due), None)
        if hit is not None:
            outcomes[index] = DONE_ON_TIME
            unused.remove(hit)
    for day in unused:
        open_before = [i for i, due in enumerate(dues) if outcomes[i] is None and due < day]
        if open_before:
            outcomes[open_before[-1]] = DONE_LATE
    return outcomes


_HORIZON = timedelta(days=400)  # longer than any repeat


def occurrence_dues(deadline: Deadline, until: date, completions: Iterable[date] = ()) -> list[date]:
    """A recurring task's due dates from its first to `until`, and past its last completion far enough
    that every completion meets its own occurrence: matched over this list, outcomes never depend on
    the period a report asks for."""
    if deadline.due is None:
        return []
    return deadline.occurrences(deadline.due, max([until, *completions]) + _HORIZON)


def open_due(deadline: Deadline, status: str, completions: list[date], records: dict[date, str]) -> date | None:
    """The due date of the earliest occurrence not done (`records`: status recorded per occurrence).

    Agrees with the report (db/report.py): what it counts overdue on a day is what is open before it here."""
    if deadline.kind != "recurring":
        return None if status == st.DONE or deadline.kind in UNDATED_KINDS else deadline.due
    if deadline.due is None:
        return None
    dues = occurrence_dues(deadline, max([deadline.due, *records]), completions)
    for due, outcome in zip(dues, occurrence_outcomes(dues, completions), strict=True):
        recorded = records.get(due)
        if not (recorded == st.DONE if recorded is not None else outcome is not None):
            return due
    return None


# --- keeping open_due -------------------------------------------------------------------------

_CHUNK = 900  # ids per query, under SQLite's limit of bound parameters


def refresh_open_due(db: sqlite_utils.Database, task_ids: Iterable[int] | None = None) -> None:
    """Recompute `tasks.open_due` for `task_ids` (every task when None), inside the caller's write."""
    if task_ids is None:
        _refresh_chunk(db, "1 = 1", [])
        return
    ids = sorted(set(task_ids))
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first:first + _CHUNK]
        _refresh_chunk(db, f"id IN ({','.join('?' * len(chunk))})", chunk)


def _refresh_chunk(db: sqlite_utils.Database, where: str, params: Sequence[object]) -> None:
    fixed = ", ".join(f"'{kind}'" for kind in UNDATED_KINDS)
    db.conn.execute(f"DELETE FROM task_dues WHERE task_id IN (SELECT id FROM tasks WHERE {where})", params)
    db.conn.execute(
        f"UPDATE tasks SET open_due = CASE WHEN status = 'done' OR deadline_kind IN ({fixed}) THEN NULL "
        f"ELSE deadline_due END WHERE deadline_kind != 'recurring' AND {where}", params)
    recurring = db.conn.execute(
        "SELECT id, deadline_start, deadline_due, deadline_end, recurrence, status, completed_on FROM tasks "
        f"WHERE deadline_kind = 'recurring' AND {where}", params).fetchall()
    if not recurring:
        return
    completions, records = _recurring_facts(db, [row[0] for row in recurring])
    updates = []
    dues: list[tuple[int, str]] = []
    for task_id, start, due, end, recurrence, status, completed in recurring:
        deadline = stored_deadline("recurring", start, due, end, recurrence)
        done = set(completions.get(task_id, ()))
        if completed:
            done.add(date.fromisoformat(completed))
        found = open_due(deadline, status, sorted(done), records.get(task_id, {}))
        updates.append((found.isoformat() if found else None, task_id))
        dues.extend((task_id, day.isoformat()) for day in stored_dues(deadline))
    db.conn.executemany("UPDATE tasks SET open_due = ? WHERE id = ?", updates)
    db.conn.executemany("INSERT INTO task_dues (task_id, due) VALUES (?, ?)", dues)


def stored_day(value: str | None) -> date | None:
    """A day as the register stores it (ISO text), or None."""
    return date.fromisoformat(value) if value else None


def stored_deadline(kind: str, start: str | None, due: str | None, end: str | None,
                    recurrence: str | None) -> Deadline:
    """The part of a task's deadline its dates decide, from the register's columns."""
    return Deadline("", kind, stored_day(start), stored_day(due), stored_day(end), recurrence)


def _recurring_facts(db: Readable, ids: list[int]
                     ) -> tuple[dict[int, list[date]], dict[int, dict[date, str]]]:
    """Completion dates ever recorded, and the status recorded for each occurrence, by task."""
    completions: dict[int, list[date]] = {}
    records: dict[int, dict[date, str]] = {}
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first:first + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for task_id, day in db.conn.execute(
                f"SELECT task_id, new FROM history WHERE field = 'completed_on' AND new != '' AND undone = 0 "
                f"AND task_id IN ({marks})", chunk):
            completions.setdefault(task_id, []).append(date.fromisoformat(day))
        for task_id, due, status in db.conn.execute(
                f"SELECT task_id, due, status FROM occurrences WHERE task_id IN ({marks})", chunk):
            records.setdefault(task_id, {})[date.fromisoformat(due)] = status
    return completions, records


# --- counts ----------------------------------------------------------------------------------

LEAD_JOIN = "; "  # between the lead units of one task wherever they are joined into one text


def several_leads_note(listed: int, counted: str) -> str:
    """The footnote of a table split by lead unit whose lines (`listed`) add up to more than its total."""
    return (f"Nhiệm vụ có nhiều đơn vị chủ trì được tính ở mỗi đơn vị ({listed} lượt); "
            f"dòng Tổng cộng đếm mỗi nhiệm vụ một lần ({counted}).")


# --- completion rate ---------------------------------------------------------------------------

def completion_rate(done: int, overdue: int) -> float | None:
    """Share of the work whose deadline has come that is done; None when none has come."""
    return done / (done + overdue) if done + overdue else None


def rate_text(done: int, overdue: int) -> str:
    """`completion_rate` as the officer reads it: "62,5%", or "—"."""
    rate = completion_rate(done, overdue)
    return "—" if rate is None else f"{100 * rate:.1f}%".replace(".", ",")
