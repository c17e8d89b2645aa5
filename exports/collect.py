"""Collecting returned sheets in one go: a folder of .xlsx files and of e-mails that carry them.

`collect_folder(db, folder, today)` reads every `.xlsx` in the folder and every
sheet attached to an `.eml` (Python's `email` package), checks each one as
`exports.receive` does, and sorts them into sheets to take, sheets refused
(another register, a forged record, a formula… each with its problems),
duplicates (the same sheet met twice — by its record's signature — as a file
and as an attachment, say) and files that are not sheets.  Nothing is
written: `exports.receive.apply_returned_sheets` applies the chosen ones in
one transaction and one undo step.  A sheet received twice changes nothing
the second time (its values are the register's already).
"""

from __future__ import annotations

import email
import tempfile
from dataclasses import dataclass, field
from datetime import date
from email import policy
from pathlib import Path
from typing import TYPE_CHECKING

from exports.receive import ReceiveError, ReturnedSheet, read_returned_sheet
from plans.model import PlanReadError
from plans.sources import read_file_bytes

if TYPE_CHECKING:
    import sqlite_utils



@dataclass
class Collected:
    """What a folder of returned sheets holds."""

    sheets: list[ReturnedSheet] = field(default_factory=list)
    refused: list[tuple[str, list[str]]] = field(default_factory=list)  # (file, problems)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the file it repeats)
    skipped: list[str] = field(default_factory=list)  # files that carry no sheet

    @property
    def changes(self) -> int:
        return sum(len(sheet.changes) for sheet in self.sheets)


def collect_folder(db: sqlite_utils.Database, folder: Path, today: date) -> Collected:
    """Check every returned sheet in `folder` (files and e-mail attachments); write nothing."""
    collected = Collected()
    seen: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="theodoi-phieu-") as scratch:
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            suffix = path.suffix.lower()
            if suffix == ".xlsx":
                _take(db, path, path.name, today, collected, seen)
            elif suffix == ".eml":
                _take_mail(db, path, Path(scratch), today, collected, seen)
            else:
                collected.skipped.append(path.name)
    return collected


def _take(db: sqlite_utils.Database, path: Path, label: str, today: date, collected: Collected,
          seen: dict[str, str]) -> None:
    try:
        sheet = read_returned_sheet(db, path, today)
    except ReceiveError as error:
        collected.refused.append((label, error.problems))
        return
    sheet.source = label
    if sheet.signature in seen:
        collected.duplicates.append((label, seen[sheet.signature]))
        return
    seen[sheet.signature] = label
    collected.sheets.append(sheet)


def _take_mail(db: sqlite_utils.Database, path: Path, scratch: Path, today: date, collected: Collected,
               seen: dict[str, str]) -> None:
    try:
        message = email.message_from_bytes(read_file_bytes(path), policy=policy.default)
    except PlanReadError as error:
        collected.refused.append((path.name, [str(error)]))
        return
    attached = [part for part in message.iter_attachments()  # type: ignore[attr-defined]
                if (part.get_filename() or "").lower().endswith(".xlsx")]
    if not attached:
        collected.skipped.append(path.name)
        return
    for index, part in enumerate(attached):
        name = Path(part.get_filename() or f"phieu-{index}.xlsx").name
        target = scratch / f"{path.stem}-{index}-{name}"
        payload = part.get_payload(decode=True)
        target.write_bytes(payload if isinstance(payload, bytes) else b"")
        _take(db, target, f"{path.name} › {name}", today, collected, seen)
