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

A report holds one light `ReportLine` per counted item (task id, category,
due date, lead unit, section): counting 100,000 tasks reads only the columns
that decide a category, and most tasks — a fixed due date, no status history —
are counted inline on ISO strings.  The texts a list shows are read with
`line_texts` for the lines actually listed (`python -m bench.run` times it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
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
    rate_text,
    several_leads_note,
    stored_deadline,
)

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
    section: str  # the top section counted under (`_section_name`)


@dataclass(frozen=True, slots=True)
class LineText:
    """What a report list shows of a task besides its counts."""

    number: str
    content: str
    deadline_text: str
    progress_note: str
    result: str = ""


@dataclass
class Report:
    """Counts by unit and by section, and the overdue list, for the tasks `flt` keeps, judged on `as_of`."""

    period: ReportPeriod
    as_of: date
    flt: TaskFilter
    lines: list[ReportLine] = field(default_factory=list)

    def by(self, attribute: str) -> dict[str, Counter]:
        """Categories counted by `line.<attribute>`, in the order the lines first show each value (the plan's
        order): pairs counted at C speed."""
        lines = self.lines
        pairs = Counter(zip(map(attrgetter(attribute), lines), map(attrgetter("category"), lines), strict=True))
        table: dict[str, Counter] = {}
        for (value, category), count in pairs.items():
            table.setdefault(value, Counter())[category] += count
        return table

    def by_unit(self) -> dict[str, Counter]:
        """Categories by lead unit: a task with several leads counts under each (`unit_note` says so)."""
        joined = self.by("lead_unit")
        table: dict[str, Counter] = {}
        for leads, counts in joined.items():
            for unit in leads.split(LEAD_JOIN) if leads else ["(chưa rõ đơn vị chủ trì)"]:
                table.setdefault(unit, Counter()).update(counts)
        return dict(sorted(table.items()))

    def unit_note(self, by_unit: dict[str, Counter]) -> str | None:
        """The footnote of `by_unit` when tasks with several leads make its lines add up to more than the total."""
        listed = sum(sum(counts.values()) for counts in by_unit.values())
        return several_leads_note(listed, self.counted()) if listed != len(self.lines) else None

    def by_section(self) -> dict[str, Counter]:
        """Categories by top section, each named with its plan's number when the report covers several."""
        return self.by("section")

    def totals(self) -> Counter:
        return Counter(map(attrgetter("category"), self.lines))

    def overdue(self) -> list[ReportLine]:
        return [line for line in self.lines if line.category == OVERDUE]

    def counted(self) -> str:
        """What the totals count, said plainly: "38 lượt = 30 nhiệm vụ + 8 lượt của nhiệm vụ định kỳ"."""
        items = len(self.lines)
        tasks = len({line.task_id for line in self.lines})
        if items == tasks:
            return f"{tasks} nhiệm vụ"
        return f"{items} lượt = {tasks} nhiệm vụ + {items - tasks} lượt của nhiệm vụ định kỳ (mỗi kỳ đến hạn một lượt)"


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


def _status_history(db: Readable, after: str) -> StatusHistory:
    """The status and completion-date changes a report needs, newest first, by task, in one query: every one
    of a recurring task (its completions say which occurrences were done), those made after the report's
    day for the others (to take them back); a task without any is counted as it stands."""
    history: StatusHistory = {}
    for task_id, *change in db.execute(
            "SELECT task_id, at, field, old, new, undone FROM history WHERE (field IN ('status', 'completed_on') "
            "OR field LIKE 'occ:%') AND task_id IS NOT NULL AND (at > ? OR task_id IN "
            "(SELECT id FROM tasks WHERE deadline_kind = 'recurring')) ORDER BY id DESC", [after]):
        history.setdefault(task_id, []).append(tuple(change))  # type: ignore[arg-type]
    return history


_REPORTED = (  # the tasks that can count in a period (`_lines`, `_dated`), so the rest are never read
    "((t.deadline_kind = 'recurring' AND theodoi_occurs(t.deadline_kind, t.deadline_due, t.deadline_end, "
    "t.recurrence, ?1, ?2)) "
    "OR (t.deadline_kind = 'ongoing' AND COALESCE(t.deadline_start, '0000') <= ?2 "
    "AND COALESCE(t.deadline_end, '9999') >= ?1) "
    "OR (t.deadline_kind NOT IN ('recurring', 'ongoing') AND (t.deadline_due IS NULL OR t.deadline_due <= ?3)))"
)  # ?1 the period's first day, ?2 its last, ?3 the last day of its year; what was done when is for `_dated`


_REPORT_COLUMNS = ("t.id, t.section_path, t.deadline_kind, t.deadline_start, t.deadline_due, "
                   "t.deadline_end, t.recurrence, t.status, t.completed_on")
_UNDATED = ("recurring", "ongoing")  # kinds without one due date: counted by `_lines`


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


def _category(status: str, completed: str | None, due: str, as_of: str) -> str:
    """`classify` on ISO strings, for the many tasks with a fixed due date."""
    if status == st.DONE and completed and completed <= as_of:
        return DONE_ON_TIME if completed <= due else DONE_LATE
    if due < as_of:
        return OVERDUE
    return IN_PROGRESS if status == st.IN_PROGRESS else NOT_DUE


def _lead_names(db: Readable) -> dict[int, str]:
    """Each task's lead units, joined: one name string shared by all the tasks of a unit.  One pass over the
    lead links: the first lead of a task names it, the few others follow in order (86 -> 56 ms at 100k; two
    queries read the links twice)."""
    names = dict(db.execute("SELECT id, name FROM units").fetchall())
    leads: dict[int, str] = {}
    others: list[tuple[int, int, int]] = []
    for task_id, unit_id, position in db.execute("SELECT task_id, unit_id, position FROM task_units "
                                                 "WHERE role = 'lead'"):
        if position:
            others.append((task_id, position, unit_id))
        else:
            leads[task_id] = names[unit_id]
    for task_id, _, unit_id in sorted(others):
        name = names[unit_id]
        leads[task_id] = f"{leads[task_id]}{LEAD_JOIN}{name}" if task_id in leads else name
    return leads


@dataclass(frozen=True)
class _Window:
    start: str
    end: str
    year_end: str
    as_of: str
    period: ReportPeriod
    judged: date


def build_report(db: Readable, period: ReportPeriod, flt: TaskFilter | None = None,
                 as_of: date | None = None) -> Report:
    """Count the register's tasks for `period`, judged on `as_of` (default: the period's end).

    Most tasks have a fixed due date and no status history: they are counted
    inline on ISO strings; the others go through `_lines`."""
    judged = as_of or period.end
    flt = flt or TaskFilter()
    report = Report(period, judged, flt)
    added_later = {row[0] for row in db.execute(
        "SELECT task_id FROM history WHERE field = '*' AND source = 'add' AND at > ?",
        [f"{judged.isoformat()} 23:59:59"]).fetchall()}
    history = _status_history(db, f"{judged.isoformat()} 23:59:59")
    recorded = all_recorded(db)
    leads = _lead_names(db)
    where, params = where_clause(db, flt, judged)
    window = _Window(period.start.isoformat(), period.end.isoformat(), f"{period.end.year}-12-31",
                     judged.isoformat(), period, judged)
    lines = report.lines
    several = len(db.execute(f"SELECT DISTINCT t.plan_id FROM tasks t JOIN plans p ON p.id = t.plan_id "
                             f"WHERE {where} LIMIT 2", params).fetchall()) > 1  # stops at the second plan
    sections: dict[tuple[str | None, str | None], str] = {}
    for row in db.execute(f"SELECT {_REPORT_COLUMNS}, p.number FROM tasks t JOIN plans p ON p.id = t.plan_id "
                          f"WHERE {_REPORTED} AND {where} ORDER BY t.plan_id, t.ord",  # numbered marks first
                          [window.start, window.end, window.year_end, *params]):
        task_id, path, kind, _, due, _, _, status, completed, number = row
        if task_id in added_later:
            continue
        lead = leads.get(task_id, "")
        section = sections.get((path, number)) or sections.setdefault((path, number),
                                                                      _section_name(path, number, several))
        if due is None or kind in _UNDATED or task_id in history:
            lines.extend(_lines(row[:-1], lead, section, history.get(task_id, []), recorded.get(task_id, {}),
                                window))
        elif line := _dated(task_id, status, completed, due, window, lead, section):
            lines.append(line)
    return report


def _section_name(path: str | None, plan_number: str | None, several_plans: bool) -> str:
    """The heading a task counts under in "Theo mục": its top section, named with its plan when the
    report covers more than one."""
    top = path.split(" › ")[0] if path else "(không mục)"
    return f"KH {plan_number or '(không số)'} › {top}" if several_plans else top


def _lines(row: tuple, lead: str, section: str, history: list[Change],
           recorded: dict[date, Occurrence], window: _Window) -> list[ReportLine]:
    """The lines of a task that is recurring, ongoing, undated, or has a status history."""
    task_id, _, kind, start, due, end, recurrence, status, completed = row
    status, completed, completions = _state_as_of(status, completed, history, window.as_of)
    if kind == "recurring":
        deadline = stored_deadline(kind, start, due, end, recurrence)
        every = occurrence_dues(deadline, window.period.end, completions)
        categories = _occurrences(status, every, completions, window.judged)
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
    if due is None:
        return [ReportLine(task_id, NO_DUE, None, status, lead, section)]
    line = _dated(task_id, status, completed, due, window, lead, section)
    return [line] if line else []


def _dated(task_id: int, status: str, completed: str | None, due: str, window: _Window, lead: str,
           section: str) -> ReportLine | None:
    """The line of a task with one due date: due in the period's year, or earlier and not done before it."""
    start = window.start
    if start <= due <= window.year_end or (due < start and not (completed and completed < start)):
        return ReportLine(task_id, _category(status, completed, due, window.as_of), date.fromisoformat(due), status,
                          lead, section)
    return None


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
