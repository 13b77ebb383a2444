"""Step records: the immutable unit of the timeline.

A pass is forward steps (one per equation), one seed step (G = ∂L/∂start), then one backward
step per (equation, operand) pair on a path to the start node. Each record owns its arrays,
which are read-only, so stepping back shows exactly what was computed then."""
from typing import NamedTuple

import numpy as np

from .ops import lookup


class Step(NamedTuple):
    index: int               # 1-based position on the timeline
    kind: str                # 'forward', 'seed' or 'backward'
    target: str              # the value (forward) or the gradient (seed, backward) this step computes
    array: np.ndarray        # that value, or the gradient after this step's accumulation
    eqn: object = None       # the equation (forward, backward)
    operand_index: int = -1  # backward: which input of eqn the target is
    contribution: np.ndarray = None  # backward: this step's addend, already summed back to shape
    upstream: np.ndarray = None      # backward: ∂L/∂(eqn.out)
    operands: tuple = ()     # backward: the equation's operand values (numbers for constants)
    output: np.ndarray = None        # backward: the equation's output value
    rule: object = None      # backward: the rules.Rule, as data
    k: int = 1               # backward: this is contribution k of n into ∂L/∂target
    n: int = 1
    user_upstream: bool = False  # seed: G was given by the user (else ones: L = sum(start))

    @property
    def accumulates(self):
        """True when this step adds into a gradient that already had a value (`+=`)."""
        return self.kind == "backward" and self.k > 1

    def equation_text(self):
        """What the step computes, as a formula: `t1 = a @ b`, `∂L/∂d = G`, `∂L/∂a += …`."""
        if self.kind == "forward":
            return str(self.eqn)
        if self.kind == "seed":
            return f"∂L/∂{self.target} = G" + ("" if self.user_upstream else f" = ones (L = sum({self.target}))")
        text = self.rule.text
        return text.replace(" = ", " += ", 1) if self.accumulates else text

    def describe(self, total):
        """The status line: `step 6/7: ∂L/∂a = ∂L/∂t1 @ bᵀ  (matmul, input a)`."""
        text = f"step {self.index}/{total}: {self.equation_text()}"
        if self.kind == "backward":
            opdef = lookup(self.eqn.op)
            text += f"  ({opdef.name}, input {self.target}"
            text += f"; partial {self.k} of {self.n})" if self.n > 1 else ")"
        return text

    def rule_arrays(self):
        """The arrays of the rule's terms, in order (for laying the equation out as heatmaps)."""
        params = self.eqn.kwargs
        return tuple(t.array(self.upstream, self.output, self.operands, params) for t in self.rule.terms())


class PassRecords:
    """One computed pass: the program, every value and final gradient, and its step records.
    The records are built on first read, from what the pass kept: a script that asks only for
    the gradients does not pay for a record per step."""
    __slots__ = ("program", "start", "values", "grads", "_steps")

    def __init__(self, program, start, values, grads, make_steps):
        self.program, self.start, self.values, self.grads = program, start, values, grads
        self._steps = make_steps   # () -> the records' tuple, until first read

    @property
    def steps(self):
        if not isinstance(self._steps, tuple):
            self._steps = self._steps()
        return self._steps
