"""The inspector's one line when G hides the program's structure, and its link to a random G,
used as a user does: step, read, click the link."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gui.model import upstream


def note_of(window):
    return window.findChild(QWidget, "lesson_note")


def test_the_seed_with_ones_says_the_rows_are_alike_and_a_click_applies_a_random_g(qtbot, window, controller):
    controller.seek(6)
    note = note_of(window)
    qtbot.waitUntil(note.isVisible)
    assert note.text.toolTip() == "∂L/∂a: every row alike, because G = ones (L = sum)"
    assert note.link.text().endswith(">use a random G</a>")
    with qtbot.waitSignal(controller.pass_recomputed):
        qtbot.mouseClick(note.link, Qt.MouseButton.LeftButton, pos=note.link.rect().center())
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
    assert note.text.toolTip() == "Each row of softmax sums to 1, so with G = ones ∂L/∂x = ∂(sum)/∂x = 0"


def test_a_long_note_is_cut_and_its_link_stays_in_sight(qtbot, window, controller):
    window.resize(1024, 700)
    controller.apply_text("x = randn(3, 4)\nW = randn(4, 3)\np = softmax(x @ W, axis=1)")
    controller.to_end()
    note = note_of(window)
    qtbot.waitUntil(note.isVisible)
    assert note.text.text().endswith("…") and note.text.toolTip().endswith("∂L/∂W is all 0")
    assert note.link.geometry().right() <= note.width() and note.link.isVisible()
