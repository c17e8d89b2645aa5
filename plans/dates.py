"""A day typed by a person: the one rule for reading "22/11/2026", "2/3/2026" or "2026-11-22".

Used by the status form, the CLI's --as-of / --since, the report screen and
returned sheets.  Days are read with the standard library only
(`date.fromisoformat`, `datetime.strptime`); a day that does not exist
(31/02/2026) or a year outside 1990–2100 is not a day.  `excel_serial_day`
reads the other way a day reaches us: an Excel date whose cell lost its date
format shows as its serial («46022»).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_YEARS = range(1990, 2101)


# «ngày 15/6/2026», «15 tháng 6 năm 2026»: a day as a letter writes it
_WORDED = re.compile(r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$", re.IGNORECASE)
_DAY_WORD = re.compile(r"^ngày\s+", re.IGNORECASE)


def read_day(text: str) -> date | None:
    """The day `text` names, or None: 15/06/2026, 15-6-2026, 15.6.2026, 2026-06-15, «ngày 15/6/2026», «15
    tháng 6 năm 2026»."""
    value = _DAY_WORD.sub("", " ".join(text.split()))
    if worded := _WORDED.match(value):
        value = "/".join(worded.groups())
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = None
        for pattern in _FORMATS:
            try:
                day = datetime.strptime(value, pattern).date()
                break
            except ValueError:
                continue
    return day if day is not None and day.year in _YEARS else None


_EXCEL_DAY_ZERO = date(1899, 12, 30)  # the 1900 date system counts from here (its 29/02/1900 never was)
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


def excel_serial_day(value: object) -> date | None:
    """The day an Excel date serial names («46022», 46022.0 → 31/12/2025) when it falls in the years a day
    may have, or None.  Read only where a day is expected: a date cell formatted General shows this number."""
    text = str(value).strip()
    if isinstance(value, bool) or not _SERIAL.fullmatch(text):
        return None
    day = _EXCEL_DAY_ZERO + timedelta(days=int(float(text)))
    return day if day.year in _YEARS else None
