"""The report screen (r): where the plans stand for a reporting period.

Tables unit × category and section × category with totals, completion rates
and a bar per unit drawn in the terminal, and the overdue list with units,
due dates and the last progress note.  One key switches the period (Quý I …
Quý IV, 6 tháng, 9 tháng, năm), one toggles the regime cut-off and calendar
periods, one shows what changed since the last briefing (giao ban).
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from db.register import get_meta, set_meta
from db.report import CATEGORIES, LABELS, SHORT, Report, build_report, changes_since, completion_rate, read_period
from tui.dialogs import TextPrompt
from tui.forms import read_day
from tui.report_text import bar, since_lines

BRIEFING_KEY = "briefing"
#: Column codes for narrow terminals, explained by the legend above the tables.
CODES = {"done_on_time": "ĐH", "done_late": "Trễ", "in_progress_on_time": "Làm", "overdue": "QH",
         "not_due": "Chưa", "ongoing": "TX", "no_due": "ĐK"}


def periods_of(year: int) -> list[str]:
    return [f"Quý I/{year}", f"Quý II/{year}", f"Quý III/{year}", f"Quý IV/{year}", f"6 tháng đầu năm {year}",
            f"9 tháng {year}", f"năm {year}"]


def current_period(today: date) -> str:
    return periods_of(today.year)[(today.month - 1) // 3]


class ReportScreen(Screen[None]):
    """Counts for a period, and the overdue list."""

    BINDINGS = [
        Binding("escape", "back", "Quay lại"),
        Binding("p", "next_period", "Kỳ tiếp"),
        Binding("P", "previous_period", "Kỳ trước", show=False),
        Binding("k", "toggle_calendar", "Kỳ lịch / kỳ Nghị định 09"),
        Binding("b", "briefing", "Từ buổi giao ban"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.periods = periods_of(today.year)
        self.index = self.periods.index(current_period(today))
        self.calendar = False

    def compose(self) -> ComposeResult:
        yield Static("", id="header")
        with VerticalScroll(id="report-body"):
            yield Static("", id="legend")
            yield DataTable(id="by-unit", cursor_type="row", zebra_stripes=True)
            yield Static("", id="bars")
            yield DataTable(id="by-section", cursor_type="row", zebra_stripes=True)
            yield Static("", id="overdue")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        period = read_period(self.periods[self.index], self.calendar, self.today)
        report = build_report(self.app.db, period, as_of=min(period.end, self.today))
        self.query_one("#header", Static).update(
            f"[b]Báo cáo {period.label}[/b] · {period.window} · tính đến {min(period.end, self.today):%d/%m/%Y}")
        self._fill(self.query_one("#by-unit", DataTable), "Đơn vị chủ trì", report.by_unit(), report)
        self._fill(self.query_one("#by-section", DataTable), "Mục", report.by_section(), report)
        self.query_one("#bars", Static).update(self._bars(report))
        legend = "; ".join(f"{CODES[c]} = {LABELS[c].lower()}" for c in CATEGORIES)
        self.query_one("#legend", Static).update(f"[dim]{legend}[/dim]" if self.app.size.width < 110 else "")
        self.query_one("#overdue", Static).update(self._overdue_text(report))

    def _bars(self, report: Report) -> Text:
        text = Text("Biểu đồ theo đơn vị (█ hoàn thành  ▓ đang làm  ! quá hạn  · chưa đến hạn / không hạn)\n",
                    style="bold")
        width = 24 if self.app.size.width < 110 else 40
        for name, counts in report.by_unit().items():
            label = name if len(name) <= 28 else name[:27] + "…"
            text.append(f"{label:<28} {bar(counts, width):<{width}} {sum(counts.values()):>4}\n")
        return text

    def _fill(self, table: DataTable, first: str, rows: dict, report: Report) -> None:
        narrow = self.app.size.width < 110
        table.clear(columns=True)
        table.add_column(first, width=22 if narrow else 30)
        for category in CATEGORIES:
            table.add_column(CODES[category] if narrow else SHORT[category], width=4 if narrow else 8)
        table.add_column("Tổng", width=4 if narrow else 5)
        table.add_column("Tỷ lệ", width=5 if narrow else 6)
        for name, counts in [*rows.items(), ("Tổng cộng", report.totals())]:
            rate = completion_rate(counts)
            cells = [Text(name, style="bold" if name == "Tổng cộng" else ""),
                     *(str(counts[c]) for c in CATEGORIES), str(sum(counts.values())),
                     "—" if rate is None else f"{100 * rate:.0f}%"]
            table.add_row(*cells)

    def _overdue_text(self, report: Report) -> Text:
        overdue = report.overdue()
        text = Text(f"Quá hạn chưa hoàn thành ({len(overdue)})\n", style="bold")
        for line in overdue:
            task = line.task
            note = f" – {task.progress_note}" if task.progress_note else ""
            text.append(f"! {task.number} {task.content[:70]} | {task.lead_unit} | hạn {line.due:%d/%m/%Y}{note}\n")
        return text

    def action_next_period(self) -> None:
        self.index = (self.index + 1) % len(self.periods)
        self.load()

    def action_previous_period(self) -> None:
        self.index = (self.index - 1) % len(self.periods)
        self.load()

    def action_toggle_calendar(self) -> None:
        self.calendar = not self.calendar
        self.load()

    def action_briefing(self) -> None:
        last = get_meta(self.app.db, BRIEFING_KEY) or self.today.isoformat()
        shown = date.fromisoformat(last).strftime("%d/%m/%Y")
        self.app.push_screen(TextPrompt("Ngày giao ban (dd/mm/yyyy) – xem những gì thay đổi từ đó", shown),
                             self._show_since)

    def _show_since(self, text: str | None) -> None:
        day = read_day(text or "")
        if day is None:
            return
        set_meta(self.app.db, BRIEFING_KEY, day.isoformat())
        lines = since_lines(changes_since(self.app.db, day, self.today), day)
        self.query_one("#overdue", Static).update("\n".join(lines))

    def action_back(self) -> None:
        self.dismiss(None)
