"""Cross-check with PyTorch: optional, its absence a message with the install line."""
import json
import subprocess
import sys

import numpy as np
import pytest

import engine
from engine.torch_check import INSTALL_LINE

SEED = "a = randn(2, 3)\nb = randn(3, 4)\nc = randn(4)\nd = a @ b + c\ne = tanh(d)"
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
