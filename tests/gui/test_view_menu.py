"""Presentation scale and theme: View ▸ Zoom and View ▸ Theme keep their choice, and gui.theme
rewrites every font size and the colours the widgets are built with."""
import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from gui import style, theme
from gui.app.view_menu import kept, next_scale
from gui.contrast import AA, hex_rgb, ratio


@pytest.fixture
def restore_style(qapp):
    yield
    theme.apply(1.0, "light", qapp)


def test_zoom_steps_through_the_scales_and_stops_at_the_ends():
    assert next_scale(1.0, 1) == 1.25 and next_scale(1.0, -1) == 0.75
    assert next_scale(theme.SCALES[-1], 1) == theme.SCALES[-1] and next_scale(theme.SCALES[0], -1) == theme.SCALES[0]


def test_flags_win_over_kept_settings_and_a_headless_run_keeps_none(settings):
    settings.setValue("view/scale", 1.5)
    settings.setValue("view/theme", "dark")
    assert kept(settings) == (1.5, "dark")
    assert kept(settings, 1.0, "light") == (1.0, "light")
    assert kept(None) == (1.0, "light")


def test_a_scale_grows_every_font_and_actual_size_restores_it(restore_style):
    theme.apply(1.5, "light")
    assert style.HEATMAP_NUMBER_PT == 12 and "font-size: 16.5pt" in style.HEATMAP_TITLE_CSS
    assert style.CANVAS_NODE_SIZE["eqn"] == (144, 114) and style.CANVAS_THUMB == 42
    theme.apply(1.0, "light")
    assert style.HEATMAP_NUMBER_PT == 8 and style.HEATMAP_TITLE_CSS == "font-size: 11pt;"


def test_the_dark_theme_keeps_text_readable_on_its_backgrounds(restore_style):
    theme.apply(1.0, "dark")
    for text, background in ((style.CANVAS_TEXT, style.CANVAS_BACKGROUND), (style.CANVAS_TEXT, style.CANVAS_NODE_FILL),
                             (style.HEATMAP_BAR_TEXT, style.HEATMAP_BACKGROUND),
                             (style.HEATMAP_MISSING_TEXT, style.HEATMAP_BACKGROUND)):
        assert ratio(hex_rgb(text), hex_rgb(background)) >= AA, (text, background)
    assert "#555" not in style.HEATMAP_FOOTER_CSS


def test_the_view_menu_offers_zoom_keys_and_keeps_the_choice(window):
    actions = {a.text(): a for a in window.findChildren(QAction)}
    assert actions["Zoom in"].shortcut() == QKeySequence("Ctrl+=")
    assert actions["Zoom out"].shortcut() == QKeySequence("Ctrl+-")
    assert actions["Actual size"].shortcut() == QKeySequence("Ctrl+0")
    fonts = {n: [f.pixelSize() for f in item.label_fonts()] for n, item in window.graph_view.scene().nodes.items()}
    point_size = QApplication.font().pointSizeF()
    try:
        actions["Zoom in"].trigger()
        assert float(window.settings.value("view/scale")) == 1.25
        assert QApplication.font().pointSizeF() == 1.25 * point_size   # the app's words grow at once
        # ...and the canvas's labels stay the size of their boxes until the window is next opened
        assert {n: [f.pixelSize() for f in item.label_fonts()]
                for n, item in window.graph_view.scene().nodes.items()} == fonts
        actions["Dark"].trigger()
        assert window.settings.value("view/theme") == "dark" and style.DARK
    finally:
        theme.apply(1.0, "light", QApplication.instance())
