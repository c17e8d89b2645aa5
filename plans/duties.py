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

from plans.deadlines import deadline_in_text
from plans.model import ImportWarning, ParsedTask
from plans.paragraphs import DUTY_VERBS, Paragraph
from plans.text import fold
from plans.units import split_units

_DUTY_SECTION = re.compile(r"^(?:to chuc thuc hien|phan cong (?:nhiem vu|thuc hien|trach nhiem)|trach nhiem)")
_UNIT_START = (
    "so ", "phong ", "van phong", "ubnd", "uy ban", "cac ", "bo ", "ban ", "trung tam", "chi cuc", "cuc ",
    "cong an", "bo chi huy", "thanh tra", "benh vien", "vien ", "truong ", "hoi ", "doan ", "mat tran", "bao ",
    "dai ", "kho bac", "lien doan", "lien hiep", "hiep hoi", "tinh doan", "thanh doan", "bao hiem", "ngan hang",
    "de nghi ", "hdnd", "ubmttq",
)
_VERBS = "|".join(v for v in DUTY_VERBS if v != "to chuc")  # "tổ chức xã hội" is a unit
_VERB_SPLIT = re.compile(rf"\s(?:{_VERBS}|to chuc thuc hien|khan truong)\b")
_COORDINATING = re.compile(rf"chu tri,?\s+phoi hop(?:\s+voi)?\s+(.+?)(?=\s(?:trong|de|nham|theo|{_VERBS})\b|[.;:(]|$)")


@dataclass
class _Unit:
    lead: list[str]
    heading: Paragraph
    body: list[Paragraph] = field(default_factory=list)
    own_text: str = ""


def read_duties(items: list[Paragraph], year: int | None) -> tuple[list[ParsedTask], list[ImportWarning]]:
    """Tasks from the per-unit responsibilities of the "TỔ CHỨC THỰC HIỆN" section."""
    units = _units(items)
    tasks: list[ParsedTask] = []
    for unit in units:
        bullets = [p for p in unit.body if p.kind in ("bullet", "heading")]
        section = unit.heading.full.rstrip(":.")
        if bullets:
            texts = ([unit.own_text] if unit.own_text else []) + [p.text for p in bullets]
            lines = [unit.heading.line] * bool(unit.own_text) + [p.line for p in bullets]
            for text, line in zip(texts, lines, strict=True):
                tasks.append(_task(text, unit.lead, "", [section], line, year, len(tasks) + 1))
            continue
        text = " ".join(filter(None, [unit.own_text, *(p.text for p in unit.body)]))
        if text:
            tasks.append(_task(text, unit.lead, unit.heading.number, [], unit.heading.line, year, len(tasks) + 1))
    return tasks, [ImportWarning("inferred_lead", "nhiệm vụ lấy từ phần phân công theo đơn vị; kiểm tra lại.",
                                 tasks[0].line)] if tasks else []


def _units(items: list[Paragraph]) -> list[_Unit]:
    units: list[_Unit] = []
    inside = False
    for paragraph in items:
        folded = paragraph.folded
        if paragraph.kind == "heading" and paragraph.level == 1:
            inside = bool(_DUTY_SECTION.match(folded))
            continue
        if not inside:
            continue
        if folded.startswith(("noi nhan", "tren day la")):
            break
        if paragraph.kind == "heading" and paragraph.level == 2:
            unit = _unit_heading(paragraph)
            if unit:
                units.append(unit)
                continue
        if units and paragraph.line and (paragraph.kind != "heading" or paragraph.level > 2):
            units[-1].body.append(paragraph)
        elif paragraph.kind == "heading":
            units.append(_Unit([], paragraph))  # a numbered heading that names no unit ends the one above
    return [unit for unit in units if unit.lead]


def _unit_heading(paragraph: Paragraph) -> _Unit | None:
    """The unit a heading names, and any sentence it goes on with."""
    text = paragraph.text.strip()
    folded = fold(text)
    if not folded.startswith(_UNIT_START):
        return None
    name, rest = text, ""
    colon = text.find(":")
    if 0 < colon < 120:
        name, rest = text[:colon], text[colon + 1:]
    else:
        verb = _VERB_SPLIT.search(folded)
        if verb:
            name, rest = text[:verb.start()], text[verb.start():].strip()
            rest = rest[:1].upper() + rest[1:]
    name = name.strip().rstrip(".")
    if len(name) > 120:
        return None
    if fold(name).startswith("de nghi "):
        name = name[len("Đề nghị "):]
    return _Unit(split_units(name), paragraph, own_text=rest.strip())


def _task(text: str, lead: list[str], number: str, sections: list[str], line: int, year: int | None,
          order: int) -> ParsedTask:
    coordinating = _COORDINATING.search(fold(text))
    return ParsedTask(
        order=order,
        content=text,
        section_path=sections,
        number=number,
        lead_units=list(lead),
        coordinating_units=split_units(text[coordinating.start(1):coordinating.end(1)]) if coordinating else [],
        deadline=deadline_in_text(text, year),
        line=line,
    )
