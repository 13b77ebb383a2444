"""Saves never corrupt and never surprise: modes kept, symlinks followed, failures clean. Not collected on its own (the file name does not start with test_): test_app_items runs it
in a child pytest with a time limit and a memory cap, so a regression fails that one test, not the run."""
import errno
import json
import os
import stat

import pytest

from gui.model import safe_write
from gui.model.session_file import SessionError, save_session
from tests.gui.conftest import SEED_TEXT
from tests.hostile.harness import refusals


# -- saves never corrupt, never surprise ---------------------------------------------------------------------
@pytest.fixture
def doc(controller):
    return controller.document()


def strays(folder):
    return [n for n in os.listdir(folder) if n.startswith(".save-")]


@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, doc, monkeypatch, code):
    path = tmp_path / "s.json"
    path.write_text("the old file\n")

    def fail(fd, data):
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(safe_write.os, "write", fail)
    with pytest.raises(SessionError, match=os.strerror(code)):
        save_session(str(path), doc)
    assert path.read_bytes() == b"the old file\n" and strays(tmp_path) == []


def test_a_failed_rename_leaves_no_temporary(tmp_path, doc, monkeypatch):
    def fail(src, dst):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
    monkeypatch.setattr(safe_write.os, "replace", fail)
    with pytest.raises(SessionError):
        save_session(str(tmp_path / "s.json"), doc)
    assert os.listdir(tmp_path) == []


def test_an_existing_file_keeps_its_permission_bits(tmp_path, doc):
    path = tmp_path / "shared.json"
    path.write_text("{}")
    os.chmod(path, 0o644)
    save_session(str(path), doc)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_a_new_file_follows_the_umask(tmp_path, doc):
    old = os.umask(0o027)
    try:
        save_session(str(tmp_path / "new.json"), doc)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.json").st_mode) == 0o640


def test_a_symlink_is_written_through_to_its_target(tmp_path, doc):
    target, link = tmp_path / "real.json", tmp_path / "link.json"
    target.write_text("{}")
    link.symlink_to(target)
    save_session(str(link), doc)
    assert link.is_symlink() and json.loads(target.read_text())["expression"] == SEED_TEXT


@pytest.mark.parametrize("kind", ["folder", "device", "unwritable"])
def test_a_target_that_cannot_hold_a_session_is_refused(tmp_path, doc, monkeypatch, kind):
    path = tmp_path / "target"
    if kind == "folder":
        path.mkdir()
    elif kind == "device":
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))   # what /dev/null is
    else:
        path.write_text("kept")
        monkeypatch.setattr(safe_write.os, "access", lambda p, mode: False)   # root may write anything
    before = os.lstat(path)
    with pytest.raises(SessionError, match="cannot save"):
        save_session(str(path), doc)
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino) and strays(tmp_path) == []


def test_the_save_action_reports_a_failed_write_and_keeps_the_file(window, tmp_path, monkeypatch):
    path = tmp_path / "A.json"
    window.files.save_to(str(path))
    saved = path.read_bytes()
    shown = refusals(window, monkeypatch)
    window.controller.seek(3)
    monkeypatch.setattr(safe_write.os, "write", lambda fd, data: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    window.actions["save"].trigger()
    assert len(shown) == 1 and "No space" in shown[0]
    assert path.read_bytes() == saved and strays(tmp_path) == []
