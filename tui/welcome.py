"""The welcome screen of an empty register: import a plan, or open the demo."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from tui.footer import KeyFooter

WELCOME = """[b]Chào mừng đến với theodoi[/b]

Sổ theo dõi này chưa có kế hoạch nào.

Hãy nhập kế hoạch của Sở (Word, PDF, Excel, .doc, .xls, trang web, văn bản) –
chương trình tự đọc nội dung, sản phẩm, đơn vị chủ trì, phối hợp và thời hạn,
dù kế hoạch có bảng phụ lục hay viết thành từng mục.
Hoặc mở sổ mẫu để xem thử (bản sao tạm, không ảnh hưởng sổ thật)."""


class WelcomeScreen(Screen[str | None]):
    """First start: two ways in."""

    HELP_TITLE = "Chào mừng"

    BINDINGS = [
        Binding("i", "choose('import')", "Nhập kế hoạch"),
        Binding("m", "choose('demo')", "Mở sổ mẫu"),
        Binding("q", "app.quit", "Thoát"),
    ]

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome"):
            yield Static(WELCOME, id="welcome-text")
            yield Button("Nhập kế hoạch từ tệp (i)", id="import", variant="primary")
            yield Button("Mở sổ mẫu (m)", id="demo")
        yield KeyFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
