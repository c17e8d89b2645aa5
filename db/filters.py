"""Which tasks the officer is looking at: `TaskFilter`, and the queries behind it.

A filter combines: plan, unit (lead only or any role), a deadline expression
in the deadline grammar ("Quý II/2020" = due in that quarter: one due date
or an occurrence in it, or ongoing then; "Thường xuyên" = ongoing; "quá hạn"
= overdue — each rule from db/rules.py), status, full-text search (accent-insensitive, FTS5), and a quick
view (all, overdue, next 30 days, this quarter, ongoing, done).

`count_tasks` and `fetch_tasks(limit, offset)` ask SQLite for just the rows
on screen: nothing here loads the whole register.  `describe` says the
filter in Vietnamese words, for headers and sheet titles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from itertools import groupby
from typing import TYPE_CHECKING, Any

from db import status as st
from db.plans import PLAN_MATCH
from db.rules import due_soon_sql, in_period_sql, overdue_sql, quarter_of
from db.search import PHRASE_SQL, fts_query, has_accents, in_content_sql, rank_sql
from db.tasks import REMOVED_IDS, TASK_COLUMNS, Task, attach_units, fetch_tasks_by_id, task_from_row
from db.units import match_units
from plans.deadlines import parse_deadline, period_name
from plans.text import fold

if TYPE_CHECKING:
    from db.reader import Readable

VIEWS = {
    "all": "tất cả",
    "overdue": "quá hạn",
    "next30": "đến hạn trong 30 ngày",
    "quarter": "trong quý này",
    "ongoing": "thường xuyên",
    "done": "đã hoàn thành",
}

class FilterError(ValueError):
    """A filter the officer typed that cannot be read; the message is Vietnamese."""


@dataclass(frozen=True)
class TaskFilter:
    """The tasks to show; every field optional, all of them combined."""

    plan: str | None = None
    unit: str | None = None
    role: str = "any"
    deadline: str | None = None
    status: str | None = None
    search: str | None = None
    view: str = "all"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> TaskFilter:
        try:
            data = json.loads(text)
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (ValueError, TypeError):
            return cls()

    def with_(self, **changes: Any) -> TaskFilter:
        return replace(self, **changes)

    def is_empty(self) -> bool:
        return self == TaskFilter()


@dataclass(frozen=True)
class DeadlineQuery:
    """A deadline expression understood: a window, ongoing only, or overdue."""

    mode: str  # window, ongoing, overdue, recurring
    start: date | None = None
    end: date | None = None
    reading: str = ""


def read_deadline_expression(text: str, today: date) -> DeadlineQuery:
    """Understand what the officer typed in the deadline filter."""
    folded = " ".join(fold(text).split()).strip(" .")
    if folded in ("qua han", "tre han", "cham"):
        return DeadlineQuery("overdue", reading="quá hạn")
    if folded in ("thuong xuyen",):
        return DeadlineQuery("ongoing", reading="thường xuyên")
    deadline = parse_deadline(text, today.year)
    if deadline.kind == "recurring":
        return DeadlineQuery("recurring", reading="định kỳ")
    if deadline.kind == "ongoing":
        return DeadlineQuery("ongoing", reading="thường xuyên")
    if deadline.start and deadline.due:
        return DeadlineQuery("window", deadline.start, deadline.due, deadline.reading())
    raise FilterError(f"không hiểu thời hạn «{text}»; ví dụ: Quý II/2020, Tháng 11/2020, "
                      "6 tháng đầu năm 2021, quá hạn.")


def where_clause(db: Readable, flt: TaskFilter, today: date, walk: bool = False) -> tuple[str, list[object]]:
    """SQL condition and parameters for `flt` over `tasks t`.  `walk`: a search's matches are tested as the
    tasks are read in plan order, instead of read from the full-text index and sorted (`first_ranked_ids`)."""
    clauses = ["t.deleted = 0"]
    params: list[object] = []

    def add(sql: str, values: Sequence[object]) -> None:
        clauses.append(sql)
        params.extend(values)

    # SQLite tests the terms in this order: a row's own columns first, the deadline next (its own columns,
    # and the due dates of a recurring task), a unit's links last — each link a search of its index:
    # «chưa thực hiện» of Văn phòng Sở in Quý II/2026 at 100,000 tasks 36 -> 21 ms
    if flt.status:
        code = st.parse_status(flt.status)
        if code is None:
            raise FilterError(f"trạng thái «{flt.status}» không hợp lệ; "
                              "dùng: chưa thực hiện, đang thực hiện, hoàn thành.")
        add("t.status = ?", [code])
    if flt.plan:
        add(PLAN_MATCH, [flt.plan] * 3)
    unit_ids = match_units(db, flt.unit) if flt.unit else []
    if flt.unit and not unit_ids:
        raise FilterError(f"không có đơn vị nào tên «{flt.unit}» trong sổ.")
    if flt.deadline:
        query = read_deadline_expression(flt.deadline, today)
        if query.mode == "overdue":
            add(*overdue_sql(today))
        elif query.mode == "ongoing":
            add("t.deadline_kind = 'ongoing'", [])
        elif query.mode == "recurring":
            add("t.deadline_kind = 'recurring'", [])
        else:
            assert query.start and query.end
            add(*in_period_sql(query.start, query.end))
    if unit_ids:
        marks = ",".join("?" * len(unit_ids))
        role = " AND tu.role = 'lead'" if flt.role == "lead" else ""
        # EXISTS lets SQLite walk the (plan, order) index and stop at a page; IN (subquery) sorted every match
        add(f"EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit_id IN ({marks}){role})",
            unit_ids)
    if flt.search and fts_query(flt.search):
        found = "+t.id" if walk else "t.id"  # unary plus: SQLite may not look the matches up by id
        add(f"{found} IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)", [fts_query(flt.search)])
        if has_accents(flt.search):
            add(PHRASE_SQL, [flt.search])
    _add_view(flt.view, today, add)
    return " AND ".join(clauses), params


def _add_view(view: str, today: date, add) -> None:
    if view == "overdue":
        add(*overdue_sql(today))
    elif view == "next30":
        add(*due_soon_sql(today, today + timedelta(days=30)))
    elif view == "quarter":
        add(*in_period_sql(*quarter_of(today)))
    elif view == "ongoing":
        add("t.deadline_kind = 'ongoing'", [])
    elif view == "done":
        add("t.status = 'done'", [])


_FROM = "FROM tasks t JOIN plans p ON p.id = t.plan_id"


def count_tasks(db: Readable, flt: TaskFilter, today: date | None = None) -> int:
    where, params = where_clause(db, flt, today or date.today())
    return int(db.execute(f"SELECT COUNT(*) {_FROM} WHERE {where}", params).fetchone()[0])


def fetch_tasks(db: Readable, flt: TaskFilter, *, limit: int | None = None, offset: int = 0,
                today: date | None = None, ranked: bool = False, after: tuple[int, int] | None = None,
                from_end: bool = False) -> list[Task]:
    """Tasks matching `flt` in plan order — or, `ranked`, a search's best matches first — `limit` rows from
    `offset`; or (plan order only) from just after the task at `after` = (plan id, order): keyset paging,
    which never reads the rows before; or, `from_end`, with `offset` counted from the last task (End, and
    pages near the end, without reading the whole list before them)."""
    where, params = where_clause(db, flt, today or date.today())
    keys = ["t.plan_id", "t.ord"]
    if ranked and flt.search:
        rank, ranking = rank_sql(flt.search)
        keys.insert(0, rank)
        params = [*params, *ranking]
    elif after is not None:
        where = f"{where} AND (t.plan_id, t.ord) > (?, ?)"
        params = [*params, *after]
    order = ", ".join(f"{key} DESC" for key in keys) if from_end else ", ".join(keys)
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    cursor = db.execute(f"SELECT {TASK_COLUMNS} {_FROM} WHERE {where} ORDER BY {order}{page}", params)
    rows = cursor.fetchall()
    tasks = [task_from_row(row) for row in (rows[::-1] if from_end else rows)]
    return attach_units(db, tasks)


def ranked_ids(db: Readable, flt: TaskFilter, today: date | None = None) -> list[int]:
    """A search's matches, best first, as ids: ranked once, then any page of them is read by id (paging by
    offset would rank every match again for each page)."""
    where, params = where_clause(db, flt, today or date.today())
    rank, ranking = rank_sql(flt.search or "")
    return [row[0] for row in db.execute(f"SELECT t.id {_FROM} WHERE {where} ORDER BY {rank}, t.plan_id, t.ord",
                                         [*params, *ranking])]


#: A search with fewer matches than this is ranked whole before the list shows it (a few ms at any size).
RANK_WHOLE_UNDER = 2000


def first_ranked_ids(db: Readable, flt: TaskFilter, limit: int, today: date | None = None) -> list[int] | None:
    """The first `limit` of a broad search's matches in rank order, found without ranking them all: those
    with the phrase in their content rank first, in plan order, so reading the tasks in plan order and
    stopping at `limit` of them gives the first page («hanh chinh», 60,000 matches at 300,000 tasks: 13 ms
    instead of 296).  None when the search is narrow (ranking it whole is as quick) or fewer than `limit`
    matches have it in their content: rank them all (`ranked_ids`)."""
    if not flt.search or not fts_query(flt.search):
        return None
    found = db.execute("SELECT COUNT(*) FROM tasks_fts WHERE tasks_fts MATCH ?", [fts_query(flt.search)])
    if found.fetchone()[0] < RANK_WHOLE_UNDER:
        return None
    where, params = where_clause(db, flt, today or date.today(), walk=True)
    first, in_content = in_content_sql(flt.search)
    ids = [row[0] for row in db.execute(f"SELECT t.id {_FROM} WHERE {where} AND +{first} "
                                        "ORDER BY t.plan_id, t.ord LIMIT ?", [*params, *in_content, limit])]
    return ids if len(ids) == limit else None


def position_of(db: Readable, flt: TaskFilter, task_id: int, today: date | None = None) -> int | None:
    """Where a task stands in the filtered list in plan order (0 = first), or None when it does not match."""
    where, params = where_clause(db, flt, today or date.today())
    found = db.execute(f"SELECT t.plan_id, t.ord {_FROM} WHERE {where} AND t.id = ?", [*params, task_id]).fetchone()
    if found is None:
        return None
    before = f"SELECT COUNT(*) {_FROM} WHERE {where} AND (t.plan_id, t.ord) < (?, ?)"
    return int(db.execute(before, [*params, *found]).fetchone()[0])


@dataclass(frozen=True)
class SectionRun:
    """Consecutive tasks of the list (in plan order) that share one plan and section."""

    plan_id: int
    plan_number: str
    section: str
    count: int


def section_runs(db: Readable, flt: TaskFilter, today: date | None = None) -> list[SectionRun]:
    """The sections the filtered list crosses, in plan order, with how many of its tasks each holds: the list
    draws a row where each run begins, so it needs them all (the count of the filter is their sum).  A run
    is computed, not grouped: a section name met again later in a plan starts a run of its own.  One read in
    plan order, grouped as it streams (SQLite's window functions took 3.6 times as long: 329 -> 90 ms for the
    whole register at 100,000 tasks)."""
    where, params = where_clause(db, flt, today or date.today())
    rows = db.execute(f"SELECT t.plan_id, p.number, t.section_path {_FROM} WHERE {where} ORDER BY t.plan_id, t.ord",
                      params)
    return [SectionRun(plan_id, number or "", section or "", sum(1 for _ in run))
            for (plan_id, number, section), run in groupby(rows)]


def iter_task_pages(db: Readable, flt: TaskFilter, page: int = 2000, today: date | None = None,
                    ranked: bool = False) -> Iterator[list[Task]]:
    """All matching tasks, a page at a time (for exports and listings of any size): in plan order each page
    starts after the last task of the one before (keyset); a search's matches are ranked once
    (`ranked_ids`) and read by id a page at a time (each page by offset would rank every match again)."""
    if ranked and flt.search:
        yield from _ranked_pages(db, flt, page, today or date.today())
        return
    last: tuple[int, int] | None = None
    while True:
        tasks = fetch_tasks(db, flt, limit=page, today=today, after=last)
        if tasks:
            yield tasks
        if len(tasks) < page:
            return
        last = (tasks[-1].plan_id, tasks[-1].ord)


def _ranked_pages(db: Readable, flt: TaskFilter, page: int, today: date) -> Iterator[list[Task]]:
    ids = ranked_ids(db, flt, today)
    for first in range(0, len(ids), page):
        yield fetch_tasks_by_id(db, ids[first:first + page])


def total_tasks(db: Readable) -> int:
    """The register's live tasks: all of them less the removed ones, each count read off an index (the
    partial index of removed tasks, see db/schema.py v7) — 0.4 ms at 100,000 tasks, 16 ms by scanning."""
    return int(db.execute(f"SELECT (SELECT COUNT(*) FROM tasks) - (SELECT COUNT(*) FROM ({REMOVED_IDS}))"
                          ).fetchone()[0])


def canonical(db: Readable, flt: TaskFilter) -> TaskFilter:
    """`flt` with what was typed loosely named as the register names it: a unit typed without accents that
    means one unit gets that unit's name, a period its canonical name ("quy ii/2020" -> "Quý II/2020")."""
    unit = flt.unit
    if unit:
        found = match_units(db, unit)
        if len(found) == 1:
            unit = db.execute("SELECT name FROM units WHERE id = ?", [found[0]]).fetchone()[0]
    deadline = flt.deadline
    if deadline and fold(deadline) not in ("qua han", "thuong xuyen"):
        deadline = period_name(parse_deadline(deadline)) or deadline
    return replace(flt, unit=unit, deadline=deadline)


def describe(flt: TaskFilter) -> str:
    """The filter in words, as a title: "Nhiệm vụ quá hạn của Văn phòng Sở – hạn trong Quý II/2020"."""
    kinds = [_VIEW_TITLES.get(flt.view, flt.view)] if flt.view != "all" else []
    deadline = flt.deadline
    if deadline and fold(deadline) in ("qua han", "tre han", "cham", "thuong xuyen"):
        kinds.append("thường xuyên" if fold(deadline) == "thuong xuyen" else "quá hạn")
        deadline = None
    if flt.status:
        code = st.parse_status(flt.status)
        kinds.append(st.label(code) if code else flt.status)
    subject = " ".join(["Nhiệm vụ", *dict.fromkeys(kinds)])
    if flt.unit:
        subject += f" do {flt.unit} chủ trì" if flt.role == "lead" else f" của {flt.unit}"
    parts = [f"hạn trong {deadline}"] if deadline else []
    if flt.plan:
        parts.append(f"kế hoạch {flt.plan}")
    if flt.search:
        parts.append(f"có «{flt.search}»")
    if subject == "Nhiệm vụ" and not parts:
        return "Tất cả nhiệm vụ"
    return " – ".join([subject, *parts])


_VIEW_TITLES = {"overdue": "quá hạn", "next30": "đến hạn trong 30 ngày tới", "quarter": "trong quý này",
                "ongoing": "thường xuyên", "done": "đã hoàn thành"}
