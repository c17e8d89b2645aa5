"""Synthetic plans and registers for the benchmarks: realistic Vietnamese tasks at any size.

`appendix_text(n)` writes a plan whose appendix has n task rows in the seeds'
tab-separated format (sections, sub-groups, every deadline form, assignment
cells in both styles).  `build_register(path, n)` imports such plans (in
plans of at most 5,000 tasks, as a department's years of plans would be)
and records statuses, progress notes and history on a share of the tasks.
"""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from db.edits import set_status, update_task
from db.importer import import_plan
from db.register import open_register
from plans.reader import read_plan

UNITS = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính",
         "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Quản lý hành nghề",
         "Chi cục Dân số - Kế hoạch hóa gia đình",
         "Chi cục An toàn vệ sinh thực phẩm", "Trung tâm Kiểm soát bệnh tật", "Bệnh viện Đa khoa tỉnh",
         "Trung tâm Y tế huyện Lục Ngạn", "các đơn vị trực thuộc", "các phòng chuyên môn Sở"]
VERBS = ["Rà soát", "Xây dựng", "Triển khai", "Tổ chức", "Kiểm tra", "Cập nhật", "Tập huấn", "Đánh giá", "Báo cáo",
         "Số hóa", "Công khai", "Tuyên truyền"]
OBJECTS = ["thủ tục hành chính lĩnh vực dược", "quy trình nội bộ giải quyết hồ sơ", "bệnh án điện tử",
           "văn bản quy phạm pháp luật", "cơ chế một cửa liên thông", "chỉ số hài lòng của người dân",
           "hệ thống quản lý chất lượng ISO", "dịch vụ công trực tuyến toàn trình", "vị trí việc làm",
           "kế hoạch kiểm tra cải cách hành chính"]
PRODUCTS = ["Báo cáo", "Quyết định", "Kế hoạch", "Văn bản chỉ đạo", "Kết quả khảo sát", "Hội nghị"]
SECTIONS = ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy",
            "Cải cách chế độ công vụ", "Cải cách tài chính công", "Xây dựng chính quyền số",
            "Công tác chỉ đạo, điều hành"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]


def _deadline(rng: random.Random, year: int) -> str:
    return rng.choice([
        f"Quý {rng.choice(['I', 'II', 'III', 'IV'])}/{year}", f"Tháng {rng.randint(1, 12):02d}/{year}",
        "Thường xuyên", "Hàng tháng", "Hàng quý", f"6 tháng đầu năm {year}", f"Năm {year}",
        "Theo tiến độ phê duyệt", f"Trước ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}",
        f"Chậm nhất trong quý {rng.choice(['II', 'III'])}/{year}", "Theo Kế hoạch",
    ])


def _assignment(rng: random.Random) -> str:
    lead, *others = rng.sample(UNITS, 3)
    if rng.random() < 0.5:
        return f"{lead} chủ trì, phối hợp với {', '.join(others)}"
    return ", ".join([lead, *others])


def appendix_text(n: int, year: int = 2026, number: int = 1, seed: int = 7) -> str:
    rng = random.Random(seed + number)
    head = (f"Số: {number}/KH-SYT\n\nAn Hòa, ngày 05 tháng 01 năm {year}\n\nKẾ HOẠCH\n"
            f"Cải cách hành chính của Sở Y tế năm {year} (số {number})\n\n")
    lines = ["\t".join(["Số TT", "Nội dung", "Sản phẩm", "Phân công thực hiện", "Thời gian hoàn thành"])]
    per_section = max(1, n // len(SECTIONS))
    written = 0
    for index, section in enumerate(SECTIONS):
        lines.append(f"{ROMAN[index]}. {section}\t\t\t\t")
        count = per_section if index < len(SECTIONS) - 1 else n - written
        for item in range(1, count + 1):
            content = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} (nội dung {number}.{index + 1}.{item})"
            lines.append("\t".join([str(item), content, rng.choice(PRODUCTS), _assignment(rng), _deadline(rng, year)]))
            if item % 40 == 0:
                lines.append("\t".join(lines[0].split("\t")))  # a header repeated at a page break
        written += count
    return head + "\n".join(lines) + "\n"


def write_appendix(folder: Path, n: int, number: int = 1, year: int = 2026) -> Path:
    path = folder / f"ke-hoach-{number}-{n}.txt"
    path.write_text(appendix_text(n, year, number), encoding="utf-8")
    return path


def build_register(path: Path, n: int, seed: int = 11) -> Path:
    """A register of n tasks over several plans, with a year of follow-up on a quarter of them."""
    rng = random.Random(seed)
    db = open_register(path)
    folder = Path(tempfile.mkdtemp(prefix="theodoi-bench-"))
    per_plan = 5000
    for number in range(1, n // per_plan + 2):
        size = min(per_plan, n - (number - 1) * per_plan)
        if size <= 0:
            break
        import_plan(db, read_plan(write_appendix(folder, size, number, 2026 - (number - 1) % 4)))
    ids = [r[0] for r in db.execute("SELECT id FROM tasks").fetchall()]
    done = rng.sample(ids, len(ids) // 5)
    for start in range(0, len(done), 1000):
        day = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
        set_status(db, done[start:start + 1000], "hoàn thành", completed_on=day)
    for task_id in rng.sample(ids, len(ids) // 20):
        update_task(db, task_id, {"status": "đang thực hiện", "progress_note": "Đang tổng hợp số liệu."})
    db.close()
    return path
