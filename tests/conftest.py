"""Shared test helpers: where the project's folders are."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture
def root() -> Path:
    """The project's top folder."""
    return ROOT
