"""E-mail drafts: each unit's fill-in sheet attached to a message ready to send (nothing is sent).

`write_drafts(db, flt, folder, today, by)` writes the units' fill-in sheets
(`exports.unit_sheets`) and, beside each, an `.eml` draft built with Python's
`email` package: To the unit's address (`db.units.contacts`), a Vietnamese
subject naming the plan and the return date, a short body listing the unit's
tasks that are overdue or due by then, the sheet attached, and `X-Unsent: 1`
so Outlook and Thunderbird open it as a draft ready to send.  Units without
an address are listed; their sheets are still written.  Every file goes
through the same safe save as the workbooks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from db.filters import TaskFilter, fetch_tasks
from db.tasks import Task
from db.units import contacts
from exports.task_sheet import save_through
from exports.unit_sheets import export_each_unit
from exports.view import sheet_head

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LISTED = 15  # tasks named in a message's body


@dataclass
class Drafts:
    """What `write_drafts` wrote: [(unit, draft)], units with no address, sheets that failed."""

    written: list[tuple[str, Path]] = field(default_factory=list)
    without_address: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def write_drafts(db: sqlite_utils.Database, flt: TaskFilter, folder: Path, today: date, by: date,
                 reminder: bool = False) -> Drafts:
    """One fill-in sheet and one draft per unit with work in the view; with `reminder`, a reminder («nhắc
    việc») only to the units that have overdue tasks."""
    done = export_each_unit(db, flt, folder, today, by)
    drafts = Drafts(failed=list(done.failed))
    known = contacts(db)
    plans = sheet_head(db, flt, today).plans
    for unit, sheet, _count in done.written:
        owed = _owed(db, flt, unit, today, by)
        late = [t for t in owed if t.is_overdue(today)]
        if reminder and not late:
            sheet.unlink(missing_ok=True)
            continue
        contact = known.get(unit)
        if contact is None or not contact.email:
            drafts.without_address.append(unit)
        message = draft(unit, contact.email if contact else "", contact.person if contact else "", plans,
                        (today, by), late if reminder else owed, sheet)
        if reminder:
            message.replace_header("Subject", f"[theodoi] Nhắc việc: {len(late)} nhiệm vụ quá hạn – {plans} – "
                                              f"đề nghị báo cáo trước {by:%d/%m/%Y}")
        target = sheet.with_suffix(".eml")
        save_through(target, partial(_write_message, message))
        drafts.written.append((unit, target))
    return drafts


def _owed(db: Readable, flt: TaskFilter, unit: str, today: date, by: date) -> list[Task]:
    tasks = fetch_tasks(db, flt.with_(unit=unit, role="lead"), today=today, limit=2000)
    return [t for t in tasks if t.is_overdue(today) or (
        t.status != "done" and t.deadline.due is not None and t.deadline.due <= by)]


def draft(unit: str, address: str, person: str, plans: str, dates: tuple[date, date], owed: list[Task],
          sheet: Path) -> EmailMessage:
    """The message for one unit, its sheet attached; `dates` is (today, the day to return the sheet by)."""
    today, by = dates
    message = EmailMessage()
    message["To"] = address
    message["Subject"] = f"[theodoi] Đề nghị báo cáo tiến độ – {plans} – hạn {by:%d/%m/%Y}"
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    greeting = f"Kính gửi: {person + ' – ' if person else ''}{unit}"
    lines = [greeting, "",
             f"Đề nghị quý đơn vị cập nhật tiến độ các nhiệm vụ được giao chủ trì ({plans}) vào phiếu đính kèm "
             f"(cột Trạng thái, Ngày hoàn thành, Kết quả) và gửi lại trước ngày {by:%d/%m/%Y}.", ""]
    if owed:
        lines.append("Các nhiệm vụ quá hạn hoặc đến hạn trong kỳ:")
        lines += [f"- {t.number + ' ' if t.number else ''}{' '.join(t.content.split())[:150]} (hạn: "
                  f"{t.deadline.due:%d/%m/%Y}{', QUÁ HẠN' if t.is_overdue(today) else ''})"
                  for t in owed[:LISTED] if t.deadline.due]
        if len(owed) > LISTED:
            lines.append(f"- … và {len(owed) - LISTED} nhiệm vụ khác (xem phiếu).")
    else:
        lines.append("Không có nhiệm vụ quá hạn; đề nghị cập nhật tiến độ các nhiệm vụ trong phiếu.")
    lines += ["", "Trân trọng cảm ơn."]
    message.set_content("\n".join(lines))
    message.add_attachment(sheet.read_bytes(), maintype="application", subtype=XLSX.split("/")[1],
                           filename=sheet.name)
    return message


def write_view_draft(db: Readable, flt: TaskFilter, folder: Path, today: date, to: str) -> Path:
    """The view as a workbook and a draft to the leader (`to`), with the figures in the body."""
    from db.stats import unit_status_counts
    from exports.view import export_view, proposed_name

    sheet = folder / proposed_name(flt, today)
    count = export_view(db, flt, sheet, today)
    head = sheet_head(db, flt, today)
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = f"[theodoi] {head.title} – {head.plans} – ngày {today:%d/%m/%Y}"
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    lines = [f"Kính gửi: Lãnh đạo {head.department}".rstrip(), "",
             f"Tình hình thực hiện ({head.title.lower()}), {count} nhiệm vụ, tính đến ngày {today:%d/%m/%Y}:", ""]
    lines += [f"- {line.unit}: chưa thực hiện {line.not_started}, đang thực hiện {line.in_progress}, hoàn thành "
              f"{line.done}, quá hạn {line.overdue}" for line in unit_status_counts(db, flt, today)]
    lines += ["", "Chi tiết trong bảng đính kèm.", "", "Trân trọng."]
    message.set_content("\n".join(lines))
    message.add_attachment(sheet.read_bytes(), maintype="application", subtype=XLSX.split("/")[1],
                           filename=sheet.name)
    target = sheet.with_suffix(".eml")
    save_through(target, partial(_write_message, message))
    return target


def _write_message(message: EmailMessage, path: Path) -> None:
    path.write_bytes(bytes(message))
