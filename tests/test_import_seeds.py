"""Reading the three reference plans: what the officer must find in the register."""

from collections import Counter
from datetime import date

from plans.reader import read_plan


def _by_line(plan, line):
    return next(t for t in plan.tasks if t.line == line)


def test_seed_000_has_exactly_forty_tasks_by_section(seed_000):
    plan = read_plan(seed_000)
    counts = Counter(t.section_path[0].split(".")[0] for t in plan.tasks)
    assert len(plan.tasks) == 40
    assert counts == {"I": 2, "II": 15, "III": 4, "IV": 4, "V": 2, "VI": 10, "VII": 3}


def test_seed_000_head(seed_000):
    plan = read_plan(seed_000)
    assert plan.number == "234/KH-SYT"
    assert plan.place == "Đồng Nai"
    assert plan.issue_date == date(2020, 1, 16)
    assert plan.year == 2020
    assert plan.title == "Cải cách hành chính của Sở Y tế Đồng Nai năm 2020"
    assert plan.issuer == "Sở Y tế"


def test_seed_000_continuation_row_joined(seed_000):
    plan = read_plan(seed_000)
    task = next(t for t in plan.tasks if t.number == "5" and t.section_path[0].startswith("VI"))
    assert task.product == ("Số lượng văn bản trao đổi điện tử, tỷ lệ công chức sử dụng; "
                            "tỷ lệ lãnh đạo sử dụng chữ ký số")
    assert "các đơn vị trực thuộc" in task.coordinating_units
    assert task.lead_units == ["Văn phòng Sở"]
    joined = [w for w in plan.warnings if w.kind == "joined_row"]
    assert {w.line for w in joined} == {314, 327}


def test_seed_000_continuation_of_content(seed_000):
    plan = read_plan(seed_000)
    task = next(t for t in plan.tasks if t.number == "1" and t.section_path[0].startswith("V."))
    assert task.content.endswith("chuyển đổi loại hình của đơn vị sự nghiệp theo đúng Kế hoạch số 177-KH/TU "
                                 "của Tỉnh ủy thực hiện Nghị quyết số 19/NQ-TW")


def test_seed_000_numbered_group_is_a_heading(seed_000):
    plan = read_plan(seed_000)
    numbers = [t.number for t in plan.tasks if t.section_path[0].startswith("VI")]
    assert "4" not in numbers and "4.1" in numbers
    child = next(t for t in plan.tasks if t.number == "4.1")
    assert child.section_path == ["VI. Hiện đại hóa hành chính nhà nước",
                                  "4. Hoàn thiện hệ thống dịch vụ công trực tuyến của tỉnh"]
    subgroup = next(t for t in plan.tasks if t.number == "1.1")
    assert subgroup.section_path[1].startswith("1. Tập trung hoàn thiện")
    sibling = next(t for t in plan.tasks if t.number == "2" and t.section_path[0].startswith("II"))
    assert sibling.section_path == ["II. Cải cách thủ tục hành chính"]


def test_seed_000_units_and_deadlines(seed_000):
    plan = read_plan(seed_000)
    first = plan.tasks[0]
    assert first.lead_units == ["Văn phòng Sở"] and not first.lead_inferred
    assert first.coordinating_units == ["các phòng chuyên môn, đơn vị"]
    listed = next(t for t in plan.tasks if t.number == "5" and t.section_path[0].startswith("II"))
    assert listed.lead_units == ["Văn phòng Sở"] and listed.lead_inferred
    quarter = next(t for t in plan.tasks if t.deadline.text == "Quý II/2020")
    assert (quarter.deadline.start, quarter.deadline.due) == (date(2020, 4, 1), date(2020, 6, 30))
    reference = next(t for t in plan.tasks if t.number == "5.1")
    assert reference.deadline.kind == "conditional"
    kinds = Counter(t.deadline.kind for t in plan.tasks)
    assert kinds["ongoing"] == 17 and kinds["recurring"] == 2


def test_seed_001_merged_groups(seed_001):
    plan = read_plan(seed_001)
    new_item = _by_line(plan, 232)
    assert new_item.context.startswith("Mục tiêu 1: Tiếp tục tham mưu")
    assert "Nhiệm vụ 2: Tăng cường công tác tự kiểm tra" in new_item.context
    assert new_item.content.startswith("Hoạt động 1:\n- Thường xuyên tự kiểm tra")
    assert "<" not in new_item.content and "<p>" not in new_item.product
    assert new_item.lead_units == ["Các phòng, đơn vị trực thuộc"]
    inherited = _by_line(plan, 259)
    assert inherited.product == "Kế hoạch năm 2023"
    assert inherited.content == _by_line(plan, 258).content
    assert inherited.deadline.kind == "conditional"


def test_seed_001_page_break_splits_old_and_new_item(seed_001):
    plan = read_plan(seed_001)
    old = _by_line(plan, 250)
    new = _by_line(plan, 253)
    assert old.content.endswith("với quy định tại Nghị định 107, 108, 120.")
    assert new.content.startswith("Hoạt động 1: Xây dựng, tổ chức lại phòng")
    assert new.deadline.kind == "month" and new.deadline.note == "Khi đơn vị đề nghị"
    continued = _by_line(plan, 238)
    assert continued.content.endswith("02/2017/TT-VPCP ngày 31/10/2017 trình Chủ tịch UBND cấp tỉnh phê duyệt")


def test_seed_001_budget_and_columns(seed_001):
    plan = read_plan(seed_001)
    it = _by_line(plan, 284)
    assert it.budget == 6400
    assert it.lead_units[0] == "TTYT Lục Ngạn" and "Phòng khám GTVT" in it.lead_units
    assert it.coordinating_units == ["Văn phòng Sở"]
    assert _by_line(plan, 289).budget == 50
    assert plan.year == 2023 and plan.number == "14/KH-SYT"


def test_seed_003_prose_blocks(seed_003):
    plan = read_plan(seed_003)
    assert plan.number == "5580/CTr-SYT" and plan.year == 2022
    first = plan.tasks[0]
    assert first.content.startswith("Ban hành Kế hoạch cải cách hành chính kịp thời")
    assert first.lead_units == ["Văn phòng Sở"]
    assert first.deadline.kind == "none"
    finance = [t for t in plan.tasks if t.section_path[-1].startswith("e)")]
    assert len(finance) == 2 and all(t.lead_units == ["Phòng Kế hoạch - Tài chính"] for t in finance)
    children = [t for t in plan.tasks if t.number.startswith("2.") and t.section_path[-1].startswith("d) Ứng dụng")]
    assert len(children) == 5
    requirements = [t for t in plan.tasks if "Yêu cầu" in t.section]
    assert requirements == []
    inspectors = [t for t in plan.tasks if t.lead_units == ["Thanh tra Sở"]]
    assert len(inspectors) == 2
    assert not any("Nơi nhận" in t.content or t.content.startswith("Sở Nội vụ") for t in plan.tasks)


def test_seed_003_joined_page_break_and_report(seed_003):
    plan = read_plan(seed_003)
    joined = next(t for t in plan.tasks if "Đề án 1816" in t.content)
    assert joined.content.endswith("Tăng cường đầu tư hạ tầng, thiết bị cho các cơ sở khám chữa bệnh.")
    report = next(t for t in plan.tasks if t.deadline.kind == "recurring")
    assert report.deadline.due == date(2022, 11, 5)
    assert report.content.startswith("Báo cáo kết quả thực hiện về Văn phòng Sở")


def _searched(db, text):
    from db.filters import TaskFilter, fetch_tasks

    return fetch_tasks(db, TaskFilter(search=text), limit=200)


def test_search_finds_what_was_meant_in_the_seeds(seed_000, seed_001, fresh_db):
    import unicodedata

    from db.importer import import_plan

    for seed_path in (seed_000, seed_001):
        import_plan(fresh_db, read_plan(seed_path))

    def holds(task, phrase):
        words = (task.number, task.content, task.context, task.product, task.deadline.text, task.progress_note,
                 task.result)
        text = " ".join(" ".join(words).split()).casefold()
        return phrase in unicodedata.normalize("NFC", text)

    accented = _searched(fresh_db, "số hóa")
    assert accented and all(holds(t, "số hóa") for t in accented)
    every = [t for t in _searched(fresh_db, "so hoa")]
    assert {t.id for t in accented} <= {t.id for t in every}
    assert sorted(t.number for t in accented) == ["4", "7"]  # the two tasks of 000 and 001 that say it
    assert len(accented) < 15  # not 49 of 74 as when each word matched on its own
    assert not [t for t in _searched(fresh_db, "sở") if not holds(t, "sở")]  # «sở» never matches «số»
    # best matches first, as the interface and `tasks --search` list them: the phrase in the content first
    from db.filters import TaskFilter, fetch_tasks

    for typed in ("số hóa", "so hoa"):
        ranked = fetch_tasks(fresh_db, TaskFilter(search=typed), ranked=True)
        in_content = ["số hóa" in unicodedata.normalize("NFC", " ".join(t.content.split()).casefold())
                      for t in ranked]
        assert in_content[0] and in_content == sorted(in_content, reverse=True)
        assert {t.id for t in ranked} == {t.id for t in _searched(fresh_db, typed)}


def test_a_sentence_giving_a_unit_its_work_never_hides_a_plan_of_blocks(seed_003, tmp_path):
    """Programme 5580 is read by its blocks closed by a lead line; one sentence «Giao X chủ trì …» under a
    heading makes one labelled task, which was all that would be read of the plan if labelled items came
    first whatever they found: the reader that reads more of the plan wins."""
    text = seed_003.read_text(encoding="utf-8").replace(
        "##### **2. Yêu cầu**\n",
        "##### **2. Yêu cầu**\nGiao Văn phòng Sở chủ trì, phối hợp với các phòng thực hiện; hoàn thành trong năm.\n", 1)
    path = tmp_path / "5580.txt"
    path.write_text(text, encoding="utf-8")
    assert [t.content for t in read_plan(path).tasks] == [t.content for t in read_plan(seed_003).tasks]
