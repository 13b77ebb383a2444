"""The main window as a user drives it: keys step through the pass, the status bar follows."""
import numpy as np
from PySide6.QtCore import QPoint, Qt

from gui.app import actions as act

SEED_STATUS = [
    "step 0/7: inputs only (F10 steps forward)",
    "step 1/7: t1 = a @ b",
    "step 2/7: d = t1 + c",
    "step 3/7: ∂L/∂d = G = ones (L = sum(d))",
    "step 4/7: ∂L/∂t1 = ∂L/∂d  (add, input t1)",
    "step 5/7: ∂L/∂cⱼ = Σᵢ ∂L/∂dᵢⱼ  (add, input c)",
    "step 6/7: ∂L/∂a = ∂L/∂t1 @ bᵀ  (matmul, input a)",
    "step 7/7: ∂L/∂b = aᵀ @ ∂L/∂t1  (matmul, input b)",
]


def status(window):
    return window.step_label.text()


def focus_canvas(qtbot, window):
    window.graph_view.setFocus()
    qtbot.waitUntil(window.graph_view.hasFocus)


def test_window_builds_shows_and_closes(qtbot, controller, settings):
    from gui.app.main_window import MainWindow
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert status(win) == SEED_STATUS[0]
    assert win.close()
    assert settings.value("window/state") is not None   # the arrangement is kept


def test_f10_steps_through_every_step_and_shift_f10_back(qtbot, window):
    focus_canvas(qtbot, window)
    for n in range(1, 8):
        qtbot.keyClick(window.graph_view, Qt.Key.Key_F10)
        assert window.controller.session.cursor == n
        assert status(window) == SEED_STATUS[n]
    qtbot.keyClick(window.graph_view, Qt.Key.Key_F10)     # past the end: stays
    assert status(window) == SEED_STATUS[7]
    for n in range(6, -1, -1):
        qtbot.keyClick(window.graph_view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        assert status(window) == SEED_STATUS[n]


def test_arrows_step_outside_text_fields(qtbot, window):
    focus_canvas(qtbot, window)
    for n in range(1, 8):
        qtbot.keyClick(window.graph_view, Qt.Key.Key_Right)
        assert status(window) == SEED_STATUS[n]
    for n in range(6, -1, -1):
        qtbot.keyClick(window.graph_view, Qt.Key.Key_Left)
        assert status(window) == SEED_STATUS[n]


def test_home_and_end(qtbot, window):
    focus_canvas(qtbot, window)
    qtbot.keyClick(window.graph_view, Qt.Key.Key_End)
    assert status(window) == SEED_STATUS[7]
    qtbot.keyClick(window.graph_view, Qt.Key.Key_Home)
    assert status(window) == SEED_STATUS[0]


def test_arrows_in_the_editor_move_the_caret_not_the_step(qtbot, window):
    edit = window.editor.text_edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    qtbot.keyClick(edit, Qt.Key.Key_Right)
    assert edit.textCursor().position() == 1
    assert window.controller.session.cursor == 0
    qtbot.keyClick(edit, Qt.Key.Key_F10)    # F10 steps everywhere
    assert window.controller.session.cursor == 1


def test_undo_and_redo_an_applied_text(qtbot, window):
    controller = window.controller
    assert controller.apply_text("d = a * b")
    assert [e.op for e in controller.session.program.eqns] == ["mul"]
    focus_canvas(qtbot, window)
    with qtbot.waitSignal(controller.program_changed):
        qtbot.keyClick(window.graph_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert controller.text.endswith("d = a @ b + c")
    assert window.editor.text() == controller.text
    with qtbot.waitSignal(controller.program_changed):
        qtbot.keyClick(window.graph_view, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.text() == "d = a * b"


def test_f5_plays_to_the_end_and_stops(qtbot, window):
    window.playback.set_speed(100)
    focus_canvas(qtbot, window)
    qtbot.keyClick(window.graph_view, Qt.Key.Key_F5)
    assert window.actions["play"].isChecked()
    qtbot.waitUntil(lambda: window.controller.session.cursor == 7, timeout=3000)
    qtbot.waitUntil(lambda: not window.playback.is_playing())
    assert not window.actions["play"].isChecked()


def test_every_action_has_a_tooltip_naming_its_key(window):
    for name, action in window.actions.items():
        keys = [k.toString() for k in action.shortcuts()]
        assert all(k in action.toolTip() for k in keys), name
    listed = " ".join(keys for keys, _ in act.shortcut_rows())
    for spec in act.SPECS:
        assert all(k in listed for k in spec.keys), spec.name


def test_check_gradients_shows_a_heatmap_per_input_beside_the_gradients(qtbot, window):
    window.actions["check"].trigger()
    view = window.arrays.panels["check"]
    with qtbot.waitSignal(view.check_done, timeout=60_000):
        pass
    assert window.arrays.docks["check"].isVisible() and not window.arrays.docks["check"].isFloating()
    assert set(view.heatmaps) == {"a", "b", "c"}
    assert all(r["status"] == "ok" for m in view.maps.values() for r in m.rows)
    assert view.worst.item(0).text().startswith("∂L/∂")          # written 1-based, as everywhere on screen


def test_status_follows_a_click_on_the_timeline(qtbot, window):
    timeline = window.timeline
    x = timeline.centres()[3]
    with qtbot.waitSignal(window.controller.step_changed):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(int(x), timeline.height() // 2))
    assert status(window) == SEED_STATUS[3]


def test_menus_hold_the_file_edit_run_and_help_actions(window):
    menus = {m.title().replace("&", ""): [a.text().replace("&", "") for a in m.actions()]
             for m in (a.menu() for a in window.menuBar().actions())}
    assert menus["File"][:5] == ["New", "Open…", "Examples", "Save", "Save As…"]
    assert "Export…" in menus["File"] and "Quit" in menus["File"]
    assert "Open Recent" in menus["File"]
    assert menus["Edit"][0].startswith("Undo") and menus["Edit"][1].startswith("Redo")
    run = {"Step forward", "Step back", "To start", "To end", "Play/Pause", "Check gradients"}
    assert run <= set(menus["Run"])
    assert menus["Help"] == ["Keyboard shortcuts", "About Backprop Studio"]


def test_shortcuts_dialog_lists_every_key(window):
    from PySide6.QtWidgets import QTableWidget

    from gui.app.dialogs import shortcuts_dialog
    box = shortcuts_dialog(window, act.shortcut_rows())
    table = box.findChild(QTableWidget)
    keys = " ".join(table.item(i, 0).text() for i in range(table.rowCount()))
    for k in ("F10", "Shift+F10", "Right", "Left", "Home", "End", "F5", "Ctrl+Enter", "Ctrl+O", "Ctrl+S",
              "Ctrl+Q", "Ctrl+Z"):
        assert k in keys
    box.close()


def test_the_arrangement_is_restored_in_the_next_window(qtbot, controller, settings):
    from gui.app.main_window import MainWindow
    first = MainWindow(controller, settings)
    qtbot.addWidget(first)
    first.show()
    first.docks["inputs"].hide()
    first.close()
    second = MainWindow(controller, settings)
    qtbot.addWidget(second)
    second.show()
    assert second.docks["inputs"].isHidden() and not second.docks["editor"].isHidden()


def test_arrows_in_an_inputs_table_move_between_cells(qtbot, window):
    table = window.inputs_panel.tables["a"]
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentColumn() == 1 and window.controller.session.cursor == 0
    focus_canvas(qtbot, window)                 # and outside it they step again
    qtbot.keyClick(window.graph_view, Qt.Key.Key_Right)
    assert window.controller.session.cursor == 1


def test_arrows_step_after_choosing_a_play_speed(qtbot, window):
    from PySide6.QtWidgets import QComboBox
    speed = window.findChild(QComboBox, "speed")
    speed.setFocus()
    qtbot.waitUntil(speed.hasFocus)
    qtbot.keyClick(speed, Qt.Key.Key_Right)
    assert window.controller.session.cursor == 1


# After n steps of the seed: the node lit on the canvas, and the titles of the equation heatmaps.
LIT_AND_TITLES = {1: ("d:a@b", ["t1", "a", "b"]), 2: ("d:a@b+c", ["d", "t1", "c"]), 3: ("d:a@b+c", ["∂L/∂d = G"]),
                  4: ("d:a@b", ["∂L/∂t1", "∂L/∂d"]), 5: ("c", ["∂L/∂cⱼ", "∂L/∂d"]),
                  6: ("a", ["∂L/∂a", "∂L/∂t1", "bᵀ"]), 7: ("b", ["∂L/∂b", "aᵀ", "∂L/∂t1"])}


def shown_equation(window):
    return [(h.title_text, h.array) for h in window.inspector.equation.visible_heatmaps()]


def test_arrow_keys_light_each_steps_node_and_show_its_numbers(qtbot, window):
    focus_canvas(qtbot, window)
    session, scene = window.controller.session, window.graph_view.scene()
    for n in list(range(1, 8)) + list(range(6, 0, -1)):
        key = Qt.Key.Key_Right if n > session.cursor else Qt.Key.Key_Left
        qtbot.keyClick(window.graph_view, key)
        assert session.cursor == n
        lit, titles = LIT_AND_TITLES[n]
        assert [i for i, item in scene.nodes.items() if item.state.active] == [lit]
        shown = shown_equation(window)
        assert [t for t, _ in shown] == titles
        step = session.steps[n - 1]
        np.testing.assert_array_equal(shown[0][1], step.contribution if step.kind == "backward" else step.array)


def test_clicking_a_node_shows_its_value_and_gradient(qtbot, window):
    window.controller.to_end()
    view = window.graph_view
    item = view.scene().nodes["b"]
    with qtbot.waitSignal(window.controller.node_selected, timeout=1000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(item.scenePos()))
    shown = [(h.title_text, h.array) for h in window.inspector.node.visible_heatmaps()]
    # the last step computes ∂L/∂b: the step's row shows it, the node row only b's value
    assert [t for t, _ in shown] == ["b"] and shown_equation(window)[0][0] == "∂L/∂b"
    np.testing.assert_array_equal(shown[0][1], window.controller.session.records.values["b"])
    np.testing.assert_array_equal(shown_equation(window)[0][1], window.controller.session.records.grads["b"])


def test_the_undo_history_jumps_back_and_forth_over_several_edits(window):
    controller, stack = window.controller, window.controller.undo_stack
    first = controller.text
    controller.apply_text(first + "\ne = relu(d)")
    controller.seek(3)
    controller.set_start("d")
    controller.apply_text(first + "\ne = relu(d)\nf = e * 2")
    stack.setIndex(0)   # a click on "(opened)" in the Undo history dock
    assert controller.text == first and window.editor.text() == first and controller.session.start is None
    stack.setIndex(stack.count())
    assert controller.text.endswith("f = e * 2") and controller.session.start == "d"
    assert controller.view.cursor == 3
