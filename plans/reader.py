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
from datetime import date
from pathlib import Path

from plans.candidates import candidate_tasks
from plans.duties import read_duties
from plans.head import read_head
from plans.labelled import read_labelled
from plans.model import ImportWarning, ParsedPlan, ParsedTask, PlanReadError
from plans.paragraphs import paragraphs
from plans.prose import read_prose
from plans.sources import Document, open_document
from plans.tables import read_table


def _read_tasks(document: Document, year: int | None,
                issued: date | None) -> tuple[list[ParsedTask], list[ImportWarning]]:
    """The tasks of the body; `year` and `issued` (the head's issue date) are what deadlines are read with."""
    table = read_table(document.rows, year, issued)
    if table and table.tasks:
        return table.tasks, table.warnings
    items = paragraphs(document.lines, document.wrapped)
    # a task list in prose is either labelled items or lead-closed blocks: the one that reads more of it (a
    # sentence «Giao X chủ trì …» in a plan of blocks makes one labelled task, never the plan)
    listed = max((reader(items, year, issued) for reader in (read_labelled, read_prose)),
                 key=lambda read: len(read[0]))
    return listed if listed[0] else read_duties(items, year, issued)


def read_plan(path: Path | str, year: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> ParsedPlan:
    """Read a plan document; `year` overrides the plan year read from its head.

    `progress(page, pages)` is told how far a long PDF has been read.
    """
    document = open_document(Path(path), progress)
    head = read_head(document.lines)
    plan_year = year or head.year
    plan = ParsedPlan(**{**asdict(head), "year": plan_year}, source_name=document.name, sha256=document.sha256)
    plan.tasks, plan.warnings = _read_tasks(document, plan_year, head.issue_date)
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
