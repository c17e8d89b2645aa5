"""One truth for every number: the overdue filter, the units screen, the report and the view export agree.

The numbers are written out by hand from the plan below, judged on 20/07/2026.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import openpyxl
import pytest

import db.clock
import db.register
from db import status as st
from db.edits import delete_task, set_status, update_task
from db.filters import TaskFilter, count_tasks, fetch_tasks
from db.importer import import_plan
from db.periods import read_period
from db.report import build_report, rate_of, report_items
from db.rules import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    NO_DUE,
    NOT_DUE,
    ONGOING,
    OVERDUE,
    classify,
    completion_rate,
    is_overdue,
    occurrence_outcomes,
    open_due,
    quarter_of,
    rate_text,
)
from db.stats import unit_dues
from db.undo import undo
from db.units import find_unit
from exports.view import export_view
from plans.deadlines import parse_deadline
from plans.reader import read_plan
from tests.conftest import write_plan

TODAY = date(2026, 7, 20)
HEAD = "Số: 9/KH-SYT\n\nHà Nam, ngày 02 tháng 01 năm 2026\n\nKẾ HOẠCH\nThử nghiệm năm 2026\n\n"
ROWS = [
    ["I. Thể chế", "", "", "", ""],
    ["1", "Việc A hai chủ trì", "BC", "Văn phòng Sở; Thanh tra Sở", "Tháng 3/2026"],
    ["2", "Việc B xong trễ", "BC", "Văn phòng Sở", "Tháng 4/2026"],
    ["3", "Việc C quá hạn", "BC", "Thanh tra Sở", "Tháng 6/2026"],
    ["4", "Việc D hàng tháng", "BC", "Phòng Tổ chức - Hành chính", "Hàng tháng"],
    ["5", "Việc E hằng năm", "BC", "Văn phòng Sở", "trước ngày 05/11 hàng năm"],
    ["6", "Việc F chưa đến hạn", "BC", "Thanh tra Sở", "Quý IV/2026"],
]


@pytest.fixture
def register(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2026, 1, 5, 8, 0))
    import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", ROWS, HEAD)))
    ids = {t.content.split()[1]: t.id for t in fetch_tasks(fresh_db, TaskFilter())}
    update_task(fresh_db, ids["A"], {"lead_units": ["Văn phòng Sở", "Thanh tra Sở"], "coordinating_units": []})
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2026, 7, 10, 8, 0))
    set_status(fresh_db, [ids["B"]], "hoàn thành", completed_on=date(2026, 5, 10))
    set_status(fresh_db, [ids["D"]], "hoàn thành", completed_on=date(2026, 1, 25))  # January's report
    set_status(fresh_db, [ids["D"]], "hoàn thành", completed_on=date(2026, 2, 20))  # February's
    return fresh_db, ids


def test_units_owe_their_open_tasks_of_the_quarter_and_nothing_removed(register):
    """The units screen's «quá hạn» and «còn trong quý»: lead tasks open and late, open and due by the
    quarter's end; a removed task counts in neither."""
    db, ids = register
    autumn = date(2026, 10, 10)
    dues = unit_dues(db, autumn)
    inspectors, office = find_unit(db, "Thanh tra Sở"), find_unit(db, "Văn phòng Sở")
    assert (dues[inspectors].overdue, dues[inspectors].this_quarter) == (2, 1)  # A, C late; F due 31/12
    assert (dues[office].overdue, dues[office].this_quarter) == (1, 1)  # A late; E due 05/11
    delete_task(db, ids["C"])
    assert unit_dues(db, autumn)[inspectors].overdue == 1


def test_a_quarter_holds_what_is_due_ongoing_or_recurring_in_it(fresh_db, tmp_path):
    """«Quý II/2020» as a filter: a task due in it, an ongoing one and a monthly one; not November's, not one
    «theo kế hoạch» (no date)."""
    rows = [["1", "Việc A quý hai", "BC", "Văn phòng Sở", "Quý II/2020"],
            ["2", "Việc B thường xuyên", "BC", "Văn phòng Sở", "Thường xuyên"],
            ["3", "Việc C hàng tháng", "BC", "Văn phòng Sở", "Hàng tháng"],
            ["4", "Việc D tháng mười một", "BC", "Văn phòng Sở", "Tháng 11/2020"],
            ["5", "Việc E theo kế hoạch", "BC", "Văn phòng Sở", "Theo Kế hoạch"]]
    head = "Số: 1/KH-SYT\n\nHà Nam, ngày 02 tháng 01 năm 2020\n\nKẾ HOẠCH\nThử năm 2020\n\n"
    import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", rows, head)))
    assert _letters(fetch_tasks(fresh_db, TaskFilter(deadline="Quý II/2020"))) == ["A", "B", "C"]


def _letters(tasks) -> list[str]:
    return [t.content.split()[1] for t in tasks]


def test_every_screen_and_sheet_counts_the_same_overdue_tasks(register, tmp_path):
    db, ids = register
    # the filter «quá hạn»: A and C missed their month; D has missed March to June
    overdue = fetch_tasks(db, TaskFilter(deadline="quá hạn"), today=TODAY)
    assert _letters(overdue) == ["A", "C", "D"]
    assert [t.days_left(TODAY) for t in overdue] == [-111, -20, -111]  # D since 31/03, its first open month
    assert count_tasks(db, TaskFilter(view="overdue"), today=TODAY) == 3

    # the units screen: each lead unit's overdue tasks
    dues = unit_dues(db, TODAY)
    assert dues[find_unit(db, "Văn phòng Sở")].overdue == 1  # A
    assert dues[find_unit(db, "Thanh tra Sở")].overdue == 2  # A, C
    assert dues[find_unit(db, "Phòng Tổ chức - Hành chính")].overdue == 1  # D

    # the report for the year as of the same day: the same three tasks, D once per missed month
    report = build_report(db, read_period("năm 2026"), as_of=TODAY)
    overdue = {line.task_id for line in report_items(db, report, (OVERDUE,))}
    assert sorted(overdue) == sorted([ids["A"], ids["C"], ids["D"]])
    totals = report.totals()
    assert totals[OVERDUE] == 6  # A, C, and D for March, April, May, June
    assert totals[DONE_ON_TIME] == 2 and totals[DONE_LATE] == 1  # D's January and February; B
    assert totals[NOT_DUE] == 7  # D for July to November (the period ends 14/12), E on 05/11, F
    assert report.counted().startswith("16 lượt = 6 nhiệm vụ + 10 lượt")
    by_unit = report.by_unit()  # A under both of its leads, and the table says so
    assert by_unit["Thanh tra Sở"] == Counter({OVERDUE: 2, NOT_DUE: 1})
    assert by_unit["Văn phòng Sở"] == Counter({OVERDUE: 1, DONE_LATE: 1, NOT_DUE: 1})
    assert by_unit["Phòng Tổ chức - Hành chính"] == Counter({DONE_ON_TIME: 2, OVERDUE: 4, NOT_DUE: 5})
    assert "(17 lượt)" in (report.unit_note(by_unit) or "")
    assert rate_of(totals) == "33,3%"  # 3 done of the 9 items whose deadline has come

    # the view export's summary: each task once in "Tổng cộng", the multi-lead task under both units
    path = tmp_path / "view.xlsx"
    export_view(db, TaskFilter(), path, TODAY)
    ws = openpyxl.load_workbook(path)["Tổng hợp"]
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=6, values_only=True) if r[0]}
    assert rows["Thanh tra Sở"] == (3, 0, 0, 3, 2, "0,0%")
    assert rows["Văn phòng Sở"] == (2, 0, 1, 3, 1, "50,0%")
    assert rows["Phòng Tổ chức - Hành chính"] == (0, 0, 1, 1, 1, "50,0%")
    assert rows["Tổng cộng"] == (4, 0, 2, 6, 3, "40,0%")
    notes = [r[0] for r in ws.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("Ghi chú")]
    assert any("(7 lượt)" in note and "(6 nhiệm vụ)" in note for note in notes)
    assert any("Tỷ lệ hoàn thành = số đã hoàn thành ÷" in note for note in notes)


def test_yearly_and_monthly_tasks_are_in_the_periods_they_fall_in(register):
    db, _ = register
    assert _letters(fetch_tasks(db, TaskFilter(deadline="Tháng 11/2026"))) == ["D", "E"]
    assert _letters(fetch_tasks(db, TaskFilter(deadline="Tháng 02/2026"))) == ["D"]
    assert _letters(fetch_tasks(db, TaskFilter(deadline="Quý II/2030"))) == []  # D ends with 2026; E is in Q4
    assert _letters(fetch_tasks(db, TaskFilter(deadline="Quý IV/2030"))) == ["E"]
    assert _letters(fetch_tasks(db, TaskFilter(view="quarter"), today=TODAY)) == ["D"]  # Q3 2026


def test_recording_a_month_moves_the_open_due_date_and_undo_moves_it_back(register):
    db, ids = register
    set_status(db, [ids["D"]], "hoàn thành", completed_on=date(2026, 3, 30))
    late = {t.content.split()[1]: t for t in fetch_tasks(db, TaskFilter(deadline="quá hạn"), today=TODAY)}
    assert late["D"].days_left(TODAY) == -81  # April is now the first month owed
    undo(db)
    late = {t.content.split()[1]: t for t in fetch_tasks(db, TaskFilter(deadline="quá hạn"), today=TODAY)}
    assert late["D"].days_left(TODAY) == -111
    set_status(db, [ids["C"]], "hoàn thành", completed_on=date(2026, 7, 1))
    assert _letters(fetch_tasks(db, TaskFilter(deadline="quá hạn"), today=TODAY)) == ["A", "D"]


# --- the rules, one by one ---------------------------------------------------------------------

MONTHLY = parse_deadline("Hàng tháng", 2026)
YEARLY = parse_deadline("trước ngày 05/11 hàng năm", 2026)
FIXED = parse_deadline("Tháng 6/2026", 2026)
ONGOING_DEADLINE = parse_deadline("Thường xuyên", 2026)
CONDITIONAL = parse_deadline("Theo tiến độ phê duyệt", 2026)


@pytest.mark.parametrize(
    ("deadline", "status", "completions", "records", "expected"),
    [
        (FIXED, st.NOT_STARTED, [], {}, date(2026, 6, 30)),
        (FIXED, st.IN_PROGRESS, [], {}, date(2026, 6, 30)),
        (FIXED, st.DONE, [date(2026, 7, 3)], {}, None),
        (ONGOING_DEADLINE, st.NOT_STARTED, [], {}, None),
        (CONDITIONAL, st.IN_PROGRESS, [], {}, None),
        (MONTHLY, st.NOT_STARTED, [], {}, date(2026, 1, 31)),
        (MONTHLY, st.DONE, [date(2026, 1, 20)], {}, date(2026, 2, 28)),
        # a report sent on 03/03 falls in March's window: March is done, February still owed
        (MONTHLY, st.DONE, [date(2026, 1, 20), date(2026, 3, 3)], {}, date(2026, 2, 28)),
        # two reports in March: March's, then the newest month still owed before it (February), late
        (MONTHLY, st.DONE, [date(2026, 1, 20), date(2026, 3, 3), date(2026, 3, 5)], {}, date(2026, 4, 30)),
        # an occurrence recorded done in the status form counts, one recorded open does not
        (MONTHLY, st.IN_PROGRESS, [], {date(2026, 1, 31): st.DONE}, date(2026, 2, 28)),
        (MONTHLY, st.IN_PROGRESS, [date(2026, 1, 10)], {date(2026, 1, 31): st.IN_PROGRESS}, date(2026, 1, 31)),
        (YEARLY, st.NOT_STARTED, [], {}, date(2026, 11, 5)),
        (YEARLY, st.DONE, [date(2026, 10, 30)], {}, date(2027, 11, 5)),
    ],
)
def test_open_due(deadline, status, completions, records, expected):
    assert open_due(deadline, status, completions, records) == expected


@pytest.mark.parametrize(
    ("open_day", "today", "expected"),
    [(None, TODAY, False), (date(2026, 7, 19), TODAY, True), (TODAY, TODAY, False), (date(2026, 8, 1), TODAY, False)],
)
def test_overdue_is_strictly_after_the_due_day(open_day, today, expected):
    assert is_overdue(open_day, today) is expected


def test_days_late_in_sql_are_the_python_days_late():
    """A listing takes how late a task is from SQL (`days_late_sql`); the screens from `days_left`: one rule."""
    import sqlite3

    from db.rules import days_late_sql, days_left

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE tasks (open_due)")
    days = [None, date(2025, 12, 31), date(2026, 2, 28), date(2026, 7, 19), TODAY, date(2026, 7, 21)]
    for open_day in days:
        connection.execute("DELETE FROM tasks")
        connection.execute("INSERT INTO tasks VALUES (?)", [open_day.isoformat() if open_day else None])
        for today in [TODAY, date(2026, 3, 1), date(2027, 1, 1)]:
            late, params = days_late_sql(today)
            in_sql = connection.execute(f"SELECT {late} FROM tasks t", params).fetchone()[0]
            left = days_left(open_day, today)
            assert in_sql == (-left if is_overdue(open_day, today) and left is not None else None), (open_day, today)


@pytest.mark.parametrize(
    ("status", "done", "due", "kind", "expected"),
    [
        (st.DONE, date(2026, 6, 1), date(2026, 6, 30), "month", DONE_ON_TIME),
        (st.DONE, date(2026, 6, 30), date(2026, 6, 30), "date", DONE_ON_TIME),
        (st.DONE, date(2026, 7, 2), date(2026, 6, 30), "quarter", DONE_LATE),
        (st.DONE, date(2026, 7, 25), date(2026, 6, 30), "month", OVERDUE),  # done after the report's day
        (st.DONE, date(2026, 7, 25), date(2026, 9, 30), "month", NOT_DUE),
        (st.IN_PROGRESS, None, date(2026, 6, 30), "month", OVERDUE),
        (st.IN_PROGRESS, None, date(2026, 9, 30), "quarter", IN_PROGRESS),
        (st.IN_PROGRESS, None, TODAY, "date", IN_PROGRESS),  # due today is not late yet
        (st.NOT_STARTED, None, date(2026, 6, 30), "month", OVERDUE),
        (st.NOT_STARTED, None, date(2026, 9, 30), "month", NOT_DUE),
        (st.NOT_STARTED, None, None, "ongoing", ONGOING),
        (st.DONE, date(2026, 1, 1), None, "ongoing", ONGOING),
        (st.IN_PROGRESS, None, None, "conditional", NO_DUE),
        (st.NOT_STARTED, None, None, "none", NO_DUE),
    ],
)
def test_classify_every_kind_and_status(status, done, due, kind, expected):
    assert classify(status, done, due, TODAY, kind) == expected


def test_completions_match_occurrences():
    dues = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    assert occurrence_outcomes(dues, []) == [None, None, None]
    assert occurrence_outcomes(dues, [date(2026, 2, 1)]) == [None, DONE_ON_TIME, None]
    # two reports in January account for January only: a report is not sent ahead for February
    assert occurrence_outcomes(dues, [date(2026, 1, 5), date(2026, 1, 20)]) == [DONE_ON_TIME, None, None]
    assert occurrence_outcomes(dues, [date(2026, 4, 2)]) == [None, None, DONE_LATE]


def test_a_recurring_task_is_in_the_periods_of_its_due_dates(fresh_db, tmp_path):
    """The register keeps each recurring task's due dates (`task_dues`): the filter by period reads them, and
    an edit of the deadline, and its undo, rewrite them."""
    from db.rules import DUES_YEARS
    from tests.conftest import write_plan

    rows = [["1", "Báo cáo năm", "BC", "Văn phòng Sở", "Trước ngày 05/11 hàng năm"],
            ["2", "Báo cáo tháng", "BC", "Văn phòng Sở", "Hàng tháng"],
            ["3", "Kiểm tra định kỳ", "BC", "Thanh tra Sở", "Định kỳ"],
            ["4", "Rà soát", "BC", "Thanh tra Sở", "Tháng 6/2026"]]
    head = "Số: 7/KH-SYT\n\nHà Nam, ngày 02 tháng 01 năm 2026\n\nKẾ HOẠCH\nThử nghiệm năm 2026\n\n"
    import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", rows, head)))

    def numbers(deadline: str) -> list[str]:
        return [t.number for t in fetch_tasks(fresh_db, TaskFilter(deadline=deadline))]

    assert numbers("Tháng 11/2026") == ["1", "2", "3"]  # the year's report, November's, «Định kỳ» all year
    assert numbers("Tháng 11/2031") == ["1"]  # the monthly reports and «Định kỳ» end with the plan's year
    assert numbers(f"Tháng 11/{2026 + DUES_YEARS}") == ["1"]
    assert numbers("Tháng 10/2031") == []
    assert numbers("Tháng 2/2026") == ["2", "3"]
    assert numbers("Tháng 6/2026") == ["2", "3", "4"]
    monthly = fetch_tasks(fresh_db, TaskFilter())[1]
    update_task(fresh_db, monthly.id, {"deadline_text": "Quý I/2026"})
    assert numbers("Tháng 6/2026") == ["3", "4"] and numbers("Tháng 3/2026") == ["2", "3"]
    update_task(fresh_db, monthly.id, {"deadline_text": "Hàng quý"})  # still recurring: its dates rewritten
    assert numbers("Tháng 5/2026") == ["3"] and numbers("Tháng 6/2026") == ["2", "3", "4"]
    undo(fresh_db)
    undo(fresh_db)
    assert numbers("Tháng 5/2026") == ["2", "3"] and numbers("Tháng 6/2026") == ["2", "3", "4"]


def test_rate_and_quarter():
    assert completion_rate(3, 6) == pytest.approx(1 / 3)
    assert (rate_text(3, 6), rate_text(1, 1), rate_text(0, 0), rate_text(0, 4)) == ("33,3%", "50,0%", "—", "0,0%")
    assert quarter_of(date(2026, 11, 23)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_of(date(2026, 2, 28)) == (date(2026, 1, 1), date(2026, 3, 31))


@pytest.mark.parametrize(("written", "code"), [
    ("Hoàn thành", "done"), ("đã xong", "done"), ("Đã hoàn thành.", "done"), ("xong", "done"),
    ("Đang làm", "in_progress"), ("dang thuc hien", "in_progress"), ("ĐANG TRIỂN KHAI", "in_progress"),
    ("chưa làm", "not_started"), ("Chưa thực hiện", "not_started"), ("chua", "not_started"),
    ("Chưa triển khai", "not_started"), ("Đang tiến hành", "in_progress"),
    ("Xong rồi", None), ("quá hạn", None), ("", None),
    # as tracking tables qualify them (each was «not started», the words kept aside)
    ("Hoàn thành đúng hạn", "done"), ("Đã hoàn thành trước hạn", "done"), ("Hoàn thành (trễ 5 ngày)", "done"),
    ("Hoàn thành 80%", "in_progress"), ("đang thực hiện (70%)", "in_progress"), ("Hoàn thành 100%", "done"),
    ("0%", "not_started"), ("Chậm tiến độ", "in_progress"), ("Đã triển khai", "in_progress"),
    ("Không thực hiện", None), ("Tạm dừng", None), ("chưa hoàn thành", None),
])
def test_a_status_is_read_as_people_write_it(written, code):
    """The words a unit writes in its sheet or the officer types in a filter, the report's own «Đang làm» too;
    anything else is refused by name (the receive and filter messages say so)."""
    assert st.parse_status(written) == code
