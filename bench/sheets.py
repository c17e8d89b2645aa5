"""Sending and collecting sheets at a real Sở's size, timed as whole `theodoi` processes.

    python -m bench.sheets

A plan of 400 tasks led by 40 units is imported; then `theodoi send --each-unit` writes 40 sheets and 40
drafts (budget 3 s), each sheet gets a result typed in, and `theodoi receive FOLDER --yes` takes the 40 back in
one step (budget 5 s).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
UNITS = 40


def plan_text() -> str:
    rows = [f"{n}\tNhiệm vụ số {n} của kế hoạch\tPhòng số {n % UNITS + 1}\tQuý {n % 4 + 1}/2026"
            for n in range(1, UNITS * 10 + 1)]
    head = "Số: 9/KH-SYT\tAn Hòa, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nThử năm 2026\n"
    return head + "STT\tNội dung\tChủ trì\tThời gian\n" + "\n".join(rows) + "\n"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        plan = folder / "kh.txt"
        plan.write_text(plan_text(), encoding="utf-8")
        theodoi = [sys.executable, "-m", "tui.cli", "--db", str(folder / "so.sqlite"), "--today", "2026-11-23"]
        subprocess.run([*theodoi, "import", str(plan)], check=True, capture_output=True, cwd=ROOT)
        out = folder / "thu"
        send = timed([*theodoi, "send", "--each-unit", "-o", str(out)])
        sheets = sorted(out.glob("*.xlsx"))
        for sheet in sheets:
            book = openpyxl.load_workbook(sheet)
            ws = book["Nhiệm vụ"]
            for row in ws.iter_rows(min_row=7):
                if len(row) >= 10 and row[9].value:
                    ws[f"I{row[0].row}"] = "Đã triển khai"
            book.save(sheet)
        for draft in out.glob("*.eml"):
            draft.unlink()
        receive = timed([*theodoi, "receive", str(out), "--yes"])
        print(f"thư nháp cho {len(sheets)} đơn vị: {send:.2f} s (mục tiêu < 3 s)")
        print(f"nhận thư mục {len(sheets)} phiếu: {receive:.2f} s (mục tiêu < 5 s)")


if __name__ == "__main__":
    main()
