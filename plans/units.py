"""Unit names (đơn vị): how a plan writes who leads (chủ trì) and who helps (phối hợp).

* `normalize_unit` gives the clean spelling of one name: single spaces,
  no list dashes or trailing dots, " - " between joined words, case as
  written.
* `unit_key` is the form used to recognise the same unit twice: case,
  spacing, dashes and trailing dots folded, accents kept — "Phòng Thanh Tra"
  and "Phòng Thanh tra." have one key, "Phú Yên" and "Phù Yên" two.
  `folded_key` drops the accents too: what an officer types, and how two
  units that may be one are spotted (offered for merging, never merged).
* `split_assignment` reads one "Phân công thực hiện" cell: "X chủ trì, phối
  hợp với Y, Z", "Chủ trì: X; Phối hợp: Y, Z" and "X (chủ trì); Y, Z" give
  lead X and coordinators Y, Z; a plain list makes the first the lead,
  *inferred*.
* `KNOWN_ALIASES` are abbreviations every Sở uses; the register adds its own.

Nothing here knows about the database.
"""

from __future__ import annotations

import re
import unicodedata
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
_TRAILING = re.compile(r"[\s.;,:\-–]+$")  # «Sở Y tế - chủ trì»: the dash before a role is no part of the name
_DASH_SPACING = re.compile(r"\s*[-–]\s*")


def unit_key(name: str) -> str:
    """The form by which two spellings of one unit are recognised: case and spacing folded, accents kept."""
    key = unicodedata.normalize("NFC", normalize_unit(name)).casefold()
    key = _DASH_SPACING.sub(" ", key)
    return " ".join(key.split())


def folded_key(name: str) -> str:
    """`unit_key` without accents: how the name is typed, and how near-twins are spotted."""
    return fold(unit_key(name))


def initials(name: str) -> list[str]:
    """The abbreviations officers type for a unit: "Phòng Tổ chức - Hành chính" -> ptchc, tchc, chc."""
    words = folded_key(name).replace("-", " ").split()
    found = ["".join(word[0] for word in words[start:]) for start in range(min(3, len(words) - 1))]
    return [letters for letters in found if len(letters) >= 2]


def normalize_unit(name: str) -> str:
    """Canonical spelling: "  phòng Thanh Tra. " -> "Phòng Thanh tra"."""
    text = _LIST_MARK.sub("", " ".join(name.split()))
    text = _TRAILING.sub("", text)
    return _DASH_SPACING.sub(_dash, text)


_ACRONYM = re.compile(r"[A-ZĐ]{1,5}")


def _dash(match: re.Match[str]) -> str:
    """« - » between the words of a name («Phòng Tổ chức - Hành chính»); «-» kept tight inside an abbreviation
    written tight («Đài PT-TH tỉnh», «Phòng KH-TC»)."""
    text, start, end = match.string, match.start(), match.end()
    before = text[:start].rsplit(None, 1)[-1] if text[:start].strip() else ""
    after = text[end:].split(None, 1)[0] if text[end:].strip() else ""
    tight = match.group() in "-–" and _ACRONYM.fullmatch(before) and _ACRONYM.fullmatch(after)
    return match.group() if tight else " - "


@dataclass
class Assignment:
    """Who does a task, as read from the plan."""

    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    lead_inferred: bool = False


_TAIL_WORDS = re.compile(r"\b(?:cung\s+)?thuc\s+hien\b.*$|\btrien\s+khai\b.*$")
_GROUP_OF = re.compile(r"^(cac\s+)(\w+)\s*:\s*(.+)$")

#: The nouns that open a unit's own name ("Sở Y tế", "Phòng Nghiệp vụ Y", "UBND huyện …"), folded.
UNIT_NOUNS = (
    "so", "phong", "van phong", "ban", "bo", "ubnd", "uy ban", "hdnd", "trung tam", "chi cuc", "cuc", "tong cuc",
    "cong an", "bo chi huy", "thanh tra", "benh vien", "vien", "truong", "hoi", "doan", "mat tran", "bao", "dai",
    "kho bac", "lien doan", "lien hiep", "hiep hoi", "tinh doan", "thanh doan", "quan doi", "chi nhanh", "ngan hang",
    "bao hiem", "toa an", "tinh uy", "thanh uy", "huyen uy", "ubmttq", "cong doan", "dang uy", "chi bo",
)
# «và» between two units' names («Sở Y tế và Bảo hiểm xã hội tỉnh»), not inside one: the nouns that also go on a
# name after «và» («Chi cục Trồng trọt và Bảo vệ thực vật», «Ban Dân tộc và Tôn giáo … và Trường …») do not split
_AFTER_AND = tuple(noun for noun in UNIT_NOUNS if noun not in ("ban", "bo", "bao", "dai", "vien", "truong", "doan"))
_STRONG_SEPARATORS = re.compile(r"[;\n]|\s+\+\s+|\s+va\s+(?=(?:cac|" + "|".join(_AFTER_AND) + r")\s)")
# After a comma, these open another unit as well: groups, firms and the abbreviations officers write.
_UNIT_WORDS = (*UNIT_NOUNS, "cong ty", "doanh nghiep", "co quan", "don vi", "to chuc", "nganh", "dia phuong", "cac",
               "vp", "tt", "ttyt")


def names_unit(text: str, words: tuple[str, ...] = UNIT_NOUNS) -> bool:
    """Whether `text` opens with a unit's name ("Sở Tài chính: …", "các sở, ban, ngành …")."""
    folded = fold(text).strip()
    return folded.startswith(("cac ", *(word + " " for word in words))) or folded in words


# A category noun alone ("Trường", "ban", "ngành liên quan") continues a group opened by another one.
_CATEGORY = re.compile(
    r"^(?:cac\s+)?(?:so|ban|nganh|bo|dia phuong|vien|truong|xa|phuong|thi tran|huyen|quan|don vi|doan the|"
    r"co quan|to chuc|hoi|doan|phong|chi cuc|trung tam|tinh|thanh pho)"
    r"(?:\s+(?:co\s+)?lien\s+quan)?$"
)


def is_group(name: str) -> bool:
    """A stock group rather than one unit ("Các sở, ban, ngành", "các đơn vị liên quan"): nobody to send a sheet to."""
    folded = folded_key(name)
    return folded.startswith("cac ") or bool(re.search(r"\b(?:co )?lien quan$", folded))


def split_units(text: str) -> list[str]:
    """Split a list of unit names into units, keeping stock groups whole.

    ";", line breaks and "và các …" always separate; a comma separates only
    where another unit's name starts after it: "Sở Tài chính, Sở Nội vụ" is
    two units, "Các sở, ban, ngành", "UBND các xã, phường", "Viện, Trường" and
    "Sở Văn hóa, Thể thao và Du lịch" are one each.  "Các Cục: Di sản văn
    hóa, Bản quyền tác giả" names "Cục Di sản văn hóa" and "Cục Bản quyền tác giả".
    """
    names: list[str] = []
    for part in _split_on(text, _STRONG_SEPARATORS):
        names.extend(_split_commas(part))
    cleaned = [normalize_unit(n) for n in names]
    return [n for n in cleaned if n and not re.fullmatch(r"[\W\d_]+", n)]


def _split_on(text: str, pattern: re.Pattern[str]) -> list[str]:
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(fold(text)):
        parts.append(text[last:match.start()])
        last = match.end()
    parts.append(text[last:])
    return parts


def _split_commas(part: str) -> list[str]:
    part = normalize_unit(part)
    group = _GROUP_OF.match(fold(part))
    if group:  # "Các Cục: Di sản văn hóa, Bản quyền tác giả"
        noun = part[len(group.group(1)):group.end(2)]
        noun = noun[:1].upper() + noun[1:]
        members = [m.strip() for m in part[group.start(3):].split(",") if m.strip()]
        return [f"{noun} {member}" for member in members]
    units: list[str] = []
    for fragment in part.split(","):
        piece = fragment.strip()
        if units and not _starts_unit(units[-1], piece):
            units[-1] = f"{units[-1]}, {piece}" if piece else units[-1]
        else:
            units.append(piece)
    return units


def _starts_unit(previous: str, piece: str) -> bool:
    """Whether `piece`, after a comma, names another unit than `previous`."""
    folded = fold(piece)
    if not piece:
        return False
    if _CATEGORY.match(folded) and _CATEGORY.match(_tail_noun(previous)) and not folded.startswith("cac "):
        return False  # "Viện, Trường", "Sở, ban, ngành có liên quan"
    if folded.startswith("cac "):
        return True
    if not piece[0].isupper():
        return False  # "phường", "đơn vị có liên quan", "tổ chức xã hội"
    return names_unit(piece, _UNIT_WORDS)


def _tail_noun(name: str) -> str:
    """The last category noun of a unit list so far: "UBND các xã" -> "xa", "Các bộ" -> "bo"."""
    words = fold(name).split()
    for size in (2, 1):
        tail = " ".join(words[-size:])
        if _CATEGORY.match(tail):
            return tail
    return ""


def _strip_tail(text: str) -> str:
    folded = fold(text)
    match = _TAIL_WORDS.search(folded)
    return text[: match.start()] if match else text


def read_assignment(lead: str, coordinating: str, assignment: str) -> Assignment:
    """Who does a task, from separate "Chủ trì" / "Phối hợp" texts, or else one "Thực hiện" text to split."""
    if not (lead or coordinating):
        return split_assignment(assignment)
    helpers = split_units(_ROLE_NOTE.sub(" ", coordinating))
    leads = split_units(_ROLE_NOTE.sub(" ", lead))  # «Sở Tư pháp (chủ trì)» in the lead column
    if leads or not assignment:
        return Assignment(leads, helpers)
    # «Đơn vị thực hiện: X, Z» beside «Đơn vị phối hợp: Y»: X and Z carry it out (a plain list of them all
    # lead; marked roles as marked), Y helps
    given = split_assignment(assignment)
    if given.lead_inferred:
        given = Assignment([*given.lead, *given.coordinating], [])
    more = [unit for unit in helpers if unit not in given.coordinating and unit not in given.lead]
    return Assignment(given.lead, [*given.coordinating, *more])


# «chủ trì», «(chủ trì)», «Đơn vị chủ trì:», «phối hợp với», «Cơ quan phối hợp thực hiện:», folded
_ROLE_MARK = re.compile(r"\(\s*(?P<noted>chu\s*tri|phoi\s*hop)\s*\)"
                        r"|(?:\b(?:don\s*vi|co\s*quan)\s+)?\b(?P<role>chu\s*tri|phoi\s*hop(?:\s*voi)?)\b"
                        r"(?:\s*thuc\s*hien)?\s*:?"
                        r"|\b(?P<short>ct|ph)\s*:")  # «CT: Sở Y tế; PH: Sở Tài chính», as a busy officer writes
_ROLE_NOTE = re.compile(r"\(\s*(?:chủ\s*trì|phối\s*hợp)\s*\)", re.IGNORECASE)


def marks_roles(text: str) -> bool:
    """Whether a text of units says who leads or helps («X chủ trì», «(phối hợp)», «CT:»): read as written."""
    return _ROLE_MARK.search(fold(text)) is not None
_SEPARATOR = re.compile(r"[,;\n]")


def _names(text: str) -> list[str]:
    return split_units(_strip_tail(text))


def _mark_after(text: str) -> str:
    """The words after a role mark up to the next separator: none when the mark closes its units («X chủ trì,»)."""
    found = _SEPARATOR.search(text)
    return text[: found.start()] if found else text


def split_assignment(cell: str) -> Assignment:
    """Read one assignment cell into lead and coordinating units.

    A role mark either closes the units before it — «X chủ trì, Y phối hợp», «X (chủ trì); Y» — or opens
    those after it — «Chủ trì: X; Phối hợp: Y, Z», «X chủ trì, phối hợp với Y»: it opens them when words
    follow it before the next comma.  Units named under no mark help the lead when one is named;
    otherwise the first of them leads, *inferred* (a plain list, «X phối hợp với Y»)."""
    text = " ".join(cell.split()) if "\n" not in cell else cell
    folded = fold(text)
    roles: dict[str, list[str]] = {"lead": [], "coordinating": [], "unmarked": []}
    pending: str | None = None
    last = 0
    marks = list(_ROLE_MARK.finditer(folded))
    for index, mark in enumerate(marks):
        role = "lead" if (mark.group("noted") or mark.group("role") or mark.group("short")).startswith(("chu", "ct")) \
            else "coordinating"
        before = _names(text[last:mark.start()])
        following = text[mark.end():marks[index + 1].start() if index + 1 < len(marks) else len(text)]
        closes = mark.group("noted") is not None or not _names(_mark_after(following))
        if before and closes and pending is None:
            roles[role] += before
        else:
            roles[pending or "unmarked"] += before
            pending = None if closes and before else role
        last = mark.end()
    roles[pending or "unmarked"] += _names(text[last:])
    lead, coordinating, unmarked = roles["lead"], roles["coordinating"], roles["unmarked"]
    if lead:
        return Assignment(lead, coordinating + unmarked)
    return Assignment(unmarked[:1], unmarked[1:] + coordinating, lead_inferred=bool(unmarked) and
                      len(unmarked) + len(coordinating) > 1)
