"""The task table: a DataTable that holds one page of the filtered tasks at a time.

Textual's DataTable measures every cell it is given, so it never receives
the whole register: it holds `PAGE_SIZE` rows fetched from SQLite with
LIMIT/OFFSET.  Moving the cursor past the last row of a page (down, page
down) fetches the next page; past the first, the previous one; Home / End
the first or last page.  A filter that matches few tasks (the main screen's
`WHOLE_LIST`) is held whole once counted.  Each
status and each lateness has a colour *and* a text marker, so the table
reads on a monochrome terminal and on a printed screenshot.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from db import status as st
from db.tasks import Task
from plans.deadlines import short_name

PAGE_SIZE = 50

COLUMNS = [("number", "STT"), ("content", "Nội dung"), ("lead", "Chủ trì"), ("deadline", "Thời hạn"),
           ("status", "Tr.thái"), ("late", "Còn / quá hạn")]
WIDE = {"number": 6, "lead": 18, "deadline": 12, "status": 7, "late": 19}  # "! quá hạn 1058 ngày"
NARROW = {"number": 5, "lead": 11, "deadline": 12, "status": 7, "late": 12}  # "6T cuối 2026"
ContentKey = ColumnKey("content")

STATUS_MARKS = {
    st.NOT_STARTED: ("○ chưa", "dim"),
    st.IN_PROGRESS: ("◐ đang", "bold yellow"),
    st.DONE: ("● xong", "bold green"),
}


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


def _one_line(text: str, width: int) -> Text:
    """A cell's text on one line, cut to `width`, shown as written (never read as markup: "[dự thảo]" stays)."""
    flat = " ".join(text.split())
    return Text(flat if len(flat) <= width else flat[: width - 1] + "…")


class TaskTable(DataTable):
    """One page of tasks; asks its screen for neighbouring pages at the edges."""

    BINDINGS = [
        Binding("down", "cursor_down", "Xuống", show=False),
        Binding("up", "cursor_up", "Lên", show=False),
        Binding("pagedown", "page_down", "Trang sau", show=False),
        Binding("pageup", "page_up", "Trang trước", show=False),
        Binding("home,ctrl+home", "jump(False)", "Nhiệm vụ đầu", show=False),
        Binding("end,ctrl+end", "jump(True)", "Nhiệm vụ cuối", show=False),
    ]

    class PageRequest(Message):
        """Ask for the page after (+1) or before (-1) the one shown."""

        def __init__(self, step: int) -> None:
            self.step = step
            super().__init__()

    class Jump(Message):
        """Ask for the first (last=False) or the last page of the whole filter."""

        def __init__(self, last: bool) -> None:
            self.last = last
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.tasks: list[Task] = []
        self.page_offset = 0
        self.total = 0
        self.selected: set[int] = set()
        self.narrow = False
        self.today = date.today()

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key, width=WIDE.get(key, 20))

    def on_resize(self) -> None:
        """Narrow terminals get narrower fixed columns; the content column takes what is left."""
        widths = WIDE if self.size.width >= 110 else NARROW
        for key, column in self.columns.items():
            if key.value in widths:
                column.width = widths[key.value]
            column.auto_width = False
        fixed = sum(widths.values()) + 2 * len(self.columns)
        self.columns[ContentKey].width = max(12, self.size.width - fixed - 1)
        narrow = widths is NARROW
        if narrow != self.narrow and self.tasks:
            self.narrow = narrow
            self.show_page(self.tasks, self.page_offset, self.total, self.today, self.cursor_row)
        self.narrow = narrow
        self.refresh()

    def show_page(self, tasks: list[Task], offset: int, total: int, today: date, cursor: int = 0) -> None:
        self.tasks, self.page_offset, self.total, self.today = tasks, offset, total, today
        self.clear()
        for task in tasks:
            self.add_row(*self._cells(task, today), key=str(task.id))
        if tasks:
            self.move_cursor(row=max(0, min(cursor, len(tasks) - 1)))

    def _number_cell(self, task: Task) -> Text:
        return Text(("✔" if task.id in self.selected else " ") + task.number, style="bold" if task.id in self.selected
                    else "")

    def _cells(self, task: Task, today: date) -> list[object]:
        return [
            self._number_cell(task),
            _one_line(task.content, 200),
            _one_line(task.lead_unit or "—", 40),
            short_name(task.deadline),
            status_cell(task),
            lateness_cell(task, today, short=self.narrow),
        ]

    @property
    def current_task(self) -> Task | None:
        if not self.tasks or self.cursor_row < 0 or self.cursor_row >= len(self.tasks):
            return None
        return self.tasks[self.cursor_row]

    def toggle_selected(self) -> None:
        task = self.current_task
        if task is None:
            return
        self.selected ^= {task.id}
        self.update_cell(str(task.id), ColumnKey("number"), self._number_cell(task))

    def _at_edge(self, step: int) -> bool:
        """At the last row with more below (step +1), or the first with more above (-1): ask for that page."""
        if step > 0:
            edge = self.cursor_row >= len(self.tasks) - 1 and self.page_offset + len(self.tasks) < self.total
        else:
            edge = self.cursor_row <= 0 and self.page_offset > 0
        if edge:
            self.post_message(self.PageRequest(step))
        return edge

    def action_cursor_down(self) -> None:
        if not self._at_edge(+1):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self._at_edge(-1):
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if not self._at_edge(+1):
            super().action_page_down()

    def action_page_up(self) -> None:
        if not self._at_edge(-1):
            super().action_page_up()

    def action_jump(self, last: bool) -> None:
        self.post_message(self.Jump(last))
