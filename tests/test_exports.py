"""Excel sheets: what a colleague opening them sees, and taking a filled sheet back."""

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

import db.clock
import db.register
from db import status as st
from db.edits import set_status, update_task
from db.filters import TaskFilter, count_tasks, fetch_tasks
from db.history import task_history
from db.importer import import_plan
from db.register import open_register
from db.tasks import get_task
from exports.receive import ReceiveError, apply_returned_sheet, read_returned_sheet
from exports.unit_sheets import export_each_unit, export_for_unit
from exports.view import export_view, proposed_name
from plans.reader import read_plan
from tui.demo import build_demo_register

TODAY = date(2026, 11, 22)


@pytest.fixture
def demo_db(tmp_path):
    db = open_register(build_demo_register(tmp_path, TODAY))
    yield db
    db.close()


def test_file_name_from_filter_and_date():
    flt = TaskFilter(unit="Văn phòng Sở", deadline="Quý II/2020")
    assert proposed_name(flt, TODAY) == "nhiem-vu_van-phong-so_quy-ii-2020_2026-11-22.xlsx"


def test_view_export_layout(demo_db, tmp_path):
    flt = TaskFilter(unit="Văn phòng Sở", deadline="Quý IV/2026")
    path = tmp_path / "out.xlsx"
    assert export_view(demo_db, flt, path, TODAY) == 8
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Nhiệm vụ", "Tổng hợp"]
    ws = book["Nhiệm vụ"]
    assert ws["A1"].value == "SỞ Y TẾ AN HÒA"
    assert ws["A2"].value.startswith("Kế hoạch số 112/KH-SYT: Cải cách hành chính")
    assert ws["A3"].value == "Nhiệm vụ của Văn phòng Sở – hạn trong Quý IV/2026 – tính đến 22/11/2026"
    assert ws["A4"].value == "Ngày xuất: 22/11/2026"
    assert [c.value for c in ws[6]] == ["STT", "Nội dung", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời hạn",
                                        "Trạng thái", "Ngày hoàn thành", "Kết quả / ghi chú"]
    assert ws["A7"].value == "I. Công tác chỉ đạo, điều hành" and "A7:I7" in ws.merged_cells
    assert ws["B8"].value.startswith("Báo cáo kết quả thực hiện cải cách hành chính")
    assert ws["B8"].font.name == "Times New Roman" and ws["B8"].alignment.wrap_text
    assert ws.freeze_panes == "A7"
    assert ws.auto_filter.ref.startswith("A6:I")
    assert ws.print_title_rows == "$6:$6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in ws.oddFooter.center.text
    rows = [r for r in ws.iter_rows(min_row=7, values_only=True) if r[1]]
    assert len(rows) == 8


def test_overdue_rows_marked_in_colour_and_words(demo_db, tmp_path):
    path = tmp_path / "late.xlsx"
    export_view(demo_db, TaskFilter(view="overdue"), path, TODAY)
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    late = [row for row in ws.iter_rows(min_row=7) if row[1].value and row[6].value]
    assert late and all("QUÁ HẠN" in row[6].value for row in late)
    assert all(row[6].font.color.rgb.endswith("C00000") for row in late)
    texts = {row[1].value[:40]: row[6].value for row in late}
    # the quarterly report missed since 31/03 (236 days on 22/11/2026), the half-year survey since 30/06
    assert texts["Báo cáo kết quả thực hiện cải cách hành "] == "Chưa thực hiện – QUÁ HẠN 236 ngày"
    assert texts["Khảo sát mức độ hài lòng của người dân, "] == "Đang thực hiện – QUÁ HẠN 145 ngày"
    assert len(texts) == 6


def test_summary_sheet_counts(demo_db, tmp_path):
    path = tmp_path / "all.xlsx"
    export_view(demo_db, TaskFilter(), path, TODAY)
    ws = openpyxl.load_workbook(path)["Tổng hợp"]
    header = [c.value for c in ws[6]]
    assert header[:6] == ["Đơn vị chủ trì", "Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Tổng số",
                          "Trong đó quá hạn"]
    lines = {r[0]: r for r in ws.iter_rows(min_row=7, values_only=True)}
    office = lines["Văn phòng Sở"]
    lead = TaskFilter(unit="Văn phòng Sở", role="lead")
    assert office[4] == count_tasks(demo_db, lead, TODAY)
    assert office[3] == count_tasks(demo_db, lead.with_(status="done"), TODAY)
    assert lines["Tổng cộng"][4] == 28
    assert lines["Tổng cộng"][5] == count_tasks(demo_db, TaskFilter(view="overdue"), TODAY)


def test_unit_sheet_protection_and_validation(demo_db, tmp_path):
    path = tmp_path / "vp.xlsx"
    export_for_unit(demo_db, TaskFilter(), "van phong so", path, TODAY)
    book = openpyxl.load_workbook(path)
    assert book["_theodoi"].sheet_state == "hidden"
    ws = book["Nhiệm vụ"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.column_dimensions["J"].hidden
    kinds = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert kinds["list"].startswith("G7") and kinds["date"].startswith("H7")
    assert not ws["G8"].protection.locked and not ws["H8"].protection.locked and not ws["I8"].protection.locked
    assert ws["B8"].protection.locked and ws["F8"].protection.locked
    assert ws["H8"].number_format == "DD/MM/YYYY"


def test_each_unit_gets_its_own_sheet(demo_db, tmp_path):
    done = export_each_unit(demo_db, TaskFilter(), tmp_path / "phieu", TODAY)
    counts = {unit: count for unit, _, count in done.written}
    assert "Văn phòng Sở" in counts and "Thanh tra Sở" in counts
    assert all(path.exists() for _, path, _ in done.written)
    for unit, count in counts.items():  # each sheet: the tasks the unit leads or coordinates
        assert count == count_tasks(demo_db, TaskFilter(unit=unit), TODAY)
    assert all(unit.casefold().startswith("các ") or "liên quan" in unit for unit in done.groups)


def _unit_sheet(db, tmp_path: Path) -> tuple[Path, list]:
    path = tmp_path / "vp.xlsx"
    export_for_unit(db, TaskFilter(), "Văn phòng Sở", path, TODAY)
    tasks = fetch_tasks(db, TaskFilter(unit="Văn phòng Sở", role="lead"), today=TODAY)
    return path, tasks


def _edit(path: Path, edits: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book["Nhiệm vụ"]
    for ref, value in edits.items():
        ws[ref] = value
    book.save(path)


def _row_of(path: Path, task_id: int) -> int:
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    return next(row[0].row for row in ws.iter_rows(min_row=7) if len(row) >= 10 and row[9].value == task_id)


def test_round_trip_applies_with_history(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2026, 11, 23, 8, 0))
    path, tasks = _unit_sheet(demo_db, tmp_path)
    target = next(t for t in tasks if t.status == st.NOT_STARTED)
    row = _row_of(path, target.id)
    _edit(path, {f"G{row}": "hoan thanh", f"H{row}": datetime(2026, 11, 20), f"I{row}": "Báo cáo số 45/BC-VP"})
    sheet = read_returned_sheet(demo_db, path, TODAY)
    assert [c.task_id for c in sheet.changes] == [target.id]
    assert sheet.changes[0].fields["trạng thái"] == ("chưa thực hiện", "hoàn thành")
    assert apply_returned_sheet(demo_db, sheet) == 1
    saved = get_task(demo_db, target.id)
    assert (saved.status, saved.completed_on, saved.result) == (st.DONE, date(2026, 11, 20), "Báo cáo số 45/BC-VP")
    assert {h.source for h in task_history(demo_db, target.id)} >= {"receive:vp.xlsx"}


def test_unchanged_sheet_changes_nothing(demo_db, tmp_path):
    path, _ = _unit_sheet(demo_db, tmp_path)
    assert read_returned_sheet(demo_db, path, TODAY).changes == []


def test_conflict_is_shown_not_overwritten(demo_db, tmp_path, monkeypatch):
    path, tasks = _unit_sheet(demo_db, tmp_path)
    target = tasks[0]
    row = _row_of(path, target.id)
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2030, 1, 1, 8, 0))
    update_task(demo_db, target.id, {"result": "Sửa trong sổ sau khi xuất"})
    _edit(path, {f"I{row}": "Đơn vị ghi khác"})
    sheet = read_returned_sheet(demo_db, path, TODAY)
    assert [c.conflict for c in sheet.changes] == [True]
    assert apply_returned_sheet(demo_db, sheet) == 0
    assert get_task(demo_db, target.id).result == "Sửa trong sổ sau khi xuất"
    apply_returned_sheet(demo_db, sheet, overwrite=True)
    assert get_task(demo_db, target.id).result == "Đơn vị ghi khác"


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({"G{row}": "gần xong"}, "Ô G{row}: trạng thái «gần xong» không hợp lệ"),
        ({"H{row}": "31/02/2026"}, "Ô H{row}: ngày hoàn thành «31/02/2026» không phải một ngày có thật"),
        ({"H{row}": datetime(2027, 1, 1)}, "Ô H{row}: ngày hoàn thành 01/01/2027 ở sau hôm nay"),
        ({"J{row}": None}, "mất mã nhiệm vụ ở ô J{row}"),
    ],
)
def test_bad_returned_sheets_name_the_cell_and_apply_nothing(demo_db, tmp_path, edits, message):
    path, tasks = _unit_sheet(demo_db, tmp_path)
    row = _row_of(path, tasks[0].id)
    other = _row_of(path, tasks[1].id)
    _edit(path, {f"G{other}": "Hoàn thành", **{k.format(row=row): v for k, v in edits.items()}})
    with pytest.raises(ReceiveError) as caught:
        read_returned_sheet(demo_db, path, TODAY)
    assert message.format(row=row) in str(caught.value)
    assert get_task(demo_db, tasks[1].id).status == tasks[1].status


def _swap_rows(path: Path, a: int, b: int, columns: str) -> None:
    book = openpyxl.load_workbook(path)
    ws = book["Nhiệm vụ"]
    for column in columns:
        ws[f"{column}{a}"].value, ws[f"{column}{b}"].value = ws[f"{column}{b}"].value, ws[f"{column}{a}"].value
    book.save(path)


@pytest.mark.parametrize("columns", ["ABCDEFGHI", "J"], ids=["sorted-without-id", "ids-swapped"])
def test_a_row_parted_from_its_task_id_is_refused(demo_db, tmp_path, columns):
    """Sorting the visible columns leaves the hidden id behind: the status written beside task 1's content
    would land on task 2.  The row is refused, naming it, and nothing is applied."""
    path, tasks = _unit_sheet(demo_db, tmp_path)
    a, b = _row_of(path, tasks[0].id), _row_of(path, tasks[1].id)
    _edit(path, {f"G{a}": "Hoàn thành", f"H{a}": datetime(2026, 11, 20)})
    _swap_rows(path, a, b, columns)
    with pytest.raises(ReceiveError) as caught:
        read_returned_sheet(demo_db, path, TODAY)
    assert f"Hàng {a}: các ô A–F không còn là của nhiệm vụ mã" in str(caught.value)
    assert get_task(demo_db, tasks[1].id).status == tasks[1].status


def test_rows_sorted_whole_are_followed_to_their_tasks(demo_db, tmp_path):
    path, tasks = _unit_sheet(demo_db, tmp_path)
    target, other = tasks[0], tasks[1]
    a, b = _row_of(path, target.id), _row_of(path, other.id)
    _edit(path, {f"G{a}": "Hoàn thành", f"H{a}": datetime(2026, 11, 20), f"I{a}": "Công văn 12/VP"})
    _swap_rows(path, a, b, "ABCDEFGHIJ")
    sheet = read_returned_sheet(demo_db, path, TODAY)
    assert [c.task_id for c in sheet.changes] == [target.id]
    apply_returned_sheet(demo_db, sheet)
    assert get_task(demo_db, target.id).result == "Công văn 12/VP"
    assert get_task(demo_db, other.id).result == other.result


def test_a_row_copied_over_another_is_refused(demo_db, tmp_path):
    path, tasks = _unit_sheet(demo_db, tmp_path)
    a, b = _row_of(path, tasks[0].id), _row_of(path, tasks[1].id)
    book = openpyxl.load_workbook(path)
    ws = book["Nhiệm vụ"]
    for column in "ABCDEFGHIJ":
        ws[f"{column}{b}"] = ws[f"{column}{a}"].value
    book.save(path)
    with pytest.raises(ReceiveError, match=f"Ô J{b}: mã {tasks[0].id} đã có ở hàng {a}"):
        read_returned_sheet(demo_db, path, TODAY)


def test_a_sheet_sent_before_rows_were_fingerprinted_is_still_taken_back(demo_db, tmp_path):
    """Sheets already out with units have a record of three columns: read as before, rows where written."""
    from db.register import get_meta
    from db.settings import Setting
    from exports.unit_sheets import sign

    path, tasks = _unit_sheet(demo_db, tmp_path)
    book = openpyxl.load_workbook(path)
    record = book["_theodoi"]
    meta = {"register_id": get_meta(demo_db, Setting.REGISTER_ID)}
    rows = []
    for line in record.iter_rows():
        if line[0].value in ("exported_at", "unit"):
            meta[line[0].value] = line[1].value
        if isinstance(line[0].value, int):
            rows.append((line[0].value, line[1].value, line[2].value))
        if len(line) > 3:
            line[3].value = None
    signature = next(line for line in record.iter_rows() if line[0].value == "signature")
    signature[1].value = sign(demo_db, meta, rows)
    row = _row_of(path, tasks[0].id)
    book["Nhiệm vụ"][f"I{row}"] = "Báo cáo theo phiếu cũ"
    book.save(path)
    assert [c.task_id for c in read_returned_sheet(demo_db, path, TODAY).changes] == [tasks[0].id]
    _swap_rows(path, row, _row_of(path, tasks[1].id), "ABCDEFGHIJ")
    with pytest.raises(ReceiveError, match="sắp xếp lại"):
        read_returned_sheet(demo_db, path, TODAY)


def test_a_completion_date_pasted_as_a_number_is_read_as_its_day(demo_db, tmp_path):
    """A date pasted as a value into a cell formatted General arrives as Excel's serial (46000)."""
    path, tasks = _unit_sheet(demo_db, tmp_path)
    target = next(t for t in tasks if t.status != st.DONE)
    row = _row_of(path, target.id)
    book = openpyxl.load_workbook(path)
    ws = book["Nhiệm vụ"]
    ws[f"G{row}"], ws[f"H{row}"] = "Hoàn thành", 46000
    ws[f"H{row}"].number_format = "General"
    book.save(path)
    change = read_returned_sheet(demo_db, path, TODAY).changes[0]
    assert change.fields["ngày hoàn thành"][1] == "09/12/2025"


def test_added_row_refused(demo_db, tmp_path):
    path, _ = _unit_sheet(demo_db, tmp_path)
    ws_rows = openpyxl.load_workbook(path)["Nhiệm vụ"].max_row
    _edit(path, {f"B{ws_rows + 1}": "Việc đơn vị tự thêm"})
    with pytest.raises(ReceiveError, match="hàng được thêm vào phiếu"):
        read_returned_sheet(demo_db, path, TODAY)


def test_sheet_from_another_register_refused(demo_db, tmp_path, demo_plan):
    path, _ = _unit_sheet(demo_db, tmp_path)
    other = open_register(tmp_path / "other.sqlite")
    import_plan(other, read_plan(demo_plan))
    with pytest.raises(ReceiveError, match="sổ theo dõi khác"):
        read_returned_sheet(other, path, TODAY)


def test_not_an_excel_file_refused(demo_db, tmp_path):
    fake = tmp_path / "x.xlsx"
    fake.write_text("hello")
    with pytest.raises(ReceiveError, match="không phải tệp Excel"):
        read_returned_sheet(demo_db, fake, TODAY)
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(ReceiveError, match="không phải phiếu do theodoi xuất"):
        read_returned_sheet(demo_db, plain, TODAY)


def test_status_work_then_sheet_shows_it(demo_db, tmp_path):
    task = next(t for t in fetch_tasks(demo_db, TaskFilter(status="chua thuc hien"), today=TODAY)
                if t.deadline.kind != "recurring")  # a recurring task done this month may still owe earlier ones
    set_status(demo_db, [task.id], "hoàn thành", completed_on=date(2026, 11, 1), result="KQ")
    path = tmp_path / "v.xlsx"
    export_view(demo_db, TaskFilter(search=task.content[:20]), path, TODAY)
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    row = next(r for r in ws.iter_rows(min_row=7) if r[1].value == task.content)
    assert row[6].value == "Hoàn thành" and row[7].value == datetime(2026, 11, 1) and row[8].value == "KQ"


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({"I{row}": '=HYPERLINK("http://evil.example/x","click")'}, "Ô I{row}: có công thức"),
        ({"H{row}": datetime(1900, 1, 1), "G{row}": "Hoàn thành"}, "không hợp lý"),
        ({"H{row}": datetime(2026, 11, 1), "G{row}": "Đang thực hiện"}, "có ngày hoàn thành nhưng trạng thái"),
        ({"C5000": "x"}, "có nội dung ngoài phần phiếu"),
    ],
)
def test_hostile_returned_cells_are_refused(demo_db, tmp_path, edits, message):
    path, tasks = _unit_sheet(demo_db, tmp_path)
    row = _row_of(path, tasks[0].id)
    _edit(path, {k.format(row=row): v for k, v in edits.items()})
    with pytest.raises(ReceiveError) as caught:
        read_returned_sheet(demo_db, path, TODAY)
    assert message.format(row=row) in str(caught.value)


def test_every_mistake_of_a_row_is_told_at_once(demo_db, tmp_path):
    """A unit mends its sheet once: a formula in one cell does not hide a date that does not exist beside it."""
    path, tasks = _unit_sheet(demo_db, tmp_path)
    row = _row_of(path, tasks[0].id)
    _edit(path, {f"G{row}": "Xong rồi", f"H{row}": "31/11/2026", f"I{row}": "=1+1"})
    with pytest.raises(ReceiveError) as caught:
        read_returned_sheet(demo_db, path, TODAY)
    told = str(caught.value)
    assert f"Ô I{row}: có công thức" in told and f"Ô G{row}: trạng thái «Xong rồi»" in told
    assert f"Ô H{row}: ngày hoàn thành «31/11/2026» không phải một ngày có thật" in told


def test_forged_record_naming_another_units_task_is_refused(demo_db, tmp_path):
    path, tasks = _unit_sheet(demo_db, tmp_path)
    others = [t for t in fetch_tasks(demo_db, TaskFilter(), limit=100) if t.id not in {x.id for x in tasks}]
    row = _row_of(path, tasks[0].id)
    book = openpyxl.load_workbook(path)
    record = book["_theodoi"]
    for line in record.iter_rows(min_row=1):
        if line[0].value == tasks[0].id:
            line[0].value = others[0].id
    book["Nhiệm vụ"][f"J{row}"] = others[0].id
    book["Nhiệm vụ"][f"G{row}"] = "Hoàn thành"
    book.save(path)
    with pytest.raises(ReceiveError, match="chữ ký không khớp"):
        read_returned_sheet(demo_db, path, TODAY)
    assert get_task(demo_db, others[0].id).status == others[0].status


def test_task_deleted_since_export_is_named(demo_db, tmp_path):
    from db.edits import delete_task

    path, tasks = _unit_sheet(demo_db, tmp_path)
    delete_task(demo_db, tasks[0].id)
    with pytest.raises(ReceiveError, match="không còn trong sổ"):
        read_returned_sheet(demo_db, path, TODAY)


def test_formulas_in_the_register_are_written_as_text(demo_db, tmp_path):
    task = fetch_tasks(demo_db, TaskFilter(), limit=1)[0]
    update_task(demo_db, task.id, {"content": '=HYPERLINK("http://evil.example/x","click")'})
    path = tmp_path / "view.xlsx"
    export_view(demo_db, TaskFilter(), path, TODAY)
    cells = [c for row in openpyxl.load_workbook(path)["Nhiệm vụ"].iter_rows() for c in row]
    hostile = [c for c in cells if c.value == '=HYPERLINK("http://evil.example/x","click")']
    assert hostile and all(c.data_type == "s" for c in hostile)
    assert not any(c.data_type == "f" for c in cells)


def test_sheet_file_names_never_collide_and_fit_the_file_system(tmp_path):
    from exports.unit_sheets import sheet_file

    taken: set[str] = set()
    names = [sheet_file(tmp_path, unit, TODAY, taken).name for unit in ("a b", "a/b", "漢字", "字漢", "x" * 300)]
    assert len(set(names)) == 5
    assert all(len(name) < 100 for name in names)


def test_for_unit_needs_one_unit(demo_db, tmp_path):
    from db.units import one_unit

    with pytest.raises(ValueError, match=r"khớp \d+ đơn vị"):
        one_unit(demo_db, "phong")
    assert one_unit(demo_db, "van phong so") == "Văn phòng Sở"


def test_fill_in_sheet_says_when_to_send_it_back_and_has_a_signature_block(demo_db, tmp_path):
    path = tmp_path / "vp.xlsx"
    export_for_unit(demo_db, TaskFilter(), "Văn phòng Sở", path, TODAY, by=date(2026, 12, 5))
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    assert "gửi lại trước ngày 05/12/2026" in ws["A4"].value
    texts = [row[0].value for row in ws.iter_rows(min_row=ws.max_row - 2) if row[0].value]
    assert texts[-1].startswith("NGƯỜI BÁO CÁO") and "THỦ TRƯỞNG ĐƠN VỊ" in texts[-1]
    assert read_returned_sheet(demo_db, path, TODAY).changes == []  # the footer is not a row added by the unit


def test_summary_counts_each_task_once_and_says_why_units_add_up_to_more(tmp_path):
    from db.register import open_register

    plan = tmp_path / "kh.txt"
    plan.write_text("Số: 5/KH-SYT\tAn Hòa, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nThử năm 2026\n"
                    "STT\tNội dung\tChủ trì\tThời gian\n"
                    "1\tRà soát\tVăn phòng Sở; Thanh tra Sở\tQuý II/2026\n2\tNiêm yết\tThanh tra Sở\tQuý III/2026\n",
                    encoding="utf-8")
    register = open_register(tmp_path / "r.sqlite")
    import_plan(register, read_plan(plan))
    path = tmp_path / "v.xlsx"
    export_view(register, TaskFilter(), path, TODAY)
    ws = openpyxl.load_workbook(path)["Tổng hợp"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=7) if row[0].value]
    by_unit = {r[0]: r[4] for r in rows[:2]}
    assert by_unit == {"Thanh tra Sở": 2, "Văn phòng Sở": 1}
    assert rows[2][0] == "Tổng cộng" and rows[2][4] == 2  # two tasks, not three
    assert "3 lượt" in rows[3][0] and "2 nhiệm vụ" in rows[3][0]
    register.close()


def test_a_merged_input_cell_is_refused_naming_it(demo_db, tmp_path):
    path, tasks = _unit_sheet(demo_db, tmp_path)
    row = _row_of(path, tasks[0].id)
    book = openpyxl.load_workbook(path)
    ws = book["Nhiệm vụ"]
    ws[f"H{row}"] = datetime(2026, 11, 20)
    ws.merge_cells(f"G{row}:H{row}")  # the typed date would vanish under the merge
    book.save(path)
    with pytest.raises(ReceiveError, match=f"Ô G{row}:H{row}: các ô đã bị gộp"):
        read_returned_sheet(demo_db, path, TODAY)


def test_a_huge_cell_is_cut_at_excels_limit_with_a_row_excel_can_show(demo_db, tmp_path):
    task = fetch_tasks(demo_db, TaskFilter(), limit=1)[0]
    update_task(demo_db, task.id, {"content": "Rà soát " * 125_000})  # a million characters
    path = tmp_path / "view.xlsx"
    export_view(demo_db, TaskFilter(), path, TODAY)
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    cell = next(c for row in ws.iter_rows(min_row=7) for c in row if isinstance(c.value, str)
                and c.value.startswith("Rà soát Rà soát"))
    assert len(cell.value) == 32_767
    assert ws.row_dimensions[cell.row].height <= 409


def test_every_workbook_has_header_rows_tall_enough_for_their_wrapped_text(demo_db, tmp_path):
    """A two-line header on a one-line row prints over the first task (seen through LibreOffice)."""
    from db.periods import read_period
    from db.report import build_report
    from exports.report import export_report

    export_view(demo_db, TaskFilter(), tmp_path / "v.xlsx", TODAY)
    export_report(demo_db, build_report(demo_db, read_period("năm 2026"), as_of=TODAY), tmp_path / "r.xlsx", TODAY)
    view = openpyxl.load_workbook(tmp_path / "v.xlsx")
    report = openpyxl.load_workbook(tmp_path / "r.xlsx")
    # «Theo điều kiện / không thời hạn» in a 13-wide column: three lines, 48 points
    assert report["Theo đơn vị"]["H6"].value == "Theo điều kiện / không thời hạn"
    assert report["Theo đơn vị"].row_dimensions[6].height == 48
    assert report["Theo mục"].row_dimensions[6].height == 48
    assert view["Tổng hợp"]["F6"].value == "Trong đó quá hạn" and view["Tổng hợp"].row_dimensions[6].height == 18
    assert view["Nhiệm vụ"].row_dimensions[6].height >= 18
    assert view["Nhiệm vụ"].row_dimensions[3].height == 36  # the title, room for two lines
    for book in (view, report):
        for ws in book.worksheets:
            assert ws.print_title_rows == "$6:$6", ws.title  # the header repeats on every printed page
            assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_streamed_row_keeps_styled_cells_and_plain_values_in_their_columns(tmp_path):
    from exports.style import StreamingWorkbook, cell

    book = StreamingWorkbook()
    ws = book.create_sheet("Nhiệm vụ")
    ws.append([cell(ws, "Tổng cộng", "total"), 7, None, "chữ", cell(ws, "=1+1")])
    ws.append([])
    ws.append([None, cell(ws, date(2026, 11, 22), date=True)])
    book.save(tmp_path / "x.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["Nhiệm vụ"]
    assert [c.value for c in sheet[1]] == ["Tổng cộng", 7, None, "chữ", "=1+1"]
    assert sheet["A1"].font.b and sheet["E1"].data_type == "s"  # a styled cell's "=" text stays text
    assert sheet["B3"].value == datetime(2026, 11, 22) and sheet["B3"].number_format == "DD/MM/YYYY"
