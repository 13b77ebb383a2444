"""The equation inspector: the current step laid out as the equation it satisfies, one heatmap per
matrix (`∂L/∂a = ∂L/∂t1 @ bᵀ`), and below it the selected node's value and gradient.

Heatmap widgets are pooled and reused by position, so a step redraws only matrices whose array
changed; clicks go to the controller as entries of the real arrays."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui import style
from gui.heatmap import Heatmap
from gui.heatmap_data import summarize
from gui.heatmap_equation import Shown, node_slots, step_layout


class HeatmapRow(QWidget):
    """A row of matrices and operator symbols, reusing its Heatmap and QLabel widgets."""

    def __init__(self, on_entry, parent=None):
        super().__init__(parent)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.heatmaps, self.operators, self.on_entry = [], [], on_entry

    def show_slots(self, slots, scales):
        """Lay out `slots` (str operators and Shown matrices); `scales` maps id(slot) to a colour
        half-range (absent: the matrix's own)."""
        while self.layout_.count():
            self.layout_.takeAt(0)
        maps, ops = iter(self._pool(self.heatmaps, slots, Shown)), iter(self._pool(self.operators, slots, str))
        for slot in slots:
            widget = next(maps) if isinstance(slot, Shown) else next(ops)
            if isinstance(slot, Shown):
                show(widget, slot, scales.get(id(slot)))
            else:
                widget.setText(slot)
            self.layout_.addWidget(widget, 1 if isinstance(slot, Shown) else 0)
            widget.setVisible(True)

    def _pool(self, pool, slots, kind):
        """Enough widgets of `kind` for `slots`; the ones not needed are hidden."""
        count = sum(isinstance(s, kind) for s in slots)
        while len(pool) < count:
            pool.append(self._new_heatmap() if kind is Shown else self._new_operator())
        for widget in pool[count:]:
            widget.setVisible(False)
        return pool[:count]

    def _new_heatmap(self):
        heatmap = Heatmap(self)
        heatmap.entry_clicked.connect(self.on_entry)
        return heatmap

    def _new_operator(self):
        label = QLabel(self)
        label.setStyleSheet(style.INSPECTOR_OPERATOR_CSS)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def visible_heatmaps(self):
        return [h for h in self.heatmaps if not h.isHidden()]


def show(heatmap, slot, scale):
    if slot.missing:
        heatmap.show_missing(slot.shape, slot.title, slot.missing)
    else:
        heatmap.show_matrix(slot.array, slot.title, slot.source, slot.badge, scale)


class InspectorPanel(QWidget):
    """The current step's equation as heatmaps, its note, and the selected node's value and gradient."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.arrays = {}   # step index -> its rule's term arrays, so revisiting a step redraws nothing
        self.heading, self.note, self.node_heading = QLabel(), QLabel(), QLabel()
        self.shared = QCheckBox("one colour scale for the whole equation")
        self.equation = HeatmapRow(controller.select_entry)
        self.node = HeatmapRow(controller.select_entry)
        self._build()
        controller.step_changed.connect(self._on_step_changed)
        controller.pass_recomputed.connect(self._on_pass_recomputed)
        controller.program_changed.connect(self._on_pass_recomputed)
        controller.node_selected.connect(self._on_node_selected)
        self.refresh()

    def _build(self):
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.shared)
        self.shared.setToolTip("Colour every matrix of the equation on one scale, or each on its own")
        self.shared.toggled.connect(self.refresh)
        self.heading.setStyleSheet(style.INSPECTOR_HEADING_CSS)
        self.note.setStyleSheet(style.INSPECTOR_NOTE_CSS)
        self.node_heading.setStyleSheet(style.INSPECTOR_HEADING_CSS)
        for label in (self.heading, self.note, self.node_heading):
            label.setWordWrap(True)
        layout.addLayout(top)
        layout.addWidget(self.equation, 3)
        layout.addWidget(self.note)
        layout.addWidget(self.node_heading)
        layout.addWidget(self.node, 2)

    # -- slots ------------------------------------------------------------------------------------
    def _on_step_changed(self, _cursor):
        self.refresh()

    def _on_pass_recomputed(self):
        self.arrays.clear()
        self.refresh()

    def _on_node_selected(self, _name):
        self.show_node()

    # -- drawing ----------------------------------------------------------------------------------
    def refresh(self):
        """Show the step after the cursor and the node."""
        session = self.controller.session
        step = session.current_step()
        heading, slots, note = step_layout(session, step, self._rule_arrays(step))
        self.heading.setText(heading)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.equation.show_slots(slots, self._scales(slots))
        self.show_node()

    def _rule_arrays(self, step):
        if step is None or step.kind != "backward":
            return ()
        if step.index not in self.arrays:
            self.arrays[step.index] = step.rule_arrays()
        return self.arrays[step.index]

    def _scales(self, slots):
        """Each matrix's colour half-range: its own, or with the switch on, the largest of them."""
        shown = [s for s in slots if isinstance(s, Shown) and not s.missing]
        own = {id(s): summarize(s.array).scale for s in shown}
        if self.shared.isChecked() and own:
            return dict.fromkeys(own, max(own.values()))
        return own

    def node_name(self):
        """The selected node, or else the current step's target (the program's output at step 0)."""
        session = self.controller.session
        values = session.records.values
        name = self.controller.selected_node
        if name in values:
            return name
        step = session.current_step()
        return step.target if step is not None else session.program.output

    def show_node(self):
        name = self.node_name()
        self.node_heading.setText(f"node {name}: value and gradient")
        slots = node_slots(self.controller.session, name)
        self.node.show_slots(slots, {})
