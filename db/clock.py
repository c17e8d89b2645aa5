"""Where the register reads the time: one clock, that tests set to a fixed moment for stable screens."""

from __future__ import annotations

from datetime import datetime


def _system_clock() -> datetime:
    return datetime.now()


CLOCK = _system_clock


def now() -> str:
    """The current local time, to the second, as stored in the register."""
    return CLOCK().replace(microsecond=0).isoformat(sep=" ")
