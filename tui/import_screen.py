"""Importing a plan from inside the interface: pick a file, preview, fix, confirm.

`FilePicker` browses folders for .txt/.md/.docx/.xlsx (or takes a typed
path).  `ImportPreview` reads the file in a worker, shows every task found
and every warning of the reader, lets the officer fix a cell (Enter on a
cell), and writes nothing until Ctrl+S; the import itself is one
transaction in a worker, with a progress indicator.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, DirectoryTree, Input, Label, LoadingIndicator, Static

from db.importer import ImportResult, import_plan, missing_tasks
from db.register import explain
from plans.deadlines import parse_deadline
from plans.model import ParsedPlan, PlanReadError
from plans.reader import read_plan
from plans.sources import SUPPORTED
from plans.units import split_units
from tui.dialogs import ConfirmDialog, TextPrompt, answered
from tui.footer import KeyFooter

if TYPE_CHECKING:
    from textual import getters

    from tui.app import TheodoiApp



class PlanFiles(DirectoryTree):
    """Folders and files (hidden ones left out); files theodoi cannot read are dimmed, and say why when chosen."""

    def filter_paths(self, paths):
        return [p for p in paths if not p.name.startswith(".")]

    def render_label(self, node, base_style, style):  # type: ignore[no-untyped-def]
        label = super().render_label(node, base_style, style)
        path = node.data.path if node.data else None
        if path is not None and not path.is_dir() and path.suffix.lower() not in SUPPORTED:
            label.stylize("dim")
        return label


class FilePicker(Screen[Path | None]):
    """Choose the plan file to import."""

    HELP_TITLE = "Chọn tệp"

    BINDINGS = [Binding("escape", "cancel", "Hủy")]

    def __init__(self, start: Path,
                 title: str = "Nhập kế hoạch – chọn tệp .docx, .pdf, .xlsx, .doc, .xls, .html, .txt") -> None:
        super().__init__()
        self.start = start
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Label(f"[b]{self.title_text}[/b] (Enter) hoặc gõ đường dẫn", id="header")
        yield Input(placeholder="Đường dẫn tệp…", id="path", select_on_focus=False)
        yield PlanFiles(self.start, id="tree")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(PlanFiles).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing while the folder tree has the focus types the path (a "q" in it does not quit)."""
        field = self.query_one("#path", Input)
        if self.focused is not field and event.is_printable and event.character not in (None, " "):
            field.insert_text_at_cursor(event.character)
            field.focus()
            event.stop()
            event.prevent_default()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


PREVIEW_CHUNK = 250  # rows added to the preview between two redraws

_EDITABLE_COLUMNS = {"content": "Nội dung", "product": "Sản phẩm", "lead": "Chủ trì", "coordinating": "Phối hợp",
                     "deadline": "Thời hạn"}


class ImportPreview(Screen[ImportResult | None]):
    """What the reader found in a file, before anything is written."""

    if TYPE_CHECKING:
        app = getters.app(TheodoiApp)  # the app, typed as ours for the checker

    HELP_TITLE = "Xem trước khi nhập"

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Lưu vào sổ"),
        Binding("escape", "cancel", "Hủy, không ghi gì"),
        Binding("enter", "edit_cell", "Sửa ô", priority=True),
        Binding("space", "tick", "Chọn / bỏ chọn mục", show=False),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.plan: ParsedPlan | None = None
        self.picking = False  # the document was not understood: its items are offered, the officer ticks tasks
        self.ticked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Xem trước", "bold"), f": {self.path.name} – đang đọc…"), id="header")
        with Vertical(id="preview-body"):
            yield LoadingIndicator(id="loading")
            yield DataTable(id="preview", cursor_type="cell", zebra_stripes=True)
            yield Static("", id="warnings")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.read_file()

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def read_file(self) -> None:
        try:
            plan = read_plan(self.path, progress=self._progress)
        except PlanReadError as error:
            if error.candidates is not None:
                self.app.call_from_thread(self._offer, error.candidates)
            else:
                self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show, plan)

    def _offer(self, plan: ParsedPlan) -> None:
        self.picking = True
        self._show(plan)
        self.query_one("#header", Static).update(Text.assemble(
            ("Chưa nhận ra cách trình bày của văn bản", "bold"), f" {plan.source_name}: có {len(plan.tasks)} mục "
            "đánh số / gạch đầu dòng. Space: chọn mục là nhiệm vụ · Enter: sửa ô (đơn vị, thời hạn) · "
            "Ctrl+S: lưu các mục đã chọn. Chưa ghi gì vào sổ."))

    def _progress(self, page: int, pages: int) -> None:
        self.app.call_from_thread(
            self.query_one("#header", Static).update,
            Text.assemble(("Xem trước", "bold"), f": {self.path.name} – đang đọc trang {page}/{pages}…"))

    def _failed(self, message: str) -> None:
        self.query_one("#loading").display = False
        self.query_one("#header", Static).update(
            Text.assemble(("Không nhập được: ", "bold red"), message, "  (Esc: quay lại)"))

    def _show(self, plan: ParsedPlan) -> None:
        self.plan = plan
        self.query_one("#loading").display = False
        self.query_one("#header", Static).update(Text.assemble(
            ("Xem trước", "bold"), f": {plan.source_name} – kế hoạch {plan.number or '(không số)'}, "
            f"năm {plan.year or '?'}: ", (f"{len(plan.tasks)} nhiệm vụ", "bold"),
            f", {len(plan.warnings)} cảnh báo. Chưa ghi gì vào sổ."))
        table = self.query_one(DataTable)
        if self.picking:
            table.add_column("Chọn", key="tick", width=4)
        table.add_column("STT", key="number", width=5)
        for key, label in _EDITABLE_COLUMNS.items():
            table.add_column(label, key=key, width=40 if key == "content" else 18)
        table.add_column("Được hiểu là", key="reading", width=26)
        warnings = "\n".join(f"• {w}" for w in plan.warnings) or "Không có cảnh báo."
        self.query_one("#warnings", Static).update(Text.assemble(("Cảnh báo", "bold"), "\n", warnings))
        self._add_rows(plan.tasks, 0)
        table.focus()

    def _add_rows(self, tasks: list, start: int) -> None:  # type: ignore[type-arg]
        """Rows a few hundred at a time, the screen drawn between: a plan of 5,000 tasks never freezes it."""
        table = self.query_one(DataTable)
        for task in tasks[start:start + PREVIEW_CHUNK]:
            table.add_row(*self._cells(task), key=str(task.order))
        if start + PREVIEW_CHUNK < len(tasks):
            self.call_after_refresh(self._add_rows, tasks, start + PREVIEW_CHUNK)

    def _cells(self, task) -> list[Text]:
        texts = [task.number, " ".join(task.content.split()), task.product, ", ".join(task.lead_units),
                 ", ".join(task.coordinating_units), task.deadline.text, task.deadline.reading()]
        tick = [Text("[x]" if task.order in self.ticked else "[ ]")] if self.picking else []
        return tick + [Text(text) for text in texts]

    def action_tick(self) -> None:
        if not self.picking or self.plan is None or not self.plan.tasks:
            return
        table = self.query_one(DataTable)
        task = self.plan.tasks[table.cursor_coordinate.row]
        self.ticked ^= {task.order}
        table.update_cell(str(task.order), "tick", self._cells(task)[0])

    def action_edit_cell(self) -> None:
        table = self.query_one(DataTable)
        if self.plan is None or not self.plan.tasks:
            return
        row, column = table.cursor_coordinate
        key = list(table.columns)[column].value
        if key not in _EDITABLE_COLUMNS:
            return
        task = self.plan.tasks[row]
        current = str(table.get_cell_at(table.cursor_coordinate))
        self.app.push_screen(TextPrompt(f"Sửa «{_EDITABLE_COLUMNS[key]}» của nhiệm vụ {task.number}", current),
                             answered(lambda value: self._set(row, key, value), empty_too=True))

    def _set(self, row: int, key: str, value: str) -> None:
        assert self.plan is not None
        task = self.plan.tasks[row]
        if key == "content":
            task.content = value
        elif key == "product":
            task.product = value
        elif key == "lead":
            task.lead_units, task.lead_inferred = split_units(value), False
        elif key == "coordinating":
            task.coordinating_units = split_units(value)
        else:
            task.deadline, task.deadline_inferred = parse_deadline(value, self.plan.year), False
        table = self.query_one(DataTable)
        for column, cell in zip(table.columns, self._cells(task), strict=True):
            table.update_cell(str(task.order), column, cell)

    def action_confirm(self) -> None:
        if self.plan is None:
            return
        if self.picking:
            chosen = [task for task in self.plan.tasks if task.order in self.ticked]
            if not chosen:
                self.app.notify("Chưa chọn mục nào (Space để chọn).", markup=False, severity="warning")
                return
            for order, task in enumerate(chosen, start=1):
                task.order = order
            self.plan.tasks = chosen
            self.picking = False
        missing = missing_tasks(self.app.db, self.plan)
        if not missing:
            self._save(False)
            return
        listed = "\n".join(f"• {row['number']} {' '.join(row['content'].split())[:70]}" for row in missing[:5])
        more = f"\n… và {len(missing) - 5} nhiệm vụ khác." if len(missing) > 5 else ""
        question = (f"Bản này thiếu {len(missing)} nhiệm vụ đang có trong sổ (những việc đã ghi kết quả lên trước):\n"
                    f"{listed}{more}\nBỏ chúng khỏi sổ? (y: bỏ — hoàn tác được bằng Ctrl+Z; Esc: giữ lại)")
        self.app.push_screen(ConfirmDialog(question), self._save)

    def _save(self, remove_missing: bool | None) -> None:
        self.query_one("#loading").display = True
        self.save(bool(remove_missing))

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def save(self, remove_missing: bool) -> None:
        assert self.plan is not None
        try:
            with self.app.worker_db() as db:
                result = import_plan(db, self.plan, remove_missing=remove_missing)
        except sqlite3.Error as error:
            self.app.call_from_thread(self._failed, f"không ghi được vào sổ: {explain(error)} Sổ không bị thay đổi.")
            return
        self.app.call_from_thread(self.dismiss, result)

    def action_cancel(self) -> None:
        self.dismiss(None)
