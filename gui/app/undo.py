"""The one undo command: every user edit is a move from one Document to the next in the model's
history (gui.model.history), so one small command class undoes and redoes them all."""
from PySide6.QtGui import QUndoCommand


class DocumentCommand(QUndoCommand):
    """Undo shows the Document before the edit (with the View it was left with), redo the one
    after. The edit is already shown when the command is pushed (a refused edit never reaches
    the stack), so its first redo does nothing."""

    def __init__(self, controller, label, index):
        super().__init__(label)
        self.controller, self.index, self.pushed = controller, index, False

    def redo(self):
        if self.pushed:
            self.controller.go(self.index)
        self.pushed = True

    def undo(self):
        self.controller.go(self.index - 1)
