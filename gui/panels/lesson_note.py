"""One line under the step's equation when G hides the program's structure (gui.model.lesson):
what is degenerate and why, ending in a link that applies the preset that shows it (a random G).

Its line is kept while it says nothing, so that a step where it appears does not resize every
heatmap above it."""
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from gui.listening import Listening
from gui.model import lesson


class LessonNote(Listening, QLabel):
    """The lesson's note of the shown step; its link applies the preset it offers. A link, not a
    button: one line of text high, so the window's minimum height stays within bounds."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("lesson_note")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(self._on_link_activated)
        # a long note must not widen the dock: it is cut at the panel's edge, whole in its tooltip
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
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
        self.setText("" if found is None else
                     f'{html.escape(found.text)} <a href="{found.offers}">use a {found.offers} G</a>')
        self.setToolTip("" if found is None else found.text)
        self.setVisible(found is not None)

    def _on_link_activated(self, preset):
        self.controller.set_upstream_preset(preset)
