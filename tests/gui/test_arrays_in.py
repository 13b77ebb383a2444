"""Her own arrays into the inputs panel: loaded from .npy/.npz, pasted, dropped, refused."""
import sys

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QToolButton

from gui.app.controller import StudioController
from gui.panels import array_load
from gui.panels.array_load import ArraySection
from gui.panels.inputs import InputsPanel

HAND = {"a": np.array([[1.0, 2.0], [3.0, 4.0]]), "b": np.array([[5.0, 6.0], [7.0, 8.0]]),
        "c": np.array([1.0, -1.0]), "G": np.array([[1.0, 0.0], [0.0, 2.0]])}


def section(panel, name):
    return next(s for s in panel.findChildren(ArraySection) if s.name == name)


def load_with_button(qtbot, panel, name, path, monkeypatch):
    """Click the section's Load… as a user, the file dialog answering `path`."""
    monkeypatch.setattr(array_load.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    button = section(panel, name).findChild(QToolButton, f"load_{name}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_loaded_files_give_the_hand_numbers(qtbot, controller, shown, tmp_path, monkeypatch):
    panel = shown(InputsPanel(controller))
    for name, arr in HAND.items():
        np.save(tmp_path / f"{name}.npy", arr)
        load_with_button(qtbot, panel, name, tmp_path / f"{name}.npy", monkeypatch)
    s = controller.session
    s.seek(s.total)
    assert np.array_equal(s.value("d"), [[20.0, 21.0], [44.0, 49.0]])          # a @ b + c by hand
    assert np.array_equal(s.grad("a")[0], [[5.0, 7.0], [12.0, 16.0]])            # G bᵀ
    assert np.array_equal(s.grad("b")[0], [[1.0, 6.0], [2.0, 8.0]])              # aᵀ G
    assert np.array_equal(s.grad("c")[0], [1.0, 2.0])                            # column sums of G
    assert panel.tables["a"].item(1, 0).text() == "3"
    assert controller.undo_stack.count() == 4       # one undo step per load
    controller.undo_stack.undo()
    assert controller.session.upstream is None


def test_an_npz_array_is_chosen_by_name(qtbot, controller, shown, tmp_path, monkeypatch):
    panel = shown(InputsPanel(controller))
    np.savez(tmp_path / "mine.npz", first=np.zeros((2, 2)), second=HAND["b"])
    monkeypatch.setattr(array_load.QInputDialog, "getItem", lambda *a, **k: ("second", True))
    load_with_button(qtbot, panel, "b", tmp_path / "mine.npz", monkeypatch)
    assert np.array_equal(controller.session.records.values["b"], HAND["b"])


@pytest.mark.parametrize("text", ["np.array([[1, 2], [3, 4]])", "[[1, 2], [3, 4]]",
                                  "array([[1., 2.],\n       [3., 4.]])", "1,2\n3,4", "1\t2\n3\t4"])
def test_pasting_a_literal_or_cells_fills_the_table(qtbot, controller, shown, text):
    panel = shown(InputsPanel(controller))
    QApplication.clipboard().setText(text)
    qtbot.mouseClick(section(panel, "a").findChild(QToolButton, "paste_a"), Qt.MouseButton.LeftButton)
    assert np.array_equal(controller.session.records.values["a"], HAND["a"])
    assert panel.tables["a"].item(1, 1).text() == "4"


def bad_files(tmp_path):
    np.save(tmp_path / "shape.npy", np.ones((3, 3)))
    np.save(tmp_path / "object.npy", np.array([{"x": 1}, None], dtype=object), allow_pickle=True)
    np.save(tmp_path / "cube.npy", np.ones((2, 2, 2)))
    (tmp_path / "junk.npy").write_bytes(b"not an array")
    return ["shape", "object", "cube", "junk"]


def test_each_bad_file_is_refused_and_the_values_stay(qtbot, controller, shown, tmp_path, monkeypatch):
    panel = shown(InputsPanel(controller))
    before, steps = controller.session.records.values["a"].copy(), controller.undo_stack.count()
    for stem in bad_files(tmp_path):
        load_with_button(qtbot, panel, "a", tmp_path / f"{stem}.npy", monkeypatch)
        assert panel.message.isVisible() and panel.message.text().count("\n") == 0, stem
        assert np.array_equal(controller.session.records.values["a"], before), stem
    assert controller.undo_stack.count() == steps


def test_a_label_input_given_floats_is_refused(qtbot, shown, tmp_path, monkeypatch):
    controller = StudioController("z = randn(3, 4)\ny = labels(3, 4)\nL = cross_entropy(z, y)")
    panel = shown(InputsPanel(controller))
    before = controller.session.records.values["y"].copy()
    np.save(tmp_path / "y.npy", np.array([0.0, 1.0, 2.0]))
    load_with_button(qtbot, panel, "y", tmp_path / "y.npy", monkeypatch)
    assert "integers" in panel.message.text()
    assert np.array_equal(controller.session.records.values["y"], before)
    np.save(tmp_path / "y.npy", np.array([3, 1, 0]))
    load_with_button(qtbot, panel, "y", tmp_path / "y.npy", monkeypatch)
    assert controller.session.records.values["y"].tolist() == [3, 1, 0]


def test_float32_stays_and_nan_is_accepted_with_a_warning(qtbot, controller, shown, tmp_path, monkeypatch):
    panel = shown(InputsPanel(controller))
    np.save(tmp_path / "a.npy", np.array([[1, np.nan], [3, 4]], dtype=np.float32))
    load_with_button(qtbot, panel, "a", tmp_path / "a.npy", monkeypatch)
    assert controller.shown.document.inputs["a"].dtype == np.float32
    assert np.isnan(controller.session.records.values["a"][0, 1])
    assert panel.message.isVisible() and "NaN" in panel.message.text()


def test_a_dropped_file_is_loaded_and_a_large_input_too(qtbot, shown, tmp_path):
    controller = StudioController("a = randn(64, 64)\nb = randn(64, 64)\nd = a @ b")
    panel = shown(InputsPanel(controller))
    big = np.arange(64 * 64, dtype=float).reshape(64, 64)
    np.save(tmp_path / "big.npy", big)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "big.npy"))])
    target = section(panel, "a")
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    target.dropEvent(drop)
    assert np.array_equal(controller.session.records.values["a"], big)


def test_main_takes_input_and_upstream_files(qtbot, tmp_path):
    import main
    for name in "aG":
        np.save(tmp_path / f"{name}.npy", HAND[name])
    args = main.parser().parse_args(["--screenshot", str(tmp_path / "x.png"), "--input", f"a={tmp_path / 'a.npy'}",
                                     "--upstream", str(tmp_path / "G.npy")])
    _, window = main.start(args, {"expression": main.seed_text()}, pytest.fail)
    qtbot.addWidget(window)
    assert np.array_equal(window.controller.session.records.values["a"], HAND["a"])
    assert np.array_equal(window.controller.session.upstream, HAND["G"])


def test_main_refuses_an_input_that_does_not_fit(qtbot, tmp_path):
    import main
    np.save(tmp_path / "a.npy", np.ones((3, 3)))
    args = main.parser().parse_args(["--screenshot", str(tmp_path / "x.png"), "--input", f"a={tmp_path / 'a.npy'}"])
    failures = []
    with pytest.raises(SystemExit):
        main.start(args, {"expression": main.seed_text()}, lambda m: (failures.append(m), sys.exit(2)))
    assert "cannot be (3, 3)" in failures[0]


def test_ctrl_v_over_an_input_table_pastes_into_it(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    QApplication.clipboard().setText("1,2\n3,4")
    table = panel.tables["a"]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert np.array_equal(controller.session.records.values["a"], HAND["a"])


def test_a_pasted_g_of_the_wrong_shape_is_refused(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    section(panel, "G").paste_text("[[1, 2, 3]]")
    assert "G must be (2, 2)" in panel.message.text() and controller.session.upstream is None
    section(panel, "G").paste_text("np.array([[1, 0], [0, 2]])")
    assert np.array_equal(controller.session.upstream, HAND["G"])
