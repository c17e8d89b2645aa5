"""The task list: every task of the filter in one scrollable list, drawn line by line.

A `ScrollView` on Textual's Line API (as Toolong's log view): its virtual
height is the filter's whole count, so the scrollbar, Home / End, PageUp /
PageDown and the mouse wheel move through all of it, and `render_line`
draws only the lines on screen.  Their tasks come from `Pages`, an LRU cache
of `PAGE_SIZE`-task pages that its screen fetches from SQLite on demand: the
page after a cached one by keyset (plan, order), a page in the second half
of a counted list from its end, so End costs what Home costs.

In plan order the list also draws a dim row where it crosses into a new
plan › section (`db.filters.section_runs`, counted in the screen's worker
with the total); the top line always names the section the rows below
belong to (sticky).  Lines are numbered with those rows; the cursor is a
task index, and `Layout` maps one to the other.

Each status and each lateness has a colour *and* a text marker, so the list
reads on a monochrome terminal and on a printed screenshot.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from db import status as st
from db.filters import FilterError, SectionRun
from db.tasks import Task, section_label
from plans.deadlines import short_name

PAGE_SIZE = 100
KEPT_PAGES = 40  # pages held in memory: 4,000 tasks, whatever the size of the register

COLUMNS = [("number", "STT"), ("content", "Nội dung"), ("lead", "Chủ trì"), ("deadline", "Thời hạn"),
           ("status", "Tr.thái"), ("late", "Còn / quá hạn")]
WIDE = {"number": 6, "lead": 18, "deadline": 12, "status": 7, "late": 19}  # "! quá hạn 1058 ngày"
NARROW = {"number": 5, "lead": 11, "deadline": 12, "status": 7, "late": 12}  # "6T cuối 2026"
NARROW_LABELS = {"late": "Còn/quá hạn"}
WIDE_FROM = 110  # terminal columns from which the wide widths are used

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


class Layout:
    """Where each task and each section row stands among the list's lines."""

    def __init__(self, runs: Sequence[SectionRun] = ()) -> None:
        self.runs = list(runs)
        self.task_starts = [0, *accumulate(run.count for run in self.runs)][:-1]
        self.line_starts = [start + i for i, start in enumerate(self.task_starts)]
        self.several_plans = len({run.plan_id for run in self.runs}) > 1

    def lines(self, total: int) -> int:
        return total + len(self.runs)

    def line_of(self, index: int) -> int:
        return index + bisect_right(self.task_starts, index) if self.runs else index

    def at(self, line: int) -> tuple[int | None, int | None]:
        """(task index, None) for a task's line, (None, run) for a section row."""
        if not self.runs:
            return line, None
        run = self.run_of(line)
        return (None, run) if line == self.line_starts[run] else (line - run - 1, None)

    def run_of(self, line: int) -> int:
        return max(0, bisect_right(self.line_starts, line) - 1)

    def label(self, run: int) -> str:
        found = self.runs[run]
        return section_label(found.plan_number, found.section, self.several_plans)


class TaskList(ScrollView, can_focus=True):
    """The filtered tasks, one line each, with a cursor; the screen supplies the pages."""

    COMPONENT_CLASSES = {"task-list--header", "task-list--section", "task-list--even", "task-list--cursor"}

    DEFAULT_CSS = """
    TaskList {
        background: $surface;
        & > .task-list--header { text-style: bold; background: $panel; color: $foreground; }
        & > .task-list--section { text-style: italic; color: $text-muted; background: $boost; }
        & > .task-list--even { background: $surface-lighten-1 50%; }
        & > .task-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .task-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Xuống", show=False),
        Binding("up", "move(-1)", "Lên", show=False),
        Binding("pagedown", "page(1)", "Trang sau", show=False),
        Binding("pageup", "page(-1)", "Trang trước", show=False),
        Binding("home,ctrl+home", "jump(False)", "Nhiệm vụ đầu", show=False),
        Binding("end,ctrl+end", "jump(True)", "Nhiệm vụ cuối", show=False),
    ]

    class Highlighted(Message):
        """The cursor is on another task (or on none: an empty list)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pages = Pages(lambda *_: [], 0, True, False)
        self.sections = Layout()
        self.cursor = 0
        self.selected: set[int] = set()
        self.today = date.today()

    # --- what the screen tells the list -----------------------------------------

    def show(self, fetch: Fetch, today: date, *, keyset: bool, cursor: int = 0, total: int | None = None,
             sections: Layout | None = None) -> None:
        """A new list: another filter (`total` unknown: counted later, see `counted`), or the same one
        after the register changed (its last count and sections kept until recounted).  The cursor's page
        is read at once, so a filter that cannot be read fails here, not while drawing."""
        self.today = today
        self.pages = Pages(fetch, total or 0, total is not None, keyset)
        self.sections = sections if sections is not None and total is not None else Layout()
        page = self.pages.page(cursor // PAGE_SIZE)
        if total is None:  # until counted: the first page, and one more line when it is full
            self.pages.total = max(self.pages.total, len(page))
        self._resize_virtual()
        self.move_to(cursor, force=True)

    def counted(self, total: int, runs: Sequence[SectionRun], fetch: Fetch | None = None) -> None:
        """The filter's exact count, its sections when the list is in plan order, and (a search) a cheaper
        way to read its pages from now on."""
        self.pages.total, self.pages.exact = total, True
        if fetch is not None:
            self.pages.fetch = fetch
        self.sections = Layout(runs)
        self._resize_virtual()
        self.move_to(self.cursor)

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

    # --- moving -----------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # the column header takes a line

    def move_to(self, index: int, *, force: bool = False) -> None:
        """Put the cursor on task `index` (clamped to the list) and scroll it into view."""
        index = max(0, min(index, self.total - 1))
        moved = index != self.cursor
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        if moved or force:
            self.post_message(self.Highlighted())

    def _scroll_to_cursor(self) -> None:
        line = self.sections.line_of(self.cursor)
        top = 1 if self.sections.runs else 0  # the first line is the sticky section row
        height = self._body_height
        y = self.scroll_offset.y
        if line < y + top:
            y = line - top
        elif line > y + height - 1:
            y = line - height + 1
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self._body_height - 1))

    def action_jump(self, last: bool) -> None:
        self.move_to(self.total - 1 if last else 0)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        line = self.scroll_offset.y + event.y - 1
        index, _ = self.sections.at(line)
        if index is not None and not (self.sections.runs and event.y == 1):  # not the sticky section row
            self.move_to(index)

    def on_resize(self) -> None:
        self._resize_virtual()

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.sections.lines(self.total) + 1)

    # --- drawing ----------------------------------------------------------------

    def widths(self) -> dict[str, int]:
        """Fixed columns by the terminal's width; the content column takes what is left."""
        fixed = WIDE if self.size.width >= WIDE_FROM else NARROW
        content = self.scrollable_content_region.width - sum(fixed.values()) - len(COLUMNS) - 1
        return {**fixed, "content": max(12, content)}

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

    def _row(self, cells: Sequence[Text], style: Style) -> Strip:
        widths = self.widths()
        line = Text(" ", style=style, end="")
        for (key, _), cell in zip(COLUMNS, cells, strict=True):
            cell = cell.copy()
            cell.truncate(widths[key], overflow="ellipsis", pad=True)
            line.append_text(cell)
            line.append(" ")
        return self._strip(line, style)

    def _strip(self, text: Text, style: Style) -> Strip:
        """One line of the list: `style` under the text's own (Rich applies a Text's base style only when it
        has spans, so a plain section row would lose it), padded to the width."""
        width = self.scrollable_content_region.width
        segments = list(text.render(self.app.console))
        return Strip(segments).apply_style(style).extend_cell_length(width, style).crop(0, width)

    def render_line(self, y: int) -> Strip:
        if y == 0:
            header = self.get_component_rich_style("task-list--header")
            narrow = self.size.width < WIDE_FROM
            return self._row([Text(NARROW_LABELS.get(key, label) if narrow else label) for key, label in COLUMNS],
                             header)
        line = self.scroll_offset.y + y - 1
        if line >= self.sections.lines(self.total):
            return Strip([Segment(" " * self.scrollable_content_region.width, self.rich_style)])
        index, run = self.sections.at(line)
        if self.sections.runs and y == 1:  # sticky: the top line names the section of what is below
            run = self.sections.run_of(line)
        if run is not None:
            section = self.get_component_rich_style("task-list--section")
            return self._strip(Text(" " + self.sections.label(run), style=section), section)
        assert index is not None
        try:
            task = self.pages.task(index)
        except FilterError:  # the register changed under the filter (a unit merged away): shown at reload
            task = None
        if task is None:
            return self._strip(Text(" …"), self.rich_style)
        style = self.rich_style
        if index % 2:
            style += self.get_component_rich_style("task-list--even")
        if index == self.cursor:
            style += self.get_component_rich_style("task-list--cursor")
        return self._row(self.cells(task), style)
