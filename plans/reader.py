"""Reading a plan file into a `ParsedPlan`: the one entry point of `plans/`.

`read_plan(path, year=None)` opens the file (`plans.sources`), reads its head
(`plans.head`), then the first of these layouts that gives tasks:

1. an appendix task table (`plans.tables`);
2. items each followed by labelled lines, "Đơn vị chủ trì: …" (`plans.labelled`), or
3. blocks of bullets closed by "X chủ trì thực hiện nội dung này" (`plans.prose`) —
   whichever of the two reads more tasks (labelled items on a tie);
4. responsibilities listed per unit under "TỔ CHỨC THỰC HIỆN" (`plans.duties`),
   read only when the plan has no explicit task list.

A file with none of them is a `PlanReadError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from plans.candidates import candidate_tasks
from plans.deadlines import parse_deadline
from plans.duties import read_duties
from plans.head import read_head
from plans.labelled import read_labelled
from plans.model import ImportWarning, ParsedPlan, ParsedTask, PlanReadError
from plans.paragraphs import paragraphs
from plans.prose import read_prose
from plans.sources import Document, open_document
from plans.tables import read_table


def _read_tasks(document: Document, year: int | None) -> tuple[list[ParsedTask], list[ImportWarning]]:
    table = read_table(document.rows, year)
    if table and table.tasks:
        return table.tasks, table.warnings
    items = paragraphs(document.lines, document.wrapped)
    # a task list in prose is either labelled items or lead-closed blocks: the one that reads more of it (a
    # sentence «Giao X chủ trì …» in a plan of blocks makes one labelled task, never the plan)
    listed = max((reader(items, year) for reader in (read_labelled, read_prose)), key=lambda read: len(read[0]))
    return listed if listed[0] else read_duties(items, year)


def _count_from_issue(plan: ParsedPlan) -> None:
    """A deadline counted from the plan's own issue («Trong 30 ngày kể từ ngày ban hành Kế hoạch») gets its day
    when the head gives that date; the warning that it had none says how it was counted instead."""
    if plan.issue_date is None:
        return
    for task in plan.tasks:
        if task.deadline.kind != "conditional":
            continue
        counted = parse_deadline(task.deadline.text, plan.year, plan.issue_date)
        if counted.due is None:
            continue
        told = ImportWarning("issue_date_deadline", f"thời hạn «{counted.text}» tính từ ngày ban hành kế hoạch "
                             f"{plan.issue_date:%d/%m/%Y}: hạn {counted.due:%d/%m/%Y}.", task.line)
        unread = next((index for index, warning in enumerate(plan.warnings) if warning.kind == "unread_deadline"
                       and warning.line == task.line and f"«{counted.text}»" in warning.message), None)
        if unread is None:
            plan.warnings.append(told)
        else:
            plan.warnings[unread] = told
        task.deadline = counted


def read_plan(path: Path | str, year: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> ParsedPlan:
    """Read a plan document; `year` overrides the plan year read from its head.

    `progress(page, pages)` is told how far a long PDF has been read.
    """
    document = open_document(Path(path), progress)
    head = read_head(document.lines)
    plan_year = year or head.year
    plan = ParsedPlan(**{**asdict(head), "year": plan_year}, source_name=document.name, sha256=document.sha256)
    plan.tasks, plan.warnings = _read_tasks(document, plan_year)
    _count_from_issue(plan)
    plan.warnings[:0] = [ImportWarning("cleaned", message) for message in document.warnings]
    if head.draft:
        plan.warnings.insert(0, ImportWarning(
            "draft_head", "văn bản là bản dự thảo (chưa có số hoặc ngày ban hành); kiểm tra lại số và năm kế hoạch."))
    if not plan.tasks:
        candidates = candidate_tasks(paragraphs(document.lines, document.wrapped), plan_year)
        offered = replace(plan, tasks=candidates, warnings=[]) if candidates else None
        raise PlanReadError(
            "không tìm thấy bảng nhiệm vụ (cần các cột như «Nội dung», «Chủ trì», «Thời gian») "
            "cũng không thấy nhiệm vụ viết dạng gạch đầu dòng có đơn vị chủ trì."
            + (f" Văn bản có {len(candidates)} mục đánh số/gạch đầu dòng: mở giao diện (theodoi, phím i) để chọn "
               "từng mục là nhiệm vụ rồi lưu." if candidates else "")
            + (" Bảng trong tệp PDF không kẻ đường viền thì không tách được các cột: hãy xin bản Word (.docx) "
               "hoặc Excel của kế hoạch." if document.name.lower().endswith(".pdf") else ""),
            source=document.name, candidates=offered,
        )
    return plan
