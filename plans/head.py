"""The head of a plan document: number, place and date, title, issuer, year.

Vietnamese administrative documents open the same way, whatever the template
puts side by side (a two-column line, a borderless table in Word):
"Số: 234/KH-SYT" and "Đồng Nai, ngày 16 tháng 01 năm 2020", the kind of
document in capitals ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "QUYẾT ĐỊNH") and
its title on the next lines, in capitals, sometimes over two or three lines.

* Every line is read cell by cell (split on tabs), so "Số: 617/KH-UBND⇥Đồng
  Tháp, ngày 01 tháng 12 năm 2025" gives both the number and the date.
* The year of a plan is the year it was issued; a title's "năm 2026" wins
  only when it is next to the issue year (a plan for 2026 signed in December
  2025), never "đến năm 2035" or "giai đoạn 2025 - 2030".
* A draft head ("Số: /KH-SYT", "ngày  tháng  năm 2023") is read as a draft:
  no number, no day, the year only, and `draft` set so the importer warns.

Only the first lines are read; nothing here knows about tables or tasks.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from plans.model import PlanHead
from plans.text import fold

# «Số: 159/KH-UBND» with a capital S: «căn cứ Quyết định số 128/QĐ-…» in the body is not the plan's number
_NUMBER = re.compile(r"(?-i:S)[ốô]\s*:?\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐ0-9\-]*)", re.IGNORECASE)
_DRAFT_NUMBER = re.compile(r"^\s*S[ốô]\s*:\s*/\s*[A-ZĐ]", re.IGNORECASE)
# «Hà Nội, ngày 05 tháng 01 năm 2026», also written «…, ngày 05/01/2026»
_PLACE_DATE = re.compile(r",\s*ngày\s+(\d{1,2})\s*(?:tháng\s+|[/.\-]\s*)(\d{1,2})\s*(?:năm\s+|[/.\-]\s*)(\d{4})",
                         re.IGNORECASE)
_ATTACHED = re.compile(r"kèm theo\s.{0,40}?số\s*:?\s*(\d+\s*/\s*[A-ZĐ][A-ZĐ0-9\-]*)\s*,?\s*ngày\s+(\d{1,2})"
                       r"\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE)
_DRAFT_DATE = re.compile(r"ngày\s+(?:\.*|…*)\s*tháng\s+(?:\.*|…*)\s*năm\s+(\d{4})", re.IGNORECASE)
_KINDS = ("ke hoach", "chuong trinh hanh dong", "chuong trinh", "quyet dinh", "de an", "phuong an")
_TITLE_YEAR = re.compile(r"(\S+\s+)?năm\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)", re.IGNORECASE)
_ISSUER = re.compile(r"\bSở +[A-ZĐ]\w*(?: +[a-zđà-ỹ]\w*)?")
_HEAD_ISSUER = re.compile(r"^(?:ỦY BAN NHÂN DÂN|UBND|THỦ TƯỚNG|BỘ|SỞ|BAN|CỤC)\b[^-–\t]*")
_HEAD_LINES = 60
_NOT_TITLE = ("can cu", "thuc hien", "ve viec", "phu luc")
_SECTION_START = re.compile(r"^(?:[IVXL]+|\d+)\s*[.)]\s")  # «I. MỤC ĐÍCH, YÊU CẦU» below the title: not of it
# who decides, on its own line between a decision's title and «Căn cứ …»: not of the title
_AUTHORITY = re.compile(r"^(?:THỦ TƯỚNG CHÍNH PHỦ$|CHỦ TỊCH |GIÁM ĐỐC |BỘ TRƯỞNG )")


def _plain(line: str) -> str:
    return re.sub(r"[#*_]+", "", line).strip()


def read_head(lines: list[str]) -> PlanHead:
    """Read the plan head from the document's lines."""
    head = PlanHead()
    top = [_plain(line) for line in lines[:_HEAD_LINES]]
    cells = [cell.strip() for line in top for cell in line.split("\t")]
    draft_year: int | None = None
    titled = False  # past «KẾ HOẠCH»: a number there is a document the title cites («NGHỊ QUYẾT SỐ 214/NQ-CP»)
    for cell in cells:
        titled = titled or _kind_and_title(cell) is not None
        if not head.number and not head.draft and _DRAFT_NUMBER.match(cell):
            head.draft = True
        if not head.number and not head.draft and not titled and (match := _NUMBER.search(cell)):
            head.number = f"{match.group(1)}/{match.group(2)}"
        if not head.issue_date and (match := _PLACE_DATE.search(cell)) and (place := _place(cell[:match.start()])):
            head.place = place
            head.issue_date = _date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if not head.issue_date and (match := _ATTACHED.search(cell)):  # "(Kèm theo Kế hoạch số 14/KH-SYT ngày …)"
            head.number = head.number or re.sub(r"\s+", "", match.group(1))
            head.issue_date = _date(int(match.group(4)), int(match.group(3)), int(match.group(2)))
        elif not head.issue_date and draft_year is None and (match := _DRAFT_DATE.search(cell)):
            draft_year, head.draft = int(match.group(1)), True
    head.title = _title(top)
    head.year = _year(head.title, head.issue_date.year if head.issue_date else draft_year)
    head.issuer = _issuer(top)
    return head


def _place(before: str) -> str:
    """The place written before ", ngày …": the capitalised words just before it ("Đồng Nai")."""
    words: list[str] = []
    for word in reversed(before.split()):
        if not word[:1].isupper() or any(ch.isdigit() for ch in word) or len(words) == 5:
            break
        words.insert(0, word)
    return " ".join(words)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(title: str, issued: int | None) -> int | None:
    """The plan's year: its issue year, or the title's year when that is the year next to it."""
    titled = [int(m.group(2)) for m in _TITLE_YEAR.finditer(title)
              if not m.group(1) or fold(m.group(1)).strip() not in ("den", "toi", "doan")]
    if issued is None:
        return titled[0] if titled else None
    near = [y for y in titled if abs(y - issued) <= 1]
    return near[0] if near else issued


def _issuer(top: list[str]) -> str:
    """Who issued the plan: the agency line of the head (the last one above "Số:"), else the Sở it names most."""
    named = ""
    for line in top[:10]:
        cell = line.split("\t")[0].strip()
        if _NUMBER.search(cell) or _DRAFT_NUMBER.match(cell):
            break
        match = _HEAD_ISSUER.match(cell)
        if match:
            named = re.split(r"\s+(?:Độc lập|CỘNG HÒA)", " ".join(match.group(0).split()))[0].rstrip(" -")
    issuers = Counter(match.group(0) for line in top for match in _ISSUER.finditer(line))
    if named:  # in capitals in the head: the body's spelling of the same name reads better ("Sở Y tế")
        return next((name for name in issuers if fold(name) == fold(named)), named)
    return issuers.most_common(1)[0][0] if issuers else ""


_APPENDIX_LABEL = re.compile(r"^(?:phu luc(?:\s+(?:so\s*)?[\divxl]+)?\b\s*[.:\-–]?\s*)?")  # «PHỤ LỤC I:», folded


def _appendix_title(top: list[str]) -> str:
    """The title of an appendix sent alone (a sheet, a Word table): the capitals just above "(Kèm theo Kế hoạch
    số …)", without a "PHỤ LỤC I" label before them."""
    attached = next((index for index, line in enumerate(top) if fold(line).lstrip("( ").startswith("kem theo")), None)
    parts: list[str] = []
    for line in reversed(top[:attached] if attached else []):
        if not line and not parts:
            continue
        if not line or not line.isupper() or _HEAD_ISSUER.match(line):
            break
        rest = line[_APPENDIX_LABEL.match(fold(line)).end():]  # type: ignore[union-attr]  # matches, maybe empty
        if rest:
            parts.insert(0, rest)
        if rest != line:
            break
    return " ".join(parts)


# what titles a table sent as a workbook of its own: «BẢNG THEO DÕI NHIỆM VỤ … NĂM 2026», «DANH MỤC NHIỆM VỤ …»
_SHEET_TITLE = ("bang ", "danh muc ", "tong hop ")


def _kind_and_title(line: str) -> str | None:
    """The title written on the kind's own line («KẾ HOẠCH TUYÊN TRUYỀN … NĂM 2026»): "" for the kind alone,
    None for a line that is no kind of document (nor a document it cites: «KẾ HOẠCH SỐ 5/KH-SYT»)."""
    if not (line and line.isupper()):
        return None
    folded = fold(line).strip()
    kind = next((kind for kind in _KINDS if folded == kind or folded.startswith(kind + " ")), None)
    if kind is None or folded[len(kind):].strip().startswith("so "):
        return None
    return line.strip()[len(kind):].strip()


def _title(top: list[str]) -> str:
    """The capitals under the kind of document (or after it, on its line), joined over the lines they run on;
    an appendix's own title when the document is the appendix alone; a table's title («BẢNG THEO DÕI …»)
    when it is a table alone."""
    for index, line in enumerate(top):
        same_line = _kind_and_title(line)
        if same_line is None:
            continue
        parts: list[str] = [same_line] if same_line else []
        for following in top[index + 1:index + 8]:
            if not following:
                if parts:
                    break
                continue
            if parts and not parts[-1].isupper():  # a title in sentence case goes on where a line wraps it
                if not following[:1].islower() or fold(following).startswith(_NOT_TITLE):
                    break  # («… cải cách hành chính⏎năm 2026»)
            elif parts and (not following.isupper() or fold(following).startswith(_NOT_TITLE)
                            or _SECTION_START.match(following) or _AUTHORITY.match(following)):
                break
            parts.append(following)
        return " ".join(parts)
    return _appendix_title(top) or next(
        (line.strip() for line in top if line.isupper() and fold(line).startswith(_SHEET_TITLE)), "")
