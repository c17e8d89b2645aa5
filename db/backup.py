"""Backups of the register: a copy before every import, receive, merge and migration.

Copies are made with SQLite's online backup API (consistent even while the
register is open), named by time and reason, kept in a folder next to the
register ("<tên sổ>-sao-luu"), the newest `KEEP` of them.  `restore` first
backs up the current state, so a restore can itself be undone.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import sqlite_utils

from db import register

KEEP = 20


def register_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind an open register (None for one in memory)."""
    name = db.execute("PRAGMA database_list").fetchone()[2]
    return Path(name) if name else None


def backup_folder(path: Path) -> Path:
    return path.parent / f"{path.stem}-sao-luu"


def list_backups(path: Path) -> list[Path]:
    """Backups of the register at `path`, oldest first."""
    folder = backup_folder(path)
    return sorted(folder.glob("*.sqlite")) if folder.exists() else []


def make_backup(db: sqlite_utils.Database, reason: str) -> Path | None:
    """Copy the open register; return the copy (None for a register in memory)."""
    path = register_file(db)
    if path is None:
        return None
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = register.CLOCK().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}_{reason}.sqlite"
    copy = sqlite3.connect(str(target))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    for old in list_backups(path)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


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
    make_backup(db, "truoc-khoi-phuc")
    source = sqlite3.connect(str(chosen))
    try:
        source.backup(db.conn)
    finally:
        source.close()
    return chosen
