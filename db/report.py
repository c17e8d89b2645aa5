"""Periodic reports (báo cáo định kỳ): where each task stands as of a reporting date.

Categories, as Vietnamese government task follow-up uses them:
hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện trong hạn, quá hạn
chưa hoàn thành, chưa đến hạn; tasks without a due date get their own lines
(thường xuyên; theo điều kiện / không thời hạn).  `db.rules.classify` is the
one rule.

The period a report covers is a `ReportPeriod` (db/periods.py); what
changed since a briefing is db/briefing.py.

A task is counted as it stood on the reporting date: later status changes
are taken back through the history, except that a completion recorded late
with a completion date on or before that date counts as done by then; tasks
added by hand after that date are left out.  A recurring task counts once per
occurrence due in the period: by the status recorded for that occurrence
(the status form asks which one), or, where none was, by the completions
recorded between it and the one before.

Counting and listing are apart.  `build_report` counts: a task that is not
recurring, has no status changed after the reporting date and at most one
lead unit — most of a register — is counted in SQL, grouped by its section,
lead unit and category (`db.rules.task_category_sql`, the SQL twin of
`task_category`; `_DATED`, the twin of `_dated`); the others (a recurring
task, one item per occurrence; a task whose status is taken back through the
history; a task counted under each of its leads) are read row by row
(`_lines`).  A `Report`
holds the counts; its items — the overdue list, every item of the workbook —
are read with `report_items`, in the plans' order, as many as the caller
takes; their texts with `line_texts` for the items actually listed.
`python -m bench.run` times both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from db import status as st
from db.filters import TaskFilter, where_clause
from db.occurrences import Occurrence, all_recorded
from db.periods import ReportPeriod
from db.rules import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    LEAD_JOIN,
    NO_DUE,
    NOT_DUE,
    ONGOING,
    OVERDUE,
    classify,
    occurrence_dues,
    occurrence_outcomes,
    occurs_sql,
    rate_text,
    several_leads_note,
    stored_day,
    stored_deadline,
    task_category,
    task_category_sql,
)
from db.units import FIRST_LEAD, SHARED_LEAD_TASKS, shared_leads

if TYPE_CHECKING:
    from db.reader import Readable

CATEGORIES = (DONE_ON_TIME, DONE_LATE, IN_PROGRESS, OVERDUE, NOT_DUE, ONGOING, NO_DUE)
LABELS = {
    DONE_ON_TIME: "Hoàn thành đúng hạn",
    DONE_LATE: "Hoàn thành quá hạn",
    IN_PROGRESS: "Đang thực hiện trong hạn",
    OVERDUE: "Quá hạn chưa hoàn thành",
    NOT_DUE: "Chưa đến hạn",
    ONGOING: "Thường xuyên",
    NO_DUE: "Theo điều kiện / không thời hạn",
}
SHORT = {DONE_ON_TIME: "Đúng hạn", DONE_LATE: "Xong trễ", IN_PROGRESS: "Đang làm", OVERDUE: "Quá hạn",
         NOT_DUE: "Chưa đến", ONGOING: "Th.xuyên", NO_DUE: "Đ.kiện"}


@dataclass(slots=True)
class ReportLine:
    """One counted item: a task, or one occurrence of a recurring task.

    Light enough for 100,000 of them: the texts a list shows (content, number,
    progress note) are read with `line_texts` for the lines actually listed."""

    task_id: int
    category: str
    due: date | None
    status: str
    lead_unit: str
    section: str  # the top section counted under (`_Scope.section`)


@dataclass(frozen=True, slots=True)
class LineText:
    """What a report list shows of a task besides its counts."""

    number: str
    content: str
    deadline_text: str
    progress_note: str
    result: str = ""


@dataclass
class _Scope:
    """What counting a report and listing its items both read: the window, the filter in SQL, the status
    history and the occurrences recorded (for the tasks counted in Python), the leads of the tasks with
    several (`db.units.shared_leads`)."""

    window: _Window
    where: str
    params: list[object]
    history: StatusHistory
    recorded: dict[int, dict[date, Occurrence]]
    shared: dict[int, str]
    several: bool

    def lead_unit(self, task_id: int, first: str | None) -> str:
        """The lead units of a task, joined in their order, from its first lead's name (`FIRST_LEAD`)."""
        return self.shared.get(task_id, first or "")

    def section(self, path: str | None, plan_number: str | None) -> str:
        """The heading a task counts under in "Theo mục": its top section, named with its plan when the
        report covers more than one."""
        top = path.split(" › ")[0] if path else "(không mục)"
        return f"KH {plan_number or '(không số)'} › {top}" if self.several else top

    def parameters(self) -> list[object]:
        window = self.window
        return [window.start, window.end, window.year_end, window.as_of, window.after, *self.params]


@dataclass
class Report:
    """Counts by unit and by section, and the overdue list, for the tasks `flt` keeps, judged on `as_of`.

    `units`: items by (lead unit, category), a task with several leads under each; `sections`: items by
    (section, category); `tasks`: how many tasks the items are.  The items themselves are read with
    `report_items`."""

    period: ReportPeriod
    as_of: date
    flt: TaskFilter
    scope: _Scope
    units: Counter[tuple[str, str]] = field(default_factory=Counter)
    sections: Counter[tuple[str, str]] = field(default_factory=Counter)
    tasks: int = 0
    first_seen: dict[str, tuple[int, int]] = field(default_factory=dict)  # section -> (plan id, order) of its first

    def by_unit(self) -> dict[str, Counter]:
        """Categories by lead unit: a task with several leads counts under each (`unit_note` says so)."""
        return dict(sorted(_table(self.units).items()))

    def unit_note(self, by_unit: dict[str, Counter]) -> str | None:
        """The footnote of `by_unit` when tasks with several leads make its lines add up to more than the total."""
        listed = sum(sum(counts.values()) for counts in by_unit.values())
        return several_leads_note(listed, self.counted()) if listed != self.items() else None

    def by_section(self) -> dict[str, Counter]:
        """Categories by top section, in the plans' order, each named with its plan's number when the report
        covers several."""
        return dict(sorted(_table(self.sections).items(), key=lambda item: self.first_seen[item[0]]))

    def totals(self) -> Counter:
        totals: Counter = Counter()
        for (_, category), count in self.sections.items():
            totals[category] += count
        return totals

    def items(self) -> int:
        return sum(self.sections.values())

    def counted(self) -> str:
        """What the totals count, said plainly: "38 lượt = 30 nhiệm vụ + 8 lượt của nhiệm vụ định kỳ"."""
        items, tasks = self.items(), self.tasks
        if items == tasks:
            return f"{tasks} nhiệm vụ"
        return f"{items} lượt = {tasks} nhiệm vụ + {items - tasks} lượt của nhiệm vụ định kỳ (mỗi kỳ đến hạn một lượt)"

    def add_section(self, section: str, category: str, count: int, seen: tuple[int, int]) -> None:
        self.sections[(section, category)] += count
        if section not in self.first_seen or seen < self.first_seen[section]:
            self.first_seen[section] = seen


def _table(counts: Counter[tuple[str, str]]) -> dict[str, Counter]:
    """{name: Counter of categories} out of counts by (name, category)."""
    table: dict[str, Counter] = {}
    for (name, category), count in counts.items():
        table.setdefault(name, Counter())[category] += count
    return table


NO_LEAD = "(chưa rõ đơn vị chủ trì)"  # the line of "Theo đơn vị" counting the tasks without a lead unit

_CHUNK = 900  # ids per query, under SQLite's limit of bound parameters


def line_texts(db: Readable, lines: list[ReportLine], as_of: date) -> dict[int, LineText]:
    """The texts of the tasks behind `lines`, by task id, with the progress note and result as they were
    on `as_of` (a note written after the report's date is not in it).  Read in chunks, for lists of any
    length."""
    ids = list(dict.fromkeys(line.task_id for line in lines))
    texts: dict[int, LineText] = {}
    after = f"{as_of.isoformat()} 23:59:59"
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first:first + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = {task_id: [value or "" for value in values] for task_id, *values in db.execute(
            f"SELECT id, number, content, deadline_text, progress_note, result FROM tasks WHERE id IN ({marks})",
            chunk)}
        for task_id, name, old in db.execute(  # newest first: what is left is the value on `as_of`
                f"SELECT task_id, field, old FROM history WHERE task_id IN ({marks}) "
                "AND field IN ('progress_note', 'result') AND at > ? ORDER BY id DESC", [*chunk, after]):
            rows[task_id][3 if name == "progress_note" else 4] = old or ""
        texts.update((task_id, LineText(*values)) for task_id, values in rows.items())
    return texts


def done_and_overdue(counts: Counter) -> tuple[int, int]:
    """What the completion rate (db/rules.py) is computed from, out of a report's category counts."""
    return counts[DONE_ON_TIME] + counts[DONE_LATE], counts[OVERDUE]


def rate_of(counts: Counter) -> str:
    """The completion rate of a report's category counts, as every sheet and screen shows it."""
    return rate_text(*done_and_overdue(counts))


Change = tuple[str, str, str, str, int]  # at, field, old, new, undone
StatusHistory = dict[int, list[Change]]


def _status_history(db: Readable, ids: list[int]) -> StatusHistory:
    """The status and completion-date changes of the tasks counted in Python (`ids`), newest first, by task:
    a recurring task's completions say which occurrences were done; the others' changes after the report's
    day are taken back.  900 ids a query."""
    history: StatusHistory = {}
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first:first + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for task_id, *change in db.execute(
                f"SELECT task_id, at, field, old, new, undone FROM history WHERE task_id IN ({marks}) "
                f"AND {_STATUS_FIELDS} ORDER BY id DESC", chunk):
            history.setdefault(task_id, []).append(tuple(change))  # type: ignore[arg-type]
    return history


_STATUS_FIELDS = "(field IN ('status', 'completed_on') OR field BETWEEN 'occ:' AND 'occ;')"  # and an occurrence's

# The SQL of a report.  Numbered parameters, then the filter's own: ?1 the period's first day, ?2 its last,
# ?3 the last day of its year, ?4 the day judged on, ?5 the end of that day (history is time-stamped).
_REPORTED = (  # the tasks that can count in a period (`_lines`, `_dated`), so the rest are never read
    f"((t.deadline_kind = 'recurring' AND {occurs_sql('?1', '?2')}) "
    "OR (t.deadline_kind = 'ongoing' AND COALESCE(t.deadline_start, '0000') <= ?2 "
    "AND COALESCE(t.deadline_end, '9999') >= ?1) "
    "OR (t.deadline_kind NOT IN ('recurring', 'ongoing') AND (t.deadline_due IS NULL OR t.deadline_due <= ?3)))"
)
_ADDED_BEFORE = ("t.id NOT IN (SELECT task_id FROM history WHERE field = '*' AND source = 'add' AND at > ?5 "
                 "AND task_id IS NOT NULL)")  # a task added by hand after the day judged on is not in its report
_IN_PYTHON = (  # counted row by row: a recurring task, one line per occurrence; one whose status is taken back;
    # one with several lead units (counted under each, so in SQL its lead links would count its section twice).
    # The changes after the day are found by their field (`idx_history_fields`), not by their date: a report
    # of an old period would read every change since through the date's index, and each change's row
    f"(t.deadline_kind = 'recurring' OR t.id IN (SELECT task_id FROM history WHERE +at > ?5 AND task_id IS NOT NULL "
    f"AND {_STATUS_FIELDS}) "
    f"OR t.id IN ({SHARED_LEAD_TASKS}))")
_DATED = (  # `_dated` in SQL, for the others: due in the period's year, or before it and not done before it
    "(t.deadline_kind = 'ongoing' OR t.deadline_due IS NULL OR t.deadline_due BETWEEN ?1 AND ?3 "
    "OR (t.deadline_due < ?1 AND (COALESCE(t.completed_on, '') = '' OR t.completed_on >= ?1)))")
_CATEGORY = task_category_sql("?4")
_FROM = "FROM tasks t JOIN plans p ON p.id = t.plan_id"
_ROWS_FROM = f"{_FROM} {FIRST_LEAD}"
_ROW = ("t.id, t.plan_id, t.ord, t.section_path, p.number, lead.name, t.deadline_kind, t.deadline_start, "
        "t.deadline_due, t.deadline_end, t.recurrence, t.status, t.completed_on")


def _state_as_of(status: str, completed: str | None, rows: list[Change],
                 as_of: str) -> tuple[str, str | None, list[date]]:
    """(status, completion date) on `as_of` (ISO strings), and every completion date recorded up to then."""
    if not rows:
        return status, completed, [date.fromisoformat(completed)] if completed and completed <= as_of else []
    current_status, current_done = status, completed
    completions = {completed} if completed and completed <= as_of else set()
    for at, name, old, new, undone in rows:
        if name.startswith("occ:"):
            continue
        if name == "completed_on" and new and new <= as_of and not undone:  # an undone completion never was
            completions.add(new)
        if at[:10] <= as_of:
            continue
        if name == "status":
            status = old or st.NOT_STARTED
        else:
            completed = old or None
    if status != st.DONE and current_status == st.DONE and current_done and current_done <= as_of:
        # recorded after the date, but the work was done by then: the completion date is the fact
        status, completed = st.DONE, current_done
    return status, completed, sorted(date.fromisoformat(d) for d in completions)


@dataclass(frozen=True)
class _Window:
    start: str
    end: str
    year_end: str
    as_of: str
    after: str
    period: ReportPeriod
    judged: date


def build_report(db: Readable, period: ReportPeriod, flt: TaskFilter | None = None,
                 as_of: date | None = None) -> Report:
    """Count the register's tasks for `period`, judged on `as_of` (default: the period's end).

    Most tasks — not recurring, no status changed after `as_of`, one lead at most — are counted by one
    GROUP BY (plan, section, lead, category; `task_category_sql`): about 0.15 s at 100,000 tasks, where
    building a line for each in Python took twice that; the others are read row by row (`_lines`)."""
    judged = as_of or period.end
    flt = flt or TaskFilter()
    after = f"{judged.isoformat()} 23:59:59"
    where, params = where_clause(db, flt, judged)
    window = _Window(period.start.isoformat(), period.end.isoformat(), f"{period.end.year}-12-31",
                     judged.isoformat(), after, period, judged)
    several = len(db.execute(f"SELECT DISTINCT t.plan_id {_FROM} WHERE {where} LIMIT 2",
                             params).fetchall()) > 1  # stops at the second plan
    scope = _Scope(window, where, params, {}, all_recorded(db), shared_leads(db), several)
    report = Report(period, judged, flt, scope)
    for plan_id, number, path, lead, category, count, first in db.execute(
            f"SELECT t.plan_id, p.number, t.section_path, lead.name, {_CATEGORY} AS category, COUNT(*), MIN(t.ord) "
            f"{_ROWS_FROM} WHERE t.deadline_kind != 'recurring' AND NOT {_IN_PYTHON} AND {_REPORTED} AND {_DATED} "
            f"AND {_ADDED_BEFORE} AND {where} GROUP BY t.plan_id, t.section_path, lead.name, category",
            scope.parameters()):  # a task counted here has one lead at most: those with more are counted in Python
        report.add_section(scope.section(path, number), category, count, (plan_id, first))
        report.units[(lead or NO_LEAD, category)] += count
        report.tasks += count
    rows = db.execute(f"SELECT {_ROW} {_ROWS_FROM} WHERE {_IN_PYTHON} AND {_REPORTED} AND {_ADDED_BEFORE} AND {where} "
                      "ORDER BY t.plan_id, t.ord", scope.parameters()).fetchall()
    scope.history.update(_status_history(db, [row[0] for row in rows]))
    for row in rows:
        lines = _lines(row, scope)
        for line in lines:
            report.add_section(line.section, line.category, 1, (row[1], row[2]))
            for unit in line.lead_unit.split(LEAD_JOIN) if line.lead_unit else [NO_LEAD]:
                report.units[(unit, line.category)] += 1
        report.tasks += bool(lines)
    return report


def report_items(db: Readable, report: Report, categories: tuple[str, ...] = CATEGORIES) -> Iterator[ReportLine]:
    """The items `report` counted in `categories`, in the plans' order, read as they are taken: the first
    200 overdue items of 100,000 tasks without reading the rest."""
    scope = report.scope
    wanted = ", ".join(f"'{category}'" for category in categories if category in CATEGORIES)
    for *row, category in db.execute(
            f"SELECT {_ROW}, CASE WHEN {_IN_PYTHON} THEN NULL ELSE {_CATEGORY} END {_ROWS_FROM} WHERE {_REPORTED} "
            f"AND ({_IN_PYTHON} OR ({_DATED} AND {_CATEGORY} IN ({wanted}))) AND {_ADDED_BEFORE} AND {scope.where} "
            "ORDER BY t.plan_id, t.ord", scope.parameters()):
        if category is None:
            yield from (line for line in _lines(row, scope) if line.category in categories)
            continue
        task_id, _, _, path, number, lead, _, _, due, _, _, status, _ = row
        yield ReportLine(task_id, category, None if category == ONGOING else stored_day(due), status,
                         scope.lead_unit(task_id, lead), scope.section(path, number))


def _lines(row: list | tuple, scope: _Scope) -> list[ReportLine]:
    """The lines of a task counted in Python: recurring, or with its status taken back through the history."""
    task_id, _, _, path, number, first_lead, kind, start, due, end, recurrence, status, completed = row
    window, history = scope.window, scope.history.get(task_id, [])
    lead, section = scope.lead_unit(task_id, first_lead), scope.section(path, number)
    status, completed, completions = _state_as_of(status, completed, history, window.as_of)
    if kind == "recurring":
        deadline = stored_deadline(kind, start, due, end, recurrence)
        every = occurrence_dues(deadline, window.period.end, completions)
        categories = _occurrences(status, every, completions, window.judged)
        recorded = scope.recorded.get(task_id, {})
        lines = []
        for category, day in zip(categories, every, strict=True):
            if not window.period.start <= day <= window.period.end:
                continue
            state = _occurrence_as_of(recorded.get(day), day, history, window.judged)
            if state is not None:
                category = classify(state[0], state[1], day, window.judged, "recurring")
            lines.append(ReportLine(task_id, category, day, status, lead, section))
        return lines
    if kind == "ongoing":
        active = (start or "0000") <= window.end and (end or "9999") >= window.start
        return [ReportLine(task_id, ONGOING, None, status, lead, section)] if active else []
    if due is not None and not _dated(due, completed, window):
        return []
    category = task_category(kind, status, stored_day(completed), stored_day(due), window.judged)
    return [ReportLine(task_id, category, stored_day(due), status, lead, section)]


def _dated(due: str, completed: str | None, window: _Window) -> bool:
    """Whether a task with one due date counts: due in the period's year, or earlier and not done before it
    (`_DATED` in SQL)."""
    start = window.start
    return start <= due <= window.year_end or (due < start and not (completed and completed < start))


def _occurrence_as_of(record: Occurrence | None, due: date, history: list[Change],
                      as_of: date) -> tuple[str, date | None] | None:
    """(status, completion date) recorded for one occurrence as of `as_of`; None when nothing was recorded."""
    prefix = f"occ:{due.isoformat()}:"
    rows = [row for row in history if row[1].startswith(prefix)]
    if record is None and not rows:
        return None
    status = record.status if record else st.NOT_STARTED
    completed = record.completed_on if record else None
    for at, name, old, *_ in rows:
        if at[:10] <= as_of.isoformat():
            continue
        if name.endswith(":status"):
            status = old or st.NOT_STARTED
        elif name.endswith(":completed_on"):
            completed = date.fromisoformat(old) if old else None
    if status != st.DONE and record and record.status == st.DONE and record.completed_on \
            and record.completed_on <= as_of:
        status, completed = st.DONE, record.completed_on
    return status, completed


def _occurrences(status: str, dues: list[date], completions: list[date], as_of: date) -> list[str]:
    """Each occurrence's category on `as_of`: done as the completions recorded by then account for it
    (`occurrence_outcomes`, the rule the open due date follows too), otherwise overdue or not yet due."""
    outcomes = occurrence_outcomes(dues, [day for day in completions if day <= as_of])
    return [outcome or (OVERDUE if due < as_of else IN_PROGRESS if status == st.IN_PROGRESS else NOT_DUE)
            for outcome, due in zip(outcomes, dues, strict=True)]
