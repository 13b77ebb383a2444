"""Panels that listen to the controller subscribe in their constructor and unsubscribe when closed
(napari's qt_dims pattern), so a closed panel never redraws on the controller's signals."""


class Listening:
    """Mixin for a QWidget panel: `_subscriptions()` gives its (signal, slot) pairs; `listen()`
    connects them, and closing the panel disconnects them."""

    def listen(self):
        for signal, slot in self._subscriptions():
            signal.connect(slot)

    def closeEvent(self, event):
        for signal, slot in self._subscriptions():
            signal.disconnect(slot)
        super().closeEvent(event)
