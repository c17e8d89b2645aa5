"""The periodic report as text: the terminal table of `theodoi report` and the report screen's bars."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from db.briefing import ChangeSince
from db.report import (
    CATEGORIES,
    LABELS,
    OVERDUE,
    SHORT,
    LineText,
    Report,
    ReportLine,
    done_and_overdue,
    rate_of,
    report_items,
)
from db.rules import RATE_RULE, completion_rate
from plans.text import shorten

if TYPE_CHECKING:
    from db.reader import Readable

#: Overdue items a report on the screen or the terminal lists; the workbook and the Word báo cáo hold them all.
LISTED = 200


def table_lines(rows: dict[str, Counter], totals: Counter, first: str, width: int = 34) -> list[str]:
    head = f"{first:<{width}} " + " ".join(f"{SHORT[c]:>8}" for c in CATEGORIES) + f" {'Tổng':>6} {'Tỷ lệ':>6}"
    out = [head, "-" * len(head)]
    for name, counts in [*rows.items(), ("Tổng cộng", totals)]:
        label = shorten(name, width)
        out.append(f"{label:<{width}} " + " ".join(f"{counts[c]:>8}" for c in CATEGORIES)
                   + f" {sum(counts.values()):>6} {rate_of(counts):>6}")
    return out


def bar(counts: Counter, width: int = 30) -> str:
    """A bar of the unit's tasks: █ done, ▓ in progress, ! overdue, · not yet due."""
    total = sum(counts.values()) or 1
    parts = [("█", counts["done_on_time"] + counts["done_late"]), ("▓", counts["in_progress_on_time"]),
             ("!", counts["overdue"]), ("·", counts["not_due"] + counts["ongoing"] + counts["no_due"])]
    return "".join(mark * round(width * n / total) for mark, n in parts)[:width]


def overdue_line(line: ReportLine, text: LineText, width: int = 60) -> str:
    """One overdue item: number, content, lead unit, the due date missed, the last progress note."""
    note = f" – {text.progress_note}" if text.progress_note else ""
    return f"{text.number} {text.content[:width]} | {line.lead_unit} | hạn {line.due:%d/%m/%Y}{note}"


def listed(db: Readable, report: Report, every: bool = False) -> list[ReportLine]:
    """The overdue items a screen or a terminal lists: the first `LISTED`, or `every` one."""
    return list(islice(report_items(db, report, (OVERDUE,)), None if every else LISTED))


def more_overdue(report: Report, shown: list[ReportLine]) -> int:
    """How many overdue items a list of `shown` leaves out."""
    return report.totals()[OVERDUE] - len(shown)


def report_lines(report: Report, shown: list[ReportLine], texts: dict[int, LineText]) -> list[str]:
    """The report for the terminal, listing the overdue items `shown` (`listed`); `texts` holds theirs
    (`db.report.line_texts`)."""
    period = report.period
    lines = [f"BÁO CÁO KẾT QUẢ THỰC HIỆN – {period.label}",
             f"Kỳ số liệu: {period.window}; tính đến ngày {report.as_of:%d/%m/%Y}",
             f"Số được đếm: {report.counted()}", ""]
    by_unit, totals = report.by_unit(), report.totals()
    lines += table_lines(by_unit, totals, "Đơn vị chủ trì")
    if note := report.unit_note(by_unit):
        lines.append(f"Ghi chú: {note}")
    lines += ["", *table_lines(report.by_section(), totals, "Mục")]
    lines += ["", f"Nhiệm vụ quá hạn chưa hoàn thành ({totals[OVERDUE]}):"]
    lines += [f"  #{line.task_id} {overdue_line(line, texts[line.task_id])}" for line in shown]
    if more := more_overdue(report, shown):
        lines.append(f"  … và {more} nhiệm vụ quá hạn khác: đủ danh sách trong bản Excel hoặc "
                     "Word (-o bao-cao.xlsx / -o bao-cao.docx), hoặc in hết bằng --day-du.")
    lines += ["", "Chú thích: " + "; ".join(f"{SHORT[c]} = {LABELS[c].lower()}" for c in CATEGORIES), RATE_RULE]
    return lines


def report_json(report: Report, overdue: list[ReportLine], texts: dict[int, LineText]) -> dict:
    def counts(c: Counter) -> dict:
        return {**{k: c[k] for k in CATEGORIES}, "total": sum(c.values()),
                "completion_rate": completion_rate(*done_and_overdue(c))}

    return {
        "period": report.period.label,
        "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(),
        "regime": report.period.regime,
        "as_of": report.as_of.isoformat(),
        "categories": LABELS,
        "by_unit": {name: counts(c) for name, c in report.by_unit().items()},
        "by_section": {name: counts(c) for name, c in report.by_section().items()},
        "totals": counts(report.totals()),
        "overdue": [{"id": line.task_id, "number": texts[line.task_id].number, "content": texts[line.task_id].content,
                     "lead_unit": line.lead_unit, "due": line.due.isoformat() if line.due else None,
                     "progress_note": texts[line.task_id].progress_note} for line in overdue],
    }


def since_lines(changes: list[ChangeSince], since: date) -> list[str]:
    lines = [f"Những thay đổi từ buổi giao ban {since:%d/%m/%Y}: {len(changes)}"]
    for change in changes:
        task = change.task
        day = date.fromisoformat(change.at[:10])
        lines.append(f"  {day:%d/%m/%Y}  {task.number} {task.content[:55]} | {task.lead_unit} | {change.what}")
    return lines
