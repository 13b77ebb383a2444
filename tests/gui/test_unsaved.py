"""Unsaved changes: the title's dirty mark, and the question before closing, New, Open and Examples."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.app.examples_menu import examples
from gui.resources import resource
from tests.gui.dialogs_helpers import answer_next_question

Button = QMessageBox.StandardButton


def edit(window):
    window.controller.set_input("a", np.ones((2, 2)))


def test_the_dirty_mark_appears_after_an_edit_and_goes_after_save(window, tmp_path):
    assert window.windowTitle() == "Untitled — Backprop Studio"
    edit(window)
    assert window.windowTitle() == "Untitled * — Backprop Studio"
    assert window.files.save_to(str(tmp_path / "lesson.json"))
    assert window.windowTitle() == "lesson.json — Backprop Studio"


def test_ctrl_q_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, qtbot):
    edit(window)
    seen = []
    answer_next_question(qtbot, Button.Cancel, seen)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert seen and "Save the changes" in seen[0]
    assert window.isVisible() and window.controller.shown.document.inputs["a"][0, 0] == 1.0
    window.activateWindow()   # back from the dialog
    qtbot.waitUntil(window.isActiveWindow)
    answer_next_question(qtbot, Button.Discard)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_ctrl_q_without_changes_quits_without_asking(window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked")))
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_new_asks_and_cancel_keeps_everything(window, qtbot):
    edit(window)
    text = window.controller.text
    answer_next_question(qtbot, Button.Cancel)
    window.actions["new"].trigger()
    assert window.controller.text == text and "*" in window.windowTitle()
    answer_next_question(qtbot, Button.Discard)
    window.actions["new"].trigger()
    assert window.controller.text == "" and window.controller.shown.session is None
    assert window.windowTitle() == "Untitled — Backprop Studio"


def test_save_in_the_question_saves_before_replacing(window, qtbot, tmp_path):
    path = tmp_path / "kept.json"
    assert window.files.save_to(str(path))
    edit(window)
    answer_next_question(qtbot, Button.Save)
    window.actions["new"].trigger()
    assert '"values": [[1.0, 1.0], [1.0, 1.0]]' in path.read_text()
    assert window.controller.text == ""


def test_examples_lists_every_file_titled_and_opens_one_after_asking(window, qtbot):
    window.examples.fill()
    titles = [a.text() for a in window.examples.menu.actions()]
    assert titles == [t for t, _ in examples(resource("examples"))]
    assert "Layer norm" in titles and "seed.txt" in titles and "seed_step6.json" in titles
    assert len(titles) == len([n for n in __import__("os").listdir(resource("examples"))])
    edit(window)
    layer_norm = window.examples.menu.actions()[titles.index("Layer norm")]
    answer_next_question(qtbot, Button.Cancel)
    layer_norm.trigger()
    assert window.controller.text.startswith("a = ")
    answer_next_question(qtbot, Button.Discard)
    layer_norm.trigger()
    assert window.controller.text.startswith("# Layer norm")


def test_a_session_example_is_titled_by_its_title_field(tmp_path):
    (tmp_path / "a.json").write_text('{"title": "Two layers, step 4"}')
    (tmp_path / "b.txt").write_text("d = a + b\n")
    assert examples(str(tmp_path)) == [("Two layers, step 4", str(tmp_path / "a.json")),
                                       ("b.txt", str(tmp_path / "b.txt"))]


def test_the_open_dialog_shows_sessions_and_expressions_together():
    from gui.app.files import FILTER
    assert FILTER.split(";;")[0] == "Sessions and expressions (*.json *.txt)"


def test_a_broken_expression_opens_with_its_own_error_and_an_empty_graph(qapp):
    import main
    args = main.parser().parse_args(["--expr", "d = a @ (b +", "--screenshot", "unused.png"])
    _app, window = main.start(args, main.read_document(args, None), None)
    try:
        controller = window.controller
        assert controller.shown.document.text == "" and controller.shown.session is None
        assert controller.error is not None and controller.model.editor_text == "d = a @ (b +"
        assert "*" in window.windowTitle()   # a document from the command line is unsaved
    finally:
        window.files.new = False
        window.close()
