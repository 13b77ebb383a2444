"""What a lesson's numbers hide: gradients made degenerate by G.

With G = ones (L = sum(d)) every row of ∂L/∂d is alike, so in `d = a @ b + c` both rows of
∂L/∂a = G @ bᵀ are alike too and "row k of ∂L/∂d feeds row k of ∂L/∂a" shows nothing; softmax
alone gets an all-zero gradient, since each of its rows sums to 1 whatever its input, so
∂(sum)/∂x = 0. When a gradient computed so far is degenerate (all 0, every row alike or every
column alike) and G is degenerate itself, the inspector says so in one line and offers the
random preset (gui.model.upstream), which has no structure of its own.

Checked on matrices of at most LARGEST entries: a lesson's, read cell by cell; a larger one is
not, and leaving it alone keeps a step within its time (reading its gradients as shown means
their sums of magnitudes, engine.rounding)."""
import weakref
from bisect import bisect_right
from typing import NamedTuple

import numpy as np

from gui.model import upstream

LARGEST = 1024
ROWS, COLUMNS, ENTRIES, ZERO = "every row alike", "every column alike", "every entry alike", "all 0"


class Note(NamedTuple):
    text: str
    offers: str = "random"   # the G preset that shows the structure (gui.model.upstream)


def as_matrix(array):
    """A vector as one row, a matrix as it is (a scalar: None, nothing to compare)."""
    a = np.asarray(array)
    return a.reshape(1, -1) if a.ndim == 1 else a if a.ndim == 2 else None


def degeneracy(array):
    """ZERO, ROWS, COLUMNS (a vector's: ENTRIES) or None for `array` (its numbers as shown: zero
    up to rounding is 0)."""
    a = as_matrix(array)
    if a is None or a.size < 2 or a.size > LARGEST or not np.isfinite(a).all():
        return None
    if not a.any():
        return ZERO
    if a.shape[0] > 1 and np.array_equal(a, np.broadcast_to(a[:1], a.shape)):
        return ROWS
    if a.shape[1] > 1 and np.array_equal(a, np.broadcast_to(a[:, :1], a.shape)):
        return ENTRIES if np.ndim(array) == 1 else COLUMNS
    return None


class Completed:
    """A pass's gradients in the order they complete (not G itself: the note is about what G does
    to the others), each one's degeneracy as shown found when first asked: a complete gradient
    never changes within its pass, so stepping asks only about the gradients completed since."""

    def __init__(self, session):
        self.session, self.kinds = session, {}
        names = dict.fromkeys(s.target for s in session.steps if s.kind == "backward")
        self.order = sorted((session.completing_step(n).index, n) for n in names)
        self.indices = [i for i, _ in self.order]

    def latest_first(self, cursor):
        """The names whose gradient is complete after `cursor` steps, the latest first."""
        return [n for _, n in reversed(self.order[:bisect_right(self.indices, cursor)])]

    def kind(self, name):
        """The degeneracy of complete ∂L/∂name as shown (zero up to rounding is 0)."""
        if name not in self.kinds:
            s = self.session
            array = s.magnitudes.shown_grad(name, s.total, s.grad(name)[0])
            self.kinds[name] = degeneracy(array)
        return self.kinds[name]


COMPLETED = weakref.WeakKeyDictionary()   # session → its Completed, made once per pass


def note(session, origin, cursor):
    """The one line to say about the gradients computed after `cursor` steps, or None."""
    if np.size(session.records.values[session.records.start]) > LARGEST:
        return None
    g_kind = degeneracy(upstream.in_use(session))
    if g_kind is None:
        return None   # a G with structure: whatever the gradients look like, it is not G's doing
    completed = COMPLETED.get(session)
    if completed is None:
        completed = COMPLETED[session] = Completed(session)
    for name in completed.latest_first(cursor):
        kind = completed.kind(name)
        if kind is None:
            continue
        given = "G = ones (L = sum)" if origin == "ones" else f"G ({origin}) {'is' if g_kind == ZERO else 'has'} {g_kind}"
        if kind == ZERO:
            return Note(zero_text(session, name, given))
        return Note(f"∂L/∂{name}: {kind}, because {given}")
    return None


def zero_text(session, name, given):
    """Why ∂L/∂name is all 0: a softmax whose upstream gradient is even along its axis (the why
    first: a narrow panel cuts the line's end), or G itself."""
    for eqn in session.program.eqns:
        axis = eqn.kwargs.get("axis", -1)
        if eqn.op == "softmax" and even_along(session.records.grads.get(eqn.out), axis):
            x = eqn.inputs[0]
            then = f"∂L/∂{x} = ∂(sum)/∂{x} = 0" if x == name else f"∂(sum)/∂{x} = 0, and ∂L/∂{name} is all 0"
            return f"{sums_to_one(eqn.out, session, axis)}, so with G = ones {then}"
    return f"∂L/∂{name} is all 0, because {given}"


def sums_to_one(name, session, axis):
    """What softmax normalises: a matrix's rows (axis 1) or columns (axis 0), a vector whole."""
    ndim = np.ndim(session.records.values[name])
    if ndim == 1:
        return "The entries of softmax sum to 1"
    return f"Each {('row', 'column')[axis % ndim == 0]} of softmax sums to 1"


def even_along(grad, axis):
    """True when `grad` is the same along `axis` in every line (softmax then passes back 0)."""
    if grad is None or np.ndim(grad) == 0:
        return False
    first = np.take(grad, [0], axis=axis)
    return bool(np.allclose(grad, first, rtol=1e-12, atol=0))
