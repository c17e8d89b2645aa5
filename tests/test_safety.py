"""Nothing the officer does loses data, and hostile input is shown as text or refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

import db.clock
import db.register
from db.filters import TaskFilter, count_tasks
from db.importer import import_plan
from plans.model import PlanReadError
from plans.reader import read_plan
from tests.test_cli import run

PLAN = "Số: 3/KH-SYT\tAn Hòa, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nCải cách hành chính năm 2026\n" \
       "STT\tNội dung\tChủ trì\tThời gian\n"


def _plan(tmp_path, rows: int, name: str = "kh.txt"):
    body = "".join(f"{i}\tNhiệm vụ số {i}\tVăn phòng Sở\tQuý II/2026\n" for i in range(1, rows + 1))
    path = tmp_path / name
    path.write_text(PLAN + body, encoding="utf-8")
    return path


def test_own_export_is_refused_as_a_plan(tmp_path, fresh_db):
    from exports.view import export_view

    import_plan(fresh_db, read_plan(_plan(tmp_path, 4)))
    sheet = tmp_path / "bang.xlsx"
    export_view(fresh_db, TaskFilter(), sheet, date(2026, 11, 23))
    with pytest.raises(PlanReadError, match="bảng theodoi đã xuất"):
        read_plan(sheet)
    assert count_tasks(fresh_db, TaskFilter()) == 4


def test_partial_plan_keeps_tasks_unless_asked(tmp_path, fresh_db):
    import_plan(fresh_db, read_plan(_plan(tmp_path, 6)))
    result = import_plan(fresh_db, read_plan(_plan(tmp_path, 2, "first-page.txt")))
    assert (result.removed, result.kept_missing) == (0, 4)
    assert count_tasks(fresh_db, TaskFilter()) == 6
    result = import_plan(fresh_db, read_plan(_plan(tmp_path, 3, "three.txt")), remove_missing=True)
    assert (result.removed, result.kept_missing) == (3, 0)
    assert count_tasks(fresh_db, TaskFilter()) == 3


def test_cli_import_of_a_partial_plan_says_what_it_kept(tmp_path):
    db = tmp_path / "r.sqlite"
    assert run("import", str(_plan(tmp_path, 5)), db=db).exit_code == 0
    result = run("import", str(_plan(tmp_path, 2, "part.txt")), db=db)
    assert "Giữ lại 3 nhiệm vụ" in result.output


@pytest.mark.parametrize("text", ["Xây dựng Đề án [dự thảo] cải cách", "[/b] lỗi", "[i]nghiêng", "[link=x]y[/link]"])
async def test_markup_in_a_task_is_shown_as_written(tmp_path, text):
    from tui.app import build_app

    path = tmp_path / "kh.txt"
    path.write_text(PLAN + f"1\t{text}\tVăn phòng Sở\tQuý II/2026\n", encoding="utf-8")
    db_path = tmp_path / "r.sqlite"
    assert run("import", str(path), db=db_path).exit_code == 0
    app = build_app(db_path, today=date(2026, 11, 23))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        from tui.task_list import TaskList

        table = app.screen.query_one(TaskList)
        assert table.cells(table.pages.task(0))[1].plain == text


@pytest.mark.parametrize(("raw", "content"), [
    ("Rà soát\vvăn bản", "Rà soát\nvăn bản"),
    ("Rà soát\u2028văn bản", "Rà soát\nvăn bản"),
    ("Rà\x00 soát", "Rà soát"),
])
def test_control_characters_do_not_shift_columns(tmp_path, raw, content):
    path = tmp_path / "kh.txt"
    path.write_text(PLAN + f"1\t{raw}\tVăn phòng Sở\tQuý II/2026\n", encoding="utf-8")
    task = read_plan(path).tasks[0]
    assert task.content == content
    assert task.lead_units == ["Văn phòng Sở"]
    assert task.deadline.due == date(2026, 6, 30)


def test_xlsx_bomb_with_one_far_cell_is_read_at_once(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Nội dung", "Chủ trì", "Thời gian"])
    sheet.append([1, "Rà soát", "Văn phòng Sở", "Quý II/2026"])
    sheet["XFD1048576"] = "x"
    path = tmp_path / "bom.xlsx"
    book.save(path)
    plan = read_plan(path)
    assert [t.content for t in plan.tasks] == ["Rà soát"]


def test_forged_spans_of_a_million_columns_are_laid_out_as_word_could(tmp_path):
    """A Word cell with gridSpan 1,000,000 and HTML cells with colspan 100000 on every row: read at once, each
    row at most Word's 63 columns (laid out in full, the rows held billions of cells)."""
    from docx import Document as WordDocument
    from docx.oxml import parse_xml

    from plans.sources import open_document

    word = WordDocument()
    table = word.add_table(rows=2, cols=3)
    for c, text in enumerate(["STT", "Nội dung", "Chủ trì"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Rà soát", "Văn phòng Sở"]):
        table.cell(1, c).text = text
    for row in table._tbl.tr_lst:
        row.tc_lst[1].get_or_add_tcPr().append(parse_xml(
            '<w:gridSpan xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="1000000"/>'))
    path = tmp_path / "span.docx"
    word.save(path)
    html = tmp_path / "span.html"
    html.write_text("<table>" + "<tr><td>1</td><td colspan='100000'>Rà soát</td></tr>" * 3000 + "</table>",
                    encoding="utf-8")
    for document in (open_document(path), open_document(html)):
        assert document.rows and max(len(row.cells) for row in document.rows) <= 63


def test_tables_nested_thousands_deep_are_read_as_text_past_a_few_levels(tmp_path):
    """3,000 tables each inside the cell of the one before (20,000 took 17 s, each level copying all the text
    inside it): the first levels are laid out as rows of their cell, deeper ones are plain text of it."""
    from plans.html_source import MAX_NESTING
    from plans.sources import open_document

    html = tmp_path / "long-nhau.html"
    html.write_text("<table><tr><td>x" * 3000 + "</td></tr></table>" * 3000, encoding="utf-8")
    cell = open_document(html).rows[0].cells[0]
    assert cell.count("x") == 3000 and cell.count("\n") < MAX_NESTING


def test_zip_bomb_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(PlanReadError, match="giải nén ra quá lớn"):
        read_plan(path)


def test_symlink_to_an_endless_device_is_refused(tmp_path):
    path = tmp_path / "plan.txt"
    path.symlink_to("/dev/zero")
    with pytest.raises(PlanReadError, match="không phải là tệp thường"):
        read_plan(path)


def test_a_mistyped_register_path_is_refused_not_created(tmp_path):
    missing = tmp_path / "khong-co" / "so.sqlite"
    result = run("tasks", db=missing)
    assert result.exit_code == 2
    assert "không có sổ theo dõi" in result.output
    assert not missing.parent.exists()


def test_import_says_it_created_a_new_register(tmp_path):
    path = tmp_path / "moi.sqlite"
    result = run("import", str(_plan(tmp_path, 1)), db=path)
    assert result.exit_code == 0 and "Đã tạo sổ theo dõi mới" in result.output


def test_search_is_about_task_words_and_units_about_the_unit_filter(tmp_path, fresh_db):
    from db.units import find_unit, rename_unit

    path = tmp_path / "kh.txt"
    path.write_text(PLAN + "1\tRà soát\tPhòng Thanh tra\tQuý II/2026\n2\tNiêm yết\tPhòng TCHC\tQuý II/2026\n",
                    encoding="utf-8")
    import_plan(fresh_db, read_plan(path))
    rename_unit(fresh_db, find_unit(fresh_db, "Phòng Thanh tra"), "Thanh tra Sở")
    assert count_tasks(fresh_db, TaskFilter(search="thanh tra")) == 0  # unit names are not searched words
    assert count_tasks(fresh_db, TaskFilter(unit="thanh tra so")) == 1
    assert count_tasks(fresh_db, TaskFilter(unit="phong thanh tra")) == 1  # the old name still finds it


def test_undo_takes_back_an_import_whole_and_redo_does_it_again(tmp_path, fresh_db):
    from db.edits import set_status
    from db.undo import redo, undo

    import_plan(fresh_db, read_plan(_plan(tmp_path, 3)))
    first = fresh_db.execute("SELECT id FROM tasks ORDER BY id LIMIT 1").fetchone()[0]
    set_status(fresh_db, [first], "hoàn thành", completed_on=date(2026, 5, 1))
    import_plan(fresh_db, read_plan(_plan(tmp_path, 5, "v2.txt")))
    assert count_tasks(fresh_db, TaskFilter()) == 5
    message = undo(fresh_db)
    assert message.startswith("đã hoàn tác: nhập tệp v2.txt (thêm 2")
    assert count_tasks(fresh_db, TaskFilter()) == 3
    assert fresh_db["tasks"].get(first)["status"] == "done"  # the earlier status change is untouched
    assert redo(fresh_db).startswith("đã làm lại")
    assert count_tasks(fresh_db, TaskFilter()) == 5
    assert undo(fresh_db) == "đã hoàn tác: làm lại (2 nhiệm vụ)"
    assert count_tasks(fresh_db, TaskFilter()) == 3
    assert undo(fresh_db).startswith("đã hoàn tác: cập nhật trạng thái")
    assert fresh_db["tasks"].get(first)["status"] == "not_started"


def test_undo_after_a_merge_says_it_cannot_and_points_to_restore(tmp_path, fresh_db):
    from db.undo import undo
    from db.units import find_unit, merge_units

    path = tmp_path / "kh.txt"
    path.write_text(PLAN + "1\tRà soát\tPhòng A\tQuý II/2026\n2\tNiêm yết\tPhòng B\tQuý II/2026\n", encoding="utf-8")
    import_plan(fresh_db, read_plan(path))
    merge_units(fresh_db, find_unit(fresh_db, "Phòng A"), find_unit(fresh_db, "Phòng B"))
    assert "theodoi restore" in undo(fresh_db)
    assert count_tasks(fresh_db, TaskFilter()) == 2


def test_cli_undo_list_and_undo(tmp_path):
    db = tmp_path / "r.sqlite"
    run("import", str(_plan(tmp_path, 2)), db=db)
    listing = run("undo", "--list", db=db)
    assert "nhập tệp kh.txt (thêm 2, bỏ 0, sửa 0 nhiệm vụ)" in listing.output
    assert "Đã hoàn tác: nhập tệp kh.txt" in run("undo", db=db).output
    assert "0 / 0" in run("tasks", db=db).output or run("tasks", "--json", db=db).output.strip() == "[]"


def test_units_differing_only_by_accents_stay_apart_and_are_offered_for_merging(tmp_path, fresh_db):
    from db.filters import fetch_tasks

    path = tmp_path / "kh.txt"
    rows = "1\tRà soát\tUBND huyện Phú Yên\tQuý II/2026\n2\tNiêm yết\tUBND huyện Phù Yên\tQuý II/2026\n"
    path.write_text(PLAN + rows, encoding="utf-8")
    result = import_plan(fresh_db, read_plan(path))
    leads = [t.lead_units for t in fetch_tasks(fresh_db, TaskFilter())]
    assert leads == [["UBND huyện Phú Yên"], ["UBND huyện Phù Yên"]]
    assert any("chỉ khác «UBND huyện Phú Yên» ở dấu" in w for w in result.warnings)
    assert count_tasks(fresh_db, TaskFilter(unit="UBND huyện Phù Yên")) == 1
    assert count_tasks(fresh_db, TaskFilter(unit="ubnd huyen phu yen")) == 2  # typed without accents: both found


def test_a_save_over_a_change_made_meanwhile_is_refused(tmp_path, fresh_db, monkeypatch):
    from db.edits import ChangedMeanwhile, set_status, update_task

    import_plan(fresh_db, read_plan(_plan(tmp_path, 2)))
    task_id, seen = fresh_db.execute("SELECT id, updated_at FROM tasks ORDER BY id LIMIT 1").fetchone()
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2030, 1, 1, 8, 0))  # the other program, later
    update_task(fresh_db, task_id, {"result": "Ghi từ dòng lệnh"})
    with pytest.raises(ChangedMeanwhile, match="vừa được sửa ở nơi khác"):
        set_status(fresh_db, [task_id], "hoàn thành", completed_on=date(2026, 5, 1), result="", expected={
            task_id: seen})
    assert fresh_db["tasks"].get(task_id)["result"] == "Ghi từ dòng lệnh"


def test_a_receive_decides_conflicts_under_the_write_lock(tmp_path, monkeypatch):
    import openpyxl

    from db.edits import update_task
    from db.register import open_register
    from exports.receive import apply_returned_sheet, read_returned_sheet
    from exports.unit_sheets import export_for_unit

    register = open_register(tmp_path / "r.sqlite")
    import_plan(register, read_plan(_plan(tmp_path, 2)))
    sheet_path = tmp_path / "vp.xlsx"
    export_for_unit(register, TaskFilter(), "Văn phòng Sở", sheet_path, date(2026, 11, 23))
    book = openpyxl.load_workbook(sheet_path)
    ws = book["Nhiệm vụ"]
    row = next(r[0].row for r in ws.iter_rows(min_row=7) if len(r) >= 10 and r[9].value)
    ws[f"I{row}"] = "Kết quả đơn vị ghi"
    book.save(sheet_path)
    sheet = read_returned_sheet(register, sheet_path, date(2026, 11, 23))
    assert [c.conflict for c in sheet.changes] == [False]
    task_id = sheet.changes[0].task_id
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2030, 1, 1, 8, 0))
    update_task(register, task_id, {"result": "Sửa trong lúc xem trước"})  # between preview and write
    assert apply_returned_sheet(register, sheet) == 0
    assert register["tasks"].get(task_id)["result"] == "Sửa trong lúc xem trước"
    register.close()


def test_import_into_a_closed_pipe_still_imports(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    db_path = tmp_path / "r.sqlite"
    command = [sys.executable, "-m", "tui.cli", "--db", str(db_path), "import", str(_plan(tmp_path, 4))]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before theodoi writes a word (`… | head -0`)
    process.wait(timeout=60)
    errors = process.stderr.read().decode()
    assert "Traceback" not in errors
    from db.register import open_register

    register = open_register(db_path)
    assert count_tasks(register, TaskFilter()) == 4
    register.close()


def test_a_file_with_a_windows_1258_line_is_read_line_by_line_with_a_warning(tmp_path):
    path = tmp_path / "kh.txt"
    row = "2\tThanh tra\tĐoàn thanh niên\tQuy III/2026\n".encode("cp1258")
    path.write_bytes((PLAN + "1\tRà soát\tVăn phòng Sở\tQuý II/2026\n").encode() + row)
    plan = read_plan(path)
    assert [t.lead_units for t in plan.tasks] == [["Văn phòng Sở"], ["Đoàn thanh niên"]]
    assert any("Windows-1258" in str(w) for w in plan.warnings)


def test_a_cell_beyond_excels_limit_is_cut_with_a_warning(tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(PLAN + "1\t" + "Rà soát " * 5000 + "\tVăn phòng Sở\tQuý II/2026\n", encoding="utf-8")
    plan = read_plan(path)
    assert len(plan.tasks[0].content) <= 32_767
    assert any("32767 ký tự đầu" in str(w) for w in plan.warnings)


def test_a_sheet_of_too_many_rows_is_refused_before_it_is_loaded(tmp_path):
    from bench.bombs import _cell, _xlsx

    rows = "".join(f'<row r="{n}">{_cell(f"B{n}", "Rà soát")}</row>' for n in range(1, 20_100))
    with pytest.raises(PlanReadError, match="hơn 20000 dòng"):
        read_plan(_xlsx(tmp_path / "rows.xlsx", rows))


@pytest.mark.parametrize(("text", "query", "found"), [
    ("Đẩy mạnh số hoá hồ sơ", "số hóa", True),  # old and new tone placement read alike
    ("Cải cách sở hòa bình", "số hóa", False),  # typed accents are honoured
    ("ĐẨY MẠNH SỐ HÓA", "số hóa", True),
    ("số  hóa", "số hóa", True),
])
def test_typed_accents_compare_as_written(text, query, found):
    from db.search import contains_typed

    assert bool(contains_typed(text, query)) is found


def test_a_multi_file_import_failing_on_the_second_file_says_what_was_written(tmp_path, monkeypatch):
    import sqlite3

    import db.importer

    db_path = tmp_path / "r.sqlite"
    first, second = _plan(tmp_path, 2, "mot.txt"), tmp_path / "hai.txt"
    second.write_text(PLAN.replace("3/KH-SYT", "4/KH-SYT") + "1\tViệc khác\tThanh tra Sở\tQuý II/2026\n",
                      encoding="utf-8")
    real = db.importer.import_plan
    calls = []

    def flaky(register, plan, remove_missing=False):
        calls.append(plan.source_name)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(register, plan, remove_missing=remove_missing)

    monkeypatch.setattr("db.importer.import_plan", flaky)  # the CLI imports it when a plan is read
    result = run("import", str(first), str(second), db=db_path)
    assert result.exit_code == 2
    assert "các tệp đã ghi trước đó: mot.txt" in result.output


@pytest.mark.parametrize(("code", "reading", "writing"), [
    (13, "không có quyền đọc", "không có quyền ghi"), (28, "đĩa đã đầy", "đĩa đã đầy"),
    (36, "tên tệp quá dài", "tên tệp quá dài"), (9999, "lỗi hệ thống tệp (mã 9999)", "lỗi hệ thống tệp (mã 9999)"),
])
def test_file_system_errors_are_said_in_vietnamese_everywhere(code, reading, writing):
    from exports.task_sheet import write_error
    from plans.os_errors import os_reason
    from tui.writes import failure_message

    error = OSError(code, "English words from the system")
    assert os_reason(error) == reading
    assert writing in write_error(error, Path("/tmp/x.xlsx")) and "English" not in write_error(error, Path("x"))
    assert writing in failure_message(error) and "English" not in failure_message(error)


@pytest.mark.parametrize(("content", "product", "typed", "rank"), [
    ("Đẩy mạnh số hóa hồ sơ", "Báo cáo", "so hoa", 0),
    ("Đẩy mạnh chuyển đổi", "Kho dữ liệu số hóa", "số hóa", 1),
    ("Chuyển đổi số", "Báo cáo", "so hoa", 2),  # found in the progress note
    ("SỐ  HÓA hồ sơ", "", "số hóa hồ", 0),
    ("Báo cáo", "Số hóa – hồ sơ, kết quả", "so hoa ho so ket", 1),  # words apart by punctuation: still found
])
def test_search_ranks_content_before_product(fresh_db, tmp_path, content, product, typed, rank):
    """Three matches of each rank, imported in the opposite order, and the task under test: it stands
    with those of its rank (the phrase in the content, then in the product, then elsewhere)."""
    from db.edits import update_task
    from db.filters import fetch_tasks, ranked_ids
    from tests.conftest import write_plan

    rows = [["1", "Báo cáo tháng", "Số hóa hồ sơ kết quả", "Văn phòng Sở", "Quý I/2026"],  # the phrase elsewhere
            ["2", "Rà soát quy trình", "Bộ số hóa hồ sơ kết quả", "Văn phòng Sở", "Quý I/2026"],
            ["3", "Số hóa hồ sơ kết quả giải quyết", "Báo cáo", "Văn phòng Sở", "Quý I/2026"],
            ["4", content, product, "Thanh tra Sở", "Quý II/2026"]]
    import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", rows)))
    tasks = fetch_tasks(fresh_db, TaskFilter())
    update_task(fresh_db, tasks[0].id, {"product": "", "progress_note": f"Đã {typed} hồ sơ kết quả"})
    update_task(fresh_db, tasks[3].id, {"progress_note": f"Đã {typed} hồ sơ kết quả"})
    ranked = ranked_ids(fresh_db, TaskFilter(search=typed))
    others = [tasks[2].id, tasks[1].id, tasks[0].id]  # content, product, elsewhere
    assert ranked == [*others[:rank + 1], tasks[3].id, *others[rank + 1:]]  # after its rank's other: plan order
