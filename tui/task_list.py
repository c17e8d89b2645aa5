"""The task list: every task of the filter in one scrollable list (a `LineTable`, tui/line_table.py).

Its rows are the filter's whole count, so the scrollbar, Home / End, PageUp /
PageDown and the mouse wheel move through all of it; the tasks of the rows on
screen come from `Pages`, an LRU cache of `PAGE_SIZE`-task pages that its
screen fetches from SQLite on demand: the page after a cached one by keyset
(plan, order), a page in the second half of a counted list from its end, so
End costs what Home costs.

In plan order the list also draws a dim row where it crosses into a new
plan › section (`db.filters.section_runs`, counted in the screen's worker
with the total); the top line always names the section the rows below
belong to (sticky).

Each status and each lateness has a colour *and* a text marker, so the list
reads on a monochrome terminal and on a printed screenshot.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text

from db import status as st
from db.filters import FilterError, SectionRun
from db.tasks import Task, section_label
from plans.deadlines import short_name
from tui.line_table import WIDE_FROM, LineTable, Sections

PAGE_SIZE = 100
KEPT_PAGES = 40  # pages held in memory: 4,000 tasks, whatever the size of the register

COLUMNS = [("number", "STT"), ("content", "Nội dung"), ("lead", "Chủ trì"), ("deadline", "Thời hạn"),
           ("status", "Tr.thái"), ("late", "Còn / quá hạn")]
WIDE = {"number": 6, "lead": 18, "deadline": 12, "status": 7, "late": 19}  # "! quá hạn 1058 ngày"
NARROW = {"number": 5, "lead": 11, "deadline": 12, "status": 7, "late": 12}  # "6T cuối 2026"
NARROW_LABELS = {"late": "Còn/quá hạn"}

STATUS_MARKS = {
    st.NOT_STARTED: ("○ chưa", "dim"),
    st.IN_PROGRESS: ("◐ đang", "bold yellow"),
    st.DONE: ("● xong", "bold green"),
}

# fetch(limit, offset, after, from_end): tasks of the filter, as db.filters.fetch_tasks takes them
Fetch = Callable[[int, int, tuple[int, int] | None, bool], list[Task]]


def status_cell(task: Task) -> Text:
    mark, style = STATUS_MARKS.get(task.status, (task.status, ""))
    return Text(mark, style=style)


def lateness_cell(task: Task, today: date, short: bool = False) -> Text:
    text = task.lateness(today)
    if short:
        text = text.replace("quá hạn", "quá").replace(" ngày", " ng").replace("đến hạn hôm nay", "hôm nay")
    if text.startswith("quá"):
        return Text(f"! {text}", style="bold red")
    days = task.days_left(today)
    if days is not None and days <= 30 and text:
        return Text(text, style="yellow")
    return Text(text, style="dim")


def _one_line(text: str) -> Text:
    """A cell's text on one line, shown as written (never read as markup: "[dự thảo]" stays)."""
    return Text(" ".join(text.split()))


class Pages:
    """The tasks of one filter, a page at a time, the most recently used `KEPT_PAGES` pages kept."""

    def __init__(self, fetch: Fetch, total: int, exact: bool, keyset: bool) -> None:
        self.fetch = fetch
        self.total = total  # exact once counted; before, what the first page showed
        self.exact = exact
        self.keyset = keyset  # plan order: the page after a cached one starts after its last task
        self.kept: OrderedDict[int, list[Task]] = OrderedDict()

    def task(self, index: int) -> Task | None:
        if not 0 <= index < self.total:
            return None
        number, within = divmod(index, PAGE_SIZE)
        page = self.page(number)
        return page[within] if within < len(page) else None

    def page(self, number: int) -> list[Task]:
        if number in self.kept:
            self.kept.move_to_end(number)
            return self.kept[number]
        page = self._fetch(number)
        self.kept[number] = page
        if len(self.kept) > KEPT_PAGES:
            self.kept.popitem(last=False)
        if not self.exact and len(page) == PAGE_SIZE:  # not counted yet: one more row says "more below"
            self.total = max(self.total, (number + 1) * PAGE_SIZE + 1)
        return page

    def _fetch(self, number: int) -> list[Task]:
        first = number * PAGE_SIZE
        before = self.kept.get(number - 1)
        if self.keyset and before and len(before) == PAGE_SIZE:
            return self.fetch(PAGE_SIZE, 0, (before[-1].plan_id, before[-1].ord), False)
        if self.exact and first > self.total // 2:  # counted from the end: no OFFSET through the first half
            size = min(PAGE_SIZE, self.total - first)
            return self.fetch(size, self.total - first - size, None, True)
        return self.fetch(PAGE_SIZE, first, None, False)

    def cached(self) -> list[Task]:
        return [task for page in self.kept.values() for task in page]


class Ranked:
    """A search's matches in rank order, as ids for its pages: the first page as soon as it is found (a broad
    search, `db.filters.first_ranked_ids`), every match once ranked — by the screen's count worker, or here
    when a page past the first is asked for before that."""

    def __init__(self, rank: Callable[[], list[int]], first: list[int] | None = None) -> None:
        self.rank = rank
        self.first = first or []
        self.ids: list[int] | None = None if first else rank()

    def page(self, limit: int, offset: int, from_end: bool) -> list[int]:
        if self.ids is None and not from_end and offset + limit <= len(self.first):
            return self.first[offset:offset + limit]
        if self.ids is None:
            self.ids = self.rank()
        start = max(0, len(self.ids) - offset - limit) if from_end else offset
        return self.ids[start:start + limit]


def sections_of(runs: Sequence[SectionRun]) -> Sections:
    """The section rows of a list in plan order, each named with its plan when the list holds several."""
    several = len({run.plan_id for run in runs}) > 1
    return Sections([(section_label(run.plan_number, run.section, several), run.count) for run in runs])


class TaskList(LineTable):
    """The filtered tasks, one line each, with a cursor; the screen supplies the pages."""

    COLUMNS = COLUMNS

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pages = Pages(lambda *_: [], 0, True, False)
        self.selected: set[int] = set()
        self.today = date.today()

    # --- what the screen tells the list -----------------------------------------

    def show(self, fetch: Fetch, today: date, *, keyset: bool, cursor: int = 0, total: int | None = None,
             sections: Sections | None = None) -> None:
        """A new list: another filter (`total` unknown: counted later, see `counted`), or the same one
        after the register changed (its last count and sections kept until recounted).  The cursor's page
        is read at once, so a filter that cannot be read fails here, not while drawing."""
        self.today = today
        self.pages = Pages(fetch, total or 0, total is not None, keyset)
        self.sections = sections if sections is not None and total is not None else Sections()
        page = self.pages.page(cursor // PAGE_SIZE)
        if total is None:  # until counted: the first page, and one more line when it is full
            self.pages.total = max(self.pages.total, len(page))
        self.resize_virtual()
        self.move_to(cursor, force=True)

    def counted(self, total: int, runs: Sequence[SectionRun]) -> None:
        """The filter's exact count, and its sections when the list is in plan order."""
        self.pages.total, self.pages.exact = total, True
        self.sections = sections_of(runs)
        self.resize_virtual()
        self.move_to(self.cursor)

    @property
    def row_count(self) -> int:
        return self.pages.total

    @property
    def total(self) -> int:
        return self.pages.total

    @property
    def current_task(self) -> Task | None:
        return self.pages.task(self.cursor)

    def cached_task(self, task_id: int) -> Task | None:
        return next((task for task in self.pages.cached() if task.id == task_id), None)

    def toggle_selected(self) -> None:
        task = self.current_task
        if task is not None:
            self.selected ^= {task.id}
            self.refresh()

    # --- drawing ----------------------------------------------------------------

    def widths(self) -> dict[str, int]:
        """Fixed columns by the terminal's width; the content column takes what is left."""
        fixed = WIDE if self.size.width >= WIDE_FROM else NARROW
        content = self.scrollable_content_region.width - sum(fixed.values()) - len(COLUMNS) - 1
        return {**fixed, "content": max(12, content)}

    def labels(self) -> list[str]:
        narrow = self.size.width < WIDE_FROM
        return [NARROW_LABELS.get(key, label) if narrow else label for key, label in COLUMNS]

    def cells_at(self, index: int) -> list[Text] | None:
        try:
            task = self.pages.task(index)
        except (FilterError, sqlite3.DatabaseError):  # a unit merged away meanwhile, a damaged register: «…»
            return None
        return None if task is None else self.cells(task)

    def cells(self, task: Task) -> list[Text]:
        """A task's cells as the list shows them, left to right."""
        mark = "✔" if task.id in self.selected else " "
        return [
            Text(mark + task.number, style="bold" if task.id in self.selected else ""),
            _one_line(task.content),
            _one_line(task.lead_unit or "—"),
            Text(short_name(task.deadline)),
            status_cell(task),
            lateness_cell(task, self.today, short=self.size.width < WIDE_FROM),
        ]
