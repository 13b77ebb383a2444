"""Compare with mine: her gradients (.npy) against the engine's, entry by entry."""
import json
import subprocess
import sys

import numpy as np
import pytest

import engine

SEED = "a = randn(2, 3)\nb = randn(3, 4)\nc = randn(4)\nd = a @ b + c"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "engine", *args], capture_output=True, text=True)


@pytest.fixture
def own_gradients(tmp_path):
    """The engine's own ∂L/∂a, ∂L/∂b, ∂L/∂c, taken from `grad --npz` and saved as her .npy files."""
    assert cli("grad", SEED, "--npz", str(tmp_path / "pass.npz")).returncode == 0
    with np.load(tmp_path / "pass.npz") as z:
        for name in "abc":
            np.save(tmp_path / f"d{name}.npy", z["grad_" + name])
    return {name: tmp_path / f"d{name}.npy" for name in "abc"}


def mine_args(files):
    return [arg for name, path in files.items() for arg in ("--mine", f"{name}={path}")]


def test_the_engines_own_gradients_compare_equal(own_gradients):
    r = cli("compare", SEED, *mine_args(own_gradients), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] and set(report["nodes"]) == {"a", "b", "c"}
    for node in report["nodes"].values():
        assert (node["max_abs"], node["max_rel"], node["wrong"]) == (0, 0, 0)


def test_one_entry_changed_is_found_and_listed_first(own_gradients):
    wrong = np.load(own_gradients["a"])
    engines = wrong[1, 2]
    wrong[1, 2] += 0.01
    np.save(own_gradients["a"], wrong)
    r = cli("compare", SEED, *mine_args(own_gradients), "--json")
    assert r.returncode == 1
    node = json.loads(r.stdout)["nodes"]["a"]
    assert node["wrong"] == 1 and node["max_abs"] == pytest.approx(0.01)
    first = node["worst"][0]
    assert (first["entry"], first["mine"], first["engine"]) == ("a[1,2]", wrong[1, 2], engines)
    assert first["error"] == pytest.approx(0.01) and {"entry", "mine", "engine", "error"} <= set(first)
    text = cli("compare", SEED, *mine_args(own_gradients))
    assert text.returncode == 1 and "∂L/∂a: 1 entry off" in text.stdout and "a[1,2]: mine" in text.stdout


def test_max_rel_divides_by_the_tolerance_floor_where_the_gradient_is_zero():
    x = np.array([[0.0, 2.0]])
    report = engine.compare("y = x * x", {"x": np.array([[1e-7, 4.0]])}, inputs={"x": x})
    node = report["nodes"]["x"]
    assert report["ok"] and node["wrong"] == 0
    assert node["max_rel"] == pytest.approx(1e-7 / 1e-6)


def test_a_value_that_is_not_a_number_is_wrong_and_listed_first():
    mine = np.array([[1.0, np.nan], [1.0, 1.0]])
    report = engine.compare("d = a + b", {"a": mine})
    node = report["nodes"]["a"]
    assert not report["ok"] and node["wrong"] == 1 and node["worst"][0]["entry"] == "a[0,1]"


@pytest.mark.parametrize("program, name, array, message", [
    ("d = a @ b\ne = a", "d", np.ones((2, 2)), "d has no gradient to compare with: it has no path to L"),
    ("c = randn(2)\nd = a + c", "c", np.ones((2, 2)), "has shape (2, 2), but ∂L/∂c has c's shape (2,)"),
    ("d = a + b", "x", np.ones((2, 2)), "no value named 'x'"),
])
def test_a_gradient_that_does_not_fit_is_refused(tmp_path, program, name, array, message):
    np.save(tmp_path / "mine.npy", array)
    r = cli("compare", program, "--mine", f"{name}={tmp_path / 'mine.npy'}")
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(engine.InputError):
        engine.compare(program, {name: array})


def test_mine_is_required_and_written_name_equals_path():
    assert cli("compare", SEED).returncode == 2
    r = cli("compare", SEED, "--mine", "a.npy")
    assert r.returncode == 2 and "--mine takes NAME=FILE.npy" in r.stderr
