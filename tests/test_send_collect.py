"""Send the sheets as e-mail drafts, collect them back in one go."""

from __future__ import annotations

import email
import shutil
from datetime import date, datetime
from email import policy

import openpyxl
import pytest

from db.filters import TaskFilter, fetch_tasks
from db.importer import import_plan
from db.register import open_register
from db.tasks import get_task
from db.units import contacts, find_unit, import_contacts, set_contact
from exports.collect import collect_folder
from exports.drafts import write_drafts
from exports.receive import apply_returned_sheets
from plans.reader import read_plan
from tui.demo import build_demo_register

TODAY = date(2026, 11, 22)


@pytest.fixture
def demo_db(tmp_path):
    db = open_register(build_demo_register(tmp_path / "demo", TODAY))
    yield db
    db.close()


def _message(path):
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_drafts_read_back_as_messages_with_their_sheet(demo_db, tmp_path):
    set_contact(demo_db, find_unit(demo_db, "Văn phòng Sở"), "vanphong@syt.anhoa.gov.vn", "Nguyễn Thị Lan")
    drafts = write_drafts(demo_db, TaskFilter(), tmp_path / "thu", TODAY, date(2026, 12, 5))
    by_unit = dict(drafts.written)
    message = _message(by_unit["Văn phòng Sở"])
    assert message["To"] == "vanphong@syt.anhoa.gov.vn"
    assert message["X-Unsent"] == "1"
    assert message["Subject"].startswith("[theodoi] Đề nghị báo cáo tiến độ – Kế hoạch số 112/KH-SYT")
    assert message["Subject"].endswith("hạn 05/12/2026")
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Kính gửi: Nguyễn Thị Lan – Văn phòng Sở")
    assert "gửi lại trước ngày 05/12/2026" in body
    (attachment,) = list(message.iter_attachments())
    sheet = tmp_path / "attached.xlsx"
    sheet.write_bytes(attachment.get_payload(decode=True))
    book = openpyxl.load_workbook(sheet)
    assert book.sheetnames == ["Nhiệm vụ", "_theodoi"]
    assert "Văn phòng Sở" in drafts.written[0][0] or "Văn phòng Sở" in by_unit
    assert set(drafts.without_address) == set(by_unit) - {"Văn phòng Sở"}


def _fill(path, result: str) -> None:
    book = openpyxl.load_workbook(path)
    ws = book["Nhiệm vụ"]
    row = next(r[0].row for r in ws.iter_rows(min_row=7) if len(r) >= 10 and r[9].value)
    ws[f"I{row}"] = result
    book.save(path)


def test_a_folder_of_sheets_and_mails_is_collected_in_one_step(demo_db, tmp_path, demo_plan):
    from db.undo import undo

    drafts = write_drafts(demo_db, TaskFilter(), tmp_path / "thu", TODAY, date(2026, 12, 5))
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    drafted = dict(drafts.written)
    units = ["Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính"]  # they lead all their tasks
    first = drafted[units[0]].with_suffix(".xlsx")
    second = drafted[units[1]].with_suffix(".xlsx")
    _fill(first, "Đã xong, báo cáo số 1")
    _fill(second, "Đang làm, đạt 60%")
    shutil.copy(first, inbox / first.name)
    shutil.copy(first, inbox / "ban-sao.xlsx")  # the same sheet twice
    mail = _message(drafted[units[1]])
    mail.clear_content()
    mail.set_content("Gửi lại phiếu.")
    mail.add_attachment(second.read_bytes(), maintype="application",
                        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=second.name)
    (inbox / "tra-loi.eml").write_bytes(bytes(mail))
    other = open_register(tmp_path / "khac.sqlite")
    import_plan(other, read_plan(demo_plan))
    from exports.unit_sheets import export_for_unit

    export_for_unit(other, TaskFilter(), units[0], inbox / "so-khac.xlsx", TODAY)
    other.close()
    (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (inbox / "ghi-chu.txt").write_text("không phải phiếu", encoding="utf-8")

    collected = collect_folder(demo_db, inbox, TODAY)
    assert sorted(sheet.unit for sheet in collected.sheets) == sorted(units[:2])
    assert [name for name, _ in collected.duplicates] == [first.name] or [
        name for name, _ in collected.duplicates] == ["ban-sao.xlsx"]
    refused = dict(collected.refused)
    assert "sổ theo dõi khác" in refused["so-khac.xlsx"][0]
    assert "hong.xlsx" in refused
    assert collected.skipped == ["ghi-chu.txt"]
    assert apply_returned_sheets(demo_db, collected.sheets, False, f"receive:{inbox.name}/") == 2
    results = {t.result for t in fetch_tasks(demo_db, TaskFilter())}
    assert {"Đã xong, báo cáo số 1", "Đang làm, đạt 60%"} <= results
    again = collect_folder(demo_db, inbox, TODAY)
    assert again.changes == 0  # a sheet received twice changes nothing the second time
    assert undo(demo_db).startswith("đã hoàn tác: nhận phiếu thư mục hop-thu (2 nhiệm vụ)")
    assert not {"Đã xong, báo cáo số 1", "Đang làm, đạt 60%"} & {t.result for t in fetch_tasks(demo_db, TaskFilter())}


def test_contacts_import_is_all_or_nothing_and_names_unknown_units(demo_db):
    unknown = import_contacts(demo_db, [("van phong so", "vps@syt.gov.vn", "Lan"), ("Phòng Ma", "x@y.vn", "")])
    assert unknown == ["Phòng Ma"]
    assert contacts(demo_db)["Văn phòng Sở"].email == "vps@syt.gov.vn"
    with pytest.raises(ValueError, match="không hợp lệ"):
        import_contacts(demo_db, [("Thanh tra Sở", "thanhtra@syt.gov.vn", ""), ("Văn phòng Sở", "sai địa chỉ", "")])
    assert contacts(demo_db)["Thanh tra Sở"].email == ""
    assert get_task is not None and datetime is not None


def test_a_coordinating_units_report_comes_back_as_a_note(demo_db, tmp_path):
    from db.filters import count_tasks
    from db.stats import units_with_work
    from exports.receive import apply_returned_sheet, read_returned_sheet
    from exports.unit_sheets import export_for_unit

    unit = next(u for u in units_with_work(demo_db, TaskFilter(), TODAY)
                if count_tasks(demo_db, TaskFilter(unit=u, role="lead"), TODAY) == 0)
    path = tmp_path / "phoi-hop.xlsx"
    assert export_for_unit(demo_db, TaskFilter(), unit, path, TODAY) > 0  # never an empty sheet
    book = openpyxl.load_workbook(path)
    ws = book["Nhiệm vụ"]
    row = next(r[0].row for r in ws.iter_rows(min_row=7) if len(r) >= 10 and r[9].value)
    task_id = ws[f"J{row}"].value
    before = get_task(demo_db, task_id)
    ws[f"G{row}"] = "Hoàn thành"
    ws[f"I{row}"] = "Đã phối hợp kiểm tra 5 cơ sở"
    book.save(path)
    sheet = read_returned_sheet(demo_db, path, TODAY)
    apply_returned_sheet(demo_db, sheet)
    after = get_task(demo_db, task_id)
    assert (after.status, after.result) == (before.status, before.result)  # never the task's status
    assert f"[{unit} (phối hợp), 22/11/2026]: Đã phối hợp kiểm tra 5 cơ sở" in after.progress_note


def test_reminders_go_only_to_units_with_overdue_tasks(demo_db, tmp_path):
    from db.filters import count_tasks

    drafts = write_drafts(demo_db, TaskFilter(), tmp_path / "nhac", TODAY, date(2026, 12, 5), reminder=True)
    units = {unit for unit, _ in drafts.written}
    late = {u for u in units if count_tasks(demo_db, TaskFilter(unit=u, role="lead", view="overdue"), TODAY)}
    assert units and units == late
    subject = _message(drafts.written[0][1])["Subject"]
    assert subject.startswith("[theodoi] Nhắc việc:") and "nhiệm vụ quá hạn" in subject


def test_the_view_goes_to_the_leader_as_a_draft(demo_db, tmp_path):
    from exports.drafts import write_view_draft

    path = write_view_draft(demo_db, TaskFilter(view="overdue"), tmp_path / "ld", TODAY, "lanhdao@syt.gov.vn")
    message = _message(path)
    assert message["To"] == "lanhdao@syt.gov.vn" and message["X-Unsent"] == "1"
    assert "quá hạn" in message["Subject"].lower()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".xlsx")
