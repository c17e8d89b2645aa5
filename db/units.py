"""Units (đơn vị) in the register: finding, creating, merging, renaming.

A unit is found by its folded key, then through `unit_aliases` (merges the
officer made, which future imports follow), then through the abbreviations
every Sở uses (`plans.units.KNOWN_ALIASES`).  Merging moves every task link
to the unit kept and remembers the other name as an alias.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.backup import make_backup
from db.history import Change, record
from db.register import insert_row, write_transaction
from db.rules import LEAD_JOIN
from db.tasks import REMOVED_IDS
from plans.text import fold
from plans.units import KNOWN_ALIASES, folded_key, initials, normalize_unit, unit_key

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable


@dataclass(frozen=True)
class UnitCount:
    """A unit with how many live tasks it leads and coordinates."""

    id: int
    name: str
    lead: int
    coordinating: int


def find_unit(db: Readable, name: str) -> int | None:
    """The id of the unit `name` refers to, by key (accents count), alias or known abbreviation."""
    key = unit_key(name)
    known = KNOWN_ALIASES.get(folded_key(name), "")
    for candidate in (key, unit_key(known) if known else ""):
        if not candidate:
            continue
        row = db.execute("SELECT id FROM units WHERE key = ?", [candidate]).fetchone()
        if row:
            return int(row[0])
        row = db.execute("SELECT unit_id FROM unit_aliases WHERE key = ?", [candidate]).fetchone()
        if row:
            return int(row[0])
    return None


def resolve_unit(db: Readable, text: str) -> int | None:
    """The unit `text` means: by its exact name, alias or abbreviation, else the one unit it matches
    typed without accents ("van phong so"); None when it means none or several."""
    found = find_unit(db, text)
    if found is not None:
        return found
    matches = match_units(db, text)
    return matches[0] if len(matches) == 1 else None


def near_twins(db: Readable, unit_ids: list[int]) -> list[tuple[str, str]]:
    """(new name, older name) of units among `unit_ids` that differ from another only by accents."""
    names = {int(r[0]): r[1] for r in db.execute("SELECT id, name FROM units")}
    by_folded: dict[str, list[int]] = {}
    for unit_id, name in names.items():
        by_folded.setdefault(folded_key(name), []).append(unit_id)
    return [(names[unit_id], names[other]) for unit_id in unit_ids
            for other in by_folded.get(folded_key(names.get(unit_id, "")), []) if other != unit_id]


def get_or_create_unit(db: sqlite_utils.Database, name: str) -> int:
    found = find_unit(db, name)
    if found is not None:
        return found
    key = unit_key(name)
    canonical = KNOWN_ALIASES.get(folded_key(name), normalize_unit(name))
    unit_id = insert_row(db, "units", {"name": canonical, "key": unit_key(canonical)})
    if unit_key(canonical) != key:
        db.table("unit_aliases").insert({"key": key, "unit_id": unit_id}, replace=True)
    return unit_id


def match_units(db: Readable, text: str) -> list[int]:
    """Units a typed filter means: the one it names, else every unit whose name, alias or
    initials contain it ("tchc" finds Phòng Tổ chức - Hành chính)."""
    exact = find_unit(db, text)
    if exact is not None:
        return [exact]
    needle = search_form(text)
    return [unit_id for unit_id, (_, terms) in unit_terms(db).items() if needle in terms]


def one_unit(db: Readable, text: str) -> str:
    """The name of the one unit `text` means; ValueError listing the candidates when it means none or several."""
    found = match_units(db, text)
    names = {unit_id: name for unit_id, (name, _) in unit_terms(db).items()}
    if not found:
        raise ValueError(f"không có đơn vị nào khớp «{text}»; xem danh sách bằng theodoi units.")
    if len(found) > 1:
        listed = "; ".join(names[unit_id] for unit_id in found[:10])
        raise ValueError(f"«{text}» khớp {len(found)} đơn vị ({listed}); gõ rõ hơn để chọn một đơn vị.")
    return names[found[0]]


def search_form(text: str) -> str:
    """What a typed unit name is compared in: folded, dashes as spaces, single spaces."""
    return " ".join(fold(text).replace("-", " ").split())


def unit_terms(db: Readable) -> dict[int, tuple[str, str]]:
    """Every unit by id, in name order: (name, the words it is found by: its name, aliases and initials)."""
    aliases: dict[int, list[str]] = {}
    for key, unit_id in db.execute("SELECT key, unit_id FROM unit_aliases"):
        aliases.setdefault(unit_id, []).append(key)
    known: dict[str, list[str]] = {}
    for short, full in KNOWN_ALIASES.items():
        known.setdefault(folded_key(full), []).append(short)
    terms: dict[int, tuple[str, str]] = {}
    for unit_id, name, key in db.execute("SELECT id, name, key FROM units ORDER BY name"):
        words = [key, *aliases.get(unit_id, []), *known.get(folded_key(name), []), *initials(name)]
        terms[unit_id] = (name, " | ".join(dict.fromkeys(search_form(word) for word in words)))
    return terms


def unit_counts(db: Readable) -> list[UnitCount]:
    """Every unit with its live tasks as lead and as coordinator, in name order: all its links counted off
    the (unit, role) index, less the links of removed tasks (few, found by their index) — testing each
    link's task read 300,000 rows at 100,000 tasks (124 -> 15 ms)."""
    def links(where: str = "") -> Counter[tuple[int, str]]:
        return Counter({(unit_id, role): count for unit_id, role, count in db.execute(
            f"SELECT unit_id, role, COUNT(*) FROM task_units {where} GROUP BY unit_id, role")})

    live = links() - links(f"WHERE task_id IN ({REMOVED_IDS})")
    return [UnitCount(unit_id, name, live[unit_id, "lead"], live[unit_id, "coordinating"])
            for unit_id, name in db.execute("SELECT id, name FROM units ORDER BY name")]


#: The tasks with a lead unit past the first position (several leads), off their partial index (db/schema.py v9).
SHARED_LEAD_TASKS = "SELECT task_id FROM task_units WHERE role = 'lead' AND position > 0"

#: A task's lead unit at the first position, joined to `tasks t` as `lead.name`: with `shared_leads`, the lead
#: units of every task, read with its row (a subquery a row cost a report 170 ms for 27,000 tasks).
FIRST_LEAD = ("LEFT JOIN task_units first_lead ON first_lead.task_id = t.id AND first_lead.role = 'lead' "
              "AND first_lead.position = 0 LEFT JOIN units lead ON lead.id = first_lead.unit_id")


def shared_leads(db: Readable) -> dict[int, str]:
    """The lead units, joined in their order, of the tasks with a lead past the first position
    (`SHARED_LEAD_TASKS`): few in any register.  Any other task's lead is `FIRST_LEAD`'s."""
    leads: dict[int, list[str]] = {}
    for task_id, name in db.execute(
            "SELECT tu.task_id, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.role = 'lead' "
            f"AND tu.task_id IN ({SHARED_LEAD_TASKS}) "
            "ORDER BY tu.task_id, tu.position"):
        leads.setdefault(task_id, []).append(name)
    return {task_id: LEAD_JOIN.join(names) for task_id, names in leads.items()}


def unit_names(db: Readable) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM units ORDER BY name").fetchall()]


def merge_units(db: sqlite_utils.Database, keep_id: int, gone_id: int) -> None:
    """Fold unit `gone_id` into `keep_id`; future imports of its name land on `keep_id`."""
    if keep_id == gone_id:
        return
    make_backup(db, "truoc-gop-don-vi")
    with write_transaction(db):
        gone = db.table("units").get(gone_id)
        keep = db.table("units").get(keep_id)
        db.execute(
            """INSERT OR IGNORE INTO task_units (task_id, unit_id, role, position)
               SELECT task_id, ?, role, position FROM task_units WHERE unit_id = ?""",
            [keep_id, gone_id],
        )
        db.execute("DELETE FROM task_units WHERE unit_id = ?", [gone_id])
        db.execute("UPDATE unit_aliases SET unit_id = ? WHERE unit_id = ?", [keep_id, gone_id])
        db.table("unit_aliases").insert({"key": gone["key"], "unit_id": keep_id}, replace=True)
        db.table("units").delete(gone_id)
        record(db, [Change(None, "unit", gone["name"], keep["name"])], "merge")


def rename_unit(db: sqlite_utils.Database, unit_id: int, name: str) -> None:
    """Give a unit a new name; the old one stays an alias."""
    clean = normalize_unit(name)
    if not clean:
        raise ValueError("tên đơn vị không được để trống.")
    with write_transaction(db):
        unit = db.table("units").get(unit_id)
        clash = find_unit(db, clean)
        if clash is not None and clash != unit_id:
            raise ValueError(f"đã có đơn vị «{clean}»; hãy gộp hai đơn vị thay vì đổi tên.")
        db.table("units").update(unit_id, {"name": clean, "key": unit_key(clean)})
        if unit["key"] != unit_key(clean):
            db.table("unit_aliases").insert({"key": unit["key"], "unit_id": unit_id}, replace=True)
        record(db, [Change(None, "unit", unit["name"], clean)], "rename")



_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


@dataclass(frozen=True)
class Contact:
    """Who receives a unit's sheet."""

    email: str
    person: str


def check_email(address: str) -> str:
    """`address` cleaned, or ValueError in Vietnamese."""
    clean = address.strip()
    if clean and not _EMAIL.match(clean):
        raise ValueError(f"địa chỉ thư «{clean}» không hợp lệ (ví dụ: vanphong@syt.gov.vn).")
    return clean


def set_contact(db: sqlite_utils.Database, unit_id: int, email: str | None, person: str | None) -> None:
    """Record a unit's address and contact person (None leaves a field as it is)."""
    values = {k: v for k, v in (("email", None if email is None else check_email(email)),
                                ("person", None if person is None else " ".join(person.split()))) if v is not None}
    if values:
        with write_transaction(db):
            unit = db.table("units").get(unit_id)
            db.table("units").update(unit_id, values)
            record(db, [Change(None, f"contact:{k}", str(unit.get(k) or ""), str(v)) for k, v in values.items()],
                   "contact")


def unit_name(db: sqlite_utils.Database, unit_id: int) -> str:
    return str(db.table("units").get(unit_id)["name"])


def contacts(db: Readable) -> dict[str, Contact]:
    """Every unit's contact, by unit name."""
    return {name: Contact(email or "", person or "")
            for name, email, person in db.execute("SELECT name, email, person FROM units")}


def import_contacts(db: sqlite_utils.Database, rows: list[tuple[str, str, str]]) -> list[str]:
    """Record (unit, email, person) rows in one transaction; return the units not found (left out).

    Every address is checked first: one bad address refuses the whole list (ValueError naming it).
    """
    checked = [(unit, check_email(email), person) for unit, email, person in rows]
    unknown: list[str] = []
    with write_transaction(db):
        for unit, email, person in checked:
            unit_id = resolve_unit(db, unit)
            if unit_id is None:
                unknown.append(unit)
            else:
                set_contact(db, unit_id, email, person)
    return unknown
