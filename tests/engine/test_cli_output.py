"""Every CLI command takes --format (--json its alias) and stops quietly, with no traceback, when the
reader of its output goes away."""
import os
import subprocess
import sys

import numpy as np
import pytest

from engine.__main__ import CLOSED_PIPE_STATUS
from engine.cli import build_parser

SEED = "d = a @ b + c"
COMMANDS = [
    ["grad", SEED], ["grad", SEED, "--json"], ["grad", SEED, "--format", "json"],
    ["check", SEED], ["check", SEED, "--format", "json"],
    ["explain", SEED, "--entry", "a[0,0]"], ["explain", SEED, "--entry", "a[0,0]", "--format", "latex"],
    ["explain", SEED, "--entry", "d[0,0]", "--forward", "--json"],
    ["export", SEED], ["export", SEED, "--to", "torch", "--json"],
]


def run_with_closed_stdout(args):
    """Run `python -m engine ARGS` with a stdout pipe whose reading end is already closed."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "engine", *args], stdout=write_end,
                              stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    return proc


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_pipe_stops_the_command_quietly(args):
    proc = run_with_closed_stdout(args)
    assert proc.stderr == ""
    assert proc.returncode == CLOSED_PIPE_STATUS


def test_compare_stops_quietly_too(tmp_path):
    np.save(tmp_path / "da.npy", np.ones((2, 2)))
    for fmt in ("text", "json"):
        proc = run_with_closed_stdout(["compare", SEED, "--mine", f"a={tmp_path / 'da.npy'}", "--format", fmt])
        assert (proc.stderr, proc.returncode) == ("", CLOSED_PIPE_STATUS)


def test_a_reader_that_stops_early_gets_no_traceback():
    """`grad … --json | head -c 10`: the output is far larger than the pipe's buffer."""
    proc = subprocess.Popen([sys.executable, "-m", "engine", "grad", "a = randn(300, 300); d = a @ a", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait()
    assert head == b'{"values":'
    assert stderr == b""
    assert proc.returncode == CLOSED_PIPE_STATUS


def test_an_open_pipe_still_gets_everything():
    proc = subprocess.run([sys.executable, "-m", "engine", "grad", SEED, "--format", "json"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith('{"values"') and proc.stdout.endswith("}\n")


@pytest.mark.parametrize("command", ["grad", "check", "explain", "compare", "export", "paths"])
def test_every_command_takes_format_and_json_as_its_alias(command):
    parser = build_parser()
    rest = {"explain": ["--entry", "a[0,0]"], "paths": ["--entry", "a[0,0]"],
            "compare": ["--mine", "a=x.npy"]}.get(command, [])
    assert parser.parse_args([command, SEED, *rest]).format == "text"
    assert parser.parse_args([command, SEED, *rest, "--format", "json"]).format == "json"
    assert parser.parse_args([command, SEED, *rest, "--json"]).format == "json"
