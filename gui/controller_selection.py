"""The controller's selection: the selected node and entry, the entry's attribution computed
once for every widget, its terms, and predict first. Mixed into gui.controller.StudioController,
whose state and signals it uses."""
import numpy as np

import engine
from engine.entries import check_entry, parse_entry
from gui.selection_state import Selected


class SelectionMixin:
    """The selected node and entry, and what every widget reads of them."""

    def select_node(self, name):
        """Select a value's node; an entry of another node is let go, so that the node's own
        value and gradient are what the inspector shows."""
        self.selected_node = name or ""
        if self.selected_entry is not None and self.selected_entry[0] != self.selected_node:
            self.select_entry(None)
        self.node_selected.emit(self.selected_node)

    def select_entry(self, entry):
        """entry = (name, index, is_grad), or None to clear."""
        self.selected_entry, self.through = entry, None
        self.prediction.forget()
        self.refresh_selection()

    def select_text(self, text):
        """Select an entry written as programs read it (`grad a[0,0]`, `d[1,0]`) and its node;
        raises EngineError for an entry the program does not have. None clears nothing."""
        if not text:
            return
        shapes = {n: np.shape(v) for n, v in self.session.records.values.items()}
        name, index, is_grad = parse_entry(text, shapes)
        self.select_node(name)
        self.select_entry((name, index, is_grad))

    def forget_missing_selection(self):
        """A new program may lack the selected node or entry: clear them quietly."""
        shapes = {n: np.shape(v) for n, v in self.session.records.values.items()}
        entry = self.selected_entry
        if entry is not None:
            try:
                check_entry(entry[0], entry[1], shapes)
            except engine.EngineError:
                self.selected_entry = None
        if self.selected_node not in shapes:
            self.selected_node = ""

    def refresh_selection(self):
        """Attribute the selected entry on the current pass, once, for every widget to read."""
        self.forget_missing_selection()
        if self.through not in self.session.program.names():
            self.through = None
        entry = self.selected_entry
        # a draft has no pass: the session kept meanwhile is another program's
        computed = entry is not None and self.draft is None
        self.selection = Selected(self.session, entry, self.through) if computed else None
        self.entry_selected.emit(entry)

    def click_entry(self, entry):
        """A heatmap's cell was clicked: picked as feeding the selection while the learner picks
        cells for a hidden entry, else selected."""
        if self.prediction.picking and self.prediction.hidden(self.selection):
            self.update_prediction(pick=entry)
        else:
            self.select_entry(entry)

    def set_through(self, node):
        """Take the selected gradient entry's terms at `node` (None: the nearest named values)."""
        self.through = node or None
        self.refresh_selection()

    def hover_term(self, n):
        self.term_hovered.emit(n)

    def check_prediction(self):
        """Check (or Return) in predict first: judge the value typed, or show the answer."""
        self.prediction.check(self.selection)
        self.prediction_changed.emit()

    def update_prediction(self, **fields):
        """Change the predict-first state (see gui.predict.Prediction.update)."""
        self.prediction.update(**fields)
        self.prediction_changed.emit()
