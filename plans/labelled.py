"""Reading plans whose items are followed by labelled lines (layout b).

Two forms are common:

    - Tổ chức tập huấn …                        1.1. Xây dựng các Chiến lược …:
    Đơn vị chủ trì (tham mưu thực hiện): X.     a) Nhiệm vụ: Tham mưu …
    Đơn vị phối hợp (thực hiện): Y, Z.          b) Cơ quan thực hiện:
    Thời gian thực hiện: Hằng năm.                 - Đơn vị chủ trì: X.
                                                   - Đơn vị phối hợp: Y, Z.
                                                c) Thời gian thực hiện: …

One item with its own label block is one task; bullets with no labels of their own just before it, in
one run under the same heading, share its labels ("- Rà soát …⏎- Theo dõi …⏎Trách nhiệm thực hiện: X."):

* its content is the "Nhiệm vụ:" (or "Nội dung:") text with the bullets under it, or else the
  paragraph (heading or bullet) just before the labels;
* "Đơn vị / Cơ quan chủ trì" (or "đầu mối") gives the lead, "… phối hợp" the
  coordinating units, a filled "Đơn vị / Cơ quan thực hiện", "Trách nhiệm",
  "Phân công: X chủ trì, phối hợp Y" both, and so does a sentence "Giao X chủ
  trì, phối hợp với Y thực hiện; hoàn thành trong Quý II/2026" (its deadline too);
* "Thời gian / Thời hạn / Tiến độ / Lộ trình (thực hiện / hoàn thành)" the
  deadline, "Sản phẩm" / "Kết quả" the product;
* its section path is the headings above it, with its own heading when that
  heading titles a "Nhiệm vụ:" text.

The block ends at the next paragraph that is not a label (or a bullet of the
"Nhiệm vụ:" text).  Items with neither a unit label nor both a deadline and a product
are not tasks here.

An item with no labels may name its lead after a colon, in a sentence
(`_inline_task`): "2. Tổ chức Hội thi …: Phòng TCCB chủ trì, phối hợp với
Công đoàn ngành; thời gian hoàn thành trong Quý III/2026." — or in closing
brackets, "1. Rà soát … (Văn phòng Sở chủ trì; Quý II/2026)." — the text
before is the content, the units up to the first ";" or the clause that
says when, the rest the deadline.  Brackets naming units with no role —
"(Thanh tra Sở)", "(Phòng Nghiệp vụ Y, Quý III/2026)" — name the lead the
same way, as a plain list does (`_bracketed_units`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plans.deadlines import parse_deadline
from plans.model import ImportWarning, ParsedTask, reading_warnings
from plans.paragraphs import LETTER_LEVEL, Paragraph, is_label
from plans.text import fold
from plans.units import UNIT_NOUNS, names_unit, read_assignment

_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("lead", re.compile(r"(?:(?:don vi|co quan)\s+)?(?:chu tri|dau moi)")),
    ("coordinating", re.compile(r"(?:(?:don vi|co quan)\s+)?phoi hop")),
    # «Đơn vị thực hiện:», «Trách nhiệm:», «Phân công:», and a bare «Đơn vị:» / «Cơ quan:»
    ("assignment", re.compile(r"(?:don vi|co quan)(?:\s+thuc hien|(?=\s*:))|trach nhiem|phan cong|thuc hien")),
    ("mission", re.compile(r"nhiem vu|noi dung")),
    ("deadline", re.compile(r"thoi (?:gian|han)|tien do|lo trinh")),
    ("product", re.compile(r"san pham|ket qua")),
]
_LABEL_HEAD = re.compile(r"^(?:[a-zđ]\)\s*)?(?:[-–+]\s*)?")
_VALUE = re.compile(r"^[^:]{0,60}:\s*")


def label_of(paragraph: Paragraph) -> tuple[str, str] | None:
    """(field, value) of a label paragraph such as "- Đơn vị chủ trì: Sở Tư pháp."."""
    text = paragraph.full if paragraph.kind == "heading" and paragraph.level == LETTER_LEVEL else paragraph.text
    if not is_label(text):
        return None
    body = text[_LABEL_HEAD.match(fold(text)).end():]  # type: ignore[union-attr]
    folded = fold(body)
    for name, pattern in _LABELS:
        if pattern.match(folded):
            value = body[_VALUE.match(body).end():] if _VALUE.match(body) else ""  # type: ignore[union-attr]
            return name, value.strip()
    return None


def labelled_deadline(text: str) -> str | None:
    """The deadline a label line gives («- Thời gian thực hiện: Quý III/2026.» → «Quý III/2026»), or None."""
    label = label_of(Paragraph(text, 0, "text"))
    return label[1].strip(" .;,") if label and label[0] == "deadline" else None


@dataclass
class _Block:
    """An item being read: what stands before its labels and the labels' values."""

    item: Paragraph | None = None
    sections: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    mission: list[str] = field(default_factory=list)
    in_mission: bool = False

    def has_units(self) -> bool:
        return any(self.values.get(k) for k in ("lead", "coordinating", "assignment"))

    def is_task(self) -> bool:
        """A unit named, or a deadline with a product: a task even without its unit (the officer is warned)."""
        return self.has_units() or all(self.values.get(k) for k in ("deadline", "product"))


@dataclass
class _Reading:
    year: int | None
    issued: date | None
    sections: dict[int, Paragraph] = field(default_factory=dict)
    block: _Block = field(default_factory=_Block)
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    orphans: list[_Block] = field(default_factory=list)  # bullets just read without labels of their own

    def path(self, below: int = 99) -> list[str]:
        return [self.sections[level].full for level in sorted(self.sections) if level < below]


_INLINE_LABEL = re.compile(
    r"(?<=[.;])\s+(?=(?:(?:don vi|co quan)\s+(?:chu tri|phoi hop|thuc hien)|thoi (?:gian|han)|san pham)\b[^:.]{0,40}:)")


def _split_inline(paragraph: Paragraph) -> list[Paragraph]:
    """An item written on one line with its labels ("… tập huấn. Đơn vị chủ trì: X. Thời gian: Quý II/2025.")
    as the item and one paragraph per label."""
    folded = paragraph.folded
    cuts = [match.end() for match in _INLINE_LABEL.finditer(folded)]
    if not cuts:
        return [paragraph]
    pieces = [paragraph.text[start:end].strip() for start, end in zip([0, *cuts], [*cuts, len(folded)], strict=True)]
    first = Paragraph(pieces[0], paragraph.line, paragraph.kind, paragraph.level, paragraph.number)
    return [first, *(Paragraph(piece, paragraph.line, "text") for piece in pieces[1:])]


def read_labelled(items: list[Paragraph], year: int | None,
                  issued: date | None = None) -> tuple[list[ParsedTask], list[ImportWarning]]:
    """Tasks from items each followed by their own label lines (or labels written on the item's own line)."""
    reading = _Reading(year, issued)
    for paragraph in (piece for item in items for piece in _split_inline(item)):
        given = _GIVEN.match(paragraph.folded) if paragraph.kind != "heading" else None  # «1. Giao X …»: its own
        if given and reading.block.item is not None and not reading.block.has_units():
            _assign(reading.block, paragraph.text[given.end():])
            continue
        label = label_of(paragraph)
        if label:
            _take_label(reading, paragraph, *label)
            continue
        block = reading.block
        if block.in_mission and not block.has_units() and paragraph.kind == "bullet":
            block.mission.append(paragraph.text)
            continue
        _close(reading)
        if paragraph.kind == "heading":
            reading.sections = {k: v for k, v in reading.sections.items() if k < paragraph.level}
            reading.sections[paragraph.level] = paragraph
        reading.block = _Block(paragraph, reading.path(paragraph.level if paragraph.kind == "heading" else 99))
    _close(reading)
    return reading.tasks, reading.warnings


def _take_label(reading: _Reading, paragraph: Paragraph, name: str, value: str) -> None:
    block = reading.block
    if name == "mission" and (block.has_units() or block.mission):
        _close(reading)
        reading.block = _Block(None, reading.path())
        block = reading.block
    if name == "mission":
        block.in_mission = True
        if value:
            block.mission.append(value)
        return
    block.in_mission = False
    if value:
        previous = block.values.get(name, "")
        block.values[name] = f"{previous} {value}".strip()


# «…: Văn phòng Sở chủ trì, phối hợp với Y; thời gian …», «… (Văn phòng Sở chủ trì; Quý II/2026).»: after the
# colon, or in the closing brackets, a unit, then its role
_INLINE = (re.compile(r"^(?P<content>[^:]{8,}?):\s*(?P<rest>\S.*)$", re.DOTALL),
           re.compile(r"^(?P<content>.{8,}?)\s*\((?P<rest>[^()]+)\)\s*[.;]?$", re.DOTALL))
_UNIT_LEADS = r"(?:" + "|".join(UNIT_NOUNS) + r")\b[^;:]*?\bchu tri\b"
_INLINE_LEAD = re.compile(_UNIT_LEADS)
# «Giao Văn phòng Sở chủ trì, phối hợp với … thực hiện; hoàn thành trong Quý II/2026.»: the item's assignment
_GIVEN = re.compile(r"^(?:[-–+]\s*)?giao\s+(?=" + _UNIT_LEADS + ")")
# where the units end and when begins: a «;», a clause saying when, or the verb «thực hiện» / «hoàn thành»
_WHEN = re.compile(r";|,\s*(?=(?:thuc hien|hoan thanh|thoi (?:gian|han)|truoc|trong|xong|dinh ky|h[ae]ng)\b)"
                   r"|\s+(?=(?:thuc hien|hoan thanh)\b)")
_DOING = "thuc hien"


def _assign(block: _Block, text: str) -> None:
    """The units and the deadline of «X chủ trì, phối hợp với Y; hoàn thành trong Quý II/2026» into `block`."""
    cut = _WHEN.search(fold(text))
    block.values["assignment"] = text[:cut.start() if cut else len(text)].strip(" .")
    when = text[cut.end():].strip(" .;") if cut else ""
    if fold(when).startswith(_DOING):  # «thực hiện; hoàn thành trong Quý II», «thực hiện hằng tháng»: the when
        when = when[len(_DOING):].strip(" .;,")
    if when:
        block.values["deadline"] = when


def _inline_task(block: _Block, text: str) -> str | None:
    """Fill `block`'s units and deadline from an item naming its lead after a colon or in brackets, and return
    its content; None (`block` untouched) when it does not."""
    if block.values:
        return None
    match = next((found for pattern in _INLINE if (found := pattern.match(text))
                  and _INLINE_LEAD.match(fold(found["rest"]))), None)
    if match is not None:
        _assign(block, match["rest"])
        return match["content"].strip()
    bracket = _INLINE[1].match(text)
    who = _bracketed_units(bracket["rest"]) if bracket else None
    if bracket is None or who is None:
        return None
    block.values["assignment"], when = who
    if when:
        block.values["deadline"] = when
    return bracket["content"].strip()


def _bracketed_units(rest: str) -> tuple[str, str] | None:
    """«(Thanh tra Sở)», «(Phòng Nghiệp vụ Y, Quý III/2026)», «(Văn phòng Sở; thường xuyên)» closing an item:
    its units — it names no role, so the first leads, as a plain list does — and what follows them when that
    is a deadline; None when the brackets do not open with a unit («(nếu có)», «(PCI, PAPI)»)."""
    if not names_unit(rest.strip()):
        return None
    pieces = re.split(r"\s*[;,]\s*", rest.strip(" .;,"))
    for cut in range(1, len(pieces)):
        when = ", ".join(pieces[cut:])
        if parse_deadline(when).kind not in ("conditional", "none"):
            return ", ".join(pieces[:cut]), when
    return rest.strip(" .;,"), ""


def _close(reading: _Reading) -> None:
    block = reading.block
    reading.block = _Block()
    inline = _inline_task(block, block.item.text) if block.item is not None and not block.is_task() else None
    if not block.is_task():
        # items of one kind with no labels of their own, one after another («- Rà soát …⏎- Theo dõi …», «a) …⏎
        # b) …»): the labels of the item closing their run are theirs too
        same = bool(reading.orphans) and _kind(reading.orphans[-1]) == _kind(block)
        reading.orphans = [*reading.orphans, block] if same else [block] if _kind(block) else []
        return
    shared = reading.orphans if not inline and reading.orphans and _kind(reading.orphans[-1]) == _kind(block) else []
    reading.orphans = []
    for orphan in shared:
        _emit(reading, orphan, block.values, orphan.item.text if orphan.item else "")
    content = inline or ("\n".join(block.mission) if block.mission else (block.item.text if block.item else ""))
    _emit(reading, block, block.values, content)


def _kind(block: _Block) -> tuple[str, int] | None:
    """What a run of items is made of — bullets of a level, or lettered items («a)»); None for anything else."""
    item = block.item
    if item is None or not (item.kind == "bullet" or (item.kind == "heading" and item.level == LETTER_LEVEL)):
        return None
    return item.kind, item.level


def _emit(reading: _Reading, block: _Block, values: dict[str, str], content: str) -> None:
    """The task of an item read with `values` (its labels', or those of the item its run ends with)."""
    if not content:
        return
    own_heading = block.item is not None and block.item.kind == "heading"
    titled = own_heading and bool(block.mission)  # the heading titles the "Nhiệm vụ:" text: a section of its own
    assignment = read_assignment(values.get("lead", ""), values.get("coordinating", ""), values.get("assignment", ""))
    line = block.item.line if block.item else 0
    # «- Thời gian hoàn thành: Quý III/2026.»: the sentence's full stop is no part of the deadline or product
    deadline = parse_deadline(values.get("deadline", "").rstrip(" .;,"), reading.year, reading.issued)
    reading.warnings += reading_warnings(deadline, assignment.lead, assignment.lead_inferred, line or None)
    reading.tasks.append(ParsedTask(
        order=len(reading.tasks) + 1,
        content=content.rstrip(":").strip(),
        section_path=block.sections + ([block.item.full.rstrip(":")] if titled and block.item else []),
        number=block.item.number if own_heading and block.item else "",
        product=values.get("product", "").rstrip(" .;,"),
        lead_units=assignment.lead,
        coordinating_units=assignment.coordinating,
        lead_inferred=assignment.lead_inferred,
        deadline=deadline,
        line=line or None,
    ))
