"""What a plan reader produces: a plan head, its tasks, and what it warns about.

These are plain dataclasses; readers fill them, `db/` stores them.  Nothing
here reads files or touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plans.deadlines import Deadline, counted_from_issue, mistyped_period

#: Lines of text above a table kept with its first row (its title, «PHỤ LỤC II» / «NHIỆM VỤ TUYÊN TRUYỀN»).
ABOVE = 3


class PlanReadError(Exception):
    """A plan file that cannot be read; the message is Vietnamese and says where."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None,
                 candidates: ParsedPlan | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.candidates = candidates  # a document read but not understood: its items, for the officer to pick
        where = source + (f", dòng {line}" if line else "")
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class ImportWarning:
    """Something the reader decided that the officer should check."""

    kind: str  # joined_row, inferred_lead, unread_deadline, inferred_deadline, no_lead, inherited, kept_column,
    # unit_columns, cleaned, draft_head, serial_date, unread_done_on, issue_date_deadline
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"dòng {self.line}: {self.message}" if self.line else self.message


@dataclass
class ParsedTask:
    """One task (nhiệm vụ) as the plan writes it."""

    order: int
    content: str
    section_path: list[str] = field(default_factory=list)
    number: str = ""
    product: str = ""
    context: str = ""
    lead_units: list[str] = field(default_factory=list)
    coordinating_units: list[str] = field(default_factory=list)
    lead_inferred: bool = False
    deadline: Deadline = field(default_factory=lambda: Deadline("", "none"))
    deadline_inferred: bool = False
    budget: float | None = None
    line: int | None = None
    reported_status: str = ""  # as an officer's tracking table writes it («Đã hoàn thành»); read by the register
    completed_on: date | None = None
    reported_result: str = ""  # the tracking table's «Kết quả thực hiện»

    @property
    def section(self) -> str:
        return " › ".join(self.section_path)


@dataclass
class PlanHead:
    """What the first lines of a plan say about it."""

    number: str = ""
    title: str = ""
    issuer: str = ""
    place: str = ""
    issue_date: date | None = None
    year: int | None = None
    draft: bool = False


@dataclass(kw_only=True)
class ParsedPlan(PlanHead):
    """A plan document: its head and its tasks, in plan order."""

    source_name: str
    sha256: str
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)


def reading_warnings(deadline: Deadline, lead: list[str], lead_inferred: bool, line: int | None) -> list[ImportWarning]:
    """What every reader says about a task it read: a deadline with no date, a lead guessed or missing."""
    warnings = []
    if counted_from_issue(deadline):
        warnings.append(ImportWarning(
            "issue_date_deadline", f"thời hạn «{deadline.text}» {deadline.note}: hạn {deadline.due:%d/%m/%Y}.", line))
    if deadline.kind == "conditional":
        mistyped = mistyped_period(deadline.text)
        warnings.append(ImportWarning(
            "unread_deadline", f"thời hạn «{deadline.text}»: {mistyped} — ghi nhận là theo điều kiện; sửa lại thời hạn "
            "sau khi nhập." if mistyped else
            f"thời hạn «{deadline.text}» không có ngày cụ thể, ghi nhận là theo điều kiện.", line))
    if lead_inferred and lead:
        warnings.append(ImportWarning("inferred_lead", f"không ghi rõ đơn vị chủ trì; coi «{lead[0]}» là chủ trì.",
                                      line))
    if not lead:
        warnings.append(ImportWarning("no_lead", "nhiệm vụ không có đơn vị chủ trì.", line))
    return warnings
