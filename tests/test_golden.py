"""The window in named states still looks as its golden pictures (tests/golden/pictures.py says
how they are made, regenerated, and the tolerance)."""
import os

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.golden import pictures


def pixels(path):
    """(height, width, 3) uint8 RGB of a PNG."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), path
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def differing_share(a, b):
    """The share of pixels whose channels differ by more than the tolerance somewhere."""
    assert a.shape == b.shape, f"sizes differ: {a.shape} vs {b.shape}"
    far = np.abs(a.astype(int) - b.astype(int)).max(axis=2) > pictures.TOLERANCE
    return far.mean()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return pictures.render_all(list(pictures.CASES), str(tmp_path_factory.mktemp("golden")))


@pytest.mark.parametrize("name", list(pictures.CASES))
def test_the_window_looks_as_its_golden_picture(rendered, name):
    share = differing_share(pixels(rendered[name]), pixels(pictures.golden_path(name)))
    assert share <= pictures.MAX_DIFFERENT, f"{name}: {share:.2%} of the pixels differ"


def test_a_moved_widget_is_caught(tmp_path):
    """The comparison itself fails on a real change: one picture shifted by 40 pixels."""
    golden = pixels(pictures.golden_path("readme-seed-step6"))
    assert differing_share(np.roll(golden, 40, axis=1), golden) > pictures.MAX_DIFFERENT


def test_every_example_has_a_golden_picture():
    examples = os.listdir(os.path.join(pictures.ROOT, pictures.EXAMPLES))
    assert sorted(pictures.EXAMPLE_SELECTIONS) == sorted(examples)
