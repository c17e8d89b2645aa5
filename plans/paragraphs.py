"""Prose as paragraphs: a document's lines unwrapped and told apart.

Plans come as text whose lines were hard-wrapped by whoever extracted them
("1.1. Xây⏎dựng các Chiến lược …", "V. TỔ⏎CHỨC THỰC HIỆN", "1.⏎Sở Y tế:").
Every prose reader first needs the paragraphs back.  A line opens a new
paragraph when

* a blank line, a markdown heading or an emphasised line stands before it;
* it opens with a marker: "I.", "1.", "1.2.", "a)", "-", "+", "•";
* it opens with a label ("Đơn vị chủ trì:", "Thời gian thực hiện:", …);
* the line before ends a sentence (".", ":", ";", "!", "?") and this one
  starts with a capital or a digit;
* the line before is a numbered heading and this one starts with a verb that
  opens a responsibility ("2. Sở Tài chính⏎Căn cứ chức năng, …"), or names a
  lead ("3. Xử lý phản ánh⏎Thanh tra Sở chủ trì thực hiện, …"), or the heading
  is in capitals and this line is not ("III. TỔ CHỨC THỰC HIỆN⏎Các phòng …").

A paragraph holding only its marker ("1.", "IV.") takes the next line.
Lines of a table (two tabs or more) are left out.

Each `Paragraph` knows its marker: a heading (`level` 1 roman, 2 and more
for "1." and "1.2.", `LETTER_LEVEL` for "a)", with its `number`), a bullet (`-` or `+` for a child), or plain
text.  Nothing here decides what a task is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.text import cut_at_hyphen, fold

_MARKUP = re.compile(r"[#*_`]+")
_HEADING = re.compile(
    r"^(?:(?P<roman>[IVXL]+)\.|(?P<digit>\d+(?:\.\d+)+\.?|\d+[.)])|(?P<letter>[a-zđ])\))(?:\s+|$)(?P<title>.*)$")
_BULLET = re.compile(r"^(?P<mark>[-–•+])\s*(?P<child>\+\s*)?(?P<text>.*)$")
_LABEL = re.compile(
    r"^(?:[a-zđ]\)\s*)?(?:[-–+]\s*)?(?:(?:(?:don vi|co quan)\s+(?:chu tri|phoi hop|thuc hien|dau moi)|nhiem vu"
    r"|san pham|thoi (?:gian|han)(?:\s+(?:thuc hien|hoan thanh))?|ket qua)\b[^:]{0,40}:"
    r"|(?:chu tri|phoi hop|trach nhiem|phan cong|dau moi)(?:\s+thuc hien)?\s*:|thuc hien\s*:|(?:don vi|co quan)\s*:"
    r"|(?:tien do|lo trinh)(?:\s+(?:thuc hien|hoan thanh))?\s*:"
    r"|noi dung(?:\s+(?:cong viec|nhiem vu|thuc hien))?\s*:)")
LETTER_LEVEL = 9
_SENTENCE_END = (".", ":", ";", "!", "?", "./.")
#: Folded verbs that open a responsibility ("Căn cứ chức năng …", "Chủ trì, phối hợp …").
DUTY_VERBS = (
    "can cu", "chu tri", "phoi hop", "tham muu", "trien khai", "to chuc", "xay dung", "thuc hien", "huong dan",
    "theo doi", "chi dao", "huy dong", "bao cao", "tong hop", "co trach nhiem", "chiu trach nhiem", "la co quan",
    "day manh", "tang cuong", "kiem tra", "ra soat", "bo tri", "phan bo", "tiep tuc", "nghien cuu", "de xuat",
    "dinh ky", "cung cap", "van dong", "phan cong", "chuan bi", "phat dong",
    "dam bao", "bao dam", "quan ly", "don doc", "giam sat", "ban hanh",
)


@dataclass
class Paragraph:
    """One paragraph of prose, unwrapped, with its marker read."""

    text: str  # without the marker
    line: int  # the line it starts on (1-based)
    kind: str  # heading | bullet | text
    level: int = 0  # headings: 1 roman, 2 "1.", 3 "1.2.", LETTER_LEVEL "a)"; bullets: 1, or 2 for "+"
    number: str = ""  # headings: "IV", "1.2", "a"
    emphasised: bool = False  # a markdown heading or an *emphasised* line

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def full(self) -> str:
        """The paragraph as written, marker included."""
        if self.kind == "heading":
            suffix = ")" if self.level == LETTER_LEVEL else "."
            return f"{self.number}{suffix} {self.text}".strip()
        return self.text


def is_label(text: str) -> bool:
    """Whether `text` opens with a label such as "Đơn vị chủ trì:" or "c) Thời gian thực hiện:"."""
    return bool(_LABEL.match(fold(text)))


# «Văn phòng Sở chủ trì thực hiện nội dung này.»: the line closing a block of bullets (plans.prose) is one alone
_LEAD_CLOSE = re.compile(r"\bchu tri(?: thuc hien)? (?:noi dung|nhiem vu) nay\.?$")


# «X chủ trì», early in a line: a heading's closing line (plans.prose) rather than the rest of its title
_LEADS = re.compile(r"^\S(?:[^,;:.]{0,80})\bchu tri\b")


def _opens(line: str) -> bool:
    return bool(_HEADING.match(line) or _BULLET.match(line) or is_label(line)
                or (len(line) < 160 and _LEAD_CLOSE.search(fold(line))))


def _marker_only(text: str) -> bool:
    match = _HEADING.match(text)
    return bool(match and not match.group("title").strip()) or text in ("-", "+", "•", "–")


def _verb_start(line: str) -> bool:
    first = line.split()[0]
    return first[:1].isupper() and not first.isupper() and fold(line).startswith(DUTY_VERBS)


def _breaks(joined: str, line: str, full: bool = False) -> bool:
    """Whether `line` opens a new paragraph after the paragraph `joined` read so far (`full`: the line before
    it ran to the right margin, so a new sentence on `line` goes on with the same paragraph)."""
    if _marker_only(joined):
        return False
    if _opens(line):
        return True
    if joined.endswith(_SENTENCE_END) and (line[:1].isupper() or line[:1].isdigit()) and not full:
        return True
    heading = _HEADING.match(joined)
    if heading is None or not line[:1].isupper():
        return False
    title = heading.group("title")
    return ((bool(heading.group("digit")) and _verb_start(line))
            or (title.isupper() and not line.isupper())  # «III. TỔ CHỨC THỰC HIỆN⏎Các phòng …»
            or _LEADS.search(fold(line)) is not None)  # «3. Xử lý phản ánh⏎Thanh tra Sở chủ trì thực hiện, …»


def paragraphs(lines: list[str], wrapped: bool = False) -> list[Paragraph]:
    """The document's prose, unwrapped into paragraphs in order.  `wrapped`: the lines are a page's lines (a
    PDF), not paragraphs: a line running to the right margin goes on on the next one even after a full stop
    («… cơ sở khám chữa bệnh.⏎Tăng cường …» is one bullet); a shorter line ends its paragraph as before.

    A paragraph's text grows line by line in place (joining all its lines again at each line took a
    paragraph of 8,000 lines 5.8 s)."""
    blocks: list[tuple[str, int, bool]] = []  # (text, first line, emphasised)
    text = ""  # the paragraph read so far
    last = ""  # its last line
    start = 0
    emphasised = False
    margin = _right_margin(lines) if wrapped else 0
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        line = " ".join(_MARKUP.sub("", stripped).split()) if raw.count("\t") < 2 else ""
        if not line:  # a blank line, or a table's row: the paragraph ends
            if text:
                blocks.append((text, start, emphasised))
            text = ""
            continue
        marked = stripped.startswith(("#", "*"))
        full = bool(margin) and len(last) >= margin
        if not text or marked or emphasised or _breaks(text, line, full):
            if text:
                blocks.append((text, start, emphasised))
            text, start, emphasised = "", number, marked
        text += _joint(text, line) + line
        last = line
    if text:
        blocks.append((text, start, emphasised))
    return [_read(text, line, marked) for text, line, marked in blocks]


def _joint(text: str, line: str) -> str:
    """What goes between a paragraph and its next line: a space, none after a word cut at its hyphen
    («166-⏎NQ/TW»), nothing before the first line."""
    if not text or cut_at_hyphen(text):
        return ""
    return " "


def _right_margin(lines: list[str]) -> int:
    """The length from which a wrapped line reached the right margin: most of a page's lines do."""
    lengths = sorted(len(" ".join(line.split())) for line in lines if line.strip())
    return int(0.85 * lengths[len(lengths) * 3 // 4]) if len(lengths) >= 20 else 0


def _read(text: str, line: int, emphasised: bool) -> Paragraph:
    heading = _HEADING.match(text)
    if heading:
        if heading.group("roman"):
            level, number = 1, heading.group("roman")
        elif heading.group("digit"):
            number = heading.group("digit").rstrip(".)")
            level = 2 + number.count(".")
        else:
            level, number = LETTER_LEVEL, heading.group("letter")
        return Paragraph(heading.group("title").strip(), line, "heading", level, number, emphasised)
    bullet = _BULLET.match(text)
    if bullet:
        child = bullet.group("mark") == "+" or bool(bullet.group("child"))
        return Paragraph(bullet.group("text").strip(), line, "bullet", 2 if child else 1, "", emphasised)
    return Paragraph(text, line, "text", 0, "", emphasised)
