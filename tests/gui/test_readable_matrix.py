"""Every example, at the sizes a lecture is given at, reads: a heatmap whose cells are at least
MIN_CELL_PX shows its numbers, every number contrasts at least 4.5:1 with its own cell, every
other text colour with its background, every title and stats line is whole, and the window's
least size stays within 1024×700.

One window per scale and theme, the examples reloaded into it, so the whole matrix costs seconds."""
import os
import re

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gui import style, theme
from gui.contrast import AA, hex_rgb, ratio
from gui.heatmap.numbers import MIN_CELL_PX
from gui.model.session_file import load_session
from tests.golden.pictures import EXAMPLE_SELECTIONS, EXAMPLES, ROOT

SIZES = [(1280, 800), (1600, 1000)]


@pytest.fixture(scope="module", params=[(1.0, "light"), (1.5, "light"), (1.0, "dark"), (1.5, "dark")],
                ids=lambda p: f"{p[1]}-x{p[0]:g}")
def studio(request, qapp, tmp_path_factory):
    """One window per scale and theme (they are applied before a window is built)."""
    from gui.app.controller import StudioController
    from gui.app.main_window import MainWindow
    theme.apply(*request.param, qapp)
    settings = QSettings(str(tmp_path_factory.mktemp("readable") / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(StudioController("a = randn(2, 2)\nd = a @ a"), settings)
    window.show()
    yield window
    window.close()
    theme.apply(1.0, "light", qapp)


def open_example(window, file, size):
    controller = window.controller
    controller.open_document(load_session(os.path.join(ROOT, EXAMPLES, file)))
    controller.seek(999)
    controller.select_text(EXAMPLE_SELECTIONS[file])
    window.resize(*size)
    for _ in range(3):
        QApplication.processEvents()


def cell_colour(heatmap, row, col):
    """The drawn cell's colour, from the image's own data and levels (NaN: the background)."""
    x = heatmap.image.image[row, col]
    if not np.isfinite(x):
        return QColor(style.HEATMAP_BACKGROUND).getRgbF()[:3]
    low, high = heatmap.image.getLevels()
    where = float(np.clip((x - low) / (high - low), 0, 1))
    return tuple(pg.colormap.get(style.COLORMAP).map(np.array([where]), mode="float")[0][:3])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("file", sorted(EXAMPLE_SELECTIONS))
def test_heatmaps_with_room_show_numbers_that_contrast(studio, file, size):
    open_example(studio, file, size)
    heatmaps = studio.inspector.heatmaps()
    for heatmap in heatmaps:
        labels = heatmap.labels
        if heatmap.array is None or min(labels.cell_pixels()) < MIN_CELL_PX:
            continue
        shown = [item for item in labels.items if item.isVisible()]
        assert len(shown) == heatmap.array.size > 0, f"{file}: {heatmap.title_text} shows no numbers"
        for item, (row, col) in zip(shown, np.ndindex(labels.shape)):
            text = item.textItem.defaultTextColor().getRgbF()[:3]
            assert ratio(text, cell_colour(heatmap, row, col)) >= AA, (file, heatmap.title_text, row, col)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("file", sorted(EXAMPLE_SELECTIONS))
def test_every_title_and_stats_line_is_whole(studio, file, size):
    open_example(studio, file, size)
    for heatmap in studio.inspector.heatmaps():
        assert heatmap.title_width() <= heatmap.title.width(), (file, heatmap.title_text)
        metrics = heatmap.footer.fontMetrics()
        for line in heatmap.footer.text().split("\n"):
            assert metrics.horizontalAdvance(line) <= heatmap.footer.width(), (file, heatmap.title_text, line)


def css_colour(css):
    return QColor(re.search(r"color: (#[0-9a-f]+)", css).group(1)).getRgbF()[:3]


def test_every_text_colour_contrasts_with_its_background(studio):
    window = studio.palette().color(QPalette.ColorRole.Window).getRgbF()[:3]
    css = ("HEATMAP_FOOTER_CSS", "INSPECTOR_NOTE_CSS", "INSPECTOR_HEADING_CSS", "EXPLANATION_HEADING_CSS",
           "EDITOR_HINT_CSS")
    on_window = [css_colour(getattr(style, n)) for n in css]
    on_window.append(studio.palette().color(QPalette.ColorRole.WindowText).getRgbF()[:3])
    for text in on_window:
        assert ratio(text, window) >= AA, text
    for text, back in (("HEATMAP_BAR_TEXT", "HEATMAP_BACKGROUND"), ("HEATMAP_MISSING_TEXT", "HEATMAP_BACKGROUND"),
                       ("PATHS_LINK_TEXT", "HEATMAP_BACKGROUND"),
                       ("CANVAS_TEXT", "CANVAS_NODE_FILL"), ("CANVAS_MUTED_TEXT", "CANVAS_NODE_FILL"),
                       ("CANVAS_MUTED_TEXT", "CANVAS_INPUT_FILL"), ("CANVAS_TEXT", "CANVAS_BACKGROUND")):
        assert ratio(hex_rgb(getattr(style, text)), hex_rgb(getattr(style, back))) >= AA, (text, back)


@pytest.mark.parametrize("file", sorted(EXAMPLE_SELECTIONS))
def test_no_example_makes_the_window_grow(studio, file):
    open_example(studio, file, SIZES[0])
    least = studio.minimumSizeHint()
    assert least.width() <= 1024 and least.height() <= 700, f"{file}: {least.toTuple()}"
    assert studio.size().toTuple() == SIZES[0]
