"""Periodic report numbers, cell by cell, on a register with known deadlines and statuses."""

from collections import Counter
from datetime import date, datetime

import pytest

import db.clock as db_clock
from db.briefing import changes_since
from db.edits import add_task, set_status, update_task
from db.filters import TaskFilter, fetch_tasks
from db.importer import import_plan
from db.periods import PeriodError, opening_period, periods_of, read_period
from db.report import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    NO_DUE,
    NOT_DUE,
    ONGOING,
    OVERDUE,
    build_report,
    classify,
    line_texts,
    report_items,
)
from db.undo import undo
from plans.reader import read_plan
from tests.conftest import write_plan
from tui.report_text import since_lines

ROWS = [
    ["I. Thể chế", "", "", "", ""],
    ["1", "Việc A đúng hạn", "BC", "Văn phòng Sở", "Tháng 3/2024"],
    ["2", "Việc B xong trễ", "BC", "Văn phòng Sở", "Tháng 4/2024"],
    ["3", "Việc C đang làm", "BC", "Thanh tra Sở", "Tháng 9/2024"],
    ["4", "Việc D quá hạn", "BC", "Thanh tra Sở", "Tháng 5/2024"],
    ["5", "Việc E chưa đến hạn", "BC", "Thanh tra Sở", "Tháng 11/2024"],
    ["II. Hiện đại hóa", "", "", "", ""],
    ["1", "Việc F thường xuyên", "BC", "Văn phòng Sở", "Thường xuyên"],
    ["2", "Việc G theo kế hoạch", "BC", "Văn phòng Sở", "Theo Kế hoạch"],
    ["3", "Việc H hàng tháng", "BC", "Văn phòng Sở", "Hàng tháng"],
]


@pytest.fixture
def register(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setattr(db_clock, "CLOCK", lambda: datetime(2024, 1, 5, 8, 0))
    import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", ROWS)))
    ids = {t.content.split()[1]: t.id for t in fetch_tasks(fresh_db, TaskFilter())}
    monkeypatch.setattr(db_clock, "CLOCK", lambda: datetime(2024, 6, 10, 8, 0))
    set_status(fresh_db, [ids["A"]], "hoàn thành", completed_on=date(2024, 3, 20))
    set_status(fresh_db, [ids["B"]], "hoàn thành", completed_on=date(2024, 5, 10))
    set_status(fresh_db, [ids["C"]], "đang thực hiện")
    set_status(fresh_db, [ids["H"]], "hoàn thành", completed_on=date(2024, 4, 28))  # April's report
    set_status(fresh_db, [ids["H"]], "hoàn thành", completed_on=date(2024, 6, 3))  # in June's window
    return fresh_db, ids


def test_periods_use_the_reporting_regime():
    assert (read_period("Quý I/2023").start, read_period("Quý I/2023").end) == (date(2022, 12, 15), date(2023, 3, 14))
    assert read_period("Quý II/2020").end == date(2020, 6, 14)
    assert read_period("Q3/2026").label == read_period("Quý III/2026").label == "Quý III/2026"  # not «Tháng 03»
    assert (read_period("6 tháng đầu năm 2023").start, read_period("6 tháng đầu năm 2023").end) == (
        date(2022, 12, 15), date(2023, 6, 14))
    assert read_period("9 tháng 2023").end == date(2023, 9, 14)
    assert read_period("năm 2023").end == date(2023, 12, 14)
    calendar = read_period("Quý II/2020", calendar=True)
    assert (calendar.start, calendar.end, calendar.regime) == (date(2020, 4, 1), date(2020, 6, 30), False)
    assert "Nghị định 09/2019" in read_period("năm 2023").window
    with pytest.raises(PeriodError):
        read_period("sắp tới")


@pytest.mark.parametrize(
    ("status", "done", "due", "as_of", "expected"),
    [
        ("done", date(2024, 3, 1), date(2024, 3, 31), date(2024, 6, 14), DONE_ON_TIME),
        ("done", date(2024, 4, 2), date(2024, 3, 31), date(2024, 6, 14), DONE_LATE),
        ("in_progress", None, date(2024, 9, 30), date(2024, 6, 14), IN_PROGRESS),
        ("in_progress", None, date(2024, 5, 31), date(2024, 6, 14), OVERDUE),
        ("not_started", None, date(2024, 11, 30), date(2024, 6, 14), NOT_DUE),
        ("done", date(2024, 7, 1), date(2024, 5, 31), date(2024, 6, 14), OVERDUE),
        ("not_started", None, None, date(2024, 6, 14), NO_DUE),
    ],
)
def test_classify(status, done, due, as_of, expected):
    assert classify(status, done, due, as_of, "month") == expected
    assert classify("not_started", None, None, as_of, "ongoing") == ONGOING


def test_six_month_report_every_cell(register):
    db, _ = register
    report = build_report(db, read_period("6 tháng đầu năm 2024"))
    texts = line_texts(db, list(report_items(db, report)), report.as_of)
    by_task = Counter()
    for line in report_items(db, report):
        by_task[(texts[line.task_id].content.split()[1], line.category)] += 1
    assert by_task[("A", DONE_ON_TIME)] == 1
    assert by_task[("B", DONE_LATE)] == 1
    assert by_task[("C", IN_PROGRESS)] == 1
    assert by_task[("D", OVERDUE)] == 1
    assert by_task[("E", NOT_DUE)] == 1
    assert by_task[("F", ONGOING)] == 1
    assert by_task[("G", NO_DUE)] == 1
    # monthly task: Jan, Feb, Mar overdue (nothing recorded), Apr on time; the report of 03/06 falls in June's
    # window (June's, sent early), so May is overdue too; June is past this period (it ends 14/06)
    assert by_task[("H", OVERDUE)] == 4 and by_task[("H", DONE_ON_TIME)] == 1 and by_task[("H", DONE_LATE)] == 0
    units = report.by_unit()
    assert units["Thanh tra Sở"] == Counter({IN_PROGRESS: 1, OVERDUE: 1, NOT_DUE: 1})
    # A on time and H in April; B late
    assert units["Văn phòng Sở"][DONE_ON_TIME] == 2 and units["Văn phòng Sở"][DONE_LATE] == 1
    sections = report.by_section()
    assert sum(sections["I. Thể chế"].values()) == 5
    assert sum(report.totals().values()) == 5 + 2 + 5
    assert [texts[line.task_id].content for line in report_items(db, report, (OVERDUE,))][:1] == ["Việc D quá hạn"]
    assert {line.lead_unit for line in report_items(db, report, (OVERDUE,))} == {"Thanh tra Sở", "Văn phòng Sở"}


def test_report_as_of_a_past_date_ignores_later_edits(register, monkeypatch):
    db, ids = register
    period = read_period("6 tháng đầu năm 2024")
    before = Counter((line.task_id, line.category) for line in report_items(db, build_report(db, period)))
    monkeypatch.setattr(db_clock, "CLOCK",
                        lambda: datetime(2024, 8, 1, 8, 0))
    set_status(db, [ids["D"]], "hoàn thành", completed_on=date(2024, 7, 30))
    set_status(db, [ids["A"]], "đang thực hiện")
    update_task(db, ids["C"], {"status": "chưa thực hiện"})
    after = Counter((line.task_id, line.category) for line in report_items(db, build_report(db, period)))
    assert after == before
    now = build_report(db, read_period("9 tháng 2024"))
    assert any(line.task_id == ids["D"] and line.category == DONE_LATE for line in report_items(db, now))


def test_changes_since_a_briefing(register):
    db, _ = register
    changes = changes_since(db, date(2024, 6, 1), today=date(2024, 6, 10))
    words = [(c.task.content.split()[1], c.what) for c in changes]
    assert ("A", "hoàn thành") in words and ("C", "trạng thái: chưa thực hiện → đang thực hiện") in words
    assert not any(name == "D" for name, _ in words)  # overdue since May, before the briefing
    later = changes_since(db, date(2024, 5, 20), today=date(2024, 6, 10))
    assert ("D", "mới quá hạn 10 ngày") in [(c.task.content.split()[1], c.what) for c in later]


def test_lines_carry_every_lead_unit_in_their_order(fresh_db, tmp_path):
    rows = [["1", "Việc một đơn vị", "BC", "Thanh tra Sở", "Tháng 3/2024"],
            ["2", "Việc chung hai đơn vị", "BC", "Thanh tra Sở", "Tháng 3/2024"]]
    import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", rows)))
    shared = fetch_tasks(fresh_db, TaskFilter())[1]
    update_task(fresh_db, shared.id, {"lead_units": ["Văn phòng Sở", "Thanh tra Sở"]})
    report = build_report(fresh_db, read_period("Quý I/2024", calendar=True), as_of=date(2024, 4, 2))
    assert [line.lead_unit for line in report_items(fresh_db, report)] == ["Thanh tra Sở", "Văn phòng Sở; Thanh tra Sở"]
    # the shared task under each of its leads
    assert report.by_unit() == {"Thanh tra Sở": Counter({OVERDUE: 2}), "Văn phòng Sở": Counter({OVERDUE: 1})}


def test_line_texts_reads_long_lists_in_chunks(register, monkeypatch):
    db, ids = register
    monkeypatch.setattr("db.report._CHUNK", 2)
    report = build_report(db, read_period("6 tháng đầu năm 2024"))
    texts = line_texts(db, list(report_items(db, report)), report.as_of)
    assert {text.content.split()[1] for text in texts.values()} == set("ABCDEFGH")
    assert texts[ids["H"]].deadline_text == "Hàng tháng" and texts[ids["A"]].number == "1"


def test_bao_cao_docx_reads_as_a_report_with_the_reports_numbers(tmp_path):
    import docx

    from db.periods import read_period
    from db.register import open_register
    from db.report import build_report
    from exports.bao_cao import NARRATIVE, export_bao_cao
    from tui.demo import build_demo_register

    today = date(2026, 11, 22)
    register = open_register(build_demo_register(tmp_path, today))
    report = build_report(register, read_period("năm 2026", today=today), TaskFilter(), today)
    path = tmp_path / "bao-cao.docx"
    export_bao_cao(register, report, path, today)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    head = document.tables[0]
    assert head.cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert head.cell(1, 0).paragraphs[0].text.startswith("Số:") and "/BC-" in head.cell(1, 0).paragraphs[0].text
    assert "BÁO CÁO" in texts and any(t.startswith("Kết quả thực hiện") for t in texts)
    by_unit = document.tables[1]
    totals = report.totals()
    last = [c.text for c in by_unit.rows[-1].cells]
    assert last[0] == "Tổng cộng" and int(last[-2]) == sum(totals.values())
    overdue = document.tables[3]
    assert len(overdue.rows) - 1 == min(report.totals()[OVERDUE], 200)
    assert texts.count(NARRATIVE) == 3
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.page_width.mm) == 210
    register.close()


@pytest.mark.parametrize(("typed", "name"), [
    ("6 thang dau nam 2023", "6 tháng đầu năm 2023"), ("quy ii/2023", "Quý II/2023"), ("nam 2023", "năm 2023"),
    ("9 thang 2023", "9 tháng năm 2023"), ("thang 3/2023", "Tháng 03/2023"),
])
def test_periods_typed_without_accents_are_named_canonically(typed, name):
    assert read_period(typed).label == name


def test_titles_of_sheets_name_units_and_periods_canonically(tmp_path):
    import openpyxl

    from db.filters import canonical
    from db.register import open_register
    from exports.view import export_view
    from tui.demo import build_demo_register

    today = date(2026, 11, 22)
    register = open_register(build_demo_register(tmp_path, today))
    flt = canonical(register, TaskFilter(unit="van phong so", deadline="quy iv/2026"))
    export_view(register, flt, tmp_path / "v.xlsx", today)
    assert openpyxl.load_workbook(tmp_path / "v.xlsx")["Nhiệm vụ"]["A3"].value == \
        "Nhiệm vụ của Văn phòng Sở – hạn trong Quý IV/2026 – tính đến 22/11/2026"
    register.close()


def test_the_report_says_when_it_counts_occurrences(tmp_path):
    from db.register import open_register

    plan = tmp_path / "kh.txt"
    plan.write_text("Số: 6/KH-SYT\tAn Hòa, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nThử năm 2026\n"
                    "STT\tNội dung\tChủ trì\tThời gian\n1\tBáo cáo tháng\tVăn phòng Sở\tHàng tháng\n"
                    "2\tRà soát\tThanh tra Sở\tQuý II/2026\n", encoding="utf-8")
    register = open_register(tmp_path / "r.sqlite")
    import_plan(register, read_plan(plan))
    report = build_report(register, read_period("Quý II/2026", calendar=True), TaskFilter(), date(2026, 6, 30))
    assert report.counted() == "4 lượt = 2 nhiệm vụ + 2 lượt của nhiệm vụ định kỳ (mỗi kỳ đến hạn một lượt)"
    register.close()


def test_report_notes_as_they_were_on_its_date(register, monkeypatch):
    db, ids = register
    monkeypatch.setattr(db_clock, "CLOCK", lambda: datetime(2024, 6, 12, 8, 0))
    update_task(db, ids["D"], {"progress_note": "Đang trình ký"})
    monkeypatch.setattr(db_clock, "CLOCK", lambda: datetime(2024, 7, 2, 8, 0))
    update_task(db, ids["D"], {"progress_note": "Đã gửi Sở Nội vụ"})
    half = build_report(db, read_period("6 tháng đầu năm 2024"))  # judged on 14/06/2024
    overdue = list(report_items(db, half, (OVERDUE,)))
    assert line_texts(db, overdue, half.as_of)[ids["D"]].progress_note == "Đang trình ký"
    nine = build_report(db, read_period("9 tháng 2024"))
    assert line_texts(db, list(report_items(db, nine)), nine.as_of)[ids["D"]].progress_note == "Đã gửi Sở Nội vụ"


def test_briefing_changes_net_out_and_follow_the_plan(register, tmp_path, monkeypatch):
    db, ids = register
    monkeypatch.setattr(db_clock, "CLOCK", lambda: datetime(2024, 6, 20, 8, 0))
    head = "Số: 8/KH-SYT\n\nHà Nam, ngày 02 tháng 01 năm 2024\n\nKẾ HOẠCH\nKhác\n\n"
    rows = [["1", "Việc X kế hoạch khác", "BC", "Thanh tra Sở", "Tháng 12/2024"]]
    other = import_plan(db, read_plan(write_plan(tmp_path, "kh2.txt", rows, head)))
    x = fetch_tasks(db, TaskFilter(plan=str(other.plan_id)))[0]
    set_status(db, [x.id], "hoàn thành", completed_on=date(2024, 6, 20))
    set_status(db, [ids["E"]], "hoàn thành", completed_on=date(2024, 6, 20))
    undo(db)  # done by mistake, taken back: nothing happened to E
    update_task(db, ids["C"], {"progress_note": "Nháp"})
    update_task(db, ids["C"], {"progress_note": ""})  # written, then cleared
    set_status(db, [ids["D"]], "đang thực hiện")
    words = [(c.task.content.split()[1], c.what) for c in changes_since(db, date(2024, 6, 15), date(2024, 6, 25))]
    assert words == [("X", "hoàn thành"), ("D", "trạng thái: chưa thực hiện → đang thực hiện")]
    seven = changes_since(db, date(2024, 6, 15), date(2024, 6, 25), TaskFilter(plan="7/KH-SYT"))
    assert [c.task.content.split()[1] for c in seven] == ["D"]
    assert since_lines(seven, date(2024, 6, 15))[1].startswith("  20/06/2024  4 Việc D quá hạn")


def test_reports_open_on_the_latest_period_of_the_plans_year_and_move_in_time():
    today = date(2026, 11, 23)
    assert opening_period(2026, today) == "Quý IV/2026"
    assert opening_period(None, today) == "Quý IV/2026"
    assert opening_period(2024, today) == "năm 2024"
    assert opening_period(2027, today) == "Quý I/2027"
    assert periods_of(2026) == ["Quý I/2026", "Quý II/2026", "6 tháng đầu năm 2026", "Quý III/2026", "9 tháng 2026",
                                "Quý IV/2026", "năm 2026"]
    assert [read_period(p).end for p in periods_of(2026)] == sorted(read_period(p).end for p in periods_of(2026))


def test_sections_of_several_plans_are_named_with_their_plan(register, tmp_path):
    import openpyxl

    from exports.view import export_view

    db, _ = register
    head = "Số: 8/KH-SYT\n\nHà Nam, ngày 02 tháng 01 năm 2024\n\nKẾ HOẠCH\nKhác\n\n"
    rows = [["I. Thể chế", "", "", "", ""], ["1", "Việc X kế hoạch khác", "BC", "Thanh tra Sở", "Tháng 12/2024"]]
    import_plan(db, read_plan(write_plan(tmp_path, "kh2.txt", rows, head)))
    report = build_report(db, read_period("năm 2024"))
    assert list(report.by_section()) == ["KH 7/KH-SYT › I. Thể chế", "KH 7/KH-SYT › II. Hiện đại hóa",
                                         "KH 8/KH-SYT › I. Thể chế"]
    one = build_report(db, read_period("năm 2024"), TaskFilter(plan="7/KH-SYT"))
    assert list(one.by_section()) == ["I. Thể chế", "II. Hiện đại hóa"]
    path = tmp_path / "v.xlsx"
    export_view(db, TaskFilter(), path, date(2024, 6, 1))
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    sections = [r[0] for r in ws.iter_rows(min_row=7, values_only=True) if r[0] and " › " in str(r[0])]
    assert sections == ["KH 7/KH-SYT › I. Thể chế", "KH 7/KH-SYT › II. Hiện đại hóa", "KH 8/KH-SYT › I. Thể chế"]


KINDS = ["date", "month", "quarter", "conditional", "ongoing"]
DAYS = [None, "2024-03-31", "2024-06-14", "2024-06-15", "2024-09-30", "2023-11-30"]


def _one_task(kind, status, completed, due):
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE tasks (deadline_kind, status, completed_on, deadline_due)")
    connection.execute("INSERT INTO tasks VALUES (?, ?, ?, ?)", [kind, status, completed, due])
    return connection


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", ["not_started", "in_progress", "done"])
def test_the_sql_category_is_the_python_category(kind, status):
    """Most tasks are counted in SQL (`task_category_sql`), the rest in Python (`task_category`): one rule."""
    from db.rules import task_category, task_category_sql

    as_of = date(2024, 6, 14)
    for completed in [*DAYS, ""]:
        for due in DAYS:
            connection = _one_task(kind, status, completed, due)
            in_sql = connection.execute(f"SELECT {task_category_sql(':day')} FROM tasks t",
                                        {"day": as_of.isoformat()}).fetchone()[0]
            in_python = task_category(kind, status, date.fromisoformat(completed) if completed else None,
                                      date.fromisoformat(due) if due else None, as_of)
            assert in_sql == in_python, (kind, status, completed, due)


def test_the_sql_period_test_is_the_python_one():
    """A task due before the period counts while it is not done before the period — also with no completion
    day at all (NULL in SQL: the test once dropped every such overdue task from the report)."""
    from db.report import _DATED, _dated, _Window

    period = read_period("Quý II/2024", calendar=True)
    window = _Window("2024-04-01", "2024-06-30", "2024-12-31", "2024-06-14", "2024-06-14 23:59:59", period,
                     date(2024, 6, 14))
    for completed in [*DAYS, ""]:
        for due in DAYS[1:]:
            connection = _one_task("date", "done" if completed else "not_started", completed, due)
            in_sql = connection.execute(f"SELECT {_DATED} FROM tasks t", ["2024-04-01", "", "2024-12-31"]).fetchone()[0]
            assert bool(in_sql) == _dated(due, completed, window), (completed, due)


def _items_counted(db, report):
    from db.report import NO_LEAD, report_items
    from db.rules import LEAD_JOIN

    units, sections = Counter(), Counter()
    for line in report_items(db, report):
        sections[(line.section, line.category)] += 1
        for unit in line.lead_unit.split(LEAD_JOIN) if line.lead_unit else [NO_LEAD]:
            units[(unit, line.category)] += 1
    return units, sections


@pytest.mark.parametrize("period", ["Quý I/2024", "6 tháng đầu năm 2024", "9 tháng 2024", "năm 2024"])
def test_the_counts_are_the_items_listed(register, monkeypatch, period):
    """Counted in SQL, listed row by row: the tables and the lists of one report never disagree — with a task
    of two leads, a recurring one, one whose status changed after the report's day, one added after it."""
    db, ids = register
    update_task(db, ids["E"], {"lead_units": ["Văn phòng Sở", "Thanh tra Sở"]})
    monkeypatch.setattr(db_clock, "CLOCK", lambda: datetime(2024, 8, 1, 8, 0))
    set_status(db, [ids["C"]], "hoàn thành", completed_on=date(2024, 7, 30))
    plan_id = fetch_tasks(db, TaskFilter())[0].plan_id
    added = add_task(db, plan_id, "Việc thêm sau", deadline_text="Tháng 5/2024", lead=["Thanh tra Sở"])
    report = build_report(db, read_period(period))
    listed = {line.task_id for line in report_items(db, report)}
    assert (added in listed) == (period in ("9 tháng 2024", "năm 2024"))  # added on 01/08, after the half-year
    units, sections = _items_counted(db, report)
    assert units == report.units and sections == report.sections
    assert report.tasks == len({line.task_id for line in report_items(db, report)})
    # C (due 30/09): not begun on 14/03, in progress on 14/06 (its completion of 30/07 taken back), then done
    expected = {"Quý I/2024": NOT_DUE, "6 tháng đầu năm 2024": IN_PROGRESS}.get(period, DONE_ON_TIME)
    assert [line.category for line in report_items(db, report) if line.task_id == ids["C"]] == [expected]


def test_the_overdue_list_stops_when_taken(register):
    """The terminal lists the first overdue items without reading every task: the listing is lazy."""
    from itertools import islice

    db, ids = register
    report = build_report(db, read_period("6 tháng đầu năm 2024"))
    first = list(islice(report_items(db, report, (OVERDUE,)), 1))
    assert [line.task_id for line in first] == [ids["D"]]
    assert report.totals()[OVERDUE] == 5  # D, and H for January to March and May


def test_bao_cao_lists_the_first_items_of_each_list(tmp_path, monkeypatch):
    """The Word báo cáo lists the first overdue items and the first done ones, both read in one pass."""
    import docx

    from db.register import open_register
    from exports.bao_cao import export_bao_cao
    from tui.demo import build_demo_register

    monkeypatch.setattr("exports.bao_cao._LISTED", 3)
    today = date(2026, 11, 22)
    register = open_register(build_demo_register(tmp_path, today))
    report = build_report(register, read_period("năm 2026", today=today), TaskFilter(), today)
    assert report.totals()[OVERDUE] > 3 and report.totals()[DONE_ON_TIME] + report.totals()[DONE_LATE] > 3
    export_bao_cao(register, report, tmp_path / "bc.docx", today)
    tables = docx.Document(str(tmp_path / "bc.docx")).tables
    assert (len(tables[3].rows), len(tables[4].rows)) == (4, 4)  # a header and three items each
    register.close()
