"""Pictures of the screens the officer sees, at 120×36 and at 80×24."""

from datetime import date, datetime

import pytest

import db.clock
import db.register
from tui.app import build_app
from tui.demo import build_demo_register

TODAY = date(2026, 11, 22)
SIZES = [(120, 36), (80, 24)]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(db.clock, "CLOCK", lambda: datetime(2026, 11, 22, 9, 30))


async def settled(pilot) -> None:
    """Let the count worker answer before the picture is taken."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def pressing(*keys: str):
    """Press `keys`, then wait for the workers they start."""

    async def run(pilot) -> None:
        await pilot.press(*keys)
        await settled(pilot)

    return run


@pytest.fixture
def demo_app(tmp_path):
    return build_app(build_demo_register(tmp_path, TODAY), TODAY)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_detail_pane_of_an_overdue_task(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=pressing("2"))


@pytest.mark.parametrize("size", SIZES)
def test_status_form(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=pressing("down", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_welcome_screen(snap_compare, tmp_path, size):
    assert snap_compare(build_app(tmp_path / "new.sqlite", TODAY), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_report_screen(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=pressing("r"))


@pytest.mark.parametrize("size", SIZES)
def test_units_screen(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=pressing("U"))
