"""Counts for summaries: tasks by lead unit and status, with the overdue ones.

Used by the summary sheet of an export; the periodic report has its own
categories.  Counts follow the same `TaskFilter` as the rows they summarise.
`unit_dues` is what each unit owes at a glance (the units screen): its
overdue tasks, and those still to finish this quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from db.filters import TaskFilter, where_clause
from db.rules import due_soon_sql, overdue_sql, quarter_of
from db.tasks import REMOVED_IDS

if TYPE_CHECKING:
    from db.reader import Readable


@dataclass(frozen=True)
class UnitStatusCount:
    """One line of the summary: a lead unit's tasks by status."""

    unit: str
    not_started: int
    in_progress: int
    done: int
    overdue: int

    @property
    def total(self) -> int:
        return self.not_started + self.in_progress + self.done


_STATUS_COUNTS = ("SUM(t.status = 'not_started'), SUM(t.status = 'in_progress'), SUM(t.status = 'done'), "
                  f"SUM({overdue_sql(date.min)[0]})")


def unit_status_counts(db: Readable, flt: TaskFilter, today: date) -> list[UnitStatusCount]:
    """Per lead unit (tasks without one under "(chưa rõ đơn vị chủ trì)"), in name order.

    A task with several lead units counts under each: the lines may add up to more than the tasks
    (`status_totals` counts each task once)."""
    where, params = where_clause(db, flt, today)
    rows = db.execute(
        f"""
        SELECT COALESCE(u.name, '(chưa rõ đơn vị chủ trì)') AS unit, {_STATUS_COUNTS}
        FROM tasks t JOIN plans p ON p.id = t.plan_id
        LEFT JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead'
        LEFT JOIN units u ON u.id = tu.unit_id
        WHERE {where}
        GROUP BY unit ORDER BY unit
        """,
        [today.isoformat(), *params],
    ).fetchall()
    return [UnitStatusCount(r[0], int(r[1] or 0), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0)) for r in rows]


def status_totals(db: Readable, flt: TaskFilter, today: date) -> UnitStatusCount:
    """The tasks of the view by status, each counted once."""
    where, params = where_clause(db, flt, today)
    row = db.execute(f"SELECT 'Tổng cộng', {_STATUS_COUNTS} FROM tasks t JOIN plans p ON p.id = t.plan_id "
                     f"WHERE {where}", [today.isoformat(), *params]).fetchone()
    return UnitStatusCount(row[0], *(int(value or 0) for value in row[1:]))


@dataclass(frozen=True)
class UnitDues:
    """What a unit owes as lead: overdue tasks, and open ones due from today to the quarter's end."""

    overdue: int = 0
    this_quarter: int = 0


def unit_dues(db: Readable, today: date) -> dict[int, UnitDues]:
    """`UnitDues` by unit id, for the units that owe anything: one query.  Both sums count tasks open by the
    quarter's end, so only those are read, off the open-due index, each joined to its leads (CROSS JOIN keeps
    that order: SQLite otherwise walks every lead link and reads each task's row, 125 -> 46 ms at 100k)."""
    late, late_params = overdue_sql(today)
    end = quarter_of(today)[1]
    soon, soon_params = due_soon_sql(today, end)
    rows = db.execute(
        f"""SELECT tu.unit_id, SUM({late}), SUM({soon}) FROM tasks t CROSS JOIN task_units tu ON tu.task_id = t.id
            WHERE tu.role = 'lead' AND t.open_due <= ? AND t.id NOT IN ({REMOVED_IDS}) GROUP BY tu.unit_id""",
        [*late_params, *soon_params, end.isoformat()]).fetchall()
    return {int(r[0]): UnitDues(int(r[1] or 0), int(r[2] or 0)) for r in rows if r[1] or r[2]}


def plans_in_view(db: Readable, flt: TaskFilter, today: date) -> list[tuple[str, str, str, str]]:
    """(number, title, issuer, place) of the plans the filtered tasks come from."""
    where, params = where_clause(db, flt, today)
    rows = db.execute(
        f"""SELECT DISTINCT p.number, p.title, p.issuer, p.place FROM tasks t JOIN plans p ON p.id = t.plan_id
            WHERE {where} ORDER BY p.id""", params).fetchall()
    return [(r[0] or "", r[1] or "", r[2] or "", r[3] or "") for r in rows]


def units_with_work(db: Readable, flt: TaskFilter, today: date) -> list[str]:
    """Units that lead or coordinate a task in the view, in name order (each may get a fill-in sheet)."""
    where, params = where_clause(db, flt, today)
    rows = db.execute(
        f"""SELECT DISTINCT u.name FROM tasks t JOIN plans p ON p.id = t.plan_id
            JOIN task_units tu ON tu.task_id = t.id JOIN units u ON u.id = tu.unit_id
            WHERE {where} ORDER BY u.name""", params).fetchall()
    return [r[0] for r in rows]
