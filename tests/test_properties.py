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
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".docx", ".xlsx", ".pdf", ".html"]))
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
    except PlanReadError as error:
        assert error.message  # refused with a reason the officer reads
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

    from db.edits import set_status
    from db.filters import TaskFilter, fetch_tasks
    from db.register import open_register
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


PIECES = [*"=+-@[]/bi ", "\x00", "\x0b", "\x1f", "\u2028", "\u2029", "Ư", "ở", "đ", "[/b]", "[link=x]",
          '=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "Sở", "Quý"]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join).filter(
    lambda text: any(ch.isalnum() for ch in text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=HOSTILE, unit=HOSTILE)
def test_hostile_text_goes_out_as_text_and_back_unchanged(tmp_path_factory, content, unit):
    """import -> view export -> fill-in sheet -> receive: no formula, no crash, the text as it went out."""
    from datetime import date

    import openpyxl

    from db.filters import TaskFilter, fetch_tasks
    from db.importer import import_plan
    from db.register import open_register
    from exports.receive import read_returned_sheet
    from exports.unit_sheets import export_for_unit
    from exports.view import export_view
    from plans.text import clean_text

    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "kh.txt"
    path.write_text("STT\tNội dung\tChủ trì\tThời gian\n1\t" + content + "\tVăn phòng Sở\tQuý II/2026\n"
                    "2\tViệc thứ hai\t" + unit + "\tQuý II/2026\n", encoding="utf-8")
    try:
        plan = read_plan(path)
    except PlanReadError:
        return
    register = open_register(folder / "r.sqlite")
    try:
        import_plan(register, plan)
        today = date(2026, 11, 23)
        export_view(register, TaskFilter(), folder / "view.xlsx", today)
        cells = [c for ws in openpyxl.load_workbook(folder / "view.xlsx") for row in ws.iter_rows() for c in row]
        assert not any(c.data_type == "f" for c in cells)
        stored = [t.content for t in fetch_tasks(register, TaskFilter())]
        assert all(any(text == c.value for c in cells) for text in stored if text)
        assert all(clean_text(text) == text for text in stored)
        for task in fetch_tasks(register, TaskFilter()):
            for lead in task.lead_units:
                sheet = folder / "phieu.xlsx"
                export_for_unit(register, TaskFilter(), lead, sheet, today)
                book = openpyxl.load_workbook(sheet)
                assert not any(c.data_type == "f" for ws in book for row in ws.iter_rows() for c in row)
                assert read_returned_sheet(register, sheet, today).changes == []
    finally:
        register.close()


def test_every_character_clean_text_changes_is_one_it_never_skips():
    """`clean_text` returns printable text untouched without its two passes: that is safe only while every
    character its patterns remove or turn into a line break is not printable (the whole of Unicode)."""
    from plans.text import _CONTROLS, _LINE_BREAKS, clean_text

    changed = [char for char in map(chr, range(0x110000)) if _CONTROLS.match(char) or _LINE_BREAKS.match(char)]
    assert changed and not [char for char in changed if char.isprintable()]
    assert clean_text("Báo cáo\x0bsố 5\x00") == "Báo cáo\nsố 5"


UNITS = ["Sở Y tế", "Sở Tài chính", "Văn phòng Sở", "Phòng Tổ chức - Hành chính", "Thanh tra Sở",
         "Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thị xã", "Trung tâm Kiểm soát bệnh tật"]
# the ways an assignment cell names who leads and who helps
FORMS = ["{lead} chủ trì, phối hợp với {helpers}", "Chủ trì: {lead}; Phối hợp: {helpers}",
         "{lead} (chủ trì); {helpers}", "{lead} chủ trì; {helpers} phối hợp",
         "Đơn vị chủ trì: {lead}\nĐơn vị phối hợp: {helpers}", "{lead} (chủ trì), {helpers} (phối hợp)",
         "{lead}; {helpers}"]


@given(lead=st.sampled_from(UNITS), helpers=st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True),
       form=st.sampled_from(FORMS))
def test_an_assignment_cell_loses_no_unit(lead, helpers, form):
    """Whatever way the cell is written, its lead leads and every helper helps: no name dropped or cut."""
    from plans.units import split_assignment

    helpers = [name for name in helpers if name != lead] or ["Sở Nội vụ"]
    assignment = split_assignment(form.format(lead=lead, helpers="; ".join(helpers)))
    assert (assignment.lead, assignment.coordinating) == ([lead], helpers)
