"""Predict first, the learner's side: type the selected gradient entry's value or pick the cells
that feed it, then Check (or step onto the step that completes it) to see what was right.
Shown while the mode is on and a gradient entry is selected."""
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from engine import entry_magnitude, number, shown_number
from gui import style
from gui.listening import Listening
from gui.panels.matrix_table import parse_number

LEGEND = (("picked", "picked"), ("right", "right"), ("missing", "missing"), ("extra", "extra"))


def typed_number(text):
    """The learner's number (a true minus sign `−` is accepted too), or None when it is not one."""
    try:
        return parse_number(text)
    except ValueError:
        return None


def legend_html(items):
    """Coloured swatches naming what each outline colour means: items are (role, meaning)."""
    swatch = "<span style='color:{0}'>■</span> {1}"
    return " &nbsp; ".join(swatch.format(style.HEATMAP_OUTLINES[role][0], text) for role, text in items)


class PredictPanel(Listening, QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.question, self.value, self.verdict = QLabel(), QLineEdit(), QLabel()
        self.pick, self.check = QPushButton("Pick cells"), QPushButton("Check")
        self.legend = QLabel(legend_html(LEGEND))
        self._build()
        self.listen()
        self.refresh()

    def subscriptions(self):
        c = self.controller
        return ((c.entry_selected, self._on_changed), (c.step_changed, self._on_changed),
                (c.prediction_changed, self._on_changed))

    def _build(self):
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        self.question.setStyleSheet(style.INSPECTOR_HEADING_CSS)
        self.verdict.setWordWrap(True)
        self.value.setPlaceholderText("your value, e.g. 0.25")
        self.value.setToolTip("Within 1% (or 0.01) of the gradient counts as right")
        self.value.textEdited.connect(self._on_value_edited)
        self.value.returnPressed.connect(self.controller.check_prediction)
        self.pick.setCheckable(True)
        self.pick.setToolTip("While on, clicking a heatmap cell picks it as feeding the selection "
                             "(click again to unpick)")
        self.pick.toggled.connect(lambda on: self.controller.update_prediction(picking=on))
        self.check.setToolTip("Judge the value typed (three tries), or reveal the entry now and see what "
                              "was right (Return in the field checks too)")
        self.check.clicked.connect(self.controller.check_prediction)
        grid.addWidget(self.question, 0, 0, 1, 3)
        grid.addWidget(self.value, 1, 0)
        grid.addWidget(self.pick, 1, 1)
        grid.addWidget(self.check, 1, 2)
        grid.addWidget(self.verdict, 2, 0, 1, 3)
        grid.addWidget(self.legend, 3, 0, 1, 3)

    def _on_value_edited(self, text):
        self.controller.update_prediction(value=typed_number(text))

    def _on_changed(self, *_args):
        self.refresh()

    def refresh(self):
        prediction, selection = self.controller.prediction, self.controller.selection
        self.setVisible(prediction.asks(selection))
        if not prediction.asks(selection):
            return
        hidden = prediction.hidden(selection)
        self.question.setText(("Predict " if hidden else "Your prediction of ") + selection.title())
        if prediction.value is None and self.value.text() and typed_number(self.value.text()) is not None:
            self.value.clear()   # a new question
        for widget in (self.value, self.pick, self.check):
            widget.setEnabled(hidden)
        self.pick.setChecked(prediction.picking)
        # the legend names the outlines of picked cells: only while there are (or may be) some
        self.legend.setVisible(prediction.picking or bool(prediction.picks))
        text = verdict_text(*prediction.verdicts(selection), selection) or tries_text(prediction, hidden)
        if not hidden and not text:
            step = selection.session.completing_step(selection.name).index
            text = f"{selection.title()} is known from step {step} on: step back before it to predict it"
        self.verdict.setText(text)


def tries_text(prediction, hidden):
    """`−0.3 is not right: 2 tries left` while the entry is still a question."""
    if not hidden or not prediction.missed:
        return ""
    left = prediction.tries_left()
    return f"{number(prediction.missed[-1])} is not right: {left} {'try' if left == 1 else 'tries'} left"


def verdict_text(value, cells, selection):
    """`0.25 is right: ∂L/∂a₁₁ = 0.25` … and the cells' counts; '' before the reveal."""
    parts = []
    if value is not None:
        mark = "right" if value.correct else "not right"
        actual = shown_number(value.actual, entry_magnitude(selection.att))   # 0 when it is rounding
        parts.append(f"{number(value.predicted)} is {mark}: {selection.title()} = {number(actual)}"
                     + ("" if value.correct else " (within 1% or 0.01 counts)"))
    if cells is not None:
        counts = ", ".join(f"{len(getattr(cells, k))} {k}" for k in ("right", "missing", "extra"))
        parts.append(f"cells: {counts}" + (" — all right" if cells.correct else ""))
    return "\n".join(parts)
