"""The layers stay apart: plans/ and db/ never load Textual; exports/ never loads the interface."""

import subprocess
import sys

from tests.conftest import ROOT

CHECK = """
import importlib, pkgutil, sys
for package in ("plans", "db", "exports"):
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(module.__path__):
        importlib.import_module(f"{package}.{info.name}")
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "tui"))
print(",".join(loaded))
"""


def test_core_loads_without_the_interface():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


def test_plans_know_nothing_of_the_database():
    check = CHECK.replace('("plans", "db", "exports")', '("plans",)').replace(
        '("textual", "tui")', '("textual", "tui", "db", "sqlite_utils", "exports")')
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""
