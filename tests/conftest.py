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
