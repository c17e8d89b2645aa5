"""The forms the officer fills in: the status form and the task form (add / edit by hand).

Both are modal screens (`Form`) returning a dict of the fields, or None when
cancelled.  The fields scroll; the title, the error line and the buttons stay
on screen, so the form can be saved at 80×24.  Wrong input (a date that is not a date, an empty content) is
shown under the form in Vietnamese and nothing is returned until it is right.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from db import status as st
from db.occurrences import Occurrence
from db.plans import PlanDates
from db.tasks import Task
from plans.dates import read_day
from plans.deadlines import mistyped_period, parse_deadline
from plans.text import shorten


def occurrence_dues(task: Task, today: date) -> list[date]:
    """Due dates of a recurring task over its active window, up to a year ahead of today."""
    deadline = task.deadline
    if deadline.kind != "recurring" or deadline.due is None:
        return []
    start = deadline.start or date(deadline.due.year, 1, 1)
    end = min(deadline.end or date(today.year, 12, 31), date(today.year + 1, 12, 31))
    return deadline.occurrences(start, end)


class Form(ModalScreen[dict | None]):
    """A dialog of fields: Ctrl+S saves (the subclass's `action_save`), Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Hủy"), Binding("ctrl+s", "save", "Lưu")]
    FIXED_LINES = 12  # border, padding, title, error line and buttons around the scrolling fields

    def form_end(self) -> ComposeResult:
        """The error line and the buttons, below the fields."""
        yield Static("", id="form-error", classes="error")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Lưu (Ctrl+S)", id="save", variant="primary", compact=True)
            yield Button("Hủy (Esc)", id="cancel", compact=True)

    def on_resize(self) -> None:
        self.query_one(".form-fields").styles.max_height = max(4, self.size.height - self.FIXED_LINES)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


def _status_label(code: str, chosen: bool) -> str:
    return ("▶ " if chosen else "  ") + st.label(code).capitalize()


class StatusForm(Form):
    """Status, completion date, progress note and result for one or several tasks."""

    def __init__(self, task: Task | None, count: int, today: date,
                 occurrences: dict[date, Occurrence] | None = None) -> None:
        super().__init__()
        self.task_ = task
        self.count = count
        self.today = today
        self.recorded = occurrences or {}
        self.dues = occurrence_dues(task, today) if task is not None and count == 1 else []

    def compose(self) -> ComposeResult:
        task = self.task_
        title = (f"Cập nhật {self.count} nhiệm vụ đã chọn" if self.count > 1
                 else f"Cập nhật: {task.number + '. ' if task and task.number else ''}"
                      f"{shorten(task.content if task else '', 70)}")
        current = task.status if task else st.NOT_STARTED
        done_on = task.completed_on if task and task.completed_on else self.today
        with Vertical(classes="dialog form"):
            yield Label(title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="form-fields"):
                yield from self.status_fields(task, current, done_on)
            yield from self.form_end()

    def status_fields(self, task: Task | None, current: str, done_on: date) -> ComposeResult:
        if self.dues:
            yield Label("Kỳ báo cáo (nhiệm vụ định kỳ: cập nhật cho kỳ nào?)")
            yield Select([(self._due_label(due), due.isoformat()) for due in self.dues],
                         value=self._default_due().isoformat(), allow_blank=False, id="occurrence", compact=True)
        yield Label("Trạng thái")
        with RadioSet(id="status"):
            for code in st.STATUSES:
                yield RadioButton(_status_label(code, code == current), value=code == current, name=code)
        yield Label("Ngày hoàn thành (dd/mm/yyyy)")
        yield Input(done_on.strftime("%d/%m/%Y"), id="completed_on", compact=True)
        yield Label("Tiến độ / ghi chú")
        yield Input(task.progress_note if task and self.count == 1 else "", id="progress_note", compact=True)
        yield Label("Kết quả / minh chứng (ví dụ: Báo cáo số 123/BC-SYT)")
        yield Input(task.result if task and self.count == 1 else "", id="result", compact=True)

    def _due_label(self, due: date) -> str:
        record = self.recorded.get(due)
        state = st.label(record.status) if record else "chưa ghi nhận"
        return f"Kỳ hạn {due:%d/%m/%Y} – {state}"

    def _default_due(self) -> date:
        """The first occurrence not yet done: the one a unit's report most likely answers."""
        open_ = [due for due in self.dues if not (self.recorded.get(due) and self.recorded[due].status == st.DONE)]
        return open_[0] if open_ else self.dues[-1]

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Mark the chosen status in words too, not by colour alone."""
        for button in event.radio_set.query(RadioButton):
            button.label = _status_label(button.name or "", button is event.pressed)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        pressed = self.query_one(RadioSet).pressed_button
        code = pressed.name if pressed else st.NOT_STARTED
        completed = read_day(self.query_one("#completed_on", Input).value)
        if code == st.DONE and completed is None:
            self.query_one("#form-error", Static).update("Ngày hoàn thành không đúng dạng dd/mm/yyyy.")
            return
        if completed and completed > self.today:
            self.query_one("#form-error", Static).update("Ngày hoàn thành không được sau hôm nay.")
            return
        occurrence = self.query_one("#occurrence", Select).value if self.dues else None
        self.dismiss({
            "occurrence": date.fromisoformat(str(occurrence)) if occurrence else None,
            "status": code,
            "completed_on": completed,
            "progress_note": self.query_one("#progress_note", Input).value.strip(),
            "result": self.query_one("#result", Input).value.strip(),
        })



class TaskForm(Form):
    """Add a task by hand, or edit what the plan says about one."""

    def __init__(self, task: Task | None, dates: PlanDates) -> None:
        super().__init__()
        self.task_ = task
        self.dates = dates

    def compose(self) -> ComposeResult:
        task = self.task_
        with Vertical(classes="dialog form"):
            yield Label("Sửa nhiệm vụ" if task else "Thêm nhiệm vụ", classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                yield from self.task_fields(task)
            yield from self.form_end()

    def task_fields(self, task: Task | None) -> ComposeResult:
        fields = [
            ("number", "Số thứ tự", task.number if task else ""),
            ("content", "Nội dung", task.content if task else ""),
            ("product", "Sản phẩm", task.product if task else ""),
            ("deadline_text", "Thời hạn (ví dụ: Quý II/2026, Tháng 11/2026, Thường xuyên)",
             task.deadline.text if task else ""),
            ("lead", "Đơn vị chủ trì (cách nhau bởi dấu ;)", "; ".join(task.lead_units) if task else ""),
            ("coordinating", "Đơn vị phối hợp (cách nhau bởi dấu ;)",
             "; ".join(task.coordinating_units) if task else ""),
        ]
        for key, label, value in fields:
            yield Label(label)
            yield Input(value, id=key, compact=True)
        yield Static("", id="deadline-reading", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#content", Input).focus()
        self._read_deadline(self.query_one("#deadline_text", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "deadline_text":
            self._read_deadline(event.value)

    def _read_deadline(self, text: str) -> None:
        deadline = parse_deadline(text, *self.dates)
        reading = Text(f"Thời hạn được hiểu là: {deadline.reading()}")
        if problem := self._mistyped(text):
            reading.append(f"  ⚠ {problem}", style="bold red")
        self.query_one("#deadline-reading", Static).update(reading)

    def _mistyped(self, text: str) -> str | None:
        """What is wrong with a deadline typed here; a deadline kept as the plan wrote it is not asked about."""
        if self.task_ is not None and text.strip() == self.task_.deadline.text.strip():
            return None
        return mistyped_period(text.strip(), *self.dates)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        values: dict[str, object] = {key: self.query_one(f"#{key}", Input).value.strip()
                                     for key in ("number", "content", "product", "deadline_text", "lead",
                                                 "coordinating")}
        if not values["content"]:
            self.query_one("#form-error", Static).update("Nội dung nhiệm vụ không được để trống.")
            return
        if problem := self._mistyped(str(values["deadline_text"])):
            self.query_one("#form-error", Static).update(
                f"Thời hạn: {problem}. Sửa lại, hoặc ghi điều kiện bằng chữ (ví dụ: Theo kế hoạch của UBND tỉnh).")
            self.query_one("#deadline_text", Input).focus()
            return
        for key in ("lead", "coordinating"):
            values[key] = [name.strip() for name in str(values[key]).split(";") if name.strip()]
        self.dismiss(values)

