"""The window's actions in one table: text, keys, tooltip and menu. The menus, the toolbar
and Help ▸ Keyboard shortcuts are all built from it, so they cannot disagree."""
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QStyle,
                               QTextEdit)
from shiboken6 import isValid


class ActionSpec(NamedTuple):
    name: str         # the window's slot is `on_<name>`
    text: str
    keys: tuple       # the first is the one shown in menus
    tip: str
    menu: str
    icon: str = ""    # a QStyle standard pixmap (fonts often lack the ⏮ ⏭ ⏯ glyphs)


SPECS = (
    ActionSpec("new", "&New", ("Ctrl+N",), "Start an empty graph", "File"),
    ActionSpec("open", "&Open…", ("Ctrl+O",), "Open a session or an expression file", "File"),
    ActionSpec("save", "&Save", ("Ctrl+S",), "Save the session", "File"),
    ActionSpec("save_as", "Save &As…", ("Ctrl+Shift+S",), "Save the session to a new file", "File"),
    ActionSpec("export", "&Export…", ("Ctrl+E",),
               "Export the step as a picture (PNG, SVG) or a handout (Markdown, LaTeX)", "File"),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "Quit Backprop Studio", "File"),
    ActionSpec("step_forward", "Step forward", ("F10", "Right"), "Do the next step", "Run",
               "SP_MediaSeekForward"),
    ActionSpec("step_back", "Step back", ("Shift+F10", "Left"), "Go back one step", "Run",
               "SP_MediaSeekBackward"),
    ActionSpec("to_start", "To start", ("Home",), "Back to the inputs (no step done)", "Run",
               "SP_MediaSkipBackward"),
    ActionSpec("to_end", "To end", ("End",), "Do every step", "Run", "SP_MediaSkipForward"),
    ActionSpec("play", "Play/Pause", ("F5",), "Step forward at the chosen speed", "Run", "SP_MediaPlay"),
    ActionSpec("check", "Check gradients", ("Ctrl+Shift+G",),
               "Compare every gradient with central differences", "Run"),
    ActionSpec("predict", "Predict first", ("Ctrl+Shift+P",),
               "Hide a selected gradient entry until the step that completes it: type its value or pick "
               "the cells that feed it first", "Run"),
    ActionSpec("shortcuts", "Keyboard shortcuts", ("F1",), "List every key", "Help"),
    ActionSpec("about", "About Backprop Studio", (), "What this app is", "Help"),
)
# Keys that are not window actions, listed in the shortcuts dialog beside the actions.
OTHER_KEYS = (
    ("Ctrl+Enter", "Apply the text (in the editor)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo typing (in the editor) or the last edit (elsewhere)"),
    ("F", "Fit the graph (on the canvas)"),
    ("Ctrl+C", "Copy a heatmap as a numpy literal, or the explanation's text (where the focus is)"),
    ("Wheel / middle drag or Space + drag", "Zoom / pan the graph"),
    ("Left drag on empty canvas", "Select the nodes in a box"),
    ("Drag from the palette / from an output port", "Add a node / wire it to an input port"),
    ("Delete", "Delete the selected nodes and wires (on the canvas)"),
    ("Double-click a node / empty canvas", "Rename it / add a node at the cursor"),
    ("L", "Lay the graph out again (on the canvas)"),
    ("Esc", "Cancel a drag or a wire in progress"),
    ("] / [", "Light the selected entry's next / previous path, adding its product (Paths)"),
    ("Down / Up", "Jump to the step that completes the selected node's gradient / computes its value"),
)
UNDO_KEYS = {"undo": ("Ctrl+Z",), "redo": ("Ctrl+Shift+Z", "Ctrl+Y")}
TOOLBAR = ("open", "save", None, "to_start", "step_back", "step_forward", "to_end", "play", "SPEED", None,
           "predict", "check")


def tooltip(text, keys):
    """`Step forward (F10 or Right)`: every action's tooltip names its key."""
    plain = text.replace("&", "").replace("…", "")
    return f"{plain} ({' or '.join(keys)})" if keys else plain


def make_actions(window):
    """QActions for every spec, triggering `window.on_<name>`, added to the window so their
    keys work wherever the focus is (a text field keeps its own keys: see TextKeyGuard)."""
    actions = {}
    for spec in SPECS:
        action = QAction(spec.text, window)
        if spec.icon:
            action.setIcon(window.style().standardIcon(getattr(QStyle.StandardPixmap, spec.icon)))
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setToolTip(tooltip(f"{spec.text}: {spec.tip}", spec.keys))
        action.setStatusTip(spec.tip)
        action.triggered.connect(getattr(window, f"on_{spec.name}"))
        window.addAction(action)
        actions[spec.name] = action
    actions["play"].setCheckable(True)
    actions["predict"].setCheckable(True)
    return actions


def undo_actions(window, stack):
    actions = {"undo": stack.createUndoAction(window, "&Undo"),
               "redo": stack.createRedoAction(window, "&Redo")}
    for name, action in actions.items():
        action.setShortcuts([QKeySequence(k) for k in UNDO_KEYS[name]])
        action.setToolTip(tooltip(f"{name.title()} the last edit of the text, inputs or G", UNDO_KEYS[name]))
        window.addAction(action)
    return actions


def shortcut_rows():
    """(keys, what) for every key of the app, for Help ▸ Keyboard shortcuts."""
    rows = [(" or ".join(spec.keys), spec.text.replace("&", "")) for spec in SPECS if spec.keys]
    rows += [(" or ".join(keys), name.title()) for name, keys in UNDO_KEYS.items()]
    return rows + list(OTHER_KEYS)


# -- arrows, Home and End belong to text fields when one has the focus ------------------------------
# (an editable combo box has a QLineEdit inside; a plain one has no use for ← and →)
TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QAbstractItemView)
FIELD_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down)
SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride


class TextKeyGuard(QObject):
    """When the focus is in a text field (or a table), → ← Home End move its caret instead of
    stepping. The guard filters only the focused text field's events (not every event of the
    app) and accepts its ShortcutOverride: Qt's way for a widget to keep a key."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.watched = None
        QApplication.instance().focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, old, new):
        if self.watched is not None and isValid(self.watched):
            self.watched.removeEventFilter(self)
        self.watched = new if isinstance(new, TEXT_WIDGETS) else None
        if self.watched is not None:
            self.watched.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == SHORTCUT_OVERRIDE and event.key() in FIELD_KEYS \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.accept()
            return True
        return False

    def stop(self):
        QApplication.instance().focusChanged.disconnect(self._on_focus_changed)
        self._on_focus_changed(None, None)
