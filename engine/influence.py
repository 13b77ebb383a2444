"""Per-entry rules of the ops: which output entries an input entry feeds, and with what local partial.

A rule works on a whole set of input entries at once (flat indices `idx` into the operand):
`rule(site, i, idx) -> Effect(src, out, factor)` lists every fed output entry `out[k]`, the
position `src[k]` in `idx` of the input entry that feeds it, and the local partial
∂y[out[k]]/∂x[idx[src[k]]] as a `Factor` column (values plus how each one is written). A local
that is zero (relu off) is still listed: the dependence is structural. Broadcasting is undone
for entries in one place, `stretch` (and its inverse `source`)."""
from typing import NamedTuple

import numpy as np

from .factors import Factor, Ref, constant
from .notation import number


class Effect(NamedTuple):
    src: np.ndarray     # position in the input set of the entry that feeds out[k]
    out: np.ndarray     # flat index of the fed output entry
    factor: Factor      # ∂y[out[k]]/∂x[idx[src[k]]], with its text


class Site(NamedTuple):
    """One equation with its numbers: operand names (None for a constant), texts and arrays."""
    names: tuple
    texts: tuple
    values: tuple
    out: str
    out_value: np.ndarray
    params: dict

    def shape(self, j):
        return np.shape(self.values[j])

    @property
    def out_shape(self):
        return self.out_value.shape


class EntryRule(NamedTuple):
    """An op's per-entry rules: one `feeds` rule per input, its scalar form (engine.scalar), and
    optionally `joined`, the routes of a large set summed in closed form (engine.closed_form)."""
    feeds: tuple
    scalar: object
    joined: object = None


# ---- broadcasting, undone for entries (the one place) --------------------------------------

def stretch(idx, shape, out_shape):
    """Entries `idx` of an operand of `shape` → every entry of `out_shape` each was stretched to.

    numpy broadcasting repeats an operand along missing leading axes and axes of length 1, so
    x[j] of shape (n,) under (m, n) feeds y[i, j] for every i. Returns (src, out)."""
    if tuple(shape) == tuple(out_shape):
        return np.arange(len(idx)), idx
    padded = (1,) * (len(out_shape) - len(shape)) + tuple(shape)
    coords = np.unravel_index(idx, padded)
    reps = [n if p == 1 else 1 for p, n in zip(padded, out_shape)]
    grid = np.indices(reps).reshape(len(reps), -1)
    out = np.ravel_multi_index([np.add.outer(c, g).ravel() for c, g in zip(coords, grid)], out_shape)
    return np.repeat(np.arange(len(idx)), grid.shape[1]), out


def source(out, out_shape, shape):
    """The operand entry (flat, of `shape`) that each output entry `out` reads under broadcasting."""
    if tuple(shape) == tuple(out_shape):
        return out
    if not shape:
        return np.zeros_like(out)
    coords = np.unravel_index(out, out_shape)[len(out_shape) - len(shape):]
    return np.ravel_multi_index([c if n > 1 else 0 * c for c, n in zip(coords, shape)], shape)


# ---- factors read from an operand or the output ------------------------------------------

def operand_at(site, j, flat, shape=None):
    """Operand j's values and Ref at the entries read by `flat` (entries of `shape`, default the output's)."""
    at = source(flat, site.out_shape if shape is None else shape, site.shape(j))
    values = np.asarray(site.values[j], dtype=float).reshape(-1)
    return values[at], Ref(site.names[j], site.shape(j), at, site.texts[j])


def entry_factor(site, j, flat):
    """The factor that is exactly operand j's entry, for each of `flat` (entries of operand j)."""
    values = np.asarray(site.values[j], dtype=float).reshape(-1)
    return Factor(values[flat], ("{0}",), (Ref(site.names[j], site.shape(j), flat, site.texts[j]),))


def output_at(site, flat):
    return site.out_value.reshape(-1)[flat], Ref(site.out, site.out_shape, flat)


def pointwise(partial):
    """An elementwise op: x's entry feeds the output entries it was stretched to, each with the
    local partial ∂yⱼ/∂xⱼ = partial(site, i, out)."""
    def rule(site, i, idx):
        src, out = stretch(idx, site.shape(i), site.out_shape)
        return Effect(src, out, partial(site, i, out))
    return rule


def unit(value, text):
    return pointwise(lambda site, i, out: constant(value, text, len(out)))


ONE, MINUS_ONE = unit(1.0, "1"), unit(-1.0, "−1")


def other(site, i, out):
    """∂(x⊙y)/∂x = y at the same (broadcast) entry: exactly an entry of the other operand."""
    v, r = operand_at(site, 1 - i, out)
    return Factor(v, ("{0}",), (r,))


def div_x(site, i, out):
    """∂(x/y)/∂x = 1/y."""
    y, ry = operand_at(site, 1, out)
    return Factor(1 / y, ("1/{0}",), (ry,))


def div_y(site, i, out):
    """∂(x/y)/∂y = −x/y²."""
    (x, rx), (y, ry) = operand_at(site, 0, out), operand_at(site, 1, out)
    return Factor(-x / (y * y), ("−{0}/{1}²",), (rx, ry))


def pow_x(site, i, out):
    """∂xᵖ/∂x = p·xᵖ⁻¹."""
    p = site.params["exponent"]
    x, r = operand_at(site, 0, out)
    text = f"{number(p)}·{{0}}" if p == 2 else f"{number(p)}·{{0}}^{number(p - 1)}"
    return Factor(p * np.power(x, p - 1), (text,), (r,))


def relu_x(site, i, out):
    """relu′(x) = [x > 0]: 0 when the unit is off (the entry is still listed)."""
    x, r = operand_at(site, 0, out)
    return Factor((x > 0).astype(float), ("relu′({0})",), (r,))


def from_output(template, derivative):
    """A partial written through the output y: tanh′ = 1 − y², σ′ = y(1 − y)."""
    def partial(site, i, out):
        y, r = output_at(site, out)
        return Factor(derivative(y), (template,), (r,))
    return partial


def exp_x(site, i, out):
    """exp′(x) = exp(x)."""
    _, r = operand_at(site, 0, out)
    return Factor(output_at(site, out)[0], ("exp({0})",), (r,))


def log_x(site, i, out):
    """log′(x) = 1/x."""
    x, r = operand_at(site, 0, out)
    return Factor(1 / x, ("1/{0}",), (r,))


# ---- matrix ops ------------------------------------------------------------------------------

def as_matrices(site):
    """x (m, k) and w (k, n), vectors read as one row (x) or one column (w): the flat index of
    y (m, n) is the same in y's own shape, since only axes of length 1 are dropped."""
    x, w = (np.asarray(v, dtype=float) for v in site.values[:2])
    return x.reshape(-1, x.shape[-1]), w.reshape(w.shape[0], -1)


def matmul_x(site, i, idx):
    """yᵢⱼ = Σₖ xᵢₖwₖⱼ: x[i,k] feeds row i of y, y[i,j] with local w[k,j]."""
    x, w = as_matrices(site)
    n = w.shape[1]
    row, k = np.divmod(idx, x.shape[1])
    wflat = (k[:, None] * n + np.arange(n)).ravel()
    out = (row[:, None] * n + np.arange(n)).ravel()
    return Effect(np.repeat(np.arange(len(idx)), n), out, entry_factor(site, 1, wflat))


def matmul_w(site, i, idx):
    """yᵢⱼ = Σₖ xᵢₖwₖⱼ: w[k,j] feeds column j of y, y[i,j] with local x[i,k]."""
    x, w = as_matrices(site)
    (m, kk), n = x.shape, w.shape[1]
    k, col = np.divmod(idx, n)
    xflat = (np.arange(m)[None, :] * kk + k[:, None]).ravel()
    out = (np.arange(m)[None, :] * n + col[:, None]).ravel()
    return Effect(np.repeat(np.arange(len(idx)), m), out, entry_factor(site, 0, xflat))


def transpose_x(site, i, idx):
    """(xᵀ)ⱼᵢ = xᵢⱼ, local 1."""
    shape = site.shape(0)
    out = idx if len(shape) < 2 else (idx % shape[1]) * shape[0] + idx // shape[1]
    return Effect(np.arange(len(idx)), out, constant(1.0, "1", len(idx)))


# ---- reductions and normalisations -------------------------------------------------------------

def reduced_flat(idx, shape, axis):
    """The entry of the reduced output that input entry idx is summed into."""
    if axis is None or len(shape) < 2:
        return np.zeros_like(idx)
    axis %= len(shape)
    coords = list(np.unravel_index(idx, shape))
    del coords[axis]
    return np.ravel_multi_index(coords, shape[:axis] + shape[axis + 1:])


def reduction(mean):
    """sum: each entry feeds the one output entry it is summed into, local 1 (mean: 1/N)."""
    def rule(site, i, idx):
        shape, axis = site.shape(0), site.params.get("axis")
        count = int(np.prod(shape)) if axis is None else shape[axis]
        factor = constant(1.0 / count, f"1/{count}", len(idx)) if mean else constant(1.0, "1", len(idx))
        return Effect(np.arange(len(idx)), reduced_flat(idx, shape, axis), factor)
    return rule


def softmax_x(site, i, idx):
    """sⱼ = e^xⱼ / Σₖ e^xₖ along the axis: x[k] feeds its whole row (column); ∂sⱼ/∂xₖ = sⱼ(δⱼₖ − sₖ)."""
    n, stride = softmax_line(site)
    first = idx - (idx // stride % n) * stride  # the entry's line along the axis starts here
    out = (first[:, None] + np.arange(n) * stride).ravel()
    src = np.repeat(np.arange(len(idx)), n)
    return Effect(src, out, softmax_factor(site, out, idx[src]))


def softmax_line(site):
    """(n, stride): the length of softmax's lines and the flat step between their entries."""
    shape = site.shape(0)
    axis = site.params.get("axis", -1) % len(shape)
    return shape[axis], int(np.prod(shape[axis + 1:]))


def softmax_factor(site, j, k):
    """∂sⱼ/∂xₖ = sⱼ(1 − sⱼ) for j = k, −sⱼsₖ otherwise (j, k flat entries on one line)."""
    s = site.out_value.reshape(-1)
    diag = j == k
    value = np.where(diag, s[j] * (1 - s[j]), -s[j] * s[k])
    refs = (Ref(site.out, site.out_shape, j), Ref(site.out, site.out_shape, k))
    return Factor(value, ("{0}(1 − {0})", "−{0}·{1}"), refs, (~diag).astype(np.int8))


def mse_rule(sign):
    """mse = Σ (y − t)²/N over the broadcast shape: every entry feeds the scalar, local ±2(y − t)/N."""
    def rule(site, i, idx):
        shape = np.broadcast_shapes(site.shape(0), site.shape(1))
        count = int(np.prod(shape))
        src, flat = stretch(idx, site.shape(i), shape)
        (y, ry), (t, rt) = operand_at(site, 0, flat, shape), operand_at(site, 1, flat, shape)
        text = ("" if sign > 0 else "−") + f"2({{0}} − {{1}})/{count}"
        return Effect(src, np.zeros_like(flat), Factor(sign * 2 * (y - t) / count, (text,), (ry, rt)))
    return rule
