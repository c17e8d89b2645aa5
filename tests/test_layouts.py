"""Plans of every layout officers receive: small fixtures of each, unit-list rules, heads, and the real plans."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from plans.head import read_head
from plans.model import PlanReadError
from plans.reader import read_plan
from plans.sources import Row
from plans.tables import read_table
from plans.units import read_assignment, split_assignment, split_units

PLANS = Path(__file__).resolve().parent.parent.parent / "shared" / "plans"


def _write(tmp_path: Path, text: str, name: str = "plan.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH AN HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Số: 617/KH-UBND\tAn Hòa, ngày 01 tháng 12 năm 2025\n\nKẾ HOẠCH\n\n"
    "CHUYỂN ĐỔI SỐ ĐẾN NĂM 2035\nTRÊN ĐỊA BÀN TỈNH\n\n"
)


@pytest.mark.parametrize(("text", "units"), [
    ("Doanh nghiệp, Sở, ban, ngành có liên quan", ["Doanh nghiệp", "Sở, ban, ngành có liên quan"]),
    ("Viện, Trường; Doanh nghiệp", ["Viện, Trường", "Doanh nghiệp"]),
    ("Văn phòng Sở + Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),  # was one unit «Văn phòng Sở + Thanh tra Sở»
    ("Sở GD&ĐT", ["Sở GD&ĐT"]),
    ("Bộ Khoa học và Công nghệ, các bộ, ngành liên quan", ["Bộ Khoa học và Công nghệ", "các bộ, ngành liên quan"]),
    ("Các bộ, ngành, địa phương liên quan", ["Các bộ, ngành, địa phương liên quan"]),
    ("Các Sở, ban, ngành, UBND xã, phường", ["Các Sở, ban, ngành", "UBND xã, phường"]),
    ("UBND các xã, phường", ["UBND các xã, phường"]),
    ("Các Cục: Di sản văn hóa, Bản quyền tác giả", ["Cục Di sản văn hóa", "Cục Bản quyền tác giả"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Tài chính, Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tài chính\nSở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Các phòng, đơn vị có liên quan", ["Các phòng, đơn vị có liên quan"]),
    ("Văn phòng Sở và các phòng chuyên môn", ["Văn phòng Sở", "các phòng chuyên môn"]),
    # «và» between two units' names (was one unit), never inside one
    ("Sở Y tế và Bảo hiểm xã hội tỉnh", ["Sở Y tế", "Bảo hiểm xã hội tỉnh"]),
    ("Sở Tài chính và Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),
    ("Chi cục Trồng trọt và Bảo vệ thực vật", ["Chi cục Trồng trọt và Bảo vệ thực vật"]),
    ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
    ("Đài Phát thanh và Truyền hình tỉnh", ["Đài Phát thanh và Truyền hình tỉnh"]),
    # a dash spaced between words, kept tight in an abbreviation (was «Đài PT - TH tỉnh»)
    ("Đài PT-TH tỉnh; Phòng KH-TC", ["Đài PT-TH tỉnh", "Phòng KH-TC"]),
    # the unions and Party committees of a department are units too (were glued to the unit before them)
    ("Văn phòng Sở, Công đoàn ngành", ["Văn phòng Sở", "Công đoàn ngành"]),
    ("Đảng ủy Sở và Công đoàn ngành Y tế", ["Đảng ủy Sở", "Công đoàn ngành Y tế"]),
    ("Phòng Tổ chức-Hành chính", ["Phòng Tổ chức - Hành chính"]),
])
def test_unit_lists_split_only_between_units(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize(("cell", "lead", "coordinating", "inferred"), [
    ("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp, Văn phòng UBND tỉnh", ["Sở Nội vụ"],
     ["Sở Tư pháp", "Văn phòng UBND tỉnh"], False),
    # the role written after its units: the unit in brackets leads, the rest help (the rest were lost)
    ("Sở Tư pháp (chủ trì); Sở Nội vụ", ["Sở Tư pháp"], ["Sở Nội vụ"], False),
    ("Sở Y tế (chủ trì), Sở Nội vụ (phối hợp)", ["Sở Y tế"], ["Sở Nội vụ"], False),
    ("Sở Y tế chủ trì, Sở Tài chính phối hợp", ["Sở Y tế"], ["Sở Tài chính"], False),
    # the role written as a label before its units (the lead was lost, «: Sở Tài chính» a unit)
    ("Chủ trì: Sở Y tế; Phối hợp: Sở Tài chính, Sở Nội vụ", ["Sở Y tế"], ["Sở Tài chính", "Sở Nội vụ"], False),
    ("Đơn vị chủ trì: Sở Y tế\nĐơn vị phối hợp: Sở Nội vụ", ["Sở Y tế"], ["Sở Nội vụ"], False),
    ("Cơ quan chủ trì thực hiện: Sở Y tế", ["Sở Y tế"], [], False),
    ("Sở Nội vụ: chủ trì, phối hợp với Sở Tư pháp", ["Sở Nội vụ"], ["Sở Tư pháp"], False),
    # no lead named: the unit before «phối hợp với», or a plain list's first, leads — inferred
    ("Sở Y tế phối hợp với Sở Tài chính", ["Sở Y tế"], ["Sở Tài chính"], True),
    ("Văn phòng Sở, Phòng TCHC", ["Văn phòng Sở"], ["Phòng TCHC"], True),
    ("Văn phòng Sở", ["Văn phòng Sở"], [], False),
    ("Phối hợp với các đơn vị liên quan", [], ["các đơn vị liên quan"], False),
    # roles shortened, or after a dash (were units «CT: Sở Y tế», «Sở Y tế -»)
    ("CT: Sở Y tế; PH: Sở Tài chính, Sở Nội vụ", ["Sở Y tế"], ["Sở Tài chính", "Sở Nội vụ"], False),
    ("Sở Y tế - chủ trì; Sở Tài chính - phối hợp", ["Sở Y tế"], ["Sở Tài chính"], False),
])
def test_an_assignment_cell_names_who_leads_and_who_helps(cell, lead, coordinating, inferred):
    assignment = split_assignment(cell)
    assert (assignment.lead, assignment.coordinating, assignment.lead_inferred) == (lead, coordinating, inferred)


def test_a_role_in_brackets_is_no_part_of_a_units_name():
    assignment = read_assignment("Sở Tư pháp (chủ trì)", "Sở Nội vụ (phối hợp)", "")
    assert (assignment.lead, assignment.coordinating) == (["Sở Tư pháp"], ["Sở Nội vụ"])


def test_a_document_cited_in_the_body_or_the_title_is_never_the_plans_number():
    head = read_head(["KẾ HOẠCH", "CẢI CÁCH HÀNH CHÍNH", "Căn cứ Quyết định số 128/QĐ-UBND ngày 02/01/2026;"])
    assert head.number == ""
    assert read_head(["KẾ HOẠCH", "TRIỂN KHAI NGHỊ QUYẾT SỐ 214/NQ-CP"]).number == ""
    assert read_head(["SỐ: 12/KH-SYT", "KẾ HOẠCH"]).number == "12/KH-SYT"


def test_a_decisions_title_stops_at_who_decides():
    head = read_head(["Số: 5/QĐ-SYT", "QUYẾT ĐỊNH", "BAN HÀNH KẾ HOẠCH CẢI CÁCH", "GIÁM ĐỐC SỞ Y TẾ", "Căn cứ …"])
    assert head.title == "BAN HÀNH KẾ HOẠCH CẢI CÁCH"


def test_a_title_stops_before_an_appendix_or_a_section():
    """The capitals under «KẾ HOẠCH» are the title; «PHỤ LỤC I» or «I. MỤC ĐÍCH» right after them are not."""
    assert read_head(["Số: 1/KH-SYT", "KẾ HOẠCH", "CẢI CÁCH HÀNH CHÍNH", "NĂM 2026", "PHỤ LỤC I", "NHIỆM VỤ"]
                     ).title == "CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert read_head(["Số: 1/KH-SYT", "KẾ HOẠCH", "TUYÊN TRUYỀN NĂM 2026", "I. MỤC ĐÍCH, YÊU CẦU"]
                     ).title == "TUYÊN TRUYỀN NĂM 2026"


@pytest.mark.parametrize(("lines", "title"), [
    (["CÁC NHIỆM VỤ CỤ THỂ VỀ CẢI CÁCH HÀNH CHÍNH NĂM 2023", "(Kèm theo Kế hoạch số 14/KH-SYT ngày 15/01/2023)"],
     "CÁC NHIỆM VỤ CỤ THỂ VỀ CẢI CÁCH HÀNH CHÍNH NĂM 2023"),
    (["PHỤ LỤC I", "DANH MỤC NHIỆM VỤ", "TUYÊN TRUYỀN NĂM 2026", "",
      "(Kèm theo Kế hoạch số 12/KH-SYT ngày 05/01/2026)"],
     "DANH MỤC NHIỆM VỤ TUYÊN TRUYỀN NĂM 2026"),
    (["PHỤ LỤC: NHIỆM VỤ NĂM 2026", "(Kèm theo Kế hoạch số 12/KH-SYT ngày 05/01/2026)"], "NHIỆM VỤ NĂM 2026"),
    (["SỞ Y TẾ", "PHỤ LỤC", "(Kèm theo Kế hoạch số 12/KH-SYT ngày 05/01/2026)"], ""),
])
def test_an_appendix_sent_alone_is_titled_by_its_own_heading(lines, title):
    head = read_head(lines)
    assert (head.title, head.number) == (title, lines[-1].split("số ")[1].split(" ")[0])


@pytest.mark.parametrize(("lines", "title", "year"), [
    # the title on the kind's own line (an Excel sheet, a text file): the plan had no title and no year
    (["SỞ Y TẾ", "Số: 5/KH-SYT", "KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
     "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026", 2026),
    (["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", "NĂM 2026", "I. MỤC ĐÍCH"], "CẢI CÁCH HÀNH CHÍNH NĂM 2026", 2026),
    # an officer's own tracking table, sent as a workbook
    (["SỞ Y TẾ", "BẢNG THEO DÕI NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
     "BẢNG THEO DÕI NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", 2026),
    # a document the head cites is no title
    (["SỞ Y TẾ", "KẾ HOẠCH SỐ 5/KH-SYT NGÀY 05/01/2026"], "", None),
])
def test_a_title_on_the_line_of_its_kind_or_a_tables_own_title(lines, title, year):
    head = read_head(lines)
    assert (head.title, head.year) == (title, year)


def test_head_in_two_columns_and_year_of_issue():
    head = read_head(HEAD.splitlines())
    assert head.number == "617/KH-UBND"
    assert head.place == "An Hòa"
    assert head.issue_date == date(2025, 12, 1)
    assert head.year == 2025  # "đến năm 2035" in the title is not the plan's year
    assert head.title == "CHUYỂN ĐỔI SỐ ĐẾN NĂM 2035 TRÊN ĐỊA BÀN TỈNH"
    assert not head.draft


@pytest.mark.parametrize("written", ["ngày 5/1/2026", "ngày 05-01-2026", "ngày 05.01.2026"])
def test_an_issue_date_written_in_figures(written):
    """«Hà Nội, ngày 5/1/2026»: the plan's date and so its year (both were missing: no year to read
    «Quý II» by)."""
    head = read_head(["SỞ Y TẾ", "Số: 124/KH-SYT", f"Hà Nội, {written}", "KẾ HOẠCH", "Công tác tuyên truyền"])
    assert (head.issue_date, head.year, head.place) == (date(2026, 1, 5), 2026, "Hà Nội")


def test_a_title_in_sentence_case_wrapped_over_two_lines_is_whole():
    head = read_head(["SỞ Y TẾ", "Số: 4/KH-SYT", "Hà Nội, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH",
                      "Kiểm tra công tác cải cách hành chính", "năm 2026", "I. MỤC ĐÍCH"])
    assert head.title == "Kiểm tra công tác cải cách hành chính năm 2026"
    head = read_head(["SỞ Y TẾ", "Số: 4/KH-SYT", "Hà Nội, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH",
                      "Kiểm tra công tác cải cách hành chính", "thực hiện Kế hoạch số 12/KH-UBND"])
    assert head.title == "Kiểm tra công tác cải cách hành chính"  # what it carries out is no part of its title


def test_plan_for_next_year_signed_in_december_takes_the_title_year():
    lines = ["Số: 5/KH-SYT\tAn Hòa, ngày 25 tháng 12 năm 2025", "KẾ HOẠCH", "Cải cách hành chính năm 2026"]
    assert read_head(lines).year == 2026


def test_draft_head_is_read_as_a_draft():
    head = read_head(["Số:     /KH-SYT", "An Hòa, ngày     tháng     năm 2023", "KẾ HOẠCH", "Cải cách hành chính"])
    assert head.draft
    assert head.number == ""
    assert head.issue_date is None
    assert head.year == 2023


def test_table_with_two_cell_group_rows_gives_sections(tmp_path):
    text = HEAD + (
        "STT\tNHIỆM VỤ VÀ GIẢI PHÁP\tCHỦ TRÌ\tPHỐI HỢP\tTHỜI GIAN\n"
        "I\tNHÓM GIẢI PHÁP VỀ CƠ CHẾ\n"
        "1\tRà soát cơ chế khuyến khích đầu tư.\tSở Tài chính\tSở, ban, ngành có liên quan\t2026\n"
        "II\tPHÁT TRIỂN NGUỒN NHÂN LỰC\n"
        "1\tĐào tạo nhân lực chất lượng cao.\tSở Giáo dục và Đào tạo\tViện, Trường; Doanh nghiệp\tThường xuyên\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [t.section_path for t in plan.tasks] == [["I. NHÓM GIẢI PHÁP VỀ CƠ CHẾ"], ["II. PHÁT TRIỂN NGUỒN NHÂN LỰC"]]
    assert plan.tasks[0].coordinating_units == ["Sở, ban, ngành có liên quan"]
    assert plan.tasks[0].deadline.due == date(2026, 12, 31)
    assert plan.tasks[1].coordinating_units == ["Viện, Trường", "Doanh nghiệp"]
    assert plan.tasks[1].deadline.kind == "ongoing"



PAGE_BREAK_TABLE = HEAD + (
    "STT\tNội dung\tSản phẩm\tĐơn vị thực hiện\t\tThời gian\n"
    "\t\t\tChủ trì\tPhối hợp\t\n"
    "I\tCải cách thể chế\n"
    "1\tNâng tỷ lệ xử lý văn bản, hồ sơ\tBáo cáo\tVăn phòng Sở\tCác phòng\tNăm 2026\n"
    "STT\tNội dung\tSản phẩm\tĐơn vị thực hiện\t\tThời gian\n"  # both header rows again: a page break
    "\t\t\tChủ trì\tPhối hợp\t\n"
    # the rest of task 1's cells, which name columns («công việc», «kết quả»): text, not a third header row
    "\tcông việc trên môi trường mạng\tkết quả\t\t\t\n"
    "2\tCử công chức, VC đi học\tQuyết định cử\tPhòng Tổ chức\tCác phòng, đơn vị\tQuý II/2026\n"
    "STT\tNội dung\tSản phẩm\tĐơn vị thực hiện\t\tThời gian\n"
    "\t\t\tChủ trì\tPhối hợp\t\n"
    "\t\tCC, VC.\t\t\t\n"  # a cut cell's short capital tail, right of the first column: not a heading
)


def test_rows_after_a_page_break_continue_their_task_whatever_words_they_hold(tmp_path):
    plan = read_plan(_write(tmp_path, PAGE_BREAK_TABLE))
    assert [(t.content, t.product) for t in plan.tasks] == [
        ("Nâng tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng", "Báo cáo kết quả"),
        ("Cử công chức, VC đi học", "Quyết định cử CC, VC.")]
    assert [t.section_path for t in plan.tasks] == [["I. Cải cách thể chế"]] * 2
    assert [t.lead_units for t in plan.tasks] == [["Văn phòng Sở"], ["Phòng Tổ chức"]]
    assert plan.tasks[1].deadline.due == date(2026, 6, 30)


def test_columns_without_a_field_of_their_own_are_kept_with_their_tasks(tmp_path):
    text = HEAD + (
        "STT\tNội dung\tChỉ tiêu\tChủ trì\tThời gian\tGhi chú\n"
        "I\tCải cách thể chế\n"
        "1\tRà soát thủ tục\t100% thủ tục\tVăn phòng Sở\tQuý I/2026\tLàm cùng Bưu điện tỉnh\n"
        "2\tNiêm yết thủ tục\t\tThanh tra Sở\tTháng 3/2026\t\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.context) for t in plan.tasks] == [
        ("Rà soát thủ tục", "Chỉ tiêu: 100% thủ tục\nGhi chú: Làm cùng Bưu điện tỉnh"), ("Niêm yết thủ tục", "")]
    assert [t.section_path for t in plan.tasks] == [["I. Cải cách thể chế"]] * 2
    assert [t.lead_units for t in plan.tasks] == [["Văn phòng Sở"], ["Thanh tra Sở"]]
    kept = [w.message for w in plan.warnings if w.kind == "kept_column"]
    assert [m.split("»")[0] for m in kept] == ["cột «Chỉ tiêu", "cột «Ghi chú"]


@pytest.mark.parametrize("header", [
    "STT\tTên văn bản\tCơ quan trình\tCơ quan phối hợp\tThời điểm hoàn thành\tCấp ban hành",
    "TT\tGiải pháp\tĐơn vị đầu mối\tĐơn vị phối hợp\tLộ trình thực hiện\tCấp ban hành",
    "TT\tNội dung\tĐầu mối thực hiện\tPhối hợp\tHạn chót\tCấp ban hành",
])
def test_other_names_plans_give_their_columns(tmp_path, header):
    text = HEAD + header + "\n1\tQuy chế phối hợp\tSở Y tế\tSở Nội vụ\tQuý II/2026\tUBND tỉnh\n"
    task = read_plan(_write(tmp_path, text)).tasks[0]
    assert (task.content, task.lead_units, task.coordinating_units) == ("Quy chế phối hợp", ["Sở Y tế"], ["Sở Nội vụ"])
    assert (task.deadline.due, task.context) == (date(2026, 6, 30), "Cấp ban hành: UBND tỉnh")


def test_a_start_column_beside_an_end_column_never_is_the_deadline(tmp_path):
    """«Thời gian bắt đầu | Thời gian kết thúc»: both named «Thời gian», the first won — every task due at its
    start (overdue months early). The end is the deadline; the start is kept with the task; «Hình thức văn
    bản» (a Government plan's «Quyết định», «Nghị định») is the product."""
    text = HEAD + ("TT\tNội dung\tChủ trì\tThời gian bắt đầu\tThời gian kết thúc\tHình thức văn bản\n"
                   "1\tRà soát quy chế\tVăn phòng Sở\tTháng 1/2026\tTháng 6/2026\tQuyết định\n")
    task = read_plan(_write(tmp_path, text)).tasks[0]
    assert (task.deadline.text, task.deadline.due) == ("Tháng 6/2026", date(2026, 6, 30))
    assert (task.product, task.context) == ("Quyết định", "Thời gian bắt đầu: Tháng 1/2026")


@pytest.mark.parametrize("name", ["Cơ quan chủ trì/phối hợp", "Đơn vị chủ trì, phối hợp"])
def test_one_column_for_who_leads_and_who_helps(tmp_path, name):
    """«X/Y, Z» under «Cơ quan chủ trì/phối hợp»: X leads, Y and Z help (all three led, «X/Y» one name)."""
    text = HEAD + (f"TT\tNội dung\t{name}\tThời gian\n"
                   "1\tRà soát\tSở Y tế/Sở Tài chính, Sở Nội vụ\tQuý II/2026\n"
                   "2\tKiểm tra\tThanh tra Sở chủ trì; Văn phòng Sở phối hợp\tQuý III/2026\n"
                   "3\tTập huấn\tPhòng TCCB\tQuý IV/2026\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.lead_units, t.coordinating_units) for t in plan.tasks] == [
        (["Sở Y tế"], ["Sở Tài chính", "Sở Nội vụ"]), (["Thanh tra Sở"], ["Văn phòng Sở"]), (["Phòng TCCB"], [])]


def test_a_table_without_a_number_column_numbers_its_tasks_in_their_text(tmp_path):
    text = HEAD + ("Nội dung\tChủ trì\tThời gian\n"
                   "I. CẢI CÁCH THỂ CHẾ\t\t\n"
                   "1. Rà soát văn bản\tSở Y tế\tQuý II/2026\n"
                   "2. Kiểm tra thi hành\tThanh tra Sở\tQuý III/2026\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.number, t.content, t.section_path) for t in plan.tasks] == [
        ("1", "Rà soát văn bản", ["I. CẢI CÁCH THỂ CHẾ"]), ("2", "Kiểm tra thi hành", ["I. CẢI CÁCH THỂ CHẾ"])]


def test_a_merged_cell_cut_by_a_page_break_is_whole_in_every_row_it_spans(tmp_path):
    """As a PDF gives them: the goal merged over tasks 1 and 2 and cut by the page break goes on after it (both
    tasks get all of it); the mission merged over tasks 3 and 4 is repeated after the break as its tail only."""
    header = "STT\tMục tiêu\tNhiệm vụ\tHoạt động\tChủ trì\tThời gian\n"
    text = HEAD + header + (
        "1\tMục tiêu 1: Kịp thời tham mưu. Xây\tNhiệm vụ 1: Dự thảo quy định\tHoạt động 1: Nghiên cứu\tPhòng TCHC\t"
        "Năm 2026\n"
        "\t\tNhiệm vụ 2: Quy định đơn vị\tHoạt động 1: Rà soát\tCác phòng\tNăm 2026\n"
    ) + header + (
        "\tdựng chức năng các đơn vị\t\t\t\t\n"
        "2\tMục tiêu 2: Giảm chi\tNhiệm vụ 1: Tiếp\tHoạt động 1: Quản lý\tPhòng KHTC\tNăm 2026\n"
    ) + header + (
        "\t\ttục giao quyền tự chủ\t\t\t\n"
        "3\tMục tiêu 3: Giảm 2%\ttục giao quyền tự chủ\tHoạt động 2: Kiểm soát\tPhòng KHTC\tThường xuyên\n"
    )
    plan = read_plan(_write(tmp_path, text))
    goals = [t.context.split("\n")[0] for t in plan.tasks]
    assert goals[:2] == ["Mục tiêu 1: Kịp thời tham mưu. Xây dựng chức năng các đơn vị"] * 2
    missions = [t.context.split("\n")[1] for t in plan.tasks]
    assert missions[2:] == ["Nhiệm vụ 1: Tiếp tục giao quyền tự chủ"] * 2


def test_a_time_merged_over_start_and_end_columns_is_the_deadline(tmp_path):
    """«Thời gian» split into «Bắt đầu | Hoàn thành»: «Thường xuyên» written across both lands in «Bắt đầu»
    only — the task had no deadline; it takes that text, told, and a row with its end keeps its end."""
    text = HEAD + "\n".join([
        "TT\tNội dung\tChủ trì\tThời gian\t", "\t\t\tBắt đầu\tHoàn thành",
        "1\tSố hóa hồ sơ\tVăn phòng Sở\t01/2026\t06/2026",
        "2\tCập nhật dữ liệu\tThanh tra Sở\tThường xuyên\t",
    ]) + "\n"
    plan = read_plan(_write(tmp_path, text))
    assert [(t.deadline.text, t.deadline.kind, t.deadline_inferred) for t in plan.tasks] == [
        ("06/2026", "month", False), ("Thường xuyên", "ongoing", True)]
    assert "lấy «Thường xuyên» ở cột «Bắt đầu»" in " ".join(w.message for w in plan.warnings)
    assert plan.tasks[0].context == "Bắt đầu: 01/2026"


def test_of_two_columns_named_for_deadlines_the_plainer_name_has_them(tmp_path):
    """A follow-up table with «Tiến độ thực hiện» (progress words) before «Thời gian hoàn thành»: deadlines are
    read from the second; the first is kept as text.  Likewise «Kết quả thực hiện» beside «Sản phẩm»."""
    text = HEAD + (
        "STT\tNội dung\tKết quả thực hiện\tSản phẩm\tTiến độ thực hiện\tChủ trì\tThời gian hoàn thành\n"
        "1\tRà soát thủ tục\tĐã rà soát 40 thủ tục\tBáo cáo\tĐang thực hiện\tVăn phòng Sở\tQuý II/2026\n"
    )
    plan = read_plan(_write(tmp_path, text))
    task = plan.tasks[0]
    assert (task.deadline.text, task.deadline.due, task.product) == ("Quý II/2026", date(2026, 6, 30), "Báo cáo")
    assert task.context == "Kết quả thực hiện: Đã rà soát 40 thủ tục\nTiến độ thực hiện: Đang thực hiện"


def test_a_mistyped_deadline_in_a_plan_is_named_in_its_warning(tmp_path):
    text = HEAD + ("STT\tNội dung\tChủ trì\tThời gian\n1\tRà soát\tVăn phòng Sở\tQuý 5/2026\n"
                   "2\tNiêm yết\tThanh tra Sở\tTheo kế hoạch của tỉnh\n")
    plan = read_plan(_write(tmp_path, text))
    said = [w.message for w in plan.warnings if w.kind == "unread_deadline"]
    assert said[0].startswith("thời hạn «Quý 5/2026»: «Quý 5» không phải một quý")
    assert said[1] == "thời hạn «Theo kế hoạch của tỉnh» không có ngày cụ thể, ghi nhận là theo điều kiện."


@pytest.mark.parametrize("index", ["(1)\t(2)\t(3)\t(4)\t(5)", "1\t2\t3\t4\t5"])
def test_the_row_numbering_the_columns_is_not_a_task(tmp_path, index):
    """Official tables number their columns under the header: that row was read as a task «(2)»."""
    header = "STT\tNội dung\tSản phẩm\tChủ trì\tThời gian\n"
    text = HEAD + header + index + "\n1\tRà soát thủ tục\tBáo cáo\tVăn phòng Sở\tQuý I/2026\n" + header + index + (
        "\n2\tNiêm yết thủ tục\tBảng\tThanh tra Sở\tQuý II/2026\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.number, t.content) for t in plan.tasks] == [("1", "Rà soát thủ tục"), ("2", "Niêm yết thủ tục")]
    assert not plan.warnings


@pytest.mark.parametrize(("label", "total"), [
    ("Tổng cộng (I+II)", True), ("Tổng", True), ("TỔNG CỘNG:", True), ("Cộng mục I", True), ("Tổng kinh phí", True),
    ("Tổng kết công tác năm", False), ("Cộng tác viên", False),
])
def test_a_total_row_is_not_a_task(tmp_path, label, total):
    text = HEAD + ("STT\tNội dung\tChủ trì\tThời gian\tKinh phí\n"
                   "1\tRà soát thủ tục\tVăn phòng Sở\tQuý I/2026\t10.000\n"
                   f"\t{label}\t\t\t10.000\n")
    plan = read_plan(_write(tmp_path, text))
    assert [t.content for t in plan.tasks] == ["Rà soát thủ tục"] + ([] if total else [label])


def test_units_drawn_as_a_matrix_of_marks_give_each_task_its_units(tmp_path):
    """A column per unit, «x»/«CT» under the lead and «PH» under the others (no «Chủ trì» column): each task
    gets its units; a note column beside them is still kept as text."""
    text = HEAD + (
        "STT\tNội dung\tThời gian\tSở Nội vụ\tSở Tài chính\tUBND các huyện\tGhi chú\n"
        "1\tRà soát thủ tục\tQuý I/2026\tx\t\tPH\t\n"
        "2\tSố hóa hồ sơ\tQuý II/2026\tPH\tCT\tph\tưu tiên\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.lead_units, t.coordinating_units, t.context) for t in plan.tasks] == [
        (["Sở Nội vụ"], ["UBND các huyện"], ""),
        (["Sở Tài chính"], ["Sở Nội vụ", "UBND các huyện"], "Ghi chú: ưu tiên")]
    assert any(w.kind == "unit_columns" and "«Sở Nội vụ», «Sở Tài chính», «UBND các huyện»" in w.message
               for w in plan.warnings)


@pytest.mark.parametrize("section", ["I. Cải cách thể chế", "Phần I: Cải cách thể chế", "Phần thứ nhất: Cải cách",
                                     "Nhóm 1: Cải cách thể chế", "A. Cải cách thể chế"])
def test_a_section_written_in_the_content_column_heads_the_tasks_below(tmp_path, section):
    """The number cell empty, the section's numeral in its title: it was read as a task with no lead; the parts
    of a task («a) …», «b) …») stay with it."""
    text = HEAD + ("STT\tNội dung\tChủ trì\tThời gian\n"
                   f"\t{section}\t\t\n"
                   "1\tRà soát thủ tục:\tVăn phòng Sở\tQuý I/2026\n"
                   "\ta) Lĩnh vực dược;\t\t\n"
                   "2\tNiêm yết thủ tục\tThanh tra Sở\tQuý II/2026\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.number, t.content, t.section_path) for t in plan.tasks] == [
        ("1", "Rà soát thủ tục: a) Lĩnh vực dược;", [section]), ("2", "Niêm yết thủ tục", [section])]


def test_a_group_title_is_told_by_the_numbering_starting_again_below_it(tmp_path):
    """«Lĩnh vực …» rows with nothing but their title, the tasks below numbered from 1 again: groups (the
    first was a task without a lead, the second glued to the task above); a task's wrapped line stays."""
    text = HEAD + ("STT\tNội dung\tChủ trì\tThời gian\n"
                   "\tLĩnh vực khám chữa bệnh\t\t\n"
                   "1\tRà soát thủ tục\tVăn phòng Sở\tQuý I/2026\n"
                   "2\tNiêm yết thủ tục\tThanh tra Sở\tQuý II/2026\n"
                   "\tLĩnh vực y tế dự phòng\t\t\n"
                   "1\tTiêm chủng\tTrung tâm Kiểm soát bệnh tật\tQuý III/2026\n"
                   "\tvà giám sát dịch\t\t\n"
                   "2\tPhòng chống dịch\tTrung tâm Kiểm soát bệnh tật\tNăm 2026\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.number, t.content, t.section_path) for t in plan.tasks] == [
        ("1", "Rà soát thủ tục", ["Lĩnh vực khám chữa bệnh"]), ("2", "Niêm yết thủ tục", ["Lĩnh vực khám chữa bệnh"]),
        ("1", "Tiêm chủng và giám sát dịch", ["Lĩnh vực y tế dự phòng"]),
        ("2", "Phòng chống dịch", ["Lĩnh vực y tế dự phòng"])]


def test_a_second_table_is_read_by_its_own_header(tmp_path):
    """«Phụ lục II» with other columns than «Phụ lục I»: it was read with the first table's columns (its header
    a task «TT», products as lead units, units as deadlines)."""
    text = HEAD + (
        "Phụ lục I\nSTT\tNội dung\tChủ trì\tThời gian\n"
        "1\tRà soát thủ tục\tVăn phòng Sở\tQuý I/2026\n\n"
        "Phụ lục II\nTT\tNội dung công việc\tSản phẩm\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\n"
        "1\tSố hóa hồ sơ\tDữ liệu\tVăn phòng Sở\tCác phòng\tQuý III/2026\n"
        "TT\tNội dung công việc\tSản phẩm\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\n"  # its page break
        "2\tKhảo sát\tBáo cáo\tPhòng TCHC\t\tNăm 2026\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.product, t.lead_units, t.coordinating_units, t.deadline.due) for t in plan.tasks] == [
        ("Rà soát thủ tục", "", ["Văn phòng Sở"], [], date(2026, 3, 31)),
        ("Số hóa hồ sơ", "Dữ liệu", ["Văn phòng Sở"], ["Các phòng"], date(2026, 9, 30)),
        ("Khảo sát", "Báo cáo", ["Phòng TCHC"], [], date(2026, 12, 31))]
    assert not plan.warnings
    # each table's tasks are under its title: the same numbers in two tables are told apart
    assert [t.section_path for t in plan.tasks] == [["Phụ lục I"], ["Phụ lục II"], ["Phụ lục II"]]

def test_a_heading_cut_by_a_pdf_page_break_is_whole_even_when_its_end_reads_like_a_total():
    """«V. Cải cách tài chính» ⏎ page break ⏎ «công»: «công» folds to «cong», a total row's word («Cộng»)."""
    rows = [Row(["STT", "Nội dung", "Chủ trì", "Thời gian"], 1), Row(["V. Cải cách tài chính", "", "", ""], 2),
            Row(["công", "", "", ""], 3, continues=True), Row(["1", "Tự chủ tài chính", "Phòng KHTC", "Năm 2026"], 4)]
    reading = read_table(rows, 2026)
    assert reading is not None
    assert [t.section_path for t in reading.tasks] == [["V. Cải cách tài chính công"]]


def test_a_whole_row_at_the_top_of_a_pdf_page_is_a_task_of_its_own():
    """A table without a number column: the first row of the next page has its unit and its deadline, so it
    is a row of its own, not the part of the row above the page break carried over."""
    rows = [Row(["Nội dung", "Chủ trì", "Thời gian"], 1), Row(["Rà soát thủ tục", "Văn phòng Sở", "Quý I/2026"], 2),
            Row(["Công bố thủ tục", "Thanh tra Sở", "Quý II/2026"], 3, continues=True),
            Row(["tại Trung tâm Phục vụ hành chính công", "", ""], 4, continues=True)]
    reading = read_table(rows, 2026)
    assert reading is not None
    assert [(t.content, t.lead_units) for t in reading.tasks] == [
        ("Rà soát thủ tục", ["Văn phòng Sở"]),
        ("Công bố thủ tục tại Trung tâm Phục vụ hành chính công", ["Thanh tra Sở"])]


def test_a_cell_merged_over_two_numbered_rows_and_cut_by_a_page_break_is_whole_in_both():
    """Rows 2 and 3 share one activity cell; the page break cuts it: row 3, at the top of the next page under
    the header again, holds only its end («toán phí …»), opening mid-sentence as row 2's part ends."""
    header = ["TT", "Hoạt động", "Chủ trì", "Thời gian"]
    rows = [Row(header, 1), Row(["1", "Rà soát thủ tục.", "Văn phòng Sở", "Quý I/2026"], 2),
            Row(["2", "Hướng dẫn công dân; thực hiện thanh", "Văn phòng Sở", "Năm 2026"], 3),
            Row(header, 4, continues=True),
            Row(["3", "toán phí, lệ phí trực tuyến.", "Phòng KHTC", "Năm 2026"], 5),
            Row(["4", "bổ sung quy chế", "Thanh tra Sở", "Quý II/2026"], 6)]
    reading = read_table(rows, 2026)
    assert reading is not None
    whole = "Hướng dẫn công dân; thực hiện thanh toán phí, lệ phí trực tuyến."
    assert [t.content for t in reading.tasks] == ["Rà soát thủ tục.", whole, whole, "bổ sung quy chế"]
    assert [t.lead_units for t in reading.tasks][1:3] == [["Văn phòng Sở"], ["Phòng KHTC"]]


def test_a_heading_cut_by_a_pdf_page_break_stays_one():
    """A PDF gives the rows of each page; the page's first row goes on from the page before (`Row.continues`):
    a heading's end there is no heading of its own («NHÂN LỰC» under «IV. PHÁT TRIỂN NGUỒN»)."""
    rows = [Row(["STT", "Nội dung", "Chủ trì", "Thời gian"], 1), Row(["IV", "PHÁT TRIỂN NGUỒN", "", ""], 2),
            Row(["", "NHÂN LỰC", "", ""], 3, continues=True), Row(["1", "Đào tạo", "Sở Nội vụ", "Năm 2026"], 4)]
    reading = read_table(rows, 2026)
    assert reading is not None
    assert [t.section_path for t in reading.tasks] == [["IV. PHÁT TRIỂN NGUỒN NHÂN LỰC"]]


def test_a_first_table_right_under_the_plans_title_takes_no_part_of_it_as_a_section(tmp_path):
    """Only an appendix's heading («PHỤ LỤC I», «(Kèm theo …)») names the first table: a table right under the
    plan's title lines is not put under their last line («TRÊN ĐỊA BÀN TỈNH»)."""
    text = HEAD + ("STT\tNội dung\tChủ trì\tThời gian\n1\tRà soát thủ tục\tVăn phòng Sở\tQuý I/2026\n"
                   "NHIỆM VỤ TUYÊN TRUYỀN\n"
                   "TT\tNội dung tuyên truyền\tĐơn vị thực hiện\tThời gian thực hiện\n"
                   "1\tHội thi\tPhòng TCHC\tNăm 2026\n")
    plan = read_plan(_write(tmp_path, text))
    assert [t.section_path for t in plan.tasks] == [[], ["NHIỆM VỤ TUYÊN TRUYỀN"]]


LETTERED = HEAD + """II. NHIỆM VỤ
1. Về dữ liệu
1.1. Xây
dựng các chiến lược:
a) Nhiệm vụ: Rà soát, hoàn thiện Chiến lược dữ liệu
của tỉnh.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Sở Khoa học
và Công nghệ.
- Đơn vị phối hợp: Các Sở, ban,
ngành, UBND xã, phường.
c) Thời gian thực hiện: Hoàn
thành trong năm 2025.
2. Về an toàn thông tin
a) Nhiệm vụ:
- Triển khai phương án bảo đảm an toàn thông tin.
- Phối hợp ứng cứu sự cố.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Công an tỉnh.
c) Thời gian thực hiện: Thực hiện thường xuyên.
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ theo dõi, đôn đốc các đơn vị thực hiện Kế hoạch.
"""


def test_lettered_items_with_unit_lines(tmp_path):
    plan = read_plan(_write(tmp_path, LETTERED))
    assert len(plan.tasks) == 2  # "TỔ CHỨC THỰC HIỆN" is not a task when the plan lists its tasks
    first, second = plan.tasks
    assert first.number == "1.1"
    assert first.content == "Rà soát, hoàn thiện Chiến lược dữ liệu của tỉnh."
    assert first.lead_units == ["Sở Khoa học và Công nghệ"]
    assert first.coordinating_units == ["Các Sở, ban, ngành", "UBND xã, phường"]
    assert first.deadline.due == date(2025, 12, 31)
    assert first.section_path[:2] == ["II. NHIỆM VỤ", "1. Về dữ liệu"]
    assert second.content == "Triển khai phương án bảo đảm an toàn thông tin.\nPhối hợp ứng cứu sự cố."
    assert second.lead_units == ["Công an tỉnh"]
    assert second.deadline.kind == "ongoing"


def test_bullets_followed_by_unit_lines(tmp_path):
    text = HEAD + """II. NHIỆM VỤ
- Tổ chức tập huấn kỹ năng cho cán bộ
làm công tác pháp chế.
Đơn vị chủ trì (tham mưu thực hiện): Sở Tư pháp.
Đơn vị phối hợp (thực hiện): Sở Nội vụ; Sở Tài chính.
Thời gian thực hiện: Quý II/2026.
- Rà soát văn bản quy phạm pháp luật.
Cơ quan chủ trì: Văn phòng UBND tỉnh.
Thời hạn hoàn thành: trước ngày 15/12/2026.
- Mục tiêu chung không có đơn vị.
"""
    plan = read_plan(_write(tmp_path, text))
    assert [t.content for t in plan.tasks] == [
        "Tổ chức tập huấn kỹ năng cho cán bộ làm công tác pháp chế.", "Rà soát văn bản quy phạm pháp luật."]
    assert plan.tasks[0].lead_units == ["Sở Tư pháp"]
    assert plan.tasks[0].coordinating_units == ["Sở Nội vụ", "Sở Tài chính"]
    assert plan.tasks[0].deadline.due == date(2026, 6, 30)
    assert plan.tasks[1].lead_units == ["Văn phòng UBND tỉnh"]
    assert plan.tasks[1].deadline.due == date(2026, 12, 15)


def test_responsibilities_per_unit(tmp_path):
    text = HEAD + """IV. NỘI DUNG
1. Vệ sinh môi trường
- Thu gom rác thải sau lũ.
V. TỔ
CHỨC THỰC HIỆN
1.
Sở Y tế:
- Chủ trì, phối hợp với Sở Tài chính, UBND các xã, phường phân bổ hóa chất.
- Báo cáo kết quả trước ngày 15/12/2025.
2. Sở Tài chính
Căn cứ chức năng, nhiệm vụ, bố trí kinh phí.
3. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các đoàn thể
Vận động hội viên tham gia.
4. Sở Nội vụ có trách nhiệm định kỳ hằng quý tổng hợp kết quả.
Trên đây là Kế hoạch.
"""
    plan = read_plan(_write(tmp_path, text))
    assert len(plan.tasks) == 5
    first, second, finance, front, home = plan.tasks
    assert first.lead_units == ["Sở Y tế"] and first.number == ""
    assert first.section_path == ["1. Sở Y tế"]
    assert first.coordinating_units == ["Sở Tài chính", "UBND các xã, phường"]
    assert second.deadline.due == date(2025, 12, 15)
    assert finance.number == "2" and finance.content == "Căn cứ chức năng, nhiệm vụ, bố trí kinh phí."
    assert front.lead_units == ["Ủy ban Mặt trận Tổ quốc tỉnh", "các đoàn thể"]
    assert home.lead_units == ["Sở Nội vụ"]
    assert home.content.startswith("Có trách nhiệm định kỳ hằng quý")
    assert home.deadline.kind == "recurring"


def test_a_duty_asking_for_a_report_never_hides_the_plans_duties(tmp_path):
    """A unit's duty «… tổng hợp báo cáo UBND tỉnh trước ngày 15/12/2026» read as a closing request for a
    report was the whole plan (one task, the blocks reader's); with no block read, the units' duties are."""
    text = HEAD + ("II. TỔ CHỨC THỰC HIỆN\n1. SỞ Y TẾ\n"
                   "Chủ trì, phối hợp với các sở, ngành liên quan tổ chức triển khai Kế hoạch; tổng hợp báo cáo "
                   "UBND tỉnh trước ngày 15/12/2026.\n"
                   "2. SỞ TÀI CHÍNH\nTham mưu bố trí kinh phí thực hiện Kế hoạch.\n"
                   "3. UBND CÁC HUYỆN\n- Xây dựng kế hoạch của địa phương.\n- Chỉ đạo các xã vệ sinh môi trường.\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.lead_units, t.coordinating_units, t.deadline.due) for t in plan.tasks] == [
        (["SỞ Y TẾ"], ["các sở, ngành liên quan"], date(2026, 12, 15)), (["SỞ TÀI CHÍNH"], [], None),
        (["UBND CÁC HUYỆN"], [], None), (["UBND CÁC HUYỆN"], [], None)]


def test_a_unit_named_in_the_passive_keeps_its_whole_name(tmp_path):
    """«Các đơn vị được kiểm tra chuẩn bị hồ sơ»: the unit is «Các đơn vị được kiểm tra», its duty «Chuẩn bị …»
    (the name was cut at the verb: «Các đơn vị được» doing «Kiểm tra chuẩn bị …»)."""
    text = HEAD + ("IV. TỔ CHỨC THỰC HIỆN\n"
                   "1. Văn phòng Sở chủ trì, phối hợp với Thanh tra Sở thực hiện kiểm tra theo lịch.\n"
                   "2. Các đơn vị được kiểm tra chuẩn bị hồ sơ, báo cáo theo yêu cầu.\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.lead_units, t.content) for t in plan.tasks][1] == (
        ["Các đơn vị được kiểm tra"], "Chuẩn bị hồ sơ, báo cáo theo yêu cầu.")


def test_a_duty_counted_from_the_plans_issue_is_due_then_and_told(tmp_path):
    """«… trong 30 ngày kể từ ngày ban hành Kế hoạch» in a unit's duty: the head's issue date (01/12/2025) plus
    30 days (it had no deadline), said in a warning; a duty saying when in words keeps its deadline."""
    text = HEAD + ("V. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế:\n"
                   "- Xây dựng kế hoạch triển khai, hoàn thành trong 30 ngày kể từ ngày ban hành Kế hoạch.\n"
                   "- Tổng hợp, báo cáo kết quả; thời gian: hằng quý.\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.deadline.kind, t.deadline.due) for t in plan.tasks] == [
        ("date", date(2025, 12, 31)), ("recurring", date(2025, 3, 31))]
    told = [w.message for w in plan.warnings if w.kind == "issue_date_deadline"]
    assert told == ["thời hạn «trong 30 ngày kể từ ngày ban hành Kế hoạch» tính từ ngày ban hành kế hoạch "
                    "01/12/2025: hạn 31/12/2025."]


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold().rstrip(" .;,:")


def _real_plans() -> list[Path]:
    return sorted(PLANS.glob("*.expected.json")) if PLANS.exists() else []


@pytest.mark.parametrize("expected_path", _real_plans(), ids=lambda p: p.name.split(".")[0])
def test_real_plans_read_as_a_careful_officer_would(expected_path, tmp_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    source = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
    text = source.read_text(encoding="utf-8").partition("\n")[2]  # without the SOURCE line
    plan = read_plan(_write(tmp_path, text, source.name))
    assert len(plan.tasks) == expected["tasks"]
    assert plan.year == expected["year"]
    paths = [" › ".join(t.section_path).casefold() for t in plan.tasks]
    for section in expected["sections"]:
        assert any(section.casefold() in path for path in paths), section
    used: set[int] = set()
    for sample in expected["samples"]:
        start = _norm(sample["content_starts"])
        task = next(t for i, t in enumerate(plan.tasks) if i not in used and start in _norm(t.content))
        used.add(plan.tasks.index(task))
        lead = sample["lead"] if isinstance(sample["lead"], list) else [sample["lead"]] if sample["lead"] else []
        assert [_norm(u) for u in task.lead_units] == [_norm(u) for u in lead]
        assert {_norm(u) for u in task.coordinating_units} == {_norm(u) for u in sample["coordinating"]}
        assert _norm(task.deadline.text) == _norm(sample["deadline_text"])
        if sample["due"] is not None:
            assert task.deadline.due == date.fromisoformat(sample["due"])


def test_real_plans_present_or_skipped():
    if not PLANS.exists():
        pytest.skip("../shared/plans is absent beside the project")
    assert len(_real_plans()) >= 5


def _real_plan_text(name: str) -> str:
    source = PLANS / f"{name}.txt"
    if not source.exists():
        pytest.skip(f"{source.name} not found: ../shared/plans is absent beside the project")
    return source.read_text(encoding="utf-8").partition("\n")[2]  # without the SOURCE line


def _read_as_written(tmp_path: Path, text: str) -> list[tuple]:
    plan = read_plan(_write(tmp_path, text))
    return [(t.number, t.content, t.lead_units, t.coordinating_units, t.deadline, t.section_path, t.product)
            for t in plan.tasks]


@pytest.mark.parametrize("name", ["dongthap-552-KH-UBND-2025", "thutuong-2597-QD-TTg-2025"])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_real_table_reads_the_same_with_its_columns_in_another_order(tmp_path, name, seed):
    """Plans put their columns in any order: the reader goes by the header's names, never by positions."""
    import random

    text = _real_plan_text(name)
    lines = text.split("\n")
    width = max(line.count("\t") for line in lines) + 1
    order = list(range(1, width))
    random.Random(seed).shuffle(order)

    def shuffled(line: str) -> str:
        cells = line.split("\t") + [""] * (width - 1 - line.count("\t"))
        return "\t".join(cells[i] for i in [0, *order])  # the number column stays first

    other = "\n".join(shuffled(line) if "\t" in line else line for line in lines)
    assert _read_as_written(tmp_path, other) == _read_as_written(tmp_path, text)


@pytest.mark.parametrize(("old", "new"), [
    ("Đơn vị chủ trì", "Cơ quan chủ trì"), ("Đơn vị phối hợp", "Cơ quan phối hợp"),
    ("Thời gian thực hiện", "Thời hạn hoàn thành"), ("\n- ", "\n+ "), ("\n- ", "\n• "),
])
def test_a_real_plan_of_labelled_items_reads_the_same_in_other_words(tmp_path, old, new):
    text = _real_plan_text("hanoi-308-KH-UBND-2025")
    assert old in text
    assert _read_as_written(tmp_path, text.replace(old, new)) == _read_as_written(tmp_path, text)


UNKNOWN = (HEAD + "I. NHIỆM VỤ\n1. Rà soát toàn bộ thủ tục hành chính thuộc thẩm quyền của Sở.\n"
           "2. Văn phòng Sở chủ trì tổ chức tập huấn nghiệp vụ trước ngày 15/12/2025.\n"
           "- Ghi chú nhỏ.\n")


def test_a_document_of_no_known_layout_offers_its_items(tmp_path):
    with pytest.raises(PlanReadError) as caught:
        read_plan(_write(tmp_path, UNKNOWN))
    offered = caught.value.candidates
    assert [t.number for t in offered.tasks] == ["1", "2"]  # "- Ghi chú nhỏ." is too short to be a task
    assert offered.tasks[1].lead_units == ["Văn phòng Sở"]
    assert offered.tasks[1].deadline.due == date(2025, 12, 15)
    assert "phím i" in str(caught.value)


async def test_the_preview_takes_a_plan_item_by_item(tmp_path):
    from db.filters import TaskFilter, fetch_tasks
    from tui.app import build_app
    from tui.import_screen import ImportPreview

    path = _write(tmp_path, UNKNOWN)
    app = build_app(tmp_path / "r.sqlite", today=date(2026, 11, 23))
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(ImportPreview(path), app._imported)  # mounted: its reader started
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "space", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        tasks = fetch_tasks(app.db, TaskFilter())
    assert [(t.content, t.lead_units) for t in tasks] == [
        ("Văn phòng Sở chủ trì tổ chức tập huấn nghiệp vụ trước ngày 15/12/2025.", ["Văn phòng Sở"])]


def test_responsibilities_under_a_numbered_section_with_lettered_units(tmp_path):
    text = HEAD + """II. NỘI DUNG
1. Tuyên truyền về chuyển đổi số
2. Tổ chức thực hiện
a) Sở Y tế:
- Hướng dẫn các cơ sở y tế triển khai.
- Báo cáo kết quả trước ngày 15/12/2025.
b) Sở Tài chính: bố trí kinh phí thực hiện kế hoạch.
III. KINH PHÍ
- Ngân sách tỉnh.
"""
    plan = read_plan(_write(tmp_path, text))
    assert [(t.lead_units, t.content) for t in plan.tasks] == [
        (["Sở Y tế"], "Hướng dẫn các cơ sở y tế triển khai."),
        (["Sở Y tế"], "Báo cáo kết quả trước ngày 15/12/2025."),
        (["Sở Tài chính"], "Bố trí kinh phí thực hiện kế hoạch."),
    ]
    assert plan.tasks[1].deadline.due == date(2025, 12, 15)


def test_responsibilities_written_as_unit_bullets(tmp_path):
    text = HEAD + """IV. TRÁCH NHIỆM THỰC HIỆN
- Sở Nội vụ: chủ trì, phối hợp với Sở Tư pháp theo dõi, đôn đốc thực hiện kế hoạch.
- UBND các xã, phường: triển khai kế hoạch trên địa bàn.
"""
    plan = read_plan(_write(tmp_path, text))
    assert [t.lead_units for t in plan.tasks] == [["Sở Nội vụ"], ["UBND các xã, phường"]]
    assert plan.tasks[0].coordinating_units == ["Sở Tư pháp"]


def test_labels_written_on_the_items_own_line(tmp_path):
    text = HEAD + ("II. NHIỆM VỤ\n- Tổ chức tập huấn cho cán bộ pháp chế. Đơn vị chủ trì: Sở Tư pháp. "
                   "Đơn vị phối hợp: Sở Nội vụ. Thời gian thực hiện: Quý II/2026.\n"
                   "- Rà soát văn bản. Cơ quan chủ trì: Văn phòng UBND tỉnh; Thời hạn: Tháng 10/2026.\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.lead_units, t.deadline.due) for t in plan.tasks] == [
        ("Tổ chức tập huấn cho cán bộ pháp chế.", ["Sở Tư pháp"], date(2026, 6, 30)),
        ("Rà soát văn bản.", ["Văn phòng UBND tỉnh"], date(2026, 10, 31)),
    ]
    assert plan.tasks[0].coordinating_units == ["Sở Nội vụ"]


def test_a_unit_that_carries_out_beside_units_that_help(tmp_path):
    """«Đơn vị thực hiện: X» with «Đơn vị phối hợp: Y»: X leads and Y helps (Y was dropped); the units listed
    to carry it out all lead, unless the text marks their roles."""
    text = HEAD + (
        "II. NỘI DUNG TUYÊN TRUYỀN\n"
        "1. Tuyên truyền các văn bản chỉ đạo về cải cách hành chính.\n"
        "- Đơn vị thực hiện: Văn phòng Sở.\n"
        "- Đơn vị phối hợp: Các phòng chức năng thuộc Sở.\n"
        "- Thời gian: Trong quý I năm 2026.\n"
        "2. Tổ chức Hội thi tìm hiểu về cải cách hành chính.\n"
        "- Cơ quan thực hiện: Phòng Tổ chức cán bộ; Công đoàn ngành Y tế.\n"
        "- Cơ quan phối hợp: Đoàn Thanh niên Sở; Công đoàn ngành Y tế.\n"
        "- Thời gian: Tháng 9/2026.\n"
        "3. Hội nghị đối thoại.\n"
        "- Đơn vị thực hiện: Văn phòng Sở chủ trì, Thanh tra Sở phối hợp.\n"
        "- Đơn vị phối hợp: Công đoàn ngành Y tế.\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.lead_units, t.coordinating_units) for t in plan.tasks] == [
        (["Văn phòng Sở"], ["Các phòng chức năng thuộc Sở"]),
        (["Phòng Tổ chức cán bộ", "Công đoàn ngành Y tế"], ["Đoàn Thanh niên Sở"]),  # both carry it out
        (["Văn phòng Sở"], ["Thanh tra Sở", "Công đoàn ngành Y tế"]),
    ]
    assert not any(t.lead_inferred for t in plan.tasks)


def test_items_closed_by_their_unit_in_brackets(tmp_path):
    """«- Rà soát … (Thanh tra Sở).», «(Phòng Nghiệp vụ Y, Quý III/2026)»: the unit in brackets leads, what
    follows it is the deadline; a bracket that opens with no unit («(nếu có)») names none. Only the item that
    wrote «chủ trì» was read (1 task of 4)."""
    text = HEAD + (
        "II. NHIỆM VỤ TRỌNG TÂM\n1. Cải cách thể chế\n"
        "- Rà soát văn bản quy phạm pháp luật thuộc lĩnh vực y tế (Thanh tra Sở).\n"
        "- Theo dõi thi hành pháp luật (Phòng Nghiệp vụ Y, Quý III/2026).\n"
        "- Xử lý văn bản trái pháp luật (nếu có).\n"
        "2. Cải cách thủ tục hành chính\n"
        "- Công bố, công khai thủ tục hành chính (Văn phòng Sở; thường xuyên).\n"
        "- Số hóa hồ sơ thủ tục hành chính (Văn phòng Sở chủ trì, các phòng phối hợp; Quý IV/2026).\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.lead_units, t.coordinating_units, t.deadline.kind) for t in plan.tasks] == [
        ("Rà soát văn bản quy phạm pháp luật thuộc lĩnh vực y tế", ["Thanh tra Sở"], [], "none"),
        ("Theo dõi thi hành pháp luật", ["Phòng Nghiệp vụ Y"], [], "quarter"),
        ("Công bố, công khai thủ tục hành chính", ["Văn phòng Sở"], [], "ongoing"),
        ("Số hóa hồ sơ thủ tục hành chính", ["Văn phòng Sở"], ["các phòng"], "quarter"),
    ]


def test_bullets_in_a_run_share_the_labels_that_close_it(tmp_path):
    """Two bullets, then one label block: both carry it out (the first was lost); a run is cut by a heading, and
    a bullet whose units are in its own text shares them with no one."""
    text = HEAD + (
        "II. NHIỆM VỤ\n1. Cải cách thể chế\n- Rà soát văn bản quy phạm pháp luật.\n- Theo dõi thi hành pháp luật.\n"
        "Trách nhiệm thực hiện: Thanh tra Sở.\nThời gian: Năm 2026.\n"
        "2. Cải cách thủ tục hành chính\n- Nâng cao nhận thức về thủ tục.\n"
        "- Công bố thủ tục hành chính (Văn phòng Sở; thường xuyên).\n"
        "3. Hiện đại hóa\n- Số hóa hồ sơ.\nĐơn vị chủ trì: Văn phòng Sở.\n"
        "4. Tuyên truyền\na) Tuyên truyền trên báo.\nb) Tổ chức hội thi.\n- Đơn vị chủ trì: Phòng TCCB.\n"
        "5. Kiểm tra\na) Về nội vụ\n- Kiểm tra công vụ.\n- Đơn vị chủ trì: Thanh tra Sở.\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.lead_units, t.deadline.text) for t in plan.tasks] == [
        ("Rà soát văn bản quy phạm pháp luật.", ["Thanh tra Sở"], "Năm 2026"),
        ("Theo dõi thi hành pháp luật.", ["Thanh tra Sở"], "Năm 2026"),
        ("Công bố thủ tục hành chính", ["Văn phòng Sở"], "thường xuyên"),
        ("Số hóa hồ sơ.", ["Văn phòng Sở"], ""),
        ("Tuyên truyền trên báo.", ["Phòng TCCB"], ""),  # lettered items make a run too
        ("Tổ chức hội thi.", ["Phòng TCCB"], ""),
        ("Kiểm tra công vụ.", ["Thanh tra Sở"], ""),  # «a) Về nội vụ» heads it: another kind, not in its run
    ]


def test_labels_chu_tri_thuc_hien_and_noi_dung(tmp_path):
    """«+ Chủ trì thực hiện:» was no label (the task was lost); «a) Nội dung:» was read as the task's own text."""
    text = HEAD + (
        "II. NHIỆM VỤ CỤ THỂ\n"
        "1. Rà soát, đánh giá thủ tục hành chính\n"
        "a) Nội dung: Rà soát các thủ tục thuộc thẩm quyền của Sở.\n"
        "b) Cơ quan chủ trì: Văn phòng Sở.\n"
        "c) Thời gian hoàn thành: trước ngày 30/6/2026.\n"
        "2. Công bố, công khai thủ tục hành chính\n"
        "+ Chủ trì thực hiện: Phòng Nghiệp vụ Dược\n"
        "+ Phối hợp thực hiện: Văn phòng Sở\n"
        "+ Thời hạn: Quý III/2026\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.number, t.content, t.lead_units, t.coordinating_units, t.deadline.due) for t in plan.tasks] == [
        ("1", "Rà soát các thủ tục thuộc thẩm quyền của Sở.", ["Văn phòng Sở"], [], date(2026, 6, 30)),
        ("2", "Công bố, công khai thủ tục hành chính", ["Phòng Nghiệp vụ Dược"], ["Văn phòng Sở"], date(2026, 9, 30)),
    ]
    assert plan.tasks[0].section_path == ["II. NHIỆM VỤ CỤ THỂ", "1. Rà soát, đánh giá thủ tục hành chính"]


def test_an_item_with_a_deadline_and_a_product_but_no_unit_is_kept_and_told(tmp_path):
    text = HEAD + (
        "II. NHIỆM VỤ\n"
        "1. Tổ chức hội nghị sơ kết\n- Đơn vị chủ trì: Văn phòng Sở\n- Thời gian: Quý II/2026\n"
        "2. Xây dựng bộ tài liệu hỏi đáp\n- Sản phẩm: Bộ tài liệu\n- Thời gian: Quý III/2026\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.lead_units, t.product) for t in plan.tasks] == [
        ("Tổ chức hội nghị sơ kết", ["Văn phòng Sở"], ""), ("Xây dựng bộ tài liệu hỏi đáp", [], "Bộ tài liệu")]
    assert any(w.kind == "no_lead" for w in plan.warnings)


def test_a_deadline_written_in_the_content_of_a_table_without_one_is_taken_and_told(tmp_path):
    text = HEAD + (
        "STT\tNội dung\tSản phẩm\tChủ trì\n"
        "1\tTrình UBND tỉnh quy chế phối hợp trước ngày 30/6/2026\tQuy chế\tVăn phòng Sở\n"
        "2\tTổ chức hội nghị tập huấn trong quý III/2026\tHội nghị\tPhòng TCHC\n"
        "3\tBáo cáo định kỳ hằng quý về UBND tỉnh\tBáo cáo\tVăn phòng Sở\n"
        "4\tCập nhật cơ sở dữ liệu\tDữ liệu\tVăn phòng Sở\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.deadline.text, t.deadline.due, t.deadline_inferred) for t in plan.tasks] == [
        ("trước ngày 30/6/2026", date(2026, 6, 30), True), ("trong quý III/2026", date(2026, 9, 30), True),
        ("định kỳ hằng quý", date(2025, 3, 31), True), ("", None, False)]  # the plan's year (2025)
    told = [w.line for w in plan.warnings if w.kind == "inferred_deadline"]
    assert len(told) == 3


def test_a_table_without_a_number_column_keeps_its_sections_and_empty_cells(tmp_path):
    """Every row is unnumbered: a heading row between two rows is no merged group (the task below it was put in
    the section above); a task with its own lead and no helper does not take the helpers of the task above."""
    text = HEAD + (
        "Nội dung\tChủ trì\tPhối hợp\tThời gian\n"
        "I. Cải cách thể chế\t\t\t\n"
        "Rà soát văn bản\tVăn phòng Sở\tThanh tra Sở\tQuý II/2026\n"
        "Kiểm tra thi hành pháp luật\tThanh tra Sở\t\tQuý III/2026\n"
        "II. Cải cách thủ tục hành chính\t\t\t\n"
        "Công bố thủ tục\tVăn phòng Sở\t\tThường xuyên\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.coordinating_units, t.section_path) for t in plan.tasks] == [
        ("Rà soát văn bản", ["Thanh tra Sở"], ["I. Cải cách thể chế"]),
        ("Kiểm tra thi hành pháp luật", [], ["I. Cải cách thể chế"]),
        ("Công bố thủ tục", [], ["II. Cải cách thủ tục hành chính"])]
    assert not [w for w in plan.warnings if w.kind == "inherited"]


def test_lettered_rows_are_parts_of_the_numbered_task_above(tmp_path):
    text = HEAD + (
        "TT\tNội dung\tĐơn vị thực hiện\tThời gian\n"
        "I\tTuyên truyền\n"
        "1\tTuyên truyền trên Cổng thông tin điện tử\tVăn phòng Sở\tThường xuyên\n"
        "a\tĐăng tin bài về cải cách thủ tục\tVăn phòng Sở\tHằng tháng\n"
        "b)\tChuyên mục hỏi đáp\tVăn phòng Sở\tQuý II/2026\n"
        "2\tTổ chức hội thi\tPhòng TCHC\tQuý III/2026\n"
        "II\tKiểm tra\n"
        "a\tKiểm tra các đơn vị\tThanh tra Sở\tQuý IV/2026\n"  # no numbered task above it in its section
    )
    plan = read_plan(_write(tmp_path, text))
    part = ["I. Tuyên truyền", "1. Tuyên truyền trên Cổng thông tin điện tử"]
    assert [(t.number, t.section_path) for t in plan.tasks] == [
        ("1", ["I. Tuyên truyền"]), ("a", part), ("b)", part), ("2", ["I. Tuyên truyền"]), ("a", ["II. Kiểm tra"])]


def test_numbered_parts_of_a_task_stand_under_its_title(tmp_path):
    """«2» with a lead of its own is a task, and «2.1», «2.2» below it its parts, under its title as the parts of
    a heading «1» are (they stood under no title at all, beside task 2)."""
    text = HEAD + (
        "TT\tNội dung\tĐơn vị chủ trì\tThời gian\n"
        "1\tCải cách thể chế\n"
        "1.1\tRà soát văn bản\tPhòng Pháp chế\tQuý II/2026\n"
        "2\tCải cách thủ tục hành chính\tVăn phòng Sở\tQuý I/2026\n"
        "2.1\tCông bố thủ tục\tVăn phòng Sở\tThường xuyên\n"
        "2.2\tNiêm yết thủ tục\tVăn phòng Sở\tQuý II/2026\n"
        "3\tKiểm tra\tThanh tra Sở\tQuý IV/2026\n"
    )
    plan = read_plan(_write(tmp_path, text))
    part = ["2. Cải cách thủ tục hành chính"]
    assert [(t.number, t.section_path) for t in plan.tasks] == [
        ("1.1", ["1. Cải cách thể chế"]), ("2", []), ("2.1", part), ("2.2", part), ("3", [])]


def test_letter_groups_and_agency_columns(tmp_path):
    text = HEAD + (
        "TT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn hoàn thành\tGhi chú\n"
        "A\tCẢI CÁCH THỂ CHẾ\t\t\t\t\n"
        "1\tRà soát văn bản QPPL\tSở Tư pháp\tCác sở, ban, ngành\tQuý III/2026\t\n"
        "2\tKiểm tra công tác CCHC\tSở Nội vụ\tVăn phòng UBND tỉnh; Sở Tư pháp\tTháng 10/2026\tTrọng tâm\n"
        "B\tHIỆN ĐẠI HÓA\t\t\t\t\n"
        "1\tDuy trì ISO 9001\tCác sở, ban, ngành\t\tThường xuyên\t\n")
    plan = read_plan(_write(tmp_path, text))
    assert [(t.section_path, t.content) for t in plan.tasks] == [
        (["A. CẢI CÁCH THỂ CHẾ"], "Rà soát văn bản QPPL"), (["A. CẢI CÁCH THỂ CHẾ"], "Kiểm tra công tác CCHC"),
        (["B. HIỆN ĐẠI HÓA"], "Duy trì ISO 9001")]
    assert plan.tasks[1].coordinating_units == ["Văn phòng UBND tỉnh", "Sở Tư pháp"]  # "Ghi chú" stays out


def test_a_unit_given_its_work_in_the_heading(tmp_path):
    text = HEAD + """V. TỔ CHỨC THỰC HIỆN
1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp theo dõi, đôn đốc thực hiện Kế hoạch này.
2. Yêu cầu các sở, ban, ngành: xây dựng kế hoạch của đơn vị, hoàn thành trong tháng 3/2026.
"""
    plan = read_plan(_write(tmp_path, text))
    assert [t.lead_units for t in plan.tasks] == [["Sở Nội vụ"], ["các sở, ban, ngành"]]
    assert plan.tasks[0].coordinating_units == ["Sở Tư pháp"]
    assert plan.tasks[0].content.startswith("Chủ trì, phối hợp với Sở Tư pháp")


def test_bare_chu_tri_and_phoi_hop_labels(tmp_path):
    text = HEAD + """II. NHIỆM VỤ
1. Số hóa hồ sơ giải quyết thủ tục hành chính
- Chủ trì: Văn phòng Sở.
- Phối hợp: Trung tâm Phục vụ hành chính công.
- Thời hạn: Quý IV/2026.
"""
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.lead_units, t.coordinating_units) for t in plan.tasks] == [
        ("Số hóa hồ sơ giải quyết thủ tục hành chính", ["Văn phòng Sở"], ["Trung tâm Phục vụ hành chính công"])]


# A prose plan as a PDF gives it: a page's lines, each bullet wrapped at the right margin; one line ends a
# sentence there and the bullet goes on in capitals, one wraps before «Ủy ban», one cuts «NQ-⏎CP».
PDF_LINES = [
    "II. NHIỆM VỤ", "1. Cải cách thủ tục hành chính",
    "- Ban hành kế hoạch kiểm soát thủ tục hành chính đúng thời hạn và đạt",
    "yêu cầu đề ra trong năm nay, bảo đảm chất lượng và tiến độ thực hiện.",
    "Đề xuất phương án đơn giản hóa thủ tục hành chính đạt trên mười phần",
    "trăm tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của Sở.",
    "- Thường xuyên rà soát bộ thủ tục hành chính, kịp thời tham mưu cho",
    "Ủy ban nhân dân tỉnh ban hành mới, sửa đổi, bổ sung các thủ tục theo",
    "Nghị quyết số 120/2018/NQ-CP của Chính phủ và Nghị quyết số 30/2018/NQ-",
    "CP về tinh giản biên chế trong các đơn vị sự nghiệp công lập của tỉnh.",
    "Văn phòng Sở chủ trì thực hiện nội dung này.",
    "2. Cải cách tài chính công",
    "- Thực hiện cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập",
    "theo đúng quy định hiện hành của Nhà nước về quản lý tài chính công.",
    "Công khai dự toán và quyết toán ngân sách theo quy định hiện hành của",
    "Bộ Tài chính, bảo đảm minh bạch trong thu chi của các đơn vị trực thuộc.",
    "Phòng Kế hoạch - Tài chính chủ trì thực hiện nội dung này.",
    *["Nội dung khác của kế hoạch được viết thành đoạn văn dài trải hết dòng."] * 6,
]


def test_a_prose_plan_reads_as_a_pdf_wraps_it():
    """A bullet wrapped after a full stop («… của Sở.» is not its end when the line runs to the margin) or
    before a capital stays one task (read line by line, the bullets were cut there and 3 tasks of 3 lost);
    the line closing a block is never joined to its last bullet; «NQ-⏎CP» is one word."""
    from plans.paragraphs import paragraphs
    from plans.prose import read_prose

    tasks = read_prose(paragraphs(PDF_LINES, wrapped=True), 2026)[0]
    assert [(t.content.split()[:2], t.content.split()[-2:], t.lead_units) for t in tasks] == [
        (["Ban", "hành"], ["của", "Sở."], ["Văn phòng Sở"]),
        (["Thường", "xuyên"], ["của", "tỉnh."], ["Văn phòng Sở"]),
        (["Thực", "hiện"], ["trực", "thuộc."], ["Phòng Kế hoạch - Tài chính"])]
    assert "30/2018/NQ-CP về" in tasks[1].content


def test_items_naming_their_lead_after_a_colon_are_tasks(tmp_path):
    """«1. Tuyên truyền trên Cổng: Văn phòng Sở chủ trì, thực hiện hằng tháng.» — the lead, the helpers and when,
    in one sentence after the item's title.  Such items were lost without a word beside labelled items
    (2 of 4 tasks read) and made no plan alone."""
    labelled = (
        "II. NỘI DUNG TUYÊN TRUYỀN\n"
        "1. Tuyên truyền các văn bản chỉ đạo về cải cách hành chính.\n"
        "- Đơn vị thực hiện: Văn phòng Sở.\n"
        "- Thời gian: Thường xuyên.\n"
    )
    inline = (
        "III. HÌNH THỨC TUYÊN TRUYỀN\n"
        "1. Tuyên truyền trên Cổng thông tin điện tử của Sở: Văn phòng Sở chủ trì, thực hiện hằng tháng.\n"
        "2. Tổ chức Hội thi tìm hiểu về cải cách hành chính: Phòng Tổ chức cán bộ chủ trì, phối hợp với Công đoàn "
        "ngành; thời gian hoàn thành trong Quý III/2026.\n"
        "3. Mục tiêu: nâng cao nhận thức của cán bộ, công chức.\n"
    )
    expected = [
        ("Tuyên truyền trên Cổng thông tin điện tử của Sở", ["Văn phòng Sở"], [], "recurring", date(2026, 1, 31)),
        ("Tổ chức Hội thi tìm hiểu về cải cách hành chính", ["Phòng Tổ chức cán bộ"], ["Công đoàn ngành"], "quarter",
         date(2026, 9, 30))]
    for text, first in ((labelled + inline, 1), (inline, 0)):
        plan = read_plan(_write(tmp_path, HEAD + text), year=2026)
        assert [(t.content, t.lead_units, t.coordinating_units, t.deadline.kind, t.deadline.due)
                for t in plan.tasks[first:]] == expected
        assert plan.tasks[-1].section_path == ["III. HÌNH THỨC TUYÊN TRUYỀN"]


def test_items_naming_their_lead_in_closing_brackets_are_tasks(tmp_path):
    text = HEAD + (
        "II. NHIỆM VỤ CỤ THỂ\n"
        "1. Rà soát, đánh giá thủ tục hành chính của Sở (Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn; "
        "hoàn thành trong Quý II/2026).\n"
        "2. Công khai thủ tục hành chính trên Cổng dịch vụ công (Văn phòng Sở chủ trì, thực hiện thường xuyên).\n"
        "3. Kiểm tra các đơn vị (Thanh tra Sở chủ trì; tháng 10/2026).\n"
        "4. Tập huấn nghiệp vụ (theo hướng dẫn của Bộ Y tế).\n"
    )
    plan = read_plan(_write(tmp_path, text), year=2026)
    assert [(t.number, t.content, t.lead_units, t.coordinating_units, t.deadline.kind, t.deadline.due)
            for t in plan.tasks] == [
        ("1", "Rà soát, đánh giá thủ tục hành chính của Sở", ["Văn phòng Sở"], ["các phòng chuyên môn"], "quarter",
         date(2026, 6, 30)),
        ("2", "Công khai thủ tục hành chính trên Cổng dịch vụ công", ["Văn phòng Sở"], [], "ongoing", None),
        ("3", "Kiểm tra các đơn vị", ["Thanh tra Sở"], [], "month", date(2026, 10, 31))]


@pytest.mark.parametrize(("lines", "lead", "coordinating", "deadline"), [
    ("- Trách nhiệm thực hiện: Văn phòng Sở.\n- Thời gian: Quý II/2026.", ["Văn phòng Sở"], [], "Quý II/2026"),
    ("- Đơn vị đầu mối: Văn phòng Sở.\n- Tiến độ hoàn thành: Quý II/2026.", ["Văn phòng Sở"], [], "Quý II/2026"),
    ("- Phân công: Văn phòng Sở chủ trì, phối hợp các phòng.\n- Lộ trình: Quý II/2026.", ["Văn phòng Sở"],
     ["các phòng"], "Quý II/2026"),
    ("- Thực hiện: Văn phòng Sở.\n- Thời hạn hoàn thành: Quý II/2026.", ["Văn phòng Sở"], [], "Quý II/2026"),
    ("Giao Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn thực hiện; hoàn thành trong Quý II/2026.",
     ["Văn phòng Sở"], ["các phòng chuyên môn"], "hoàn thành trong Quý II/2026"),
    ("- Giao Văn phòng Sở chủ trì thực hiện trong Quý II/2026.", ["Văn phòng Sở"], [], "trong Quý II/2026"),
    ("- Đơn vị: Văn phòng Sở.\n- Thời gian: Quý II/2026.", ["Văn phòng Sở"], [], "Quý II/2026"),
    ("- Cơ quan: Văn phòng Sở.\n- Thời hạn: Quý II/2026.", ["Văn phòng Sở"], [], "Quý II/2026"),
], ids=["trach-nhiem", "dau-moi-tien-do", "phan-cong-lo-trinh", "thuc-hien", "giao", "giao-bullet", "don-vi",
        "co-quan"])
def test_every_common_label_of_an_item_is_read(tmp_path, lines, lead, coordinating, deadline):
    """Labels and sentences plans use to say who and when: each plan written so was refused."""
    text = (HEAD + "II. NHIỆM VỤ\n1. Rà soát thủ tục hành chính.\n" + lines
            + "\n2. Kiểm tra.\n- Đơn vị chủ trì: Thanh tra Sở.\n")
    plan = read_plan(_write(tmp_path, text), year=2026)
    first = plan.tasks[0]
    assert (first.content, first.lead_units, first.coordinating_units, first.deadline.text, first.deadline.due) == (
        "Rà soát thủ tục hành chính.", lead, coordinating, deadline, date(2026, 6, 30))
    assert [t.lead_units for t in plan.tasks] == [lead, ["Thanh tra Sở"]]


@pytest.mark.parametrize(("header", "product", "context"), [
    ("Kết quả thực hiện", "Báo cáo", ""),  # a plan's: what the task is to produce
    ("Sản phẩm\tKết quả thực hiện", "Kế hoạch", "Kết quả thực hiện: Báo cáo"),  # beside a product: kept as text
])
def test_a_plans_result_column_without_a_status_is_no_result(tmp_path, header, product, context):
    """Only a tracking table (one with a status column) records results; in a plan «Kết quả thực hiện» is as
    before."""
    cells = "Báo cáo" if "\t" not in header else "Kế hoạch\tBáo cáo"
    text = HEAD + f"TT\tNội dung\tChủ trì\tThời gian\t{header}\n1\tRà soát\tVăn phòng Sở\tQuý I/2026\t{cells}\n"
    task = read_plan(_write(tmp_path, text)).tasks[0]
    assert (task.product, task.context, task.reported_result) == (product, context, "")


def test_labelled_items_count_a_deadline_from_the_plans_issue(tmp_path):
    """«Thời gian: Trong 30 ngày kể từ ngày ban hành Kế hoạch» under a labelled item is the head's issue date
    plus 30 days, and the import says how it was counted."""
    plan = tmp_path / "kh.txt"
    plan.write_text("Số: 14/KH-SYT\nHà Nam, ngày 05 tháng 01 năm 2026\n\nKẾ HOẠCH\nTuyên truyền năm 2026\n\n"
                    "II. NHIỆM VỤ\n1. Xây dựng chuyên mục cải cách hành chính\n- Đơn vị chủ trì: Văn phòng Sở\n"
                    "- Thời gian: Trong 30 ngày kể từ ngày ban hành Kế hoạch\n2. Tổ chức hội thi\n"
                    "- Đơn vị chủ trì: Thanh tra Sở\n- Thời gian: Quý III/2026\n", encoding="utf-8")
    read = read_plan(plan)
    assert [(t.deadline.kind, t.deadline.due) for t in read.tasks] == [("date", date(2026, 2, 4)),
                                                                      ("quarter", date(2026, 9, 30))]
    assert [w.kind for w in read.warnings] == ["issue_date_deadline"]


def test_a_block_closed_by_its_lead_takes_the_helpers_and_deadline_the_closing_line_names(tmp_path):
    """«X chủ trì thực hiện nội dung này. Thời gian: …», «X chủ trì, phối hợp với Y thực hiện; hoàn thành …»,
    «X chủ trì thực hiện, báo cáo kết quả hằng quý.»: each closes its block (the plan was refused: the lead line
    had to be alone), and a heading closed at once by its lead is the task itself."""
    text = HEAD + (
        "I. MỤC TIÊU\nNâng cao chỉ số hài lòng.\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Nâng cao chất lượng phục vụ tại Bộ phận Một cửa\n"
        "- Niêm yết công khai thủ tục hành chính.\n"
        "- Bố trí công chức có năng lực tiếp nhận hồ sơ.\n"
        "Văn phòng Sở chủ trì thực hiện nội dung này. Thời gian: Thường xuyên.\n"
        "2. Đẩy mạnh khảo sát ý kiến người dân\n"
        "- Tổ chức khảo sát định kỳ.\n"
        "Phòng Kế hoạch - Tài chính chủ trì, phối hợp với Văn phòng Sở thực hiện; hoàn thành trước ngày 30/11/2026.\n"
        "3. Xử lý phản ánh, kiến nghị\n"
        "Thanh tra Sở chủ trì thực hiện, báo cáo kết quả hằng quý.\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác phòng, đơn vị thuộc Sở triển khai thực hiện Kế hoạch này.\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.number, t.content, t.lead_units, t.coordinating_units, t.deadline.kind, t.deadline.due)
            for t in plan.tasks] == [
        ("1", "Niêm yết công khai thủ tục hành chính.", ["Văn phòng Sở"], [], "ongoing", None),
        ("2", "Bố trí công chức có năng lực tiếp nhận hồ sơ.", ["Văn phòng Sở"], [], "ongoing", None),
        ("1", "Tổ chức khảo sát định kỳ.", ["Phòng Kế hoạch - Tài chính"], ["Văn phòng Sở"], "date",
         date(2026, 11, 30)),
        ("3", "Xử lý phản ánh, kiến nghị", ["Thanh tra Sở"], [], "recurring", date(2025, 3, 31)),
    ]
    assert plan.tasks[0].deadline.text == "Thường xuyên"
    assert plan.tasks[3].section_path == ["II. NHIỆM VỤ, GIẢI PHÁP"]


def test_a_deadline_on_the_line_after_a_blocks_close_is_its_tasks(tmp_path):
    text = HEAD + (
        "II. NHIỆM VỤ\n1. Cải cách thể chế\n- Rà soát văn bản quy phạm pháp luật.\n- Theo dõi thi hành pháp luật.\n"
        "Thanh tra Sở chủ trì thực hiện nội dung này.\nThời gian thực hiện: Quý III/2026.\n"
        "2. Cải cách thủ tục hành chính\n- Công bố thủ tục hành chính.\n"
        "Văn phòng Sở chủ trì thực hiện nội dung này.\n- Thời gian: Thường xuyên.\n"
        "3. Hiện đại hóa\n- Số hóa hồ sơ.\nVăn phòng Sở chủ trì thực hiện nội dung này.\n"
    )
    plan = read_plan(_write(tmp_path, text))
    assert [(t.content, t.lead_units, t.deadline.kind, t.deadline.due) for t in plan.tasks] == [
        ("Rà soát văn bản quy phạm pháp luật.", ["Thanh tra Sở"], "quarter", date(2026, 9, 30)),
        ("Theo dõi thi hành pháp luật.", ["Thanh tra Sở"], "quarter", date(2026, 9, 30)),
        ("Công bố thủ tục hành chính.", ["Văn phòng Sở"], "ongoing", None),
        ("Số hóa hồ sơ.", ["Văn phòng Sở"], "none", None),  # the last block of the plan: closed at its end
    ]


@pytest.mark.parametrize("line", [
    "Văn phòng Sở chủ trì, phối hợp với các phòng theo dõi, đôn đốc việc thực hiện Kế hoạch.",
    "Sở Y tế chủ trì tham mưu UBND tỉnh ban hành quy chế.",
    "2. Văn phòng Sở chủ trì tổ chức tập huấn nghiệp vụ trước ngày 15/12/2025.",
    "1. Giao Sở Y tế chủ trì, phối hợp với các đơn vị thực hiện; hoàn thành trong Quý II/2026.",  # its own item
])
def test_a_sentence_that_goes_on_after_its_lead_closes_no_block(line):
    """A task's own text naming its lead is no closing line: only who leads, helps and when may follow."""
    from plans.prose import _closing

    assert _closing(line) is None
