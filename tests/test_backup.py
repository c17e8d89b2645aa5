"""Backups before risky writes, restore, and a register that survives being killed mid-import."""

import os
import signal
import subprocess
import sys
import textwrap
import time

from db.backup import KEEP, list_backups, make_backup, restore
from db.filters import TaskFilter, count_tasks
from db.importer import import_plan
from db.register import open_register
from plans.reader import read_plan
from tests.conftest import ROOT
from tui.cli import main


def test_import_makes_a_backup_and_restore_brings_it_back(db_path, demo_plan, tmp_path):
    db = open_register(db_path)
    import_plan(db, read_plan(demo_plan))
    assert [b.name.split("_")[1] for b in list_backups(db_path)] == ["truoc-nhap.sqlite"]
    assert count_tasks(db, TaskFilter()) == 28
    restore(db)  # the backup made before the import: an empty register
    assert count_tasks(db, TaskFilter()) == 0
    assert len(list_backups(db_path)) == 2  # the state before restoring was kept too
    restore(db, list_backups(db_path)[-1].name)
    assert count_tasks(db, TaskFilter()) == 28
    db.close()


def test_only_the_newest_backups_are_kept(db_path):
    db = open_register(db_path)
    for _ in range(KEEP + 5):
        make_backup(db, "thu")
    assert len(list_backups(db_path)) == KEEP
    db.close()


def test_cli_backup_and_restore(db_path, demo_plan):
    from click.testing import CliRunner

    runner = CliRunner()
    runner.invoke(main, ["--db", str(db_path), "import", str(demo_plan)])
    assert "Đã sao lưu" in runner.invoke(main, ["--db", str(db_path), "backup"]).output
    listing = runner.invoke(main, ["--db", str(db_path), "restore", "--list"]).output
    assert "truoc-nhap" in listing and "thu-cong" in listing
    missing = runner.invoke(main, ["--db", str(db_path), "restore", "khong-co"])
    assert missing.exit_code == 2 and "không có bản sao lưu" in missing.output


def test_killed_in_the_middle_of_an_import_leaves_the_register_as_before(db_path, tmp_path, demo_plan):
    from bench.synthetic import write_appendix

    db = open_register(db_path)
    import_plan(db, read_plan(demo_plan))
    db.close()
    big = write_appendix(tmp_path, 20000)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from db.register import open_register
        from db.importer import import_plan
        import db.importer as importer
        from plans.reader import read_plan
        plan = read_plan({str(big)!r})
        real = importer.set_units
        done = [0]
        def slow(*args, **kwargs):
            done[0] += 1
            if done[0] == 2000:
                print("MIDDLE", flush=True)
            return real(*args, **kwargs)
        importer.set_units = slow
        import_plan(open_register({str(db_path)!r}), plan)
        print("FINISHED", flush=True)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    assert line.strip() == "MIDDLE"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    db = open_register(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert count_tasks(db, TaskFilter()) == 28
    assert db["plans"].count == 1
    db.close()


def test_second_writer_waits_then_says_so(db_path, demo_plan, tmp_path):
    from tests.conftest import write_plan

    other = write_plan(tmp_path, "khac.txt", [["1", "Việc khác", "BC", "Văn phòng Sở", "Quý I/2024"]])
    db = open_register(db_path)
    import_plan(db, read_plan(demo_plan))
    db.close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(db_path)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE tasks SET result = 'đang giữ' WHERE id = 1")
        print("LOCKED", flush=True)
        time.sleep(8)
        conn.execute("ROLLBACK")
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "LOCKED"
    from click.testing import CliRunner

    start = time.monotonic()
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", str(other)])
    waited = time.monotonic() - start
    holder.kill()
    holder.wait()
    assert result.exit_code == 2, result.output
    assert "đang được một chương trình theodoi khác ghi" in result.output and "Sổ không bị thay đổi" in result.output
    assert waited >= 2.5  # it waited for the busy timeout before giving up
    db = open_register(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT result FROM tasks WHERE id = 1").fetchone()[0] != "đang giữ"
    assert db["plans"].count == 1
    db.close()


def test_killed_in_the_middle_of_a_receive_applies_nothing(db_path, tmp_path):
    import openpyxl

    from bench.synthetic import write_appendix
    from db.filters import fetch_tasks
    from exports.unit_sheets import export_for_unit

    db = open_register(db_path)
    import_plan(db, read_plan(write_appendix(tmp_path, 5000)))
    unit = "Văn phòng Sở"
    sheet = tmp_path / "phieu.xlsx"
    today = __import__("datetime").date(2026, 11, 22)
    count = export_for_unit(db, TaskFilter(), unit, sheet, today)
    assert count > 300
    db.close()
    book = openpyxl.load_workbook(sheet)
    ws = book["Nhiệm vụ"]
    for row in ws.iter_rows(min_row=7):
        if len(row) >= 10 and row[9].value:
            row[6].value = "Hoàn thành"
            row[8].value = "Đã xong"
    book.save(sheet)
    script = textwrap.dedent(f"""
        import sys, datetime
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        import db.edits as edits
        from db.register import open_register
        from exports.receive import apply_returned_sheet, read_returned_sheet
        register = open_register({str(db_path)!r})
        sheet = read_returned_sheet(register, Path({str(sheet)!r}), datetime.date(2026, 11, 22))
        real = edits.apply_changes
        calls = [0]
        def slow(*args, **kwargs):
            calls[0] += 1
            if calls[0] == 150:
                print("MIDDLE", flush=True)
                import time
                time.sleep(30)
            return real(*args, **kwargs)
        edits.apply_changes = slow
        apply_returned_sheet(register, sheet)
        print("FINISHED", flush=True)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "MIDDLE"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    db = open_register(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert count_tasks(db, TaskFilter(status="hoàn thành")) == 0
    assert all(t.result == "" for t in fetch_tasks(db, TaskFilter(unit=unit, role="lead")))
    db.close()


def test_restoring_the_oldest_of_a_full_set_of_backups_brings_its_tasks_back(db_path, demo_plan):
    from db.importer import import_plan
    from plans.reader import read_plan

    db = open_register(db_path)
    import_plan(db, read_plan(demo_plan))
    tasks = count_tasks(db, TaskFilter())
    for _ in range(KEEP + 3):
        make_backup(db, "thu")
    oldest = list_backups(db_path)[0]
    db.execute("UPDATE tasks SET deleted = 1")
    db.conn.commit()
    restore(db, oldest.name)
    assert count_tasks(db, TaskFilter()) == tasks
    db.close()


def test_an_interrupted_or_empty_backup_is_never_restored(db_path, demo_plan):
    import pytest

    db = open_register(db_path)
    make_backup(db, "thu")
    broken = list_backups(db_path)[-1].with_name("29990101-000000-000000_hong.sqlite")
    broken.write_bytes(b"")
    with pytest.raises(ValueError, match="trống"):
        restore(db, broken.name)
    db.close()


def test_backups_are_pruned_by_size(db_path, monkeypatch):
    from db import backup

    db = open_register(db_path)
    size = make_backup(db, "thu").stat().st_size
    monkeypatch.setattr(backup, "KEEP_BYTES", size * 3)
    monkeypatch.setattr(backup, "KEEP_DAYS", 1)
    for _ in range(8):
        make_backup(db, "thu")
    assert len(list_backups(db_path)) == 3
    db.close()


def test_a_file_where_the_backup_folder_should_be_is_named_not_a_traceback(tmp_path, demo_plan):
    from click.testing import CliRunner

    db_path = tmp_path / "so.sqlite"
    (tmp_path / "so-sao-luu").write_text("không phải thư mục", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", str(demo_plan)])
    assert result.exit_code == 2
    assert "so-sao-luu" in result.output and "không phải thư mục" in result.output
    assert "Traceback" not in result.output
