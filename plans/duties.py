"""Reading responsibilities listed per unit (layout c).

Many plans give no task list: the work is assigned under "TỔ CHỨC THỰC HIỆN"
(or "PHÂN CÔNG NHIỆM VỤ", "TRÁCH NHIỆM …"), one numbered heading per unit:

    V. TỔ CHỨC THỰC HIỆN
    1. Sở Y tế:                       3. Sở Tài chính:
    - Chủ trì triển khai kế hoạch …   Tham mưu nguồn kinh phí …
    - Tổ chức hướng dẫn …             4. Sở Khoa học và Công nghệ theo dõi, đôn đốc …

Each bullet under a unit heading is a task led by that unit (no number);
a unit with one paragraph (after its heading, or in the heading's own
sentence) has one task numbered as its heading.  "Đề nghị X và Y" names two
leads.  Inside a task, "chủ trì, phối hợp với Y, Z" names its coordinating
units, and a deadline written in the text ("trước ngày 15/12/2025", "xong
trong tháng 12/2025", "định kỳ hằng quý") is read by the deadline grammar.

This reader is used only when the plan has no explicit task list (a table,
labelled items, blocks closed by a lead line): see `plans.reader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plans.deadlines import deadline_in_text
from plans.model import ImportWarning, ParsedTask, reading_warnings
from plans.paragraphs import DUTY_VERBS, Paragraph
from plans.text import fold
from plans.units import names_unit, split_units

_DUTY_SECTION = re.compile(r"^(?:to chuc thuc hien|phan cong (?:nhiem vu|thuc hien|trach nhiem)|trach nhiem)")
_VERBS = "|".join(v for v in DUTY_VERBS if v != "to chuc")  # "tổ chức xã hội" is a unit
# where a unit's name ends and its duty begins — not at a verb in the passive («Các đơn vị được kiểm tra»)
_VERB_SPLIT = re.compile(rf"(?<!\bduoc)(?<!\bbi)\s(?:{_VERBS}|to chuc thuc hien|khan truong)\b")
_COORDINATING = re.compile(rf"chu tri,?\s+phoi hop(?:\s+voi)?\s+(.+?)"
                          rf"(?=\s(?:trong|de|nham|theo|to chuc (?:trien khai|thuc hien)|{_VERBS})\b|[.;:(]|$)")


@dataclass
class _Unit:
    lead: list[str]
    heading: Paragraph
    body: list[Paragraph] = field(default_factory=list)
    own_text: str = ""
    from_bullet: bool = False  # opened by a "- Unit: …" bullet rather than a heading


def read_duties(items: list[Paragraph], year: int | None,
                issued: date | None = None) -> tuple[list[ParsedTask], list[ImportWarning]]:
    """Tasks from the per-unit responsibilities of the "TỔ CHỨC THỰC HIỆN" section (`issued`: the plan's issue
    date, from which «trong 30 ngày kể từ ngày ban hành Kế hoạch» is counted)."""
    units = _units(items)
    tasks: list[ParsedTask] = []
    for unit in units:
        bullets = [p for p in unit.body if p.kind in ("bullet", "heading")]
        section = unit.heading.full.rstrip(":.")
        if bullets:
            texts = ([unit.own_text] if unit.own_text else []) + [p.text for p in bullets]
            lines = [unit.heading.line] * bool(unit.own_text) + [p.line for p in bullets]
            for text, line in zip(texts, lines, strict=True):
                tasks.append(_task(text, unit.lead, "", [section], line, (year, issued), len(tasks) + 1))
            continue
        text = " ".join(filter(None, [unit.own_text, *(p.text for p in unit.body)]))
        if text:
            tasks.append(_task(text, unit.lead, unit.heading.number, [], unit.heading.line, (year, issued),
                               len(tasks) + 1))
    if not tasks:
        return [], []
    told = [ImportWarning("inferred_lead", "nhiệm vụ lấy từ phần phân công theo đơn vị; kiểm tra lại.", tasks[0].line)]
    for task in tasks:  # a deadline counted from the issue, or one with no date, is told as every reader tells it
        if task.deadline.kind != "none":
            told += reading_warnings(task.deadline, task.lead_units, False, task.line)
    return tasks, told


def _units(items: list[Paragraph]) -> list[_Unit]:
    """The units the duty sections name, each with what follows its heading.

    A duty section is a heading of any level ("V. TỔ CHỨC THỰC HIỆN", "3. Trách nhiệm thực hiện"); inside it,
    a deeper heading that names a unit ("1. Sở Y tế:", "a) Sở Tài chính:") opens that unit, and so does a
    bullet written "- Sở Y tế: …" where no unit heading is open; what follows, deeper, is its work.
    """
    units: list[_Unit] = []
    section: int | None = None  # level of the duty section we are in
    for paragraph in items:
        folded = paragraph.folded
        heading = paragraph.kind == "heading"
        if heading and (section is None or paragraph.level <= section):
            section = paragraph.level if _DUTY_SECTION.match(folded) else None
            if units and units[-1].lead:
                units.append(_Unit([], paragraph))  # the duty section is over
            continue
        if section is None:
            continue
        if folded.startswith(("noi nhan", "tren day la")):
            break
        current = units[-1] if units else None
        open_unit = current is not None and current.lead and (
            not heading or paragraph.level > current.heading.level) and not (
            current.from_bullet and paragraph.kind == "bullet")
        if open_unit and current is not None:
            current.body.append(paragraph)
            continue
        if heading or paragraph.kind == "bullet":
            unit = _unit_heading(paragraph, needs_colon=not heading)
            units.append(unit or _Unit([], paragraph))  # a heading naming no unit ends the one above
    return [unit for unit in units if unit.lead]


def _unit_heading(paragraph: Paragraph, needs_colon: bool = False) -> _Unit | None:
    """The unit a heading (or a "- Unit: …" bullet) names, and any sentence it goes on with."""
    text = paragraph.text.strip()
    for asking in ("giao ", "yeu cau ", "de nghi "):  # "Giao Sở Nội vụ chủ trì …", "Đề nghị Ủy ban Mặt trận …"
        if fold(text).startswith(asking) and names_unit(text[len(asking):]):
            text = text[len(asking):]
    folded = fold(text)
    if not names_unit(text):
        return None
    name, rest = text, ""
    colon = text.find(":")
    if 0 < colon < 120:
        name, rest = text[:colon], text[colon + 1:]
    elif needs_colon:
        return None
    else:
        verb = _VERB_SPLIT.search(folded)
        if verb:
            name, rest = text[:verb.start()], text[verb.start():]
    rest = rest.strip()
    rest = rest[:1].upper() + rest[1:]  # the work, as a sentence of its own
    name = name.strip().rstrip(".")
    if len(name) > 120:
        return None
    return _Unit(split_units(name), paragraph, own_text=rest.strip(), from_bullet=needs_colon)


def _task(text: str, lead: list[str], number: str, sections: list[str], line: int,
          dates: tuple[int | None, date | None], order: int) -> ParsedTask:
    coordinating = _COORDINATING.search(fold(text))
    return ParsedTask(
        order=order,
        content=text,
        section_path=sections,
        number=number,
        lead_units=list(lead),
        coordinating_units=split_units(text[coordinating.start(1):coordinating.end(1)]) if coordinating else [],
        deadline=deadline_in_text(text, *dates),
        line=line,
    )
