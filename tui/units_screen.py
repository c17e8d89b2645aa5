"""The units screen: every unit with its task counts and what it owes; merge two, rename one.

For each unit: tasks it leads and coordinates, and as lead, how many are
overdue and how many are still to finish this quarter (`db.stats.unit_dues`).
Enter filters the main screen to the unit, `o` to its overdue tasks.

A merge moves every task of one unit to another and remembers the old name,
so future imports of plans that spell it the old way land on the kept unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from db.periods import current_period
from db.stats import UnitDues, unit_dues
from db.units import (
    Contact,
    UnitCount,
    contacts,
    merge_units,
    rename_unit,
    set_contact,
    unit_counts,
    unit_terms,
)
from tui.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt, answered
from tui.footer import KeyFooter
from tui.writes import saving

if TYPE_CHECKING:
    from textual import getters

    from tui.app import TheodoiApp



NAME_WIDTH = 48  # the unit column on a wide terminal; narrower ones shrink it

class UnitsScreen(Screen[tuple[str, bool] | None]):
    """List, merge and rename units."""

    if TYPE_CHECKING:
        app = getters.app(TheodoiApp)  # the app, typed as ours for the checker

    HELP_TITLE = "Các đơn vị"

    BINDINGS = [
        Binding("escape", "back", "Quay lại"),
        Binding("m", "merge", "Gộp vào đơn vị khác"),
        Binding("r", "rename", "Đổi tên"),
        Binding("e", "contact", "Thư / người liên hệ"),
        Binding("enter", "filter", "Lọc nhiệm vụ", priority=True),
        Binding("o", "filter(True)", "Nhiệm vụ quá hạn"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(f"[b]Các đơn vị[/b] · Quá hạn, Còn trong quý: việc chủ trì chưa xong "
                     f"({current_period(self.app.today)}, tính từ {self.app.today:%d/%m/%Y})", id="header")
        yield DataTable(id="units", cursor_type="row", zebra_stripes=True)
        yield Static("", id="message", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Đơn vị", key="name", width=NAME_WIDTH)
        table.add_column("Chủ trì", key="lead", width=8)
        table.add_column("Phối hợp", key="coordinating", width=9)
        table.add_column("Quá hạn", key="overdue", width=8)
        table.add_column("Còn trong quý", key="quarter", width=13)
        self.units: list[UnitCount] = []
        self.load()
        table.focus()

    def on_resize(self) -> None:
        """The name column gives way first: every count stays on screen at 80 columns."""
        table = self.query_one(DataTable)
        counts = sum(column.width + 2 for key, column in table.columns.items() if key.value != "name")
        name = table.columns[ColumnKey("name")]
        name.width = max(16, min(NAME_WIDTH, self.size.width - counts - 4))
        name.auto_width = False
        table.refresh()

    def load(self, keep: int | None = None) -> None:
        """Count in a worker on its own connection (a second at 100,000 tasks); the table fills when ready."""
        self.count(keep)

    @work(thread=True, exclusive=True, group="units", exit_on_error=False)
    def count(self, keep: int | None) -> None:
        with self.app.worker_db() as db:
            units = unit_counts(db)
            dues = unit_dues(db, self.app.today)
        self.app.call_from_thread(self._fill, units, dues, keep)

    def _fill(self, units: list, dues: dict, keep: int | None) -> None:  # type: ignore[type-arg]
        table = self.query_one(DataTable)
        table.clear()
        self.units = units
        for unit in self.units:
            owed = dues.get(unit.id, UnitDues())
            late = Text(str(owed.overdue), style="bold red") if owed.overdue else Text("0", style="dim")
            table.add_row(Text(unit.name), str(unit.lead), str(unit.coordinating), late, str(owed.this_quarter),
                          key=str(unit.id))
        if keep is not None:
            index = next((i for i, u in enumerate(self.units) if u.id == keep), 0)
            table.move_cursor(row=index)

    def _current(self):
        table = self.query_one(DataTable)
        if not self.units or table.cursor_row >= len(self.units):
            return None
        return self.units[table.cursor_row]

    def action_back(self) -> None:
        self.dismiss(None)

    def action_filter(self, overdue: bool = False) -> None:
        """Show the unit's tasks on the main screen; with `overdue`, those it leads that are overdue."""
        unit = self._current()
        if unit:
            self.dismiss((unit.name, overdue))  # the main screen filters (`MainScreen.show_unit`)

    def action_merge(self) -> None:
        unit = self._current()
        if unit is None:
            return
        choices = [(str(u.id), u.name) for u in self.units if u.id != unit.id]
        terms = {str(unit_id): words for unit_id, (_, words) in unit_terms(self.app.db).items()}
        self.app.push_screen(ChoiceDialog(f"Gộp «{unit.name}» vào đơn vị nào?", choices, terms=terms),
                             answered(lambda target: self._confirm_merge(unit, int(target))))

    def _confirm_merge(self, unit, target: int) -> None:
        name = next(u.name for u in self.units if u.id == target)
        self.app.push_screen(
            ConfirmDialog(f"Gộp «{unit.name}» vào «{name}»? Các lần nhập sau cũng theo cách gộp này."),
            answered(lambda yes: self._merge(target, unit.id, name)))

    def action_contact(self) -> None:
        unit = self._current()
        if unit is None:
            return
        current = contacts(self.app.db).get(unit.name, Contact("", ""))
        self.app.push_screen(
            TextPrompt(f"Địa chỉ thư của «{unit.name}» (để soạn thư gửi phiếu)", current.email),
            answered(lambda email: self.app.push_screen(
                TextPrompt(f"Người liên hệ ở «{unit.name}»", current.person),
                answered(lambda person: self._contact(unit.id, unit.name, email, person), empty_too=True)),
                empty_too=True))

    def _contact(self, unit_id: int, name: str, email: str, person: str) -> None:
        with saving(self.say):
            try:
                set_contact(self.app.db, unit_id, email, person)
            except ValueError as error:
                self.say(f"Chưa ghi: {error}")
                return
            self.say(f"Đã ghi liên hệ của {name}: {email or '(chưa có thư)'} – {person or '(chưa có người)'}.")

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def _merge(self, keep: int, gone: int, name: str) -> None:
        with saving(self.say):
            merge_units(self.app.db, keep, gone)
            self.load(keep)
            self.say(f"Đã gộp vào «{name}».")

    def action_rename(self) -> None:
        unit = self._current()
        if unit:
            self.app.push_screen(TextPrompt(f"Tên mới cho «{unit.name}»", unit.name),
                                 answered(lambda name: self._rename(unit.id, name)))

    def _rename(self, unit_id: int, name: str) -> None:
        with saving(self.say):
            try:
                rename_unit(self.app.db, unit_id, name)
            except ValueError as error:
                self.say(f"Không đổi tên được: {error}")
                return
            self.load(unit_id)
            self.say("Đã đổi tên.")
