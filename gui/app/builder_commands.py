"""Undo commands of the canvas. They change the model (the controller's text, inputs and node
positions), never the items: the canvas rebuilds itself from the model's signals."""
from PySide6.QtGui import QUndoCommand

from gui.app.commands import StateCommand


class CanvasCommand(StateCommand):
    """A canvas edit that rewrote the text: a StateCommand that also moves the nodes' places
    (the positions follow each node to its id in the new text)."""

    def __init__(self, controller, label, before, after, places_before, places_after):
        super().__init__(controller, label, before, after)
        self.places_before, self.places_after = dict(places_before), dict(places_after)

    def redo(self):
        if not self.applied:
            self.controller.set_positions(self.places_after, announce=False)
        super().redo()

    def undo(self):
        self.controller.set_positions(self.places_before, announce=False)
        super().undo()


class MoveCommand(QUndoCommand):
    """Nodes moved (a drag, or auto-layout): one command from the places before to after."""

    def __init__(self, controller, label, before, after):
        super().__init__(label)
        self.controller, self.before, self.after = controller, dict(before), dict(after)

    def redo(self):
        self.controller.set_positions(self.after)

    def undo(self):
        self.controller.set_positions(self.before)
