"""Large layouts off the UI thread. Laying out a graph of a thousand nodes is pure Python that
takes longer than a frame: a worker thread computes it (gui.model.shown.Shown.layout, cached on
the Shown it belongs to) while the window stays responsive and the canvas keeps its old picture,
and the result comes back to the UI thread by a queued signal. A small graph is laid out where
it is asked for: a thread would cost more than it saves."""
from concurrent.futures import ThreadPoolExecutor, wait

from PySide6.QtCore import QObject, Qt, Signal

LARGE = 300   # nodes (inputs and equations) past which a layout is made off the UI thread


class LayoutWorker(QObject):
    """`ready(shown)` says whether `shown`'s layout can be read now; when it cannot, the layout is
    being made, and `laid_out` is emitted on the UI thread once it is (for the latest Shown asked
    about only: an older one has been replaced meanwhile)."""
    laid_out = Signal()
    _made = Signal(object)   # emitted by the worker thread; queued to this object's (the UI) thread

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="layout")
        self.asked = self.future = None
        self._made.connect(self._on_made, Qt.ConnectionType.QueuedConnection)

    def ready(self, shown):
        """True when `shown`'s layout is made or small enough to make here; otherwise start making
        it (once) and return False."""
        if shown.laid_out() or len(shown.program.eqns) + len(shown.program.inputs) <= LARGE:
            return True
        if self.asked is not shown:
            self.asked = shown
            self.future = self.pool.submit(self._make, shown)
        return False

    def wait(self):
        """Block until the layout under way (if any) is made; its signal is still queued."""
        if self.future is not None:
            wait([self.future])

    def _make(self, shown):
        """In the worker thread: the layout, cached on `shown`. A failure is left for the UI
        thread to meet again when it reads the layout."""
        try:
            shown.layout
        finally:
            self._made.emit(shown)

    def _on_made(self, shown):
        if shown is self.asked:
            self.asked = self.future = None
            self.laid_out.emit()
