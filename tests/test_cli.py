"""The command line as the officer scripts it."""

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from tui.cli import main


def run(*args, db=None):
    runner = CliRunner()
    base = ["--db", str(db)] if db else []
    return runner.invoke(main, [*base, "--today", "2026-11-22", *args])


def test_import_then_filter_seed(seed_000, db_path):
    result = run("import", str(seed_000), db=db_path)
    assert result.exit_code == 0, result.output
    assert "40 nhiệm vụ" in result.output and "VI. Hiện đại hóa hành chính nhà nước: 10" in result.output
    assert "ghép vào nhiệm vụ" in result.output and "coi «Văn phòng Sở» là chủ trì" in result.output
    result = run("tasks", "--unit", "van phong so", "--deadline", "Quý II/2020", "--json", db=db_path)
    tasks = json.loads(result.output)
    assert len(tasks) == 20
    quarter = [t for t in tasks if t["deadline_kind"] == "quarter"]
    assert [(t["number"], t["due"], t["start"]) for t in quarter] == [("7", "2020-06-30", "2020-04-01")]
    assert {t["deadline_kind"] for t in tasks} == {"quarter", "ongoing", "recurring"}
    assert all("Văn phòng Sở" in t["lead_units"] + t["coordinating_units"] for t in tasks)
    first = tasks[0]
    assert set(first) >= {"id", "plan", "section", "number", "content", "product", "lead_unit",
                          "coordinating_units", "deadline_text", "deadline_kind", "start", "due", "status"}
    assert first["plan"] == "234/KH-SYT"


def test_import_twice_adds_nothing(demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    result = run("import", str(demo_plan), db=db_path)
    assert "không có gì thay đổi" in result.output
    assert len(json.loads(run("tasks", "--json", db=db_path).output)) == 28


def test_dry_run_writes_nothing(demo_plan, db_path):
    result = run("import", "--dry-run", str(demo_plan), db=db_path)
    assert "Chạy thử" in result.output
    assert not db_path.exists()  # not even an empty register
    assert run("tasks", "--json", db=db_path).exit_code == 2


def test_status_words_without_accents(demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    result = run("tasks", "--status", "chua thuc hien", "--json", db=db_path)
    assert len(json.loads(result.output)) == 28


def test_bad_input_exit_2_and_register_untouched(tmp_path, demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    before = run("tasks", "--json", db=db_path).output
    garbage = tmp_path / "rac.txt"
    garbage.write_bytes(bytes(range(256)) * 10)
    for args in (["import", str(tmp_path / "khong-co.txt")], ["import", str(garbage)],
                 ["import", str(demo_plan), str(garbage)], ["tasks", "--deadline", "hôm qua"],
                 ["tasks", "--status", "tạm dừng"]):
        result = run(*args, db=db_path)
        assert result.exit_code == 2, args
        assert result.output.startswith("Lỗi: ") or "Lỗi: " in result.output
        assert "Traceback" not in result.output
    assert run("tasks", "--json", db=db_path).output == before  # every task as it was
    assert len(json.loads(before)) == 28


def test_register_that_is_not_sqlite(tmp_path):
    fake = tmp_path / "so.sqlite"
    fake.write_text("hello")
    result = run("tasks", db=fake)
    assert result.exit_code == 2 and "không phải là sổ theo dõi" in result.output
    assert fake.read_text() == "hello"


def test_demo_lists_tasks():
    result = run("--demo", "tasks")
    assert result.exit_code == 0
    assert "28 / 28 nhiệm vụ" in result.output
    assert "hoàn thành" in result.output and "QUÁ HẠN" in result.output


def test_export_and_receive_from_the_command_line(tmp_path, demo_plan, db_path):
    import openpyxl

    run("import", str(demo_plan), db=db_path)
    out = tmp_path / "x.xlsx"
    result = run("export", "--unit", "van phong so", "--deadline", "Quý IV/2026", "-o", str(out), db=db_path)
    assert result.exit_code == 0 and "Đã xuất 8 nhiệm vụ" in result.output
    sheet = tmp_path / "vp.xlsx"
    run("export", "--for-unit", "Văn phòng Sở", "-o", str(sheet), db=db_path)
    book = openpyxl.load_workbook(sheet)
    book["Nhiệm vụ"]["G8"] = "Hoàn thành"
    book.save(sheet)
    preview = run("receive", str(sheet), db=db_path)
    assert "trạng thái: chưa thực hiện → hoàn thành" in preview.output and "Chưa ghi gì" in preview.output
    applied = run("receive", str(sheet), "--yes", db=db_path)
    assert "Đã cập nhật 1 nhiệm vụ" in applied.output
    tasks = json.loads(run("tasks", "--status", "hoàn thành", "--json", db=db_path).output)
    assert len(tasks) == 1 and tasks[0]["completed_on"] == "2026-11-22"
    book["Nhiệm vụ"]["G9"] = "xong roi"
    book.save(sheet)
    bad = run("receive", str(sheet), "--yes", db=db_path)
    assert bad.exit_code == 2 and "Ô G9" in bad.output


def test_each_unit_export(tmp_path, demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    result = run("export", "--each-unit", "-o", str(tmp_path / "phieu"), db=db_path)
    assert "Văn phòng Sở: 14 nhiệm vụ" in result.output  # 13 it leads, 1 it coordinates
    assert "Bệnh viện Đa khoa tỉnh: 1 nhiệm vụ" in result.output  # a unit that only coordinates gets its sheet
    assert len(list((tmp_path / "phieu").glob("*.xlsx"))) == 10  # the two stock groups get none


def test_report_on_the_terminal_json_and_workbook(tmp_path):
    import openpyxl

    from tui.demo import build_demo_register

    path = build_demo_register(tmp_path, __import__("datetime").date(2026, 11, 22))
    text = run("report", "--period", "Quý IV/2026", db=path)
    assert text.exit_code == 0 and "15/09/2026 – 14/12/2026" in text.output
    data = json.loads(run("report", "--period", "Quý IV/2026", "--json", db=path).output)
    assert data["totals"]["total"] == sum(u["total"] for u in data["by_unit"].values())
    tasks = json.loads(run("tasks", "--deadline", "quá hạn", "--json", db=path).output)
    # on 22/11/2026: a quarterly, a half-year and two monthly tasks behind on an occurrence, and two more
    assert len(tasks) == 6 and all(t["overdue"] for t in tasks)
    assert sorted(t["deadline_text"] for t in tasks) == ["6 tháng đầu năm 2026", "Hàng quý", "Hàng tháng",
                                                         "Hàng tháng", "Quý III/2026", "Định kỳ 6 tháng"]
    out = tmp_path / "bc.xlsx"
    run("report", "--period", "6 tháng đầu năm 2026", "-o", str(out), db=path)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Theo đơn vị", "Theo mục", "Quá hạn", "Toàn bộ"]
    for sheet in book:
        assert sheet["A1"].value == "SỞ Y TẾ AN HÒA" and sheet["A2"].value.startswith("Kế hoạch số 112/KH-SYT")
        assert sheet["A4"].value.startswith("Số liệu tính đến ngày 14/06/2026, kỳ báo cáo 15/12/2025 – 14/06/2026")
        assert sheet["A4"].value.endswith("Ngày xuất: 22/11/2026")
    assert book["Theo đơn vị"]["A3"].value == "BÁO CÁO KẾT QUẢ THỰC HIỆN – 6 THÁNG ĐẦU NĂM 2026"
    run("report", "--period", "Quý IV/2026", "-o", str(out), db=path)  # the period runs: judged today
    overdue = openpyxl.load_workbook(out)["Quá hạn"]
    assert overdue["A4"].value.startswith("Số liệu tính đến ngày 22/11/2026")
    dues = [datetime.strptime(row[4], "%d/%m/%Y").date() for row in overdue.iter_rows(min_row=7, values_only=True)]
    assert dues and max(dues) < date(2026, 11, 22)  # the 30/11 occurrence is not overdue yet
    assert run("report", "--period", "mai kia", db=path).exit_code == 2
    since = run("report", "--since", "01/11/2026", db=path)
    assert "Những thay đổi từ buổi giao ban 01/11/2026" in since.output


def test_units_and_settings_from_the_command_line(demo_plan, db_path, tmp_path):
    import openpyxl

    run("import", str(demo_plan), db=db_path)
    listing = run("units", db=db_path).output
    assert "Thanh tra Sở" in listing and "chủ trì" in listing
    nvy = next(line for line in listing.splitlines() if line.startswith("Phòng Nghiệp vụ Y"))
    assert " ".join(nvy.split()) == "Phòng Nghiệp vụ Y chủ trì 3 phối hợp 0 quá hạn 1 còn trong quý 1"
    assert "Đã gộp" in run("units", "merge", "thanh tra so", "Văn phòng Sở", db=db_path).output
    assert "Thanh tra Sở" not in run("units", db=db_path).output
    assert run("units", "merge", "khong co", "Văn phòng Sở", db=db_path).exit_code == 2
    assert "Đã đổi" in run("units", "rename", "Văn phòng Sở", "Văn phòng Sở Y tế", db=db_path).output
    run("config", "department", "Sở Y tế tỉnh An Hòa", db=db_path)
    assert "Sở Y tế tỉnh An Hòa" in run("config", db=db_path).output
    out = tmp_path / "x.xlsx"
    run("export", "-o", str(out), db=db_path)
    assert openpyxl.load_workbook(out)["Nhiệm vụ"]["A1"].value == "SỞ Y TẾ TỈNH AN HÒA"


def test_units_counts_stand_in_one_column_beside_long_names(demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    run("units", "rename", "Thanh tra Sở", "Chi cục Quản lý chất lượng nông lâm sản và thủy sản tỉnh", db=db_path)
    listing = run("units", db=db_path).output.splitlines()
    assert len({line.index(" chủ trì ") for line in listing}) == 1, listing


def test_a_filter_it_cannot_read_is_told_before_anything_is_printed(demo_plan, db_path):
    """`--json` output is valid JSON or nothing: an unreadable deadline used to print «[» (or the listing's
    heading) before the error."""
    run("import", str(demo_plan), db=db_path)
    for extra in ([], ["--json"], ["--jsonl"]):
        result = CliRunner().invoke(main, ["--db", str(db_path), "tasks", "--deadline", "Quý 5/2026", *extra])
        assert result.exit_code == 2 and result.stdout == "", result.stdout
        assert "không hiểu thời hạn «Quý 5/2026»" in result.stderr


def test_export_to_a_place_that_cannot_be_written(tmp_path, demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    for args in (["export", "-o", str(blocker / "x.xlsx")], ["export", "-o", str(tmp_path)],
                 ["report", "--period", "năm 2026", "-o", str(blocker / "b.xlsx")]):
        result = run(*args, db=db_path)
        assert result.exit_code == 2, args
        assert result.output.startswith("Lỗi: không ghi được «") and "Traceback" not in result.output
    assert run("report", "--as-of", "2026-13-01", db=db_path).exit_code == 2


def test_click_speaks_vietnamese_in_help_and_errors():
    help_text = run("--help").output
    assert "Cách dùng: main [TÙY CHỌN] LỆNH [THAM SỐ]..." in help_text  # "theodoi" when installed
    assert "Tùy chọn:" in help_text and "Lệnh:" in help_text and "Hiện hướng dẫn này rồi thoát." in help_text
    assert "Usage" not in help_text and "Options" not in help_text
    wrong = run("tasks", "--stat", "x")
    assert wrong.exit_code == 2
    assert "Lỗi: Không có tùy chọn '--stat'. Có phải ý là '--status'?" in wrong.output
    assert "Lỗi: Thiếu tham số 'TỆP...'." in run("import").output


def test_compiled_catalog_holds_every_translation_of_its_source():
    import ast
    import gettext
    import re

    from tui.cli import LOCALE_DIR

    folder = LOCALE_DIR / "vi" / "LC_MESSAGES"
    with (folder / "theodoi.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    source = (folder / "theodoi.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\n(?:msgid_plural ".*"\n)?msgstr(?:\[0\])? "(.*)"$', source, re.MULTILINE)
    assert len(pairs) >= 50
    for msgid, msgstr in pairs:
        assert catalog.gettext(ast.literal_eval(f'"{msgid}"')) == ast.literal_eval(f'"{msgstr}"'), msgid


def test_units_are_attached_in_chunks_for_any_number_of_tasks(demo_plan, db_path, monkeypatch):
    import db.tasks
    from db.filters import TaskFilter, fetch_tasks
    from db.register import open_register

    run("import", str(demo_plan), db=db_path)
    register = open_register(db_path)
    whole = [t.lead_units for t in fetch_tasks(register, TaskFilter())]
    monkeypatch.setattr(db.tasks, "_CHUNK", 3)  # as if the register held more tasks than SQLite takes at once
    assert [t.lead_units for t in fetch_tasks(register, TaskFilter())] == whole
    register.close()


def test_tasks_stream_as_json_lines_and_respect_the_limit(demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    lines = run("tasks", "--jsonl", "--limit", "5", db=db_path).output.splitlines()
    assert len(lines) == 5 and all(json.loads(line)["content"] for line in lines)
    assert len(json.loads(run("tasks", "--json", db=db_path).output)) == 28


def test_lead_only_is_a_vietnamese_flag_and_help_has_no_english(demo_plan, db_path):
    run("import", str(demo_plan), db=db_path)
    both = json.loads(run("tasks", "--unit", "van phong so", "--json", db=db_path).output)
    lead = json.loads(run("tasks", "--unit", "van phong so", "--chu-tri", "--json", db=db_path).output)
    assert (len(both), len(lead)) == (14, 13)  # the demo's Văn phòng Sở leads 13 tasks, coordinates one more
    assert json.loads(run("tasks", "--unit", "van phong so", "--role", "lead", "--json", db=db_path).output) == lead
    help_text = run("tasks", "--help").output
    assert "--chu-tri" in help_text and "--role" not in help_text
    assert not any(word in help_text for word in ("INTEGER", "TEXT", "RANGE", "Usage", "Options"))
    assert "số âm" in run("tasks", "--limit", "-1", db=db_path).output
    listing = run("tasks", "--unit", "van phong so", "--chu-tri", "--limit", "3", db=db_path).output.splitlines()
    assert listing[0] == "Nhiệm vụ do Văn phòng Sở chủ trì:"
    assert len(listing) == 5 and listing[-1] == "3 đầu tiên trong 13 / 28 nhiệm vụ"


def test_the_terminal_report_lists_the_first_overdue_items_and_says_how_many_more(tmp_path, monkeypatch):
    import tui.report_text
    from tui.demo import build_demo_register

    path = build_demo_register(tmp_path, date(2026, 11, 22))
    monkeypatch.setattr(tui.report_text, "LISTED", 2)  # as if the register had more overdue items than fit
    text = run("report", "--period", "Quý IV/2026", db=path).output
    # on 22/11/2026: seven overdue items, two of them occurrences of task 12 (Sep and Oct)
    assert "Nhiệm vụ quá hạn chưa hoàn thành (7):" in text
    listed = [line for line in text.splitlines() if line.startswith("  #")]
    assert [line.split()[0] for line in listed] == ["#4", "#8"]
    assert "… và 5 nhiệm vụ quá hạn khác" in text and "--day-du" in text
    every = run("report", "--period", "Quý IV/2026", "--day-du", db=path).output
    assert len([line for line in every.splitlines() if line.startswith("  #")]) == 7 and "… và" not in every
    data = json.loads(run("report", "--period", "Quý IV/2026", "--json", db=path).output)
    assert len(data["overdue"]) == 7  # scripts get every item


def test_a_listing_stops_once_its_reader_has_gone(monkeypatch):
    """`theodoi tasks | head`: the first block is written, the pipe found closed, no more tasks are read."""
    import sys

    from tui import cli

    read = []

    def lines():
        for number in range(5000):
            read.append(number)
            yield f"dòng {number}"

    class Closed:
        closed_pipe = True

        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setattr(sys, "stdout", Closed())
    assert cli.echo_lines(lines(), block=100) == 100 and len(read) == 100


def test_a_listing_line_names_every_lead_unit_in_order(demo_plan, db_path):
    """`theodoi tasks` prints each task's lead units from its own row: one lead, several in their order, and
    a task whose first lead was merged into its second (the only link left is not the first position)."""
    from db.edits import update_task
    from db.filters import TaskFilter, fetch_tasks
    from db.register import open_register
    from db.units import find_unit, merge_units

    run("import", str(demo_plan), db=db_path)
    db = open_register(db_path)
    first, second = fetch_tasks(db, TaskFilter(), limit=2)
    update_task(db, first.id, {"lead_units": ["Thanh tra Sở", "Văn phòng Sở"]})
    update_task(db, second.id, {"lead_units": ["Phòng Kế hoạch Tài vụ", "Thanh tra Sở"]})
    merge_units(db, find_unit(db, "Thanh tra Sở"), find_unit(db, "Phòng Kế hoạch Tài vụ"))
    db.close()
    lines = run("tasks", db=db_path).output.splitlines()
    listed = {line.split()[0]: line.split(" | ")[1] for line in lines if line.startswith("#")}
    assert listed[f"#{first.id}"] == "Thanh tra Sở; Văn phòng Sở"
    assert listed[f"#{second.id}"] == "Thanh tra Sở"
    assert len(listed) == 28 and all(listed.values())


@pytest.mark.parametrize("typed", ["!!!", '"', "–", "*"])
def test_a_search_of_no_word_lists_every_task(demo_plan, db_path, typed):
    """Typed punctuation only: no word to find, so every task is listed — never an FTS5 syntax error."""
    run("import", str(demo_plan), db=db_path)
    listed = run("tasks", "--search", typed, db=db_path)
    assert listed.exit_code == 0 and "28 / 28 nhiệm vụ" in listed.output, listed.output[-300:]
    assert len(json.loads(run("tasks", "--search", typed, "--json", db=db_path).output)) == 28


def test_a_listing_line_says_how_many_days_a_task_is_late(tmp_path, db_path):
    """A line as the officer reads it: number, content cut at 70 characters, lead, deadline as written (or
    «không có thời hạn»), status in words and, only when late, by how many days on the day given."""
    from tests.conftest import write_plan

    long = "Rà soát " + "thủ tục hành chính " * 5
    plan = write_plan(tmp_path, "kh.txt", [
        ["1", "Việc quá hạn", "BC", "Văn phòng Sở", "Tháng 9/2026"],
        ["2", long, "BC", "Thanh tra Sở", ""],
        ["3", "Việc hôm nay", "BC", "Thanh tra Sở", "ngày 22/11/2026"],
    ], head="Số: 7/KH-SYT\n\nHà Nam, ngày 02 tháng 01 năm 2026\n\nKẾ HOẠCH\nThử nghiệm năm 2026\n\n")
    run("import", str(plan), db=db_path)
    lines = [line for line in run("tasks", db=db_path).output.splitlines() if line.startswith("#")]
    cells = [[cell.strip() for cell in line.split(" | ")] for line in lines]
    assert cells[0][1:] == ["Văn phòng Sở", "Tháng 9/2026", "chưa thực hiện [QUÁ HẠN 53 ngày]"]
    assert cells[1][0].endswith(long[:69] + "…") and cells[1][1:] == ["Thanh tra Sở", "không có thời hạn",
                                                                       "chưa thực hiện"]
    assert cells[2][1:] == ["Thanh tra Sở", "ngày 22/11/2026", "chưa thực hiện"]  # due today: not late yet
