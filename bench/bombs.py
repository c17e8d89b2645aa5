"""Hostile files against `theodoi import` and `theodoi receive`: each must be refused in Vietnamese,
exit 2, in under 2 s and 200 MB (whole process, peak resident memory by GNU time -v: `apt-get install time`).

    python -m bench.bombs

The files are made here, small on disk: a sheet with one cell at XFD1048576, a zip whose members unpack
to 200 MB, a sheet of 30,000 rows, a cell of 60 MB, a symlink to /dev/zero and a FIFO named like a plan.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet '
               'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook '
             'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
                  'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                  'Target="worksheets/sheet1.xml"/></Relationships>')


def _xlsx(path: Path, rows: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("xl/workbook.xml", _WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/worksheets/sheet1.xml", _SHEET_HEAD + rows + _SHEET_TAIL)
    return path


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def make_bombs(folder: Path) -> dict[str, Path]:
    header = '<row r="1">' + "".join(_cell(f"{c}1", t) for c, t in zip("ABC", ("STT", "Nội dung", "Chủ trì"),
                                                                          strict=True)) + "</row>"
    bombs = {
        "một ô ở XFD1048576": _xlsx(folder / "xfd.xlsx", header + f'<row r="1048576">{_cell("XFD1048576", "x")}</row>'),
        "giải nén ra 200 MB": _xlsx(folder / "zip.xlsx", header + f'<row r="2">{_cell("B2", "x" * 200_000_000)}</row>'),
        "30.000 dòng": _xlsx(folder / "rows.xlsx", header + "".join(
            f'<row r="{n}">{_cell(f"A{n}", str(n))}{_cell(f"B{n}", "Rà soát")}</row>' for n in range(2, 30_002))),
    }
    zero = folder / "zero.txt"
    zero.symlink_to("/dev/zero")
    bombs["liên kết tới /dev/zero"] = zero
    fifo = folder / "plan.txt"
    os.mkfifo(fifo)
    bombs["FIFO mang tên plan.txt"] = fifo
    return bombs


def run(command: list[str]) -> tuple[int, float, float, str]:
    """(exit status, seconds, peak MB, last line of its error output), measured by GNU time -v."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, timeout=60, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak = next((int(line.split(":")[1]) for line in done.stderr.splitlines()
                 if "Maximum resident set size" in line), 0) / 1024
    ours = [line for line in done.stderr.split("\tCommand being timed")[0].splitlines()
            if line.strip() and not line.startswith("Command exited")]
    lines = ours or done.stdout.strip().splitlines()
    return done.returncode, seconds, peak, lines[-1] if lines else ""


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "so.sqlite"
        theodoi = [sys.executable, "-m", "tui.cli", "--db", str(db)]
        subprocess.run([*theodoi, "import", str(ROOT / "plans" / "samples" / "ke-hoach-cchc-2026.txt")],
                       check=True, capture_output=True, cwd=ROOT)
        print(f"{'tệp':26} {'lệnh':8} {'mã':>3} {'giây':>6} {'MB':>6}  thông báo")
        for label, path in make_bombs(folder).items():
            for verb in ("import", "receive"):
                code, seconds, peak, message = run([*theodoi, verb, str(path)])
                print(f"{label:26} {verb:8} {code:>3} {seconds:6.2f} {peak:6.0f}  {message[:90]}")


if __name__ == "__main__":
    main()
