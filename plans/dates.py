"""A day typed by a person: the one rule for reading "22/11/2026", "2/3/2026" or "2026-11-22".

Used by the status form, the CLI's --as-of / --since, the report screen and
returned sheets.  Days are read with the standard library only
(`date.fromisoformat`, `datetime.strptime`); a day that does not exist
(31/02/2026) or a year outside 1990–2100 is not a day.
"""

from __future__ import annotations

from datetime import date, datetime

_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_YEARS = range(1990, 2101)


def read_day(text: str) -> date | None:
    """The day `text` names, or None."""
    value = text.strip()
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
