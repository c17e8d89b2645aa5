"""How long reading a plan takes, as the officer waits: a whole `python` process per file.

    python -m bench.plans

Each case is timed as a whole process (`python -c "read_plan(...)"`) against the floor, a bare Python
process that reads the same file's bytes; medians of 5.  Cases:

* a 60-page prose plan (labelled items and per-unit responsibilities, generated from the patterns real
  plans use; budget 1 s);
* a table of 20 tasks whose cells are lists thousands long (`crowded_cells_plan`; linear in the cells' length,
  budget 1.5 s: 1.2 s measured);
* one paragraph of 8,000 lines (`long_paragraph_plan`; budget 1 s);
* the 19-page signed PDF of seed 001 and its .docx (budgets 2 s and 0.3 s to read, beyond start-up),
  when ../shared/formats is beside the project.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT.parent / "shared" / "formats"
RUNS = 5


def prose_plan(pages: int = 60) -> str:
    """A prose plan of about `pages` A4 pages (≈ 50 lines a page)."""
    head = ("Số: 12/KH-UBND\tAn Hòa, ngày 02 tháng 01 năm 2026\n\nKẾ HOẠCH\n\nTRIỂN KHAI NHIỆM VỤ NĂM 2026\n\n"
            "II. NHIỆM VỤ\n")
    items = []
    for index in range(1, pages * 5):
        items.append(
            f"{index}. Về lĩnh vực số {index}\n"
            f"a) Nhiệm vụ: Rà soát, hoàn thiện cơ sở dữ liệu chuyên ngành số {index}, bảo đảm kết nối,\n"
            "chia sẻ dữ liệu thông suốt giữa các cơ quan trong hệ thống chính trị của tỉnh.\n"
            "b) Cơ quan thực hiện:\n- Đơn vị chủ trì: Sở Khoa học\nvà Công nghệ.\n"
            "- Đơn vị phối hợp: Các Sở, ban,\nngành, UBND xã, phường.\n"
            f"c) Thời gian thực hiện: Quý {1 + index % 4}/2026.\n")
    return head + "".join(items) + "III. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ theo dõi, đôn đốc.\n"


def crowded_cells_plan(tasks: int = 20) -> str:
    """A table whose cells are lists thousands long, as a hostile or broken file gives them: 3,000 dates in a
    deadline cell, 2,000 roles in an assignment cell (each was read in quadratic time once: 2 s and 27 s a cell)."""
    head = "Số: 13/KH-SYT\tAn Hòa, ngày 02 tháng 01 năm 2026\n\nKẾ HOẠCH\n\nNĂM 2026\n\n"
    rows = ["STT\tNội dung\tPhân công thực hiện\tThời gian hoàn thành"]
    units, dates = "Sở A phối hợp với Sở B chủ trì " * 2000, ", ".join(["15/6"] * 3000)
    rows += [f"{index}\tNhiệm vụ {index}\t{units}\t{dates}" for index in range(1, tasks + 1)]
    return head + "\n".join(rows) + "\n"


def long_paragraph_plan(lines: int = 8000) -> str:
    """A prose plan whose one paragraph runs over `lines` lines (a broken export, or a hostile file): it was
    joined again at each line, 5.8 s for 8,000."""
    head = "Số: 14/KH-SYT\tAn Hòa, ngày 02 tháng 01 năm 2026\n\nKẾ HOẠCH\n\nNĂM 2026\n\nII. NHIỆM VỤ\n"
    return head + "- " + "\n".join(["rà soát văn bản quy phạm pháp luật thuộc lĩnh vực y tế trên địa bàn"] * lines) \
        + "\nVăn phòng Sở chủ trì thực hiện nội dung này.\n"


def _median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(path: Path) -> tuple[float, float, int]:
    """(seconds to read the plan, seconds of the floor, tasks found)."""
    code = f"from plans.reader import read_plan; print(len(read_plan({str(path)!r}).tasks))"
    tasks = int(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                               cwd=ROOT).stdout)
    floor = _median_seconds([sys.executable, "-c", f"open({str(path)!r}, 'rb').read()"])
    return _median_seconds([sys.executable, "-c", code]), floor, tasks


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        prose = Path(folder) / "van-xuoi-60-trang.txt"
        prose.write_text(prose_plan(), encoding="utf-8")
        crowded = Path(folder) / "o-rat-dai.txt"
        crowded.write_text(crowded_cells_plan(), encoding="utf-8")
        paragraph = Path(folder) / "doan-dai.txt"
        paragraph.write_text(long_paragraph_plan(), encoding="utf-8")
        cases = [("60 trang văn xuôi (.txt)", prose), ("20 ô danh sách hàng nghìn mục", crowded),
                 ("một đoạn 8.000 dòng", paragraph)]
        cases += [(name, FORMATS / name) for name in ("001_landscape.signed.pdf", "001_official.docx")
                  if (FORMATS / name).exists()]
        print(f"{'tệp':32} {'đọc (s)':>8} {'nền (s)':>8} {'riêng phần đọc':>15} {'nhiệm vụ':>9}")
        for label, path in cases:
            seconds, floor, tasks = measure(path)
            print(f"{label:32} {seconds:8.2f} {floor:8.2f} {seconds - floor:15.2f} {tasks:9}")


if __name__ == "__main__":
    main()
