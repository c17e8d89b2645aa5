"""The report screen (r): where the plans stand for a reporting period.

Tables unit × category and section × category with totals, completion rates
and a bar per unit drawn in the terminal, and the overdue list with units,
due dates and the last progress note.  One key switches the period (Quý I …
Quý IV, 6 tháng, 9 tháng, năm, of this year and the last), one toggles the
regime cut-off and calendar periods, one picks the plan (the main screen's
plan filter to begin with), one shows what changed since the last briefing
(giao ban), one writes the report workbook (the same as `theodoi report -o`).

The report is counted in a worker: on a large register the screen says it is
counting and stays usable.  The overdue list shows its first
`tui.report_text.LISTED` items, whose texts alone are read; the workbook
holds them all.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import NamedTuple

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from db.briefing import changes_since
from db.filters import TaskFilter
from db.periods import PeriodError, ReportPeriod, opening_period, periods_of, read_period
from db.plans import list_plans, year_of_plan
from db.register import get_meta, set_meta
from db.report import (
    CATEGORIES,
    LABELS,
    OVERDUE,
    SHORT,
    LineText,
    Report,
    ReportLine,
    build_report,
    line_texts,
    rate_of,
)
from db.rules import RATE_RULE
from db.settings import Setting
from plans.dates import read_day
from tui.dialogs import ChoiceDialog, TextPrompt, answered, plan_choices
from tui.footer import KeyFooter
from tui.report_text import bar, listed, more_overdue, overdue_line, since_lines
from tui.sheet_actions import WorkbookWriter
from tui.writes import saving

#: Column codes for narrow terminals, explained by the legend above the tables.
CODES = {"done_on_time": "ĐH", "done_late": "Trễ", "in_progress_on_time": "Làm", "overdue": "QH",
         "not_due": "Chưa", "ongoing": "TX", "no_due": "ĐK"}


class _Tables(NamedTuple):
    """The counts the screen draws, summed in the worker."""

    by_unit: dict[str, Counter]
    by_section: dict[str, Counter]
    totals: Counter


def report_years(db, today: date) -> list[int]:
    """The years the periods cycle through: those of the plans in the register, last year and this."""
    return sorted({plan.year for plan in list_plans(db) if plan.year} | {today.year - 1, today.year})


class ReportScreen(WorkbookWriter):
    """Counts for a period, and the overdue list."""

    HELP_TITLE = "Báo cáo định kỳ"

    BINDINGS = [
        Binding("escape", "back", "Quay lại"),
        Binding("p", "next_period", "Kỳ tiếp"),
        Binding("P", "previous_period", "Kỳ trước", show=False),
        Binding("g", "type_period", "Gõ kỳ báo cáo", show=False),
        Binding("k", "toggle_calendar", "Kỳ lịch / kỳ Nghị định 09"),
        Binding("h", "choose_plan", "Kế hoạch"),
        Binding("b", "briefing", "Từ buổi giao ban"),
        Binding("x", "export", "Xuất Excel / Word"),
    ]

    def __init__(self, today: date, plan: str | None = None) -> None:
        super().__init__()
        self.today = today
        self.periods = [period for year in report_years(self.app.db, today) for period in periods_of(year)]
        self.index = self._opening(plan)
        self.calendar = False
        self.plan = plan  # a plan filter value, as the main screen's; None: every plan
        self.report: Report | None = None

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def compose(self) -> ComposeResult:
        yield Static("", id="header")
        with VerticalScroll(id="report-body"):
            yield Static("", id="legend")
            yield DataTable(id="by-unit", cursor_type="row", zebra_stripes=True)
            yield Static("", id="bars")
            yield DataTable(id="by-section", cursor_type="row", zebra_stripes=True)
            yield Static("", id="overdue")
        yield Static("", id="message", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        """Count the chosen period in a worker; the header says so until the numbers arrive."""
        period = read_period(self.periods[self.index], self.calendar, self.today)
        self.report = None
        self.query_one("#header", Static).update(Text.assemble(self._title(period), " · ", ("đang tính…", "italic")))
        self.count(period, period.judged_on(self.today))

    def _title(self, period: ReportPeriod) -> Text:
        plan = next((label for value, label in plan_choices(self.db) if value == (self.plan or "")), self.plan)
        kind = "kỳ NĐ 09/2019" if period.regime else "theo lịch"
        return Text.assemble(
            (f"Báo cáo {period.label}", "bold"), f" · {period.start:%d/%m/%Y} – {period.end:%d/%m/%Y} ({kind}) · "
            f"tính đến {period.judged_on(self.today):%d/%m/%Y} · "
            + (f"Kế hoạch {plan}" if self.plan else "mọi kế hoạch"))

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def count(self, period: ReportPeriod, judged: date) -> None:
        with self.app.worker_db() as db:
            report = build_report(db, period, TaskFilter(plan=self.plan), as_of=judged)
            shown = listed(db, report)
            texts = line_texts(db, shown, report.as_of)
        tables = _Tables(report.by_unit(), report.by_section(), report.totals())
        self.app.call_from_thread(self._show, report, tables, shown, texts)

    def _show(self, report: Report, tables: _Tables, shown: list[ReportLine], texts: dict[int, LineText]) -> None:
        if (report.period, report.flt.plan) != (read_period(self.periods[self.index], self.calendar, self.today),
                                                self.plan):
            return  # the officer moved on to another period or plan meanwhile
        self.report = report
        self.query_one("#header", Static).update(self._title(report.period))
        self._fill(self.query_one("#by-unit", DataTable), "Đơn vị chủ trì", tables.by_unit, tables.totals)
        self._fill(self.query_one("#by-section", DataTable), "Mục", tables.by_section, tables.totals)
        self.query_one("#bars", Static).update(self._bars(tables.by_unit))
        legend = "; ".join(f"{CODES[c]} = {LABELS[c].lower()}" for c in CATEGORIES)
        legend = f"{legend}\n{RATE_RULE}" if self.app.size.width < 110 else RATE_RULE
        if note := report.unit_note(tables.by_unit):
            legend += f"\n{note}"
        self.query_one("#legend", Static).update(Text(legend, style="dim"))
        self.query_one("#overdue", Static).update(self._overdue_text(report, shown, texts))

    def _bars(self, by_unit: dict[str, Counter]) -> Text:
        text = Text("Biểu đồ theo đơn vị (█ hoàn thành  ▓ đang làm  ! quá hạn  · chưa đến hạn / không hạn)\n",
                    style="bold")
        width = 24 if self.app.size.width < 110 else 40
        for name, counts in by_unit.items():
            label = name if len(name) <= 28 else name[:27] + "…"
            text.append(f"{label:<28} {bar(counts, width):<{width}} {sum(counts.values()):>4}\n")
        return text

    def _fill(self, table: DataTable, first: str, rows: dict[str, Counter], totals: Counter) -> None:
        narrow = self.app.size.width < 110
        table.clear(columns=True)
        table.add_column(first, width=21 if narrow else 30)
        for category in CATEGORIES:
            table.add_column(CODES[category] if narrow else SHORT[category], width=4 if narrow else 8)
        table.add_column("Tổng", width=4 if narrow else 5)
        table.add_column("Tỷ lệ", width=6 if narrow else 7)
        for name, counts in [*rows.items(), ("Tổng cộng", totals)]:
            cells = [Text(name, style="bold" if name == "Tổng cộng" else ""),
                     *(str(counts[c]) for c in CATEGORIES), str(sum(counts.values())), rate_of(counts)]
            table.add_row(*cells)

    def _overdue_text(self, report: Report, shown: list[ReportLine], texts: dict[int, LineText]) -> Text:
        text = Text(f"Quá hạn chưa hoàn thành ({report.totals()[OVERDUE]})\n", style="bold")
        for line in shown:
            text.append(f"! {overdue_line(line, texts[line.task_id], 70)}\n")
        if more := more_overdue(report, shown):
            text.append(f"… và {more} nhiệm vụ quá hạn khác: x để xuất báo cáo Excel "
                        "có đủ danh sách.\n", style="italic")
        return text

    def action_export(self) -> None:
        if self.report is None:
            self.say("Báo cáo đang được tính; chờ một chút rồi xuất.")
            return
        from exports.view import slug

        report = self.report
        proposed = self._export_path(f"bao-cao_{slug(report.period.label)}_{self.today.isoformat()}.xlsx")
        self.app.push_screen(TextPrompt(f"Xuất báo cáo {report.period.label} – tên tệp (.xlsx: bảng số liệu Excel; "
                                        ".docx: báo cáo Word để trình ký)", proposed),
                             answered(lambda path: self.export(report, Path(path).expanduser())))

    def export(self, report: Report, path: Path) -> None:
        from exports.bao_cao import export_bao_cao  # openpyxl and python-docx when a report is written
        from exports.report import export_report

        def job(db) -> str:  # type: ignore[no-untyped-def]
            if path.suffix.lower() == ".docx":
                export_bao_cao(db, report, path, self.today)
                return f"Đã ghi báo cáo Word {report.period.label} → {path} (viết phần đánh giá ở các chỗ tô vàng)"
            export_report(db, report, path, self.today)
            return f"Đã ghi báo cáo {report.period.label} → {path}"

        self.run_export(path.parent, job)

    def _opening(self, plan: str | None) -> int:
        """Where the periods start: the latest period of the chosen plan's year (`opening_period`)."""
        year = year_of_plan(self.db, plan) if plan else None
        return self.periods.index(opening_period(year, self.today))

    def _in_time(self, label: str) -> tuple[date, int]:
        """Periods in time: by their last day, the shorter first (Quý II before 6 tháng đầu năm)."""
        period = read_period(label, self.calendar, self.today)
        return period.end, -period.start.toordinal()

    def action_next_period(self) -> None:
        self._move(1)

    def action_previous_period(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        """To the next (or previous) period in time: quarters, 6 and 9 months and the year as they end."""
        if not 0 <= self.index + step < len(self.periods):
            self.say("Đã ở kỳ " + ("cuối cùng" if step > 0 else "đầu tiên") + "; g để gõ một kỳ khác.")
            return
        self.index += step
        self.load()

    def action_toggle_calendar(self) -> None:
        self.calendar = not self.calendar
        self.load()

    def action_type_period(self) -> None:
        self.app.push_screen(TextPrompt("Kỳ báo cáo", self.periods[self.index],
                                        "Quý I/2023, 6 tháng đầu năm 2023, 9 tháng 2023, năm 2023, 30/06/2023",
                                        explain=self._explain_period), self._period_typed)

    def _explain_period(self, text: str) -> str:
        try:
            return f"✓ {read_period(text, self.calendar, self.today).window}"
        except PeriodError as error:
            return f"✗ {error}"

    def _period_typed(self, text: str | None) -> None:
        if not text:
            return
        if (hint := self._explain_period(text)).startswith("✗"):
            self.say(hint)
            return
        period = read_period(text, self.calendar, self.today)
        if period.label not in self.periods:  # a year not listed yet gets all its periods; a day, its place
            added = periods_of(period.end.year) if period.label in periods_of(period.end.year) else [period.label]
            self.periods = sorted(set(self.periods) | set(added), key=self._in_time)
        self.index = self.periods.index(period.label)
        self.load()

    def action_choose_plan(self) -> None:
        self.app.push_screen(ChoiceDialog("Báo cáo cho kế hoạch nào?", plan_choices(self.db)), self._plan_chosen)

    def _plan_chosen(self, plan: str | None) -> None:
        if plan is not None:
            self.plan = plan or None
            self.index = self._opening(self.plan)
            self.load()

    def action_briefing(self) -> None:
        last = get_meta(self.app.db, Setting.BRIEFING) or self.today.isoformat()
        shown = date.fromisoformat(last).strftime("%d/%m/%Y")
        self.app.push_screen(TextPrompt("Ngày giao ban (dd/mm/yyyy) – xem những gì thay đổi từ đó", shown),
                             self._show_since)

    def _show_since(self, text: str | None) -> None:
        day = read_day(text or "")
        if day is None:
            return
        with saving(self.say):  # the list is shown even when the briefing day cannot be kept
            set_meta(self.app.db, Setting.BRIEFING, day.isoformat())
        lines = since_lines(changes_since(self.app.db, day, self.today, TaskFilter(plan=self.plan)), day)
        since = self.query_one("#overdue", Static)
        since.update(Text("\n".join(lines)))
        self.call_after_refresh(self.query_one("#report-body", VerticalScroll).scroll_to_widget, since, top=True)

    def action_back(self) -> None:
        self.dismiss(None)
