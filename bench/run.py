"""Run every benchmark and print one table: `python -m bench.run [--sizes 1000,10000,100000]`.

Each figure is the median of a few runs (seconds, or milliseconds where
marked), next to the time of the plain SQLite query that fetches the same
rows, so the ratio shows how close theodoi is to what the database alone
costs.  Registers are generated once under bench/out/ and reused.
Not a test: timings on a shared 2-core machine are noisy.  Read the table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.synthetic import build_register, write_appendix
from db.filters import TaskFilter, count_tasks, fetch_tasks, where_clause
from db.importer import import_plan
from db.periods import read_period
from db.register import open_register
from db.report import build_report
from exports.view import export_view
from plans.reader import read_plan

OUT = Path(__file__).resolve().parent / "out"
TODAY = date(2026, 11, 22)
FILTERS = {
    "đơn vị": TaskFilter(unit="van phong so"),
    "thời hạn": TaskFilter(deadline="Quý II/2026"),
    "trạng thái": TaskFilter(status="dang thuc hien"),
    "tìm kiếm": TaskFilter(search="benh an dien tu"),
    "kết hợp": TaskFilter(unit="van phong so", role="lead", deadline="Quý II/2026", status="chua thuc hien"),
}
BROAD_SEARCH = TaskFilter(search="hanh chinh")  # a fifth of the synthetic tasks: all ranked before a screen


def n(size: int) -> str:
    return f"{size:,}".replace(",", ".")


def timed(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def register_of(size: int) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"register-{size}.sqlite"
    if not path.exists():
        print(f"  (tạo sổ {size} nhiệm vụ…)", flush=True)
        build_register(path, size)
    return path


def bench_import(rows: list[tuple[str, str, str]]) -> None:
    folder = Path(tempfile.mkdtemp())
    appendix = write_appendix(folder, 5000)

    def ours() -> None:
        db = open_register(folder / f"i-{time.perf_counter_ns()}.sqlite")
        import_plan(db, read_plan(appendix))
        db.close()

    def plain() -> None:
        db = open_register(folder / f"p-{time.perf_counter_ns()}.sqlite")
        with db.atomic():
            db.conn.execute("INSERT INTO plans (number) VALUES ('x')")
            db.conn.executemany("INSERT INTO tasks (plan_id, ord, content, status) VALUES (1, ?, ?, 'not_started')",
                                [(i, f"Nội dung {i}") for i in range(5000)])
        db.close()

    rows.append(("Nhập phụ lục 5.000 dòng (đọc + ghi)", f"{timed(ours):.2f} s", f"{timed(plain):.2f} s"))


def bench_filters(size: int, rows: list[tuple[str, str, str]]) -> None:
    db = open_register(register_of(size))
    for name, flt in FILTERS.items():
        def ours(flt: TaskFilter = flt) -> None:
            count_tasks(db, flt, TODAY)
            fetch_tasks(db, flt, limit=200, today=TODAY)

        where, params = where_clause(db, flt, TODAY)

        def plain(where: str = where, params: list = params) -> None:
            count = f"SELECT COUNT(*) FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE {where}"
            db.execute(count, params).fetchone()
            db.execute(f"SELECT t.* FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE {where} "
                       "ORDER BY t.plan_id, t.ord LIMIT 200", params).fetchall()

        rows.append((f"Lọc «{name}», trang đầu, {n(size)} nv", f"{1000 * timed(ours):.0f} ms",
                     f"{1000 * timed(plain):.0f} ms"))
    report = timed(lambda: build_report(db, read_period("6 tháng đầu năm 2026"), as_of=TODAY), runs=3)
    plain_report = timed(lambda: (
        db.execute("SELECT t.id, t.section_path, t.deadline_kind, t.deadline_due, t.status, t.completed_on "
                   "FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.deleted = 0").fetchall(),
        db.execute("SELECT task_id, unit_id FROM task_units WHERE role = 'lead'").fetchall(),
        db.execute("SELECT task_id, at, field, old, new FROM history WHERE field IN ('status', 'completed_on')")
        .fetchall()), runs=3)
    rows.append((f"Báo cáo 6 tháng, {n(size)} nv", f"{report:.2f} s", f"{plain_report:.2f} s"))
    db.close()


def bench_exports(size: int, rows: list[tuple[str, str, str]]) -> None:
    db = open_register(register_of(size))
    target = Path(tempfile.mkdtemp()) / "x.xlsx"
    seconds = timed(lambda: export_view(db, TaskFilter(), target, TODAY), runs=1)
    plain = timed(lambda: db.execute("SELECT * FROM tasks WHERE deleted = 0 ORDER BY plan_id, ord").fetchall(), runs=1)
    rows.append((f"Xuất Excel {n(size)} nv ({10_000 * seconds / size:.2f} s mỗi 10.000 dòng)", f"{seconds:.1f} s",
                 f"{plain:.2f} s"))
    db.close()


def bench_interface(size: int, rows: list[tuple[str, str, str]]) -> None:
    from tui.app import build_app

    path = register_of(size)
    db = open_register(path)
    db.execute("DELETE FROM meta WHERE key = 'filter'")
    db.conn.commit()
    db.close()

    def moves(app) -> tuple[float, float]:
        """End, then PageDown from the top: the key's action, every line of the list drawn again and the
        detail pane filled (what the app does before the frame; Pilot's own wait for a frame, ~40 ms for a
        key bound to nothing, is left out), pages read from SQLite each time.  Median of 7."""
        table = app.main_screen.query_one("#tasks")

        def once(action: Callable[[], None]) -> float:
            table.action_jump(False)
            table.pages.kept.clear()
            begin = time.perf_counter()
            action()
            for y in range(table.size.height):
                table.render_line(y)
            app.main_screen._show_detail()
            return time.perf_counter() - begin

        return (statistics.median(once(lambda: table.action_jump(True)) for _ in range(7)),
                statistics.median(once(lambda: table.action_page(1)) for _ in range(7)))

    async def measure() -> tuple[float, float, float, float, float, tuple[float, float]]:
        start = time.perf_counter()
        app = build_app(path, TODAY)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            first = time.perf_counter() - start
            changes, counted = [], []
            for flt in FILTERS.values():
                begin = time.perf_counter()
                app.main_screen.set_filter(flt)  # fetches the page and fills the table
                await pilot.pause(0)  # one frame: the page is on screen
                changes.append(time.perf_counter() - begin)
                await app.workers.wait_for_complete()  # the count arrives in the header
                counted.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            app.main_screen.set_filter(BROAD_SEARCH)  # every match ranked before the first screen
            await pilot.pause(0)
            broad = time.perf_counter() - begin
            await app.workers.wait_for_complete()
            app.main_screen.set_filter(TaskFilter())
            await app.workers.wait_for_complete()
            await pilot.pause()
            keys = moves(app)
            begin = time.perf_counter()
            await pilot.press("r")  # the report screen counts in a worker, then draws its tables
            await app.workers.wait_for_complete()
            await pilot.pause(0)
            report = time.perf_counter() - begin
        app.db.close()
        return first, statistics.median(changes), statistics.median(counted), broad, report, keys

    first, change, count, broad, report, (end, page_down) = asyncio.run(measure())
    db = open_register(path)
    where, params = where_clause(db, FILTERS["đơn vị"], TODAY)
    plain = timed(lambda: db.execute(f"SELECT t.* FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE {where} "
                                     "LIMIT 200", params).fetchall())
    db.close()
    rows.append((f"Giao diện: khởi động tới màn hình đầu, {n(size)} nv", f"{first:.2f} s", "—"))
    rows.append((f"Giao diện: đổi bộ lọc tới màn hình đầu, {n(size)} nv",
                 f"{1000 * change:.0f} ms", f"{1000 * plain:.0f} ms"))
    rows.append((f"Giao diện: đổi bộ lọc tới lúc đếm xong (luồng nền), {n(size)} nv", f"{1000 * count:.0f} ms", "—"))
    rows.append((f"Giao diện: tìm rộng «{BROAD_SEARCH.search}» tới màn hình đầu, {n(size)} nv",
                 f"{1000 * broad:.0f} ms", "—"))
    rows.append((f"Giao diện: End (nhiệm vụ cuối) tới khi vẽ xong, {n(size)} nv", f"{1000 * end:.0f} ms", "—"))
    rows.append((f"Giao diện: PageDown tới khi vẽ xong, {n(size)} nv", f"{1000 * page_down:.0f} ms", "—"))
    rows.append((f"Giao diện: mở màn hình báo cáo tới lúc có số liệu, {n(size)} nv", f"{report:.2f} s", "—"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    rows: list[tuple[str, str, str]] = []
    bench_import(rows)
    for size in sizes:
        bench_filters(size, rows)
        if size >= 10_000:
            bench_exports(size, rows)
    bench_interface(max(sizes), rows)
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("Bộ nhớ tối đa của tiến trình đo", f"{memory:.0f} MB", "—"))
    cpu = platform.processor() or platform.system()
    print(f"\nMáy: {platform.machine()}, {cpu}, {os.cpu_count()} lõi, Python {platform.python_version()}")
    print("| Phép đo | theodoi | SQLite thuần |")
    print("|---|---:|---:|")
    for name, ours, plain in rows:
        print(f"| {name} | {ours} | {plain} |")


if __name__ == "__main__":
    main()
