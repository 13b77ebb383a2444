import pytest

from gui.controller import StudioController

SEED_TEXT = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"


@pytest.fixture
def controller(qapp):
    return StudioController(SEED_TEXT)
