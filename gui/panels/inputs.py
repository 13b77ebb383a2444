"""The inputs panel: every input with its shape and values, the upstream gradient G, the start
node of the backward pass and the random seed. Every edit goes through the controller (one
undo command each); an edit the engine refuses is reported in place and nothing is lost."""
import re

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QSpinBox, QVBoxLayout, QWidget)

import engine
from engine import infer_shapes
from gui import style
from gui.listening import Listening
from gui.model import upstream
from gui.model.arrays import refusal, warning
from gui.panels.array_load import ArraySection
from gui.panels.flow import FlowLayout
from gui.panels.matrix_table import MAX_EDITABLE, MatrixTable


MAX_SEED = 999_999   # plenty of different draws, and a spin box that stays narrow


def shape_text(shape):
    return "×".join(str(n) for n in shape) if shape else "scalar"


def parse_shape(text):
    """`'3, 2'` or `'3x2'` -> (3, 2); `''` -> () (a scalar); ValueError for anything else."""
    parts = [p for p in re.split(r"[,x×\s]+", text.strip()) if p]
    shape = tuple(int(p) for p in parts)
    if len(shape) > 2 or any(n < 1 for n in shape):
        raise ValueError("a shape has at most 2 dimensions, each at least 1")
    return shape


class InputsPanel(Listening, QWidget):
    """Inputs, G, start node and seed, rebuilt when the program changes."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.tables, self.layout_key = {}, None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {style.ERROR};")
        self.message.hide()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.message)
        self.listen()
        self.refresh()

    def subscriptions(self):
        c = self.controller
        return ((c.program_changed, self.refresh), (c.pass_recomputed, self.refresh))

    # -- building -----------------------------------------------------------------------------------
    def current_key(self):
        """What the panel's widgets depend on; values alone change in place."""
        s = self.controller.shown.inputs
        if s is None:
            return ()
        values = s.records.values
        return (tuple((i.name, np.shape(values[i.name]), i.declared) for i in s.program.inputs),
                tuple(s.program.names()), s.records.start, s.rng_seed,
                self.controller.shown.document.upstream_origin,
                self.controller.session is not None)

    def refresh(self):
        key = self.current_key()
        if key == self.layout_key:
            self.fill_values()
            return
        self.layout_key = key
        content = QWidget()
        layout = QVBoxLayout(content)
        self.tables = {}
        inputs = self.controller.shown.inputs
        for inp in inputs.program.inputs if inputs is not None else ():
            layout.addWidget(self.input_section(inp))
        layout.addWidget(self.upstream_section())
        layout.addWidget(self.settings_section())
        layout.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()   # later: one of its widgets may be emitting the edit that got us here
        self.scroll.setWidget(content)
        self.fill_values()

    def heading(self, text, tooltip):
        label = QLabel(text)
        label.setToolTip(tooltip)
        label.setWordWrap(True)   # a narrow dock wraps the heading rather than scrolling sideways
        return label

    def input_section(self, inp):
        values = self.controller.shown.inputs.records.values[inp.name]
        box = ArraySection(inp.name, self.take_array, self.show_message)
        layout = box.body
        row = FlowLayout()   # the buttons go below the heading when the dock is narrow
        undeclared = not inp.declared and inp.node_id == inp.name   # a bare name, not an inline randn(…)
        how = "undeclared: shape editable" if undeclared else \
            f"{inp.init}, {'declared' if inp.declared else 'written inside an expression'} on line {inp.line}"
        row.addWidget(self.heading(f"<b>{inp.name}</b>  {shape_text(values.shape)}  <i>({how})</i>",
                                   f"input {inp.name}: edit a cell to change its value"))
        if undeclared:
            row.addWidget(self.shape_editor(inp.name, values.shape))
        row.add_at_right(box.buttons())
        layout.addLayout(row)
        layout.addWidget(self.table_for(inp.name, values, lambda arr, n=inp.name: self.edit_input(n, arr)))
        return box

    def shape_editor(self, name, shape):
        edit = QLineEdit(", ".join(str(n) for n in shape))
        edit.setObjectName(f"shape_{name}")
        edit.setFixedWidth(70)
        edit.setToolTip(f"{name}'s shape, e.g. 3, 2 (Enter applies; values are drawn again)")
        edit.editingFinished.connect(lambda: self.edit_shape(name, edit))
        return edit

    def table_for(self, key, values, on_edit):
        if any(n > MAX_EDITABLE for n in np.shape(values)):
            label = QLabel(f"{shape_text(np.shape(values))}: too large to edit here")
            label.setWordWrap(True)
            return label
        table = MatrixTable()
        table.edited.connect(on_edit)
        table.refused.connect(self.show_message)
        self.tables[key] = table
        return table

    def upstream_section(self):
        s = self.controller.session
        box = ArraySection("G", self.take_array, self.show_message)
        layout = box.body
        layout.setContentsMargins(0, 6, 0, 6)
        if s is None:   # no pass: G has no node to be the gradient of yet
            layout.addWidget(self.heading("<b>G</b> = ∂L/∂(start node): set once the program can be computed",
                                          self.controller.shown.reason or ""))
            return box
        start, origin = s.records.start, self.controller.shown.document.upstream_origin
        heading = self.heading(f"<b>G</b> = ∂L/∂{start}  <i>({upstream.described(origin, start)})</i>",
                               "the upstream gradient the backward pass starts from")
        heading.setObjectName("g_heading")
        layout.addWidget(heading)
        row = FlowLayout()   # the choice below the heading: beside it it would squeeze the heading narrow
        row.addWidget(self.preset_combo(origin))
        row.add_at_right(box.buttons())
        layout.addLayout(row)
        layout.addWidget(self.table_for("G", upstream.in_use(self.controller.session),
                                        lambda arr: self.attempt(self.controller.set_upstream, arr)))
        return box

    def preset_combo(self, origin):
        """The G presets (gui.model.upstream): choosing one is one undo step."""
        combo = QComboBox()
        combo.setObjectName("g_preset")
        combo.setToolTip("G: ones (L = sum), random (seeded), mse against random targets, or typed "
                         "(edit its cells)")
        for preset in upstream.PRESETS:
            combo.addItem(upstream.TITLES[preset], preset)
        combo.setCurrentIndex(upstream.PRESETS.index(origin) if origin in upstream.PRESETS else
                              upstream.PRESETS.index("typed"))
        combo.activated.connect(lambda i: self._on_preset_chosen(combo.itemData(i)))
        return combo

    def settings_section(self):
        s = self.controller.session
        start = s.records.start if s is not None else None
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)   # narrow dock: field below label
        self.start_combo = QComboBox()
        self.start_combo.setToolTip("The node the backward pass starts from (L's argument)")
        outs = [e.out for e in reversed(s.program.eqns)] if s is not None else []
        self.start_combo.setEnabled(bool(outs))
        for name in outs:
            self.start_combo.addItem(name + ("  (output)" if name == s.program.output else ""), name)
        self.start_combo.setCurrentIndex(outs.index(start) if start in outs else 0)
        self.start_combo.activated.connect(self._on_start_chosen)
        form.addRow("Backward from", self.start_combo)
        form.addRow("Random seed", self.seed_row(self.controller.shown.document.rng_seed))
        return box

    def seed_row(self, seed):
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        spin = QSpinBox()
        spin.setRange(0, MAX_SEED)
        spin.setValue(seed)
        spin.setToolTip("Seed for the random inputs")
        redraw = QPushButton("Re-draw")
        redraw.setToolTip("Draw the random inputs you have not edited again, with the next seed")
        redraw.clicked.connect(lambda: self.attempt(self.controller.set_rng_seed, spin.value() + 1))
        spin.editingFinished.connect(lambda: spin.value() != self.controller.shown.document.rng_seed and
                                     self.attempt(self.controller.set_rng_seed, spin.value()))
        layout.addWidget(spin)
        layout.addWidget(redraw)
        return row

    def fill_values(self):
        if self.controller.shown.inputs is None:
            return
        values = self.controller.shown.inputs.records.values
        for key, table in self.tables.items():
            table.set_array(upstream.in_use(self.controller.session) if key == "G" else values[key])

    # -- edits ---------------------------------------------------------------------------------------
    def attempt(self, method, *args):
        """Call a controller edit; a refusal is shown here and changes nothing."""
        try:
            method(*args)
        except engine.EngineError as exc:
            self.show_message(str(exc))
            self.fill_values()
            return False
        self.message.hide()
        return True

    def take_array(self, name, array):
        """An array from outside (file, paste, drop) as input `name` or G: checked against the
        program first, so a refused one changes nothing; one undo step; NaN/inf accepted, noted."""
        problem = refusal(self.controller.shown, name, array)
        if problem:
            self.show_message(problem)
            return
        edit = (lambda: self.controller.set_upstream(array)) if name == "G" else \
            (lambda: self.controller.set_input(name, array))
        if self.attempt(edit) and warning(array):
            self.show_message(f"{name}: {warning(array)}")

    def edit_input(self, name, arr):
        self.attempt(self.controller.set_input, name, arr)

    def edit_shape(self, name, edit):
        try:
            shape = parse_shape(edit.text())
        except ValueError as exc:
            self.show_message(f"{name}: {edit.text()!r} is not a shape ({exc})")
            return
        if shape != np.shape(self.controller.shown.inputs.records.values[name]):
            problem = self.shape_problem(name, shape)
            if problem:
                self.show_message(f"{name} cannot be {shape_text(shape)}: {problem}")
                return
            self.attempt(self.controller.set_input_shape, name, shape)

    def shape_problem(self, name, shape):
        """The rule a new shape would break, checked before anything changes."""
        shown = self.controller.shown
        return infer_shapes(shown.program, shown.input_shapes() | {name: shape}).first_problem()

    def _on_preset_chosen(self, preset):
        if preset != self.controller.shown.document.upstream_origin:
            self.attempt(self.controller.set_upstream_preset, preset)

    def _on_start_chosen(self, index):
        name = self.start_combo.itemData(index)
        current = self.controller.session.records.start
        if name != current:
            self.attempt(self.controller.set_start, None if name == self.controller.session.program.output
                         else name)

    def show_message(self, text):
        self.message.setText(text)
        self.message.show()
