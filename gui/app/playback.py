"""Play/Pause: a timer that steps the cursor forward at the chosen speed until the end."""
from PySide6.QtCore import QObject, QTimer, Signal

SPEEDS = (0.5, 1.0, 2.0, 4.0)     # steps per second offered in the toolbar
DEFAULT_SPEED = 1.0


class Playback(QObject):
    playing_changed = Signal(bool)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_tick)
        self.set_speed(DEFAULT_SPEED)

    def is_playing(self):
        return self.timer.isActive()

    def set_speed(self, steps_per_second):
        self.timer.setInterval(int(1000 / steps_per_second))

    def toggle(self):
        if self.is_playing():
            self.stop()
            return
        if self.controller.session.cursor >= self.controller.session.total:
            self.controller.to_start()   # playing at the end replays from the inputs
        self.timer.start()
        self.playing_changed.emit(True)

    def stop(self):
        if self.is_playing():
            self.timer.stop()
            self.playing_changed.emit(False)

    def _on_tick(self):
        self.controller.step_forward()
        session = self.controller.session
        if session is None or session.cursor >= session.total:   # the end, or no pass any more
            self.stop()
