"""Stepping state: a cursor over one computed pass. Moving the cursor never recomputes; a new
pass is computed only when the program, the inputs, G or the start node change."""
from bisect import bisect_right

from .parser import parse
from .passes import run_pass
from .prepared import prepare
from .rounding import Magnitudes


class GradState:
    NO_PATH = "no path to L"
    NOT_YET = "not yet"
    PARTIAL = "partial"
    DONE = "done"


class Session:
    """The only stateful engine object: program + inputs + G + start, their pass, and a cursor.

    `program` is text, a Program or a Prepared (engine.prepare).
    `cursor` = N means steps 1..N are done; 0 shows the inputs only."""

    def __init__(self, program, inputs=None, upstream=None, start=None, rng_seed=0):
        self.prepared = prepare(parse(program) if isinstance(program, str) else program)
        self.program = self.prepared.program
        self.inputs, self.upstream, self.start, self.rng_seed = dict(inputs or {}), upstream, start, rng_seed
        self.cursor = 0
        self.recompute()

    def recompute(self):
        """Compute the pass for the current program, inputs, G and start node, once."""
        self.records = run_pass(self.prepared, self.inputs, self.upstream, self.start, self.rng_seed)
        self.magnitudes = Magnitudes(self.records)   # for display: what is zero up to rounding
        self.value_step = {s.target: s.index for s in self.records.steps if s.kind == "forward"}
        self.grad_steps = {}
        for s in self.records.steps:
            if s.kind != "forward":
                self.grad_steps.setdefault(s.target, []).append(s)
        self.cursor = min(self.cursor, self.total)

    # -- the cursor -------------------------------------------------------------------------------
    @property
    def steps(self):
        return self.records.steps

    @property
    def total(self):
        return len(self.records.steps)

    def seek(self, n):
        """Move the cursor to `n` (clamped): steps 1..n done."""
        self.cursor = max(0, min(int(n), self.total))
        return self.cursor

    def current_step(self):
        return self.steps[self.cursor - 1] if self.cursor else None

    # -- what is known after the cursor -------------------------------------------------------------
    def value(self, name, cursor=None):
        """`name`'s value after `cursor` steps, or None when its forward step has not run yet."""
        cursor = self.cursor if cursor is None else cursor
        if self.value_step.get(name, 0) <= cursor:
            return self.records.values[name]
        return None

    def grad(self, name, cursor=None):
        """(array or None, state, k, n): ∂L/∂name after `cursor` steps; state is a GradState."""
        cursor = self.cursor if cursor is None else cursor
        steps = self.grad_steps.get(name)
        if not steps:
            return None, GradState.NO_PATH, 0, 0
        done = bisect_right([s.index for s in steps], cursor)
        if done == 0:
            return None, GradState.NOT_YET, 0, len(steps)
        state = GradState.DONE if done == len(steps) else GradState.PARTIAL
        return steps[done - 1].array, state, done, len(steps)

    def completing_step(self, name):
        """The step that makes ∂L/∂name final (its last contribution), or None without a path."""
        steps = self.grad_steps.get(name)
        return steps[-1] if steps else None
