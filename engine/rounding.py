"""Zero up to rounding, for what is displayed: a value smaller than 8 ulp of the sum of the
magnitudes of the terms that made it is written and coloured as 0 (softmax's gradient under
L = sum(y) is exactly 0, computed as ±2.8e−17). Display only: the pass's arrays, the explain
JSON and exports keep the computed numbers.

For a gradient entry the terms are the chain rule's, ∂L/∂y[j]·∂y[j]/∂x[i] (engine.attribution);
for a whole gradient they are the same terms for every entry at once, read from the ops'
per-entry rules (each contribution Σⱼ |∂L/∂y[j]·∂y[j]/∂x[i]|, summed over the contributions so
far). Matrices past LARGEST entries are shown as computed (their selected entry is still judged)."""
import numpy as np

from .ops import lookup

ULPS = 8
LARGEST = 4096


def zero_up_to_rounding(values, magnitudes):
    """|x| < 8·ulp(Σ|terms|), entry by entry (an infinite magnitude: never)."""
    with np.errstate(invalid="ignore"):
        return np.abs(values) < ULPS * np.spacing(np.abs(np.asarray(magnitudes, dtype=float)))


def snapped(values, magnitudes):
    """`values` with the entries that are zero up to rounding written as 0 (the same array when
    there are none, or no magnitudes)."""
    if magnitudes is None or values is None:
        return values
    zero = zero_up_to_rounding(values, magnitudes)
    return np.where(zero, np.zeros((), values.dtype), values) if zero.any() else values


def shown_number(value, magnitude):
    """One number as displayed: 0.0 when it is zero up to rounding."""
    return 0.0 if bool(zero_up_to_rounding(value, magnitude)) else float(value)


def entry_magnitude(att):
    """Σ |∂L/∂y[j]·∂y[j]/∂x[idx]| over an attribution's terms."""
    return float(sum(np.abs(g.upstream * g.local).sum() for g in att.groups))


class Magnitudes:
    """The sums of magnitudes behind the gradients of one pass, computed when first asked."""

    def __init__(self, records):
        self.records, self.found, self.display = records, {}, {}
        self.by_target = None   # value name → the steps that send its gradient, made when first asked

    def contribution(self, step):
        """Σⱼ |∂L/∂y[j]·∂y[j]/∂x[i]| for every entry i of a backward step's target (None: too large)."""
        if step.index not in self.found:
            self.found[step.index] = contribution_magnitude(self.records, step)
        return self.found[step.index]

    def grad(self, name, cursor):
        """The magnitudes behind ∂L/∂name after `cursor` steps (None when unknown or too large)."""
        steps = self.steps_of(name, cursor)
        if not steps:
            return None
        if steps[0].kind == "seed":
            return np.abs(steps[0].array)
        parts = [self.contribution(s) for s in steps]
        return None if any(p is None for p in parts) else sum(parts)

    def steps_of(self, name, cursor):
        """The seed and backward steps into ∂L/∂name done after `cursor` steps (read from an index
        made once: a step's panels ask for every gradient, and a long pass has thousands of steps)."""
        if self.by_target is None:
            self.by_target = {}
            for s in self.records.steps:
                if s.kind != "forward":
                    self.by_target.setdefault(s.target, []).append(s)
        return [s for s in self.by_target.get(name, ()) if s.index <= cursor]

    def shown_grad(self, name, cursor, array, transposed=False):
        """∂L/∂name after `cursor` steps as displayed, `array` being it (or its transpose): the same
        object each time it is asked for the same gradient, so views redraw only what changed."""
        done = self.steps_of(name, cursor)
        key = ("grad", name, done[-1].index if done else 0, transposed)
        if key not in self.display:
            found = self.grad(name, cursor)
            self.display[key] = snapped(array, found.T if transposed and found is not None else found)
        return self.display[key]

    def shown_factor(self, step, arrays, n):
        """Matrix n of a backward step's rule, one it derives, as displayed (see factor_magnitude)."""
        key = ("factor", step.index, n)
        if key not in self.display:
            found = factor_magnitude(step, arrays, n, self.contribution(step))
            self.display[key] = snapped(np.asarray(arrays[n]), found)
        return self.display[key]

    def shown_contribution(self, step):
        """A backward step's contribution as displayed (the same object for the same step)."""
        key = ("contribution", step.index)
        if key not in self.display:
            self.display[key] = snapped(step.contribution, self.contribution(step))
        return self.display[key]


def factor_magnitude(step, arrays, n, contribution):
    """For a rule that multiplies its matrices entry by entry (`y ⊙ (∂L/∂y − Σ ∂L/∂y ⊙ y)`), the
    magnitudes behind matrix n: those of the contribution divided by the other factors' sizes, so
    it is zero up to rounding where its product is. None for any other rule."""
    parts, shape = step.rule.parts, np.shape(step.contribution)
    operators = [p for p in parts[parts[0] == "−":] if isinstance(p, str)]   # a leading − is a sign
    if contribution is None or any(p != "⊙" for p in operators):
        return None
    if any(np.shape(a) != shape for a in arrays):
        return None
    others = np.prod([np.abs(a) for k, a in enumerate(arrays) if k != n], axis=0)
    with np.errstate(all="ignore"):
        return np.where(others > 0, contribution / others, np.inf)


def contribution_magnitude(records, step):
    from .attribution import site_of   # imported on first use: the app starts without it
    eqn, i = step.eqn, step.operand_index
    size, out_size = np.size(step.array), np.size(step.upstream)
    if max(size, out_size) > LARGEST:
        return None
    site = site_of(eqn, records.values)
    effect = lookup(eqn.op).influence.feeds[i](site, i, np.arange(size))
    upstream = np.abs(np.asarray(step.upstream, dtype=float).reshape(-1))
    terms = upstream[effect.out] * np.abs(effect.factor.value)
    return np.bincount(effect.src, weights=terms, minlength=size).reshape(np.shape(step.array))
