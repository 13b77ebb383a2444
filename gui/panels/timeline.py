"""The timeline: one dot per step, coloured by kind, groups separated (`○ │ ● ● │ ● │ ● ● ● ●`).

The first mark (a ring) is "inputs only", cursor 0. Steps that are done are filled, the
current one is ringed; a click or a drag jumps the cursor there."""
from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from gui import style
from gui.listening import Listening

# The seed gets its own colour: it is neither a value nor a computed gradient.
KIND_COLOURS = {"forward": style.VALUE, "seed": "#7b3fa0", "backward": style.GRADIENT}
DOT, PITCH, GAP, MARGIN = 9, 16, 12, 8   # pixels: dot size, dot spacing, group gap, side margin
MAX_PITCH_SHRINK = 3                       # long programs squeeze the dots down to this pitch
HELP = ("Timeline: blue forward, purple the seed G, orange backward. "
        "Click or drag to jump; F10 / Shift+F10 step.")


class Timeline(Listening, QWidget):
    """Step dots with the current step marked; click or drag to seek."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setMouseTracking(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(HELP)
        self.listen()
        self.update_layout()

    def subscriptions(self):
        c = self.controller
        return ((c.program_changed, self.update_layout), (c.pass_recomputed, self.update_layout),
                (c.step_changed, self._on_step_changed))

    # -- geometry -----------------------------------------------------------------------------------
    def kinds(self):
        """One mark per step; a program that cannot be computed has none but the start."""
        if self.controller.session is None:
            return ["start"]
        return ["start"] + [s.kind for s in self.controller.session.steps]

    def centres(self):
        """x of each mark (cursor 0..n), with a gap wherever the kind changes."""
        kinds, xs, x = self.kinds(), [], MARGIN + DOT / 2
        pitch = self.pitch()
        for i, kind in enumerate(kinds):
            if i and kind != kinds[i - 1]:
                x += GAP
            xs.append(x)
            x += pitch
        return xs

    def pitch(self):
        """Dots get closer when the widget is too narrow for all of them."""
        n = len(self.kinds())
        room = self.width() - 2 * MARGIN - 3 * GAP
        return max(MAX_PITCH_SHRINK, min(PITCH, room / max(n, 1)))

    def update_layout(self):
        self.updateGeometry()
        self.update()

    def sizeHint(self):
        n = len(self.kinds())
        return QSize(int(2 * MARGIN + n * PITCH + 3 * GAP), 22)

    def minimumSizeHint(self):
        return QSize(80, 18)

    # -- painting -----------------------------------------------------------------------------------
    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cursor = self.controller.session.cursor if self.controller.session is not None else 0
        xs, kinds = self.centres(), self.kinds()
        y = self.height() / 2
        self.paint_separators(painter, xs, kinds, y)
        for i, (x, kind) in enumerate(zip(xs, kinds)):
            self.paint_dot(painter, QPointF(x, y), kind, done=i <= cursor, current=i == cursor)
        painter.end()

    def paint_separators(self, painter, xs, kinds, y):
        painter.setPen(QPen(QColor("#9aa0a6"), 1))
        for i in range(1, len(kinds)):
            if kinds[i] != kinds[i - 1]:
                x = (xs[i - 1] + xs[i]) / 2
                painter.drawLine(QPointF(x, y - DOT * 0.8), QPointF(x, y + DOT * 0.8))

    def paint_dot(self, painter, centre, kind, done, current):
        colour = QColor(KIND_COLOURS.get(kind, style.PENDING))
        radius = DOT / 2 if self.pitch() >= DOT else max(1.5, self.pitch() / 2)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(colour if done and kind != "start" else QColor("white"))
        painter.drawEllipse(centre, radius, radius)
        if current:
            painter.setPen(QPen(QColor("black"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, radius + 3, radius + 3)

    # -- seeking ------------------------------------------------------------------------------------
    def step_at(self, x):
        """The cursor whose mark is nearest to x."""
        xs = self.centres()
        return min(range(len(xs)), key=lambda i: abs(xs[i] - x))

    def event(self, event):
        """A tooltip names the step under the mouse (its status line)."""
        if event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), self.step_text(self.step_at(event.pos().x())), self)
            return True
        return super().event(event)

    def step_text(self, cursor):
        session = self.controller.session
        if cursor == 0:
            return "inputs only (no step done)\n" + HELP
        return session.steps[cursor - 1].describe(session.total)

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self.controller.seek(self.step_at(event.position().x()))

    def mouseMoveEvent(self, event):
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.controller.seek(self.step_at(event.position().x()))

    def _on_step_changed(self, cursor):
        self.update()
