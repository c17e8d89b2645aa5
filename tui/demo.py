"""The demo register: the bundled sample plan, imported into a throw-away file.

`build_demo_register(folder)` reads `plans/samples/ke-hoach-cchc-2026.txt`,
imports it, and records a plausible year of follow-up (some tasks done on
time, one done late, some in progress with notes) through the same register
functions the officer uses, so the demo shows every status and lateness.
It never touches the officer's real register.
"""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import sqlite_utils

from db.edits import set_status, update_task
from db.filters import TaskFilter, fetch_tasks
from db.importer import import_plan
from db.register import open_register
from plans.reader import read_plan

SAMPLE_NAME = "ke-hoach-cchc-2026.txt"


def sample_plan_path() -> Path:
    """Where the bundled sample plan is installed."""
    return Path(str(resources.files("plans.samples").joinpath(SAMPLE_NAME)))


def build_demo_register(folder: Path, today: date | None = None) -> Path:
    """Create the demo register in `folder` and return its path."""
    path = folder / "theodoi-demo.sqlite"
    if path.exists():
        path.unlink()
    db = open_register(path)
    try:
        import_plan(db, read_plan(sample_plan_path()))
        _follow_up(db, today or date.today())
    finally:
        db.close()
    return path


def _follow_up(db: sqlite_utils.Database, today: date) -> None:
    tasks = fetch_tasks(db, TaskFilter(), today=today)
    for index, task in enumerate(tasks):
        due = task.deadline.due
        if due and due < today and task.deadline.kind not in ("ongoing", "recurring"):
            if index % 4 == 3:
                update_task(db, task.id, {"status": "đang thực hiện",
                                          "progress_note": "Đang tổng hợp số liệu, chờ các đơn vị gửi báo cáo."})
                continue
            late = index % 7 == 2
            done_on = due + timedelta(days=9) if late else due - timedelta(days=3)
            set_status(db, [task.id], "hoàn thành", completed_on=min(done_on, today),
                       result=f"Báo cáo số {100 + index}/BC-SYT")
        elif task.deadline.kind in ("ongoing", "recurring") and index % 2 == 0:
            update_task(db, task.id, {"status": "đang thực hiện",
                                      "progress_note": f"Đã thực hiện đến tháng {today.month}/{today.year}."})
