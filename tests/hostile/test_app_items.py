"""Hostile input to the app: sessions, flags and files, refused with one message and exit status 2
(or, in the window, a message and nothing changed); never a hang, a crash or lost work."""
import json
import os

import pytest

from gui.model.session_file import SessionError, load_session, save_session
from tests.hostile import corpus
from tests.hostile.harness import APP_MEMORY, ROOT, app, assert_refused, run

SESSION = os.path.join(ROOT, "resources", "examples", "seed_step6.json")
@pytest.mark.parametrize("cases", ["opening", "layout", "saving"])
def test_app_cases_in_a_capped_child(cases):
    """Opening (all or nothing), layout (bounded) and saving (never corrupt) cases, in a child
    pytest with a time limit and a memory cap: a hang or a runaway fails this test alone."""
    out = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", f"tests/hostile/cases_{cases}.py"],
              timeout=300, memory=APP_MEMORY)
    assert out.returncode == 0, out.stdout.decode(errors="replace")[-3000:]


def session_text(**change):
    with open(SESSION, encoding="utf-8") as f:
        return json.dumps(json.load(f) | change)


def write(tmp_path, text, name="s.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- a session's numbers --------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [("inputs", "a", "values", 0, 0), ("upstream", 1, 1), ("positions", "d", 0),
                                  ("cursor",), ("version",), ("inputs", "c", "shape", 0)])
@pytest.mark.parametrize("limit", corpus.NEVER)
def test_a_number_no_session_can_hold_is_refused(tmp_path, path, limit):
    """400-digit integers raised OverflowError; 1e999 was read as inf; `true` passed as 1."""
    text = corpus.with_raw_number(corpus.seed_document(), path, corpus.LIMITS[limit])
    with pytest.raises(SessionError):
        load_session(write(tmp_path, text))


@pytest.mark.parametrize("position", [[0, 1e20], [-1e7, 0], [1e308, 1e308]])
def test_a_position_off_any_canvas_is_refused(tmp_path, position):
    path = write(tmp_path, session_text(positions={"a": position}))
    with pytest.raises(SessionError, match="positions"):
        load_session(path)
    assert_refused(app("--screenshot", str(tmp_path / "x.png"), "--open", str(path), timeout=60), "positions")


def test_a_session_with_a_byte_order_mark_opens(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + session_text().encode())
    assert load_session(path)["cursor"] == 6


# -- flags -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("flags, words", [
    (["--select", "d[0,,1]"], "NAME[i,j]"), (["--select", "a[0 1]"], "NAME[i,j]"),
    (["--rng-seed", "-1"], "--rng-seed"), (["--steps", "٣"], "--steps"),
    (["--size", "40000x40000"], "8192"), (["--size", "00x00"], "64"),
    (["--expr", "d = a @ ?", "--select", "d[0,,0]"], "NAME[i,j]")])
def test_a_bad_flag_is_one_message(tmp_path, flags, words):
    assert_refused(app("--screenshot", str(tmp_path / "x.png"), *flags, timeout=60), words)
    assert not (tmp_path / "x.png").exists()


def test_a_session_with_a_malformed_selection_exits_2_without_a_traceback(tmp_path):
    path = write(tmp_path, session_text(selection="x[0,,0]"))
    assert_refused(app("--screenshot", str(tmp_path / "x.png"), "--open", str(path), timeout=60), "selection")


# -- files that are not regular files ----------------------------------------------------------------------
def test_a_device_fifo_or_folder_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo), str(tmp_path)):
        assert_refused(app("--screenshot", str(tmp_path / "x.png"), "--open", path, timeout=60), "not a regular file")


def test_a_screenshot_is_not_written_into_a_fifo_or_a_device(tmp_path):
    """Qt's write to a FIFO waits for a reader forever; a device swallows the picture."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/full", str(tmp_path)):
        assert_refused(app("--screenshot", path, timeout=60), "not a regular file")


# -- a program's size --------------------------------------------------------------------------------------
def test_twenty_thousand_declarations_open_with_their_error(tmp_path):
    text = "\n".join(f"v{i} = randn(1)" for i in range(20_000)) + "\nd = v0 * 2\n"
    path = write(tmp_path, text, "many.txt")
    out = app("--screenshot", str(tmp_path / "x.png"), "--open", str(path), timeout=120)
    assert out.returncode == 0, out.stderr[-800:]
    assert (tmp_path / "x.png").stat().st_size > 0


# -- messages ------------------------------------------------------------------------------------------------
def test_no_numpy_warning_reaches_the_apps_stderr(tmp_path):
    """Numbers at the float limit overflow in the heatmaps' statistics and in pyqtgraph's scaling."""
    text = corpus.with_raw_number(corpus.seed_document(), ("inputs", "b", "values", 0, 0), corpus.LIMITS["max_float"])
    path = write(tmp_path, text)
    out = app("--screenshot", str(tmp_path / "x.png"), "--open", str(path), "--select", "grad a[0,0]", timeout=120)
    assert out.returncode == 0 and b"Warning" not in out.stderr, out.stderr[-800:]


def test_a_node_dragged_far_away_saves_a_session_that_opens(controller, tmp_path):
    node = sorted(controller.model.shown.places())[0]
    controller.move_nodes({node: (5e7, -3.0)})
    path = tmp_path / "far.json"
    save_session(str(path), controller.document())
    assert load_session(path)["positions"][node] == [1e6, -3.0]
