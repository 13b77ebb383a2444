"""The app's one controller: holds the Qt-free model (gui.model.model) and announces its changes
as Qt signals. Widgets take the controller in their constructor, subscribe to its signals
(gui.listening) and change anything only through its methods; they never reach into each
other, and they read what is shown from `shown` (a Shown without a pass is simply that)."""
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

import engine
from gui.app.layout_worker import LayoutWorker
from gui.app.undo import DocumentCommand
from gui.model import canvas_edits
from gui.model.model import Changed, StudioModel


class StudioController(QObject):
    """Signals (snake_case, past tense):
    - program_changed(): a new program is shown (its structure may differ), or it lost or got its pass
    - pass_recomputed(): same program, new numbers (inputs, G, start or seed changed)
    - step_changed(int): the cursor moved (steps 1..n are done)
    - node_selected(str): a value's name, or "" for none
    - entry_selected(object): (name, index, is_grad) or None; also when its attribution changes
      (new numbers, another through node): `selection` holds it
    - term_hovered(object): the number of the explanation's term under the mouse, or None
    - terms_played(object): while the selection's terms are played, the running sum as
      (terms added, of how many, their sum so far); None when no play is under way
    - matrix_played(object): while a gradient matrix is played entry by entry, (name, k): its
      first k entries (row-major) are done; None when no play is under way
    - prediction_changed(): the predict-first state changed (`prediction`)
    - error_changed(object): the EngineError of the text being edited, or None when it is valid
    - text_replaced(str): the text was replaced from outside the editor (undo, open, the canvas)
    - positions_changed(): the canvas's node places moved (a drag, auto-layout, undo)
    - laid_out(): the places of a large program, made off the UI thread, arrived (`layout_ready`)
    - node_requested(object, object, object): the palette asks for (entry, global point, arg)
    - refused(str): a canvas edit the engine refused, and why

    Every edit is one command on `undo_stack`; an edit that the engine refuses raises (or, for
    text, reports error_changed) and changes nothing."""
    program_changed = Signal()
    pass_recomputed = Signal()
    step_changed = Signal(int)
    node_selected = Signal(str)
    entry_selected = Signal(object)
    term_hovered = Signal(object)
    terms_played = Signal(object)
    matrix_played = Signal(object)
    prediction_changed = Signal()
    error_changed = Signal(object)
    text_replaced = Signal(str)
    positions_changed = Signal()
    laid_out = Signal()
    node_requested = Signal(object, object, object)
    refused = Signal(str)

    def __init__(self, text, parent=None, rng_seed=0):
        super().__init__(parent)
        self.model = StudioModel(text, rng_seed)
        self.undo_stack = QUndoStack(self)
        self.layouts = LayoutWorker(self)
        self.layouts.laid_out.connect(self.laid_out)

    # -- what widgets read ---------------------------------------------------------------------------
    @property
    def shown(self):
        return self.model.shown

    @property
    def session(self):
        """The shown pass (an engine.Session at the View's cursor), or None when there is none."""
        return self.model.shown.session

    @property
    def text(self):
        return self.model.document.text

    @property
    def error(self):
        return self.model.error

    @property
    def view(self):
        return self.model.view

    @property
    def selection(self):
        return self.model.selection

    @property
    def prediction(self):
        return self.model.prediction

    @property
    def selected_node(self):
        return self.model.view.node

    @property
    def selected_entry(self):
        return self.model.view.entry

    def layout_ready(self):
        """Whether the shown program's places can be read now; a large program's are made off the
        UI thread meanwhile (gui.app.layout_worker), and `laid_out` says when they arrive."""
        return self.layouts.ready(self.model.shown)

    @property
    def positions(self):
        """{node id: (x, y)} of the nodes as placed on the canvas."""
        return self.model.shown.places()

    # -- announcing ------------------------------------------------------------------------------------
    def announce(self, changed):
        """Emit the signals of `changed` (gui.model.model.Changed), the model already current; a
        new history entry becomes a command on the undo stack."""
        m = self.model
        if changed & Changed.HISTORY:
            self.undo_stack.push(DocumentCommand(self, m.history.labels[m.history.index], m.history.index))
        emits = [(Changed.TEXT, self.text_replaced, (m.editor_text,)),
                 (Changed.ERROR, self.error_changed, (m.error,)),
                 (Changed.PROGRAM, self.program_changed, ()),
                 (Changed.NUMBERS, self.pass_recomputed, ()),
                 (Changed.POSITIONS, self.positions_changed, ()),   # a new program is placed anew anyway
                 (Changed.ENTRY, self.entry_selected, (m.view.entry,)),
                 (Changed.NODE, self.node_selected, (m.view.node,)),
                 (Changed.PREDICTION, self.prediction_changed, ()),
                 (Changed.STEP, self.step_changed, (m.view.cursor,))]
        for flag, signal, args in emits:
            if changed & flag and not (flag == Changed.POSITIONS and changed & Changed.PROGRAM):
                signal.emit(*args)
        return changed

    def go(self, index):
        """Show history entry `index` (the undo command's undo and redo)."""
        self.announce(self.model.go(index))

    # -- edits -----------------------------------------------------------------------------------------
    def apply_text(self, text):
        """Parse and show `text` as one undoable edit; False (and error_changed) when it does not parse."""
        self.announce(self.model.apply_text(text))
        return self.model.error is None or self.model.error is self.model.shown.error

    def set_input(self, name, array):
        self.announce(self.model.set_input(name, array))

    def set_input_shape(self, name, shape):
        self.announce(self.model.set_input_shape(name, shape))

    def set_upstream(self, upstream):
        self.announce(self.model.set_upstream(upstream))

    def set_upstream_preset(self, preset):
        self.announce(self.model.set_upstream_preset(preset))

    def set_start(self, start):
        self.announce(self.model.set_start(start))

    def set_rng_seed(self, seed):
        self.announce(self.model.set_rng_seed(seed))

    # -- the canvas --------------------------------------------------------------------------------------
    def request_node(self, entry, global_point, arg):
        """The palette asks for `entry` at `global_point` (the canvas places it, if it is over it)."""
        self.node_requested.emit(entry, global_point, arg)

    def edit_canvas(self, name, *args):
        """Run canvas edit `name` (add, add_constant, connect, delete, rename of gui.model.canvas_edits);
        a refusal is announced through `refused`. Returns whether the document changed."""
        try:
            changed = self.announce(self.model.edit_canvas(getattr(canvas_edits, name), *args))
        except engine.EngineError as exc:
            self.refused.emit(str(exc))
            return False
        return bool(changed)

    def move_nodes(self, places):
        self.announce(self.model.move_nodes(places))

    def auto_layout(self):
        self.announce(self.model.auto_layout())

    # -- the view ----------------------------------------------------------------------------------------
    def seek(self, n):
        self.announce(self.model.seek(n))

    def step_forward(self):
        self.seek(self.model.view.cursor + 1)

    def step_back(self):
        self.seek(self.model.view.cursor - 1)

    def to_start(self):
        self.seek(0)

    def to_end(self):
        self.seek(self.session.total if self.session is not None else 0)

    def select_node(self, name):
        self.announce(self.model.select_node(name))

    def select_entry(self, entry):
        self.announce(self.model.select_entry(entry))

    def select_text(self, text):
        """Select `grad a[0,0]` or `d[1,0]`; raises EngineError for an entry the program lacks."""
        self.announce(self.model.select_text(text))

    def click_entry(self, entry):
        self.announce(self.model.click_entry(entry))

    def set_through(self, node):
        self.announce(self.model.set_through(node))

    def hover_term(self, n):
        self.term_hovered.emit(n)

    def play_terms(self, played):
        """(k, n, sum) while the selection's terms are played, one more each frame; None: stopped."""
        self.terms_played.emit(played)

    def play_matrix(self, played):
        """(name, k) while ∂L/∂name is played entry by entry, its first k done; None: stopped."""
        self.matrix_played.emit(played)

    def update_prediction(self, **fields):
        self.announce(self.model.update_prediction(**fields))

    def check_prediction(self):
        self.announce(self.model.check_prediction())

    # -- files -------------------------------------------------------------------------------------------
    def document(self):
        """The session as the file format's dict (gui.model.session_file)."""
        return self.model.file_dict()

    def open_document(self, doc):
        """Show an opened file's dict as a new history. A broken expression, or one too large for
        memory, is shown in the editor with its error (returns False); inputs that do not fit
        the program raise EngineError, changing nothing."""
        changed, opened = self.model.open_file_dict(doc)
        if opened:
            self.undo_stack.clear()
        self.announce(changed)
        return opened
