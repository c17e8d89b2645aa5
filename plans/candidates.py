"""Candidate tasks of a document no layout recognised: never a dead end.

When a plan has no table, no labelled items, no lead-closed blocks and no
per-unit responsibilities the readers know, its numbered and bulleted
paragraphs are offered as *candidates*: each with any lead written in it
("Văn phòng Sở chủ trì …", "giao Sở Y tế …") and any deadline written in it
(`plans.deadlines.deadline_in_text`).  Nothing is a task until the officer
ticks it in the import preview; the CLI says the interface can take the plan
item by item.
"""

from __future__ import annotations

import re

from plans.deadlines import deadline_in_text
from plans.model import ParsedTask
from plans.paragraphs import Paragraph
from plans.text import fold
from plans.units import split_units

_LEAD = re.compile(r"^(.{3,80}?)\s+(?:chu tri|chiu trach nhiem|co trach nhiem)\b")
_GIVEN = re.compile(r"\b(?:giao|de nghi)\s+(.{3,80}?)(?=\s(?:chu tri|thuc hien|trien khai|xay dung|to chuc)\b|[,.;:])")
_MIN_LENGTH = 15
_MAX_CANDIDATES = 2000


def candidate_tasks(items: list[Paragraph], year: int | None) -> list[ParsedTask]:
    """Every numbered or bulleted paragraph long enough to be a task, in document order."""
    candidates: list[ParsedTask] = []
    sections: dict[int, str] = {}
    for paragraph in items:
        if paragraph.kind == "heading" and paragraph.level < 9:
            sections = {k: v for k, v in sections.items() if k < paragraph.level}
            sections[paragraph.level] = paragraph.full
        if paragraph.kind == "text" or len(paragraph.text) < _MIN_LENGTH:
            continue
        candidates.append(ParsedTask(
            order=len(candidates) + 1,
            content=paragraph.text,
            section_path=[sections[k] for k in sorted(sections) if sections[k] != paragraph.full],
            number=paragraph.number,
            lead_units=_lead(paragraph.text),
            deadline=deadline_in_text(paragraph.text, year),
            line=paragraph.line,
        ))
        if len(candidates) == _MAX_CANDIDATES:
            break
    return candidates


def _lead(text: str) -> list[str]:
    folded = fold(text)
    match = _LEAD.match(folded) or _GIVEN.search(folded)
    if not match:
        return []
    units = split_units(text[match.start(1):match.end(1)])
    return units if units and units[0][:1].isupper() else []
