"""Opening the register: the one SQLite file that holds an officer's work.

`open_register(path)` checks the file before trusting it (a SQLite header,
`PRAGMA quick_check`), turns on foreign keys, WAL and a busy timeout, and
migrates the schema forward.  `open_reader(path)` is for the commands that
only read: a plain connection (`db.reader`), without sqlite-utils, and
without the integrity check (a read of the whole file); a register that needs
migrating goes through `open_register` first.  Every problem is a
`RegisterError` whose Vietnamese message says what is wrong and what to do.
`default_path()` is the platformdirs user data folder, unless `THEODOI_DB`
says otherwise.

This module knows nothing of screens or files other than the register.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from db import search
from db.reader import Readable, Reader
from db.schema import SCHEMA_VERSION, NewerSchemaError, schema_version
from db.settings import Setting

if TYPE_CHECKING:
    import sqlite_utils

ENV_VAR = "THEODOI_DB"
_SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000


class RegisterError(Exception):
    """A register that cannot be used; the message is for the officer."""


def default_path() -> Path:
    """Where the register lives when neither --db nor THEODOI_DB says."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when --db and THEODOI_DB say nothing

    return Path(user_data_dir("theodoi", appauthor=False)) / "theodoi.sqlite"


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction that takes the write lock first (BEGIN IMMEDIATE), so a second copy
    of the program waits its turn (busy timeout) instead of failing half-way; nested calls share it."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise RegisterError(f"«{path}» là một thư mục, không phải tệp sổ theo dõi.")
    if path.exists() and not path.is_file():  # a FIFO or a device: SQLite would fail with «disk I/O error»
        raise RegisterError(f"«{path}» không phải một tệp thường (là ống dẫn hoặc thiết bị), không phải tệp sổ "
                            "theo dõi. Hãy chọn đúng tệp sổ (--db).")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != _SQLITE_HEADER:
                raise RegisterError(
                    f"tệp «{path}» không phải là sổ theo dõi (không phải cơ sở dữ liệu SQLite). "
                    "Hãy chọn đúng tệp sổ, hoặc khôi phục từ bản sao lưu bằng «theodoi restore»."
                )


def open_register(path: Path | str | None = None, *, memory: bool = False,
                  check: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the register at `path`.

    `check=False` leaves the integrity check (a read of the whole file, 0.2 s at 100,000 tasks, 0.4 s at
    300,000) to the caller: the interface makes it in a worker once its first screen is up (`intact`).
    A SQLite file of another program is refused, never converted.
    """
    import sqlite_utils

    from db.backup import make_backup
    from db.schema import migrate

    if memory:
        db = sqlite_utils.Database(memory=True, execute_plugins=False)
    else:
        db = sqlite_utils.Database(_connect(path), execute_plugins=False)
    try:
        _check_foreign(db)  # before anything is written (WAL changes the file's header)
        _configure(db, check)
        if 0 < schema_version(db) < SCHEMA_VERSION:
            make_backup(db, f"truoc-nang-cap-v{schema_version(db)}")
        if schema_version(db) != SCHEMA_VERSION:
            with write_transaction(db):
                migrate(db)
        _ensure_identity(db)
    except NewerSchemaError as error:
        db.close()
        raise RegisterError(
            f"sổ này được ghi bởi phiên bản theodoi mới hơn (lược đồ {error.found}). "
            "Hãy cập nhật chương trình; sổ không bị thay đổi."
        ) from error
    except sqlite3.DatabaseError as error:
        db.close()
        raise RegisterError(explain(error)) from error
    return db


def open_reader(path: Path | str | None = None) -> Readable:
    """The register for a command that only reads: no integrity check, no sqlite-utils, and a
    read-only file is fine.  A register that is not current (new, older, another program's, newer)
    is opened by `open_register` instead, which migrates it or says why it cannot."""
    reader = Reader(_connect(path))
    try:
        _session(reader)
        if schema_version(reader) == SCHEMA_VERSION and get_meta(reader, Setting.REGISTER_ID):
            return reader
    except sqlite3.DatabaseError as error:
        reader.close()
        raise RegisterError(explain(error)) from error
    reader.close()
    return open_register(path, check=False)


def _connect(path: Path | str | None) -> sqlite3.Connection:
    target = Path(path) if path else default_path()
    _check_file(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except (OSError, sqlite3.Error) as error:
        raise RegisterError(f"không mở được sổ «{target}»: {error}.") from error


def connect(path: Path) -> sqlite_utils.Database:
    """Another connection to a register already opened (and checked, migrated) by `open_register`.

    Each worker of the interface reads and writes through its own: a worker's failing transaction can
    never roll back what the screen wrote meanwhile.  WAL lets them read while one writes; SQLite's lock
    and the busy timeout serialise the writes.
    """
    import sqlite_utils

    db = sqlite_utils.Database(
        sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False), execute_plugins=False)
    _session(db)
    return db


BROKEN = "sổ bị hỏng. Hãy khôi phục bản sao lưu gần nhất bằng «theodoi restore»."


def explain(error: sqlite3.Error) -> str:
    """What a database error means for the officer, in Vietnamese."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "sổ đang được một chương trình theodoi khác ghi; hãy đóng cửa sổ kia rồi thử lại."
    if "readonly" in text or "read-only" in text:
        return "không ghi được vào sổ: thư mục hoặc tệp chỉ cho phép đọc."
    if "full" in text:
        return "đĩa đã đầy, không ghi được vào sổ; sổ không bị thay đổi. Hãy giải phóng dung lượng rồi thử lại."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return BROKEN
    return f"lỗi cơ sở dữ liệu: {error}."


def _session(db: Readable) -> None:
    """What every connection to a register needs: the search function, the busy wait, foreign keys."""
    search.register_functions(db.conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")


def _configure(db: sqlite_utils.Database, check: bool = True) -> None:
    _session(db)
    if db.execute("PRAGMA database_list").fetchone()[2]:
        db.execute("PRAGMA journal_mode = WAL")
        if check and not intact(db):
            raise sqlite3.DatabaseError("database disk image is malformed")
        _check_writable(db)


def intact(db: Readable) -> bool:
    """Whether the register's file passes `PRAGMA quick_check` (a read of all of it)."""
    try:
        return bool(db.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False


_OWN_TABLES = {"plans", "tasks", "units", "unit_aliases", "task_units", "history", "meta", "occurrences"}


def _check_foreign(db: sqlite_utils.Database) -> None:
    """A non-empty database without theodoi's schema belongs to another program: refuse it, touch nothing."""
    if schema_version(db) != 0:
        return
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables - _OWN_TABLES and not tables & {"tasks", "plans"}:
        raise RegisterError("tệp này là cơ sở dữ liệu của một chương trình khác, không phải sổ theodoi; "
                            "sổ không bị thay đổi. Hãy chọn đúng tệp sổ (--db).")


def _check_writable(db: sqlite_utils.Database) -> None:
    """Fail at open, not at the first save, when the file or its folder is read-only.
    A register busy with another writer is fine here: that one waits its turn when it writes."""
    db.execute("PRAGMA busy_timeout = 0")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        version = db.conn.execute("PRAGMA user_version").fetchone()[0]
        db.conn.execute(f"PRAGMA user_version = {int(version)}")  # a write that changes nothing
    except sqlite3.OperationalError as error:
        if "locked" not in str(error).lower() and "busy" not in str(error).lower():
            raise
    finally:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _ensure_identity(db: sqlite_utils.Database) -> None:
    if db.table("meta").count_where("key = 'register_id'") == 0:
        with write_transaction(db):
            db.table("meta").insert({"key": Setting.REGISTER_ID, "value": str(uuid.uuid4())}, replace=True)


def get_meta(db: Readable, key: Setting, default: str = "") -> str:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [str(key)]).fetchone()
    return str(row[0]) if row else default


def set_meta(db: sqlite_utils.Database, key: Setting, value: str) -> None:
    with write_transaction(db):
        db.table("meta").upsert({"key": str(key), "value": value}, pk="key")


def insert_row(db: sqlite_utils.Database, table: str, row: dict[str, object]) -> int:
    """Insert `row` into `table` (inside the caller's transaction); the new row's id."""
    new_id = db.table(table).insert(row).last_pk
    assert new_id is not None  # every table written this way has an integer id
    return int(new_id)
