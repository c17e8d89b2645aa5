"""Property tests: bad input never becomes a traceback."""

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.model import PlanReadError
from plans.reader import read_plan

TABLE_WORDS = ["Số TT", "Nội dung", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian", "I.", "1", "1.1", "\t", "\n",
               "Văn phòng Sở chủ trì, phối hợp với", "Quý II/2020", "Thường xuyên", "<p>", "</p>", "|", "-", "+",
               "*Văn phòng Sở chủ trì thực hiện nội dung này.*", "6.400", "NĂM 2021", "Nhiệm vụ 2:", ""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".docx", ".xlsx"]))
def test_reader_only_raises_its_own_error_on_arbitrary_bytes(tmp_path, data, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(data)
    try:
        plan = read_plan(path)
    except PlanReadError as error:
        assert error.message
    else:
        assert plan.tasks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TABLE_WORDS), max_size=80))
def test_reader_on_mutated_tables(tmp_path, words):
    path = tmp_path / "plan.txt"
    header = "Số TT\tNội dung\tSản phẩm\tPhân công thực hiện\tThời gian hoàn thành\n"
    path.write_text(header + "\t".join(words), encoding="utf-8")
    try:
        plan = read_plan(path)
    except PlanReadError:
        return
    assert all(task.content is not None and task.deadline.kind for task in plan.tasks)


def test_reader_on_mutated_seed(seed_000, tmp_path):
    import random

    lines = seed_000.read_text(encoding="utf-8").splitlines()
    rng = random.Random(3)
    for round_ in range(30):
        mutated = list(lines)
        for _ in range(20):
            i = rng.randrange(len(mutated))
            choice = rng.random()
            if choice < 0.3:
                del mutated[i]
            elif choice < 0.6:
                mutated.insert(i, mutated[rng.randrange(len(mutated))])
            else:
                cells = mutated[i].split("\t")
                rng.shuffle(cells)
                mutated[i] = "\t".join(cells)
        path = tmp_path / f"m{round_}.txt"
        path.write_text("\n".join(mutated), encoding="utf-8")
        with contextlib.suppress(PlanReadError):
            read_plan(path)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(["Văn phòng Sở", "Thanh tra Sở", "Phòng Tổ chức - Hành chính", "Phòng Nghiệp vụ Y"]),
       marks=st.lists(st.tuples(st.integers(min_value=0, max_value=27),
                                st.sampled_from(["chưa thực hiện", "đang thực hiện", "hoàn thành"])), max_size=6))
def test_export_then_receive_of_the_unchanged_sheet_changes_nothing(tmp_path_factory, unit, marks):
    from datetime import date

    from db.filters import TaskFilter, fetch_tasks
    from db.register import open_register
    from db.tasks import set_status
    from exports.receive import read_returned_sheet
    from exports.unit_sheets import export_for_unit
    from tui.demo import build_demo_register

    folder = tmp_path_factory.mktemp("roundtrip")
    today = date(2026, 11, 22)
    db = open_register(build_demo_register(folder, today))
    tasks = fetch_tasks(db, TaskFilter(), today=today)
    for index, word in marks:
        set_status(db, [tasks[index].id], word, completed_on=date(2026, 10, 1), result=f"KQ {index}")
    sheet = folder / "phieu.xlsx"
    export_for_unit(db, TaskFilter(), unit, sheet, today)
    assert read_returned_sheet(db, sheet, today).changes == []
    db.close()
