"""Her own arrays into one input or G: a Load… button (.npy, or one array of an .npz chosen by
name), Paste (a numpy literal, CSV or spreadsheet cells from the clipboard, also Ctrl+V over the
section) and a dropped file. Each array is checked against the program first; a refused one
changes nothing and says why in one message."""
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QToolButton, QVBoxLayout, QWidget

from gui.model.arrays import ArrayRefused, npz_names, parse_pasted, read_file


def choose_npz_key(parent, path):
    """The name of the .npz array to load: asked only when there is more than one (None: cancelled)."""
    names = npz_names(path)
    if len(names) <= 1:
        return names[0] if names else None
    name, ok = QInputDialog.getItem(parent, "Load an array", f"Which array of {path}?", names, 0, False)
    return name if ok else None


class ArraySection(QWidget):
    """One input's (or G's) section of the inputs panel that takes arrays from outside.
    `take(name, array)` (the panel's) checks and commits; a read error goes to `refuse(text)`."""

    def __init__(self, name, take, refuse, parent=None):
        super().__init__(parent)
        self.name, self.take, self.refuse = name, take, refuse
        self.setAcceptDrops(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 6)

    def buttons(self):
        """Load… and Paste, one widget for the section's heading row."""
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for text, tip, slot in (("Load…", f"Load {self.name} from a .npy or .npz file", self._on_load),
                                ("Paste", f"Fill {self.name} from the clipboard: a numpy literal, CSV or "
                                 "spreadsheet cells", self._on_paste)):
            button = QToolButton()
            button.setText(text)   # a tool button: compact beside the heading of a narrow dock
            button.setObjectName(f"{text.strip('…').lower()}_{self.name}")
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        return buttons

    def load_path(self, path, key=None):
        """Read `path` (an .npz asks which array unless `key` names it) and offer it to the panel."""
        try:
            if path.endswith(".npz") and key is None:
                key = choose_npz_key(self, path)
                if key is None:
                    return
            self.take(self.name, read_file(path, key))
        except (ArrayRefused, OSError, ValueError) as exc:
            self.refuse(f"{self.name}: {exc}")

    def paste_text(self, text):
        try:
            self.take(self.name, parse_pasted(text))
        except ArrayRefused as exc:
            self.refuse(f"{self.name}: {exc}")

    def _on_load(self):
        path, _ = QFileDialog.getOpenFileName(self, f"Load {self.name}", "", "numpy arrays (*.npy *.npz)")
        if path:
            self.load_path(path)

    def _on_paste(self):
        self.paste_text(QGuiApplication.clipboard().text())

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Paste):
            self._on_paste()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event):
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load_path(files[0])
