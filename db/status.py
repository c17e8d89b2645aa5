"""Task statuses (trạng thái): the three words the officer uses, and reading them back.

Stored as codes; shown, exported and accepted in Vietnamese, with or without
accents ("hoan thanh", "Hoàn thành", "HOÀN THÀNH").  No SQL here.
"""

from __future__ import annotations

from plans.text import fold

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"

STATUSES = (NOT_STARTED, IN_PROGRESS, DONE)

LABELS = {
    NOT_STARTED: "chưa thực hiện",
    IN_PROGRESS: "đang thực hiện",
    DONE: "hoàn thành",
}

_WORDS = {
    "chua thuc hien": NOT_STARTED,
    "chua": NOT_STARTED,
    "chua bat dau": NOT_STARTED,
    "chua lam": NOT_STARTED,
    "chua trien khai": NOT_STARTED,
    "dang thuc hien": IN_PROGRESS,
    "dang": IN_PROGRESS,
    "dang trien khai": IN_PROGRESS,
    "dang lam": IN_PROGRESS,  # as the report's columns shorten it
    "dang tien hanh": IN_PROGRESS,
    "hoan thanh": DONE,
    "da hoan thanh": DONE,
    "xong": DONE,
    "da xong": DONE,
    "da thuc hien": DONE,
    **{code: code for code in STATUSES},
}


def parse_status(text: str) -> str | None:
    """The status code a person wrote, or None when it is not one of the three."""
    key = " ".join(fold(text or "").replace("_", " ").split()).strip(" .")
    return _WORDS.get(key) or _WORDS.get(key.replace(" ", "_"))


def label(code: str) -> str:
    """The Vietnamese word for a status code."""
    return LABELS.get(code, code)
