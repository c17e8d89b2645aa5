"""Task statuses (trạng thái): the three words the officer uses, and reading them back.

Stored as codes; shown, exported and accepted in Vietnamese, with or without
accents ("hoan thanh", "Hoàn thành", "HOÀN THÀNH").  No SQL here.
"""

from __future__ import annotations

import re

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
    "da trien khai": IN_PROGRESS,  # under way: whether it is done the officer says, not the parser
    "cham tien do": IN_PROGRESS,
    "dang trien khai thuc hien": IN_PROGRESS,
    **{code: code for code in STATUSES},
}


# «Hoàn thành đúng hạn», «Đã hoàn thành trước hạn», «Hoàn thành (trễ 5 ngày)»: done, however it went
_DONE_HOW = re.compile(r"^(?:da\s+)?(?:hoan thanh|xong)\s+(?:dung|truoc|qua|tre|cham|som|som hon|sau)\b")
_PERCENT = re.compile(r"\b(\d{1,3})\s*%")


def parse_status(text: str) -> str | None:
    """The status code a person wrote, or None when it is not one of the three.  A tracking table qualifies
    its words: «Hoàn thành đúng hạn» is done; a share — «Hoàn thành 80%», «đang thực hiện (70%)» — is done
    at 100 %, not started at 0 %, in progress between; «Chậm tiến độ», «Đã triển khai» are work under way
    (not done: its lateness stays in sight)."""
    key = " ".join(fold(text or "").replace("_", " ").split()).strip(" .")
    code = _WORDS.get(key) or _WORDS.get(key.replace(" ", "_"))
    if code or not key:
        return code
    if share := _PERCENT.search(key):
        percent = int(share.group(1))
        return DONE if percent == 100 else NOT_STARTED if percent == 0 else IN_PROGRESS
    bare = " ".join(re.sub(r"\(.*?\)", " ", key).split()).strip(" .,;:-")
    return _WORDS.get(bare) or (DONE if _DONE_HOW.match(bare) else None)


def label(code: str) -> str:
    """The Vietnamese word for a status code."""
    return LABELS.get(code, code)
