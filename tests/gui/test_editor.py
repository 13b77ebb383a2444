"""The expression editor as a user types in it."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QDockWidget

import main
from gui.panels.editor import ExpressionEditor


def retype(qtbot, editor, text):
    """Select everything and type `text`, as a user would."""
    edit = editor.text_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(edit, Qt.Key.Key_Return)   # keyClicks cannot type a newline
        qtbot.keyClicks(edit, line)


def ctrl_enter(qtbot, editor):
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_typed_expression_is_applied_on_ctrl_enter(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    old = controller.session.program
    retype(qtbot, editor, "h = relu(a @ b)")
    with qtbot.waitSignal(controller.program_changed, timeout=1000):
        ctrl_enter(qtbot, editor)
    assert controller.session.program is not old
    assert [e.op for e in controller.session.program.eqns] == ["matmul", "relu"]
    assert editor.text() == "h = relu(a @ b)"     # Ctrl+Enter adds no newline
    assert editor.message.isHidden()


def test_a_pause_in_typing_applies_too(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    with qtbot.waitSignal(controller.program_changed, timeout=2000):
        retype(qtbot, editor, "e = a - b")
    assert controller.session.program.output == "e"


def test_broken_text_shows_the_caret_and_keeps_the_program(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    old_program = controller.session.program
    retype(qtbot, editor, "d = a @ (b +")
    with qtbot.waitSignal(controller.error_changed, timeout=1000):
        ctrl_enter(qtbot, editor)
    assert controller.session.program is old_program
    assert not editor.message.isHidden()
    assert editor.message.text().startswith("line 1, column 13: expected")
    assert editor.caret.text() == "d = a @ (b +\n" + " " * 12 + "^"
    assert editor.caret.isVisible()
    [selection] = editor.text_edit.extraSelections()
    assert selection.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert selection.cursor.selectedText() == "+"      # at the end of the text: its last character


def test_fixing_the_text_clears_the_error(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    retype(qtbot, editor, "d = a @@ b")
    ctrl_enter(qtbot, editor)
    assert not editor.message.isHidden()
    assert editor.text_edit.extraSelections()[0].cursor.selectedText() == "@"
    retype(qtbot, editor, "d = a @ b")
    ctrl_enter(qtbot, editor)
    assert editor.message.isHidden() and editor.text_edit.extraSelections() == []


def test_shape_error_underlines_its_line(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    retype(qtbot, editor, "a = randn(2, 3)\nd = a @ a")
    ctrl_enter(qtbot, editor)
    assert "3" in editor.message.text()
    [selection] = editor.text_edit.extraSelections()
    assert selection.cursor.block().blockNumber() == 1


def test_applying_is_one_undo_command_and_undo_restores_the_text(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    before = editor.text()
    retype(qtbot, editor, "d = a + b")
    ctrl_enter(qtbot, editor)
    assert controller.undo_stack.count() == 1
    with qtbot.waitSignal(controller.program_changed):
        controller.undo_stack.undo()
    assert editor.text() == before
    assert controller.session.program.output == "d"


def test_typing_has_its_own_undo(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    edit = editor.text_edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " # note")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "# note" not in editor.text()
    assert controller.undo_stack.count() == 0


def test_syntax_colours_tell_comments_names_and_numbers_apart(qtbot, controller, shown):
    editor = shown(ExpressionEditor(controller))
    retype(qtbot, editor, "x = randn(2, 3) # input")
    layout = editor.text_edit.document().firstBlock().layout()
    colours = {r.start: r.format.foreground().color().name() for r in layout.formats()}
    assert len({colours[0], colours[4], colours[10], colours[16]}) == 4   # name, function, number, comment


def test_a_draft_error_says_the_graph_shows_it(qtbot, controller):
    from gui.panels.editor import ExpressionEditor
    editor = ExpressionEditor(controller)
    qtbot.addWidget(editor)
    controller.apply_text("a = randn(2, 3)\nd = a @ a")
    assert "inner dimensions 3 and 2 differ" in editor.message.text()
    assert "the graph shows it" in editor.message.text()
    controller.apply_text("d = a @@ b")
    assert "last valid program" in editor.message.text()


def test_an_expression_too_large_for_memory_keeps_the_last_graph(qtbot, controller):
    from gui.panels.editor import ExpressionEditor
    editor = ExpressionEditor(controller)
    qtbot.addWidget(editor)
    program = controller.session.program
    assert not controller.apply_text("a = randn(100000, 100000)\nd = a @ a")
    assert "memory" in editor.message.text() and "last valid program" in editor.message.text()
    assert controller.session.program is program


def test_editor_undo_never_reaches_past_a_canvas_or_app_edit(qtbot, controller):
    from gui.panels.editor import ExpressionEditor
    editor = ExpressionEditor(controller)
    qtbot.addWidget(editor)
    before = controller.text
    controller.apply_text("d = relu(a @ b)")     # as a canvas edit or an opened file would
    assert editor.text() == "d = relu(a @ b)"
    editor.text_edit.setFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "d = relu(a @ b)"     # nothing of the editor's own to undo
    controller.undo_stack.undo()
    assert editor.text() == before


def test_the_error_caret_is_not_painted_over_the_texts_bottom_edge(qtbot, window, controller):
    editor = window.findChild(ExpressionEditor)
    controller.apply_text("a = randn(2, 2)\nw = randn(3, 2)\nt = a @ w\nd = relu(t) + ?")
    qtbot.waitUntil(editor.caret.isVisible)
    message = editor.message
    assert message.minimumHeight() == message.heightForWidth(message.width())   # wrapped, whole
    assert editor.minimumSizeHint().height() >= sum(w.minimumHeight() for w in (editor.text_edit, message))
    qtbot.waitUntil(lambda: editor.caret.geometry().top() >= editor.text_edit.geometry().bottom())
    assert message.geometry().top() >= editor.caret.geometry().bottom()




def test_a_picture_waits_until_the_docks_make_room_for_the_message(qtbot, tmp_path):
    """A headless picture lays the window out and grabs it: the wrapped message's height is known
    after one layout pass and the docks make room for it in the next, so the picture must wait
    for that (before, the message was painted over the next dock's title)."""
    args = main.parser().parse_args(["--expr", "a = randn(2, 2)\nw = randn(3, 2)\nt = a @ w\nd = relu(t) + ?",
                                     "--screenshot", str(tmp_path / "x.png")])
    _, window = main.start(args, main.read_document(args, pytest.fail), pytest.fail)
    qtbot.addWidget(window)
    window.lay_out_offscreen((1600, 1000))
    docks = [d.geometry() for d in window.findChildren(QDockWidget) if d.isVisible() and d.y() >= 0]
    assert not [(a, b) for a in docks for b in docks if a is not b and a.intersects(b)]
