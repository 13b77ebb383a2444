"""The controller's session files: the document as the file format's dict, and opening one.
Mixed into gui.controller.StudioController, whose state and signals it uses."""
import numpy as np

import engine
from engine.entries import format_entry
from gui.builder_draft import parse_program
from gui.commands import State
from gui.session_file import FORMAT, VERSION, as_json_array, position_to_save


def entry_text(entry):
    """(name, index, is_grad) as programs write it: `grad a[0,0]`, `d[1,0]`; None stays None."""
    if entry is None:
        return None
    name, index, is_grad = entry
    return ("grad " if is_grad else "") + format_entry(name, index)


class DocumentMixin:
    """Saving and opening the document (gui.session_file's format)."""

    def document(self):
        """The session as the file format's dict (see gui.session_file)."""
        state, names = self.state(), set(self.program().names())
        cursor = self.session.cursor if self.draft is None else 0
        return {"format": FORMAT, "version": VERSION, "expression": self.text,
                "inputs": {n: {"shape": list(np.shape(a)), "values": as_json_array(a)}
                           for n, a in self.input_values().items() if n in names},
                "upstream": None if state.upstream is None else as_json_array(state.upstream),
                "start": state.start, "cursor": cursor, "selection": entry_text(self.selected_entry),
                "positions": {n: position_to_save(p) for n, p in self.positions.items()}}

    def open_document(self, doc):
        """Show an opened document. A broken expression, or one too large for memory, is shown in
        the editor with its error (returns False); inputs that do not fit the program raise
        EngineError, changing nothing."""
        state = State(doc["expression"], doc.get("inputs") or {}, doc.get("upstream"), doc.get("start"),
                      self.session.rng_seed)
        try:
            parse_program(state.text)
            self.restore(state)
        except (engine.ParseError, engine.MemoryLimitError) as exc:   # the text's own fault: shown in place
            self.text_replaced.emit(state.text)
            self.report(exc)
            return False
        self.set_positions({n: tuple(p) for n, p in (doc.get("positions") or {}).items()})
        self.text_replaced.emit(state.text)
        self.report(self.draft_error)
        self.undo_stack.clear()
        self.seek(doc.get("cursor", 0))
        try:
            self.select_text(doc.get("selection"))
        except engine.EngineError:
            pass   # a selection the program does not have: the document opens without it
        return True
