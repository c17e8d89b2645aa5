"""The interface from `python` to its first screen, as one process: `python -m bench.first_screen REGISTER`.

Run by `bench.processes` beside the commands: imports, opening the register, the main screen's first page
and a frame drawn (headless, by Textual's Pilot), then the app closes.  `bench.run` times the same start
in-process, after the imports.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

from tui.app import build_app


async def first_screen(register: Path) -> None:
    app = build_app(register, date(2026, 12, 5))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.exit()


if __name__ == "__main__":
    asyncio.run(first_screen(Path(sys.argv[1])))
