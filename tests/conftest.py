"""Shared fixtures: the seeds beside the project, fresh registers, small plan files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed(name: str) -> Path:
    """The path of a reference plan in ../shared/seeds, or skip the test saying why."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"reference plan {name} not found: ../shared/seeds is absent beside the project")
    return path


@pytest.fixture
def seed_000() -> Path:
    return seed("000_84ff921fb3b95fc1.txt")


@pytest.fixture
def seed_001() -> Path:
    return seed("001_453ccdb535033752.txt")


@pytest.fixture
def seed_003() -> Path:
    return seed("003_d9866621cc0d09a0.txt")


@pytest.fixture(autouse=True)
def _close_every_database(monkeypatch):
    """Close whatever register a test (or the code under test) opened and left open."""
    import contextlib
    import sqlite3
    import weakref

    import sqlite_utils

    opened: weakref.WeakSet = weakref.WeakSet()
    original = sqlite_utils.Database.__init__

    def tracking(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        opened.add(self)

    monkeypatch.setattr(sqlite_utils.Database, "__init__", tracking)
    yield
    for database in list(opened):
        with contextlib.suppress(sqlite3.ProgrammingError):  # opened in another thread, which closes its own
            database.close()


@pytest.fixture
def fresh_db():
    """An empty register in memory."""
    from db.register import open_register

    db = open_register(memory=True)
    yield db
    db.close()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "register.sqlite"


@pytest.fixture
def demo_plan() -> Path:
    from tui.demo import sample_plan_path

    return sample_plan_path()


def write_plan(folder: Path, name: str, rows: list[list[str]], head: str = "") -> Path:
    """A small tab-separated plan file like the seeds' appendices."""
    header = ["Số TT", "Nội dung", "Sản phẩm", "Phân công thực hiện", "Thời gian hoàn thành"]
    text = head or "Số: 7/KH-SYT\n\nHà Nam, ngày 02 tháng 01 năm 2024\n\nKẾ HOẠCH\nThử nghiệm năm 2024\n\n"
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    path = folder / name
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return path
