"""Open, Save, Save As and recent files for the main window. The file format lives in
gui.model.session_file; this is the part with dialogs and messages."""
import os

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

import engine
from gui.model.session_file import SessionError, load_session, save_session

FILTER = "Sessions and expressions (*.json *.txt);;Sessions (*.json);;Expressions (*.txt);;All files (*)"
MAX_RECENT = 8


class SessionFiles:
    """The window's current file and the recent files list (kept in QSettings when given)."""

    def __init__(self, window, controller, settings):
        self.window, self.controller, self.settings = window, controller, settings
        self.path = None
        self.memory = []    # the recent list when there are no settings
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def display_name(self):
        return os.path.basename(self.path) if self.path else ""

    # -- recent files ------------------------------------------------------------------------------
    def recent(self):
        if self.settings is None:
            return list(self.memory)
        value = self.settings.value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def remember(self, path):
        paths = [os.path.abspath(path)] + [p for p in self.recent() if p != os.path.abspath(path)]
        paths = paths[:MAX_RECENT]
        if self.settings is None:
            self.memory = paths
        else:
            self.settings.setValue("recent", paths)

    def fill_recent_menu(self):
        self.recent_menu.clear()
        for path in self.recent():
            self.recent_menu.addAction(path, lambda p=path: self.open_path(p))
        self.recent_menu.setEnabled(True)
        if not self.recent_menu.actions():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # -- open and save ---------------------------------------------------------------------------
    def open_dialog(self):
        path, _ = QFileDialog.getOpenFileName(self.window, "Open session or expression", self.folder(),
                                              FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path):
        """Open `path`; a corrupt or unsuitable file is refused with a message, nothing changed.
        The whole file is checked before the document is swapped (load_session, then the pass in
        open_document), so any failure leaves the window, its document and its file name as they were."""
        shown = self.controller.model.document
        try:
            doc = load_session(path)
            self.controller.open_document(doc)
        except (SessionError, engine.EngineError) as exc:
            self.refuse("Cannot open this file", str(exc))
            return False
        except Exception as exc:   # noqa: BLE001 - a file must never cost the open document
            self.unexpected(path, exc, shown)
            return False
        self.opened(path, doc)
        return True

    def unexpected(self, path, exc, shown):
        """An error no check foresaw. Should it have come after the swap, the document shown is no
        longer the file's: Save must then ask where, never write it over the old file."""
        if self.controller.model.document is not shown:
            self.path = None
            self.window.update_title()
        self.refuse("Cannot open this file", f"{path}: {type(exc).__name__}: {exc}")

    def opened(self, path, doc):
        """`path` was opened: Save writes back to a session (never over a plain expression file)."""
        self.path = path if "format" in doc else None
        self.remember(path)
        self.window.update_title()

    def save(self):
        return self.save_to(self.path) if self.path else self.save_as()

    def save_as(self):
        path, _ = QFileDialog.getSaveFileName(self.window, "Save session", self.path or self.folder(),
                                              "Sessions (*.json)")
        if not path:
            return False
        return self.save_to(path if path.endswith(".json") else path + ".json")

    def save_to(self, path):
        try:
            save_session(path, self.controller.document())
        except SessionError as exc:
            self.refuse("Cannot save", str(exc))
            return False
        self.path = path
        self.remember(path)
        self.controller.undo_stack.setClean()
        self.window.update_title()
        return True

    def folder(self):
        recent = self.recent()
        return os.path.dirname(recent[0]) if recent else os.getcwd()

    def refuse(self, title, message):
        QMessageBox.warning(self.window, title, message)
