"""Arrays out: every value and gradient of a pass in one .npz, keyed as `grad --json` names them."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import engine
from engine import npz

SEED = "a = randn(2, 3)\nb = randn(3, 4)\nc = randn(4)\nd = a @ b + c\ne = tanh(d)"


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "engine", *args], capture_output=True, text=True, cwd=cwd)


def test_keys_are_the_values_and_their_gradients():
    result = engine.grad(SEED, start="d")
    arrays = engine.arrays_npz(result)
    assert set(arrays) == set(result.values) | {"grad_" + n for n in result.grads}
    assert "grad_e" not in arrays   # e does not reach the start node d
    np.testing.assert_array_equal(arrays["grad_a"], result.grads["a"])


def test_the_cli_writes_exactly_the_names_and_numbers_of_grad_json(tmp_path):
    out = tmp_path / "pass.npz"
    written = cli("grad", SEED, "--start", "d", "--npz", str(out), "--json")
    assert written.returncode == 0, written.stderr
    shown = json.loads(written.stdout)
    with np.load(out, allow_pickle=False) as z:
        assert set(z.files) == set(shown["values"]) | {"grad_" + n for n in shown["grads"]}
        for name, value in shown["values"].items():
            assert z[name].tolist() == value
        for name, g in shown["grads"].items():
            assert z["grad_" + name].tolist() == g


def test_float32_inputs_stay_float32_and_the_file_name_is_kept(tmp_path):
    x = np.array([[1.5, -2.0]], dtype=np.float32)
    path = tmp_path / "arrays.out"    # no .npz appended, unlike numpy.savez
    engine.export_npz(engine.grad("y = x * x", {"x": x}), path)
    with np.load(path) as z:
        assert z["x"].dtype == np.float32 and z["grad_x"].tolist() == [[3.0, -4.0]]


def test_any_value_name_is_a_key_even_savez_own_keywords(tmp_path):
    engine.export_npz(engine.grad("file = a * 2\nallow_pickle = file + 1"), tmp_path / "k.npz")
    with np.load(tmp_path / "k.npz") as z:
        assert {"file", "grad_file", "allow_pickle"} <= set(z.files)


def test_a_value_named_like_a_gradient_is_refused(tmp_path):
    out = tmp_path / "x.npz"
    refused = cli("grad", "grad_a = a @ b", "--npz", str(out))
    assert refused.returncode == 2
    assert "'grad_a' would read as the gradient of 'a'" in refused.stderr
    assert "Traceback" not in refused.stderr and not out.exists()
    with pytest.raises(engine.InputError, match="grad_x"):
        engine.arrays_npz(engine.grad("grad_x = a + 1"))


def test_an_unwritable_place_is_a_message():
    refused = cli("grad", "d = a", "--npz", "/nonexistent-folder/x.npz")
    assert refused.returncode == 2 and refused.stderr.startswith("error: cannot write /nonexistent-folder/x.npz")


def test_a_write_that_fails_midway_leaves_the_earlier_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "x.npz"
    path.write_bytes(b"earlier")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(npz.np.lib.format, "write_array", disk_full)
    with pytest.raises(engine.InputError, match="No space left"):
        engine.export_npz(engine.grad("d = a"), path)
    assert path.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["x.npz"]


def test_labels_are_written_as_integers_with_no_gradient(tmp_path):
    example = Path(__file__).parents[2] / "resources" / "examples" / "cross_entropy.txt"
    result = engine.grad(example.read_text(encoding="utf-8"))
    engine.export_npz(result, tmp_path / "ce.npz")
    with np.load(tmp_path / "ce.npz") as z:
        assert z["y"].dtype == np.int64 and "grad_y" not in z.files and "grad_x" in z.files
    with pytest.raises(engine.InputError, match="y holds class labels"):
        engine.compare(example.read_text(encoding="utf-8"), {"y": np.zeros(result.values["y"].shape)})
