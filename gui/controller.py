"""The app's one controller: owns the engine Session and announces every change.

Widgets take the controller in their constructor, connect to its signals, and change
anything only through its methods; they never reach into each other."""
import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

import engine
from engine.entries import check_entry, format_entry, parse_entry
from engine.program import infer_shapes
from engine.values import initial_value
from gui.commands import State, StateCommand
from gui.session_file import FORMAT, VERSION, as_json_array


def entry_text(entry):
    """(name, index, is_grad) as programs write it: `grad a[0,0]`, `d[1,0]`; None stays None."""
    if entry is None:
        return None
    name, index, is_grad = entry
    return ("grad " if is_grad else "") + format_entry(name, index)


class StudioController(QObject):
    """Signals (snake_case, past tense):
    - program_changed(): a new valid program and pass (the graph's structure may differ)
    - pass_recomputed(): same program, new numbers (inputs, G, start or seed changed)
    - step_changed(int): the cursor moved (steps 1..n are done)
    - node_selected(str): a value's name, or "" for none
    - entry_selected(object): (name, index, is_grad) or None
    - error_changed(object): the EngineError of the text being edited, or None when it is valid
    - text_replaced(str): the text was replaced from outside the editor (undo, open)

    Edits of the text, inputs, G, start node and seed are commands on `undo_stack`; an edit
    that the engine refuses raises (or, for text, reports error_changed) and changes nothing.
    """
    program_changed = Signal()
    pass_recomputed = Signal()
    step_changed = Signal(int)
    node_selected = Signal(str)
    entry_selected = Signal(object)
    error_changed = Signal(object)
    text_replaced = Signal(str)

    def __init__(self, text, parent=None, rng_seed=0):
        super().__init__(parent)
        self.session = engine.Session(text, rng_seed=rng_seed)
        self.text = text
        self.error = None
        self.selected_node = ""
        self.selected_entry = None
        self.undo_stack = QUndoStack(self)

    # -- the document's state ---------------------------------------------------------------------
    def state(self):
        s = self.session
        return State(self.text, dict(s.inputs), s.upstream, s.start, s.rng_seed)

    def restore(self, state):
        """Compute `state`'s pass (raises EngineError, changing nothing) and show it, cursor kept."""
        same_text = state.text == self.text
        program = self.session.program if same_text else engine.parse(state.text)
        session = engine.Session(program, state.inputs, state.upstream, state.start, state.rng_seed)
        session.seek(self.session.cursor)
        self.session, self.text = session, state.text
        if same_text:
            self.pass_recomputed.emit()
        else:
            self.forget_missing_selection()
            self.text_replaced.emit(state.text)
            self.program_changed.emit()
        self.step_changed.emit(session.cursor)

    def change(self, label, **fields):
        """One undoable edit of any State fields; raises EngineError when the engine refuses it."""
        before = self.state()
        after = before._replace(**fields)
        self.restore(after)
        self.undo_stack.push(StateCommand(self, label, before, after))

    # -- program and inputs -------------------------------------------------------------------------
    def apply_text(self, text):
        """Parse and compute `text` as one undoable edit; on error keep the previous program,
        report the error through error_changed and return False."""
        try:
            if text != self.text:
                program = engine.parse(text)
                self.change("apply text", text=text, inputs=self.kept_inputs(program),
                            upstream=self.kept_upstream(program), start=self.kept_start(program))
        except engine.EngineError as exc:
            self.report(exc)
            return False
        self.report(None)
        return True

    def report(self, error):
        self.error = error
        self.error_changed.emit(error)

    def kept_inputs(self, program):
        """Inputs the user gave that the new program still has, with the shape it declares."""
        kept = {}
        for inp in program.inputs:
            given = self.session.inputs.get(inp.name)
            if given is not None and (not inp.declared or np.shape(given) == inp.shape):
                kept[inp.name] = given
        return kept

    def kept_upstream(self, program):
        """The user's G while the new program's start node has the same name and shape."""
        upstream, start = self.session.upstream, self.session.start or self.session.program.output
        if upstream is None or (self.kept_start(program) or program.output) != start:
            return None
        shapes = infer_shapes(program).shapes
        return upstream if shapes.get(start) == np.shape(upstream) else None

    def kept_start(self, program):
        start = self.session.start
        return start if start in program.names() else None

    def input_values(self):
        """Every input's current array, given or drawn."""
        return {i.name: self.session.records.values[i.name] for i in self.session.program.inputs}

    def set_inputs(self, inputs):
        self.change("edit inputs", inputs=dict(inputs))

    def set_input(self, name, array):
        """Give input `name` these values (its shape may differ, for an undeclared input)."""
        self.change(f"edit {name}", inputs={**self.session.inputs, name: np.asarray(array, float)})

    def set_input_shape(self, name, shape):
        """A new shape for an undeclared input, with freshly drawn values."""
        inp = self.session.program.input(name)
        values = initial_value(inp, tuple(shape), np.float64, self.session.rng_seed)
        self.change(f"reshape {name}", inputs={**self.session.inputs, name: values})

    def set_upstream(self, upstream):
        self.change("edit G", upstream=upstream)

    def set_start(self, start):
        self.change("start node", start=start or None, upstream=None)

    def set_rng_seed(self, seed):
        """Re-draw the random inputs the user has not edited."""
        self.change("re-draw inputs", rng_seed=int(seed))

    def check(self):
        """The gradient check of the current pass (engine.check's dict)."""
        s = self.session
        return engine.check(s.program, inputs=self.input_values(), upstream=s.upstream, start=s.start)

    # -- sessions ------------------------------------------------------------------------------------
    def document(self):
        """The session as the file format's dict (see gui.session_file)."""
        s = self.session
        return {"format": FORMAT, "version": VERSION, "expression": self.text,
                "inputs": {n: {"shape": list(np.shape(a)), "values": as_json_array(a)}
                           for n, a in self.input_values().items()},
                "upstream": None if s.upstream is None else as_json_array(s.upstream),
                "start": s.start, "cursor": s.cursor, "selection": entry_text(self.selected_entry),
                "positions": {}}

    def open_document(self, doc):
        """Show an opened document. A broken expression is shown in the editor with its error
        (returns False); inputs that do not fit the program raise EngineError, changing nothing."""
        state = State(doc["expression"], doc.get("inputs") or {}, doc.get("upstream"), doc.get("start"),
                      self.session.rng_seed)
        try:
            engine.parse(state.text)
        except engine.EngineError as exc:
            self.text_replaced.emit(state.text)
            self.report(exc)
            return False
        self.restore(state)
        self.text_replaced.emit(state.text)
        self.report(None)
        self.undo_stack.clear()
        self.seek(doc.get("cursor", 0))
        self.select_text(doc.get("selection"))
        return True

    # -- the cursor --------------------------------------------------------------------------------
    def seek(self, n):
        old = self.session.cursor
        if self.session.seek(n) != old:
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
