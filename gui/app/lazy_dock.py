"""A dock whose widget is built the first time it is shown or asked for: a dock hidden at start
(the palette behind the inputs' tab, the undo history) costs nothing before the first paint."""
from PySide6.QtWidgets import QDockWidget


class LazyDock(QDockWidget):
    def __init__(self, title, name, build, parent):
        super().__init__(title, parent)
        self.setObjectName(name)   # saveState needs a name per dock
        self._build = build
        self.visibilityChanged.connect(self._on_visibility_changed)

    def content(self):
        """The dock's widget, built now if it was not yet."""
        if self._build is not None:
            build, self._build = self._build, None
            self.setWidget(build())
        return self.widget()

    def _on_visibility_changed(self, visible):
        if visible:
            self.content()
