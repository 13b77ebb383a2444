"""Session files, format version 2 (version 1 still opens), without Qt."""
import json

import numpy as np
import pytest

from gui.model.model import StudioModel
from gui.model.session_file import SessionError, document_of, load_session, save_session, session_dict

SEED = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"
V2 = {"format": "backprop-studio", "version": 2, "expression": "d = a + b", "rng_seed": 3,
      "inputs": {"a": {"shape": [2], "dtype": "float64", "values": [1, "nan"]}}, "upstream": [1, "-inf"],
      "upstream_origin": "typed", "start": None,
      "view": {"cursor": 2, "selection": "grad a[1]", "through": None},
      "positions": {}}


def write(tmp_path, doc):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc))
    return path


def test_a_saved_session_opens_as_it_was(tmp_path):
    m = StudioModel(SEED, rng_seed=4)
    m.set_input("a", [[1.0, np.inf], [-np.inf, np.nan]])
    m.set_upstream(np.ones((2, 2)) * 2)
    m.seek(6)
    m.select_text("grad b[1,0]")
    save_session(tmp_path / "s.json", session_dict(m.shown, m.view))
    doc = json.loads((tmp_path / "s.json").read_text())
    assert doc["inputs"]["a"]["values"] == [[1.0, "inf"], ["-inf", "nan"]] and doc["rng_seed"] == 4
    opened = StudioModel("d = a")
    loaded = load_session(tmp_path / "s.json")
    opened.open_document(document_of(loaded, 0), loaded["cursor"], loaded["selection"], loaded["through"])
    assert opened.document.rng_seed == 4 and opened.document.upstream_origin == "typed"
    assert opened.view == m.view
    np.testing.assert_array_equal(opened.shown.input_values()["a"], m.shown.input_values()["a"])
    np.testing.assert_array_equal(opened.shown.input_values()["b"], m.shown.input_values()["b"])
    assert opened.shown.places() == m.shown.places()


def test_version_2_reads_non_finite_numbers_dtypes_and_the_view(tmp_path):
    doc = load_session(write(tmp_path, V2))
    assert np.isnan(doc["inputs"]["a"][1]) and doc["upstream"][1] == -np.inf
    assert doc["rng_seed"] == 3 and doc["cursor"] == 2 and doc["selection"] == "grad a[1]"
    labels = V2 | {"inputs": {"a": {"shape": [2], "dtype": "int64", "values": [1, 0]}}, "upstream": None}
    assert load_session(write(tmp_path, labels))["inputs"]["a"].dtype == np.int64
    m = StudioModel("d = a + b")
    m.open_file_dict(load_session(write(tmp_path, labels)))
    labels_kept = {"shape": [2], "dtype": "int64", "values": [1, 0]}
    assert m.file_dict()["inputs"]["a"] == labels_kept


def test_version_1_still_opens(tmp_path):
    doc = load_session("resources/examples/seed_step6.json")
    assert doc["cursor"] == 6 and doc["selection"] == "grad a[0,0]" and doc["rng_seed"] is None
    v1 = {"format": "backprop-studio", "version": 1, "expression": "d = a + b",
          "inputs": {"a": {"shape": [2], "values": [1, None]}}, "upstream": None, "start": None, "cursor": 1,
          "selection": None, "positions": {}}
    assert np.isnan(load_session(write(tmp_path, v1))["inputs"]["a"][1])


@pytest.mark.parametrize("change, message", [
    ({"colour": "red"}, "unknown key 'colour'"),
    ({"cursor": 2}, "unknown key 'cursor'"),                      # a version 1 key in version 2
    ({"view": {"cursor": 1, "zoom": 2}}, "unknown key 'zoom'"),
    ({"view": {"cursor": -1}}, "cursor"),
    ({"rng_seed": 1.5}, "rng_seed"),
    ({"inputs": {"a": {"shape": [2], "dtype": "complex128", "values": [1, 2]}}}, "dtype"),
    ({"inputs": {"a": {"shape": [2], "dtype": "int64", "values": [1, 2.5]}}}, "whole"),
    ({"inputs": {"a": {"shape": [2], "values": [1, None]}}}, "numbers"),   # null is version 1's NaN
    ({"inputs": {"a": {"shape": [2], "values": [1, "NaN"]}}}, "numbers"),
    ({"positions": {"a": ["nan", 1]}}, "positions"),
])
def test_a_version_2_session_that_breaks_a_rule_is_refused(tmp_path, change, message):
    with pytest.raises(SessionError, match=message):
        load_session(write(tmp_path, V2 | change))


def test_a_version_1_file_keeps_labels_written_as_integers(tmp_path):
    v1 = {"format": "backprop-studio", "version": 1, "expression": "y = labels(2, 3)\nd = a + 1",
          "inputs": {"y": {"shape": [2], "values": [2, 0]}, "a": {"shape": [2], "values": [1.5, 2]}},
          "upstream": None, "start": None, "cursor": 0, "selection": None, "positions": {}}
    inputs = load_session(write(tmp_path, v1))["inputs"]
    assert inputs["y"].dtype == np.int64 and inputs["a"].dtype == np.float64
