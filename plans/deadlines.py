"""The grammar of deadlines as Vietnamese plans write them ("thời hạn").

`parse_deadline(text, year)` reads one deadline cell into a `Deadline`:

* a *period* - a date (`15/11/2020`), a month (`Tháng 11/2020`), a quarter
  (`Quý II/2020`, `Quý 2/2021`), a half year (`6 tháng đầu năm 2021`), nine
  months (`9 tháng`), a year (`Năm 2023`; `Cuối năm`, `Trong năm`: the
  plan's) - gives `start` and `due`;
* two periods joined by `-`, `đến` or introduced by `Từ` make a `range`, so
  do quarters, months or years named together (`Quý I, II/2026`, `Quý
  I-II/2026`, `Tháng 11, 12`, `Năm 2026, 2027`);
* `Thường xuyên` (`Liên tục`, `Hằng ngày`, `Suốt năm`) is `ongoing`: no due
  date, active over the plan year; work that goes on from a period (`Từ
  tháng 4/2026`, `Năm 2026 và các năm tiếp theo`, `… trở đi`, `… và duy
  trì`) is `ongoing` from its start with no end;
* a finer term in brackets, due before its period ends, is the one to
  follow (`Quý IV/2026 (trước ngày 15/12/2026)`: 15/12);
* `Hàng tháng`, `Định kỳ hằng quý`, `Định kỳ 6 tháng`, `6 tháng/lần` (`3`,
  `12 tháng/lần`),
  `trước ngày 05/11 hàng năm`, `trước ngày 15 hằng tháng`, `trước ngày 20
  của tháng cuối quý`, and months named round the year (`Tháng 3, 6, 9,
  12`, `tháng 6 và tháng 12`) are `recurring`, with their first occurrence
  as `due`;
* anything else (`Theo kế hoạch`, `Khi có Thông tư...`) is `conditional`;
  `mistyped_period` tells a period mistyped (`Quý 5/2026`) from a condition.

What the task list shows (`short_name`: `Q2/2026`, `6T đầu 2026`,
`th.xuyên`) reads back as the same deadline.

Dates inside a reference to another document ("Kế hoạch số 5206/KH-UBND ngày
10/5/2019") are masked before reading: they are never the deadline.  Text
that follows the period ("Khi đơn vị đề nghị") is kept as `note`.  The parser
never raises and never guesses: what it cannot read is `conditional` with the
text kept.  `year` is the plan year, used where the text gives none.

Matching is done on `fold(text)`, which keeps positions, so the note is cut
from the original text with its accents.  Adding months is pendulum's,
imported by the functions that do it (`_dues`, `_recurring`, `_from_issue`): with dateutil
it is 20 ms of a command that may never add a month — a listing of tasks
reads their stored dates (a recurring task's due dates too: the register
writes them out, `db.rules.stored_dues`), a filter by period only needs the
period's last day, which the standard library's `calendar.monthrange` gives.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from plans.text import fold

KINDS = (
    "date",
    "month",
    "quarter",
    "half_year",
    "nine_months",
    "year",
    "range",
    "recurring",
    "ongoing",
    "conditional",
    "none",
)

#: Vietnamese names of the kinds, for screens and sheets.
KIND_LABELS = {
    "date": "ngày",
    "month": "tháng",
    "quarter": "quý",
    "half_year": "6 tháng",
    "nine_months": "9 tháng",
    "year": "năm",
    "range": "khoảng thời gian",
    "recurring": "định kỳ",
    "ongoing": "thường xuyên",
    "conditional": "theo điều kiện",
    "none": "không có thời hạn",
}

RECURRENCE_LABELS = {
    "week": "hàng tuần",
    "month": "hàng tháng",
    "quarter": "hàng quý",
    "half_year": "6 tháng một lần",
    "year": "hàng năm",
}

_MIN_YEAR, _MAX_YEAR = 1990, 2100
_BROKEN_YEAR = re.compile(r"\s*(?:/|nam\s+)\s*\d*[o\d]")


@dataclass(frozen=True)
class Deadline:
    """One deadline as read from a plan.

    `start`..`due` is the period the task is due in; `end` is the last day a
    recurring or ongoing task is active (None: open-ended); `recurrence` names
    the repeat (month, quarter, half_year, year, week) of a recurring task.
    """

    text: str
    kind: str
    start: date | None = None
    due: date | None = None
    end: date | None = None
    recurrence: str | None = None
    note: str = ""

    def reading(self) -> str:
        """How the deadline was understood, in Vietnamese, for the officer."""
        if self.kind == "none":
            return "không có thời hạn"
        if self.kind == "conditional":
            return "theo điều kiện, không có ngày cụ thể"
        if self.kind == "ongoing":
            span = _span(self.start, self.end) if self.end or not self.start else f"từ {_fmt(self.start)}"
            return f"thường xuyên{', ' + span if span else ''}"
        if self.kind == "recurring":
            label = RECURRENCE_LABELS.get(self.recurrence or "", "định kỳ")
            first = f", kỳ đầu hạn {_fmt(self.due)}" if self.due else ""
            return f"{label}{first}"
        if self.kind == "date":
            return f"hạn {_fmt(self.due)}"
        return _span(self.start, self.due)

    def occurrences(self, start: date, end: date) -> list[date]:
        """Due dates of this deadline that fall within `start`..`end`."""
        if self.kind == "recurring":
            return [d for d in _recurring_dues(self, end) if start <= d <= end]
        if self.due and start <= self.due <= end:
            return [self.due]
        return []


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _span(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{_fmt(start)} – {_fmt(end)}"
    return _fmt(start or end)


def _recurring_dues(deadline: Deadline, until: date) -> tuple[date, ...]:
    return _dues(deadline.due, deadline.recurrence, deadline.end, until)


@lru_cache(maxsize=4096)
def _dues(first_due: date | None, recurrence: str | None, end: date | None, until: date) -> tuple[date, ...]:
    """Due dates of a repeat from `first_due`, up to `end` and `until` (shared by every task alike)."""
    if first_due is None:
        return ()
    step = {"week": {"weeks": 1}, "month": {"months": 1}, "quarter": {"months": 3},
            "half_year": {"months": 6}, "year": {"years": 1}}.get(recurrence or "")
    if step is None:
        return (first_due,)
    last = min(end or until, until)
    dues: list[date] = []
    index = 0
    import pendulum

    first = pendulum.date(first_due.year, first_due.month, first_due.day)
    month_end = recurrence != "week" and first == first.end_of("month")
    while True:
        current = first.add(**{k: v * index for k, v in step.items()})
        if month_end:
            current = current.end_of("month")
        if current > last or index > 10_000:
            return tuple(dues)
        dues.append(date(current.year, current.month, current.day))
        index += 1


# --- tokens -----------------------------------------------------------------

_YEAR = r"((?:19|20)\d\d)"
_SEP = r"\s*(?:[/.\-,]|\bnam\b)?\s*"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_NOT_SCHOOL_YEAR = r"(?!\s*(?:hoc|sau|truoc|toi)\b)"  # «năm học», «năm sau», «năm trước», «năm tới»: not this year

_TOKEN_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # «6T đầu 2026», «9T 2026»: the task list's short names (`short_name`) read back as what they name
    ("half_year", re.compile(r"\b(?:06|6|sau)\s*(?:thang|t)\s*(dau|cuoi)(?:\s*nam)?(?:" + _SEP + _YEAR + r")?(?!\d)")),
    ("half_year", re.compile(r"\b(?:6|06)\s*thang(?:" + _SEP + _YEAR + r")?(?!\d)")),
    ("nine_months", re.compile(r"\b(?:09|9|chin)\s*thang(?:\s*dau)?(?:\s*nam)?(?:" + _SEP + _YEAR + r")?(?!\d)")),
    # «Nửa đầu năm 2026», «Giữa năm»: the first half; «Nửa cuối năm»: the second; «Đầu năm 2026»: its first quarter
    ("half_year", re.compile(r"\b(?:nua\s*(dau|cuoi)|giua)\s*nam\b" + _NOT_SCHOOL_YEAR + r"(?:\s*nay\b|\s*" + _YEAR
                             + r")?(?![\d/])")),
    ("early_year", re.compile(r"\bdau\s*nam\b" + _NOT_SCHOOL_YEAR + r"(?:\s*nay\b|\s*" + _YEAR + r")?(?![\d/])")),
    ("nine_months", re.compile(r"\b(?:09|9)\s*t\b" + _SEP + _YEAR + r"(?!\d)")),
    # «Quý I, II/2026», «Quý III và Quý IV năm 2026», «Quý I-II/2026»: the work spans them, due at the last one's end
    ("quarters", re.compile(r"\bqu[yi]\s*((?:iv|i{1,3}|[1-4])(?:\s*(?:,|va|&|den|[-–—])\s*(?:qu[yi]\s*)?"
                            r"(?:iv|i{1,3}|[1-4]))+)\b"
                            r"(?:" + _SEP + _YEAR + r")?(?!\d)")),
    ("quarter", re.compile(r"\bqu[yi]\s*(iv|i{1,3}|[1-4])\b(?:" + _SEP + _YEAR + r")?(?!\d)")),
    # «Q3/2026», «Q.III-2026», as the task list writes a quarter: with its year only («Q.1» may be a district)
    ("quarter", re.compile(r"\bq\.?\s*(iv|i{1,3}|[1-4])\s*[/.\-]\s*" + _YEAR + r"(?!\d)")),
    # «Tháng 3, 6, 9, 12», «tháng 6 và tháng 12», «ngày 15 tháng 3, 6, 9, 12»: months named together (`_months`)
    ("day_months", re.compile(r"\bngay\s*(\d{1,2})\s*(?:cua\s*)?thang\s*(\d{1,2}(?:\s*(?:,|va|&)\s*(?:thang\s*)?"
                              r"\d{1,2})+)\b(?:" + _SEP + _YEAR + r")?(?!\d)")),
    ("date", re.compile(r"\bngay\s*(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*(?:nam|/)\s*(\d{4}))?(?!\d)")),
    ("months", re.compile(r"\bthang\s*(\d{1,2}(?:\s*(?:,|va|&)\s*(?:thang\s*)?\d{1,2})+)\b(?:" + _SEP + _YEAR
                          + r")?(?!\d)")),
    ("month", re.compile(r"\bthang\s*(\d{1,2})(?:" + _SEP + _YEAR + r")?(?!\d)")),
    ("date", re.compile(r"(?<![\d/])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2})|\s*nam\s*(\d{4}))?"
                        r"(?![\d/])")),  # «31/3/2026», «31/3 năm 2026»
    ("month", re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*((?:19|20)\d\d)(?![\d/])")),
    # «Cuối năm», «Trong năm», «Cả năm 2026»: the plan's year when none is written
    ("year", re.compile(r"\b(?:cuoi|trong|ca|het)\s*nam\b" + _NOT_SCHOOL_YEAR + r"(?:\s*nay\b|\s*" + _YEAR
                        + r")?(?![\d/])")),
    ("year", re.compile(r"(?<![\d/])" + _YEAR + r"(?![\d/])")),
]

# A reference to another document: "số 5206/KH-UBND ngày 10/5/2019".
_REFERENCE = re.compile(
    r"\bso\s*:?\s*\d+[\w./\-]*(?:\s*(?:ngay|,)\s*\d{1,2}\s*(?:[/.\-]|thang)\s*\d{1,2}"
    r"(?:\s*(?:[/.\-]|nam)\s*\d{2,4})?)?"
    r"|\b(?:nghi dinh|nghi quyet|quyet dinh|thong tu|ke hoach|cong van|van ban|chi thi)"
    r"\s+\d+[\w./\-]*(?:\s*ngay\s*\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?)?"
)
# «Thường xuyên» («th.xuyên» as the task list shortens it), «Liên tục», «Hằng ngày», «Suốt năm», «Quanh năm»
_ONGOING = re.compile(r"\bth(?:uong|\.)\s*xuyen\b|\blien\s*tuc\b|\bh[ae]ng\s*ngay\b|\b(?:suot|quanh)\s*nam\b")
# «Từ năm 2026 trở đi», «Năm 2026 và các năm tiếp theo», «Tháng 3/2026 và duy trì»: going on from a period, with
# no end; so does a period that only opens it («Từ tháng 4/2026»)
_ONWARDS = re.compile(r"\btro\s*di\b|\b(?:cac|nhung)\s*nam\s*(?:tiep\s*theo|sau)\b"
                      r"|(?:\bva|,|sau\s*do)\s*(?:tiep\s*tuc\s*)?duy\s*tri\b")
_OPENS = re.compile(r"\b(?:bat\s*dau\s*)?tu\s*(?:nam|ngay)?\s*$")
# "Quý 5/2023", "Quý V": a quarter that does not exist is a typo, not the month or year after it.
_BAD_QUARTER = re.compile(r"\bqu[yi]\s*(?!(?:iv|i{1,3}|[1-4])\b)(?:\d+|[ivxl]+)\b")
_RECURRING = re.compile(
    r"\b(?:h[ae]ng|dinh\s*ky(?:\s*h[ae]ng)?|moi)\s*(tuan|thang|quy|nam|0?(?:1|3|6|12)\s*thang|sau\s*thang)\b"
    # «6 tháng/lần», «06 tháng/lần», «12 tháng/lần», «quý một lần»
    r"|\b(tuan|thang|quy|nam|0?(?:1|3|6|12)\s*thang|sau\s*thang)\s*(?:/\s*|mot\s*)lan\b"
    r"|\bthang\s*cuoi\s*(?:cua\s*|moi\s*)?(quy)\b"  # «trước ngày 20 của tháng cuối quý»
    r"|\bdinh\s*ky\b"
)
_HALF_YEAR_AND_YEAR = re.compile(r"\b(?:6|06|sau)\s*thang\s*(?:,|va|&)\s*(?:h[ae]ng\s*)?nam\b")
_LAST_MONTH_OF_QUARTER = re.compile(r"\bthang\s*cuoi\s*(?:cua\s*|moi\s*)?quy\b")
_DAY_OF_MONTH = re.compile(r"\bngay\s*(\d{1,2})\b(?!\s*[/.\-]\s*\d)(?!\s*thang\s*\d)")  # «ngày 15», not «ngày 15/11»
# «đến hết Quý II», «từ năm 2026 đến năm 2030»
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|den(?:\s*het)?|toi|\bto\b)(?:\s*nam)?\s*$")
_LEADING_NOISE = " \t\n.,;:-–()[]"


@dataclass(frozen=True)
class _Token:
    kind: str
    start: date
    due: date
    begin: int
    stop: int
    has_year: bool
    year_only: bool = False
    resolved: bool = True
    every: str | None = None  # months named around the year («Tháng 3, 6, 9, 12»): the repeat they make


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _day_in(year: int, month: int, day: int) -> date:
    """The `day` of a month, or its last day when it has fewer («ngày 31 tháng 6» is 30/06)."""
    return date(year, month, min(day, monthrange(year, month)[1]))


def _valid_year(value: int | None) -> bool:
    return value is not None and _MIN_YEAR <= value <= _MAX_YEAR


_EVERY = {3: "quarter", 6: "half_year"}


def _repeat_of(months: list[int]) -> str | None:
    """The repeat months named together make when they go round the year at even steps («3, 6, 9, 12»: a
    quarter; «6, 12», «4, 10»: half a year), else None."""
    if len(months) < 2 or months != sorted(set(months)):
        return None
    steps = {later - earlier for earlier, later in pairwise(months)}
    return _EVERY.get(steps.pop()) if len(steps) == 1 and (months[1] - months[0]) * len(months) == 12 else None


def _months(listed: str, use: int, begin: int, stop: int, has_year: bool, day: int | None = None) -> _Token | None:
    """Months named together: round the year at even steps («3, 6, 9, 12», «6 và 12») they repeat, due first at
    the first one's end (or its `day`); otherwise («11, 12») the work spans them, due at the last one's end."""
    months = [int(month) for month in re.findall(r"\d{1,2}", listed)]
    if not all(1 <= month <= 12 for month in months) or months != sorted(set(months)) or not 1 <= (day or 1) <= 31:
        return None
    every = _repeat_of(months)
    month = months[0] if every else months[-1]
    due = _day_in(use, month, day) if day else _month_end(use, month)
    return _Token("months", date(use, months[0], 1), due, begin, stop, has_year, every=every)


def _token_from_match(kind: str, match: re.Match[str], year: int | None) -> _Token | None:
    groups = match.groups()
    given = next((int(g) for g in reversed(groups) if g and re.fullmatch(r"\d{4}", g)), None)
    if kind == "date" and groups[2] and len(groups[2]) == 2:
        given = 2000 + int(groups[2])
    use = given if given is not None else year
    resolved = _valid_year(use)
    if given is not None and not resolved:
        return None
    if given is None and _BROKEN_YEAR.match(match.string, match.end()):
        return None  # "Quý I/202", "Quý II/2O23", "Quý I/3000": a year mistyped is unreadable, never replaced
    if use is None or not resolved:
        use = 2000  # a leap year standing in until a range lends its year
    begin, stop = match.span()
    has_year = given is not None
    token = _make_token(kind, groups, use, begin, stop, has_year)
    if token is None or resolved:
        return token
    return replace(token, has_year=False, resolved=False)


def _make_token(kind: str, groups: tuple[str | None, ...], use: int, begin: int, stop: int,
                has_year: bool) -> _Token | None:
    first = groups[0] or ""
    if kind == "quarter":
        quarter = _ROMAN[first]
        return _Token(kind, date(use, 3 * quarter - 2, 1), _month_end(use, 3 * quarter), begin, stop, has_year)
    if kind == "quarters":
        quarters = [_ROMAN[name] for name in re.findall(r"iv|i{1,3}|[1-4]", first)]
        return _Token("range", date(use, 3 * min(quarters) - 2, 1), _month_end(use, 3 * max(quarters)), begin, stop,
                      has_year)
    if kind == "months":
        return _months(first, use, begin, stop, has_year)
    if kind == "day_months":
        return _months(groups[1] or "", use, begin, stop, has_year, day=int(first))
    if kind == "half_year":
        second = bool(groups[0]) and groups[0] == "cuoi" if len(groups) == 2 else False
        if second:
            return _Token(kind, date(use, 7, 1), date(use, 12, 31), begin, stop, has_year)
        return _Token(kind, date(use, 1, 1), date(use, 6, 30), begin, stop, has_year)
    if kind == "early_year":
        return _Token("quarter", date(use, 1, 1), date(use, 3, 31), begin, stop, has_year)
    if kind == "nine_months":
        return _Token(kind, date(use, 1, 1), date(use, 9, 30), begin, stop, has_year)
    if kind == "month":
        month = int(first)
        if not 1 <= month <= 12:
            return None
        return _Token(kind, date(use, month, 1), _month_end(use, month), begin, stop, has_year)
    if kind == "date":
        day, month = int(first), int(groups[1] or 0)
        try:
            when = date(use, month, day)
        except ValueError:
            return None
        return _Token(kind, when, when, begin, stop, has_year)
    return _Token("year", date(use, 1, 1), date(use, 12, 31), begin, stop, True, year_only=True)


def _tokens(folded: str, year: int | None) -> list[_Token]:
    """Every period in the folded text, left to right, without overlaps."""
    taken = [False] * len(folded)
    found: list[_Token] = []
    for kind, pattern in _TOKEN_PATTERNS:
        for match in pattern.finditer(folded):
            begin, stop = match.span()
            if any(taken[begin:stop]):
                continue
            token = _token_from_match(kind, match, year)
            if token is None:
                continue
            found.append(token)
            for i in range(begin, stop):
                taken[i] = True
    return sorted(found, key=lambda t: t.begin)


def _same_day(one: date, other: date) -> bool:
    """Whether two dates fall on the same day of their months, a month's last day being one («30/6 và 31/12»)."""
    return one.day == other.day or (one == _month_end(one.year, one.month)
                                    and other == _month_end(other.year, other.month))


def _dates_listed(folded: str, tokens: list[_Token]) -> list[_Token]:
    """Tokens with dates named together round the year on one day («trước ngày 15/6 và 15/12», «30/6 và
    31/12»), or months each written with its year («Tháng 6/2026 và tháng 12/2026»), made one token as months
    named together are (`_months`): the repeat they make (`_repeat_of`), due first on the first of them; months
    not round the year («Tháng 11/2026 và tháng 12/2026») the span of them."""
    first = 0
    while first < len(tokens) - 1:
        last = first
        while last + 1 < len(tokens) and _listed_with(folded, tokens[last], tokens[last + 1]):
            last += 1
        run = tokens[first:last + 1]
        every = _repeat_of([token.due.month for token in run]) if last > first else None
        if every or (last > first and run[0].kind == "month"):
            return [*tokens[:first], replace(run[0], kind="months", due=run[0].due if every else run[-1].due,
                                             stop=run[-1].stop, every=every), *tokens[last + 1:]]
        first = last + 1  # each token looked at once: a cell of 3,000 dates is read in a few ms
    return tokens


def _listed_with(folded: str, token: _Token, following: _Token) -> bool:
    """Whether `following` is named together with `token`: two days of one day of the month, or two months
    of one year, a list's «,» or «và» between them."""
    if not _LIST_JOIN.fullmatch(folded[token.stop:following.begin]) or token.kind != following.kind:
        return False
    if token.kind == "date":
        return _same_day(token.due, following.due)
    return token.kind == "month" and token.due.year == following.due.year and token.due < following.due


def _mask_references(folded: str) -> str:
    return _REFERENCE.sub(lambda m: " " * (m.end() - m.start()), folded)


def _note(text: str, stop: int) -> str:
    return text[stop:].strip(_LEADING_NOISE)


def _year_window(year: int | None) -> tuple[date | None, date | None]:
    if not _valid_year(year):
        return None, None
    assert year is not None
    return date(year, 1, 1), date(year, 12, 31)


def _recurring(text: str, folded: str, match: re.Match[str], tokens: list[_Token], year: int | None) -> Deadline:
    unit = next((group for group in match.groups() if group), "").replace(" ", "").lstrip("0")
    recurrence = {"tuan": "week", "thang": "month", "1thang": "month", "quy": "quarter", "3thang": "quarter",
                  "nam": "year", "12thang": "year", "6thang": "half_year", "sauthang": "half_year"}.get(unit)
    within = next((t for t in tokens if t.year_only), None)
    dated = next((t for t in tokens if t.kind == "date"), None)
    if dated is not None and not dated.resolved and not _valid_year(year):
        return Deadline(text, "recurring", None, None, None, recurrence or "year")
    base_year = within.start.year if within else year
    start, end = _year_window(base_year)
    if recurrence == "year":
        end = None
    listed = next((t for t in tokens if t.every), None)
    if listed is not None and recurrence in (None, "year"):  # «tháng 6 và tháng 12 hằng năm»: twice a year
        first = _day_in(start.year, listed.due.month, listed.due.day) if start else None
        return Deadline(text, "recurring", start, first, end, listed.every)
    if recurrence == "year" and _HALF_YEAR_AND_YEAR.search(folded):  # «6 tháng, hằng năm»: the reports twice a year
        recurrence = "half_year"
    period = next((t for t in tokens if t.kind in ("month", "quarter")), None)
    if recurrence == "year" and dated is None and period is not None and start is not None:
        # «Quý I hằng năm», «Tháng 01 hằng năm»: due at that period's end each year, not at the year's
        return Deadline(text, "recurring", start, _day_in(start.year, period.due.month, period.due.day), end,
                        recurrence)
    if dated is not None:
        recurrence = recurrence or "year"
        due = dated.due
        if not dated.has_year and _valid_year(base_year):
            assert base_year is not None
            due = date(base_year, due.month, due.day)
        return Deadline(text, "recurring", start, due, end, recurrence)
    if recurrence is None:
        recurrence = "half_year" if re.search(r"\b6\s*thang\b", folded) else None
    if recurrence is None or start is None:
        return Deadline(text, "recurring", start, None, end, recurrence)
    day = _DAY_OF_MONTH.search(folded)
    if recurrence == "month" and day and 1 <= int(day.group(1)) <= 31:  # «trước ngày 15 hằng tháng»
        return Deadline(text, "recurring", start, date(start.year, 1, int(day.group(1))), end, recurrence)
    if recurrence == "quarter" and day and 1 <= int(day.group(1)) <= 31 and _LAST_MONTH_OF_QUARTER.search(folded):
        return Deadline(text, "recurring", start, _day_in(start.year, 3, int(day.group(1))), end, recurrence)
    import pendulum

    first = pendulum.date(start.year, 1, 1)
    months = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}.get(recurrence)
    due_p = first.add(months=months - 1).end_of("month") if months else first.end_of("week")
    return Deadline(text, "recurring", start, date(due_p.year, due_p.month, due_p.day), end, recurrence)


def _range(text: str, first: _Token, last: _Token) -> Deadline:
    start, due = first.start, last.due
    if not last.resolved:
        return Deadline(text, "conditional")
    if not first.has_year and last.has_year:
        # "Từ tháng 3 đến tháng 6/2021": the first period takes the second's year.
        start = date(last.due.year, first.start.month, first.start.day)
    if start > due:
        return Deadline(text, "conditional")
    return Deadline(text, "range", start, due, note=_note(text, last.stop))


_LIST_JOIN = re.compile(r"\s*(?:,|va|&)\s*(?:nam\s*)?")  # «2026, 2027», «năm 2025 và năm 2026»


def _listed_years(folded: str, first: _Token, second: _Token) -> bool:
    """«Năm 2026, 2027», «năm 2026 và 2027»: years named together, the work spans them."""
    return first.year_only and second.year_only and bool(_LIST_JOIN.fullmatch(folded[first.stop:second.begin]))


def _last_listed(folded: str, tokens: list[_Token]) -> _Token:
    """The period a range ends with: the second token, or the last of years listed («2026, 2027, 2028»)."""
    last = 1
    while last + 1 < len(tokens) and _listed_years(folded, tokens[last], tokens[last + 1]):
        last += 1
    return tokens[last]


def _is_range(folded: str, tokens: list[_Token]) -> bool:
    if len(tokens) < 2:
        return False
    if _listed_years(folded, tokens[0], tokens[1]):
        return True
    between = folded[tokens[0].stop:tokens[1].begin]
    before = folded[: tokens[0].begin]
    joined = bool(_RANGE_JOIN.match(between))
    return joined and (re.search(r"\b(tu|giai\s*doan)\s*$", before) is not None or "-" in between
                       or "den" in between or "toi" in between)


def parse_deadline(text: str | None, year: int | None = None, issued: date | None = None) -> Deadline:
    """Read one deadline cell.  Never raises; unreadable text is `conditional`.  `issued`: the day the plan
    itself was issued, from which «Trong 30 ngày kể từ ngày ban hành Kế hoạch» is counted (`_from_issue`);
    without it such a deadline is a condition."""
    raw = "" if text is None else str(text)
    original = " ".join(raw.split())
    if not original:
        return Deadline(original, "none")
    try:
        deadline = _parse(original, year if _valid_year(year) else None)
        return _from_issue(deadline, issued) if issued and deadline.kind == "conditional" else deadline
    except (ValueError, OverflowError, AssertionError):
        return Deadline(original, "conditional")


# «Trong (vòng | thời hạn) 30 ngày kể từ ngày ban hành (Kế hoạch)», «Sau 02 tháng kể từ ngày Kế hoạch được ký»:
# counted from this plan's issue — not from another document's («kể từ ngày ban hành Quyết định …»), nor in
# working days, which need the year's holidays
_FROM_ISSUE = (  # compiled on first use, by re's cache: most commands never count from an issue
    r"\b(?:trong|sau)(?:\s+(?:vong|thoi\s+han|thoi\s+gian))?\s+(\d{1,3})\s+(ngay|tuan|thang)\b(?!\s+lam\s+viec)"
    r"\s*,?\s*(?:tinh\s+)?ke\s+tu\s+(?:ngay\s+)?(?:(?:ke\s+hoach|van\s+ban)(?:\s+nay)?\s+(?:duoc\s+)?)?"
    r"(?:ky\s+)?(?:ban\s+hanh|ky)\b(?:\s+(?:ke\s+hoach|van\s+ban)(?:\s+nay)?)?\s*(?:$|[.;,)(])")


def _from_issue(deadline: Deadline, issued: date) -> Deadline:
    """A deadline counted from the plan's issue date: that day plus the days, weeks or months written
    (months added by pendulum: 31/01 and one month is 28/02); otherwise as it was read."""
    match = re.search(_FROM_ISSUE, fold(deadline.text))
    if match is None:
        return deadline
    count, unit = int(match.group(1)), match.group(2)
    if unit == "thang":
        import pendulum

        later = pendulum.date(issued.year, issued.month, issued.day).add(months=count)
        due = date(later.year, later.month, later.day)
    else:
        due = issued + timedelta(days=count * (7 if unit == "tuan" else 1))
    return Deadline(deadline.text, "date", due, due, note=f"tính từ ngày ban hành kế hoạch {issued:%d/%m/%Y}")


def counted_from_issue(deadline: Deadline) -> bool:
    """Whether `deadline` is a day counted from the plan's issue (`_from_issue`): the import says so."""
    return deadline.kind == "date" and re.search(_FROM_ISSUE, fold(deadline.text)) is not None


_PERIOD_KINDS = ("date", "month", "quarter", "half_year", "nine_months", "early_year", "year", "range")


def _parse(text: str, year: int | None) -> Deadline:
    first, semicolon, rest = text.partition(";")
    if semicolon and rest.strip() and (before := _parse(first, year)).kind in _PERIOD_KINDS:
        # «Trước 31/12/2026; báo cáo định kỳ hằng quý»: the term is the first part, what follows a second duty
        return replace(before, text=text, note="; ".join(filter(None, [before.note, rest.strip()])))
    folded = fold(text)
    masked = _mask_references(folded)
    tokens = _dates_listed(masked, _tokens(masked, year))
    ongoing = _ONGOING.search(masked)
    if ongoing:
        within = next((t for t in tokens if t.year_only), None)
        start, end = _year_window(within.start.year if within else year)
        return Deadline(text, "ongoing", start, None, None if _ONWARDS.search(masked) else end)
    recurring = _RECURRING.search(masked)
    if recurring:
        return _recurring(text, masked, recurring, tokens, year)
    if not tokens or _BAD_QUARTER.search(masked):
        return Deadline(text, "conditional")
    if _is_range(masked, tokens):
        return _range(text, tokens[0], _last_listed(masked, tokens))
    token = tokens[0]
    if not token.resolved:
        return Deadline(text, "conditional")
    if _ONWARDS.search(masked) or (len(tokens) == 1 and _OPENS.search(masked[:token.begin])):
        # «Từ tháng 4/2026», «Từ năm 2026 trở đi»: the work starts then and goes on — never due, as «Thường xuyên»
        return Deadline(text, "ongoing", token.start)
    if token.kind == "months":  # «Tháng 3, 6, 9, 12»: a repeat over the year; «Tháng 11, 12/2026»: a span
        if token.every:
            start, end = _year_window(token.start.year)
            return Deadline(text, "recurring", start, token.due, end, token.every)
        return Deadline(text, "range", token.start, token.due, note=_note(text, token.stop))
    finer = _bracketed_term(masked, token, tokens[1:])
    if finer is not None:  # «Quý IV/2026 (trước ngày 15/12/2026)»: due at the day the brackets give
        return Deadline(text, finer.kind, finer.start, finer.due, note=_note(text, token.stop))
    return Deadline(text, token.kind, token.start, token.due, note=_note(text, token.stop))


_GRAIN = {"date": 0, "month": 1, "quarter": 2, "half_year": 3, "nine_months": 3, "early_year": 2, "year": 4}


def _bracketed_term(folded: str, period: _Token, others: list[_Token]) -> _Token | None:
    """A finer term written in brackets after a period, due inside it and before its end — «Quý IV/2026 (trước
    ngày 15/12)», «Năm 2026 (Tháng 11)» — or None."""
    for token in others:
        opened = folded.rfind("(", period.stop, token.begin)
        inside = opened >= 0 and ")" not in folded[opened:token.begin]
        if inside and token.resolved and period.start <= token.due < period.due and (
                _GRAIN.get(token.kind, 9) < _GRAIN.get(period.kind, 0)):
            return token  # due earlier than the period's end: what the brackets add
    return None


def mistyped_period(text: str, year: int | None = None, issued: date | None = None) -> str | None:
    """Why `text`, read as `conditional`, looks like a period mistyped rather than a condition — «Quý 5/2026»,
    «Tháng 13/2026», «31/02/2026», «Quý I/202» — in Vietnamese, naming the part; None when it reads, or when it
    is a condition indeed («Theo kế hoạch», «Khi có Thông tư 05/2026/TT-BYT»).  The parser never guesses; a form
    asks the officer instead of keeping a typo as «theo điều kiện»."""
    if not text or parse_deadline(text, year, issued).kind != "conditional":
        return None
    masked = _mask_references(fold(text))
    bad = _BAD_QUARTER.search(masked)
    if bad:
        return f"«{text[bad.start():bad.end()]}» không phải một quý (chỉ có Quý I, II, III, IV)"
    for kind, pattern in _TOKEN_PATTERNS:
        for match in pattern.finditer(masked):
            if _token_from_match(kind, match, year) is not None:
                continue
            broken = _BROKEN_YEAR.match(masked, match.end())
            if broken:
                end = masked.find(" ", broken.end())  # to the end of the mistyped year
                end = len(masked) if end < 0 else end
                return f"năm trong «{text[match.start():end].strip()}» viết chưa đúng"
            return f"«{text[match.start():match.end()].strip()}» không phải một ngày, tháng hay năm có thật"
    return None


_IN_TEXT = (  # compiled on first use, by re's cache
    r"(?:truoc|cham nhat)(?:\s+ngay)?\s+\d{1,2}/\d{1,2}(?:/\d{4})?(?:\s+h[ae]ng\s+(?:thang|quy|nam))?"
    r"|(?:xong|hoan thanh)\s+(?:trong|truoc)\s+(?:thang|quy|nam)\s+[\divxl]+(?:/\d{4})?"
    r"|\btrong\s+(?:thang|quy)\s+[\divxl]+/\d{4}"  # «… trong quý II/2026»: with its year only
    r"|dinh ky\s+h[ae]ng\s+(?:tuan|thang|quy|nam)"
    # «thực hiện hằng tháng»: the doing recurs; «… báo cáo công tác giảm nghèo hàng năm» names a report, no deadline
    r"|(?:thuc hien|tien hanh)\s+(?P<doing>thuong xuyen|lien tuc|h[ae]ng\s+(?:ngay|tuan|thang|quy|nam))\b"
    # «…; thời gian: hằng tháng.», «… (thời gian thực hiện: Quý II/2026)»: a label inside the sentence
    r"|\bthoi (?:gian|han)(?:\s+(?:thuc hien|hoan thanh))?\s*:\s*(?P<labelled>[^.;:()]*[^.;:()\s])"
)


def deadline_in_text(text: str, year: int | None = None, issued: date | None = None) -> Deadline:
    """A deadline written inside a sentence ("… báo cáo trước ngày 15/12/2025", "định kỳ hằng quý", "thực hiện
    thường xuyên", "…; thời gian: hằng tháng", and with the plan's issue date "… trong 30 ngày kể từ ngày ban
    hành Kế hoạch"), or none."""
    folded = fold(text)
    counted = re.search(_FROM_ISSUE, folded) if issued else None
    if counted is not None:
        return parse_deadline(text[counted.start():counted.end()].strip(" .;,()"), year, issued)
    match = re.search(_IN_TEXT, folded)
    if match is None:
        return parse_deadline("", year)
    group = "doing" if match["doing"] else "labelled" if match["labelled"] else 0
    return parse_deadline(text[match.start(group):match.end(group)], year)


_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


_PERIOD_NAMES: dict[str, Callable[[date], str]] = {
    "quarter": lambda due: f"Quý {_NUMERALS[_quarter(due)]}/{due.year}",
    "month": lambda due: f"Tháng {due.month:02d}/{due.year}",
    "half_year": lambda due: f"6 tháng {'đầu' if due.month == 6 else 'cuối'} năm {due.year}",
    "nine_months": lambda due: f"9 tháng năm {due.year}",
    "year": lambda due: f"năm {due.year}",
    "date": lambda due: f"{due:%d/%m/%Y}",
}


_SHORT_NAMES: dict[str, Callable[[date], str]] = {
    "quarter": lambda due: f"Q{_quarter(due)}/{due.year}",
    "month": lambda due: f"T{due.month}/{due.year}",
    "half_year": lambda due: f"6T {'đầu' if due.month == 6 else 'cuối'} {due.year}",
    "nine_months": lambda due: f"9T {due.year}",
    "year": lambda due: f"năm {due.year}",
}
_SHORT_REPEATS = {"week": "hằng tuần", "month": "hằng tháng", "quarter": "hằng quý", "half_year": "6 tháng/lần",
                  "year": "hằng năm"}


def short_name(deadline: Deadline) -> str:
    """The deadline in a dozen characters, for a narrow column: «30/06/2026», «Q2/2026», «6T đầu 2026»,
    «hằng tháng», «th.xuyên», «đ.kiện»; the full text stays in the detail pane."""
    if deadline.kind == "recurring":
        return _SHORT_REPEATS.get(deadline.recurrence or "", "định kỳ")
    if deadline.kind == "ongoing":
        return "th.xuyên"
    if deadline.due is None:
        return "đ.kiện" if deadline.kind == "conditional" else "—"
    name = _SHORT_NAMES.get(deadline.kind)
    return name(deadline.due) if name else f"{deadline.due:%d/%m/%Y}"  # a day, or the end of a range


def period_name(deadline: Deadline) -> str | None:
    """The canonical name of a one-period deadline, whatever way it was typed: "quy ii/2023" -> "Quý II/2023",
    "6 thang dau nam 2023" -> "6 tháng đầu năm 2023"; None for other kinds."""
    name = _PERIOD_NAMES.get(deadline.kind)
    return name(deadline.due) if name and deadline.due and deadline.start else None
