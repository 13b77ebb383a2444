"""File ▸ Examples: every file of resources/examples/, titled by what it is about (a text file by
its first comment line, a session by its `title` field, any other by its name)."""
import json
import os

from PySide6.QtWidgets import QMenu

from gui.resources import resource


def example_title(path):
    """The menu text of an example: a text file's first comment line (up to its colon, when it has
    one), a session's "title" field, else the file's name."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return os.path.basename(path)
    if path.lower().endswith(".json"):
        try:
            title = json.loads(text).get("title")
        except (ValueError, AttributeError):
            title = None
        return title if isinstance(title, str) and title.strip() else os.path.basename(path)
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    if not first.startswith("#"):
        return os.path.basename(path)
    return first.lstrip("#").strip().split(":")[0].strip() or os.path.basename(path)


def examples(folder):
    """(title, path) of every file of `folder`, in the order of their names."""
    try:
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
    except OSError:
        return []
    paths = [os.path.join(folder, n) for n in names]
    return [(example_title(p), p) for p in paths if os.path.isfile(p)]


class ExamplesMenu:
    """The submenu; choosing an example asks about unsaved changes first, then opens it."""

    def __init__(self, window, files, folder=None):
        self.files, self.folder = files, folder or resource("examples")
        self.menu = QMenu("&Examples", window)
        self.menu.aboutToShow.connect(self.fill)   # read when opened, not at start

    def fill(self):
        self.menu.clear()
        for title, path in examples(self.folder):
            action = self.menu.addAction(title, lambda p=path: self.open(p))
            action.setStatusTip(os.path.basename(path))
        if not self.menu.actions():
            self.menu.addAction("(no examples found)").setEnabled(False)

    def open(self, path):
        if self.files.may_replace():
            self.files.open_path(path)
