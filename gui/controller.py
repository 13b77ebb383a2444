"""The app's one controller: owns the engine Session and announces every change.

Widgets take the controller in their constructor, connect to its signals, and change
anything only through its methods; they never reach into each other."""
from PySide6.QtCore import QObject, Signal

import engine


class StudioController(QObject):
    """Signals (snake_case, past tense):
    - program_changed(): a new valid program and pass (the graph's structure may differ)
    - pass_recomputed(): same program, new numbers (inputs, G, start or seed changed)
    - step_changed(int): the cursor moved (steps 1..n are done)
    - node_selected(str): a value's name, or "" for none
    - entry_selected(object): (name, index, is_grad) or None
    - error_changed(object): the EngineError of the text being edited, or None when it is valid
    """
    program_changed = Signal()
    pass_recomputed = Signal()
    step_changed = Signal(int)
    node_selected = Signal(str)
    entry_selected = Signal(object)
    error_changed = Signal(object)

    def __init__(self, text, parent=None):
        super().__init__(parent)
        self.session = engine.Session(text)
        self.text = text
        self.error = None
        self.selected_node = ""
        self.selected_entry = None

    # -- program and inputs ---------------------------------------------------------------------
    def apply_text(self, text):
        """Parse and compute `text`; on error keep the previous program and report the error."""
        try:
            program = engine.parse(text)
            session = engine.Session(program, self.kept_inputs(program), None, None, self.session.rng_seed)
            self.keep_upstream(session)
        except engine.EngineError as exc:
            self.error = exc
            self.error_changed.emit(exc)
            return False
        session.seek(self.session.cursor)
        self.session, self.text, self.error = session, text, None
        self.error_changed.emit(None)
        self.program_changed.emit()
        self.step_changed.emit(self.session.cursor)
        return True

    def kept_inputs(self, program):
        """Inputs the user gave that the new program still has."""
        names = {i.name for i in program.inputs}
        return {k: v for k, v in self.session.inputs.items() if k in names}

    def keep_upstream(self, session):
        """Keep the user's G when the new program's output has the same name and shape."""
        old, upstream = self.session, self.session.upstream
        out = session.program.output
        if upstream is not None and out == old.program.output and \
                session.records.values[out].shape == old.records.values[out].shape:
            session.update(upstream=upstream)

    def set_inputs(self, inputs):
        self.recompute(inputs=inputs)

    def set_upstream(self, upstream):
        self.recompute(upstream=upstream)

    def set_start(self, start):
        self.recompute(start=start)

    def recompute(self, **change):
        try:
            self.session.update(**change)
        except engine.EngineError as exc:
            self.error_changed.emit(exc)
            return False
        self.pass_recomputed.emit()
        self.step_changed.emit(self.session.cursor)
        return True

    # -- the cursor --------------------------------------------------------------------------------
    def seek(self, n):
        if self.session.seek(n) is not None:
            self.step_changed.emit(self.session.cursor)

    def step_forward(self):
        self.seek(self.session.cursor + 1)

    def step_back(self):
        self.seek(self.session.cursor - 1)

    def to_start(self):
        self.seek(0)

    def to_end(self):
        self.seek(self.session.total)

    # -- selection -----------------------------------------------------------------------------------
    def select_node(self, name):
        self.selected_node = name or ""
        self.node_selected.emit(self.selected_node)

    def select_entry(self, entry):
        """entry = (name, index, is_grad), or None to clear."""
        self.selected_entry = entry
        self.entry_selected.emit(entry)
