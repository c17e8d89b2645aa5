"""The CLI's read commands load what they need only, and open the register cheaply (issue: fast as a command)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, write_plan

# read commands read no plan, and read the register through a plain connection (db.reader), not sqlite-utils
HEAVY = ("textual", "openpyxl", "docx", "pdfplumber", "plans.reader", "db.importer", "sqlite_utils")


def imported(tmp_path, plan) -> str:
    """A fresh register holding `plan`, imported by its own process; its path."""
    db = tmp_path / "r.sqlite"
    subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(db), "import", str(plan)], cwd=ROOT,
                   check=True, capture_output=True)
    return str(db)


def run_loading(argv: list[str], modules: tuple[str, ...]) -> tuple[str, str]:
    """(what `theodoi *argv` printed, which of `modules` it loaded, comma-separated), in a fresh process."""
    probe = (
        f"import sys, runpy; sys.argv = ['theodoi', *{argv!r}]\n"
        "try:\n    runpy.run_module('tui.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        f"print('LOADED:' + ','.join(m for m in {modules!r} if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True).stdout
    printed, _, loaded = output.rpartition("LOADED:")
    return printed, loaded.strip()


@pytest.mark.parametrize("command", [["tasks"], ["report", "--period", "Quý I/2026"], ["units"], ["--help"]])
def test_read_commands_do_not_load_the_interface_or_office_libraries(tmp_path, demo_plan, command):
    printed, loaded = run_loading(["--db", imported(tmp_path, demo_plan), *command], HEAVY)
    assert printed and loaded == "", printed[-300:]


def test_help_loads_nothing_of_the_register():
    """`theodoi --help` costs Python and click only (about twice a bare Python that opens a file)."""
    printed, loaded = run_loading(["--help"], ("sqlite_utils", "pendulum", "db.filters", "db.register"))
    assert "Cách dùng: theodoi" in printed and loaded == "", printed[-300:]


def test_a_filter_by_period_reads_no_calendar_library(tmp_path):
    """A period's last day comes from the standard library, a recurring task's due dates from the register
    (`task_dues`, written at import): pendulum (with dateutil, ~25 ms) is not loaded to read a period."""
    plan = write_plan(tmp_path, "kh.txt", [["1", "Rà soát thủ tục", "Báo cáo", "Văn phòng Sở", "Quý II/2024"],
                                           ["2", "Niêm yết thủ tục", "Bảng", "Văn phòng Sở", "Tháng 11/2024"],
                                           ["3", "Báo cáo tháng", "Báo cáo", "Văn phòng Sở", "Hàng tháng"],
                                           ["4", "Báo cáo năm", "Báo cáo", "Văn phòng Sở", "Trước 15/12 hằng năm"]])
    printed, loaded = run_loading(["--db", imported(tmp_path, plan), "tasks", "--deadline", "quy 2/2024"],
                                  ("pendulum",))
    assert "Rà soát thủ tục" in printed and "Báo cáo tháng" in printed, printed[-400:]
    assert "Niêm yết" not in printed and "Báo cáo năm" not in printed, printed[-400:]
    assert loaded == "", loaded


def test_a_read_only_register_can_still_be_read(tmp_path, demo_plan):
    import sqlite3

    from db.register import open_reader, open_register

    db_path = tmp_path / "r.sqlite"
    open_register(db_path).close()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    db_path.chmod(0o444)
    try:
        db = open_reader(db_path)
        assert db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0
        db.close()
    finally:
        db_path.chmod(0o644)


def test_another_programs_database_is_refused_untouched(tmp_path):
    import sqlite3

    from db.register import RegisterError, open_reader, open_register

    path = tmp_path / "khac.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    for opening in (open_reader, open_register):  # a read command, and one that would write
        with pytest.raises(RegisterError, match="chương trình khác"):
            opening(path)
        assert path.read_bytes() == before


def test_an_older_register_is_brought_up_to_date_before_it_is_read(tmp_path, demo_plan):
    """A read command on a register of an older version migrates it first (with its backup), as any command."""
    from db.filters import TaskFilter, ranked_ids
    from db.importer import import_plan
    from db.register import open_reader, open_register
    from db.schema import SCHEMA_VERSION
    from plans.reader import read_plan

    path = tmp_path / "cu.sqlite"
    db = open_register(path)
    import_plan(db, read_plan(demo_plan))
    db.execute("DROP INDEX idx_tasks_plan_order")  # what version 8 changes
    db.execute("CREATE INDEX idx_tasks_plan_id_ord ON tasks(plan_id, ord)")
    db.execute("DROP INDEX idx_task_units_shared")  # and version 9
    db.execute("DROP INDEX idx_history_fields")  # and version 12
    db.table("tasks").disable_fts()  # and version 10: one search column, the content and product in it
    db.execute("ALTER TABLE tasks DROP COLUMN search_content")
    db.execute("ALTER TABLE tasks DROP COLUMN search_product")
    db.execute("UPDATE tasks SET search_text = 'so hoa ho so'")
    db.table("tasks").enable_fts(["search_text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61")
    db.execute("PRAGMA user_version = 7")
    db.close()
    reader = open_reader(path)
    assert reader.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_tasks_plan_order", "idx_task_units_shared", "idx_history_fields"} <= indexes
    assert "idx_tasks_plan_id_ord" not in indexes
    # the search columns rebuilt from each task's words (the old text said «so hoa ho so» of every task)
    assert ranked_ids(reader, TaskFilter(search="ho so")) == [12, 14, 24]
    assert reader.execute("SELECT count(*) FROM tasks").fetchone()[0] > 0
    reader.close()


def test_a_register_of_a_newer_program_is_refused_by_a_read_command(tmp_path):
    from db.register import RegisterError, open_reader, open_register
    from db.schema import SCHEMA_VERSION

    path = tmp_path / "moi.sqlite"
    db = open_register(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(RegisterError, match="phiên bản theodoi mới hơn"):
        open_reader(path)


def test_the_interface_starts_without_the_office_libraries():
    """openpyxl (with Pillow) is 0.08 s of the interface's start: it loads when a sheet is written or read;
    the plan readers when a plan is imported."""
    probe = ("import sys, tui.app\n"
             "print('LOADED:' + ','.join(m for m in ('openpyxl', 'docx', 'pdfplumber', 'PIL', 'plans.reader')\n"
             "                           if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True).stdout
    assert output.strip().endswith("LOADED:"), output[-300:]


@pytest.mark.parametrize("command", [["tasks"], ["units"], ["backup"]])
def test_a_fifo_given_as_the_register_is_refused_in_vietnamese(tmp_path, command):
    """A FIFO (or a device) named by --db gets a clear refusal, not SQLite's «disk I/O error» nor a hang."""
    import os

    fifo = tmp_path / "so.sqlite"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(fifo), *command], cwd=ROOT,
                          capture_output=True, text=True, timeout=20)
    assert done.returncode == 2 and "không phải một tệp thường" in done.stderr and "I/O" not in done.stderr
