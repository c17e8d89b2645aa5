"""The periodic report as text: the terminal table of `theodoi report` and the report screen's bars."""

from __future__ import annotations

from collections import Counter
from datetime import date

from db.report import CATEGORIES, LABELS, SHORT, ChangeSince, Report, completion_rate


def _rate(counts: Counter) -> str:
    rate = completion_rate(counts)
    return "—" if rate is None else f"{100 * rate:.0f}%"


def table_lines(rows: dict[str, Counter], totals: Counter, first: str, width: int = 34) -> list[str]:
    head = f"{first:<{width}} " + " ".join(f"{SHORT[c]:>8}" for c in CATEGORIES) + f" {'Tổng':>6} {'Tỷ lệ':>6}"
    out = [head, "-" * len(head)]
    for name, counts in [*rows.items(), ("Tổng cộng", totals)]:
        label = name if len(name) <= width else name[: width - 1] + "…"
        out.append(f"{label:<{width}} " + " ".join(f"{counts[c]:>8}" for c in CATEGORIES)
                   + f" {sum(counts.values()):>6} {_rate(counts):>6}")
    return out


def bar(counts: Counter, width: int = 30) -> str:
    """A bar of the unit's tasks: █ done, ▓ in progress, ! overdue, · not yet due."""
    total = sum(counts.values()) or 1
    parts = [("█", counts["done_on_time"] + counts["done_late"]), ("▓", counts["in_progress_on_time"]),
             ("!", counts["overdue"]), ("·", counts["not_due"] + counts["ongoing"] + counts["no_due"])]
    return "".join(mark * round(width * n / total) for mark, n in parts)[:width]


def report_lines(report: Report) -> list[str]:
    period = report.period
    lines = [f"BÁO CÁO KẾT QUẢ THỰC HIỆN – {period.label}", f"Kỳ số liệu: {period.window}", ""]
    lines += table_lines(report.by_unit(), report.totals(), "Đơn vị chủ trì")
    lines += ["", *table_lines(report.by_section(), report.totals(), "Mục")]
    overdue = report.overdue()
    lines += ["", f"Nhiệm vụ quá hạn chưa hoàn thành ({len(overdue)}):"]
    for line in overdue:
        task = line.task
        note = f" – {task.progress_note}" if task.progress_note else ""
        lines.append(f"  #{task.id} {task.number} {task.content[:60]} | {task.lead_unit} | hạn "
                     f"{line.due:%d/%m/%Y}{note}")
    lines += ["", "Chú thích: " + "; ".join(f"{SHORT[c]} = {LABELS[c].lower()}" for c in CATEGORIES)]
    return lines


def report_json(report: Report) -> dict:
    def counts(c: Counter) -> dict:
        return {**{k: c[k] for k in CATEGORIES}, "total": sum(c.values()), "completion_rate": completion_rate(c)}

    return {
        "period": report.period.label,
        "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(),
        "regime": report.period.regime,
        "categories": LABELS,
        "by_unit": {name: counts(c) for name, c in report.by_unit().items()},
        "by_section": {name: counts(c) for name, c in report.by_section().items()},
        "totals": counts(report.totals()),
        "overdue": [{"id": line.task.id, "number": line.task.number, "content": line.task.content,
                     "lead_unit": line.task.lead_unit, "due": line.due.isoformat() if line.due else None,
                     "progress_note": line.task.progress_note} for line in report.overdue()],
    }


def since_lines(changes: list[ChangeSince], since: date) -> list[str]:
    lines = [f"Những thay đổi từ buổi giao ban {since:%d/%m/%Y}: {len(changes)}"]
    for change in changes:
        task = change.task
        lines.append(f"  {change.at[:10]}  {task.number} {task.content[:55]} | {task.lead_unit} | {change.what}")
    return lines
