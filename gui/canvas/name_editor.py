"""Renaming a node in place: a line edit over the node's name; Enter renames it (a named value,
as `d = …` in the text; an empty name hides a computed node again), Esc or leaving cancels."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

WIDTH = 110


class NameEditor(QLineEdit):
    def __init__(self, view):
        super().__init__(view.viewport())
        self.view, self.node_id = view, None
        self.setPlaceholderText("name")
        self.setToolTip("A name binds the value in the text (d = …); Enter renames, Esc cancels")
        self.returnPressed.connect(self._on_return)
        self.hide()

    def edit(self, node_id):
        """Show the editor over `node_id` with its current name selected."""
        self.node_id = node_id
        item = self.view.scene().nodes[node_id]
        self.setText(item.data["name"] if item.data["named"] else "")
        self.selectAll()
        point = self.view.mapFromScene(item.scenePos()) - QPoint(WIDTH // 2, self.sizeHint().height() // 2)
        self.setGeometry(point.x(), point.y(), WIDTH, self.sizeHint().height())
        self.show()
        self.setFocus()

    def _on_return(self):
        node_id, name = self.node_id, self.text().strip()
        self.finish()
        self.view.controller.edit_canvas("rename", node_id, name)

    def finish(self):
        self.node_id = None
        self.hide()
        self.view.setFocus()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self.finish()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        if self.node_id is not None:
            self.finish()
