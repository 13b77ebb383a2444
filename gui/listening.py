"""The one way a widget subscribes to the controller: it lists its (signal, slot) pairs in
`subscriptions()`, calls `listen()` in its constructor, and closing it unsubscribes them (once,
however often it is closed), so a closed widget never redraws on the controller's signals
(napari's qt_dims pattern)."""


class Listening:
    """Mixin for a QWidget (or QObject) that listens to the controller."""
    listening = False

    def subscriptions(self):
        raise NotImplementedError

    def listen(self):
        for signal, slot in self.subscriptions():
            signal.connect(slot)
        self.listening = True

    def unlisten(self):
        if self.listening:
            self.listening = False
            for signal, slot in self.subscriptions():
                signal.disconnect(slot)

    def close(self):
        self.unlisten()
        return super().close()

    def closeEvent(self, event):
        self.unlisten()
        super().closeEvent(event)
