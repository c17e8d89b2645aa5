"""Reading a plan file into a `ParsedPlan`: the one entry point of `plans/`.

`read_plan(path, year=None)` opens the file (`plans.sources`), reads its head
(`plans.head`), then its task table (`plans.tables`) or, when it has none,
its prose (`plans.prose`).  A file with neither is a `PlanReadError`.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from plans.head import read_head
from plans.model import ParsedPlan, PlanReadError
from plans.prose import read_prose
from plans.sources import open_document
from plans.tables import read_table


def read_plan(path: Path | str, year: int | None = None) -> ParsedPlan:
    """Read a plan document; `year` overrides the plan year read from its head."""
    document = open_document(Path(path))
    head = read_head(document.lines)
    plan_year = year or head.year
    plan = ParsedPlan(**{**asdict(head), "year": plan_year}, source_name=document.name, sha256=document.sha256)
    table = read_table(document.rows, plan_year)
    if table and table.tasks:
        plan.tasks, plan.warnings = table.tasks, table.warnings
    else:
        plan.tasks, plan.warnings = read_prose(document.lines, plan_year)
    if not plan.tasks:
        raise PlanReadError(
            "không tìm thấy bảng nhiệm vụ (cần các cột như «Nội dung», «Chủ trì», «Thời gian») "
            "cũng không thấy nhiệm vụ viết dạng gạch đầu dòng có đơn vị chủ trì.",
            source=document.name,
        )
    return plan
