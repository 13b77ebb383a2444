"""Autosave and recovery: while a window has unsaved changes, its document (with the View: step and
selection) is written to a recovery file in the app-data folder a few seconds after each change;
a clean exit removes it. The next start offers the file of a window that did not exit cleanly.

Each window's file is named by its process id and guarded by a QLockFile held while it lives: a
file whose lock can be taken belongs to a process that is gone (QLockFile tells a stale lock by
its process id), so a live window's file is never offered. Headless runs make no Recovery."""
import glob
import os
import time

from PySide6.QtCore import QLockFile, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import engine
from gui.model.session_file import SessionError, load_session, save_session

DELAY_MS = 2000   # after the last change: a burst of edits is written once


def folder():
    path = os.path.join(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation),
                        "recovery")
    os.makedirs(path, exist_ok=True)
    return path


def lock_of(path):
    return QLockFile(os.path.splitext(path)[0] + ".lock")


class Recovery:
    """The window's own recovery file, written DELAY_MS after each change while there are unsaved
    changes, removed once there are none and at a clean exit."""

    def __init__(self, window):
        self.window, self.controller = window, window.controller
        self.path = os.path.join(folder(), f"recovery-{os.getpid()}.json")
        self.lock = lock_of(self.path)
        self.lock.tryLock(0)
        self.timer = QTimer(window, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.write)
        c = self.controller
        for signal in (c.undo_stack.indexChanged, c.undo_stack.cleanChanged, c.step_changed, c.entry_selected,
                       c.node_selected, c.text_replaced):
            signal.connect(self.timer.start)
        QApplication.instance().aboutToQuit.connect(self.finish)
        self.timer.start()   # a document from the command line is unsaved from the start

    def write(self):
        if not self.window.files.unsaved():
            self.remove()
            return
        try:
            save_session(self.path, self.controller.document())
        except SessionError as exc:   # recovery is a safety net: a failure is told, never fatal
            self.window.statusBar().showMessage(f"Cannot write the recovery file: {exc}", 8000)

    def remove(self):
        if os.path.exists(self.path):
            os.remove(self.path)

    def finish(self):
        """A clean exit: the file goes, and the lock with it."""
        self.timer.stop()
        self.remove()
        self.lock.unlock()


def orphans(own=None):
    """(path, lock) of every recovery file whose window is gone, newest first; each lock is held."""
    found = []
    for path in glob.glob(os.path.join(folder(), "recovery-*.json")):
        lock = lock_of(path)
        if path != own and lock.tryLock(0):
            found.append((path, lock))
    return sorted(found, key=lambda p: os.path.getmtime(p[0]), reverse=True)


def offer(window):
    """Offer each orphaned recovery file: Restore opens it as an unsaved document; Discard (or a
    file that no longer opens) removes it."""
    own = window.recovery.path if getattr(window, "recovery", None) else None
    for path, lock in orphans(own):
        when = time.strftime("%d %b %H:%M", time.localtime(os.path.getmtime(path)))
        Button = QMessageBox.StandardButton
        answer = QMessageBox.question(window, "Restore unsaved work",
                                      f"Backprop Studio did not close cleanly. Restore the unsaved work of {when}?",
                                      Button.Yes | Button.Discard, Button.Yes)
        if answer == Button.Yes:
            restore(window, path)
        os.remove(path)
        lock.unlock()


def restore(window, path):
    try:
        opened = window.controller.open_document(load_session(path))
    except (SessionError, engine.EngineError) as exc:
        window.statusBar().showMessage(f"Cannot restore: {exc}", 8000)
        return
    window.files.opened(None, {})
    window.files.new = opened   # restored work is unsaved until saved
    window.update_title()
