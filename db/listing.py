"""Tasks as `theodoi tasks` prints them: the few columns a line shows, streamed from one cursor.

A listing of 20,000 search matches is a process the officer waits for.  Built
as `Task`s (db/tasks.py) — every column, fetched by id a page at a time, the
units attached by a second query — it spent most of its time making objects
it printed five fields of.  `listed_tasks` asks SQLite for just those fields
in the listing's order (a search's best matches first, `db.search.rank_sql`;
otherwise plan order), with how late each task is (`db.rules.days_late_sql`),
and yields them as it reads, the rows as SQLite gives them: a line costs its
formatting and no more (20,000 lines: 100 + 26 ms with an object, dates and
methods a row; see the note of issue 16).

A task's lead units come with its row (`db.units.FIRST_LEAD`); the tasks with
further leads have theirs read once, before the listing starts
(`db.units.shared_leads`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from db.filters import TaskFilter, where_clause
from db.rules import days_late_sql
from db.search import rank_sql
from db.units import FIRST_LEAD, shared_leads

if TYPE_CHECKING:
    from db.reader import Readable


class ListedTask(NamedTuple):
    """One line of a listing: texts never None ("" when the task has none)."""

    id: int
    number: str
    content: str
    lead_unit: str
    deadline_text: str
    status: str
    days_late: int | None  # None: not overdue


def listed_tasks(db: Readable, flt: TaskFilter, today: date) -> Iterator[ListedTask]:
    """The tasks `flt` keeps, as a listing shows them: in plan order, a search's best matches first."""
    where, params = where_clause(db, flt, today)
    late, late_params = days_late_sql(today)
    order = "t.plan_id, t.ord"
    if flt.search:
        rank, ranking = rank_sql(flt.search)
        order = f"{rank}, {order}"
        params = [*params, *ranking]
    shared = shared_leads(db)
    rows = db.execute(
        "SELECT t.id, coalesce(t.number, ''), t.content, coalesce(lead.name, ''), coalesce(t.deadline_text, ''), "
        f"t.status, {late} FROM tasks t JOIN plans p ON p.id = t.plan_id {FIRST_LEAD} "
        f"WHERE {where} ORDER BY {order}", [*late_params, *params])
    for task in map(ListedTask._make, rows):
        yield task._replace(lead_unit=shared[task.id]) if task.id in shared else task
