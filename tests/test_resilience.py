"""Opening registers made by earlier versions, damaged ones, and a disk that fills."""

import shutil
import sqlite3

import pytest

from db.backup import list_backups
from db.filters import TaskFilter, count_tasks
from db.importer import import_plan
from db.register import RegisterError, explain, open_register
from db.schema import SCHEMA_VERSION, schema_version
from plans.reader import read_plan
from tests.conftest import FIXTURES, write_plan


def test_register_of_version_1_is_migrated_with_a_backup_first(tmp_path):
    path = tmp_path / "cu.sqlite"
    shutil.copy(FIXTURES / "register-v1.sqlite", path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    db = open_register(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert count_tasks(db, TaskFilter()) == 28
    assert count_tasks(db, TaskFilter(status="hoàn thành")) > 0
    assert "occurrences" in db.table_names()
    backups = list_backups(path)
    assert [b.name.split("_")[1] for b in backups] == ["truoc-nang-cap-v1.sqlite"]
    assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()


def test_damaged_register_says_which_way_out(tmp_path):
    path = tmp_path / "hong.sqlite"
    shutil.copy(FIXTURES / "register-v1.sqlite", path)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 997):
        data[offset] = 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(RegisterError, match="theodoi restore"):
        open_register(path)


def test_full_disk_leaves_the_register_as_it_was(db_path, demo_plan, tmp_path):
    db = open_register(db_path)
    import_plan(db, read_plan(demo_plan))
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 1}")
    rows = [[str(i), f"Việc số {i} " + "nội dung dài " * 40, "BC", "Văn phòng Sở", "Quý I/2024"] for i in range(400)]
    with pytest.raises(sqlite3.OperationalError) as caught:
        import_plan(db, read_plan(write_plan(tmp_path, "lon.txt", rows, head="Số: 99/KH-SYT\n\n")))
    assert "đĩa đã đầy" in explain(caught.value)
    assert count_tasks(db, TaskFilter()) == 28 and db["plans"].count == 1
    db.close()


def test_read_only_register_says_so(tmp_path, monkeypatch, demo_plan):
    """The OS refusing writes (a read-only folder or file) is simulated with SQLite's read-only mode,
    since the tests may run as root, for whom file permissions do not bite."""
    path = tmp_path / "so.sqlite"
    db = open_register(path)
    import_plan(db, read_plan(demo_plan))
    db.close()
    for side in (tmp_path / "so.sqlite-wal", tmp_path / "so.sqlite-shm"):
        side.unlink(missing_ok=True)
    real = sqlite3.connect

    def read_only(target, *args, **kwargs):
        kwargs.pop("check_same_thread", None)
        return real(f"file:{target}?mode=ro", *args, uri=True, check_same_thread=False, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with pytest.raises(RegisterError, match="chỉ cho phép đọc"):
        open_register(path)
    monkeypatch.undo()
    db = open_register(path)
    assert count_tasks(db, TaskFilter()) == 28
    db.close()
