"""The explanation panel: the selected entry's chain rule written out with numbers, on two linked
levels: the matrix rule it is one entry of (`∂L/∂a = ∂L/∂d @ bᵀ`, row k of ∂L/∂d times column l
of bᵀ) beside the scalar expansion (`∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + … = (0.3)(0.5) + … = 0.25`); for a
value entry its forward equation. Its terms are listed: hovering one outlines just its cells.
The through node can be changed; Copy (Ctrl+C) copies the text, "Copy as LaTeX" its LaTeX."""
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QApplication, QBoxLayout, QComboBox, QFrame, QGroupBox, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from engine import number
from gui import style
from gui.listening import Listening
from gui.panels.flow import FlowLayout
from gui.panels.predict import PredictPanel, legend_html

DEFAULT_THROUGH = "nearest named values"
SIDE_BY_SIDE_FROM = 640   # px: narrower than this, the two levels are stacked
HINT = "Click an entry of any heatmap to see the chain rule that computes it."
LEGEND = (("selected", "the selected entry"), ("upstream", "what feeds it"), ("hovered", "the hovered term"))


class TermList(QListWidget):
    """The terms of the sum, one a line; `hovered` carries the term under the mouse (None: none)."""
    hovered = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.under = None

    def mouseMoveEvent(self, event):
        item = self.itemAt(event.position().toPoint())
        self._hover(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event):
        self._hover(None)
        super().leaveEvent(event)

    def _hover(self, n):
        if n != self.under:
            self.under = n
            self.hovered.emit(n)


class ExplanationPanel(Listening, QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.heading, self.status = QLabel(HINT), QLabel()
        self.matrix, self.scalar = QLabel(), QLabel()
        self.through, self.terms = QComboBox(), TermList()
        self.terms_label = QLabel("Terms (hover one to outline just its cells):")
        self.predict = PredictPanel(controller)
        self.levels = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._build()
        self.listen()
        self.refresh()

    def subscriptions(self):
        c = self.controller
        return ((c.entry_selected, self._on_entry_selected), (c.step_changed, self._on_step_changed),
                (c.prediction_changed, self._on_prediction_changed), (c.terms_played, self._on_terms_played))

    def closeEvent(self, event):
        self.predict.close()
        super().closeEvent(event)

    # -- construction -------------------------------------------------------------------------------
    def _build(self):
        """The text scrolls (a fan-out or a narrow dock may need more room); legend and Copy stay."""
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._content())
        outer.addWidget(scroll, 1)
        legend = QLabel(legend_html(LEGEND))
        legend.setWordWrap(True)   # it wraps rather than widen the dock
        outer.addWidget(legend)
        outer.addLayout(self._copy_row())
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)   # so Ctrl+C reaches the panel

    def _content(self):
        """Heading, status, predict first, the two levels, then the through node and the terms, top
        down: the worked entry comes before what only its terms need."""
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading.setStyleSheet(style.EXPLANATION_HEADING_CSS)
        self.status.setStyleSheet(style.INSPECTOR_NOTE_CSS)
        for label in (self.heading, self.status, self.matrix, self.scalar, self.terms_label):
            label.setWordWrap(True)
        self.levels.addWidget(self._box("Matrix rule", self.matrix), 1)
        self.levels.addWidget(self._box("This entry", self.scalar), 1)
        self.terms.setToolTip("Hover a term to outline just its cells in the heatmaps")
        self.terms.setStyleSheet(style.EXPLANATION_TERMS_CSS)
        self.terms.hovered.connect(self.controller.hover_term)
        for part in (self.heading, self.status, self.predict, self.levels, self._through_row(),
                     self.terms_label, self.terms):
            (layout.addLayout if isinstance(part, QBoxLayout) else layout.addWidget)(part)
        layout.addStretch(1)
        return content

    def _box(self, title, label):
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(label)
        label.setStyleSheet(style.EXPLANATION_TEXT_CSS)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return box

    def _through_row(self):
        row = QHBoxLayout()
        row.addWidget(QLabel("terms through:"))
        row.addWidget(self.through, 1)
        self.through.setToolTip("Where the chain rule's terms are taken: by default at the nearest named "
                                "values on each path; any node that every path passes works")
        self.through.activated.connect(lambda i: self.controller.set_through(self.through.itemData(i)))
        return row

    def _copy_row(self):
        row = FlowLayout()
        self.clear = QPushButton("Clear selection")
        self.clear.setToolTip("Select no entry: the outlines and the canvas path go")
        self.clear.clicked.connect(lambda: self.controller.select_entry(None))
        row.addWidget(self.clear)
        for text, latex, tip in (("Copy", False, "Copy the text (Ctrl+C)"),
                                 ("Copy as LaTeX", True, "Copy the chain rule as LaTeX, for a handout")):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, latex=latex: self.copy(latex))
            row.add_at_right(button)
        return row

    # -- slots ---------------------------------------------------------------------------------------
    def _on_entry_selected(self, _entry):
        self.refresh()

    def _on_step_changed(self, _cursor):
        self.refresh()

    def _on_prediction_changed(self):
        self.refresh()

    def _on_terms_played(self, played):
        """While the terms are played (Paths view), the running sum under the status line."""
        selection = self.controller.selection
        status = selection.status() if selection is not None else ""
        if played is not None:
            k, n, running = played
            status = f"{status}\nrunning sum after {k} of {n} terms: {number(running)}".strip()
        self._set_status(status)

    # -- drawing -------------------------------------------------------------------------------------
    def refresh(self):
        selection = self.controller.selection
        self._fill_through(selection)
        self.clear.setEnabled(selection is not None)
        if selection is None:
            self.heading.setText(HINT)
            for label in (self.matrix, self.scalar):
                label.setText("")
            self._set_status("")
            self._show_terms(False)
            return
        self._set_status(selection.status())
        if self.controller.prediction.hidden(selection):
            self.heading.setText(f"{selection.title()} = ?")
            self._show_question(selection)
            return
        self.heading.setText(selection.headline())
        self.matrix.setText("<br>".join(rule_html(note) for note in selection.rule_notes())
                            or escape(selection.no_rule_reason()))
        self.scalar.setText("\n".join(selection.scalar_lines()))
        error = bool(selection.error)
        self.scalar.setStyleSheet(style.EXPLANATION_ERROR_CSS if error else style.EXPLANATION_TEXT_CSS)
        self._fill_terms(selection)

    def _set_status(self, text):
        """The status line, only when it says something: an empty one would push the rule down."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_question(self, selection):
        """Predict first: nothing that gives the answer away until its step (or Check)."""
        step = self.controller.session.completing_step(selection.name).index
        self.matrix.setText(f"revealed at step {step}")
        self.scalar.setText(f"{selection.title()} = ?\nType its value, or pick the cells that feed it, "
                            "then Check (or step on).")
        self._show_terms(False)

    def _show_terms(self, shown):
        """The terms list and its label, only when there are terms to hover."""
        if not shown:
            self.terms.clear()
        self.terms.setVisible(shown)
        self.terms_label.setVisible(shown)

    def _fill_terms(self, selection):
        self.terms.clear()
        shown = selection.shown_terms() if not selection.error else []
        self._show_terms(bool(shown))
        for n in shown:
            item = QListWidgetItem(selection.term_text(n))
            item.setData(Qt.ItemDataRole.UserRole, n)
            self.terms.addItem(item)
        if shown and shown[-1] != len(shown) - 1:
            self.terms.insertItem(len(shown) - 1, f"… ({selection.term_count()} terms)")
        rows = max(self.terms.count(), 1)
        self.terms.setFixedHeight(rows * self.terms.sizeHintForRow(0) + 2 * self.terms.frameWidth() + 4)

    def _fill_through(self, selection):
        """The through choices of a gradient entry: the default, then every node downstream of it."""
        options = selection.through_options() if selection is not None else []
        self.through.blockSignals(True)   # refilling is not the user's choice
        self.through.clear()
        self.through.addItem(DEFAULT_THROUGH, None)
        for node in options:
            self.through.addItem(node, node)
        current = self.through.findData(selection.through) if selection is not None else 0
        self.through.setCurrentIndex(max(current, 0))
        self.through.blockSignals(False)
        self.through.setEnabled(bool(options))

    def resizeEvent(self, event):
        """Two levels side by side while they fit, else stacked."""
        super().resizeEvent(event)
        Direction = QBoxLayout.Direction
        self.levels.setDirection(Direction.LeftToRight if self.width() >= SIDE_BY_SIDE_FROM else Direction.TopToBottom)

    # -- copying -------------------------------------------------------------------------------------
    def text(self, latex=False):
        """What Copy puts on the clipboard: the chain rule and the matrix rule ('' without a selection)."""
        selection = self.controller.selection
        if selection is None or self.controller.prediction.hidden(selection):
            return ""
        return selection.text(latex)

    def copy(self, latex=False):
        QApplication.clipboard().setText(self.text(latex))

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        super().keyPressEvent(event)


def rule_html(note):
    """`∂L/∂a = ∂L/∂d @ bᵀ: ∂L/∂a₁₁ is row 1 …` as the rule, large, above which part of it the entry is."""
    rule, _, detail = note.partition(": ")
    return (f"<span style='{style.EXPLANATION_RULE_CSS}'>{escape(rule)}</span>"
            + (f"<br>{escape(detail)}" if detail else ""))

