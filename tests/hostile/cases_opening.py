"""Opening a session is all or nothing: any failure leaves the window, its document and its
file name untouched. Not collected on its own (the file name does not start with test_): test_app_items runs it
in a child pytest with a time limit and a memory cap, so a regression fails that one test, not the run."""
import json
import os

import pytest

from tests.gui.conftest import SEED_TEXT
from tests.hostile.harness import refusals

OTHER = {"format": "backprop-studio", "version": 1, "expression": "x = randn(3, 3)\ny = tanh(x)",
         "inputs": {}, "upstream": None, "start": None, "cursor": 0, "selection": None, "positions": {}}


def choose_file(monkeypatch, path):
    """The Open dialog answers `path`, as a user picking it would."""
    monkeypatch.setattr("gui.app.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(path), ""))


# -- opening is all or nothing ---------------------------------------------------------------------------
@pytest.mark.parametrize("change", [{"selection": "x[0,,0]"}, {"positions": {"x": [0, 1e20]}},
                                    {"selection": "y[9,9]", "start": "nowhere"}])
def test_a_refused_open_leaves_the_window_and_its_file_untouched(window, tmp_path, monkeypatch, change):
    first = tmp_path / "A.json"
    window.files.save_to(str(first))
    saved = first.read_bytes()
    shown = refusals(window, monkeypatch)
    bad = tmp_path / "B.json"
    bad.write_text(json.dumps(OTHER | change))
    choose_file(monkeypatch, bad)
    window.actions["open"].trigger()
    assert len(shown) == 1
    assert "A.json" in window.windowTitle() and window.controller.text == SEED_TEXT
    window.actions["save"].trigger()
    assert first.read_bytes() == saved


def test_a_valid_open_swaps_document_and_file_name(window, tmp_path, monkeypatch):
    path = tmp_path / "B.json"
    path.write_text(json.dumps(OTHER))
    choose_file(monkeypatch, path)
    window.actions["open"].trigger()
    assert "B.json" in window.windowTitle() and window.controller.text == OTHER["expression"]


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_opening_what_is_not_a_file_is_refused_at_once(window, tmp_path, monkeypatch, kind):
    """A FIFO with no writer blocked the open forever; /dev/zero was read without end."""
    path = {"fifo": tmp_path / "pipe", "device": "/dev/zero", "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    shown = refusals(window, monkeypatch)
    before = window.controller.document()
    choose_file(monkeypatch, path)
    window.actions["open"].trigger()
    assert len(shown) == 1 and "not a regular file" in shown[0]
    assert window.controller.document() == before
