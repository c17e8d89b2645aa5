"""The CLI's read commands load what they need only, and open the register cheaply (issue: fast as a command)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("textual", "openpyxl", "docx", "pdfplumber", "plans.reader", "db.importer")  # read commands read no plan


@pytest.mark.parametrize("command", [["tasks"], ["report", "--period", "Quý I/2026"], ["units"], ["--help"]])
def test_read_commands_do_not_load_the_interface_or_office_libraries(tmp_path, demo_plan, command):
    db = tmp_path / "r.sqlite"
    subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(db), "import", str(demo_plan)], cwd=ROOT,
                   check=True, capture_output=True)
    probe = (
        f"import sys, runpy; sys.argv = ['theodoi', '--db', {str(db)!r}, *{command!r}]\n"
        "try:\n    runpy.run_module('tui.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        f"print('LOADED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True).stdout
    assert output.strip().endswith("LOADED:"), output[-300:]


def test_help_loads_nothing_of_the_register():
    """`theodoi --help` costs Python and click only (about twice a bare Python that opens a file)."""
    probe = ("import sys, runpy; sys.argv = ['theodoi', '--help']\n"
             "try:\n    runpy.run_module('tui.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print('LOADED:' + ','.join(m for m in ('sqlite_utils', 'pendulum', 'db.filters', 'db.register') "
             "if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True).stdout
    assert "Cách dùng: theodoi" in output and output.strip().endswith("LOADED:"), output[-300:]


def test_a_read_only_register_can_still_be_read(tmp_path, demo_plan):
    import sqlite3

    from db.register import open_register

    db_path = tmp_path / "r.sqlite"
    open_register(db_path).close()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    db_path.chmod(0o444)
    try:
        db = open_register(db_path, reading=True)
        assert db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0
        db.close()
    finally:
        db_path.chmod(0o644)


def test_another_programs_database_is_refused_untouched(tmp_path):
    import sqlite3

    from db.register import RegisterError, open_register

    path = tmp_path / "khac.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(RegisterError, match="chương trình khác"):
        open_register(path, reading=True)
    assert path.read_bytes() == before
