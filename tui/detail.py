"""The detail pane: everything about the highlighted task, and its recent history."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.text import Text
from textual.widgets import Static

from db import status as st
from db.history import HistoryEntry
from db.occurrences import Occurrence, parse_field
from db.tasks import FIELD_LABELS, Task
from plans.deadlines import KIND_LABELS
from tui.task_list import lateness_cell, status_cell


def _line(label: str, value: str) -> Text:
    text = Text()
    text.append(f"{label}: ", style="bold")
    text.append(value or "—")
    return text


def _field_label(field: str) -> str:
    occurrence = parse_field(field)
    if occurrence:
        due, name = occurrence
        return f"kỳ {due:%d/%m/%Y} – {FIELD_LABELS.get(name, name)}"
    return FIELD_LABELS.get(field, field)


def _history_line(entry: HistoryEntry) -> Text:
    field = _field_label(entry.field)
    source = {"status": "sửa", "edit": "sửa", "undo": "hoàn tác", "add": "thêm", "delete": "xóa"}.get(
        entry.source, entry.source)
    old, new = entry.old, entry.new
    if entry.field == "status" or entry.field.endswith(":status"):
        old, new = st.label(old), st.label(new)
    change = f"{old or '∅'} → {new or '∅'}" if entry.field != "*" else "tạo nhiệm vụ"
    return Text(f"  {entry.at[:16]}  {field}: {change}  ({source})", style="dim")


def _occurrence_line(occurrences: dict[date, Occurrence]) -> Text:
    marks = {st.DONE: "●", st.IN_PROGRESS: "◐", st.NOT_STARTED: "○"}
    text = Text("Các kỳ đã ghi nhận: ", style="bold")
    text.append("  ".join(f"{due:%d/%m} {marks.get(o.status, '?')} {st.label(o.status)}"
                          for due, o in sorted(occurrences.items())))
    return text


def render_detail(task: Task, history: list[HistoryEntry], today: date,
                  occurrences: dict[date, Occurrence] | None = None) -> Group:
    deadline = task.deadline
    reading = deadline.reading()
    deadline_text = f"{deadline.text} → {reading}" if deadline.text else reading
    if deadline.note:
        deadline_text += f" (ghi chú: {deadline.note})"
    if task.deadline_inferred:
        deadline_text += " [suy ra từ tiêu đề mục]"
    status = Text.assemble(("Trạng thái: ", "bold"), status_cell(task), " ", lateness_cell(task, today))
    lead = task.lead_unit + (" [suy ra: đơn vị đầu danh sách]" if task.lead_inferred else "")
    parts: list[RenderableType] = [
        Text(" › ".join(part for part in (task.plan_number, task.section) if part), style="italic"),
        Text.from_markup(f"[b]{escape(task.number + '. ' if task.number else '')}{escape(task.content)}[/b]"),
    ]
    if task.context:
        parts.append(Text(task.context, style="dim"))
    parts += [
        _line("Sản phẩm", task.product),
        _line("Chủ trì", lead),
        _line("Phối hợp", ", ".join(task.coordinating_units)),
        _line(f"Thời hạn ({KIND_LABELS.get(deadline.kind, deadline.kind)})", deadline_text),
        status,
        _line("Ngày hoàn thành", task.completed_on.strftime("%d/%m/%Y") if task.completed_on else ""),
        _line("Tiến độ", task.progress_note),
        _line("Kết quả", task.result),
    ]
    if occurrences:
        parts.append(_occurrence_line(occurrences))
    if task.budget is not None:
        parts.append(_line("Kinh phí (triệu đồng)", f"{task.budget:,.0f}".replace(",", ".")))
    if history:
        parts.append(Text("Lịch sử:", style="bold"))
        parts += [_history_line(entry) for entry in history[:6]]
    return Group(*parts)


class DetailPane(Static):
    """Shows one task; empty text when the filter finds nothing."""

    shown_task: Task | None = None

    def show(self, task: Task | None, history: list[HistoryEntry], today: date,
             occurrences: dict[date, Occurrence] | None = None) -> None:
        self.shown_task = task
        if task is None:
            self.update(Text("Không có nhiệm vụ nào khớp bộ lọc. Nhấn «c» để bỏ lọc.", style="italic"))
            return
        self.update(render_detail(task, history, today, occurrences))
