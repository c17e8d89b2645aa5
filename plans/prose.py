"""Reading a plan written as prose (no task table), such as programme 5580/CTr-SYT.

The shape such plans follow:

* headings number the structure: "I." (level 1), "1." (level 2), "a)"
  (level 3), in markdown or plain text;
* each "-" bullet under a heading is a task; "+" bullets (also "- +") are
  child tasks of the bullet above; a paragraph starting in lower case right
  after a bullet is that bullet cut by a page break;
* a block ends with a line naming its lead: "*Văn phòng Sở chủ trì thực hiện
  nội dung này.*"; bullets of a block with no such line are not tasks
  (objectives, requirements), unless the heading itself names a unit
  ("2. Thanh tra Sở:"), which then leads them;
* the closing line may name helpers and when (`_closing`): "X chủ trì, phối
  hợp với Y thực hiện; hoàn thành trước ngày 30/11/2026.", "… nội dung này.
  Thời gian: Thường xuyên.", "X chủ trì thực hiện, báo cáo kết quả hằng quý."
  — every task of the block takes them; a line that goes on after its lead
  with anything else is a task's own text, not a close.  A heading closed at
  once by such a line (no bullets between) is itself the task;
* a closing sentence asking for a report "trước ngày 05/11 hàng năm" is a
  recurring reporting task — of a plan of blocks: with no block read, the
  plan is not one (its units' duties are read instead, `plans.duties`).

It reads the document's paragraphs (`plans.paragraphs`: lines unwrapped, a PDF's by the right margin), not
its lines: a bullet a PDF wraps before a capital is still one bullet.  No deadline is invented: a bullet that
writes none has none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from plans.deadlines import Deadline, parse_deadline
from plans.labelled import labelled_deadline
from plans.model import ImportWarning, ParsedTask, reading_warnings
from plans.paragraphs import Paragraph
from plans.text import fold
from plans.units import normalize_unit, split_units

_MARKUP = re.compile(r"[#*_`]+")
_HEADING = re.compile(r"^(?:(?P<roman>[IVXL]+)\.|(?P<digit>\d+)\.|(?P<letter>[a-zđ])\))\s+(?P<title>\S.*)$")
# «Văn phòng Sở chủ trì thực hiện nội dung này.», and what may follow its lead: «, phối hợp với Y», «thực
# hiện», «nội dung này», then when — «Thời gian: Thường xuyên.», «; hoàn thành trước ngày 30/11/2026.», «, báo
# cáo kết quả hằng quý.» — folded; «Giao X chủ trì …» is an assignment sentence (plans.labelled), not a close
_LEAD_LINE = re.compile(r"^(?!giao\s|de\s+nghi\s)(?P<unit>.+?)\s+chu\s+tri\b\s*(?P<rest>.*)$")
_HELPERS = re.compile(r",?\s*phoi\s+hop(?:\s+voi)?\s+(?P<units>.+?)\s*(?=\bthuc\s+hien\b|[.;]|$)")
_DOING_THIS = re.compile(r"[\s,;]*(?:thuc\s+hien\b)?\s*(?:(?:noi\s+dung|nhiem\s+vu)\s+nay\b)?[\s.,;:]*")
# how a deadline written after the lead opens («hoàn thành trước …», «trong Quý II», «hằng quý», «báo cáo kết quả
# hằng quý»); a sentence going on otherwise («… chủ trì tổ chức tập huấn … trước ngày 15/12») is a task's text
_PERIOD = r"(?:ngay\s+\d|\d|thang\s+\d|quy\s+(?:[ivx]+|\d)|nam\s+\d{4}|nam\b|quy\b|thang\b|tuan\b|thoi\s+gian|vong)"
_WHEN_WORDS = re.compile(rf"(?:hoan\s+thanh|xong|(?:truoc|trong|cham\s+nhat)\s+{_PERIOD}|ngay\s+\d|\d"
                         r"|dinh\s+ky|h[ae]ng\s+(?:tuan|thang|quy|nam|ngay)|thuong\s+xuyen|lien\s+tuc"
                         r"|bao\s+cao(?:\s+ket\s+qua)?\s+(?:dinh\s+ky|h[ae]ng))\b")
# Narrower than plans.units.UNIT_NOUNS on purpose: this reader runs before the per-unit duties reader, and a
# heading such as "a) Sở Y tế:" in a plan without lead-closed blocks is that reader's, not this one's.
_UNIT_WORDS = ("phong ", "van phong", "thanh tra", "chi cuc", "trung tam", "benh vien", "cac don vi", "cac phong")
_REPORT = re.compile(r"(báo cáo[^.;]*?)\s*(trước ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?(?:\s+h[àằ]ng\s+năm)?)",
                     re.IGNORECASE)
_ASKED = re.compile(r"đề nghị\s+(.+?)\s+(?:triển khai|thực hiện)", re.IGNORECASE)


@dataclass
class _Bullet:
    text: str
    line: int
    children: list[_Bullet] = field(default_factory=list)


@dataclass
class _State:
    year: int | None
    issued: date | None
    sections: dict[int, str] = field(default_factory=dict)
    pending: list[_Bullet] = field(default_factory=list)
    heading_unit: str = ""
    titled: tuple[re.Match[str], int] | None = None  # the last heading, while nothing but a closing line follows
    closing: _Closing | None = None  # a block's closing line just read
    reports: int = 0  # of `tasks`, the closing sentences asking for a report (`_report_task`)
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    def path(self) -> list[str]:
        return [self.sections[level] for level in sorted(self.sections)]


def _heading_level(match: re.Match[str]) -> int:
    if match.group("roman"):
        return 1
    return 2 if match.group("digit") else 3


def _unit_heading(title: str) -> str:
    bare = title.rstrip().rstrip(":").strip()
    if title.rstrip().endswith(":") and fold(bare).startswith(_UNIT_WORDS) and len(bare) < 80:
        return normalize_unit(bare)
    return ""


def read_prose(items: list[Paragraph], year: int | None,
               issued: date | None = None) -> tuple[list[ParsedTask], list[ImportWarning]]:
    """Tasks and warnings from a plan written as headings and bullets, read paragraph by paragraph (a PDF
    wraps a bullet over lines that may start in capitals: «… tham mưu⏎UBND tỉnh ban hành …»)."""
    state = _State(year, issued)
    for item in items:
        line = _MARKUP.sub("", _as_written(item)).strip()
        if not line:
            continue
        if fold(line).startswith("noi nhan"):
            break  # the distribution list closes the body
        _read_line(state, line, item.line)
    _close(state)
    _flush(state, state.heading_unit)
    if len(state.tasks) == state.reports:  # no block read: not a plan of blocks (the per-unit duties may be)
        return [], []
    return state.tasks, state.warnings


def _as_written(item: Paragraph) -> str:
    """A paragraph with its marker: «- …», «+ …» for a child bullet, «c) …» for a heading."""
    if item.kind == "bullet":
        return f"{'+' if item.level == 2 else '-'} {item.text}"
    return item.full


@dataclass(frozen=True)
class _Closing:
    """What a block's closing line says: who leads, who helps, and when (as written; "" when it says not)."""

    lead: str
    helpers: list[str]
    when: str


def _closing(line: str) -> _Closing | None:
    """The closing line of a block — its lead unit, and the helpers and deadline it may add — or None when the
    line says more than that (a sentence that goes on after «chủ trì» is a task's text, not its close)."""
    if len(line) > 220 or _HEADING.match(line):  # «1. Giao X chủ trì …»: an item of its own
        return None
    line = unicodedata.normalize("NFC", line)
    folded = fold(line)  # one character for one: its positions are the line's
    lead = _LEAD_LINE.match(folded)
    if lead is None:
        return None
    at = lead.start("rest")
    helping = _HELPERS.match(folded, at)
    helpers = split_units(line[helping.start("units"):helping.end("units")]) if helping else []
    at = helping.end() if helping else at
    at = _DOING_THIS.match(folded, at).end()  # type: ignore[union-attr]
    labelled = labelled_deadline(line[at:])  # «… nội dung này. Thời gian: Thường xuyên.»
    when = labelled if labelled is not None else line[at:].strip(" .;,")
    if when and labelled is None and not _WHEN_WORDS.match(folded, at):
        return None
    return _Closing(normalize_unit(line[:lead.end("unit")]), helpers, when)


def _close(state: _State, line: str = "") -> bool:
    """Close the block whose closing line was read last, with the deadline `line` labels when that closing
    line named none («… chủ trì thực hiện nội dung này.⏎Thời gian thực hiện: Quý III/2026.»); whether `line`
    was that label."""
    closing, state.closing = state.closing, None
    if closing is None:
        return False
    when = labelled_deadline(line) if line and not closing.when else None
    _flush(state, closing.lead, replace(closing, when=when) if when is not None else closing)
    return when is not None


def _read_line(state: _State, line: str, number: int) -> None:
    if _close(state, line):
        return
    closing = _closing(line)
    if closing is not None:
        state.closing = closing  # closed at the next line, which may say when
        return
    heading = _HEADING.match(line)
    if heading and len(line) < 160:
        _flush(state, state.heading_unit)
        level = _heading_level(heading)
        state.sections = {k: v for k, v in state.sections.items() if k < level}
        state.sections[level] = line.rstrip(":")
        state.heading_unit = _unit_heading(heading.group("title"))
        state.titled = (heading, number)
        return
    state.titled = None
    bullet = re.match(r"^([-–•+])\s*(\+\s*)?(.*)$", line)
    if bullet:
        text = bullet.group(3).strip()
        child = bullet.group(1) == "+" or bool(bullet.group(2))
        item = _Bullet(text, number)
        if child and state.pending:
            state.pending[-1].children.append(item)
        else:
            state.pending.append(item)
        return
    if state.pending and line[:1].islower():
        target = state.pending[-1].children[-1] if state.pending[-1].children else state.pending[-1]
        target.text = f"{target.text} {line}"
        state.warnings.append(ImportWarning("joined_row", "đoạn bị ngắt trang được ghép vào gạch đầu dòng trên.",
                                            number))
        return
    _flush(state, state.heading_unit)
    state.heading_unit = ""
    _report_task(state, line, number)


def _flush(state: _State, lead: str, closing: _Closing | None = None) -> None:
    """The pending bullets become tasks when a lead is known (with the helpers and deadline a closing line
    names); otherwise they were not tasks.  A closing line right under a heading makes the heading the task."""
    titled, state.titled = state.titled, None
    if not lead:
        state.pending = []
        return
    deadline = parse_deadline(closing.when if closing else "", state.year, state.issued)
    helpers = closing.helpers if closing else []
    if not state.pending and closing is not None and titled is not None:
        heading, line = titled
        level = _heading_level(heading)
        task = _Bullet(heading.group("title").rstrip(":"), line)
        sections = [state.sections[k] for k in sorted(state.sections) if k < level]
        number = heading.group("roman") or heading.group("digit") or heading.group("letter")
        _add(state, task, number, lead, helpers, deadline, sections)
    for index, bullet in enumerate(state.pending, start=1):
        _add(state, bullet, str(index), lead, helpers, deadline, state.path())
        for child_index, child in enumerate(bullet.children, start=1):
            _add(state, child, f"{index}.{child_index}", lead, helpers, deadline, state.path())
    state.pending = []


def _add(state: _State, bullet: _Bullet, number: str, lead: str, helpers: list[str], deadline: Deadline,
         sections: list[str]) -> None:
    state.tasks.append(ParsedTask(
        order=len(state.tasks) + 1,
        content=bullet.text,
        section_path=sections,
        number=number,
        lead_units=[lead],
        coordinating_units=[unit for unit in helpers if unit != lead],
        deadline=deadline,
        line=bullet.line,
    ))
    state.warnings += reading_warnings(deadline, [lead], False, bullet.line) if deadline.kind != "none" else []


def _report_task(state: _State, line: str, number: int) -> None:
    """A closing paragraph that asks for a periodic report is itself a task."""
    report = _REPORT.search(line)
    if not report:
        return
    asked = _ASKED.search(line)
    units = split_units(asked.group(1)) if asked else []
    content = report.group(1).strip()
    state.reports += 1
    state.tasks.append(ParsedTask(
        order=len(state.tasks) + 1,
        content=content[:1].upper() + content[1:],
        section_path=state.path(),
        lead_units=units[:1],
        coordinating_units=units[1:],
        lead_inferred=len(units) > 1,
        deadline=parse_deadline(report.group(2), state.year, state.issued),
        line=number,
    ))
