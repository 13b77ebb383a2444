"""File ▸ Export arrays…, Export as Python…, Run ▸ Compare with mine… and Cross-check with PyTorch."""
import importlib.util

import numpy as np
import pytest

from gui.app import arrays_menu


def answer_save_dialog(monkeypatch, path, chosen=""):
    monkeypatch.setattr(arrays_menu.QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))


def menu_texts(window, title):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.text().replace("&", "") for a in menu.actions()]


def test_the_actions_are_in_their_menus(window):
    assert {"Export arrays…", "Export as Python…"} <= set(menu_texts(window, "File"))
    assert menu_texts(window, "File")[-1] == "Quit"
    assert "Compare with mine…" in menu_texts(window, "Run")


def test_export_arrays_writes_every_value_and_gradient(window, tmp_path, monkeypatch):
    answer_save_dialog(monkeypatch, tmp_path / "out.npz")
    window.arrays.actions["export_arrays"].trigger()
    s = window.controller.session
    with np.load(tmp_path / "out.npz") as z:
        assert set(z.files) == {"a", "b", "c", "d", "grad_a", "grad_b", "grad_c", "grad_d"}
        assert np.array_equal(z["grad_a"], s.records.grads["a"]) and np.array_equal(z["d"], s.records.values["d"])
    assert "Wrote" in window.statusBar().currentMessage()


@pytest.mark.parametrize("chosen, word", [(arrays_menu.NUMPY_FILTER, "def backward"),
                                          (arrays_menu.TORCH_FILTER, "torch")])
def test_export_as_python_writes_the_module(window, tmp_path, monkeypatch, chosen, word):
    answer_save_dialog(monkeypatch, tmp_path / "m.py", chosen)
    window.arrays.actions["export_python"].trigger()
    text = (tmp_path / "m.py").read_text(encoding="utf-8")
    assert word in text and "def forward" in text
    assert ("import torch" in text) == (chosen == arrays_menu.TORCH_FILTER)


def test_the_exported_numpy_module_gives_the_pass(window, tmp_path, monkeypatch):
    answer_save_dialog(monkeypatch, tmp_path / "m.py", arrays_menu.NUMPY_FILTER)
    window.arrays.actions["export_python"].trigger()
    spec = importlib.util.spec_from_file_location("exported", tmp_path / "m.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    s = window.controller.session
    values = module.forward({n: s.records.values[n] for n in "abc"})
    assert np.allclose(module.backward(values)["a"], s.records.grads["a"], rtol=0, atol=1e-12)


def test_export_that_fails_says_so_and_raises_nothing(window, tmp_path, monkeypatch):
    answer_save_dialog(monkeypatch, tmp_path / "no" / "such" / "out.npz")
    window.arrays.actions["export_arrays"].trigger()
    assert "Wrote" not in window.statusBar().currentMessage() and window.statusBar().currentMessage()


@pytest.mark.skipif(arrays_menu.torch_installed(), reason="checks the message shown without PyTorch")
def test_without_pytorch_the_cross_check_says_how_to_install_it(window, qtbot):
    action, run = window.arrays.actions["crosscheck"], window.arrays.menu("Run")
    for _ in range(2):   # the note is looked up when the menu first opens, and said once
        run.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitUntil(run.isVisible)
        run.hide()
    assert action.text().count("pip install torch==2.13.0") == 1
    action.trigger()
    assert "pip install torch==2.13.0" in window.arrays.panels["crosscheck"].summary.text()


@pytest.mark.skipif(not arrays_menu.torch_installed(), reason="PyTorch is not installed")
def test_with_pytorch_the_cross_check_lists_every_value(window):
    window.arrays.actions["crosscheck"].trigger()
    panel = window.arrays.panels["crosscheck"]
    assert panel.table.rowCount() == 4 and "at most" in panel.summary.text()


def test_compare_opens_beside_the_gradients(window):
    window.arrays.actions["compare"].trigger()
    assert window.arrays.docks["compare"].isVisible()
    assert window.tabifiedDockWidgets(window.docks["inspector"]) != []
