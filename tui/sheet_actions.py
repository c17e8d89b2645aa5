"""Excel from the main screen: export the view (x), a fill-in sheet for a unit (w), take one back (n).

A mixin of `MainScreen`: it uses the screen's filter, register and message
line.  The writing and reading of workbooks run in workers, so the table
stays usable; nothing here writes SQL or knows how a sheet is laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils
from textual import work
from textual.screen import Screen

from db.filters import FilterError, TaskFilter, describe
from db.register import get_meta, set_meta
from db.settings import Setting
from tui.dialogs import ConfirmDialog, TextPrompt, answered, unit_dialog
from tui.writes import saving

if TYPE_CHECKING:
    from textual import getters

    from exports.collect import Collected
    from exports.receive import ReturnedSheet
    from tui.app import TheodoiApp


SHOWN_CHANGES = 6  # changes of a returned sheet listed in the confirmation
SHOWN_PROBLEMS = 3  # problems of a refused sheet on the message line


def refusal(name: str, problems: list[str]) -> str:
    """A refused sheet in one message: its name once, the first problems, how many more and where to see them."""
    told = [problem.removeprefix(f"{name} – ") for problem in problems]
    more = (f" … và {len(told) - SHOWN_PROBLEMS} lỗi khác (xem đủ: theodoi receive \"{name}\")"
            if len(told) > SHOWN_PROBLEMS else "")
    return f"Không nhận phiếu {name}, sổ không thay đổi: " + " | ".join(told[:SHOWN_PROBLEMS]) + more


class WorkbookWriter(Screen[None]):
    """A screen that writes workbooks: proposed path, worker, Vietnamese outcome on its `say` line."""

    if TYPE_CHECKING:
        app = getters.app(TheodoiApp)  # the app, typed as ours for the checker

        def say(self, message: str) -> None: ...  # each screen has its message line

    @property
    def db(self) -> sqlite_utils.Database:
        return self.app.db

    def _export_path(self, name: str) -> str:
        folder = Path(get_meta(self.db, Setting.EXPORT_DIR) or Path.cwd())
        return str(folder / name)

    @work(thread=True, exclusive=True, group="excel", exit_on_error=False)
    def run_export(self, folder: Path, job: Callable[[sqlite_utils.Database], str]) -> None:
        """Write workbooks in a worker on its own connection (the screen stays usable), remember the folder,
        say how it went."""
        from exports.task_sheet import write_error

        try:
            with self.app.worker_db() as db:
                message = job(db)
        except FilterError as error:
            message = f"Không xuất được: {error}"
        except OSError as error:
            text = write_error(error, folder)
            message = text[:1].upper() + text[1:]
        else:
            with saving(lambda text: None):  # remembering the folder is a convenience; the file is written
                set_meta(self.db, Setting.EXPORT_DIR, str(folder))
        self.app.call_from_thread(self.say, message)


class SheetActions(WorkbookWriter):
    """Export, send and receive actions of the main screen (MainScreen is one)."""

    if TYPE_CHECKING:  # what MainScreen, which this is for, has
        filter: TaskFilter

        @property
        def today(self) -> date: ...

        def reload(self, keep_task: int | None = None, fresh: bool = False) -> None: ...

    def _unless_there(self, path: Path, write: Callable[[], None]) -> None:
        """Write, asking first when the file (or a non-empty folder) is already there: nothing is overwritten
        without the officer saying so."""
        taken = path.is_file() or (path.is_dir() and any(path.iterdir()))
        if not taken:
            write()
            return
        what = f"Thư mục «{path.name}» đã có tệp" if path.is_dir() else f"Tệp «{path.name}» đã có"
        self.app.push_screen(ConfirmDialog(f"{what}. Ghi đè các tệp trùng tên?"), answered(lambda yes: write()))

    def action_export(self) -> None:
        from exports.view import proposed_name

        proposed = self._export_path(proposed_name(self.filter, self.today))
        self.app.push_screen(TextPrompt("Xuất bảng đang xem ra Excel – tên tệp", proposed),
                             answered(lambda path: self._unless_there(
                                 Path(path).expanduser(), lambda: self.export_sheet(Path(path).expanduser(), None))))

    def action_export_unit(self) -> None:
        if self.filter.unit:
            self._ask_unit_file(self.filter.unit)
            return
        self.app.push_screen(unit_dialog(self.db, "Phiếu cho đơn vị nào điền?"),
                             answered(lambda unit: self._ask_unit_file(unit)))

    def _ask_unit_file(self, unit: str) -> None:
        from exports.view import proposed_name

        proposed = self._export_path(proposed_name(self.filter.with_(unit=unit), self.today, "phieu"))
        self.app.push_screen(TextPrompt(f"Phiếu cho «{unit}» – tên tệp", proposed),
                             answered(lambda path: self._unless_there(
                                 Path(path).expanduser(), lambda: self.export_sheet(Path(path).expanduser(), unit))))

    def export_sheet(self, path: Path, unit: str | None) -> None:
        from exports.unit_sheets import export_for_unit
        from exports.view import export_view

        report = lambda n: self.app.call_from_thread(self.say, f"Đang xuất… {n} nhiệm vụ")  # noqa: E731

        def job(db: sqlite_utils.Database) -> str:
            if unit:
                count = export_for_unit(db, self.filter, unit, path, self.today, progress=report)
            else:
                count = export_view(db, self.filter, path, self.today, progress=report)
            return f"Đã xuất {count} nhiệm vụ → {path}"

        self.run_export(path.parent, job)

    def action_export_each_unit(self) -> None:
        proposed = self._export_path(f"phieu-don-vi_{self.today.isoformat()}")
        self.app.push_screen(TextPrompt(f"Mỗi đơn vị có việc một phiếu (theo bộ lọc: {describe(self.filter)}) – "
                                        "thư mục lưu", proposed),
                             answered(lambda folder: self._unless_there(
                                 Path(folder).expanduser(), lambda: self.export_each(Path(folder).expanduser()))))

    def export_each(self, folder: Path) -> None:
        from exports.unit_sheets import export_each_unit

        def job(db: sqlite_utils.Database) -> str:
            done = export_each_unit(db, self.filter, folder, self.today)
            failed = f"; không ghi được {len(done.failed)}: " + "; ".join(
                f"{unit} ({why})" for unit, why in done.failed) if done.failed else ""
            return f"Đã xuất {len(done.written)} phiếu, mỗi đơn vị một phiếu → {folder}{failed}"

        self.run_export(folder.parent, job)

    def action_send(self) -> None:
        proposed = self._export_path(f"thu-gui-don-vi_{self.today.isoformat()}")
        self.app.push_screen(
            TextPrompt(f"Thư nháp gửi phiếu cho mỗi đơn vị (theo bộ lọc: {describe(self.filter)}; hạn gửi lại "
                       f"{self.today + timedelta(days=7):%d/%m/%Y}) – thư mục lưu", proposed),
            answered(lambda folder: self._unless_there(
                Path(folder).expanduser(), lambda: self.send(Path(folder).expanduser()))))

    def send(self, folder: Path) -> None:
        from exports.drafts import write_drafts

        def job(db: sqlite_utils.Database) -> str:
            drafts = write_drafts(db, self.filter, folder, self.today, self.today + timedelta(days=7))
            missing = (f"; chưa có thư của {len(drafts.without_address)} đơn vị (U, e để thêm)"
                       if drafts.without_address else "")
            return f"Đã soạn {len(drafts.written)} thư nháp kèm phiếu → {folder}{missing}. Mở bằng Outlook/Thunderbird."

        self.run_export(folder.parent, job)

    def action_receive(self) -> None:
        from tui.import_screen import FilePicker

        folder = Path(get_meta(self.db, Setting.EXPORT_DIR) or Path.cwd())
        self.app.push_screen(FilePicker(folder, "Nhận phiếu đơn vị đã điền – chọn tệp .xlsx, hoặc gõ tên thư mục "
                                            "để nhận mọi phiếu (.xlsx, thư .eml) trong đó"),
                             answered(lambda path: self.read_sheet(path)))

    @work(thread=True, exclusive=True, group="excel", exit_on_error=False)
    def read_sheet(self, path: Path) -> None:
        from exports.collect import collect_folder
        from exports.receive import ReceiveError, read_returned_sheet

        if path.is_dir():
            with self.app.worker_db() as db:
                collected = collect_folder(db, path, self.today)
            self.app.call_from_thread(self._confirm_folder, collected, path)
            return
        try:
            with self.app.worker_db() as db:
                sheet = read_returned_sheet(db, path, self.today)
        except ReceiveError as error:
            self.app.call_from_thread(self.say, refusal(path.name, error.problems))
            return
        self.app.call_from_thread(self._confirm_sheet, sheet)

    def _confirm_folder(self, collected: Collected, folder: Path) -> None:
        lines = [f"Thư mục {folder.name}: {len(collected.sheets)} phiếu, {collected.changes} thay đổi."]
        lines += [f"• {sheet.unit}: {len(sheet.changes)} thay đổi"
                  + (f", {len(sheet.conflicts)} xung đột (giữ nguyên)" if sheet.conflicts else "")
                  for sheet in collected.sheets[:SHOWN_CHANGES]]
        lines += [f"✗ {name}: {problems[0]}" for name, problems in collected.refused]
        lines += [f"= {name}: trùng với {original}" for name, original in collected.duplicates]
        if not collected.changes:
            self.say(" ".join(lines) + " Không có gì để ghi.")
            return
        lines.append("Ghi mọi thay đổi vào sổ (một bước, hoàn tác được)?")
        self.app.push_screen(ConfirmDialog("\n".join(lines)),
                             answered(lambda yes: self._apply_folder(collected, folder)))

    def _apply_folder(self, collected: Collected, folder: Path) -> None:
        from exports.receive import apply_returned_sheets

        with saving(self.say):
            count = apply_returned_sheets(self.db, collected.sheets, False, f"receive:{folder.name}/")
            self.reload()
            self.say(f"Đã cập nhật {count} nhiệm vụ từ {len(collected.sheets)} phiếu trong {folder.name}.")

    def _confirm_sheet(self, sheet: ReturnedSheet) -> None:
        if not sheet.changes:
            self.say(f"Phiếu của {sheet.unit} không có thay đổi nào.")
            return
        lines = [f"Phiếu của {sheet.unit}: {len(sheet.changes)} nhiệm vụ thay đổi."]
        for change in sheet.changes[:SHOWN_CHANGES]:
            fields = "; ".join(f"{k}: {old or '∅'} → {new or '∅'}" for k, (old, new) in change.fields.items())
            conflict = " [XUNG ĐỘT, giữ nguyên]" if change.conflict else ""
            lines.append(f"• {change.number} {change.content[:40]}{conflict} – {fields}")
        if len(sheet.changes) > SHOWN_CHANGES:
            lines.append(f"… và {len(sheet.changes) - SHOWN_CHANGES} nhiệm vụ khác "
                         f"(xem đủ: theodoi receive \"{sheet.source}\").")
        lines.append("Ghi vào sổ?")
        self.app.push_screen(ConfirmDialog("\n".join(lines)), answered(lambda yes: self._apply_sheet(sheet)))

    def _apply_sheet(self, sheet: ReturnedSheet) -> None:
        from exports.receive import apply_returned_sheet

        with saving(self.say):
            count = apply_returned_sheet(self.db, sheet)
            self.reload()
            self.say(f"Đã cập nhật {count} nhiệm vụ từ {sheet.source}.")
