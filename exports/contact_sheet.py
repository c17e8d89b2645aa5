"""Reading a contact list (danh bạ) the officer keeps in Excel: columns Đơn vị / Email / Người liên hệ.

Columns are found by their header names in the first rows, never by position;
the file is untrusted like every other (`plans.sources` limits).  Rows
without a unit are skipped.  Nothing here writes: `db.units.import_contacts`
records the rows, all or nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

from plans.model import PlanReadError
from plans.sources import check_zip, read_file_bytes
from plans.text import clean_text, fold

_HEADERS = {"unit": ("don vi", "co quan", "ten don vi"), "email": ("email", "e-mail", "thu dien tu", "dia chi thu"),
            "person": ("nguoi lien he", "lien he", "can bo", "ho ten")}


def read_contact_sheet(path: Path) -> list[tuple[str, str, str]]:
    """(unit, email, person) rows of a contact sheet; PlanReadError saying what is wrong."""
    import openpyxl

    data = read_file_bytes(path)
    check_zip(data, path.name, "Excel (.xlsx)")
    try:
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = [[clean_text(str(v)).strip() if v is not None else "" for v in row]
                for row in sheet.iter_rows(max_row=5000, max_col=20, values_only=True)]
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise PlanReadError("tệp Excel bị hỏng, không đọc được danh bạ.", source=path.name) from error
    for index, row in enumerate(rows[:10]):
        columns = _columns(row)
        if "unit" in columns and "email" in columns:
            return [(r[columns["unit"]], r[columns["email"]], r[columns["person"]] if "person" in columns else "")
                    for r in rows[index + 1:] if len(r) > columns["unit"] and r[columns["unit"]]]
    raise PlanReadError("không thấy dòng tiêu đề có các cột «Đơn vị» và «Email».", source=path.name)


def _columns(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(row):
        name = fold(text).strip()
        for key, names in _HEADERS.items():
            if key not in found and name in names:
                found[key] = index
    return found
