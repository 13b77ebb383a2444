"""The window's actions in one table: text, keys, tooltip and menu. The menus, the toolbar
and Help ▸ Keyboard shortcuts are all built from it, so they cannot disagree."""
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QStyle,
                               QTextEdit)


class ActionSpec(NamedTuple):
    name: str         # the window's slot is `on_<name>`
    text: str
    keys: tuple       # the first is the one shown in menus
    tip: str
    menu: str
    icon: str = ""    # a QStyle standard pixmap (fonts often lack the ⏮ ⏭ ⏯ glyphs)


SPECS = (
    ActionSpec("open", "&Open…", ("Ctrl+O",), "Open a session or an expression file", "File"),
    ActionSpec("save", "&Save", ("Ctrl+S",), "Save the session", "File"),
    ActionSpec("save_as", "Save &As…", ("Ctrl+Shift+S",), "Save the session to a new file", "File"),
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
    ActionSpec("shortcuts", "Keyboard shortcuts", ("F1",), "List every key", "Help"),
    ActionSpec("about", "About Backprop Studio", (), "What this app is", "Help"),
)
# Keys that are not window actions, listed in the shortcuts dialog beside the actions.
OTHER_KEYS = (
    ("Ctrl+Enter", "Apply the text (in the editor)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo typing (in the editor) or the last edit (elsewhere)"),
    ("F", "Fit the graph (on the canvas)"),
    ("Wheel / middle drag", "Zoom / pan the graph"),
)
UNDO_KEYS = {"undo": ("Ctrl+Z",), "redo": ("Ctrl+Shift+Z", "Ctrl+Y")}
TOOLBAR = ("open", "save", None, "to_start", "step_back", "step_forward", "to_end", "play", "SPEED", None,
           "check")


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
    return actions


def undo_actions(window, stack):
    actions = {"undo": stack.createUndoAction(window, "&Undo"), "redo": stack.createRedoAction(window, "&Redo")}
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
TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
FIELD_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)


class TextKeyGuard(QObject):
    """Application event filter: when the focus is in a text field (or a table), → ← Home End
    move its caret instead of stepping. Accepting the ShortcutOverride is Qt's way to say so."""

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in FIELD_KEYS \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
                and isinstance(obj, TEXT_WIDGETS):
            event.accept()
            return True
        return False
