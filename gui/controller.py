"""The app's one controller: owns the engine Session and announces every change.

Widgets take the controller in their constructor, connect to its signals, and change
anything only through its methods; they never reach into each other."""
import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

import engine
from engine.program import infer_shapes
from engine.values import guard_memory, initial_value
from gui.builder_commands import CanvasCommand, MoveCommand
from gui.builder_draft import draft_reason, inputs_only, parse_program
from gui.commands import State, StateCommand
from gui.controller_documents import DocumentMixin
from gui.controller_selection import SelectionMixin
from gui.predict import Prediction


class StudioController(QObject, DocumentMixin, SelectionMixin):
    """Signals (snake_case, past tense):
    - program_changed(): a new valid program and pass (the graph's structure may differ)
    - pass_recomputed(): same program, new numbers (inputs, G, start or seed changed)
    - step_changed(int): the cursor moved (steps 1..n are done)
    - node_selected(str): a value's name, or "" for none
    - entry_selected(object): (name, index, is_grad) or None; also when its attribution changes
      (new numbers, another through node): `selection` holds it
    - term_hovered(object): the number of the explanation's term under the mouse, or None
    - prediction_changed(): the predict-first state changed (`prediction`)
    - error_changed(object): the EngineError of the text being edited, or None when it is valid
    - text_replaced(str): the text was replaced from outside the editor (undo, open)
    - positions_changed(): the canvas's node positions were moved (a drag, auto-layout, undo)

    A text that parses but cannot be computed (a hole, shapes that do not fit, nothing yet) is
    a draft: `program()` is the draft, `session` keeps the last computed pass, and
    `why_no_pass()` says why stepping is unavailable.

    Edits of the text, inputs, G, start node and seed are commands on `undo_stack`; an edit
    that the engine refuses raises (or, for text, reports error_changed) and changes nothing.
    """
    program_changed = Signal()
    pass_recomputed = Signal()
    step_changed = Signal(int)
    node_selected = Signal(str)
    entry_selected = Signal(object)
    term_hovered = Signal(object)
    prediction_changed = Signal()
    error_changed = Signal(object)
    text_replaced = Signal(str)
    positions_changed = Signal()

    def __init__(self, text, parent=None, rng_seed=0):
        super().__init__(parent)
        self.text, self.error = text, None
        self.draft, self.draft_state, self.draft_error, self.draft_inputs = None, None, None, None
        program = engine.parse(text)
        try:
            self.session = engine.Session(program, rng_seed=rng_seed)
        except (engine.IncompleteError, engine.ShapeError) as exc:   # a draft from the start
            self.session = engine.Session(inputs_only(program), rng_seed=rng_seed)
            self.draft, self.draft_state = program, State(text, {}, None, None, rng_seed)
            self.draft_error = self.error = exc
            self.draft_inputs = self.session
        self.selected_node = ""
        self.selected_entry = None
        self.selection, self.through, self.prediction = None, None, Prediction()
        # connected first, so the selection has the new pass's numbers before any widget redraws
        # new numbers (G, inputs) make a new question of a prediction already checked
        self.pass_recomputed.connect(self.prediction.forget)
        self.pass_recomputed.connect(self.refresh_selection)
        self.program_changed.connect(self.refresh_selection)
        self.undo_stack = QUndoStack(self)
        self.positions = {}   # {node id: (x, y)} on the canvas: saved with the session

    # -- the document's state ---------------------------------------------------------------------
    def state(self):
        if self.draft is not None:
            return self.draft_state
        s = self.session
        return State(self.text, dict(s.inputs), s.upstream, s.start, s.rng_seed)

    def restore(self, state):
        """Compute `state`'s pass and show it, cursor kept; a program that cannot be computed
        (a hole, its own shapes do not fit) is shown as a draft. Any other EngineError (inputs
        or G that do not fit) raises, changing nothing."""
        same_text = state.text == self.text
        program = self.program() if same_text else parse_program(state.text)
        try:
            if program.output is None:
                raise engine.IncompleteError("the program is empty")
            session = engine.Session(program, state.inputs, state.upstream, state.start, state.rng_seed)
        except (engine.IncompleteError, engine.ShapeError) as exc:
            if program.output is not None and not (program.holes() or infer_shapes(program).problems):
                raise   # the program is fine: inputs or G that break a rule are refused, not drafted
            self.show_draft(program, state, exc)
            return
        was_draft, self.draft, self.draft_error = self.draft is not None, None, None
        session.seek(self.session.cursor)
        self.session, self.text = session, state.text
        if was_draft:
            self.report(None)
        if same_text and not was_draft:
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
                program = parse_program(text)
                self.change("apply text", text=text, inputs=self.kept_inputs(program),
                            upstream=self.kept_upstream(program), start=self.kept_start(program))
        except engine.EngineError as exc:
            self.report(exc)
            return False
        self.report(self.draft_error)
        return True

    def report(self, error):
        self.error = error
        self.error_changed.emit(error)

    def kept_inputs(self, program):
        """Inputs the user gave that the new program still has, with the shape it declares."""
        kept = {}
        for inp in program.inputs:
            given = self.state().inputs.get(inp.name)
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
        """Every input's current array, given or drawn (a draft's too)."""
        s = self.inputs_session()
        return {} if s is None else {i.name: s.records.values[i.name] for i in s.program.inputs}

    def set_inputs(self, inputs):
        self.change("edit inputs", inputs=dict(inputs))

    def set_input(self, name, array):
        """Give input `name` these values (its shape may differ, for an undeclared input); class
        labels stay integers."""
        array = np.asarray(array)
        self.change(f"edit {name}", inputs={**self.state().inputs,
                                            name: array if array.dtype.kind in "iu" else array.astype(float)})

    def set_input_shape(self, name, shape):
        """A new shape for an undeclared input, with freshly drawn values."""
        inp = self.program().input(name)
        guard_memory({name: tuple(shape)}, np.dtype(np.float64).itemsize)   # before drawing the values
        values = initial_value(inp, tuple(shape), np.float64, self.state().rng_seed)
        self.change(f"reshape {name}", inputs={**self.state().inputs, name: values})

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

    # -- the cursor --------------------------------------------------------------------------------
    def seek(self, n):
        if self.draft is not None:
            return   # no pass to step through
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

    # -- the canvas: drafts, canvas edits and node positions ------------------------------------------
    def program(self):
        """The program shown: the draft while there is one, else the computed pass's."""
        return self.draft if self.draft is not None else self.session.program

    def show_draft(self, program, state, error):
        """Show a program that cannot be computed; its error is the text's (the editor marks it).
        Its inputs are drawn on their own (`inputs_session`), for the inputs panel."""
        self.draft_inputs = engine.Session(inputs_only(program), state.inputs, rng_seed=state.rng_seed) \
            if program.inputs else None
        self.draft, self.draft_state, self.draft_error, self.text = program, state, error, state.text
        self.text_replaced.emit(state.text)
        self.report(error)
        self.program_changed.emit()

    def inputs_session(self):
        """The pass whose inputs are the shown program's: the draft's inputs alone while there is
        a draft (the session kept meanwhile is another program's), else the session."""
        if self.draft is None:
            return self.session
        return self.draft_inputs

    def why_no_pass(self):
        """Why there is no pass to step through (`the graph is incomplete: wire t3's second
        input`), or None when the program is computed."""
        return None if self.draft is None else draft_reason(self.draft, self.input_shapes())

    def input_shapes(self):
        """{input name: shape} the user gave or the pass drew, for shape inference."""
        if self.draft is not None:
            return {n: np.shape(a) for n, a in self.draft_state.inputs.items()}
        return {i.name: self.session.records.values[i.name].shape for i in self.session.program.inputs}

    def edit_canvas(self, label, text, positions):
        """One undoable canvas edit: the text the canvas wrote and the nodes' places under the
        ids that text gives them; the inputs, G and start node are kept where they still fit."""
        program = parse_program(text)
        before, places_before = self.state(), dict(self.positions)
        after = before._replace(text=text, inputs=self.kept_inputs(program),
                                upstream=self.kept_upstream(program), start=self.kept_start(program))
        self.set_positions(positions, announce=False)
        try:
            self.restore(after)
        except engine.EngineError:
            self.set_positions(places_before, announce=False)
            raise
        self.undo_stack.push(CanvasCommand(self, label, before, after, places_before, positions))

    def move_nodes(self, label, before, after):
        """Nodes moved on the canvas: one undoable command from `before` to `after` places."""
        self.undo_stack.push(MoveCommand(self, label, before, after))

    def set_positions(self, positions, announce=True):
        """The canvas's node places ({id: (x, y)}); announced unless the canvas wrote them."""
        self.positions = dict(positions)
        if announce:
            self.positions_changed.emit()
