"""Reporting periods: a `ReportPeriod` read from the words plans use.

"Quý I/2023", "6 tháng đầu năm 2023", "9 tháng 2023", "năm 2023", or a date.
By default a period uses the data cut-off of the state reporting regime
(Nghị định 09/2019/NĐ-CP, Điều 12): a quarter from the 15th of the month
before it to the 14th of its last month; 6 months, 9 months and the year from
15/12 of the year before to 14/6, 14/9 and 14/12.  `calendar=True` uses
calendar periods instead.  `periods_of` lists a year's periods in the order
they end, `opening_period` is where a report screen starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from plans.deadlines import parse_deadline, period_name
from plans.text import fold


class PeriodError(ValueError):
    """A reporting period that cannot be read; the message is Vietnamese."""


@dataclass(frozen=True)
class ReportPeriod:
    """The window a report covers and the date it is judged at."""

    label: str
    start: date
    end: date
    regime: bool

    def judged_on(self, today: date) -> date:
        """The date a report made today judges: the period's end, or today while the period runs."""
        return min(self.end, today)

    @property
    def window(self) -> str:
        kind = "kỳ báo cáo theo Nghị định 09/2019/NĐ-CP" if self.regime else "theo lịch"
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y} ({kind})"


def read_period(text: str, calendar: bool = False, today: date | None = None) -> ReportPeriod:
    """"Quý I/2023", "6 tháng đầu năm 2023", "9 tháng 2023", "năm 2023" or a date."""
    folded = " ".join(fold(text).split())
    deadline = parse_deadline(text, (today or date.today()).year)
    if deadline.start is None or deadline.due is None:
        raise PeriodError(f"không hiểu kỳ báo cáo «{text}»; ví dụ: Quý I/2023, 6 tháng đầu năm 2023, 9 tháng 2023, "
                          "năm 2023, 30/06/2023.")
    year = deadline.due.year
    if deadline.kind == "date":
        return ReportPeriod(period_name(deadline) or text, date(year, 1, 1), deadline.due, regime=False)
    kind = "nine_months" if folded.startswith("9 thang") else deadline.kind
    text = f"9 tháng năm {year}" if kind == "nine_months" else period_name(deadline) or text  # canonical name
    if kind not in ("quarter", "month", "half_year", "nine_months", "year"):
        raise PeriodError(f"«{text}» không phải một kỳ báo cáo (quý, 6 tháng, 9 tháng, năm).")
    if calendar:
        start = deadline.start if kind in ("quarter", "month") else date(year, 1, 1)
        return ReportPeriod(text, start, deadline.due, regime=False)
    if kind in ("quarter", "month"):
        return ReportPeriod(text, _day_before_month(deadline.start), date(year, deadline.due.month, 14), regime=True)
    return ReportPeriod(text, date(year - 1, 12, 15), date(year, deadline.due.month, 14), regime=True)


def periods_of(year: int) -> list[str]:
    """The reporting periods of a year, as the officer names them, in the order they end."""
    return [f"Quý I/{year}", f"Quý II/{year}", f"6 tháng đầu năm {year}", f"Quý III/{year}", f"9 tháng {year}",
            f"Quý IV/{year}", f"năm {year}"]


def current_period(today: date) -> str:
    """The quarter `today` falls in: "Quý IV/2026"."""
    return f"Quý {('I', 'II', 'III', 'IV')[(today.month - 1) // 3]}/{today.year}"


def opening_period(year: int | None, today: date) -> str:
    """The period a report opens on for a plan of `year`: this quarter in this year, the whole year of an
    earlier one, the first quarter of a later one."""
    if year is None or year == today.year:
        return current_period(today)
    return f"năm {year}" if year < today.year else periods_of(year)[0]


def _day_before_month(first: date) -> date:
    previous = first - timedelta(days=1)
    return date(previous.year, previous.month, 15)
