"""Where and how large the window opens: `--size` always wins; else a kept arrangement, pulled
within the screen; else the default size centred on the screen, or maximised on a screen smaller
than it (a 1280×800 projector)."""
from PySide6.QtCore import QRect

DEFAULT_SIZE = (1600, 1000)


def start_rect(available, asked=None, kept=None, default=DEFAULT_SIZE):
    """(QRect to open at, maximised?) on a screen whose available geometry is `available`: the
    asked size (at the screen's top left); the kept geometry when it fits the screen; the default
    centred; or maximised when the default (or the kept one) does not fit."""
    if asked is not None:
        return QRect(available.topLeft(), QRect(0, 0, *asked).size()), False
    if kept is not None and available.contains(kept):
        return QRect(kept), False
    width, height = default
    if width > available.width() or height > available.height():
        return QRect(available), True
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect, False


def open_window(window, asked=None, available=None):
    """Show `window` as start_rect says, on its screen's available geometry (or `available`)."""
    if available is None:
        available = window.screen().availableGeometry()
    kept = window.geometry() if window.arranged else None
    rect, maximised = start_rect(available, asked, kept)
    window.setGeometry(rect)
    if maximised:
        window.showMaximized()
    else:
        window.show()
