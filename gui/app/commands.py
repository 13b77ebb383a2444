"""The document's state as one value, and the undo command that moves between two states.

Every user edit (applied text, an input's values or shape, G, the start node, the random
seed) is a change from one State to another, so one small command class undoes them all."""
from typing import NamedTuple

from PySide6.QtGui import QUndoCommand


class State(NamedTuple):
    """What the pass is computed from: the applied text and the user's choices."""
    text: str
    inputs: dict          # name -> array given by the user (the rest are seeded random)
    upstream: object      # G, or None for ones
    start: object         # the start node, or None for the output
    rng_seed: int


class StateCommand(QUndoCommand):
    """Undo restores `before`, redo restores `after`. The edit is already applied when the
    command is pushed (so a refused edit never reaches the stack): the first redo is skipped."""

    def __init__(self, controller, label, before, after):
        super().__init__(label)
        self.controller, self.before, self.after = controller, before, after
        self.applied = True

    def redo(self):
        if self.applied:
            self.applied = False
            return
        self.controller.restore(self.after)

    def undo(self):
        self.controller.restore(self.before)
