"""The app model: the history of Documents, what is shown of the current one, and the View.

Every method returns the `Changed` flags of what it changed, for the one Qt controller to
announce (gui.app.controller); the model itself knows nothing of Qt. An edit that the engine
refuses raises EngineError and changes nothing; a text that does not parse is reported
(`error`) and leaves the document as it was."""
from dataclasses import replace
from enum import Flag, auto

import numpy as np

import engine
from engine import check_entry, parse_entry
from gui.model import canvas_edits, edits, upstream
from gui.model.document import Document, View
from gui.model.history import History
from gui.model.layout import LOSS_ID, layered_layout
from gui.model.predict import Prediction
from gui.model.session_file import document_of, session_dict
from gui.model.shown import derive, parse_program

READ_ONLY = "The canvas is read-only while the text has an error: fix the text first"


class Changed(Flag):
    NONE = 0
    TEXT = auto()        # the text was replaced from outside the editor (undo, open, the canvas)
    ERROR = auto()       # the error of the text being edited (`error`), None when it is valid
    PROGRAM = auto()     # a new program is shown (its structure may differ), or it lost or got its pass
    NUMBERS = auto()     # the same program, new numbers (inputs, G, start node or seed)
    POSITIONS = auto()   # the canvas places of the nodes
    NODE = auto()        # the selected node
    ENTRY = auto()       # the selected entry, or its attribution (`selection`)
    PREDICTION = auto()  # the predict-first state
    STEP = auto()        # the cursor
    HISTORY = auto()     # a new history entry (labelled `history.labels[history.index]`)


class StudioModel:
    """document: what the user edits; shown: derived from it once; view: what is looked at;
    selection: the selected entry attributed on the shown pass (None without one); prediction:
    predict first; error: the error of the text being edited; editor_text: the text the editor
    shows (the document's, or an opened text that could not be applied)."""

    def __init__(self, text, rng_seed=0):
        document = Document(text, rng_seed=rng_seed)
        self.shown = derive(document)
        self.history = History(document, View())
        self.view, self.selection, self.prediction = View(), None, Prediction()
        self.error, self.editor_text = self.shown.error, text
        self.made_up = {}   # text -> the names the canvas made up for unnamed nodes in it

    @property
    def document(self):
        return self.shown.document

    # -- showing a document -------------------------------------------------------------------------
    def show(self, document, program=None, view=None):
        """Show `document` (`program`: its text, parsed) with `view` (default: the current one)."""
        old = self.shown
        if document.computes_like(old.document) and program is None:
            self.shown = replace(old, document=document)   # the same pass: only the places moved
            return Changed.POSITIONS | (self.look(view) if view is not None else Changed.NONE)
        self.shown = derive(document, program)
        self.editor_text = document.text
        changed = self.new_pass(old)
        if changed & Changed.NUMBERS:
            self.prediction.forget()   # new numbers make a new question of a checked prediction
        if document.positions != old.document.positions:
            changed |= Changed.POSITIONS
        return changed | self.look(view or self.view)

    def new_pass(self, old):
        """What changed from `old` (the Shown before) to the shown: the same program with new
        numbers, or another program (or one that got or lost its pass); the error follows."""
        shown = self.shown
        if shown.session is None:
            self.error = shown.error
            return Changed.TEXT | Changed.ERROR | Changed.PROGRAM
        if old.session is not None and shown.document.text == old.document.text:
            return Changed.NUMBERS | Changed.STEP
        if old.session is None:
            self.error = None
            return Changed.TEXT | Changed.ERROR | Changed.PROGRAM | Changed.STEP
        return Changed.TEXT | Changed.PROGRAM | Changed.STEP

    def look(self, view):
        """Make `view` current on the shown pass: the cursor within it, a node or entry it lacks let
        go quietly, the selection attributed once; without a pass the view waits as it is."""
        session, changed = self.shown.session, Changed.ENTRY
        if session is not None:
            shapes = {n: np.shape(v) for n, v in session.records.values.items()}
            view = view.edited(cursor=session.seek(view.cursor),
                               node=view.node if view.node in shapes else "",
                               entry=view.entry if known(view.entry, shapes) else None,
                               through=view.through if view.through in shapes else None)
        if view.node != self.view.node:
            changed |= Changed.NODE
        if view.cursor != self.view.cursor:
            changed |= Changed.STEP
        self.view = view
        self.selection = None
        if session is not None and view.entry is not None:
            from gui.model.selection import Selected   # the attribution loads with the first selection
            self.selection = Selected(session, view.entry, view.through, self.document.upstream_origin)
        return changed

    def commit(self, label, document, program=None):
        """One edit: show `document` and add it to the history (nothing changes when refused).
        Nodes the edit does not place keep the places they are shown at."""
        if document.positions is self.document.positions:
            document = document.edited(positions=self.shown.places())
        before = self.view
        changed = self.show(document, program)
        follows = upstream.followed(document, self.start_value())
        if follows is not document:   # a drawn G follows the new values and seed
            document = follows
            changed |= self.show(document, program)
        self.history.push(label, document, before, self.view)
        return changed | Changed.HISTORY

    def go(self, index):
        """Undo or redo to history entry `index`, with the View it was left with."""
        document, view = self.history.move(index, self.view)
        return self.show(document, view=view)

    def undo(self):
        return self.go(self.history.index - 1)

    def redo(self):
        return self.go(self.history.index + 1)

    # -- edits -----------------------------------------------------------------------------------------
    def apply_text(self, text):
        """Parse `text` once and show it as one edit; a text that does not parse (or that the
        engine refuses) is reported as `error`, the document kept."""
        try:
            changed = Changed.NONE
            if text != self.document.text:
                program = parse_program(text)
                changed = self.commit("apply text", edits.with_text(self.document, self.shown, text, program),
                                      program)
        except engine.EngineError as exc:
            self.error = exc
            return Changed.ERROR
        self.error = self.shown.error
        return changed | Changed.ERROR

    def edit_canvas(self, edit, *args):
        """A canvas edit (a function of gui.model.canvas_edits, given the shown document and
        `args`) as one history entry; raises EngineError when it is refused, and while the text
        has an error the canvas is read-only."""
        if isinstance(self.error, engine.ParseError):
            raise engine.InputError(READ_ONLY)
        made = edit(self.shown, self.made_up, *args)
        if made is None:
            return Changed.NONE
        self.made_up[made.document.text] = made.made_up
        return self.commit(made.label, made.document, made.program)

    def move_nodes(self, places):
        """Nodes dragged to `places` ({id: (x, y)}): one history entry."""
        before = self.shown.places()
        moved = self.document.edited(positions={**before, **places})
        return self.commit(canvas_edits.move_label(before, places), moved)

    def auto_layout(self):
        """Every node placed afresh, as one history entry (none when nothing moves)."""
        fresh = {n: p for n, p in layered_layout(self.shown.graph).items() if n != LOSS_ID}
        if fresh == self.shown.places():
            return Changed.NONE
        return self.commit("Auto-layout", self.document.edited(positions=fresh))

    def set_input(self, name, array):
        return self.commit(f"edit {name}", edits.with_input(self.document, name, array))

    def set_input_shape(self, name, shape):
        reshaped = edits.with_input_shape(self.document, self.shown.program, name, shape)
        return self.commit(f"reshape {name}", reshaped)

    def set_upstream(self, upstream):
        return self.commit("edit G", edits.with_upstream(self.document, upstream))

    def set_upstream_preset(self, preset):
        """G from one of the presets of gui.model.upstream (ones, random, mse, typed), as one edit."""
        session = self.shown.session
        if session is None:
            raise engine.InputError("G is chosen once the program can be computed")
        g = upstream.preset_upstream(preset, self.start_value(), self.document.rng_seed, session.upstream)
        return self.commit(f"G: {preset}", edits.with_upstream(self.document, g, preset))

    def start_value(self):
        """The value of the start node of the shown pass (None without one): what G is the gradient of."""
        session = self.shown.session
        return None if session is None else session.records.values[session.records.start]

    def set_start(self, start):
        return self.commit("start node", edits.with_start(self.document, start))

    def set_rng_seed(self, seed):
        """Re-draw the random inputs the user has not edited."""
        return self.commit("re-draw inputs", self.document.edited(rng_seed=int(seed)))

    # -- the view ----------------------------------------------------------------------------------------
    def seek(self, n):
        session = self.shown.session
        if session is None or session.seek(n) == self.view.cursor:
            return Changed.NONE
        self.view = self.view.edited(cursor=session.cursor)
        self.prediction.follow(self.selection)   # stepping back before the reveal: a new question
        return Changed.STEP

    def select_node(self, name):
        """Select a value's node; an entry of another node is let go, so that the node's own value
        and gradient are what the inspector shows."""
        name, changed = name or "", Changed.NODE
        if self.view.entry is not None and self.view.entry[0] != name:
            changed |= self.select_entry(None)
        self.view = self.view.edited(node=name)
        return changed

    def select_entry(self, entry):
        """entry = (name, index, is_grad), or None to clear: a new question for predict first."""
        self.prediction.forget()
        return self.look(self.view.edited(entry=entry, through=None))

    def select_text(self, text):
        """Select an entry written as programs read it (`grad a[0,0]`, `d[1,0]`) and its node;
        raises EngineError for an entry the computed program does not have (one that cannot be
        computed selects what it can: an input's entry). None selects nothing."""
        if not text:
            return Changed.NONE
        parse_entry(text)   # a malformed entry is refused, whether or not there is a pass
        values = self.shown.inputs.records.values if self.shown.inputs is not None else {}
        try:
            name, index, is_grad = parse_entry(text, {n: np.shape(v) for n, v in values.items()})
        except engine.EngineError:
            if self.shown.session is not None:
                raise
            return Changed.NONE   # without a pass the entry cannot be known yet: nothing is selected
        return self.select_node(name) | self.select_entry((name, index, is_grad))

    def set_through(self, node):
        """Take the selected gradient entry's terms at `node` (None: the nearest named values)."""
        return self.look(self.view.edited(through=node or None))

    def click_entry(self, entry):
        """A heatmap's cell was clicked: picked as feeding the selection while the learner picks
        cells for a hidden entry, else selected."""
        if self.prediction.picking and self.prediction.hidden(self.selection):
            return self.update_prediction(pick=entry)
        return self.select_entry(entry)

    def update_prediction(self, **fields):
        """Change the predict-first state (see gui.model.predict.Prediction.update)."""
        self.prediction.update(**fields)
        return Changed.PREDICTION

    def check_prediction(self):
        """Check (or Return) in predict first: judge the value typed, or show the answer."""
        self.prediction.check(self.selection)
        return Changed.PREDICTION

    # -- sessions -----------------------------------------------------------------------------------------
    def file_dict(self):
        """The shown document and the view as the session file format's dict."""
        return session_dict(self.shown, self.view)

    def open_file_dict(self, doc):
        """Open a file's dict (gui.model.session_file.load_session's, or {"expression": text}):
        see open_document; a file without a seed keeps the current one."""
        return self.open_document(document_of(doc, self.document.rng_seed), doc.get("cursor", 0),
                                  doc.get("selection"), doc.get("through"))

    def open_document(self, document, cursor=0, selection=None, through=None):
        """Show an opened document, at `cursor` with `selection` (text, as --select writes it) and
        `through`, as a new history. A text that does not parse, or that needs more memory than
        there is, is shown in the editor with its error, the document kept (returns (changed,
        False)); inputs that do not fit the program raise EngineError, changing nothing."""
        try:
            view = View(cursor=cursor, node=self.view.node)
            changed = self.show(document, parse_program(document.text), view)
        except (engine.ParseError, engine.MemoryLimitError) as exc:
            self.error, self.editor_text = exc, document.text
            return Changed.TEXT | Changed.ERROR, False
        self.history = History(document, self.view)
        self.error = self.shown.error
        changed |= Changed.TEXT | Changed.ERROR | Changed.POSITIONS
        try:
            changed |= self.select_text(selection) | self.set_through(through)
        except engine.EngineError:
            pass   # a selection the program does not have: the document opens without it
        self.history.entries[0] = (document, self.view)
        return changed, True


def known(entry, shapes):
    """True when the program has this entry (None: no entry, nothing to forget)."""
    if entry is None:
        return True
    try:
        check_entry(entry[0], entry[1], shapes)
    except engine.EngineError:
        return False
    return True
