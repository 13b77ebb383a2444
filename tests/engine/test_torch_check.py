"""Cross-check with PyTorch: optional, its absence a message with the install line."""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import engine
from engine.crosscheck import INSTALL_LINE

SEED = "a = randn(2, 3)\nb = randn(3, 4)\nc = randn(4)\nd = a @ b + c\ne = tanh(d)"
needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                                 reason="PyTorch is optional: pip install torch==2.13.0")
WITHOUT_TORCH = "import sys; sys.modules['torch'] = None; from engine.__main__ import run; sys.exit(run())"


def cli(*args, without_torch=False):
    prefix = ["-c", WITHOUT_TORCH] if without_torch else ["-m", "engine"]
    return subprocess.run([sys.executable, *prefix, *args], capture_output=True, text=True)


def test_without_torch_the_check_says_how_to_install_it():
    r = cli("check", SEED, "--torch", without_torch=True)
    assert r.returncode == 2 and r.stdout == ""
    assert INSTALL_LINE in r.stderr and INSTALL_LINE == "pip install torch==2.13.0"
    assert "Traceback" not in r.stderr
    assert cli("check", SEED, without_torch=True).returncode == 0   # the check alone needs no torch


def test_torch_is_no_dependency():
    r = subprocess.run([sys.executable, "-c", "import engine, engine.cli, sys; print('torch' in sys.modules)"],
                       capture_output=True, text=True)
    assert r.stdout.strip() == "False"


@needs_torch
def test_torch_agrees_with_the_engine_on_every_value_and_gradient():
    r = cli("check", SEED + "\nf = exp(a)", "--start", "e", "--torch", "--format", "json")
    assert r.returncode == 0, r.stderr
    torch = json.loads(r.stdout)["torch"]
    assert set(torch) == {"a", "b", "c", "d", "e", "f"}
    assert torch["f"]["grad_max_diff"] is None          # f has no path to e
    for name in "abcde":
        assert torch[name]["value_max_diff"] <= 1e-12 and torch[name]["grad_max_diff"] <= 1e-12
    text = cli("check", SEED, "--torch")
    assert text.returncode == 0 and "torch a: value max diff" in text.stdout


@needs_torch
def test_the_api_takes_float32_inputs_and_checks_in_float64():
    x = np.array([[0.5, -1.5], [2.0, 0.25]], dtype=np.float32)
    report = engine.torch_check("y = sigmoid(x) * x", inputs={"x": x})
    assert report["x"]["grad_max_diff"] <= 1e-12


@needs_torch
def test_labels_cross_the_bridge_as_integers_without_a_warning():
    example = Path(__file__).parents[2] / "resources" / "examples" / "cross_entropy.txt"
    r = cli("check", f"@{example}", "--torch", "--json")
    assert r.returncode == 0 and r.stderr == ""
    torch = json.loads(r.stdout)["torch"]
    assert torch["y"] == {"value_max_diff": 0.0, "grad_max_diff": None}


@needs_torch
def test_given_labels_stay_integers():
    example = (Path(__file__).parents[2] / "resources" / "examples" / "cross_entropy.txt").read_text(encoding="utf-8")
    labels = engine.grad(example).values["y"]
    report = engine.torch_check(example, inputs={"y": np.array(labels)})
    assert report["x"]["grad_max_diff"] <= 1e-12
