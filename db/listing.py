"""Tasks as `theodoi tasks` prints them: the few columns a line shows, streamed from one cursor.

A listing of 20,000 search matches is a process the officer waits for.  Built
as `Task`s (db/tasks.py) — every column, fetched by id a page at a time, the
units attached by a second query — it spent most of its time making objects
it printed five fields of.  `listed_tasks` asks SQLite for just those fields
in the listing's order (a search's best matches first, `db.search.rank_sql`;
otherwise plan order) and yields them as it reads.

A task's lead units come with its row (`db.units.FIRST_LEAD`); the tasks with
further leads have theirs read once, before the listing starts
(`db.units.shared_leads`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from db import status as st
from db.filters import TaskFilter, where_clause
from db.rules import days_left, is_overdue, stored_day
from db.search import rank_sql
from db.units import FIRST_LEAD, shared_leads

if TYPE_CHECKING:
    from db.reader import Readable


class ListedTask(NamedTuple):
    """One line of a listing."""

    id: int
    number: str
    content: str
    lead_unit: str
    deadline_text: str
    status: str
    open_due: date | None

    @property
    def status_label(self) -> str:
        return st.label(self.status)

    def is_overdue(self, today: date) -> bool:
        return is_overdue(self.open_due, today)

    def days_left(self, today: date) -> int | None:
        return days_left(self.open_due, today)


def listed_tasks(db: Readable, flt: TaskFilter, today: date) -> Iterator[ListedTask]:
    """The tasks `flt` keeps, as a listing shows them: in plan order, a search's best matches first."""
    where, params = where_clause(db, flt, today)
    order = "t.plan_id, t.ord"
    if flt.search:
        rank, ranking = rank_sql(flt.search)
        order = f"{rank}, {order}"
        params = [*params, *ranking]
    shared = shared_leads(db)
    for task_id, number, content, lead, deadline_text, status, open_due in db.execute(
            "SELECT t.id, t.number, t.content, lead.name, t.deadline_text, t.status, t.open_due "
            f"FROM tasks t JOIN plans p ON p.id = t.plan_id {FIRST_LEAD} WHERE {where} ORDER BY {order}", params):
        yield ListedTask(task_id, number or "", content, shared.get(task_id, lead or ""), deadline_text or "",
                         status, stored_day(open_due))
