"""Scalar forms: one output entry of an op written over its operands' entries (`d₁₁ = a₁₁b₁₁ +
a₁₂b₂₁ + c₁`), as small expression trees that carry their values.

Each op's form is `form(ex, site, flat) -> Expr`, where `ex(j, k)` is operand j's entry k (flat)
as an Expr and `flat` the output entry. Sums flatten, so `a @ b + c` is one sum of products."""
import math

import numpy as np

from .influence import source
from .notation import LONG, number, shown


class Expr:
    """A scalar expression: kind, children and value (evaluated as it is built)."""
    __slots__ = ("kind", "parts", "value", "data")

    def __init__(self, kind, parts, value, data=None):
        self.kind, self.parts, self.value, self.data = kind, parts, float(value), data

    def leaves(self):
        """The leaf Exprs, in order of appearance."""
        out, todo = [], [self]
        while todo:
            e = todo.pop()
            if e.kind == "leaf":
                out.append(e)
            todo.extend(reversed(e.parts))
        return out

    @property
    def entry(self):
        """A leaf's (name, index); its data is (name, flat index, shape), the index built on demand."""
        name, flat, shape = self.data
        return name, tuple(int(i) for i in np.unravel_index(flat, shape))


def leaf(name, flat, shape, value):
    return Expr("leaf", (), value, (name, flat, shape))


def num(text, value):
    return Expr("num", (), value, text)


def total(terms, signs):
    """Σ signs[k]·terms[k]; nested sums are spliced in, so the outermost sum lists every summand."""
    flat_terms, flat_signs = [], []
    for t, s in zip(terms, signs):
        if t.kind == "sum":
            flat_terms += t.parts
            flat_signs += [s * x for x in t.data]
        else:
            flat_terms.append(t)
            flat_signs.append(s)
    return Expr("sum", tuple(flat_terms), exact_sum(s * t.value for t, s in zip(flat_terms, flat_signs)),
                tuple(flat_signs))


def exact_sum(values):
    """math.fsum, which refuses ∞ − ∞: then the sum is NaN, as numpy has it."""
    values = list(values)
    try:
        return math.fsum(values)
    except (ValueError, OverflowError):
        return sum(values)


def product(*factors):
    return Expr("prod", factors, math.prod(f.value for f in factors))


def quotient(x, y):
    return Expr("div", (x, y), x.value / y.value if y.value else float("nan"))


def power(x, p):
    return Expr("pow", (x,), float(np.power(np.float64(x.value), p)), p)


def call(name, fn, *xs):
    """`name(x, …)` for a function of entries; `fn` computes it as numpy does (exp(1000) is
    inf, log(0) is −inf), under the caller's np.errstate (forward_attribute ignores
    floating-point warnings, as a pass does)."""
    return Expr("call", xs, float(fn(*(np.float64(x.value) for x in xs))), name)


def log_sum_exp(xs):
    """`log(exp(x₁) + … + exp(xₙ))`, valued as m + log Σ exp(xₖ − m) with m = max xₖ: written as
    the maths is, it agrees with the op it explains where exp(xₖ) alone would overflow."""
    values = np.array([x.value for x in xs])
    exps = total([call("exp", np.exp, x) for x in xs], [1] * len(xs))
    return Expr("call", (exps,), shifted_log_sum_exp(values), "log")


def soft_max(xs, j):
    """`exp(xⱼ)/(exp(x₁) + … + exp(xₙ))`, valued as exp(xⱼ − log Σ exp(xₖ)) (see log_sum_exp)."""
    exps = [call("exp", np.exp, x) for x in xs]
    values = np.array([x.value for x in xs])
    return Expr("div", (exps[j], total(exps, [1] * len(xs))), np.exp(values[j] - shifted_log_sum_exp(values)))


def shifted_log_sum_exp(values):
    top = np.max(values)
    if not np.isfinite(top):    # an inf or NaN entry decides the sum (numpy's own answer)
        return float(np.log(np.sum(np.exp(values))))
    return float(top + np.log(np.sum(np.exp(values - top))))


# ---- the ops' scalar forms ---------------------------------------------------------------------

def operands_at(ex, site, flat):
    return [ex(j, int(source(np.array([flat]), site.out_shape, site.shape(j))[0]))
            for j in range(len(site.values))]


def binary(build):
    """An elementwise binary op: yⱼ = build(xⱼ, wⱼ) at the broadcast entries."""
    return lambda ex, site, flat: build(*operands_at(ex, site, flat))


def unary(build):
    return lambda ex, site, flat: build(ex(0, flat))


def along(site, flat, axis):
    """The input entries (flat) that the reduction or softmax along `axis` combines into entry flat."""
    shape = site.shape(0)
    if axis is None:
        return range(int(np.prod(shape)))
    axis %= len(shape)
    coords = list(np.unravel_index(flat, site.out_shape)) if site.out_shape else []
    if len(site.out_shape) < len(shape):
        coords.insert(axis, 0)
    coords = [np.full(shape[axis], c) for c in coords]
    coords[axis] = np.arange(shape[axis])
    return np.ravel_multi_index(coords, shape).tolist()


# ---- writing an Expr -----------------------------------------------------------------------------

PRECEDENCE = {"sum": 1, "prod": 3, "div": 3, "pow": 4}


def render(e, leaf_text, elide=False):
    """The expression in unicode maths; leaves written by `leaf_text(expr)`; long sums elided."""
    kind = e.kind
    if kind == "leaf":
        return leaf_text(e)
    if kind == "num":
        return e.data
    if kind == "call":
        inner = ", ".join(render(p, leaf_text, elide) for p in e.parts)
        bare = len(e.parts) == 1 and e.parts[0].kind == "leaf" and inner.startswith("(")  # a number in parentheses
        return f"{e.data}{inner}" if bare else f"{e.data}({inner})"
    if kind == "sum":
        return sum_text(e, leaf_text, elide)
    inner = [wrap(p, PRECEDENCE[kind] + (kind != "prod"), leaf_text, elide) for p in e.parts]
    if kind == "pow":
        return inner[0] + ("²" if e.data == 2 else f"^{number(e.data)}")
    if kind == "div":
        return f"{inner[0]}/{inner[1]}"
    leaves = all(p.kind == "leaf" for p in e.parts)
    return ("" if leaves else "·").join(inner)


def wrap(e, level, leaf_text, elide):
    text = render(e, leaf_text, elide)
    loose = PRECEDENCE.get(e.kind, 5) < level or (e.kind == "sum" and len(e.parts) > 1)
    return f"({text})" if loose else text


def sum_text(e, leaf_text, elide):
    """x − y + z; with `elide`, the first terms, `…`, the last term and the count."""
    positions = shown(len(e.parts)) if elide else range(len(e.parts))
    out = ""
    for n, k in enumerate(positions):
        term = wrap(e.parts[k], 2, leaf_text, elide)
        sign = "−" if e.data[k] < 0 else "+"
        out += (("−" if sign == "−" else "") + term) if n == 0 else f" {sign} {term}"
        if elide and len(e.parts) > LONG and n == len(positions) - 2:
            out += " + …"
    return out + (f" ({len(e.parts)} terms)" if elide and len(e.parts) > LONG else "")
