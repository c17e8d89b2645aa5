"""The head of a plan document: number, place and date, title, issuer, year.

Vietnamese administrative documents open the same way: "Số: 234/KH-SYT",
"Đồng Nai, ngày 16 tháng 01 năm 2020", the kind of document in capitals
("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG") and its title on the next line.
Only the first lines are read; nothing here knows about tables or tasks.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from plans.model import PlanHead
from plans.text import fold

_NUMBER = re.compile(r"S[ốô]\s*:?\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐ0-9\-]*)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^\s*([^\d,]{2,40}?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_KINDS = ("ke hoach", "chuong trinh hanh dong", "chuong trinh", "quyet dinh", "de an", "phuong an")
_TITLE_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_ISSUER = re.compile(r"\bSở\s+[A-ZĐ]\w*(?:\s+[a-zđà-ỹ]\w*)?")
_HEAD_LINES = 60


def _plain(line: str) -> str:
    return re.sub(r"[#*_]+", "", line).strip()


def read_head(lines: list[str]) -> PlanHead:
    """Read the plan head from the document's lines."""
    head = PlanHead()
    top = [_plain(line) for line in lines[:_HEAD_LINES]]
    for line in top:
        if not head.number and (match := _NUMBER.search(line)):
            head.number = f"{match.group(1)}/{match.group(2)}"
        if not head.issue_date and (match := _PLACE_DATE.match(line)):
            head.place = match.group(1).strip()
            try:
                head.issue_date = date(int(match.group(4)), int(match.group(3)), int(match.group(2)))
            except ValueError:
                head.issue_date = None
    head.title = _title(top)
    title_year = _TITLE_YEAR.search(head.title)
    if title_year:
        head.year = int(title_year.group(1))
    elif head.issue_date:
        head.year = head.issue_date.year
    issuers = Counter(match.group(0) for line in top for match in _ISSUER.finditer(line))
    if issuers:
        head.issuer = issuers.most_common(1)[0][0]
    return head


def _title(top: list[str]) -> str:
    for index, line in enumerate(top):
        if line and line.isupper() and fold(line).strip() in _KINDS:
            following = [t for t in top[index + 1:index + 4] if t]
            if following:
                return following[0]
    return ""
