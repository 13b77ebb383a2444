"""Sessions: save and open round-trip, atomic saves, corrupt or hostile files refused."""
import json
import os

import numpy as np
import pytest

from gui.app.controller import StudioController
from gui.model.session_file import SessionError, load_session, save_session
from tests.gui.conftest import SEED_TEXT

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "examples")


def edited_controller():
    c = StudioController(SEED_TEXT)
    c.set_input("a", [[1.0, 2.0], [3.0, np.nan]])
    c.set_upstream(np.array([[0.3, -0.1], [0.7, 2.0]]))
    c.seek(6)
    c.select_text("grad a[0,0]")
    return c


def test_save_then_open_gives_the_same_session(qapp, tmp_path):
    saved = edited_controller()
    path = tmp_path / "lesson.json"
    save_session(path, saved.document())
    doc = json.loads(path.read_text())
    assert doc["format"] == "backprop-studio" and doc["version"] == 2 and doc["rng_seed"] == 0
    assert doc["inputs"]["a"] == {"shape": [2, 2], "dtype": "float64", "values": [[1.0, 2.0], [3.0, "nan"]]}
    assert doc["view"] == {"cursor": 6, "selection": "grad a[0,0]", "through": None}
    assert set(doc["positions"]) == set(saved.shown.graph.nodes) - {"L"}

    opened = StudioController("d = a")
    assert opened.open_document(load_session(path))
    assert opened.text == SEED_TEXT and opened.session.cursor == 6
    assert opened.selected_entry == ("a", (0, 0), True) and opened.selected_node == "a"
    for name, value in saved.shown.input_values().items():
        np.testing.assert_array_equal(opened.shown.input_values()[name], value)
    np.testing.assert_array_equal(opened.session.upstream, saved.session.upstream)


def test_save_is_atomic_and_leaves_no_temporary_file(qapp, tmp_path):
    path = tmp_path / "s.json"
    path.write_text("old")
    save_session(path, edited_controller().document())
    assert os.listdir(tmp_path) == ["s.json"]
    assert json.loads(path.read_text())["format"] == "backprop-studio"


def test_saving_into_a_missing_folder_is_refused_with_a_message(qapp, tmp_path):
    with pytest.raises(SessionError, match="cannot save"):
        save_session(tmp_path / "nope" / "s.json", edited_controller().document())


def test_a_plain_text_file_opens_as_an_expression(tmp_path):
    path = tmp_path / "e.txt"
    path.write_text("d = relu(a @ b)\n")
    assert load_session(path) == {"expression": "d = relu(a @ b)"}


GOOD = {"format": "backprop-studio", "version": 1, "expression": "d = a + b",
        "inputs": {"a": {"shape": [2], "values": [1, 2]}}, "upstream": None, "start": None,
        "cursor": 0, "selection": None, "positions": {}}


@pytest.mark.parametrize("change, message", [
    ({"format": "pickle"}, "format"),
    ({"version": 3}, "version"),
    ({"version": "2"}, "version"),
    ({"colour": "red"}, "unknown key"),
    ({"expression": 3}, "expression"),
    ({"cursor": -1}, "cursor"),
    ({"cursor": True}, "cursor"),
    ({"inputs": []}, "inputs"),
    ({"inputs": {"a": {"shape": [2], "values": [1, "2"]}}}, "numbers"),
    ({"inputs": {"a": {"shape": [2], "values": [True, 1]}}}, "numbers"),
    ({"inputs": {"a": {"shape": [1, 1, 1], "values": [[[1]]]}}}, "2 deep"),
    ({"inputs": {"a": {"shape": [2, 2], "values": [[1, 2], [3]]}}}, "lengths"),
    ({"inputs": {"a": {"shape": [3], "values": [1, 2]}}}, "shape"),
    ({"upstream": "ones"}, "upstream"),
    ({"start": 5}, "start"),
])
def test_a_corrupt_session_is_refused_with_a_message(tmp_path, change, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(GOOD | change))
    with pytest.raises(SessionError, match=message):
        load_session(path)


@pytest.mark.parametrize("text", ["{not json", '{"a": NaN}', "{" * 100_000, "\x00\xff"])
def test_broken_or_hostile_json_is_refused(tmp_path, text):
    path = tmp_path / "bad.json"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(SessionError):
        load_session(path)


@pytest.mark.parametrize("change, message", [
    ({"expression": "d = a @ b", "inputs": {"a": {"shape": [1, 3], "values": [[1, 2, 3]]}}}, "do not fit"),
    ({"inputs": {"zz": {"shape": [1], "values": [1]}}}, "zz: not an input"),
    ({"positions": {"d": "here"}}, "positions"),
])
def test_a_session_whose_contents_do_not_fit_is_refused(tmp_path, change, message):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(GOOD | change))
    with pytest.raises(SessionError, match=message):
        load_session(path)


def test_a_half_built_session_with_a_hole_opens(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(GOOD | {"expression": "d = a @ ?", "inputs": {}}))
    assert load_session(path)["expression"] == "d = a @ ?"


def test_the_window_refuses_a_corrupt_file_with_a_message(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(window.files, "refuse", lambda title, message: shown.append(message))
    path = tmp_path / "bad.json"
    path.write_text('{"format": "other"}')
    before = window.controller.session
    assert not window.files.open_path(str(path))
    assert "format" in shown[0] and window.controller.session is before


def test_the_window_saves_opens_and_remembers_recent_files(window, tmp_path):
    path = str(tmp_path / "w.json")
    window.controller.seek(4)
    assert window.files.save_to(path)
    assert "w.json" in window.windowTitle()
    window.controller.seek(0)
    assert window.files.open_path(path)
    assert window.controller.session.cursor == 4
    assert window.files.recent()[0] == os.path.abspath(path)
    window.files.fill_recent_menu()
    assert window.files.recent_menu.actions()[0].text() == os.path.abspath(path)


@pytest.mark.parametrize("name", sorted(os.listdir(EXAMPLES)))
def test_every_example_opens_and_computes(qapp, name):
    c = StudioController(SEED_TEXT)
    assert c.open_document(load_session(os.path.join(EXAMPLES, name)))
    c.to_end()
    assert c.session.current_step().kind == "backward"


def test_the_seed_example_is_the_seed_case():
    with open(os.path.join(EXAMPLES, "seed.txt")) as f:
        assert f.read().strip() == SEED_TEXT


def test_a_json_file_that_is_not_a_session_is_refused(tmp_path):
    from gui.model.session_file import SessionError, load_session
    path = tmp_path / "list.json"
    path.write_text("[1, 2, 3]")
    with pytest.raises(SessionError, match="not"):
        load_session(str(path))


def test_a_session_whose_selection_is_gone_opens_without_it(qapp):
    from gui.app.controller import StudioController
    controller = StudioController("d = a @ b")
    doc = {"format": "backprop-studio", "version": 1, "expression": "d = relu(a)", "inputs": {},
           "upstream": None, "start": None, "cursor": 1, "selection": "grad z[0,0]", "positions": {}}
    assert controller.open_document(doc)
    assert controller.text == "d = relu(a)" and controller.selected_entry is None


def test_saving_a_draft_keeps_its_own_start_and_g(qapp):
    from gui.app.controller import StudioController
    controller = StudioController("t = a @ b\nd = relu(t)")
    controller.set_start("t")
    controller.apply_text("x = randn(2, 2)\ny = x @ ?")
    doc = controller.document()
    assert doc["expression"] == "x = randn(2, 2)\ny = x @ ?" and doc["view"]["cursor"] == 0
    assert doc["start"] is None and doc["upstream"] is None   # not the previous program's "t"
    assert set(doc["inputs"]) == {"x"}
