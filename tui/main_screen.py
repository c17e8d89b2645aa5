"""The main screen: the filtered task table, the detail pane, and the work on tasks.

The screen keeps one `TaskFilter`; every filter key changes it, the list
(tui/task_list.py) shows its first page at once and a worker counts the
matches and their sections (`db.filters.section_runs`); the list asks for
pages as they scroll into view.  The filter is saved in the register so the
next start opens where the officer left off.  Status changes,
edits, deletes and undo go through `db.tasks`, which writes the history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from db import status as st
from db.backup import last_backup
from db.edits import add_task, delete_task, set_status, update_task
from db.filters import (
    VIEWS,
    FilterError,
    TaskFilter,
    canonical,
    count_tasks,
    describe,
    fetch_tasks,
    first_ranked_ids,
    position_of,
    ranked_ids,
    read_deadline_expression,
    section_runs,
    total_tasks,
)
from db.history import task_history
from db.occurrences import occurrence_changes, recorded
from db.plans import list_plans, plan_dates
from db.register import explain, get_meta, set_meta
from db.settings import Setting
from db.tasks import Task, fetch_tasks_by_id
from db.undo import take_step
from tui.detail import DetailPane
from tui.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt, answered, plan_choices, unit_dialog
from tui.footer import KeyFooter
from tui.forms import StatusForm, TaskForm
from tui.sheet_actions import SheetActions
from tui.task_list import PAGE_SIZE, Fetch, Ranked, TaskList
from tui.writes import saving


def explain_deadline(text: str, today: date) -> str:
    """The live hint under the deadline filter."""
    if not text.strip():
        return "Để trống: không lọc theo thời hạn."
    try:
        return f"→ {read_deadline_expression(text, today).reading}"
    except FilterError as error:
        return f"✗ {error}"


OUTSIDE_CHECK_SECONDS = 2.0  # how often the screen looks for changes another program wrote


class MainScreen(SheetActions):
    """Tasks, filters and follow-up work."""

    HELP_TITLE = "Màn hình chính"

    BINDINGS = [
        # in the footer, most used first: at 80 columns the first six show; ? lists every key
        Binding("enter", "status_form", "Cập nhật", priority=True,
                tooltip="Ghi trạng thái, ngày hoàn thành, tiến độ, kết quả của nhiệm vụ (hoặc các nhiệm vụ đã chọn)"),
        Binding("slash", "filter_search", "Tìm", tooltip="Tìm cụm từ trong nội dung, sản phẩm, kết quả"),
        Binding("u", "filter_unit", "Đơn vị", tooltip="Chỉ nhiệm vụ của một đơn vị (l: chỉ chủ trì)"),
        Binding("d", "filter_deadline", "Thời hạn", tooltip="Chỉ nhiệm vụ có hạn trong một kỳ: Quý II/2026, quá hạn…"),
        Binding("x", "export", "Xuất Excel", tooltip="Ghi danh sách đang xem ra tệp Excel để in hoặc gửi"),
        Binding("r", "report", "Báo cáo", tooltip="Báo cáo định kỳ: quý, 6 tháng, 9 tháng, năm"),
        Binding("ctrl+z", "undo", "Hoàn tác", tooltip="Bỏ cả bước vừa làm (Ctrl+Y: làm lại)"),
        Binding("t", "filter_status", "Trạng thái", tooltip="Chỉ nhiệm vụ chưa làm, đang làm hoặc đã xong"),
        Binding("space", "select", "Chọn", tooltip="Chọn nhiều nhiệm vụ để cập nhật cùng lúc"),
        Binding("p", "filter_plan", "Kế hoạch", show=False),
        Binding("l", "toggle_role", "Chỉ chủ trì", show=False),
        Binding("c", "clear_filter", "Bỏ lọc", tooltip="Xem lại tất cả nhiệm vụ"),
        Binding("1", "view('all')", "Tất cả", show=False),
        Binding("2", "view('overdue')", "Quá hạn", show=False),
        Binding("3", "view('next30')", "30 ngày tới", show=False),
        Binding("4", "view('quarter')", "Quý này", show=False),
        Binding("5", "view('ongoing')", "Thường xuyên", show=False),
        Binding("6", "view('done')", "Đã xong", show=False),
        Binding("ctrl+y", "redo", "Làm lại", show=False),
        Binding("a", "add_task", "Thêm", show=False),
        Binding("e", "edit_task", "Sửa", show=False),
        Binding("delete", "delete_task", "Xóa", show=False),
        Binding("U", "units", "Các đơn vị", show=False),
        Binding("i", "import_plan", "Nhập kế hoạch", show=False),
        Binding("w", "export_unit", "Phiếu cho đơn vị", show=False),
        Binding("W", "export_each_unit", "Mỗi đơn vị một phiếu", show=False),
        Binding("n", "receive", "Nhận phiếu", show=False),
        Binding("S", "send", "Thư nháp gửi phiếu cho các đơn vị", show=False),
        Binding("D", "department", "Tên cơ quan trên bảng Excel", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = TaskFilter()
        self.ranked: Ranked | None = None  # the current search's matches in rank order
        self._data_version: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="header")
        yield Static("", id="filter-bar")
        with Vertical(id="body"):
            yield TaskList(id="tasks")
            with VerticalScroll(id="detail-box"):
                yield DetailPane(id="detail")
        yield Static("", id="message", markup=False)
        yield KeyFooter()

    @property
    def today(self) -> date:
        return self.app.today

    def on_mount(self) -> None:
        self.counted: TaskFilter | None = None  # the filter whose matches `TaskList.total` counts exactly
        self.overall: int | str = "…"  # the register's live tasks, as last counted
        self.filter = TaskFilter.from_json(get_meta(self.db, Setting.FILTER, "{}"))
        self.reload(fresh=True)
        self.query_one(TaskList).focus()
        self.say_last_backup()
        self.set_interval(OUTSIDE_CHECK_SECONDS, self._check_outside_changes)

    def say_last_backup(self) -> None:
        when = last_backup(self.app.db_path)
        self.say(f"Bản sao lưu gần nhất: {when:%d/%m/%Y %H:%M}." if when else
                 "Chưa có bản sao lưu nào (theodoi tự sao lưu trước khi nhập kế hoạch, nhận phiếu, gộp đơn vị).")

    # --- loading -----------------------------------------------------------

    def reload(self, keep_task: int | None = None, fresh: bool = False) -> None:
        """Show the current filter's tasks: `fresh` (another filter) from its first task, counted later;
        otherwise (the register changed) where the cursor was, or on `keep_task` (in plan order).  The
        count and the sections are redone in a worker either way."""
        table = self.query_one(TaskList)
        self.counted = None
        if fresh:  # another list: a choice made in the one before would act on rows no longer shown
            table.selected.clear()
        try:
            if self.filter.search:  # ranked once, its pages then read by id
                self.ranked = self._ranking(fresh or table.cursor < PAGE_SIZE)
                known = table.total if not fresh else None  # until recounted, after a change
                table.show(self._by_ids(self.ranked), self.today, keyset=False, cursor=0 if fresh else table.cursor,
                           total=known if self.ranked.ids is None else len(self.ranked.ids))
            elif fresh:
                table.show(self._fetcher(), self.today, keyset=True)
            else:
                found = None if keep_task is None else position_of(self.db, self.filter, keep_task, self.today)
                cursor = table.cursor if found is None else found
                table.show(self._fetcher(), self.today, keyset=True, cursor=cursor,
                           total=max(table.total, cursor + 1), sections=table.sections)
        except FilterError as error:
            self.say(f"Bộ lọc không dùng được: {error}")
            self.filter = TaskFilter()
            self.reload(fresh=True)
            return
        except sqlite3.DatabaseError as error:  # a damaged register: the app's check says so and closes
            self.say(explain(error))
            return
        if fresh:  # the new filter named at once, its count when the worker has it
            self._update_header(None)
        self.call_after_refresh(self.count_matches, self.filter, self.ranked if self.filter.search else None)

    def _fetcher(self) -> Fetch:
        """Pages of the current filter, in plan order, for the list."""
        db, flt, today = self.db, self.filter, self.today

        def fetch(limit: int, offset: int, after: tuple[int, int] | None, from_end: bool) -> list[Task]:
            return fetch_tasks(db, flt, limit=limit, offset=offset, today=today, after=after, from_end=from_end)
        return fetch

    def _ranking(self, first_page: bool) -> Ranked:
        """A broad search's first page found at once (`first_ranked_ids`; the count worker ranks the rest)
        when the list shows its first page (a new search, or a change with the cursor there); otherwise every
        match ranked now."""
        db, flt, today = self.db, self.filter, self.today
        first = first_ranked_ids(db, flt, PAGE_SIZE, today) if first_page else None
        return Ranked(lambda: ranked_ids(db, flt, today), first)

    def _by_ids(self, ranked: Ranked) -> Fetch:
        """Pages of a ranked search read by id (`Ranked`)."""
        db = self.db

        def fetch(limit: int, offset: int, after: tuple[int, int] | None, from_end: bool) -> list[Task]:
            return fetch_tasks_by_id(db, ranked.page(limit, offset, from_end))
        return fetch

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def count_matches(self, flt: TaskFilter, ranked: Ranked | None) -> None:
        """COUNT(*) over a large register takes longer than a page: it arrives when ready.  In plan order
        the sections crossed are counted too (their sum is the count); a broad search shown from its first
        page is ranked whole here."""
        ids = None
        with self.app.worker_db() as db:
            runs = [] if flt.search else section_runs(db, flt, self.today)
            if ranked is not None and ranked.ids is None:
                ids = ranked_ids(db, flt, self.today)
                total = len(ids)
            else:
                total = count_tasks(db, flt, self.today) if flt.search else sum(run.count for run in runs)
            overall = total_tasks(db)
        self.app.call_from_thread(self._counted, flt, total, runs, overall, ranked, ids)

    def _counted(self, flt: TaskFilter, total: int, runs: list, overall: int, ranked: Ranked | None,
                 ids: list[int] | None) -> None:
        if flt != self.filter:
            return
        if ranked is not None and ids is not None and ranked.ids is None:
            ranked.ids = ids
        self.query_one(TaskList).counted(total, runs)
        self.counted = flt
        self._update_header(total, overall)

    def _update_header(self, shown: int | None, overall: int | None = None) -> None:
        """The register, today, the count (`shown` None: still counting, «…») and the filter in words."""
        if overall is not None:
            self.overall = overall
        name = "SỔ MẪU (bản sao tạm)" if self.app.demo else self.app.db_path.name
        count = "…" if shown is None else str(shown)
        self.query_one("#header", Static).update(Text.assemble(
            ("theodoi", "bold"), f" · Sổ: {name} · Hôm nay: {self.today:%d/%m/%Y} · ",
            (f"{count} / {self.overall} nhiệm vụ", "bold")))
        words = "không lọc (tất cả nhiệm vụ)" if self.filter.is_empty() else describe(self.filter)
        self.query_one("#filter-bar", Static).update(Text.assemble(
            f"Bộ lọc: {words}", *(() if self.filter.is_empty() else ("   ", ("(c: bỏ lọc)", "dim")))))

    def _show_detail(self) -> None:
        task = self.query_one(TaskList).current_task
        try:
            history = task_history(self.db, task.id) if task else []
            occurrences = recorded(self.db, task.id) if task and task.deadline.kind == "recurring" else {}
        except sqlite3.DatabaseError as error:  # a damaged register: the task without its history, and why
            history, occurrences = [], {}
            self.say(explain(error))
        self.query_one(DetailPane).show(task, history, self.today, occurrences)

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def _say_and_reload(self, message: str) -> None:
        """A refused save: say why and show the register as it is now."""
        self.reload()
        self.say(message)

    def _check_outside_changes(self) -> None:
        """Another program (the CLI, a second window) wrote to the register: show what it holds now."""
        try:
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return
        if self._data_version is not None and version != self._data_version:
            self.reload()
        self._data_version = version

    @on(TaskList.Highlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def set_filter(self, flt: TaskFilter) -> None:
        self.filter = canonical(self.db, flt)
        with saving(self.say):  # the filter still applies when it cannot be kept for next time
            set_meta(self.db, Setting.FILTER, flt.to_json())
        self.reload(fresh=True)

    # --- filters -------------------------------------------------------------

    def action_view(self, view: str) -> None:
        self.set_filter(self.filter.with_(view=view))
        self.say(f"Xem nhanh: {VIEWS[view]}")

    def action_clear_filter(self) -> None:
        self.set_filter(TaskFilter())
        self.say("Đã bỏ mọi bộ lọc.")

    def action_toggle_role(self) -> None:
        role = "any" if self.filter.role == "lead" else "lead"
        self.set_filter(self.filter.with_(role=role))
        self.say("Chỉ tính đơn vị chủ trì." if role == "lead" else "Tính cả chủ trì và phối hợp.")

    def action_filter_unit(self) -> None:
        self.app.push_screen(unit_dialog(self.db, "Lọc theo đơn vị (l: chỉ chủ trì / cả phối hợp)"),
                             answered(lambda unit: self.set_filter(self.filter.with_(unit=unit))))

    def _refilter(self, field: str) -> Callable[[str | None], None]:
        """A filter dialog's callback: an answer sets `field` (empty clears it), Esc keeps the filter."""
        return answered(lambda value: self.set_filter(self.filter.with_(**{field: value or None})), empty_too=True)

    def action_filter_deadline(self) -> None:
        self.app.push_screen(
            TextPrompt("Lọc theo thời hạn", self.filter.deadline or "", "Quý II/2026, Tháng 11/2026, quá hạn…",
                       explain=lambda text: explain_deadline(text, self.today)),
            self._set_deadline)

    def _set_deadline(self, text: str | None) -> None:
        if text is None:
            return
        hint = explain_deadline(text, self.today) if text else ""
        if hint.startswith("✗"):
            self.say(hint)
            return
        self.set_filter(self.filter.with_(deadline=text or None))

    def action_filter_status(self) -> None:
        choices = [(code, st.label(code)) for code in st.STATUSES] + [("", "mọi trạng thái")]
        self.app.push_screen(ChoiceDialog("Lọc theo trạng thái", choices),
                             self._refilter("status"))

    def action_filter_search(self) -> None:
        self.app.push_screen(TextPrompt("Tìm cụm từ (gõ không dấu: mọi dấu)", self.filter.search or ""),
                             self._refilter("search"))

    def action_filter_plan(self) -> None:
        self.app.push_screen(ChoiceDialog("Lọc theo kế hoạch", plan_choices(self.db)),
                             self._refilter("plan"))

    # --- work on tasks ----------------------------------------------------------

    def action_select(self) -> None:
        table = self.query_one(TaskList)
        table.toggle_selected()
        self.say(f"Đã chọn {len(table.selected)} nhiệm vụ (Enter: cập nhật cùng lúc).")

    def _targets(self) -> list[int]:
        table = self.query_one(TaskList)
        if table.selected:
            return sorted(table.selected)
        task = table.current_task
        return [task.id] if task else []

    def action_status_form(self) -> None:
        table = self.query_one(TaskList)
        targets = self._targets()
        if not targets:
            return
        task = table.current_task
        occurrences = recorded(self.db, task.id) if task and len(targets) == 1 else {}
        self.app.push_screen(StatusForm(task, len(targets), self.today, occurrences),
                             answered(lambda values: self._save_status(targets, values)))

    def _save_status(self, targets: list[int], values: dict) -> None:
        table = self.query_one(TaskList)
        seen = {t.id: t.updated_at for t in map(table.cached_task, targets) if t is not None}
        with saving(self._say_and_reload):
            if values.get("occurrence"):
                changes = occurrence_changes(values["occurrence"], values["status"], values["completed_on"],
                                             values["result"])
                update_task(self.db, targets[0], {**changes, "progress_note": values["progress_note"]},
                            source="status", expected=seen.get(targets[0]))
            else:
                set_status(self.db, targets, values["status"], completed_on=values["completed_on"],
                           progress_note=values["progress_note"] or None, result=values["result"] or None,
                           expected=seen)
            table.selected.clear()
            self.reload(keep_task=targets[0])
            self.say(f"Đã lưu {len(targets)} nhiệm vụ: {st.label(values['status'])}. Ctrl+Z để hoàn tác.")

    def action_undo(self) -> None:
        self._step(back=True)

    def action_redo(self) -> None:
        self._step(back=False)

    def _step(self, back: bool) -> None:
        with saving(self.say):
            message = take_step(self.db, back)
            self.reload()
            self.say(message)

    def action_add_task(self) -> None:
        plans = list_plans(self.db)
        if not plans:
            self.say("Chưa có kế hoạch nào; hãy nhập kế hoạch trước (i).")
            return
        current = self.query_one(TaskList).current_task
        plan_id = current.plan_id if current else plans[0].id
        self.app.push_screen(TaskForm(None, plan_dates(self.db, plan_id)),
                             answered(lambda values: self._add(plan_id, values)))

    def _add(self, plan_id: int, values: dict) -> None:
        with saving(self.say):
            task_id = add_task(self.db, plan_id, values["content"], deadline_text=values["deadline_text"],
                               product=values["product"], lead=values["lead"], coordinating=values["coordinating"],
                               number=values["number"])
            self.reload(keep_task=task_id)
            self.say("Đã thêm nhiệm vụ.")

    def action_edit_task(self) -> None:
        task = self.query_one(TaskList).current_task
        if task:
            self.app.push_screen(TaskForm(task, plan_dates(self.db, task.plan_id)),
                                 answered(lambda values: self._edit(task.id, values)))

    def _edit(self, task_id: int, values: dict) -> None:
        changes = {k: values[k] for k in ("number", "content", "product", "deadline_text")}
        changes["lead_units"] = values["lead"]
        changes["coordinating_units"] = values["coordinating"]
        with saving(self.say):
            changed = update_task(self.db, task_id, changes)
            self.reload(keep_task=task_id)
            self.say(f"Đã sửa {changed} mục." if changed else "Không có gì thay đổi.")

    def action_delete_task(self) -> None:
        task = self.query_one(TaskList).current_task
        if task:
            self.app.push_screen(ConfirmDialog(f"Xóa nhiệm vụ «{task.content[:60]}»? (Ctrl+Z để lấy lại)"),
                                 answered(lambda yes: self._delete(task.id)))

    def _delete(self, task_id: int) -> None:
        with saving(self.say):
            delete_task(self.db, task_id)
            self.reload()
            self.say("Đã xóa nhiệm vụ. Ctrl+Z để hoàn tác.")

    def action_report(self) -> None:
        from tui.report_screen import ReportScreen

        self.app.push_screen(ReportScreen(self.today, self.filter.plan))

    def action_department(self) -> None:
        from exports.view import sheet_head

        shown = sheet_head(self.db, TaskFilter(), self.today).department
        self.app.push_screen(TextPrompt("Tên cơ quan in ở đầu các bảng Excel (để trống: lấy từ kế hoạch)", shown),
                             self._set_department)

    def _set_department(self, name: str | None) -> None:
        from exports.view import sheet_head

        if name is None:
            return
        with saving(self.say):
            set_meta(self.db, Setting.DEPARTMENT, " ".join(name.split()))
            shown = sheet_head(self.db, TaskFilter(), self.today).department
            self.say(f"Tên cơ quan trên bảng Excel: {shown or '(chưa có)'}.")

    def action_units(self) -> None:
        from tui.units_screen import UnitsScreen

        self.app.push_screen(UnitsScreen(), self.show_unit)

    def show_unit(self, chosen: tuple[str, bool] | None) -> None:
        """Back from the units screen: the unit chosen (name, only its overdue lead tasks), or nothing."""
        if chosen is None:
            self.reload(fresh=True)  # units may have been merged or renamed
            return
        name, overdue = chosen
        wanted = self.filter.with_(unit=name)
        self.set_filter(wanted.with_(role="lead", view="overdue") if overdue else wanted)

    def action_import_plan(self) -> None:
        self.app.action_import_plan()
