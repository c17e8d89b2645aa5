"""Old Office formats (.doc, .xls) and OpenDocument/RTF through LibreOffice, when it is installed.

`soffice` is looked for on PATH and in the usual install folders.  It runs
headless with a throw-away profile (so it neither needs nor disturbs the
officer's own LibreOffice), under a time limit, and its output file must
exist: soffice exits 0 even when it converted nothing.  Without LibreOffice
the officer is told how to save the file as .docx/.xlsx from Word or Excel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from plans.model import PlanReadError
from plans.os_errors import os_reason

#: suffix -> (format LibreOffice converts to, the suffix we then read)
CONVERTIBLE: dict[str, str] = {".doc": "docx", ".rtf": "docx", ".odt": "docx", ".xls": "xlsx", ".ods": "xlsx"}
_INSTALL_FOLDERS = (
    "/usr/bin", "/usr/local/bin", "/opt/libreoffice/program", "/usr/lib/libreoffice/program",
    "/Applications/LibreOffice.app/Contents/MacOS",
    r"C:\Program Files\LibreOffice\program", r"C:\Program Files (x86)\LibreOffice\program",
)
_TIME_LIMIT = 90


def advice(kind: str) -> str:
    """What to do with a file theodoi reads only through LibreOffice."""
    target = "Excel Workbook (.xlsx)" if kind == "xlsx" else "Word Document (.docx)"
    program = "Excel" if kind == "xlsx" else "Word"
    return (f"Mở tệp bằng {program} hoặc LibreOffice, chọn Lưu thành › {target}, rồi nhập tệp đó "
            "(hoặc cài LibreOffice để theodoi tự chuyển).")


def find_soffice() -> str | None:
    """The LibreOffice program, or None."""
    override = os.environ.get("THEODOI_SOFFICE")
    if override is not None:
        return override if override and Path(override).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for folder in _INSTALL_FOLDERS:
        for name in ("soffice", "soffice.exe"):
            candidate = Path(folder) / name
            if candidate.exists():
                return str(candidate)
    return None


def convert(data: bytes, name: str, suffix: str) -> bytes:
    """The file converted to .docx/.xlsx by LibreOffice, or PlanReadError saying what to do."""
    kind = CONVERTIBLE[suffix]
    soffice = find_soffice()
    if soffice is None:
        raise PlanReadError(f"tệp {suffix} cần LibreOffice để đọc, máy này chưa có. {advice(kind)}", source=name)
    with tempfile.TemporaryDirectory(prefix="theodoi-convert-") as folder:
        work = Path(folder)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", kind, "--outdir", str(work / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=_TIME_LIMIT, check=False)
        except subprocess.TimeoutExpired as error:
            raise PlanReadError(f"LibreOffice không chuyển xong tệp trong {_TIME_LIMIT} giây. {advice(kind)}",
                                source=name) from error
        except OSError as error:
            raise PlanReadError(f"không chạy được LibreOffice ({os_reason(error)}). {advice(kind)}",
                                source=name) from error
        output = work / "out" / f"input.{kind}"
        if not output.exists() or output.stat().st_size == 0:
            raise PlanReadError(f"LibreOffice không chuyển được tệp (tệp hỏng?). {advice(kind)}", source=name)
        return output.read_bytes()
