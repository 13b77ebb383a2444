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


def from_output(template, derivative):
    """A partial written through the output y: tanh′ = 1 − y², σ′ = y(1 − y)."""
    def partial(site, i, out):
        y, r = output_at(site, out)
        return Factor(derivative(y), (template,), (r,))
    return partial
