"""The theodoi application: opens the register and shows the main (or welcome) screen.

Kept small on purpose: screens live in their own modules.  `build_app` is
the one factory used by the CLI and by the tests alike.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import sqlite_utils
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from db.plans import any_plan
from db.register import BROKEN, connect, get_meta, intact, open_register, set_meta
from db.settings import Setting
from tui.commands import Palette, TheodoiCommands
from tui.help_screen import HelpScreen
from tui.line_table import LineTable
from tui.main_screen import MainScreen
from tui.welcome import WelcomeScreen
from tui.writes import failure_message, saving

LIGHT, DARK = "textual-light", "textual-dark"


class TheodoiApp(App):
    """Theo dõi nhiệm vụ."""

    TITLE = "theodoi"
    CSS_PATH = "theodoi.tcss"
    COMMANDS = App.COMMANDS | {TheodoiCommands}
    BINDINGS = [
        Binding("q", "quit", "Thoát"),
        Binding("question_mark,f1", "help", "Trợ giúp"),
        Binding("ctrl+t", "toggle_theme", "Sáng/tối", show=False),
        Binding("ctrl+p", "command_palette", "Lệnh", show=False),
    ]

    def __init__(self, db: sqlite_utils.Database, db_path: Path, today: date, demo: bool = False) -> None:
        super().__init__()
        self.db = db
        self.db_path = db_path
        self.today = today
        self.demo = demo
        self.main_screen = MainScreen()

    def on_mount(self) -> None:
        self.theme = get_meta(self.db, Setting.THEME, LIGHT)
        self.push_screen(self.main_screen)
        if not any_plan(self.db):
            self.push_screen(WelcomeScreen(), self._welcome_choice)
        self.check_register()

    @work(thread=True, exit_on_error=False)
    def check_register(self) -> None:
        """The full integrity check of the register (0.4 s at 300,000 tasks), made once the first screen is
        up; a damaged register closes the interface with what to do, before anything is written to it."""
        with self.worker_db() as db:
            if intact(db):
                return
        self.call_from_thread(self.exit, None, 2, f"Lỗi: {BROKEN}")

    async def _welcome_choice(self, choice: str | None) -> None:
        if choice == "import":
            self.action_import_plan()
        elif choice == "demo":
            await self.open_demo()

    async def open_demo(self) -> None:
        from tui.demo import build_demo_register

        await self.workers.wait_for_complete()  # a worker still reading must not find the register closed
        self.db.close()
        self.db_path = build_demo_register(Path(tempfile.mkdtemp(prefix="theodoi-demo-")), self.today)
        self.db = open_register(self.db_path)
        self.demo = True
        self.main_screen.reload()
        self.main_screen.say_last_backup()

    @contextmanager
    def worker_db(self) -> Iterator[sqlite_utils.Database]:
        """A connection of the calling worker's own, closed when its job is done (see `db.register.connect`)."""
        db = connect(self.db_path)
        try:
            yield db
        finally:
            db.close()

    def action_toggle_theme(self) -> None:
        self.theme = DARK if self.theme == LIGHT else LIGHT
        with saving(lambda text: self.notify(text, markup=False, severity="warning")):
            set_meta(self.db, Setting.THEME, self.theme)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background task that failed is reported; the app keeps running (workers never exit it)."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify(failure_message(event.worker.error), markup=False, severity="error", timeout=10)

    def action_help(self) -> None:
        """The keys of the screen in front, then those that work everywhere."""
        screen = self.screen
        sections = [(str(getattr(screen, "HELP_TITLE", "Màn hình này")), bindings_of(screen.BINDINGS)),
                    ("Toàn chương trình", bindings_of(self.BINDINGS))]
        if isinstance(screen.focused, LineTable):
            sections.insert(1, ("Trong bảng", type(screen.focused).keys()))
        self.push_screen(HelpScreen(sections))

    def action_command_palette(self) -> None:
        """Textual's command palette, asking in Vietnamese."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(placeholder="Tìm lệnh…", id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a text field): say which key does, in Vietnamese."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Nhấn {key} để thoát chương trình.", title="Thoát?", markup=False)
                return

    def action_import_plan(self) -> None:
        from tui.import_screen import FilePicker  # the plan readers load when a plan is imported

        self.push_screen(FilePicker(Path.cwd()), self._preview)

    def _preview(self, path: Path | None) -> None:
        from tui.import_screen import ImportPreview

        if path is not None:
            self.push_screen(ImportPreview(path), self._imported)

    def _imported(self, result) -> None:
        if result is None:
            self.main_screen.say("Đã hủy nhập; sổ không thay đổi.")
            return
        self.main_screen.reload()
        if result.same_file:
            self.main_screen.say("Tệp này đã nhập trước đây; không có gì thay đổi.")
        else:
            kept = f", giữ lại {result.kept_missing} không còn trong tệp" if result.kept_missing else ""
            self.main_screen.say(
                f"Đã nhập: thêm {result.added}, cập nhật {result.updated}, bỏ {result.removed}{kept}.")


def build_app(db_path: Path, today: date | None = None, demo: bool = False) -> TheodoiApp:
    """The application on the register at `db_path` (opened and migrated)."""
    return TheodoiApp(open_register(db_path, check=False), db_path, today or date.today(), demo)


def run_app(db_path: Path, today: date | None = None, demo: bool = False) -> int:
    """Run the interface; its exit code (2: the register turned out damaged)."""
    app = build_app(db_path, today, demo)
    try:
        app.run()
    finally:
        app.db.close()
    return app.return_code or 0


def bindings_of(declared: list[Binding | tuple[str, str] | tuple[str, str, str]]) -> list[Binding]:
    """A class's BINDINGS as Binding objects (every one here is written as a Binding)."""
    return [binding for binding in declared if isinstance(binding, Binding)]
