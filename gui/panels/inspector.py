"""The equation inspector: the current step laid out as the equation it satisfies, one heatmap per
matrix (`∂L/∂a = ∂L/∂t1 @ bᵀ`), and below it the selected node's value and gradient, or, while
an entry is selected, the selection's own equation (`∂L/∂a = ∂L/∂d · b`). Every heatmap shown
outlines the entries that feed the selected one (gui.heatmap.selection_marks).

Heatmap widgets are pooled and reused by position, so a step redraws only matrices whose array
changed; clicks go to the controller as entries of the real arrays."""
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from gui import style
from gui.heatmap.data import summarize
from gui.heatmap.equation import MatrixSlot, draft_slots, node_slots, step_layout
from gui.heatmap.selection_layout import selection_slots
from gui.heatmap.selection_marks import marks, outline_all, outline_step, step_marks
from gui.listening import Listening
from gui.panels.heatmap_row import HeatmapRow
from gui.panels.elided import ElidedLabel
from gui.panels.lesson_note import LessonNote


def shown_as(slot):
    """What a matrix slot shows: the same array of the same source, named alike, is the same picture."""
    return slot.title, slot.source, id(slot.array), slot.missing, slot.badge


class InspectorPanel(Listening, QWidget):
    """The current step's equation as heatmaps, its note, and the selected node's value and gradient."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.arrays = {}   # step index -> its rule's term arrays, so revisiting a step redraws nothing
        # two lines each, cut with … beyond: the rows below keep their place from step to step
        self.heading, self.note, self.node_heading = (ElidedLabel(lines=2) for _ in range(3))
        self.shared = QCheckBox("one colour scale")
        self.equation = HeatmapRow(controller.click_entry, 3)
        self.node = HeatmapRow(controller.click_entry, 2, operators=False)
        self.selected_row = HeatmapRow(controller.click_entry, 3)
        self.hovered = None   # the explanation's term under the mouse: only its cells are outlined
        self.equation_shows = set()   # what the step's row shows: the node row does not repeat it
        self.equation_step = None
        self._build()
        self.listen()
        self.refresh()

    def subscriptions(self):
        c = self.controller
        return ((c.step_changed, self._on_step_changed), (c.pass_recomputed, self._on_pass_recomputed),
                (c.program_changed, self._on_pass_recomputed), (c.node_selected, self._on_node_selected),
                (c.entry_selected, self._on_entry_selected), (c.term_hovered, self._on_term_hovered),
                (c.prediction_changed, self._on_prediction_changed), (c.terms_played, self._on_terms_played),
                (c.matrix_played, self._on_matrix_played))


    def _build(self):
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.shared)
        self.shared.setToolTip("Colour every matrix of the equation on one scale (on), or each matrix "
                               "on its own (off)")
        self.shared.toggled.connect(self._on_shared_toggled)
        self.heading.setStyleSheet(style.INSPECTOR_HEADING_CSS)
        self.note.setStyleSheet(style.INSPECTOR_NOTE_CSS)
        self.node_heading.setStyleSheet(style.INSPECTOR_HEADING_CSS)
        for label in (self.heading, self.note, self.node_heading):
            # fixed heights, so a step with a longer text (or none) does not resize every heatmap
            label.setFixedHeight(2 * label.fontMetrics().lineSpacing() + 4)
        layout.addLayout(top)
        layout.addWidget(self.equation, 3)
        layout.addWidget(self.note)
        layout.addWidget(LessonNote(self.controller, self))
        layout.addWidget(self.node_heading)
        layout.addWidget(self.node, 2)
        layout.addWidget(self.selected_row, 3)
        self.selected_row.setVisible(False)

    # -- slots ------------------------------------------------------------------------------------
    def _on_step_changed(self, _cursor):
        self.refresh()

    def _on_pass_recomputed(self):
        self.arrays.clear()
        self.refresh()

    def _on_node_selected(self, _name):
        self.show_node()

    def _on_entry_selected(self, _entry):
        self.hovered = None
        self.show_node()

    def _on_term_hovered(self, n):
        self.hovered = n
        self.outline()

    def _on_prediction_changed(self):
        self.outline()

    def _on_matrix_played(self, played):
        """The played gradient's cells not reached yet are covered, in the selection's row."""
        for heatmap in self.selected_row.visible_heatmaps():
            if played is not None and heatmap.source == (played[0], True, False):
                heatmap.unfilled.show(heatmap.cells, played[1])
            else:
                heatmap.unfilled.hide()

    def _on_terms_played(self, played):
        """The selected gradient cell fills as its terms are added (k of n), in the selection's row."""
        selection = self.controller.selection
        for heatmap in self.selected_row.visible_heatmaps():
            if played is None or selection is None or heatmap.source != (selection.name, True, False):
                heatmap.fill.hide()
            else:
                heatmap.fill.show(*matrix_cell(selection.index), played[0] / played[1])

    def _on_shared_toggled(self, _shared):
        self.refresh()

    # -- drawing ----------------------------------------------------------------------------------
    def refresh(self):
        """Show the step after the cursor and the node; while the program cannot be computed,
        only why (the pass kept meanwhile is another program's)."""
        if self.controller.session is None:
            self.show_no_pass()
            return
        session = self.controller.session
        step = session.current_step()
        origin = self.controller.shown.document.upstream_origin
        heading, slots, note = step_layout(session, step, self._rule_arrays(step), origin)
        self.equation_step = step   # the record the equation row shows (its matrices' parts are its)
        self.heading.set_full(heading)
        self.note.set_full(note)
        self.equation.show_slots(slots, self._scales(slots))
        self.equation_shows = {shown_as(s) for s in slots if isinstance(s, MatrixSlot)}
        self.show_node()

    def _rule_arrays(self, step):
        if step is None or step.kind != "backward":
            return ()
        if step.index not in self.arrays:
            self.arrays[step.index] = step.rule_arrays()
        return self.arrays[step.index]

    def _scales(self, slots):
        """Each matrix's colour half-range: its own, or with the switch on, the largest of them."""
        shown = [s for s in slots if isinstance(s, MatrixSlot) and not s.missing]
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

    def show_no_pass(self):
        """Why there are no steps, above the values that can be computed already (a draft's
        computable part, gui.model.shown.draft_pass)."""
        why, part = self.controller.shown.reason, self.controller.shown.inputs
        self.heading.set_full("No steps yet: the program cannot be computed" +
                             ("; what it can compute so far:" if part is not None else ""))
        self.note.set_full(why[:1].upper() + why[1:])
        slots = draft_slots(part) if part is not None else []
        self.equation.show_slots(slots, self._scales(slots))
        self.equation_shows, self.equation_step = set(), None
        self.node_heading.set_full("")
        self.node.setVisible(False)
        self.selected_row.setVisible(False)

    def show_node(self):
        """The selected node's value and gradient, or while an entry is selected its own equation."""
        if self.controller.session is None:
            return
        selection = self.controller.selection
        self.node.setVisible(selection is None)
        self.selected_row.setVisible(selection is not None)
        if selection is None:
            name = self.node_name()
            slots = [s for s in node_slots(self.controller.session, name) if shown_as(s) not in self.equation_shows]
            above = "" if slots else " (both shown above)"
            self.node_heading.set_full(f"node {name}: value and gradient{above}")
            self.node.show_slots(slots, {})
        else:
            hidden = self.controller.prediction.hidden(selection)
            heading, slots = selection_slots(self.controller.session, selection, hidden)
            self.node_heading.set_full(heading)
            self.selected_row.show_slots(slots, {})
        self.outline()

    def heatmaps(self):
        """Every heatmap shown."""
        rows = (self.equation, self.node, self.selected_row)
        return [h for row in rows if not row.isHidden() for h in row.visible_heatmaps()]

    def outline(self):
        """Outline in every heatmap shown what feeds the selected entry (or the hovered term); in
        the equation of a step that computes the entry, exactly the cells that feed it there."""
        session = self.controller.session
        if session is None:
            return   # no pass: no heatmaps to outline
        shapes = {n: v.shape for n, v in session.records.values.items()}
        found, step = marks(self.controller, self.hovered), step_marks(self.controller, self.hovered)
        if step is None or step.step is not self.equation_step:   # (a row about to be redrawn)
            outline_all(self.heatmaps(), found, shapes)
            return
        outline_step(self.equation.visible_heatmaps(), step)
        rows = (self.node, self.selected_row)
        below = [h for row in rows if not row.isHidden() for h in row.visible_heatmaps()]
        outline_all(below, found, shapes)


def matrix_cell(index):
    """(row, col) of an entry in the matrix a heatmap draws (a vector is one row, a scalar one cell)."""
    return (0, 0) if not index else (0, index[0]) if len(index) == 1 else tuple(index)
