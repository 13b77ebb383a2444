"""Small words a user reads: the play speed in the singular for one step, and the Open dialog's
first filter showing the example expressions (.txt) beside the sessions."""
from PySide6.QtWidgets import QComboBox

from gui.app.files import FILTER


def test_one_step_a_second_is_singular(window):
    box = window.findChild(QComboBox, "speed")
    texts = [box.itemText(i) for i in range(box.count())]
    assert "1 step/s" in texts and all(t.endswith("steps/s") for t in texts if not t.startswith("1 "))


def test_the_open_dialogs_first_filter_shows_sessions_and_expressions():
    first = FILTER.split(";;")[0]
    assert "*.json" in first and "*.txt" in first
