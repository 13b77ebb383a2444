"""main.py from the outside: headless screenshots, flags, exit statuses, the platform check."""
import json
import os
import subprocess
import sys

import pytest

from gui.app import platform_check

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def run(*args, env=ENV):
    return subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=ROOT)


def png_size(path):
    """(width, height) from a PNG's IHDR chunk, without Qt."""
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


@pytest.mark.parametrize("args, size", [
    ([], (1600, 1000)),
    (["--size", "1200x800", "--steps", "2", "--select", "d[1,0]"], (1200, 800)),
    (["--steps", "99", "--select", "grad a[0,0]", "--size", "900x700"], (900, 700)),
])
def test_screenshot_writes_a_png_of_the_asked_size(tmp_path, args, size):
    out = tmp_path / "shot.png"
    r = run("--screenshot", str(out), *args)
    assert r.returncode == 0, r.stderr
    assert png_size(out) == size
    assert "Traceback" not in r.stderr


def test_a_broken_expression_still_renders(tmp_path):
    out = tmp_path / "shot.png"
    r = run("--screenshot", str(out), "--expr", "d = a @ (b +")
    assert r.returncode == 0 and out.stat().st_size > 10_000


def test_a_session_file_opens(tmp_path):
    session = tmp_path / "s.json"
    session.write_text(json.dumps({"format": "backprop-studio", "version": 1, "expression": "d = a * b",
                                   "inputs": {}, "upstream": None, "start": None, "cursor": 2,
                                   "selection": "d[0,1]", "positions": {}}))
    r = run("--screenshot", str(tmp_path / "shot.png"), "--open", str(session))
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("args, message", [
    (["--bogus"], "unrecognized"),
    (["--size", "big"], "WxH"),
    (["--scale", "9"], "0.5 to 3"),
    (["--theme", "pink"], "invalid choice"),
    (["--steps", "-1"], "steps"),
    (["--open", "/no/such/file.json"], "cannot read"),
    (["--select", "zz[0,0]"], "no value named 'zz'"),
    (["--select", "d[5,5]"], "outside"),
    (["--expr", "d = a", "--open", "x.txt"], "not allowed"),
])
def test_a_bad_flag_or_file_exits_2_with_one_message(tmp_path, args, message):
    r = run("--screenshot", str(tmp_path / "x.png"), *args)
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if "propagateSizeHints" not in line]
    assert len(lines) == 1 and message in lines[0], r.stderr
    assert not (tmp_path / "x.png").exists()


def test_help_lists_every_flag():
    r = run("--help")
    assert r.returncode == 0
    for flag in ("--expr", "--open", "--steps", "--select", "--size", "--screenshot", "--export", "--rng-seed"):
        assert flag in r.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is Linux's")
def test_no_display_points_to_screenshot():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = run(env=env)
    assert r.returncode == 1 and "--screenshot" in r.stderr and "Traceback" not in r.stderr


# -- the platform check, without starting anything ------------------------------------------------
def test_platform_check_names_missing_xcb_libraries_and_the_apt_line():
    message = platform_check.problem({"DISPLAY": ":0"}, "linux", load=lambda so: "cursor" not in so)
    assert "libxcb-cursor0" in message and platform_check.APT_LINE in message
    assert "libxcb-icccm4" in platform_check.APT_LINE


def test_platform_check_passes_with_a_display_and_every_library():
    assert platform_check.problem({"DISPLAY": ":0"}, "linux", load=lambda so: True) is None


def test_platform_check_without_a_display():
    assert "--screenshot" in platform_check.problem({}, "linux")


def test_platform_check_leaves_other_platforms_and_offscreen_alone():
    assert platform_check.problem({}, "darwin") is None
    assert platform_check.problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert platform_check.problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", load=lambda so: False) is None


def test_main_opens_a_session_as_the_window_s_file(qapp, tmp_path, monkeypatch):
    """In process: --open makes the file the window's own, so Ctrl+S writes back to it."""
    import main
    session = tmp_path / "s.json"
    session.write_text(json.dumps({"format": "backprop-studio", "version": 1, "expression": "d = a * b",
                                   "inputs": {}, "upstream": None, "start": None, "cursor": 2,
                                   "selection": "d[0,1]", "positions": {}}))
    monkeypatch.setattr(main, "settings_for", lambda args: None)
    args = main.parser().parse_args(["--open", str(session)])
    app, window = main.start(args, main.read_document(args, print), print)
    assert window.files.path == str(session) and "s.json" in window.windowTitle()
    assert window.controller.session.cursor == 2 and window.controller.selected_entry == ("d", (0, 1), False)
    window.close()


def test_an_expression_too_large_for_memory_renders_with_its_error(tmp_path):
    out = tmp_path / "huge.png"
    run = subprocess.run([sys.executable, "main.py", "--screenshot", str(out), "--expr",
                          "a = randn(100000, 100000); d = a @ a"], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and out.stat().st_size > 10_000
