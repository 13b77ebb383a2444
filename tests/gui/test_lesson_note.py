"""The inspector's one line when G hides the program's structure, and its link to a random G,
used as a user does: step, read, click the link."""
import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from gui.model import upstream


def note_of(window):
    return window.findChild(QLabel, "lesson_note")


def click_link(qtbot, label):
    """Click the link that ends the note's text."""
    plain = label.toolTip() + " use a random G"
    x = label.contentsRect().left() + label.fontMetrics().horizontalAdvance(plain) - 8
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, label.height() // 2))


def test_the_seed_with_ones_says_the_rows_are_alike_and_a_click_applies_a_random_g(qtbot, window, controller):
    controller.seek(6)
    note = note_of(window)
    qtbot.waitUntil(note.isVisible)
    assert note.toolTip() == "∂L/∂a: every row alike, because G = ones (L = sum)"
    with qtbot.waitSignal(controller.pass_recomputed):
        click_link(qtbot, note)
    assert controller.shown.document.upstream_origin == "random"
    grad_a = controller.session.grad("a")[0]
    assert not np.allclose(grad_a[0], grad_a[1]) and not note.isVisible()
    d = controller.session.records.values["d"]
    np.testing.assert_array_equal(controller.session.upstream, upstream.preset_upstream("random", d, 0))


def test_the_note_keeps_the_windows_minimum_height_within_700(qtbot, window, controller):
    controller.seek(6)
    qtbot.waitUntil(note_of(window).isVisible)
    assert window.minimumSizeHint().height() <= 700


def test_softmax_alone_says_why_its_gradient_is_zero(qtbot, window, controller):
    controller.apply_text("x = randn(2, 3)\np = softmax(x, axis=1)")
    controller.to_end()
    note = note_of(window)
    qtbot.waitUntil(note.isVisible)
    assert "each row of softmax sums to 1, so ∂(sum)/∂x = 0" in note.text()
