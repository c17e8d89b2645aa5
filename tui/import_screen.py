"""Importing a plan from inside the interface: pick a file, preview, fix, confirm.

`FilePicker` browses folders for .txt/.md/.docx/.xlsx (or takes a typed
path).  `ImportPreview` reads the file in a worker, shows every task found
(`PreviewTable`, a `LineTable` drawing only the rows on screen, so a plan of
20,000 rows shows at once) and every warning of the reader, lets the
officer fix a cell (Enter on a cell), and writes nothing until Ctrl+S; the
import itself is one transaction in a worker, with a progress indicator.
"""

from __future__ import annotations

import sqlite3
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DirectoryTree, Input, Label, LoadingIndicator, Static

from db.importer import ImportResult, import_plan, missing_tasks
from db.register import explain
from db.tasks import section_label
from plans.deadlines import parse_deadline
from plans.model import ParsedPlan, ParsedTask, PlanReadError
from plans.reader import read_plan
from plans.sources import SUPPORTED
from plans.units import split_units
from tui.dialogs import ConfirmDialog, TextPrompt, answered
from tui.footer import KeyFooter
from tui.line_table import WIDE_FROM, LineTable, Sections

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


_EDITABLE_COLUMNS = {"content": "Nội dung", "product": "Sản phẩm", "lead": "Chủ trì", "coordinating": "Phối hợp",
                     "deadline": "Thời hạn"}
_PREVIEW_COLUMNS = [("number", "STT"), *_EDITABLE_COLUMNS.items(), ("reading", "Được hiểu là")]
_TICK = ("tick", "Chọn")
_STATUS = ("status", "Trạng thái")  # shown when the file records one (an officer's tracking table)
_WIDE = {"tick": 5, "number": 5, "product": 14, "lead": 16, "coordinating": 14, "deadline": 14, "reading": 22,
         "status": 14}
_NARROW = {"tick": 5, "number": 4, "product": 8, "lead": 10, "coordinating": 8, "deadline": 10, "reading": 12,
           "status": 10}


class PreviewTable(LineTable):
    """The tasks a file was read into, one line each, with a cursor on one cell (Enter edits it); in
    picking mode a first column says which items are ticked as tasks."""

    CELL_CURSOR = True
    BINDINGS = [*LineTable.BINDINGS, *LineTable.CELL_BINDINGS]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tasks: list[ParsedTask] = []
        self.picking = False
        self.with_status = False
        self.ticked: set[int] = set()

    def load(self, tasks: list[ParsedTask], picking: bool) -> None:
        self.tasks, self.picking = tasks, picking
        self.with_status = any(task.reported_status or task.completed_on for task in tasks)
        self.COLUMNS = ([_TICK] if picking else []) + list(_PREVIEW_COLUMNS) + ([_STATUS] if self.with_status else [])
        # a row opening each section, as the task list draws them: which appendix, which part a task is in
        self.sections = Sections([(section_label("", " › ".join(path), False), sum(1 for _ in run))
                                  for path, run in groupby(tasks, key=lambda task: tuple(task.section_path))])
        self.resize_virtual()
        self.move_to(0, force=True)

    @property
    def row_count(self) -> int:
        return len(self.tasks)

    @property
    def current(self) -> ParsedTask | None:
        return self.tasks[self.cursor] if 0 <= self.cursor < len(self.tasks) else None

    def widths(self) -> dict[str, int]:
        """Fixed columns by the terminal's width; the content column takes what is left."""
        room = WIDE_FROM + (_WIDE["status"] if self.with_status else 0)  # the status column takes its share
        chosen = _WIDE if self.size.width >= room else _NARROW
        fixed = {key: chosen[key] for key, _ in self.COLUMNS if key != "content"}
        content = self.scrollable_content_region.width - sum(fixed.values()) - len(self.COLUMNS) - 1
        return {**fixed, "content": max(12, content)}

    def cells_at(self, index: int) -> list[Text] | None:
        task = self.tasks[index]
        texts = [task.number, " ".join(task.content.split()), task.product, ", ".join(task.lead_units),
                 ", ".join(task.coordinating_units), task.deadline.text, task.deadline.reading()]
        if self.with_status:
            texts.append(" ".join(filter(None, [task.reported_status, f"{task.completed_on:%d/%m/%Y}"
                                                if task.completed_on else ""])))
        tick = [Text("[x]" if task.order in self.ticked else "[ ]")] if self.picking else []
        return tick + [Text(" ".join(text.split())) for text in texts]

    def toggle_ticked(self) -> None:
        task = self.current
        if task is not None:
            self.ticked ^= {task.order}
            self.refresh()


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

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Xem trước", "bold"), f": {self.path.name} – đang đọc…"), id="header")
        with Vertical(id="preview-body"):
            yield LoadingIndicator(id="loading")
            yield PreviewTable(id="preview")
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
        warnings = "\n".join(f"• {w}" for w in plan.warnings) or "Không có cảnh báo."
        self.query_one("#warnings", Static).update(Text.assemble(("Cảnh báo", "bold"), "\n", warnings))
        table = self.query_one(PreviewTable)
        table.load(plan.tasks, self.picking)
        table.focus()

    def action_tick(self) -> None:
        if self.picking:
            self.query_one(PreviewTable).toggle_ticked()

    def action_edit_cell(self) -> None:
        table = self.query_one(PreviewTable)
        task, key = table.current, table.column_key
        if task is None or key not in _EDITABLE_COLUMNS:
            return
        cells = table.cells_at(table.cursor) or []
        current = cells[table.cell].plain if table.cell < len(cells) else ""
        self.app.push_screen(TextPrompt(f"Sửa «{_EDITABLE_COLUMNS[key]}» của nhiệm vụ {task.number}", current),
                             answered(lambda value: self._set(task, key, value), empty_too=True))

    def _set(self, task: ParsedTask, key: str, value: str) -> None:
        assert self.plan is not None
        if key == "content":
            task.content = value
        elif key == "product":
            task.product = value
        elif key == "lead":
            task.lead_units, task.lead_inferred = split_units(value), False
        elif key == "coordinating":
            task.coordinating_units = split_units(value)
        else:
            task.deadline, task.deadline_inferred = parse_deadline(value, self.plan.year, self.plan.issue_date), False
        self.query_one(PreviewTable).refresh()

    def action_confirm(self) -> None:
        if self.plan is None:
            return
        if self.picking:
            ticked = self.query_one(PreviewTable).ticked
            chosen = [task for task in self.plan.tasks if task.order in ticked]
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
