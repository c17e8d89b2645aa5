"""Peak memory of the interface and of an export on the 100,000-task register, each in its own process.

`python -m bench.memory` (after `python -m bench.run` has generated bench/out/register-100000.sqlite).
"""

from __future__ import annotations

import subprocess
import sys

from bench.run import register_of

INTERFACE = """
import asyncio, resource, sys
from datetime import date
from pathlib import Path
from db.filters import TaskFilter
from tui.app import build_app
async def main():
    app = build_app(Path(sys.argv[1]), date(2026, 11, 22))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for flt in [TaskFilter(unit="van phong so"), TaskFilter(search="benh an"), TaskFilter()]:
            app.main_screen.set_filter(flt)
            await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
    app.db.close()
asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

EXPORT = """
import resource, sys, tempfile
from datetime import date
from pathlib import Path
from db.register import open_register
from db.filters import TaskFilter
from exports.view import export_view
export_view(open_register(Path(sys.argv[1])), TaskFilter(), Path(tempfile.mkdtemp()) / "x.xlsx", date(2026, 11, 22))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def peak(script: str, path: str) -> str:
    out = subprocess.run([sys.executable, "-c", script, path], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    path = str(register_of(100_000))
    print("| Bộ nhớ tối đa, 100.000 nhiệm vụ | MB |")
    print("|---|---:|")
    print(f"| Giao diện: mở, lọc, tìm, màn hình báo cáo | {peak(INTERFACE, path)} |")
    print(f"| Xuất Excel toàn bộ 100.000 dòng | {peak(EXPORT, path)} |")


if __name__ == "__main__":
    main()
