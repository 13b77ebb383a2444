"""One line under the step's equation when G hides the program's structure (gui.model.lesson):
what is degenerate and why, then a link that applies the preset that shows it (a random G).

Its line is kept while it says nothing, so that a step where it appears does not resize every
heatmap above it; a link, not a button, keeps that line one line of text high."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from gui.listening import Listening
from gui.model import lesson
from gui.panels.elided import ElidedLabel


class LessonNote(Listening, QWidget):
    """The lesson's note of the shown step, and its link to the preset it offers."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("lesson_note")
        self.text, self.link = ElidedLabel(self), QLabel(self)
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.linkActivated.connect(self._on_link_activated)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.link)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.listen()
        self.refresh()

    def subscriptions(self):
        c = self.controller
        return ((c.step_changed, self.refresh), (c.pass_recomputed, self.refresh),
                (c.program_changed, self.refresh))

    def refresh(self, *_):
        session = self.controller.session
        found = None if session is None else \
            lesson.note(session, self.controller.shown.document.upstream_origin, self.controller.view.cursor)
        self.text.set_full(found.text if found is not None else "")
        self.link.setText(f'<a href="{found.offers}">use a {found.offers} G</a>' if found is not None else "")
        self.setVisible(found is not None)

    def _on_link_activated(self, preset):
        self.controller.set_upstream_preset(preset)
