"""Whole processes as the officer waits for them, against the floor, in one run.

`python -m bench.processes [--size 100000] [--runs 7] [--export]`

Each command runs as its own process, `runs` times; the table gives the
median wall time, its ratio to the floor and the peak memory of one run.  The
floor is a bare `python -c "import sqlite3; …count(*)"` on the same register;
the broad search is also compared with the sqlite3 shell listing the same
rows (when the shell is installed) and with a bare Python process reading
them (`fetchall`, nothing printed): what no Python command can go under.  Registers come from `bench.run.register_of`
(generated once under bench/out/).  Not a test: read the table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.run import n, register_of

TODAY = "2026-12-05"
FILTERS = ["--unit", "van phong so", "--deadline", "Quý II/2026", "--status", "chua thuc hien"]
SEARCH = "hanh chinh"  # 20,000 of the 100,000 tasks: a broad listing


GNU_TIME = shutil.which("time") and Path("/usr/bin/time")  # peak memory of the process itself, not of this one


# as on the officer's machine, where Python keeps the compiled modules (pip compiles the installed ones;
# the project's own are compiled on first use): a machine that sets PYTHONDONTWRITEBYTECODE would
# compile theodoi's modules again in every run (about 20 ms of each command)
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed_process(argv: list[str]) -> tuple[float, float]:
    """(seconds, peak MB, 0 when GNU time is missing) of one whole process, its output thrown away."""
    measured = ["/usr/bin/time", "-f", "%M", *argv] if GNU_TIME and GNU_TIME.exists() else argv
    start = time.perf_counter()
    done = subprocess.run(measured, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENVIRONMENT)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} thoát với mã {done.returncode}: {done.stderr[-300:]}")
    last = done.stderr.strip().splitlines()[-1:] if measured is not argv else []
    return seconds, int(last[0]) / 1024 if last and last[0].isdigit() else 0.0


def median_of(argv: list[str], runs: int) -> tuple[float, float]:
    timed_process(argv)  # once unmeasured: compiled modules written, the file in the OS cache
    results = [timed_process(argv) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def shell_search(register: Path) -> str:
    """The sqlite3 shell's listing of what `theodoi tasks --search` lists — the same rows, with their lead unit,
    in the same order (the best matches first, `db.search.rank_sql`; ordered by plan only, without the lead,
    the shell takes 0.04 s rather than 0.06 s)."""
    from db.filters import TaskFilter, where_clause
    from db.register import open_reader
    from db.search import rank_sql
    from db.units import FIRST_LEAD

    db = open_reader(register)
    where, params = where_clause(db, TaskFilter(search=SEARCH), date.fromisoformat(TODAY))
    db.close()
    rank, ranking = rank_sql(SEARCH)
    sql = (f"SELECT t.id, t.number, t.content, lead.name, t.deadline_text, t.status FROM tasks t JOIN plans p "
           f"ON p.id = t.plan_id {FIRST_LEAD} WHERE {where} ORDER BY {rank}, t.plan_id, t.ord;")
    for value in [*params, *ranking]:  # the shell takes no parameters: inline them, quoted
        sql = sql.replace("?", "'" + str(value).replace("'", "''") + "'", 1)
    return sql


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--export", action="store_true", help="also the whole export (one run, slow)")
    args = parser.parse_args()
    register = register_of(args.size)
    theodoi = [sys.executable, "-m", "tui.cli", "--db", str(register), "--today", TODAY]
    count = "execute('SELECT count(*) FROM tasks').fetchone()"
    floor_argv = [sys.executable, "-c", f"import sqlite3; sqlite3.connect({str(register)!r}).{count}"]
    floor, _ = median_of(floor_argv, args.runs)
    rows: list[tuple[str, float, float, str]] = []

    def measure(name: str, argv: list[str], runs: int = args.runs, against: float = floor) -> None:
        seconds, peak = median_of(argv, runs)
        rows.append((name, seconds, peak, f"{seconds / against:.1f}×"))

    measure("theodoi --help", [*theodoi, "--help"])
    measure("theodoi tasks " + " ".join(FILTERS), [*theodoi, "tasks", *FILTERS])
    measure(f"theodoi tasks --search «{SEARCH}»", [*theodoi, "tasks", "--search", SEARCH])
    listing = rows[-1][1]
    bare, _ = median_of([sys.executable, "-c", f"import sqlite3; sqlite3.connect({str(register)!r})"
                         f".execute({shell_search(register)!r}).fetchall()"], args.runs)
    rows.append((f"  (python + sqlite3 đọc cùng các dòng, không in: {bare:.2f} s)", bare, 0.0, f"{bare / floor:.1f}×"))
    if shutil.which("sqlite3"):
        shell, _ = median_of(["sqlite3", str(register), shell_search(register)], args.runs)
        rows.append((f"  (sqlite3 shell, cùng các dòng: {shell:.2f} s)", shell, 0.0,
                     f"theodoi {listing / shell:.1f}× shell; python trần {bare / shell:.1f}×"))
    measure('theodoi report --period "Quý IV/2026"', [*theodoi, "report", "--period", "Quý IV/2026"])
    measure("theodoi units", [*theodoi, "units"])
    measure("giao diện: tới màn hình đầu (headless)", [sys.executable, "-m", "bench.first_screen", str(register)])
    if args.export:
        target = Path("/tmp") / f"theodoi-bench-{os.getpid()}.xlsx"
        measure("theodoi export (toàn bộ)", [*theodoi, "export", "-o", str(target)], runs=1)
        target.unlink(missing_ok=True)
    print(f"\nSổ {n(args.size)} nhiệm vụ; sàn (python + sqlite3 đếm): {floor:.3f} s; trung vị của {args.runs} lần")
    print("| Lệnh (cả tiến trình) | Thời gian | So với sàn | Bộ nhớ tối đa |")
    print("|---|---:|---:|---:|")
    for name, seconds, peak, ratio in rows:
        memory = f"{peak:.0f} MB" if peak else "—"
        print(f"| {name} | {seconds:.2f} s | {ratio} | {memory} |")


if __name__ == "__main__":
    main()
