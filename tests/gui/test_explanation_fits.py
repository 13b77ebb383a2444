"""At 1600×1000 the Explanation dock shows the seed's worked entry, its matrix rule and the
predict-first field at once: none of them needs the dock to be scrolled."""
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea


@pytest.fixture
def studio(shown, controller):
    """The window at 1600×1000 on the seed, Predict first on (from the toolbar)."""
    from gui.app.main_window import MainWindow
    window = shown(MainWindow(controller, None), (1600, 1000))
    window.actions["predict"].trigger()
    return window


def select(window, steps, entry):
    window.controller.seek(steps)
    window.controller.select_text(entry)
    for _ in range(3):   # the layouts settle
        QApplication.processEvents()


def in_sight(widget, scroll):
    """Shown and whole within the scroll area's viewport, scrolled as it is now."""
    viewport = scroll.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return widget.isVisible() and top >= 0 and top + widget.height() <= viewport.height()


def test_the_worked_entry_its_rule_and_the_prediction_show_without_scrolling(studio):
    select(studio, 999, "grad a[0,0]")
    panel = studio.explanation
    scroll = panel.findChild(QScrollArea)
    assert scroll.verticalScrollBar().value() == 0
    assert "∂L/∂a = ∂L/∂d @ bᵀ" in panel.matrix.text()
    assert panel.scalar.text().startswith("∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ = ")
    assert panel.predict.question.text() == "Your prediction of ∂L/∂a₁₁"
    for widget in (panel.heading, panel.predict, panel.matrix.parentWidget(), panel.scalar.parentWidget()):
        assert in_sight(widget, scroll), (type(widget).__name__, widget.geometry())


def test_the_question_and_its_field_show_without_scrolling(studio):
    select(studio, 0, "grad a[0,0]")
    panel = studio.explanation
    scroll = panel.findChild(QScrollArea)
    assert panel.heading.text() == "∂L/∂a₁₁ = ?" and panel.predict.value.isEnabled()
    for widget in (panel.heading, panel.predict.value, panel.predict.check, panel.matrix.parentWidget()):
        assert in_sight(widget, scroll), (type(widget).__name__, widget.geometry())
