"""The settings kept in the register's `meta` table: one name for each, spelled here only.

`Setting` values are the keys stored; `get_meta` / `set_meta` (db/register.py) read and write them.
The officer sets two from the CLI (`theodoi config`): `CONFIGURABLE` names them with their meaning.
"""

from __future__ import annotations

from enum import StrEnum


class Setting(StrEnum):
    REGISTER_ID = "register_id"  # this register's identity, written into every fill-in sheet it sends
    SHEET_SECRET = "sheet_secret"  # the key signing the record of a fill-in sheet
    DEPARTMENT = "department"  # the department's name at the head of every sheet
    EXPORT_DIR = "export_dir"  # where the interface proposes to write files
    FILTER = "filter"  # the main screen's last filter
    THEME = "theme"  # the interface's colours
    BRIEFING = "briefing"  # the day of the last briefing (the report's "since" list)


#: CLI name -> (setting, what it is, in Vietnamese)
CONFIGURABLE = {
    "department": (Setting.DEPARTMENT, "tên cơ quan in ở đầu các bảng Excel"),
    "export-dir": (Setting.EXPORT_DIR, "thư mục lưu tệp Excel xuất từ giao diện"),
}
