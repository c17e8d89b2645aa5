"""The interface driven as the officer drives it: keys in, screens and register checked."""

import asyncio
from datetime import date, datetime

import pytest

import db.clock
import db.register
from db import status as st
from db.filters import TaskFilter, count_tasks, fetch_tasks
from db.register import open_register
from db.tasks import get_task
from tui.app import TheodoiApp, build_app
from tui.demo import build_demo_register
from tui.forms import StatusForm
from tui.help_screen import HelpScreen
from tui.import_screen import FilePicker, ImportPreview, PreviewTable
from tui.task_list import TaskList
from tui.units_screen import UnitsScreen
from tui.welcome import WelcomeScreen

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2026, 11, 22, 9, 30))


@pytest.fixture
def demo_path(tmp_path):
    return build_demo_register(tmp_path, TODAY)


@pytest.fixture
def app(demo_path) -> TheodoiApp:
    return build_app(demo_path, TODAY)


async def header(app) -> str:
    await settle(app)
    return str(app.main_screen.query_one("#header").render())


async def enter_text(pilot, text: object) -> None:
    """Put `text` into the focused field at once and press Enter: typing a 60-character path key by key
    costs seconds (test_import_preview_then_confirm still types one, to the folder tree)."""
    pilot.app.focused.value = str(text)
    await pilot.press("enter")


async def receive(pilot, path) -> None:
    """n: the returned sheet (or the folder of them) at `path`, read in a worker."""
    await pilot.press("n")
    await pilot.click("#path")
    await enter_text(pilot, path)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settle(app) -> None:
    """Wait for the count worker, then for the screen to take its answer."""
    await app.workers.wait_for_complete()
    await asyncio.sleep(0.05)
    await app.workers.wait_for_complete()


def task_at(app, index: int):
    """The task on line `index` of the main screen's list (section rows not counted)."""
    return app.main_screen.query_one("#tasks").pages.task(index)


def list_lines(app) -> list[str]:
    """The task list as drawn on the terminal, line by line."""
    table = app.main_screen.query_one("#tasks")
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def shown(app) -> int:
    await settle(app)
    return app.main_screen.query_one("#tasks").total


async def test_main_screen_shows_all_tasks(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "28 / 28 nhiệm vụ" in (await header(app))
        assert app.main_screen.query_one("#tasks").total == 28
        assert app.main_screen.query_one("#detail").shown_task.content.startswith("Ban hành Kế hoạch")
        await pilot.press("down")
        assert app.main_screen.query_one("#detail").shown_task.content.startswith("Tổ chức hội nghị")


# the demo register on 22/11/2026, counted by hand from tui/demo.py
@pytest.mark.parametrize(("key", "view", "expected"), [("2", "overdue", 6), ("3", "next30", 1), ("4", "quarter", 13),
                                                       ("5", "ongoing", 3), ("6", "done", 10), ("1", "all", 28)])
async def test_quick_views(app, key, view, expected):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(key)
        assert app.main_screen.filter.view == view
        assert (await shown(app)) == expected
        assert f"{expected} / 28" in (await header(app))


async def test_unit_filter_finds_a_unit_by_its_initials(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("u", *"tchc", "enter")
        assert app.main_screen.filter.unit == "Phòng Tổ chức - Hành chính"
        assert (await shown(app)) == 6


async def test_filters_combine_and_clear(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("u")
        await pilot.press(*"van phong")
        await pilot.press("enter")
        await pilot.press("d")
        await pilot.press(*"Quý IV/2026")
        await pilot.pause()
        hint = str(app.screen.query_one("#prompt-hint").render())
        assert "01/10/2026 – 31/12/2026" in hint
        await pilot.press("enter")
        assert app.main_screen.filter == TaskFilter(unit="Văn phòng Sở", deadline="Quý IV/2026")
        assert (await shown(app)) == 8
        assert "Nhiệm vụ của Văn phòng Sở – hạn trong Quý IV/2026" in str(
            app.main_screen.query_one("#filter-bar").render())
        await pilot.press("l")
        assert (await shown(app)) == 8  # Văn phòng Sở leads all eight
        await pilot.press("t")
        await pilot.press(*"dang")
        await pilot.press("enter")
        assert (await shown(app)) == 4
        await pilot.press("c")
        assert (await shown(app)) == 28


async def test_deadline_filter_explains_what_it_cannot_read(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d")
        await pilot.press(*"tuần sau")
        await pilot.pause()
        assert "không hiểu thời hạn" in str(app.screen.query_one("#prompt-hint").render())
        await pilot.press("enter")
        assert (await shown(app)) == 28


async def test_search_is_accent_insensitive(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"benh an dien tu")
        await pilot.press("enter")
        assert (await shown(app)) == 1
        assert app.main_screen.query_one("#tasks").current_task.content.startswith("Triển khai bệnh án điện tử")


async def test_status_change_then_undo(app):
    async with app.run_test(size=(120, 36)) as pilot:
        task = task_at(app, 6)
        assert task.status == st.NOT_STARTED and task.deadline.kind == "month"
        for _ in range(6):
            await pilot.press("down")
        await pilot.press("enter")
        assert isinstance(app.screen, StatusForm)
        await pilot.press("down", "down", "enter")
        await pilot.click("#result")
        await pilot.press(*"BC 7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = get_task(app.db, task.id)
        assert (saved.status, saved.completed_on, saved.result) == (st.DONE, TODAY, "BC 7")
        await pilot.press("ctrl+z")
        assert get_task(app.db, task.id).status == st.NOT_STARTED
        assert "hoàn tác" in str(app.main_screen.query_one("#message").render()).lower()


async def test_bad_completion_date_is_refused(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.click("#completed_on")
        await pilot.press("end", "ctrl+u", *"31/02/2026")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StatusForm)
        assert "không đúng dạng" in str(app.screen.query_one("#form-error").render())


async def test_several_selected_rows_get_one_status(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")  # ongoing
        ids = [task_at(app, i).id for i in range(2)]
        await pilot.press("space", "down", "space", "enter")
        await pilot.press("down", "enter", "ctrl+s")
        await pilot.pause()
        assert [get_task(app.db, i).status for i in ids] == [st.IN_PROGRESS, st.IN_PROGRESS]


async def test_a_new_filter_drops_the_choice_made_in_the_list_before(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("space", "down", "space")
        assert len(app.main_screen.query_one("#tasks").selected) == 2
        await pilot.press("2")  # overdue: the two chosen tasks are not shown, so they are no longer chosen
        assert app.main_screen.query_one("#tasks").selected == set()
        await pilot.press("enter")
        assert app.screen.query_one(".dialog-title").render().plain.startswith("Cập nhật: 4.")  # only the task shown


async def test_delete_asks_first_and_is_undoable(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("delete")
        await pilot.press("escape")
        assert (await shown(app)) == 28
        await pilot.press("delete", "y")
        assert (await shown(app)) == 27
        await pilot.press("ctrl+z")
        assert (await shown(app)) == 28


async def test_add_and_edit_task_by_hand(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.press(*"Viec giao bang van ban giay")
        await pilot.click("#deadline_text")
        await pilot.press(*"Tháng 12/2026")
        await pilot.click("#lead")
        await pilot.press(*"Thanh tra Sở")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (await shown(app)) == 29
        added = fetch_tasks(app.db, TaskFilter(search="viec giao bang"))[0]
        assert added.deadline.due == date(2026, 12, 31) and added.lead_units == ["Thanh tra Sở"]
        await pilot.press("e")
        await pilot.click("#product")
        await pilot.press(*"Công văn")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert get_task(app.db, added.id).product == "Công văn"


async def test_a_mistyped_deadline_is_asked_about_not_kept_as_a_condition(app):
    """«Quý 5/2026» typed in the form: the form says what is wrong and stays open; the register is untouched.
    A real condition is saved as one."""
    async with app.run_test(size=(120, 36)) as pilot:
        task = app.main_screen.query_one(TaskList).current_task
        await pilot.press("e")
        deadline = app.screen.query_one("#deadline_text")
        deadline.value = "Quý 5/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "«Quý 5» không phải một quý" in str(app.screen.query_one("#form-error").render())
        assert get_task(app.db, task.id).deadline.text == task.deadline.text
        deadline.value = "Theo kế hoạch của UBND tỉnh"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = get_task(app.db, task.id).deadline
        assert (saved.text, saved.kind) == ("Theo kế hoạch của UBND tỉnh", "conditional")


async def test_the_form_counts_a_deadline_from_the_plans_issue(app):
    """Typed in the form, «Trong 30 ngày kể từ ngày ban hành Kế hoạch» reads as the day 30 days after the
    plan's issue (12/01/2026 for the demo plan), and is saved as that day."""
    async with app.run_test(size=(120, 36)) as pilot:
        task = app.main_screen.query_one(TaskList).current_task
        await pilot.press("e")
        app.screen.query_one("#deadline_text").value = "Trong 30 ngày kể từ ngày ban hành Kế hoạch"
        await pilot.pause()
        assert "hạn 11/02/2026" in str(app.screen.query_one("#deadline-reading").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert get_task(app.db, task.id).deadline.due == date(2026, 2, 11)


async def test_filter_is_kept_between_runs(demo_path):
    first = build_app(demo_path, TODAY)
    async with first.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        overdue = (await shown(first))
    first.db.close()
    second = build_app(demo_path, TODAY)
    async with second.run_test(size=(120, 36)):
        assert (await shown(second)) == overdue < 28
        assert "quá hạn" in str(second.main_screen.query_one("#filter-bar").render())


async def test_help_theme_and_palette(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        theme = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != theme
        await pilot.press("ctrl+p")
        await pilot.press(*"don vi: thanh tra")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main_screen.filter.unit == "Thanh tra Sở"
        await pilot.press("ctrl+p")
        assert str(app.screen.query_one("#--input Input").placeholder) == "Tìm lệnh…"
        app.screen.query_one("#--input Input").value = "khong co lenh nay"
        await pilot.pause(1.0)  # the palette waits a moment before saying nothing matched
        from textual.command import CommandList

        shown = [str(option.prompt.renderable) for option in app.screen.query_one(CommandList).options]
        assert shown == ["Không có lệnh nào khớp"]


async def counted(app, pilot) -> None:
    """The units screen counts in a worker: wait for its numbers."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_units_screen_merge(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("U")
        assert isinstance(app.screen, UnitsScreen)
        await counted(app, pilot)
        names = [u.name for u in app.screen.units]
        index = names.index("Thanh tra Sở")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("m")
        await pilot.press(*"van phong so")
        await pilot.press("enter", "y")
        await counted(app, pilot)
        assert "Thanh tra Sở" not in [u.name for u in app.screen.units]
        await pilot.press("escape")
        assert count_tasks(app.db, TaskFilter(unit="Thanh tra Sở")) == count_tasks(app.db, TaskFilter(
            unit="Văn phòng Sở"))


async def test_units_screen_shows_what_each_unit_owes(app):
    from db.filters import quarter_of

    nvy = TaskFilter(unit="Phòng Nghiệp vụ Y", role="lead")
    overdue = count_tasks(app.db, nvy.with_(view="overdue"), today=TODAY)
    open_this_quarter = [t for t in fetch_tasks(app.db, nvy.with_(view="quarter"), today=TODAY)
                         if t.status != st.DONE and t.deadline.kind not in ("ongoing", "recurring")
                         and TODAY <= t.deadline.due <= quarter_of(TODAY)[1]]
    assert overdue == 1 and len(open_this_quarter) == 1
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("U")
        await counted(app, pilot)
        table = app.screen.query_one("#units")
        row = [u.name for u in app.screen.units].index("Phòng Nghiệp vụ Y")
        assert [str(cell) for cell in table.get_row_at(row)][3:] == ["1", "1"]
        assert "Quý IV/2026, tính từ 22/11/2026" in str(app.screen.query_one("#header").render())
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("o")
        assert app.screen is app.main_screen
        assert (await shown(app)) == overdue
        assert app.main_screen.filter == TaskFilter(unit="Phòng Nghiệp vụ Y", role="lead", view="overdue")


async def test_import_preview_then_confirm(tmp_path, demo_plan):
    path = tmp_path / "empty.sqlite"
    open_register(path).close()
    plan = tmp_path / "quy-che.txt"  # a "q" typed into the path must not quit
    plan.write_bytes(demo_plan.read_bytes())
    app = build_app(path, TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("i")
        assert isinstance(app.screen, FilePicker)
        await pilot.press(*str(plan), "enter")  # typed while the folder tree has the focus
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportPreview)
        assert app.db["tasks"].count == 0  # nothing written before confirming
        assert "28 nhiệm vụ" in str(app.screen.query_one("#header").render())
        # a row opens each section, as in the task list: which part of the plan a task is in
        table = app.screen.query_one("#preview", PreviewTable)
        assert table.render_line(1).text.strip() == "I. Công tác chỉ đạo, điều hành"
        assert "II. Cải cách thể chế" in table.sections.labels
        await pilot.press("right", "enter")
        await pilot.press("end", "ctrl+u", *"Nội dung đã sửa", "enter")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (await shown(app)) == 28
        assert fetch_tasks(app.db, TaskFilter())[0].content == "Nội dung đã sửa"


async def test_import_of_a_bad_file_says_why(tmp_path):
    bad = tmp_path / "rac.txt"
    bad.write_text("không có bảng")
    path = tmp_path / "r.sqlite"
    app = build_app(path, TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        await pilot.click("#path")
        await enter_text(pilot, bad)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Không nhập được" in str(app.screen.query_one("#header").render())
        await pilot.press("escape")
        assert app.db["tasks"].count == 0


async def test_welcome_opens_demo(tmp_path):
    app = build_app(tmp_path / "new.sqlite", TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("m")
        await pilot.pause()
        assert (await shown(app)) == 28 and app.demo


async def test_export_view_and_take_back_a_unit_sheet(app, tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setattr("tui.sheet_actions.SHOWN_CHANGES", 0)
    target = tmp_path / "bang.xlsx"
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "x")
        assert "nhiem-vu_overdue_2026-11-22.xlsx" in app.screen.query_one("#prompt-input").value
        await enter_text(pilot, target)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.exists()
        assert "Đã xuất" in str(app.main_screen.query_one("#message").render())
        await pilot.press("c", "u", *"thanh tra", "enter", "w")
        sheet = tmp_path / "phieu.xlsx"
        await enter_text(pilot, sheet)
        await app.workers.wait_for_complete()
        book = openpyxl.load_workbook(sheet)
        led = fetch_tasks(app.db, TaskFilter(unit="Thanh tra Sở", role="lead"))[0].id
        row = next(r[0].row for r in book["Nhiệm vụ"].iter_rows(min_row=7) if len(r) >= 10 and r[9].value == led)
        book["Nhiệm vụ"][f"G{row}"] = "Hoàn thành"
        book["Nhiệm vụ"][f"H{row}"] = datetime(2026, 11, 20)
        book.save(sheet)
        await receive(pilot, sheet)
        question = str(app.screen.query_one(".dialog-title").render())
        assert "1 nhiệm vụ thay đổi" in question and "… và 1 nhiệm vụ khác" in question
        await pilot.press("y")
        await pilot.pause()
        done = fetch_tasks(app.db, TaskFilter(unit="Thanh tra Sở", role="lead"))[0]
        assert (done.status, done.completed_on) == (st.DONE, date(2026, 11, 20))


async def test_a_refused_sheet_is_told_once_by_name_with_its_problems(app, tmp_path):
    """A unit sorted the visible columns of its sheet: the officer reads which rows, that nothing changed, and
    where to see every problem — the sheet's name once, not before each problem."""
    import openpyxl

    from exports.unit_sheets import export_for_unit

    sheet = tmp_path / "phieu.xlsx"
    export_for_unit(app.db, TaskFilter(), "Văn phòng Sở", sheet, date(2026, 11, 22))
    book = openpyxl.load_workbook(sheet)
    ws = book["Nhiệm vụ"]
    rows = [r[0].row for r in ws.iter_rows(min_row=7) if len(r) >= 10 and isinstance(r[9].value, int)]
    for row in rows[:5]:
        ws[f"B{row}"] = "Nội dung đã bị sửa"
    book.save(sheet)
    before = [(t.id, t.status, t.updated_at) for t in fetch_tasks(app.db, TaskFilter())]
    async with app.run_test(size=(120, 36)) as pilot:
        await receive(pilot, sheet)
        told = str(app.main_screen.query_one("#message").render())
    assert told.startswith("Không nhận phiếu phieu.xlsx, sổ không thay đổi: Hàng ")
    assert told.count("phieu.xlsx") == 2 and "… và 2 lỗi khác (xem đủ: theodoi receive" in told
    assert [(t.id, t.status, t.updated_at) for t in fetch_tasks(app.db, TaskFilter())] == before


async def test_report_screen_switches_period_and_shows_briefing(app):
    from tui.report_screen import ReportScreen

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReportScreen)
        await settle(app)
        assert "Quý IV/2026" in str(app.screen.query_one("#header").render())
        assert "đang tính" not in str(app.screen.query_one("#header").render())
        await pilot.press("p")  # the next period in time: the year, which ends after the fourth quarter
        assert "năm 2026 · 15/12/2025 – 14/12/2026" in str(app.screen.query_one("#header").render())
        await pilot.press("P", "P")  # back through Quý IV to the nine months, which end before it
        await settle(app)
        assert app.screen.report.period.label == "9 tháng năm 2026"
        await pilot.press("k")
        await settle(app)
        assert "theo lịch" in str(app.screen.query_one("#header").render())
        await pilot.press("b")
        await pilot.press("end", "ctrl+u", *"01/11/2026", "enter")
        assert "Những thay đổi từ buổi giao ban 01/11/2026" in str(app.screen.query_one("#overdue").render())
        await pilot.press("g", "end", "ctrl+u", *"Quý 5/2023")
        assert "✗" in str(app.screen.query_one("#prompt-hint").render())
        await pilot.press("enter")
        assert "không hiểu kỳ báo cáo" in str(app.screen.query_one("#message").render())
        await pilot.press("g", "end", "ctrl+u", *"6 tháng đầu năm 2023", "enter")
        await settle(app)
        assert app.screen.report.period.label == "6 tháng đầu năm 2023"
        assert "6 tháng đầu năm 2023 · 01/01/2023 – 30/06/2023 (theo lịch)" in str(
            app.screen.query_one("#header").render())
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_report_screen_counts_in_a_worker_lists_overdue_and_exports(app, tmp_path, monkeypatch):
    import openpyxl

    from db.periods import read_period
    from db.report import OVERDUE, build_report

    monkeypatch.setattr("tui.report_text.LISTED", 2)
    expected = build_report(app.db, read_period("Quý IV/2026"), as_of=TODAY)
    overdue = expected.totals()[OVERDUE]
    assert overdue > 2
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        await settle(app)
        listed = str(app.screen.query_one("#overdue").render())
        assert f"Quá hạn chưa hoàn thành ({overdue})" in listed
        assert listed.count("\n! ") == 2 and f"… và {overdue - 2} nhiệm vụ quá hạn khác" in listed
        target = tmp_path / "bao-cao.xlsx"
        await pilot.press("x")
        await enter_text(pilot, target)
        await settle(app)
        assert f"Đã ghi báo cáo Quý IV/2026 → {target}" in str(app.screen.query_one("#message").render())
        word = tmp_path / "bao-cao.docx"
        await pilot.press("x")
        await enter_text(pilot, word)
        await settle(app)
        assert f"Đã ghi báo cáo Word Quý IV/2026 → {word}" in str(app.screen.query_one("#message").render())
    assert word.stat().st_size > 0
    sheet = openpyxl.load_workbook(target)["Quá hạn"]
    assert sheet.max_row - 6 == overdue  # every overdue task, not only those on screen


async def test_status_form_records_the_occurrence_of_a_recurring_task(app):
    from db.occurrences import recorded
    from db.periods import read_period
    from db.report import DONE_ON_TIME, build_report, report_items

    async with app.run_test(size=(120, 36)) as pilot:
        task = task_at(app, 3)
        assert task.deadline.kind == "recurring" and task.deadline.recurrence == "quarter"
        for _ in range(3):
            await pilot.press("down")
        await pilot.press("enter")
        assert str(app.screen.query_one("#occurrence").value) == "2026-03-31"
        await pilot.press("down", "down", "enter")
        await pilot.click("#completed_on")
        await pilot.press("end", "ctrl+u", *"25/03/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        occurrence = recorded(app.db, task.id)[date(2026, 3, 31)]
        assert (occurrence.status, occurrence.completed_on) == (st.DONE, date(2026, 3, 25))
        assert get_task(app.db, task.id).status == st.NOT_STARTED  # the task itself goes on
        report = build_report(app.db, read_period("Quý I/2026", calendar=True), as_of=TODAY)
        lines = [line for line in report_items(app.db, report) if line.task_id == task.id]
        assert [(line.due, line.category) for line in lines] == [(date(2026, 3, 31), DONE_ON_TIME)]
        await pilot.press("ctrl+z")
        assert recorded(app.db, task.id)[date(2026, 3, 31)].status == st.NOT_STARTED


def appendix_app(folder, rows: int):
    """The app on a register holding one synthetic plan of `rows` tasks."""
    from bench.synthetic import write_appendix
    from db.importer import import_plan
    from plans.reader import read_plan

    path = folder / "appendix.sqlite"
    db = open_register(path)
    import_plan(db, read_plan(write_appendix(folder, rows)))
    db.close()
    return build_app(path, TODAY)


def big_register(folder, size: int):
    """A register of `size` tasks made fast: one synthetic plan of 1,000 tasks imported, then copied in SQL
    (units too) — the importer would take a minute for 100,000."""
    from bench.synthetic import write_appendix
    from db.importer import import_plan
    from plans.reader import read_plan

    path = folder / "big.sqlite"
    db = open_register(path)
    import_plan(db, read_plan(write_appendix(folder, 1000)))
    columns = [row[1] for row in db.execute("PRAGMA table_info(tasks)") if row[1] not in ("id", "ord")]
    with db.conn:
        db.execute(f"""INSERT INTO tasks (ord, {', '.join(columns)})
            WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < {size // 1000 - 1})
            SELECT t.ord + copy.n * 1000, {', '.join('t.' + c for c in columns)} FROM copy, tasks t
            ORDER BY copy.n, t.ord""")
        db.execute("""INSERT INTO task_units (task_id, unit_id, role, position)
            SELECT t.id, tu.unit_id, tu.role, tu.position FROM tasks t JOIN tasks o ON o.ord = t.ord % 1000
            JOIN task_units tu ON tu.task_id = o.id WHERE t.ord >= 1000""")
    db.close()
    return path


async def test_the_list_moves_through_100000_tasks(tmp_path):
    app = build_app(big_register(tmp_path, 100_000), TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        table = app.main_screen.query_one("#tasks")
        assert (await shown(app)) == 100_000
        last = fetch_tasks(app.db, TaskFilter(), limit=1, from_end=True)[0]
        await pilot.press("end")
        assert table.current_task.id == last.id and table.cursor == 99_999
        assert table.scroll_offset.y == table.max_scroll_y > 100_000  # the scrollbar is the whole list
        assert list_lines(app)[-1].startswith(f"  {last.number} ")  # the last line drawn is the last task
        await pilot.press("home", "pagedown")
        page = table.scrollable_content_region.height - 2  # a screen of rows under the header, less one
        assert table.cursor == page
        assert table.current_task.id == fetch_tasks(app.db, TaskFilter(), limit=1, offset=page)[0].id
        await pilot.press("end", "up", "pageup")
        assert table.cursor == 99_998 - page
        assert table.current_task.id == fetch_tasks(app.db, TaskFilter(), limit=1, offset=99_998 - page)[0].id
        assert app.main_screen.query_one("#detail").shown_task.id == table.current_task.id
        await pilot.press("home")
        assert table.cursor == 0 and table.scroll_offset.y == 0


async def test_the_list_names_the_section_it_crosses_into(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app)
        lines = list_lines(app)
        assert lines[0].split() == ["STT", "Nội", "dung", "Chủ", "trì", "Thời", "hạn", "Tr.thái", "Còn", "/", "quá",
                                    "hạn"]
        assert lines[1] == " I. Công tác chỉ đạo, điều hành"
        section = app.main_screen.query_one("#tasks").render_line(1)
        assert all(segment.style and segment.style.italic for segment in section)  # dim italic, the label too
        assert lines[2].startswith("  1     Ban hành Kế hoạch cải cách hành chính")
        assert lines[7] == " II. Cải cách thể chế"  # after the five tasks of section I
        assert lines[11] == " III. Cải cách thủ tục hành chính › 1. Kiểm soát thủ tục hành chính"
        await pilot.click("#tasks", offset=(10, 3))  # the third line under the header: task 2 of section I
        assert app.main_screen.query_one("#detail").shown_task.content.startswith("Tổ chức hội nghị")
        await pilot.click("#tasks", offset=(10, 7))  # a section row is not a task: the cursor stays
        assert app.main_screen.query_one("#tasks").cursor == 1
        await pilot.press("end")  # scrolled inside section IV: the top line still names it (sticky)
        lines = list_lines(app)
        assert lines[1] == " IV. Cải cách tổ chức bộ máy"
        assert lines[2].startswith("  2     Xây dựng quy định chức năng")


async def test_each_unit_gets_a_sheet_from_the_interface(app, tmp_path):
    folder = tmp_path / "phieu"
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("W")
        await enter_text(pilot, folder)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "mỗi đơn vị một phiếu" in str(app.main_screen.query_one("#message").render())
    # 7 units lead tasks, 3 more only coordinate; "các phòng chuyên môn Sở" and "các đơn vị trực thuộc" are groups
    assert len(list(folder.glob("*.xlsx"))) == 10


async def test_a_folder_of_sheets_comes_back_and_drafts_go_out_from_the_interface(app, tmp_path):
    """W writes a sheet per unit; n on that folder reads them all (nothing filled in: nothing to write);
    S writes a draft e-mail per unit with its sheet attached."""
    sheets, drafts = tmp_path / "phieu", tmp_path / "thu"
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("W")
        await enter_text(pilot, sheets)
        await app.workers.wait_for_complete()
        await receive(pilot, sheets)
        message = str(app.main_screen.query_one("#message").render())
        assert "Thư mục phieu: 10 phiếu, 0 thay đổi." in message and "Không có gì để ghi" in message
        await pilot.press("S")
        await enter_text(pilot, drafts)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "thư nháp kèm phiếu" in str(app.main_screen.query_one("#message").render())
    assert len(list(drafts.glob("*.eml"))) == 10


async def test_report_screen_counts_one_plan_chosen_with_h(demo_path, tmp_path):
    from db.importer import import_plan
    from db.register import open_register
    from plans.reader import read_plan
    from tests.conftest import write_plan

    head = ("Số: 9/KH-SYT\n\nAn Hòa, ngày 05 tháng 01 năm 2026\n\nKẾ HOẠCH\n"
            "Tuyên truyền cải cách hành chính năm 2026\n\n")
    rows = [["1", "Tuyên truyền trên báo", "Tin bài", "Văn phòng Sở", "Quý I/2026"],
            ["2", "Tọa đàm cải cách", "Tọa đàm", "Văn phòng Sở", "Quý IV/2026"]]
    db = open_register(demo_path)
    import_plan(db, read_plan(write_plan(tmp_path, "tuyen-truyen.txt", rows, head)))
    db.close()
    app = build_app(demo_path, TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        await settle(app)
        everything = sum(app.screen.report.totals().values())
        assert "mọi kế hoạch" in str(app.screen.query_one("#header").render())
        await pilot.press("h", *"tuyen truyen", "enter")
        await settle(app)
        assert "Kế hoạch 9/KH-SYT – Tuyên truyền" in str(app.screen.query_one("#header").render())
        # the Quý IV task is not yet due; the Quý I one, never done, is carried into the period as overdue
        assert app.screen.report.totals() == {"not_due": 1, "overdue": 1}
        await pilot.press("h", *"moi ke hoach", "enter")
        await settle(app)
        assert sum(app.screen.report.totals().values()) == everything


async def test_department_name_for_the_sheets_is_set_from_the_interface(app, tmp_path):
    import openpyxl

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("D")
        assert app.screen.query_one("#prompt-input").value == "Sở Y tế An Hòa"  # from the plan until set
        await pilot.press("end", "ctrl+u", *"Sở Y tế tỉnh Bình An", "enter")
        assert "Tên cơ quan trên bảng Excel: Sở Y tế tỉnh Bình An." in str(
            app.main_screen.query_one("#message").render())
        target = tmp_path / "bang.xlsx"
        await pilot.press("x")
        await enter_text(pilot, target)
        await app.workers.wait_for_complete()
    assert openpyxl.load_workbook(target).worksheets[0]["A1"].value == "SỞ Y TẾ TỈNH BÌNH AN"


async def test_a_write_while_another_program_holds_the_register_says_so_and_the_app_runs_on(app, demo_path,
                                                                                            monkeypatch):
    import sqlite3

    monkeypatch.setattr(db.register, "BUSY_TIMEOUT_MS", 200)
    async with app.run_test(size=(120, 36)) as pilot:
        task = task_at(app, 0)
        app.db.execute("PRAGMA busy_timeout = 200")
        other = sqlite3.connect(str(demo_path), timeout=0.1)
        other.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("enter")
            await pilot.press("down", "down", "enter")
            await pilot.press("ctrl+s")
            await pilot.pause()
            message = str(app.main_screen.query_one("#message").render())
        finally:
            other.rollback()
            other.close()
        assert "Không ghi được vào sổ" in message
        assert app.is_running
        assert get_task(app.db, task.id).status == task.status


async def test_help_lists_the_keys_of_the_screen_in_front(app):
    from tui.report_screen import ReportScreen

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("f1")
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Báo cáo định kỳ" in text and "Màn hình chính" not in text
        described = [b.description for b in ReportScreen.BINDINGS if b.description]
        assert described and all(d in text for d in described)
        await pilot.press("escape", "escape", "U")
        await counted(app, pilot)
        await pilot.press("f1")
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Các đơn vị" in text and "Thư / người liên hệ" in text
        await pilot.press("escape", "escape", "f1")  # the main screen's list: its own keys too
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Trong bảng" in text and "Dòng cuối" in text and "Ô bên phải" not in text
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert app.screen.query_one("CommandInput").placeholder == "Tìm lệnh…"


async def test_an_existing_file_is_never_overwritten_without_asking(app, tmp_path):
    from tui.dialogs import ConfirmDialog

    target = tmp_path / "bang.xlsx"
    target.write_bytes(b"bang cu")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("x")
        await enter_text(pilot, target)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        assert target.read_bytes() == b"bang cu"
        await pilot.press("x")
        await enter_text(pilot, target)
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_bytes() != b"bang cu"


async def test_at_80_by_24_every_key_and_column_is_on_screen(app):
    """The officer's small terminal: the help key leads the footer, the status form's buttons show, the
    units screen keeps every count column."""
    from textual.widgets._footer import FooterKey

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app)
        for _ in range(40):  # the footer fills in after the bindings are announced: later on a busy machine
            keys = [key.key for key in app.screen.query(FooterKey)]
            if keys:
                break
            await pilot.pause(0.05)
        assert keys[:3] == ["question_mark", "enter", "slash"]
        hints = {key.key: key.tooltip for key in app.screen.query(FooterKey)}
        assert str(hints["x"]).startswith("Ghi danh sách đang xem ra tệp Excel")  # said when the mouse rests on it
        await pilot.press("enter")
        for button in ("#save", "#cancel"):
            region = app.screen.query_one(button).region
            assert region.bottom <= 24 and region.right <= 80
        await pilot.press("escape", "U")
        await settle(app)
        table = app.screen.query_one("#units")
        assert sum(column.width + 2 for column in table.columns.values()) <= 80


async def test_a_search_is_ranked_once_then_read_by_id_page_after_page(app):
    flt = TaskFilter(search="hanh chinh")
    ranked = [t.id for t in fetch_tasks(app.db, flt, ranked=True, today=TODAY)]
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        await enter_text(pilot, "hanh chinh")
        assert (await shown(app)) == len(ranked) == 14  # «hành chính» in 14 of the demo's 28 tasks
        table = app.main_screen.query_one("#tasks")
        table.pages.kept.clear()  # every page read again, now by id
        await pilot.press("end")
        assert table.current_task.id == ranked[-1]
        await pilot.press("up", "up")
        assert table.current_task.id == ranked[-3]
        await pilot.press("home")
        assert table.current_task.id == ranked[0]


async def test_a_broad_search_shows_its_first_page_before_every_match_is_ranked(app, monkeypatch):
    """A broad search draws its first page from the first matches with the phrase in their content
    (`first_ranked_ids`); every match is ranked after (the count worker, or a page further down), and the
    list then pages through all of them in rank order."""
    import db.filters
    import tui.main_screen
    import tui.task_list

    flt = TaskFilter(search="cong")  # 11 matches in the demo, 10 of them in the content
    everything = db.filters.ranked_ids(app.db, flt, TODAY)
    monkeypatch.setattr(db.filters, "RANK_WHOLE_UNDER", 5)
    monkeypatch.setattr(tui.task_list, "PAGE_SIZE", 3)
    monkeypatch.setattr(tui.main_screen, "PAGE_SIZE", 3)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        await enter_text(pilot, "cong")
        table = app.main_screen.query_one("#tasks")
        assert app.main_screen.ranked.first == everything[:3]  # found by walking the plan order
        assert [table.pages.task(i).id for i in range(3)] == everything[:3]
        assert (await shown(app)) == 11 and app.main_screen.ranked.ids == everything
        table.pages.kept.clear()
        await pilot.press("end")
        assert table.current_task.id == everything[-1]
        await pilot.press("home")
        assert table.current_task.id == everything[0]
        await pilot.press("down")
        app.main_screen.reload()  # the register changed (an edit): the cursor's page found the same way
        assert app.main_screen.ranked.first == everything[:3] and table.current_task.id == everything[1]
        assert table.total == 11  # the count kept until recounted
        await settle(app)
        assert app.main_screen.ranked.ids == everything and table.total == 11


async def test_a_new_filter_is_named_at_once_and_counted_when_the_worker_is_done(app, monkeypatch):
    import threading

    import tui.main_screen

    go_on = threading.Event()
    runs = tui.main_screen.section_runs

    def slow_runs(*args, **kwargs):
        go_on.wait(5)
        return runs(*args, **kwargs)

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app)
        monkeypatch.setattr(tui.main_screen, "section_runs", slow_runs)
        app.main_screen.set_filter(TaskFilter(unit="Văn phòng Sở"))
        await pilot.pause()
        header = str(app.main_screen.query_one("#header").render())
        assert "… / 28 nhiệm vụ" in header  # still counting
        assert "Văn phòng Sở" in str(app.main_screen.query_one("#filter-bar").render())
        go_on.set()
        expected = count_tasks(app.db, TaskFilter(unit="Văn phòng Sở"), TODAY)
        await settle(app)
        assert f"{expected} / 28 nhiệm vụ" in str(app.main_screen.query_one("#header").render())


async def test_a_plan_of_5000_rows_is_previewed_whole_at_once(tmp_path):
    from bench.synthetic import write_appendix

    app = build_app(tmp_path / "r.sqlite", TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(ImportPreview(write_appendix(tmp_path, 5000)))  # mounted: its reader started
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#preview")
        assert table.row_count == 5000  # every row at once, drawn as it scrolls into view
        await pilot.press("end")
        assert table.current is table.tasks[-1] and table.scroll_offset.y == table.max_scroll_y > 4900
        await pilot.press("right", "right")
        assert table.column_key == "product"


def damaged_copy(path):
    """The register with its history table's first page overwritten: it opens, reads tasks, fails the check."""
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'history'").fetchone()[0]
    size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size:root * size] = b"\x0d" + b"\xff" * (size - 1)
    path.write_bytes(bytes(data))
    return path


async def test_a_damaged_register_opens_the_interface_then_closes_it_saying_what_to_do(demo_path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(TheodoiApp, "exit", lambda self, result=None, code=0, message=None: said.append(message))
    app = build_app(damaged_copy(demo_path), TODAY)  # the full check no longer delays the first screen
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(said) == 1 and "sổ bị hỏng" in said[0] and "theodoi restore" in said[0]


def test_the_detail_names_the_plan_alone_for_a_task_outside_any_section(tmp_path):
    from rich.console import Console

    from db.importer import import_plan
    from plans.reader import read_plan
    from tests.conftest import write_plan
    from tui.detail import render_detail

    db = open_register(tmp_path / "r.sqlite")
    import_plan(db, read_plan(write_plan(tmp_path, "kh.txt", [["1", "Rà soát thủ tục", "Báo cáo", "Văn phòng Sở",
                                                              "Quý I/2024"]])))
    task = fetch_tasks(db, TaskFilter())[0]
    console = Console(width=100, record=True)
    console.print(render_detail(task, [], TODAY))
    assert console.export_text().splitlines()[0].rstrip() == "7/KH-SYT"


async def test_the_preview_shows_the_status_a_tracking_table_brings(tmp_path):
    """Before saving an officer's tracking table, the preview says the status and day each task will have."""
    path = tmp_path / "theo-doi.txt"
    path.write_text("BẢNG THEO DÕI NHIỆM VỤ NĂM 2026\n\nSTT\tNội dung\tĐơn vị chủ trì\tThời hạn\tTình hình thực hiện\t"
                    "Ngày hoàn thành\n1\tBan hành kế hoạch\tVăn phòng Sở\tTháng 1/2026\tĐã hoàn thành\t20/01/2026\n"
                    "2\tKiểm tra\tThanh tra Sở\tQuý III/2026\tĐang thực hiện\t\n", encoding="utf-8")
    app = build_app(tmp_path / "r.sqlite", TODAY)
    async with app.run_test(size=(160, 36)) as pilot:
        await app.push_screen(ImportPreview(path))
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#preview", PreviewTable)
        assert table.COLUMNS[-1] == ("status", "Trạng thái")
        assert [str(table.cells_at(i)[-1]) for i in range(2)] == ["Đã hoàn thành 20/01/2026", "Đang thực hiện"]
