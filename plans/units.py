"""Unit names (đơn vị): how a plan writes who leads (chủ trì) and who helps (phối hợp).

* `normalize_unit` gives the clean spelling of one name: single spaces,
  no list dashes or trailing dots, " - " between joined words, case as
  written.
* `unit_key` is the folded form used to recognise the same unit twice:
  "Phòng Thanh Tra" and "Phòng Thanh tra." have one key.
* `split_assignment` reads one "Phân công thực hiện" cell: "X chủ trì, phối
  hợp với Y, Z" gives lead X and coordinators Y, Z; a plain list makes the
  first the lead, *inferred*.
* `KNOWN_ALIASES` are abbreviations every Sở uses; the register adds its own.

Nothing here knows about the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plans.text import fold

#: Abbreviation (folded) -> full name, for names departments shorten everywhere.
KNOWN_ALIASES: dict[str, str] = {
    "phong tchc": "Phòng Tổ chức - Hành chính",
    "phong to chuc hanh chinh": "Phòng Tổ chức - Hành chính",
    "phong khtc": "Phòng Kế hoạch - Tài chính",
    "phong ke hoach tai chinh": "Phòng Kế hoạch - Tài chính",
    "phong qlhn": "Phòng Quản lý hành nghề",
    "phong nvy": "Phòng Nghiệp vụ Y",
    "phong nvd": "Phòng Nghiệp vụ Dược",
    "vp so": "Văn phòng Sở",
    "vps": "Văn phòng Sở",
    "thanh tra so": "Thanh tra Sở",
    "chi cuc attp": "Chi cục An toàn vệ sinh thực phẩm",
    "chi cuc dskhhgd": "Chi cục Dân số - Kế hoạch hóa gia đình",
    "ttyt": "Trung tâm Y tế",
}

_LIST_MARK = re.compile(r"^[\s\-–•+*]+")
_TRAILING = re.compile(r"[\s.;,:]+$")
_DASH_SPACING = re.compile(r"\s*[-–]\s*")


def unit_key(name: str) -> str:
    """The folded form by which two spellings of one unit are recognised."""
    key = fold(normalize_unit(name))
    key = _DASH_SPACING.sub(" ", key)
    return " ".join(key.split())


def initials(name: str) -> list[str]:
    """The abbreviations officers type for a unit: "Phòng Tổ chức - Hành chính" -> ptchc, tchc, chc."""
    words = unit_key(name).replace("-", " ").split()
    found = ["".join(word[0] for word in words[start:]) for start in range(min(3, len(words) - 1))]
    return [letters for letters in found if len(letters) >= 2]


def normalize_unit(name: str) -> str:
    """Canonical spelling: "  phòng Thanh Tra. " -> "Phòng Thanh tra"."""
    text = _LIST_MARK.sub("", " ".join(name.split()))
    text = _TRAILING.sub("", text)
    text = _DASH_SPACING.sub(" - ", text)
    if not text:
        return ""
    return text


def resolve_alias(name: str, aliases: dict[str, str] | None = None) -> str:
    """The full name behind an abbreviation, or the name itself."""
    key = unit_key(name)
    table = {**KNOWN_ALIASES, **(aliases or {})}
    return table.get(key, normalize_unit(name))


@dataclass
class Assignment:
    """Who does a task, as read from the plan."""

    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    lead_inferred: bool = False


_LEAD_MARK = re.compile(r"\bchu\s*tri\b")
_COORD_MARK = re.compile(r"\bphoi\s*hop(?:\s*voi)?\b")
_TAIL_WORDS = re.compile(r"\b(?:cung\s+)?thuc\s+hien\b.*$|\btrien\s+khai\b.*$")
_SEPARATORS = re.compile(r"[,;\n]|\s+va\s+(?=cac\s|phong\s|chi\s|trung\s|van\s|benh\s)")


def split_units(text: str) -> list[str]:
    """Split a list of unit names on commas, semicolons, line breaks and "và"."""
    folded = fold(text)
    names: list[str] = []
    last = 0
    for match in _SEPARATORS.finditer(folded):
        names.append(text[last:match.start()])
        last = match.end()
    names.append(text[last:])
    cleaned = [normalize_unit(n) for n in names]
    return _merge_generic([n for n in cleaned if n and not re.fullmatch(r"[\W\d_]+", n)])


# "Các phòng, đơn vị có liên quan" is one group of units, not "Các phòng" and "đơn vị ...".
_BARE_NOUN = re.compile(r"^(?:don vi|chi cuc|ban|phong|trung tam|co quan)\b")


def _merge_generic(names: list[str]) -> list[str]:
    merged: list[str] = []
    for name in names:
        if merged and name[:1].islower() and _BARE_NOUN.match(fold(name)):
            merged[-1] = f"{merged[-1]}, {name}"
        else:
            merged.append(name)
    return merged


def _strip_tail(text: str) -> str:
    folded = fold(text)
    match = _TAIL_WORDS.search(folded)
    return text[: match.start()] if match else text


def split_assignment(cell: str) -> Assignment:
    """Read one assignment cell into lead and coordinating units."""
    text = " ".join(cell.split()) if "\n" not in cell else cell
    if not text.strip():
        return Assignment()
    folded = fold(text)
    lead_mark = _LEAD_MARK.search(folded)
    if lead_mark:
        lead_part = text[: lead_mark.start()]
        rest = text[lead_mark.end():]
        coord = _COORD_MARK.search(fold(rest))
        coord_part = rest[coord.end():] if coord else ""
        return Assignment(split_units(lead_part), split_units(_strip_tail(coord_part)))
    coord = _COORD_MARK.search(folded)
    if coord and coord.start() > 0:
        return Assignment(split_units(text[: coord.start()]), split_units(_strip_tail(text[coord.end():])), True)
    names = split_units(_strip_tail(text))
    if not names:
        return Assignment()
    return Assignment(names[:1], names[1:], lead_inferred=len(names) > 1)
