"""Sessions: save and open round-trip, atomic saves, corrupt or hostile files refused (no Qt)."""
import json
import os

import numpy as np
import pytest

from gui.model.model import StudioModel
from gui.model.session_file import SessionError, load_session, save_session

SEED_TEXT = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"
EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "examples")


def edited_controller():
    c = StudioModel(SEED_TEXT)
    c.set_input("a", [[1.0, 2.0], [3.0, np.nan]])
    c.set_upstream(np.array([[0.3, -0.1], [0.7, 2.0]]))
    c.seek(6)
    c.select_text("grad a[0,0]")
    return c


def test_save_then_open_gives_the_same_session(tmp_path):
    saved = edited_controller()
    path = tmp_path / "lesson.json"
    save_session(path, saved.file_dict())
    doc = json.loads(path.read_text())
    assert doc["format"] == "backprop-studio" and doc["version"] == 2 and doc["rng_seed"] == 0
    assert doc["inputs"]["a"] == {"shape": [2, 2], "dtype": "float64", "values": [[1.0, 2.0], [3.0, "nan"]]}
    assert doc["view"] == {"cursor": 6, "selection": "grad a[0,0]", "through": None}
    assert set(doc["positions"]) == set(saved.shown.graph.nodes) - {"L"}

    opened = StudioModel("d = a")
    assert opened.open_file_dict(load_session(path))[1]
    assert opened.document.text == SEED_TEXT and opened.view.cursor == 6
    assert opened.view.entry == ("a", (0, 0), True) and opened.view.node == "a"
    for name, value in saved.shown.input_values().items():
        np.testing.assert_array_equal(opened.shown.input_values()[name], value)
    np.testing.assert_array_equal(opened.shown.session.upstream, saved.shown.session.upstream)


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("old")
    save_session(path, edited_controller().file_dict())
    assert os.listdir(tmp_path) == ["s.json"]
    assert json.loads(path.read_text())["format"] == "backprop-studio"


def test_saving_into_a_missing_folder_is_refused_with_a_message(tmp_path):
    with pytest.raises(SessionError, match="cannot save"):
        save_session(tmp_path / "nope" / "s.json", edited_controller().file_dict())


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


@pytest.mark.parametrize("name", sorted(os.listdir(EXAMPLES)))
def test_every_example_opens_and_computes(name):
    c = StudioModel(SEED_TEXT)
    assert c.open_file_dict(load_session(os.path.join(EXAMPLES, name)))[1]
    c.seek(99)
    assert c.shown.session.current_step().kind == "backward"


def test_the_seed_example_is_the_seed_case():
    with open(os.path.join(EXAMPLES, "seed.txt")) as f:
        assert f.read().strip() == SEED_TEXT


def test_a_json_file_that_is_not_a_session_is_refused(tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[1, 2, 3]")
    with pytest.raises(SessionError, match="not"):
        load_session(str(path))


def test_a_session_whose_selection_is_gone_opens_without_it():
    from gui.model.model import StudioModel
    controller = StudioModel("d = a @ b")
    doc = {"format": "backprop-studio", "version": 1, "expression": "d = relu(a)", "inputs": {},
           "upstream": None, "start": None, "cursor": 1, "selection": "grad z[0,0]", "positions": {}}
    assert controller.open_file_dict(doc)[1]
    assert controller.document.text == "d = relu(a)" and controller.view.entry is None


def test_saving_a_draft_keeps_its_own_start_and_g():
    from gui.model.model import StudioModel
    controller = StudioModel("t = a @ b\nd = relu(t)")
    controller.set_start("t")
    controller.apply_text("x = randn(2, 2)\ny = x @ ?")
    doc = controller.file_dict()
    assert doc["expression"] == "x = randn(2, 2)\ny = x @ ?" and doc["view"]["cursor"] == 0
    assert doc["start"] is None and doc["upstream"] is None   # not the previous program's "t"
    assert set(doc["inputs"]) == {"x"}
