"""The timeline: one dot per step, coloured by kind, groups separated (`○ │ ● ● │ ● │ ● ● ● ●`).

The first mark (a ring) is "inputs only", cursor 0. Steps that are done are filled, the
current one is ringed; a click or a drag jumps the cursor there, the wheel steps. With more
steps than the width holds dots for, the marks squeeze to fit and each group is drawn as one
bar, filled up to the cursor, so thousands of steps stay on screen with the current one ringed.
The marks are laid out once per pass and width: a step repaints without walking every step."""
import bisect
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from gui import style
from gui.listening import Listening

# The seed gets its own colour: it is neither a value nor a computed gradient.
KIND_COLOURS = {"forward": style.VALUE, "seed": "#7b3fa0", "backward": style.GRADIENT}
DOT, PITCH, GAP, MARGIN = 9, 16, 12, 8   # pixels: dot size, dot spacing, group gap, side margin
BAR_BELOW = 3          # pitch under which a group is one bar rather than dots
MAX_HINT = 640         # the widest the timeline asks to be; past it, it squeezes
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
        self._marks = self._marks_of = None
        self.listen()
        self.update_layout()

    def subscriptions(self):
        c = self.controller
        return ((c.program_changed, self.update_layout), (c.pass_recomputed, self.update_layout),
                (c.step_changed, self._on_step_changed))

    # -- geometry -----------------------------------------------------------------------------------
    def kinds(self):
        """One mark per step; a program that cannot be computed has none but the start."""
        return self.marks().kinds

    def centres(self):
        """x of each mark (cursor 0..n), with a gap wherever the kind changes."""
        return self.marks().xs

    def marks(self):
        """The marks of the pass at the current width, computed once per pass and width: painting
        draws them and a click finds its step by bisection, never walking every step."""
        steps = self.controller.session.steps if self.controller.session is not None else None
        if self._marks is None or self._marks_of[0] is not steps or self._marks_of[1] != self.width():
            self._marks_of = (steps, self.width())   # the pass by identity: its records are never compared
            self._marks = Marks.lay_out(["start"] + [s.kind for s in steps or ()], self.width())
        return self._marks

    def pitch(self):
        return self.marks().pitch

    def update_layout(self):
        self.updateGeometry()
        self.update()

    def sizeHint(self):
        n = len(self.kinds())
        return QSize(int(min(MAX_HINT, 2 * MARGIN + n * PITCH + 3 * GAP)), 22)

    def minimumSizeHint(self):
        return QSize(80, 18)

    # -- painting -----------------------------------------------------------------------------------
    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cursor = self.controller.session.cursor if self.controller.session is not None else 0
        marks, y = self.marks(), self.height() / 2
        self.paint_separators(painter, marks, y)
        if marks.pitch < BAR_BELOW:
            self.paint_bars(painter, marks, cursor, y)
            self.paint_ring(painter, QPointF(marks.xs[cursor], y), 1.5)
        else:
            radius = DOT / 2 if marks.pitch >= DOT else max(1.5, marks.pitch / 2)
            for i, (x, kind) in enumerate(zip(marks.xs, marks.kinds)):
                self.paint_dot(painter, QPointF(x, y), kind, radius, done=i <= cursor, current=i == cursor)
        painter.end()

    def paint_bars(self, painter, marks, cursor, y):
        """Each group of one kind as a bar, filled up to the cursor."""
        xs = marks.xs
        for kind, first, last in marks.groups:
            colour = QColor(KIND_COLOURS.get(kind, style.PENDING))
            left, width = xs[first] - 1.5, xs[last] - xs[first] + 3
            painter.setPen(QPen(colour, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(left, y - 3, width, 6))
            if cursor >= first and kind != "start":
                painter.fillRect(QRectF(left, y - 3, xs[min(cursor, last)] - xs[first] + 3, 6), colour)

    def paint_separators(self, painter, marks, y):
        painter.setPen(QPen(QColor("#9aa0a6"), 1))
        for _kind, first, _last in marks.groups[1:]:
            x = (marks.xs[first - 1] + marks.xs[first]) / 2
            painter.drawLine(QPointF(x, y - DOT * 0.8), QPointF(x, y + DOT * 0.8))

    def paint_dot(self, painter, centre, kind, radius, done, current):
        colour = QColor(KIND_COLOURS.get(kind, style.PENDING))
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(colour if done and kind != "start" else QColor("white"))
        painter.drawEllipse(centre, radius, radius)
        if current:
            self.paint_ring(painter, centre, radius)

    def paint_ring(self, painter, centre, radius):
        """The current step's ring."""
        painter.setPen(QPen(QColor("black"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius + 3, radius + 3)

    # -- seeking ------------------------------------------------------------------------------------
    def step_at(self, x):
        """The cursor whose mark is nearest to x (the marks are in order: bisection)."""
        xs = self.centres()
        i = bisect.bisect_left(xs, x)
        return min((j for j in (i - 1, i) if 0 <= j < len(xs)), key=lambda j: abs(xs[j] - x))

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

    def wheelEvent(self, event):
        """The wheel steps one step at a time, where a click among thousands of marks cannot."""
        turn = event.angleDelta().y() or event.angleDelta().x()
        if turn:
            (self.controller.step_forward if turn < 0 else self.controller.step_back)()
        event.accept()

    def _on_step_changed(self, cursor):
        self.update()


class Marks(NamedTuple):
    """Where the marks go: `kinds` one per cursor (0 is "start"), `xs` their centres, `pitch` the
    spacing of neighbours of one kind, `groups` the runs of one kind as (kind, first, last)."""
    kinds: list
    xs: list
    pitch: float
    groups: list

    @classmethod
    def lay_out(cls, kinds, width):
        """Dots get closer when the widget is too narrow for all of them: every mark fits."""
        room = width - 2 * MARGIN - 3 * GAP - DOT
        pitch = max(0.0, min(PITCH, room / max(len(kinds), 1)))
        groups = [[kinds[0], 0, 0]]
        for i, kind in enumerate(kinds[1:], 1):
            if kind == groups[-1][0]:
                groups[-1][2] = i
            else:
                groups.append([kind, i, i])
        xs = []
        for n, (_kind, first, last) in enumerate(groups):
            start = MARGIN + DOT / 2 + n * GAP + first * pitch
            xs.extend(start + k * pitch for k in range(last - first + 1))
        return cls(kinds, xs, pitch, [tuple(g) for g in groups])
