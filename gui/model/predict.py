"""Predict first, as plain state (no Qt): while the mode is on, a selected gradient entry stays
hidden until the step that completes it (its last contribution); the learner types its value or
picks the cells they think feed it, and the completing step (or Check) reveals the verdict. A
wrong value gets two more tries before Check shows the answer; stepping back before the point
where the answer was revealed makes the entry a new question."""
import engine   # its judging (engine.judge_value, engine.judge_cells) loads on the first answer

TRIES = 3   # values judged on Check before the answer shows


class Prediction:
    """`on`: the mode; `picking`: clicks pick cells instead of selecting; `value`: the typed guess
    (None: none); `picks`: picked entries (name, index, is_grad); `checked`: revealed by Check."""

    def __init__(self):
        self.on = self.picking = False
        self.forget()

    def forget(self):
        """A new selection: a new question (the mode stays as it was)."""
        self.value, self.picks, self.checked = None, frozenset(), False
        self.missed, self.revealed_at = [], None   # the wrong values tried; the cursor that revealed it

    def check(self, selection):
        """Check: a wrong value while tries are left is one more miss, and the entry stays a
        question; otherwise the answer shows now."""
        if not self.asks(selection):
            return
        wrong = self.value is not None and not engine.judge_value(self.value, selection.att.grad).correct
        if wrong and self.hidden(selection) and len(self.missed) < TRIES - 1:
            self.missed.append(self.value)
            return
        self.checked = True
        self.revealed_at = selection.session.cursor

    def follow(self, selection):
        """The cursor moved: once the answer has shown, stepping back before where it showed (the
        Check, or the step that completes the entry) makes the entry a new question."""
        if not self.asks(selection):
            return
        cursor = selection.session.cursor
        if self.revealed_at is not None and cursor < self.revealed_at:
            self.forget()
        elif self.revealed_at is None and not self.hidden(selection):
            self.revealed_at = selection.session.completing_step(selection.name).index

    def tries_left(self):
        return TRIES - len(self.missed)

    def update(self, on=None, picking=None, value=..., pick=None):
        """Change any field; `pick` toggles one entry in or out of the picks."""
        if on is not None:
            self.on = bool(on)
            self.picking = self.picking and self.on
        if picking is not None:
            self.picking = bool(picking) and self.on
        if value is not ...:
            self.value = value
        if pick is not None:
            self.picks = self.picks ^ {pick}

    def asks(self, selection):
        """True when the mode applies to this selection: a gradient entry the engine attributes."""
        return self.on and selection is not None and selection.att is not None

    def hidden(self, selection):
        """True while the selected gradient is a question: before its completing step, unchecked."""
        if not self.asks(selection) or self.checked:
            return False
        session = selection.session
        return session.cursor < session.completing_step(selection.name).index

    def verdicts(self, selection):
        """(value verdict or None, cells verdict or None) once revealed; (None, None) before."""
        if not self.asks(selection) or self.hidden(selection):
            return None, None
        value = None if self.value is None else engine.judge_value(self.value, selection.att.grad)
        cells = engine.judge_cells(self.picks, selection.feeding()) if self.picks else None
        return value, cells
