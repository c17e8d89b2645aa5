"""Backups of the register: a copy before every import, receive, merge and migration.

Copies are made with SQLite's online backup API (consistent even while the
register is open), written under a temporary name and renamed when complete
(an interrupted copy never looks like a backup), named by time and reason,
kept in a folder next to the register ("<tên sổ>-sao-luu"): the newest
`KEEP` of them, fewer when they pass `KEEP_BYTES` together, and always the
newest of each of the last seven days.  `restore` opens the chosen backup
read-only (it must exist and pass `quick_check`), then backs up the current
state (never pruning the chosen file), so a restore can itself be undone.
"""

from __future__ import annotations

import errno
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from db import clock

if TYPE_CHECKING:
    import sqlite_utils

    from db.reader import Readable

KEEP = 20
KEEP_BYTES = 500 * 1024 * 1024
KEEP_DAYS = 7


def register_file(db: Readable) -> Path | None:
    """The file behind an open register (None for one in memory)."""
    name = db.execute("PRAGMA database_list").fetchone()[2]
    return Path(name) if name else None


def backup_folder(path: Path) -> Path:
    return path.parent / f"{path.stem}-sao-luu"


def list_backups(path: Path) -> list[Path]:
    """Backups of the register at `path`, oldest first."""
    folder = backup_folder(path)
    return sorted(folder.glob("*.sqlite")) if folder.is_dir() else []


def make_backup(db: Readable, reason: str, keep: Path | None = None) -> Path | None:
    """Copy the open register; return the copy (None for a register in memory). `keep` is never pruned."""
    path = register_file(db)
    if path is None:
        return None
    folder = backup_folder(path)
    if folder.exists() and not folder.is_dir():  # a file where the backup folder should be
        raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.CLOCK().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}_{reason}.sqlite"
    partial = folder / f".{target.name}.partial"
    copy = sqlite3.connect(str(partial))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    partial.replace(target)
    prune(path, keep)
    return target


def prune(path: Path, keep: Path | None = None) -> None:
    """Remove leftovers of interrupted copies and the backups no longer kept."""
    folder = backup_folder(path)
    for leftover in folder.glob(".*.partial*"):
        leftover.unlink(missing_ok=True)
    backups = list_backups(path)
    kept: set[Path] = {keep} if keep else set()
    days: set[str] = set()
    for backup in reversed(backups):  # newest of each of the last days
        day = backup.name[:8]
        if day not in days and len(days) < KEEP_DAYS:
            days.add(day)
            kept.add(backup)
    total = 0
    for index, backup in enumerate(reversed(backups)):
        total += backup.stat().st_size
        if index < KEEP and (total <= KEEP_BYTES or index == 0):
            kept.add(backup)
    for backup in backups:
        if backup not in kept:
            backup.unlink(missing_ok=True)


def check_backup(backup: Path) -> int:
    """The number of tasks a backup holds; ValueError when it is not a whole theodoi register."""
    if not backup.is_file() or backup.stat().st_size == 0:
        raise ValueError(f"bản sao lưu «{backup.name}» trống hoặc không còn.")
    try:
        source = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise ValueError(f"bản sao lưu «{backup.name}» bị hỏng.")
            return int(source.execute("SELECT count(*) FROM tasks WHERE deleted = 0").fetchone()[0])
        finally:
            source.close()
    except sqlite3.Error as error:
        raise ValueError(f"bản sao lưu «{backup.name}» không phải sổ theodoi hoặc bị hỏng.") from error


def last_backup(path: Path) -> datetime | None:
    """When the newest backup was made (read from its name)."""
    backups = list_backups(path)
    if not backups:
        return None
    try:
        return datetime.strptime(backups[-1].name.split("_")[0], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None


def restore(db: sqlite_utils.Database, name: str | None = None) -> Path:
    """Put a backup (by file name, default the newest) back into the open register."""
    path = register_file(db)
    if path is None:
        raise ValueError("sổ trong bộ nhớ không có bản sao lưu.")
    backups = list_backups(path)
    chosen = next((b for b in backups if b.name == name or b.stem == name), None) if name else (
        backups[-1] if backups else None)
    if chosen is None:
        raise ValueError(f"không có bản sao lưu «{name}»." if name else "chưa có bản sao lưu nào.")
    check_backup(chosen)
    make_backup(db, "truoc-khoi-phuc", keep=chosen)
    if not chosen.is_file():
        raise ValueError(f"bản sao lưu «{chosen.name}» không còn; sổ không bị thay đổi.")
    source = sqlite3.connect(f"{chosen.as_uri()}?mode=ro", uri=True)
    try:
        source.backup(db.conn)
    finally:
        source.close()
    return chosen
