"""The deadline grammar, form by form, as plans write them."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.dates import excel_serial_day, read_day
from plans.deadlines import KINDS, parse_deadline, short_name

D = date


@pytest.mark.parametrize(
    ("text", "year", "kind", "start", "due"),
    [
        ("Quý II/2020", None, "quarter", D(2020, 4, 1), D(2020, 6, 30)),
        ("Quý I/2020", None, "quarter", D(2020, 1, 1), D(2020, 3, 31)),
        ("Quý III/ 2023", None, "quarter", D(2023, 7, 1), D(2023, 9, 30)),
        ("Quý III năm 2023", None, "quarter", D(2023, 7, 1), D(2023, 9, 30)),
        ("Quý IV-2021", None, "quarter", D(2021, 10, 1), D(2021, 12, 31)),
        ("Quí II.2021.", None, "quarter", D(2021, 4, 1), D(2021, 6, 30)),
        ("Quý 2/2021", None, "quarter", D(2021, 4, 1), D(2021, 6, 30)),
        ("Quý II", 2024, "quarter", D(2024, 4, 1), D(2024, 6, 30)),
        # as the task list writes a quarter, and officers abbreviate it: not March or the first month
        ("Q3/2026", None, "quarter", D(2026, 7, 1), D(2026, 9, 30)),
        # several quarters named: the work spans them, due at the last one's end (not overdue after the first)
        ("Quý I, II/2026", None, "range", D(2026, 1, 1), D(2026, 6, 30)),
        ("Quý III và Quý IV năm 2026", None, "range", D(2026, 7, 1), D(2026, 12, 31)),
        ("Quý 2, 3", 2026, "range", D(2026, 4, 1), D(2026, 9, 30)),
        # quarters joined by a dash or «đến»: the span, not the first quarter with «II/2026» as a note
        ("Quý I-II/2026", None, "range", D(2026, 1, 1), D(2026, 6, 30)),
        ("Quý II – III năm 2026", None, "range", D(2026, 4, 1), D(2026, 9, 30)),
        ("Quý I đến III/2026", None, "range", D(2026, 1, 1), D(2026, 9, 30)),
        ("Quý IV-2026", None, "quarter", D(2026, 10, 1), D(2026, 12, 31)),  # a dash before the year stays one
        # years named together span them
        ("Năm 2026, 2027", None, "range", D(2026, 1, 1), D(2027, 12, 31)),
        ("Các năm 2026, 2027 và 2028", None, "range", D(2026, 1, 1), D(2028, 12, 31)),
        ("Năm 2025 và năm 2026", None, "range", D(2025, 1, 1), D(2026, 12, 31)),  # was 2025, «và năm 2026» a note
        # a finer term in brackets, due before the period ends: the day to follow (was the quarter's end)
        ("Quý IV năm 2026 (trước ngày 15/12/2026)", None, "date", D(2026, 12, 15), D(2026, 12, 15)),
        ("Tháng 12/2026 (trước ngày 20/12)", 2026, "date", D(2026, 12, 20), D(2026, 12, 20)),
        ("Năm 2026 (Tháng 11)", 2026, "month", D(2026, 11, 1), D(2026, 11, 30)),
        ("Quý I/2026 (xong trước 31/3)", None, "quarter", D(2026, 1, 1), D(2026, 3, 31)),  # nothing earlier
        ("Quý II/2026 (trước 15/9/2026)", None, "quarter", D(2026, 4, 1), D(2026, 6, 30)),  # not inside it
        # a term, then after «;» a second duty: the term (was quarterly from 31/12)
        ("Trước 31/12/2026; báo cáo định kỳ hằng quý", None, "date", D(2026, 12, 31), D(2026, 12, 31)),
        # the plan's year when the cell names none
        ("Cuối năm", 2026, "year", D(2026, 1, 1), D(2026, 12, 31)),
        ("Trong năm", 2026, "year", D(2026, 1, 1), D(2026, 12, 31)),
        ("Trong năm nay", 2026, "year", D(2026, 1, 1), D(2026, 12, 31)),
        # the start and the middle of a year: its first quarter, its first half (were the whole year)
        ("Đầu năm 2026", None, "quarter", D(2026, 1, 1), D(2026, 3, 31)),
        ("Đầu năm", 2026, "quarter", D(2026, 1, 1), D(2026, 3, 31)),
        ("Giữa năm 2026", None, "half_year", D(2026, 1, 1), D(2026, 6, 30)),
        ("Nửa đầu năm 2026", None, "half_year", D(2026, 1, 1), D(2026, 6, 30)),
        ("Nửa cuối năm 2026", None, "half_year", D(2026, 7, 1), D(2026, 12, 31)),
        ("Từ đầu năm đến hết Quý II/2026", None, "range", D(2026, 1, 1), D(2026, 6, 30)),
        ("Đầu năm học 2026", None, "year", D(2026, 1, 1), D(2026, 12, 31)),  # a school year is not the year's start
        ("Tháng 11, 12/2026", None, "range", D(2026, 11, 1), D(2026, 12, 31)),  # not round the year: a span
        ("Tháng 1, 4", 2026, "range", D(2026, 1, 1), D(2026, 4, 30)),
        ("Tháng 11/2026 và tháng 12/2026", None, "range", D(2026, 11, 1), D(2026, 12, 31)),  # each with its year
        ("Q.III-2026", None, "quarter", D(2026, 7, 1), D(2026, 9, 30)),
        ("q1.2026", None, "quarter", D(2026, 1, 1), D(2026, 3, 31)),
        ("Chậm nhất trong quý III/2020", None, "quarter", D(2020, 7, 1), D(2020, 9, 30)),
        ("Tháng 11/2020", None, "month", D(2020, 11, 1), D(2020, 11, 30)),
        # «từ năm 2026 đến năm 2030»: a span (was the year 2026, «đến năm 2030» kept as a note)
        ("Từ năm 2026 đến năm 2030", None, "range", D(2026, 1, 1), D(2030, 12, 31)),
        ("Từ 2026 đến hết năm 2030", None, "range", D(2026, 1, 1), D(2030, 12, 31)),
        ("Tháng 01/2020", None, "month", D(2020, 1, 1), D(2020, 1, 31)),
        ("tháng 6 năm 2021", None, "month", D(2021, 6, 1), D(2021, 6, 30)),
        ("Tháng 2", 2024, "month", D(2024, 2, 1), D(2024, 2, 29)),
        ("Chốt kết quả vào ngày 15/11/2020", None, "date", D(2020, 11, 15), D(2020, 11, 15)),
        ("Ngày 15 tháng 3/2026", None, "date", D(2026, 3, 15), D(2026, 3, 15)),
        ("Trước ngày 15/12/2022", None, "date", D(2022, 12, 15), D(2022, 12, 15)),
        ("Trước 30/6/2021", None, "date", D(2021, 6, 30), D(2021, 6, 30)),
        ("Trước 31/3 năm 2026", None, "date", D(2026, 3, 31), D(2026, 3, 31)),  # was the whole year
        ("ngày 20 tháng 5 năm 2022", None, "date", D(2022, 5, 20), D(2022, 5, 20)),
        ("năm 2023", None, "year", D(2023, 1, 1), D(2023, 12, 31)),
        ("Năm 2023", None, "year", D(2023, 1, 1), D(2023, 12, 31)),
        ("6 tháng đầu năm 2021", None, "half_year", D(2021, 1, 1), D(2021, 6, 30)),
        ("6 tháng cuối năm", 2021, "half_year", D(2021, 7, 1), D(2021, 12, 31)),
        ("9 tháng", 2022, "nine_months", D(2022, 1, 1), D(2022, 9, 30)),
        ("9 tháng đầu năm 2022", None, "nine_months", D(2022, 1, 1), D(2022, 9, 30)),
        ("Từ tháng 3 đến tháng 6/2021", None, "range", D(2021, 3, 1), D(2021, 6, 30)),
        ("Giai đoạn 2021-2025", None, "range", D(2021, 1, 1), D(2025, 12, 31)),
        ("2021 - 2025", None, "range", D(2021, 1, 1), D(2025, 12, 31)),
        ("Quý IV/2025 - Quý II/2026", None, "range", D(2025, 10, 1), D(2026, 6, 30)),
    ],
)
def test_periods(text, year, kind, start, due):
    deadline = parse_deadline(text, year)
    assert (deadline.kind, deadline.start, deadline.due) == (kind, start, due)
    assert deadline.text == text


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Tháng 11/2023 Khi đơn vị đề nghị", "Khi đơn vị đề nghị"),
        ("Tháng 03/2023 (Gửi KH về Sở Nội vụ)", "Gửi KH về Sở Nội vụ"),
        ("Tháng 03/2023 (Gửi Đăng ký về Sở Nội vụ)", "Gửi Đăng ký về Sở Nội vụ"),
    ],
)
def test_month_with_condition_keeps_note(text, note):
    deadline = parse_deadline(text)
    assert deadline.kind == "month"
    assert deadline.note == note
    assert deadline.due.day in (30, 31)


def test_ongoing_is_active_over_plan_year_without_due():
    deadline = parse_deadline("Thường xuyên", 2020)
    assert deadline.kind == "ongoing"
    assert deadline.due is None
    assert (deadline.start, deadline.end) == (D(2020, 1, 1), D(2020, 12, 31))


@pytest.mark.parametrize("text", ["Thường xuyên năm 2023", "Thường xuyên hàng năm", "thường xuyên."])
def test_ongoing_forms(text):
    deadline = parse_deadline(text, 2023)
    assert deadline.kind == "ongoing"
    assert deadline.due is None
    assert deadline.start == D(2023, 1, 1)


@pytest.mark.parametrize(
    ("text", "year", "recurrence", "due", "end"),
    [
        ("Hàng tháng", 2020, "month", D(2020, 1, 31), D(2020, 12, 31)),
        # the day of the month named: each month's 15th, not its end
        ("Trước ngày 15 hàng tháng", 2020, "month", D(2020, 1, 15), D(2020, 12, 31)),
        # months named round the year: the repeat they make, due first at the first one's end
        ("Tháng 6 và tháng 12 hằng năm", 2026, "half_year", D(2026, 6, 30), None),
        ("Tháng 3, 6, 9, 12", 2026, "quarter", D(2026, 3, 31), D(2026, 12, 31)),
        ("Trước ngày 15 tháng 3, 6, 9, 12", 2026, "quarter", D(2026, 3, 15), D(2026, 12, 31)),
        ("Hằng tháng, trước ngày 20", 2020, "month", D(2020, 1, 20), D(2020, 12, 31)),
        ("Hàng tháng trong năm 2023", None, "month", D(2023, 1, 31), D(2023, 12, 31)),
        ("Hằng tháng", 2020, "month", D(2020, 1, 31), D(2020, 12, 31)),
        ("Hàng quý", 2021, "quarter", D(2021, 3, 31), D(2021, 12, 31)),
        ("Định kỳ 6 tháng", 2021, "half_year", D(2021, 6, 30), D(2021, 12, 31)),
        ("Hàng năm", 2021, "year", D(2021, 12, 31), None),
        ("trước ngày 05/11 hàng năm", 2022, "year", D(2022, 11, 5), None),
        # «định kỳ» before the repeat: the repeat named, not a repeat without a date
        ("Định kỳ hằng năm", 2026, "year", D(2026, 12, 31), None),
        ("Định kỳ hàng quý", 2026, "quarter", D(2026, 3, 31), D(2026, 12, 31)),
        ("Định kỳ hằng tháng", 2026, "month", D(2026, 1, 31), D(2026, 12, 31)),
        # a day of the quarter's last month
        ("Trước ngày 20 của tháng cuối quý", 2026, "quarter", D(2026, 3, 20), D(2026, 12, 31)),
        ("Hằng quý (trước ngày 15 tháng cuối quý)", 2026, "quarter", D(2026, 3, 15), D(2026, 12, 31)),
        # a period each year: due at its end, not at the year's
        ("Quý I hằng năm", 2026, "year", D(2026, 3, 31), None),
        ("Tháng 01 hằng năm", 2026, "year", D(2026, 1, 31), None),
        # the half-yearly and the yearly report: due first at mid-year
        ("6 tháng, hằng năm", 2026, "half_year", D(2026, 6, 30), None),
        # dates named round the year on one day repeat, as months named so do
        ("Trước ngày 15/6 và 15/12", 2026, "half_year", D(2026, 6, 15), D(2026, 12, 31)),
        ("30/6 và 31/12 hằng năm", 2026, "half_year", D(2026, 6, 30), None),
        ("15/3, 15/6, 15/9, 15/12", 2026, "quarter", D(2026, 3, 15), D(2026, 12, 31)),
        ("Tháng 6/2026 và tháng 12/2026", None, "half_year", D(2026, 6, 30), D(2026, 12, 31)),  # was June only
    ],
)
def test_recurring(text, year, recurrence, due, end):
    deadline = parse_deadline(text, year)
    assert deadline.kind == "recurring"
    assert (deadline.recurrence, deadline.due, deadline.end) == (recurrence, due, end)


def test_monthly_occurrences_fall_at_each_month_end():
    deadline = parse_deadline("Hàng tháng", 2020)
    dues = deadline.occurrences(D(2020, 4, 1), D(2020, 6, 30))
    assert dues == [D(2020, 4, 30), D(2020, 5, 31), D(2020, 6, 30)]
    assert deadline.occurrences(D(2021, 1, 1), D(2021, 3, 31)) == []


def test_a_day_of_the_quarters_last_month_recurs_each_quarter():
    deadline = parse_deadline("Trước ngày 20 của tháng cuối quý", 2026)
    assert deadline.occurrences(D(2026, 1, 1), D(2026, 12, 31)) == [D(2026, 3, 20), D(2026, 6, 20), D(2026, 9, 20),
                                                                   D(2026, 12, 20)]


def test_dates_named_round_the_year_are_each_due():
    deadline = parse_deadline("30/6 và 31/12 hằng năm", 2026)
    assert deadline.occurrences(D(2026, 1, 1), D(2027, 12, 31)) == [D(2026, 6, 30), D(2026, 12, 31), D(2027, 6, 30),
                                                                   D(2027, 12, 31)]
    # dates not round the year on one day stay the first date, the rest kept as its note
    deadline = parse_deadline("Ngày 15/6 và 20/12", 2026)
    assert (deadline.kind, deadline.due, deadline.note) == ("date", D(2026, 6, 15), "và 20/12")


def test_yearly_occurrences_repeat_every_year():
    deadline = parse_deadline("trước ngày 05/11 hàng năm", 2022)
    assert deadline.occurrences(D(2022, 1, 1), D(2024, 12, 31)) == [D(2022, 11, 5), D(2023, 11, 5), D(2024, 11, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "Theo Kế hoạch",
        "Theo kế hoạch phê duyệt",
        "Theo tiến độ phê duyệt",
        "Theo tiến độ Kế hoạch",
        "Chỉ đạo của UBND tỉnh",
        "Theo chỉ đạo của UBND tỉnh",
        "Khi có Thông tư hướng dẫn của Bộ",
        "Sau khi UBND tỉnh ban hành",
        "Thời hạn theo Kế hoạch số 5206/KH-UBND ngày 10/5/2019 của UBND tỉnh",
        "Thời hạn theo Kế hoạch số 13383/KH-UBND ngày 19/11/2019 của UBND tỉnh",
        "Theo Quyết định 1234/QĐ-UBND ngày 01/02/2021",
        "Tháng 13/2020",
        "32/12/2020",
        "Quý 5/2023",  # a quarter that does not exist: not May
        "Quý V/2023",
        "Quý 12/2023",
        "xyz",
        "Tháng 11",  # no year anywhere: never guessed
        "Cuối năm",  # likewise
        "Sơ kết giữa năm",  # the middle of the year is no period of its own
        "Cuối năm sau",
    ],
)
def test_conditional_has_no_due(text):
    deadline = parse_deadline(text)
    assert deadline.kind == "conditional"
    assert deadline.due is None and deadline.start is None
    assert deadline.text == text


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_is_none(text):
    assert parse_deadline(text).kind == "none"


def test_reading_in_vietnamese():
    assert parse_deadline("Quý II/2020").reading() == "01/04/2020 – 30/06/2020"
    assert parse_deadline("Chốt kết quả vào ngày 15/11/2020").reading() == "hạn 15/11/2020"
    assert parse_deadline("Theo Kế hoạch").reading().startswith("theo điều kiện")


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(min_value=-5000, max_value=5000)))
def test_never_raises(text, year):
    deadline = parse_deadline(text, year)
    assert deadline.kind in KINDS


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Quý", "II", "/", "2020", "tháng", "11", "năm", "hàng", "-", "đến", "Từ",
                                  "ngày", "15/11", "thường xuyên", "6", "9", "đầu", "cuối", " "]), max_size=8))
def test_never_raises_on_deadline_like_words(words):
    deadline = parse_deadline(" ".join(words), 2020)
    assert deadline.kind in KINDS
    if deadline.start and deadline.due:
        assert deadline.start <= deadline.due


@pytest.mark.parametrize("text", ["Quý I/202", "Quý II/2O23", "Quý I/3000", "Tháng 5/20266", "năm 2O26"])
def test_a_mistyped_year_is_unreadable_never_replaced(text):
    deadline = parse_deadline(text, 2026)
    assert deadline.kind == "conditional" and deadline.due is None


@pytest.mark.parametrize(("text", "short"), [
    ("Trước ngày 30/6/2026", "30/06/2026"),
    ("Quý II/2026", "Q2/2026"),
    ("Tháng 11/2026", "T11/2026"),
    ("6 tháng đầu năm 2026", "6T đầu 2026"),
    ("6 tháng cuối năm 2026", "6T cuối 2026"),
    ("9 tháng năm 2026", "9T 2026"),
    ("Năm 2026", "năm 2026"),
    ("Từ tháng 3 đến tháng 6/2026", "30/06/2026"),
    ("Hàng tháng", "hằng tháng"),
    ("Định kỳ 6 tháng", "6 tháng/lần"),
    ("trước ngày 05/11 hàng năm", "hằng năm"),
    ("Định kỳ", "định kỳ"),
    ("Thường xuyên", "th.xuyên"),
    ("Theo tiến độ phê duyệt", "đ.kiện"),
    ("", "—"),
])
def test_short_names_fit_the_deadline_column(text, short):
    assert short_name(parse_deadline(text, 2026)) == short
    assert len(short) <= 12


@pytest.mark.parametrize("text", [
    "Quý II/2026", "Tháng 11/2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "9 tháng năm 2026", "Năm 2026",
    "15/11/2026", "Hàng tháng", "Hằng quý", "Định kỳ 6 tháng", "Thường xuyên", "Theo tiến độ phê duyệt",
])
def test_what_the_list_shows_reads_back_as_the_same_deadline(text):
    """An officer types into the filter what the deadline column shows («Q2/2026», «6T đầu 2026», «th.xuyên»,
    «6 tháng/lần»): it means what it showed, not March, a whole year or «theo điều kiện»."""
    deadline = parse_deadline(text, 2026)
    again = parse_deadline(short_name(deadline), 2026)
    assert (again.kind, again.start, again.due, again.recurrence) == (
        deadline.kind, deadline.start, deadline.due, deadline.recurrence)


@pytest.mark.parametrize(("text", "told"), [
    ("Quý 5/2026", "«Quý 5» không phải một quý"), ("Tháng 13/2026", "«Tháng 13/2026» không phải một ngày"),
    ("31/02/2026", "«31/02/2026» không phải"), ("Quý II/2O26", "năm trong «Quý II/2O26» viết chưa đúng"),
    ("Theo kế hoạch", None), ("Khi có Thông tư 05/2026/TT-BYT", None), ("Quý II/2026", None), ("", None),
])
def test_a_period_mistyped_is_told_from_a_condition(text, told):
    from plans.deadlines import mistyped_period

    problem = mistyped_period(text, 2026)
    assert (problem is None) if told is None else (problem is not None and told in problem)


def test_a_monthly_day_recurs_on_that_day():
    deadline = parse_deadline("Trước ngày 15 hàng tháng", 2026)
    assert deadline.occurrences(D(2026, 1, 1), D(2026, 3, 31)) == [D(2026, 1, 15), D(2026, 2, 15), D(2026, 3, 15)]


@pytest.mark.parametrize(
    ("value", "day"),
    [("46022", date(2025, 12, 31)), (46203.0, date(2026, 6, 30)), ("46022.0", date(2025, 12, 31)),
     (" 45658 ", date(2025, 1, 1)), ("12000", None), ("2026", None), ("46022.5", None), (True, None),
     ("99999", None), ("31/12/2025", None)],
)
def test_an_excel_serial_is_a_day_only_in_the_years_a_day_may_have(value, day):
    assert excel_serial_day(value) == day


ISSUED = date(2026, 1, 5)


@pytest.mark.parametrize(("text", "due"), [
    ("Trong 30 ngày kể từ ngày ban hành Kế hoạch", date(2026, 2, 4)),
    ("Trong vòng 15 ngày kể từ ngày Kế hoạch được ban hành", date(2026, 1, 20)),
    ("Trong thời hạn 30 ngày, kể từ ngày ký ban hành.", date(2026, 2, 4)),
    ("Sau 10 ngày kể từ ngày ký", date(2026, 1, 15)),
    ("trong 2 tuần kể từ ngày ban hành kế hoạch này", date(2026, 1, 19)),
    ("Trong 01 tháng kể từ ngày ban hành Kế hoạch", date(2026, 2, 5)),
])
def test_a_deadline_counted_from_the_plans_issue_is_that_day(text, due):
    deadline = parse_deadline(text, 2026, ISSUED)
    assert (deadline.kind, deadline.due, deadline.note) == ("date", due, "tính từ ngày ban hành kế hoạch 05/01/2026")
    assert parse_deadline(text, 2026).kind == "conditional"  # the plan's issue date unknown: a condition


@pytest.mark.parametrize("text", [
    "Trong 30 ngày kể từ ngày ban hành Quyết định công bố",  # another document's issue
    "Trong 10 ngày làm việc kể từ ngày ban hành",  # working days need the year's holidays
    "Trong 30 ngày kể từ ngày nhận được văn bản",
    "Trong 30 ngày",
])
def test_other_counted_deadlines_stay_conditions(text):
    assert parse_deadline(text, 2026, ISSUED).kind == "conditional"


def test_a_month_counted_from_the_last_day_of_a_month_ends_with_the_next_month():
    assert parse_deadline("Trong 01 tháng kể từ ngày ban hành", 2026, date(2026, 1, 31)).due == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # the plan's year, as «Thường xuyên»
        ("Liên tục", D(2026, 1, 1), D(2026, 12, 31)),
        ("Thực hiện liên tục", D(2026, 1, 1), D(2026, 12, 31)),
        ("Hằng ngày", D(2026, 1, 1), D(2026, 12, 31)),
        ("Hàng ngày", D(2026, 1, 1), D(2026, 12, 31)),
        ("Suốt năm", D(2026, 1, 1), D(2026, 12, 31)),
        ("Quanh năm", D(2026, 1, 1), D(2026, 12, 31)),
        # from a period on, with no end: never overdue (were due at the end of that first period)
        ("Năm 2026 và các năm tiếp theo", D(2026, 1, 1), None),
        ("Năm 2026 và những năm tiếp theo", D(2026, 1, 1), None),
        ("Từ năm 2026 trở đi", D(2026, 1, 1), None),
        ("Từ năm 2026", D(2026, 1, 1), None),
        ("Từ Quý II/2026", D(2026, 4, 1), None),
        ("Bắt đầu từ tháng 5/2026", D(2026, 5, 1), None),
        ("Từ ngày 15/3/2026", D(2026, 3, 15), None),
        ("Tháng 3/2026 và duy trì", D(2026, 3, 1), None),
        ("Năm 2026, các năm tiếp theo thực hiện thường xuyên", D(2026, 1, 1), None),  # not only through 2026
    ],
)
def test_work_that_goes_on_is_ongoing(text, start, end):
    deadline = parse_deadline(text, 2026)
    assert (deadline.kind, deadline.start, deadline.due, deadline.end) == ("ongoing", start, None, end)
    assert deadline.reading() == ("thường xuyên, từ " + f"{start:%d/%m/%Y}" if end is None
                                  else f"thường xuyên, {start:%d/%m/%Y} – {end:%d/%m/%Y}")


@pytest.mark.parametrize("text", ["Từ tháng 3 đến tháng 6/2026", "Từ 01/3/2026 đến 30/4/2026", "Năm 2026",
                                  "Từ nay đến hết năm 2026", "Từ khi có hướng dẫn",
                                  "Quý II/2026 (duy trì kết quả)"])  # a note on what to keep, not a term
def test_a_period_that_ends_is_not_ongoing(text):
    assert parse_deadline(text, 2026).kind != "ongoing"


@pytest.mark.parametrize(
    ("text", "written", "kind", "due"),
    [
        ("Tổng hợp báo cáo kết quả gửi Sở Nội vụ trước ngày 10/12/2026.", "trước ngày 10/12/2026", "date",
         D(2026, 12, 10)),
        ("Báo cáo kết quả định kỳ hằng quý.", "định kỳ hằng quý", "recurring", D(2026, 3, 31)),
        # a labelled deadline inside the sentence: its value, not the label
        ("Cập nhật tin, bài trên Trang thông tin điện tử; thời gian: hằng tháng.", "hằng tháng", "recurring",
         D(2026, 1, 31)),
        ("Tổ chức tập huấn (thời gian thực hiện: Quý II/2026).", "Quý II/2026", "quarter", D(2026, 6, 30)),
        # «thực hiện thường xuyên»: the work goes on
        ("Phối hợp xây dựng tin, bài, phóng sự; thực hiện thường xuyên.", "thường xuyên", "ongoing", None),
        ("Phổ biến Kế hoạch đến toàn thể công chức.", "", "none", None),
    ],
)
def test_a_deadline_written_in_a_sentence(text, written, kind, due):
    from plans.deadlines import deadline_in_text

    deadline = deadline_in_text(text, 2026)
    assert (deadline.text, deadline.kind, deadline.due) == (written, kind, due)


@pytest.mark.parametrize(("text", "recurrence", "due"), [
    ("06 tháng/lần", "half_year", D(2026, 6, 30)),  # was monthly: «06» read as no «6»
    ("Định kỳ 06 tháng", "half_year", D(2026, 6, 30)),
    ("3 tháng/lần", "quarter", D(2026, 3, 31)),
    ("Định kỳ 3 tháng", "quarter", D(2026, 3, 31)),
    ("12 tháng/lần", "year", D(2026, 12, 31)),  # was monthly
    ("6 tháng/lần", "half_year", D(2026, 6, 30)),
    ("Tháng/lần", "month", D(2026, 1, 31)),
])
def test_a_repeat_counted_in_months(text, recurrence, due):
    deadline = parse_deadline(text, 2026)
    assert (deadline.kind, deadline.recurrence, deadline.due) == ("recurring", recurrence, due)


@pytest.mark.parametrize(("typed", "day"), [
    ("15/6/2026", D(2026, 6, 15)), ("15/06/2026", D(2026, 6, 15)), ("15-6-2026", D(2026, 6, 15)),
    ("15.6.2026", D(2026, 6, 15)), ("2026-06-15", D(2026, 6, 15)),
    ("ngày 15/6/2026", D(2026, 6, 15)), ("Ngày 15 tháng 6 năm 2026", D(2026, 6, 15)),  # as a letter writes it
    ("15 tháng 06 năm 2026", D(2026, 6, 15)),
    ("31/02/2026", None), ("31 tháng 2 năm 2026", None), ("15/6", None), ("Tháng 6/2026", None), ("ngày", None),
    ("15/6/1890", None),
])
def test_a_day_as_people_type_it(typed, day):
    assert read_day(typed) == day
