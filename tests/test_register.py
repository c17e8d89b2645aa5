"""The register: import, re-import, filters, edits, history, undo, units."""

from datetime import date

import pytest

from db import status as st
from db.edits import add_task, delete_task, set_status, update_task
from db.filters import FilterError, TaskFilter, count_tasks, describe, fetch_tasks
from db.history import task_history
from db.importer import import_plan
from db.register import RegisterError, open_register
from db.schema import SCHEMA_VERSION, schema_version
from db.tasks import get_task
from db.undo import undo
from db.units import find_unit, match_units, merge_units, rename_unit, unit_counts
from plans.reader import read_plan
from plans.units import initials
from tests.conftest import write_plan

TODAY = date(2024, 8, 1)
ROWS = [
    ["I. Thể chế", "", "", "", ""],
    ["1", "Rà soát văn bản", "Báo cáo", "Phòng Thanh Tra chủ trì, phối hợp với Văn phòng Sở", "Quý II/2024"],
    ["2", "Tập huấn nghiệp vụ", "Lớp tập huấn", "Phòng TCHC", "Tháng 11/2024"],
    ["3", "Khảo sát hài lòng", "Kết quả", "Văn phòng Sở, Phòng Thanh tra.", "Hàng tháng"],
    ["4", "Cập nhật cơ sở dữ liệu", "Dữ liệu", "Văn phòng Sở", "Thường xuyên"],
    ["5", "Xây dựng quy chế", "Quyết định", "Phòng Tổ chức - Hành chính", "Theo Kế hoạch"],
]


@pytest.fixture
def loaded(fresh_db, tmp_path):
    import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", ROWS)))
    return fresh_db


def test_schema_version_and_pragmas(db_path):
    db = open_register(db_path)
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_not_sqlite_file_is_refused(tmp_path):
    bad = tmp_path / "x.sqlite"
    bad.write_text("đây không phải sổ")
    with pytest.raises(RegisterError, match="không phải là sổ theo dõi"):
        open_register(bad)
    assert bad.read_text() == "đây không phải sổ"


def test_newer_schema_is_refused(db_path):
    db = open_register(db_path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(RegisterError, match="phiên bản theodoi mới hơn"):
        open_register(db_path)


def test_same_file_twice_adds_nothing(fresh_db, tmp_path):
    plan = read_plan(write_plan(tmp_path, "kh.txt", ROWS))
    first = import_plan(fresh_db, plan)
    again = import_plan(fresh_db, read_plan(write_plan(tmp_path, "kh.txt", ROWS)))
    assert (first.added, again.added, again.same_file) == (5, 0, True)
    assert count_tasks(fresh_db, TaskFilter()) == 5


def test_corrected_version_keeps_status_and_history(loaded, tmp_path):
    task = fetch_tasks(loaded, TaskFilter(search="tap huan"))[0]
    set_status(loaded, [task.id], "hoàn thành", completed_on=date(2024, 7, 1), result="Báo cáo số 5/BC-SYT")
    corrected = [list(r) for r in ROWS]
    corrected[2][1] = "Tập huấn nghiệp vụ cải cách hành chính"
    corrected[2][4] = "Tháng 12/2024"
    result = import_plan(loaded, read_plan(write_plan(tmp_path, "kh-sua.txt", corrected)))
    assert (result.added, result.updated, result.removed) == (0, 1, 0)
    again = get_task(loaded, task.id)
    assert again.content == "Tập huấn nghiệp vụ cải cách hành chính"
    assert again.deadline.due == date(2024, 12, 31)
    assert (again.status, again.result) == (st.DONE, "Báo cáo số 5/BC-SYT")
    fields = [h.field for h in task_history(loaded, task.id)]
    assert "content" in fields and "status" in fields
    sources = {h.source for h in task_history(loaded, task.id)}
    assert "import:kh-sua.txt" in sources


TRACKING = ("Số: 9/KH-SYT\nHà Nam, ngày 02 tháng 01 năm 2024\n\nBẢNG THEO DÕI NHIỆM VỤ NĂM 2024\n\n"
            "STT\tNội dung\tĐơn vị chủ trì\tThời hạn\tTình hình thực hiện\tNgày hoàn thành\tKết quả thực hiện\n"
            "1\tBan hành kế hoạch\tVăn phòng Sở\tTháng 1/2024\tĐã hoàn thành\t20/01/2024\tKế hoạch số 3/KH-SYT\n"
            "2\tKiểm tra\tThanh tra Sở\tQuý III/2024\tĐang thực hiện\t\n"
            "3\tTập huấn\tVăn phòng Sở\tQuý IV/2024\tChờ ý kiến Bộ\t\n"
            "4\tKhảo sát\tVăn phòng Sở\tQuý IV/2024\t\tcuối tháng\n"
            "5\tSơ kết\tVăn phòng Sở\tTháng 6/2024\t\t28/06/2024\n"
            "6\tTổng kết\tVăn phòng Sở\tTháng 12/2024\tĐang thực hiện\t02/07/2024\n")


def test_an_officers_tracking_table_brings_its_statuses(fresh_db, tmp_path):
    """Moving from the officer's own Excel: the statuses and completion days it records are the tasks' (they
    were text under the content); a status the register cannot read stays with the task's text; a later
    version of the table never overwrites what the register has recorded since."""
    path = tmp_path / "theo-doi.txt"
    path.write_text(TRACKING, encoding="utf-8")
    plan = read_plan(path)
    assert plan.title == "BẢNG THEO DÕI NHIỆM VỤ NĂM 2024"
    assert any("ngày hoàn thành «cuối tháng» không phải một ngày" in str(w) for w in plan.warnings)
    import_plan(fresh_db, plan)
    tasks = fetch_tasks(fresh_db, TaskFilter())
    assert [(t.status, t.completed_on) for t in tasks] == [
        (st.DONE, date(2024, 1, 20)), (st.IN_PROGRESS, None), (st.NOT_STARTED, None), (st.NOT_STARTED, None),
        (st.DONE, date(2024, 6, 28)), (st.IN_PROGRESS, None)]  # a day and no status: done
    assert (tasks[0].result, tasks[0].product) == ("Kế hoạch số 3/KH-SYT", "")
    assert "Chờ ý kiến Bộ" in tasks[2].context and "Tình hình" not in tasks[0].context
    assert "Ngày hoàn thành: cuối tháng" in tasks[3].context
    assert "Ngày hoàn thành ghi trong tệp: 02/07/2024" in tasks[5].context  # beside «đang»: kept, not lost
    set_status(fresh_db, [tasks[1].id], "hoàn thành", completed_on=date(2024, 8, 1))
    path.write_text(TRACKING.replace("Kiểm tra\t", "Kiểm tra cải cách\t"), encoding="utf-8")
    import_plan(fresh_db, read_plan(path))
    assert get_task(fresh_db, tasks[1].id).status == st.DONE


def test_import_is_one_transaction(fresh_db, tmp_path, monkeypatch):
    plan = read_plan(write_plan(tmp_path, "kh.txt", ROWS))
    import db.importer as importer

    calls = {"n": 0}
    real = importer.set_units

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk gone")
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "set_units", failing)
    with pytest.raises(RuntimeError):
        import_plan(fresh_db, plan)
    assert fresh_db["tasks"].count == 0 and fresh_db["plans"].count == 0 and fresh_db["units"].count == 0


def test_units_normalised_and_aliases(loaded):
    names = {u.name for u in unit_counts(loaded)}
    assert "Phòng Thanh Tra" in names and "Phòng Thanh tra" not in names
    assert "Phòng Tổ chức - Hành chính" in names and "Phòng TCHC" not in names
    assert find_unit(loaded, "phong tchc") == find_unit(loaded, "Phòng Tổ chức - Hành chính")
    counts = {u.name: (u.lead, u.coordinating) for u in unit_counts(loaded)}
    assert counts["Phòng Tổ chức - Hành chính"] == (2, 0)
    assert counts["Văn phòng Sở"] == (2, 1)


def test_units_found_by_initials_and_aliases(loaded):
    tchc = find_unit(loaded, "Phòng Tổ chức - Hành chính")
    assert match_units(loaded, "tchc") == [tchc]  # the abbreviation officers type
    assert match_units(loaded, "to chuc") == [tchc]
    assert match_units(loaded, "vps") == [find_unit(loaded, "Văn phòng Sở")]
    assert count_tasks(loaded, TaskFilter(unit="tchc", role="lead")) == 2
    assert match_units(loaded, "khong co don vi nay") == []
    assert initials("Trung tâm Kiểm soát bệnh tật") == ["ttksbt", "tksbt", "ksbt"]


def test_filters_combine(loaded):
    flt = TaskFilter(unit="van phong so", deadline="Quý III/2024")
    contents = [t.content for t in fetch_tasks(loaded, flt, today=TODAY)]
    assert contents == ["Khảo sát hài lòng", "Cập nhật cơ sở dữ liệu"]
    lead = TaskFilter(unit="van phong so", role="lead")
    assert [t.content for t in fetch_tasks(loaded, lead)] == ["Khảo sát hài lòng", "Cập nhật cơ sở dữ liệu"]
    assert [t.content for t in fetch_tasks(loaded, TaskFilter(deadline="Thường xuyên"))] == ["Cập nhật cơ sở dữ liệu"]
    overdue = fetch_tasks(loaded, TaskFilter(deadline="quá hạn"), today=TODAY)
    # the monthly survey has missed every month since January: overdue since its first open occurrence
    assert [t.content for t in overdue] == ["Rà soát văn bản", "Khảo sát hài lòng"]
    assert [t.days_left(TODAY) for t in overdue] == [-32, -183]
    assert count_tasks(loaded, TaskFilter(view="overdue"), today=TODAY) == 2
    assert count_tasks(loaded, TaskFilter(status="chua thuc hien")) == 5
    assert [t.content for t in fetch_tasks(loaded, TaskFilter(search="ra soat van ban"))] == ["Rà soát văn bản"]
    assert count_tasks(loaded, TaskFilter(search="van phong so")) == 0  # units are found by the unit filter
    assert count_tasks(loaded, TaskFilter(unit="van phong so")) == 3


def test_filter_errors_are_vietnamese(loaded):
    with pytest.raises(FilterError, match="không hiểu thời hạn"):
        count_tasks(loaded, TaskFilter(deadline="mai kia"))
    with pytest.raises(FilterError, match="trạng thái"):
        count_tasks(loaded, TaskFilter(status="gần xong"))
    with pytest.raises(FilterError, match="không có đơn vị"):
        count_tasks(loaded, TaskFilter(unit="Sở Ngoại giao"))


def test_describe_in_words():
    flt = TaskFilter(unit="Văn phòng Sở", deadline="Quý II/2020")
    assert describe(flt) == "Nhiệm vụ của Văn phòng Sở – hạn trong Quý II/2020"


def test_status_change_history_and_undo(loaded):
    ids = [t.id for t in fetch_tasks(loaded, TaskFilter(unit="van phong so"))]
    set_status(loaded, ids, "hoan thanh", completed_on=date(2024, 7, 30))
    assert all(get_task(loaded, i).status == st.DONE for i in ids)
    assert get_task(loaded, ids[0]).completed_on == date(2024, 7, 30)
    message = undo(loaded)
    assert "trạng thái" in message
    assert all(get_task(loaded, i).status == st.NOT_STARTED for i in ids)
    assert get_task(loaded, ids[0]).completed_on is None
    sources = [h.source for h in task_history(loaded, ids[0])]
    assert sources[0] == "undo" and "status" in sources


def test_add_edit_delete_and_undo_delete(loaded):
    plan_id = loaded["plans"].get(1)["id"]
    task_id = add_task(loaded, plan_id, "Nhiệm vụ giao bằng văn bản giấy", deadline_text="Tháng 9/2024",
                       lead=["Văn phòng Sở"])
    assert get_task(loaded, task_id).deadline.due == date(2024, 9, 30)
    update_task(loaded, task_id, {"progress_note": "Đã giao Văn phòng"})
    assert get_task(loaded, task_id).progress_note == "Đã giao Văn phòng"
    delete_task(loaded, task_id)
    assert count_tasks(loaded, TaskFilter()) == 5
    undo(loaded)
    assert count_tasks(loaded, TaskFilter()) == 6


def test_bad_status_word_rejected_untouched(loaded):
    task = fetch_tasks(loaded, TaskFilter())[0]
    with pytest.raises(ValueError, match="không hợp lệ"):
        update_task(loaded, task.id, {"status": "sắp xong"})
    assert get_task(loaded, task.id).status == st.NOT_STARTED


def test_merge_is_kept_for_future_imports(loaded, tmp_path):
    keep = find_unit(loaded, "Văn phòng Sở")
    gone = find_unit(loaded, "Phòng Thanh Tra")
    merge_units(loaded, keep, gone)
    assert find_unit(loaded, "Phòng Thanh tra") == keep
    rows = [["1", "Việc mới", "Báo cáo", "Phòng Thanh tra", "Quý IV/2024"]]
    import_plan(loaded, read_plan(write_plan(tmp_path, "kh2.txt", rows, head="Số: 9/KH-SYT\n\n")))
    task = fetch_tasks(loaded, TaskFilter(search="viec moi"))[0]
    assert task.lead_units == ["Văn phòng Sở"]


def test_rename_keeps_old_name_as_alias(loaded):
    unit = find_unit(loaded, "Phòng Thanh Tra")
    rename_unit(loaded, unit, "Thanh tra Sở")
    assert find_unit(loaded, "Phòng Thanh Tra") == unit == find_unit(loaded, "thanh tra so")


@pytest.mark.parametrize(("flt", "title"), [
    (TaskFilter(), "Tất cả nhiệm vụ"),
    (TaskFilter(view="overdue", unit="Văn phòng Sở"), "Nhiệm vụ quá hạn của Văn phòng Sở"),
    (TaskFilter(deadline="quá hạn", unit="Thanh tra Sở", role="lead"), "Nhiệm vụ quá hạn do Thanh tra Sở chủ trì"),
    (TaskFilter(status="dang thuc hien", deadline="Quý II/2026"), "Nhiệm vụ đang thực hiện – hạn trong Quý II/2026"),
    (TaskFilter(deadline="Thường xuyên", plan="112/KH-SYT"), "Nhiệm vụ thường xuyên – kế hoạch 112/KH-SYT"),
    (TaskFilter(view="done", search="số hóa"), "Nhiệm vụ đã hoàn thành – có «số hóa»"),
])
def test_a_view_is_titled_by_what_it_is(flt, title):
    assert describe(flt) == title


def test_pages_from_the_end_are_the_same_rows(loaded):
    every = fetch_tasks(loaded, TaskFilter())
    assert [t.id for t in fetch_tasks(loaded, TaskFilter(), limit=2, from_end=True)] == [t.id for t in every[-2:]]
    assert [t.id for t in fetch_tasks(loaded, TaskFilter(), limit=2, offset=1, from_end=True)] == \
        [t.id for t in every[-3:-1]]
    ranked = fetch_tasks(loaded, TaskFilter(search="ra"), ranked=True)
    assert [t.id for t in fetch_tasks(loaded, TaskFilter(search="ra"), ranked=True, limit=1, from_end=True)] == \
        [ranked[-1].id]


def test_a_listing_in_pages_is_the_whole_list_in_order(loaded):
    from db.filters import iter_task_pages

    for flt, ranked, count in [(TaskFilter(), False, 5), (TaskFilter(search="s"), True, 3)]:
        whole = [t.id for t in fetch_tasks(loaded, flt, ranked=ranked)]
        pages = list(iter_task_pages(loaded, flt, page=2, ranked=ranked))
        assert len(whole) == count and [len(page) for page in pages] == [2] * (count // 2) + [1]
        assert [t.id for page in pages for t in page] == whole
        assert all(t.lead_units or t.coordinating_units for page in pages for t in page[:1])  # units attached


@pytest.mark.parametrize("flt", [TaskFilter(), TaskFilter(unit="Văn phòng Sở"), TaskFilter(status="đang thực hiện")])
@pytest.mark.parametrize("from_end", [False, True])
def test_a_page_is_read_along_the_plan_order_index_never_sorted(loaded, flt, from_end):
    """Home, End and every page walk the (plan, order) index and stop after one page.  Without planner
    statistics SQLite walked the status index and sorted every match (End 129 ms at 100,000 tasks); an index
    on `deleted` did the same (169 ms).  The import leaves statistics behind."""
    statements: list[str] = []
    loaded.conn.set_trace_callback(statements.append)
    fetch_tasks(loaded, flt, limit=2, from_end=from_end)
    loaded.conn.set_trace_callback(None)
    query = next(sql for sql in statements if sql.startswith("SELECT t.id"))
    plan = " ".join(row[3] for row in loaded.execute("EXPLAIN QUERY PLAN " + query).fetchall())
    assert "idx_tasks_plan_order" in plan and "TEMP B-TREE" not in plan, plan


def test_a_tasks_units_are_read_in_order_off_their_index(loaded):
    """Units of a page (or of 20,000 tasks for a sheet) come off an index that holds them in order: no
    task_units row is read, nothing is sorted."""
    statements: list[str] = []
    loaded.conn.set_trace_callback(statements.append)
    tasks = fetch_tasks(loaded, TaskFilter())
    loaded.conn.set_trace_callback(None)
    query = next(sql for sql in statements if "FROM task_units" in sql)
    plan = " ".join(row[3] for row in loaded.execute("EXPLAIN QUERY PLAN " + query).fetchall())
    assert "COVERING INDEX idx_task_units_task" in plan and "TEMP B-TREE" not in plan, plan
    assert tasks[0].lead_units == ["Phòng Thanh Tra"] and tasks[0].coordinating_units == ["Văn phòng Sở"]


def test_a_removed_task_no_longer_counts_for_its_units(loaded):
    from db.edits import delete_task
    from db.units import unit_counts

    def counts() -> dict[str, tuple[int, int]]:
        return {u.name: (u.lead, u.coordinating) for u in unit_counts(loaded)}

    before = counts()
    assert before["Văn phòng Sở"] == (2, 1)  # leads 3 and 4, coordinates 1 (ROWS above)
    first = fetch_tasks(loaded, TaskFilter())[0]  # Thanh tra leads it, Văn phòng Sở coordinates it
    delete_task(loaded, first.id)
    after = counts()
    assert after["Văn phòng Sở"] == (2, 0) and after["Phòng Thanh Tra"][0] == before["Phòng Thanh Tra"][0] - 1
    plan = loaded.execute("EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE deleted = 1").fetchone()[3]
    assert plan.endswith("idx_tasks_removed") or "COVERING INDEX" in plan  # found without reading the tasks


def test_the_register_total_leaves_out_removed_tasks(loaded):
    from db.filters import count_tasks, total_tasks

    before = total_tasks(loaded)
    assert before == count_tasks(loaded, TaskFilter()) > 0
    delete_task(loaded, fetch_tasks(loaded, TaskFilter())[0].id)
    assert total_tasks(loaded) == before - 1 == count_tasks(loaded, TaskFilter())


def test_tasks_by_id_come_in_the_order_asked_whatever_their_number(loaded, monkeypatch):
    import db.tasks

    monkeypatch.setattr(db.tasks, "_CHUNK", 2)  # as if more ids were asked than SQLite takes at once
    ids = [*[t.id for t in fetch_tasks(loaded, TaskFilter())][::-1], 999_999]  # newest first, one unknown
    assert [t.id for t in db.tasks.fetch_tasks_by_id(loaded, ids)] == ids[:-1]


def test_section_runs_follow_the_plan_and_a_section_met_again_starts_its_own(fresh_db, demo_plan):
    """The list's section rows: where the filtered list crosses into a section, with its tasks counted; the
    demo plan goes back from «III › 1.» to «III» for tasks 2 and 3, which is a run of its own."""
    from db.filters import count_tasks, section_runs

    import_plan(fresh_db, read_plan(demo_plan))
    third = "III. Cải cách thủ tục hành chính"
    runs = [(run.section, run.count) for run in section_runs(fresh_db, TaskFilter(unit="Văn phòng Sở"))]
    assert runs == [("I. Công tác chỉ đạo, điều hành", 5), ("II. Cải cách thể chế", 1),
                    (f"{third} › 1. Kiểm soát thủ tục hành chính", 2), (third, 2),
                    ("VII. Xây dựng chính quyền điện tử, chính quyền số", 2),
                    ("VIII. Công tác thông tin, tuyên truyền", 2)]
    every = section_runs(fresh_db, TaskFilter())
    assert [run.section for run in every].count(third) == 1 and len(every) == 9
    assert sum(run.count for run in every) == count_tasks(fresh_db, TaskFilter()) == 28


def test_a_plans_tasks_are_counted_without_its_removed_ones(loaded):
    from db.plans import any_plan, list_plans

    assert not any_plan(open_register(memory=True))
    assert any_plan(loaded) and [plan.tasks for plan in list_plans(loaded)] == [len(ROWS) - 1]
    delete_task(loaded, fetch_tasks(loaded, TaskFilter())[0].id)
    assert [plan.tasks for plan in list_plans(loaded)] == [len(ROWS) - 2]


def test_a_broad_searchs_first_page_is_found_without_ranking_every_match(fresh_db, demo_plan, monkeypatch):
    """The first page of a broad search is its first matches with the phrase in their content, in plan
    order: the same as the head of the whole ranking.  A narrow search, or one with too few such matches,
    is ranked whole (None)."""
    import db.filters
    from db.filters import first_ranked_ids, ranked_ids
    from plans.text import fold

    import_plan(fresh_db, read_plan(demo_plan))
    flt = TaskFilter(search="cong")  # 11 of the demo's tasks: 10 in their content, 1 in its product only
    everything = ranked_ids(fresh_db, flt)
    in_content = [task.id for task in fetch_tasks(fresh_db, flt) if "cong" in fold(task.content).split()]
    assert (len(everything), len(in_content)) == (11, 10) and everything[:10] == in_content
    assert first_ranked_ids(fresh_db, flt, 3) is None  # narrow: fewer than RANK_WHOLE_UNDER matches
    monkeypatch.setattr(db.filters, "RANK_WHOLE_UNDER", 5)
    assert first_ranked_ids(fresh_db, flt, 3) == everything[:3]
    assert first_ranked_ids(fresh_db, flt, 10) == everything[:10]
    assert first_ranked_ids(fresh_db, flt, 11) is None  # the page would reach a match of a lower rank


def test_a_deadline_counted_from_the_plans_issue_gets_its_day(fresh_db, tmp_path):
    """«Trong 30 ngày kể từ ngày ban hành Kế hoạch» is counted from the date in the plan's head, at import (told
    as a warning, instead of «không có ngày cụ thể»), when the officer types it in a task, and in a task added."""
    head = "Số: 12/KH-SYT\n\nHà Nam, ngày 05 tháng 01 năm 2026\n\nKẾ HOẠCH\nCải cách hành chính năm 2026\n\n"
    rows = [["1", "Ban hành quy chế", "Quy chế", "Văn phòng Sở", "Trong 30 ngày kể từ ngày ban hành Kế hoạch"],
            ["2", "Rà soát thủ tục", "Báo cáo", "Thanh tra Sở", "Quý II/2026"]]
    plan = read_plan(write_plan(tmp_path, "kh.txt", rows, head))
    assert plan.tasks[0].deadline.due == date(2026, 2, 4)
    assert [w.kind for w in plan.warnings] == ["issue_date_deadline"]
    assert "tính từ ngày ban hành kế hoạch 05/01/2026: hạn 04/02/2026" in plan.warnings[0].message
    import_plan(fresh_db, plan)
    first, second = fetch_tasks(fresh_db, TaskFilter())
    assert (first.deadline.kind, first.deadline.due) == ("date", date(2026, 2, 4))
    assert first.is_overdue(date(2026, 2, 5)) and not first.is_overdue(date(2026, 2, 4))
    update_task(fresh_db, second.id, {"deadline_text": "Trong 15 ngày kể từ ngày Kế hoạch được ban hành"})
    assert get_task(fresh_db, second.id).deadline.due == date(2026, 1, 20)
    added = add_task(fresh_db, first.plan_id, "Việc thêm", deadline_text="Sau 02 tháng kể từ ngày ký")
    assert get_task(fresh_db, added).deadline.due == date(2026, 3, 5)


def test_a_register_of_version_2_reaches_the_current_version_whole(tmp_path):
    """A register written by version 2 (search text in one column, no open due date, no due dates kept) is
    brought up to date: every task kept, found and ranked by search, its open due date and a recurring task's
    due dates computed — versions 3 and 6 leave that work to 10 and 11, which do it for every task."""
    import sqlite_utils

    from db.filters import ranked_ids
    from db.schema import MIGRATIONS

    path = tmp_path / "v2.sqlite"
    old = sqlite_utils.Database(path)
    for step in MIGRATIONS[:2]:
        step(old)
    old["plans"].insert({"id": 1, "number": "5/KH-SYT", "title": "Kế hoạch CCHC", "year": 2024})
    for task_id, content, product, kind, start, due, end, recurrence in [
            (1, "Rà soát quy trình", "Số hóa hồ sơ", "quarter", "2024-04-01", "2024-06-30", None, None),
            (2, "Số hóa hồ sơ một cửa", "Báo cáo", "recurring", "2024-01-01", "2024-01-31", "2024-12-31", "month")]:
        old["tasks"].insert({"id": task_id, "plan_id": 1, "ord": task_id, "content": content, "product": product,
                             "deadline_text": "x", "deadline_kind": kind, "deadline_start": start, "deadline_due": due,
                             "deadline_end": end, "recurrence": recurrence, "status": "not_started",
                             "search_text": "cu", "deleted": 0})
    old.execute("PRAGMA user_version = 2")
    old.close()
    db = open_register(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert ranked_ids(db, TaskFilter(search="so hoa ho so")) == [2, 1]  # in its content first, then its product
    assert [t.id for t in fetch_tasks(db, TaskFilter(deadline="Tháng 5/2024"))] == [2]  # May's monthly report
    assert (get_task(db, 1).open_due, get_task(db, 2).open_due) == (date(2024, 6, 30), date(2024, 1, 31))
    assert count_tasks(db, TaskFilter(deadline="quá hạn"), today=date(2024, 7, 1)) == 2
    db.close()
