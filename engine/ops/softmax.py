"""sⱼ = e^xⱼ / Σₖ e^xₖ along an axis (default the last): ∂L/∂x = s ⊙ (∂L/∂s − Σ ∂L/∂s ⊙ s)."""
import numpy as np

from .. import closed_form as C
from .. import influence as I
from .. import scalar as S
from ..factors import Factor, Ref
from ..rules import OUT, derived
from ._base import OpDef, ShapeRule, check_axis


def forward(x, axis=-1):
    shifted = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def softmax_shape(shape, axis=-1):
    if not shape:
        raise ShapeRule("softmax needs a vector or a matrix, got a scalar")
    check_axis(shape, axis)
    return shape


def centred(g, out, x, axis=-1):
    return g - np.sum(g * out, axis=axis, keepdims=True)


# ---- per entry -----------------------------------------------------------------------------

def feeds(site, i, idx):
    """x[k] feeds its whole row (column) along the axis; ∂sⱼ/∂xₖ = sⱼ(δⱼₖ − sₖ)."""
    src, out = along_lines(site, idx)
    return I.Effect(src, out, factor(site, out, idx[src]))


def along_lines(site, idx):
    """(src, out): each entry of `idx` with every entry of its line along the axis."""
    n, stride = line(site)
    first = idx - (idx // stride % n) * stride  # the entry's line along the axis starts here
    return np.repeat(np.arange(len(idx)), n), (first[:, None] + np.arange(n) * stride).ravel()


def line(site):
    """(n, stride): the length of softmax's lines and the flat step between their entries."""
    shape = site.shape(0)
    axis = site.params.get("axis", -1) % len(shape)
    return shape[axis], int(np.prod(shape[axis + 1:]))


def factor(site, j, k):
    """∂sⱼ/∂xₖ = sⱼ(1 − sⱼ) for j = k, −sⱼsₖ otherwise (j, k flat entries on one line)."""
    s = site.out_value.reshape(-1)
    diag = j == k
    value = np.where(diag, s[j] * (1 - s[j]), -s[j] * s[k])
    refs = (Ref(site.out, site.out_shape, j), Ref(site.out, site.out_shape, k))
    return Factor(value, ("{0}(1 − {0})", "−{0}·{1}"), refs, (~diag).astype(np.int8))


def scalar_form(ex, site, flat):
    """sⱼ = exp(xⱼ) / Σₖ exp(xₖ) along the axis."""
    entries = S.along(site, flat, site.params.get("axis", -1))
    return S.soft_max([ex(0, k) for k in entries], list(entries).index(flat))


def joined(site, i, idx, local):
    """Σₖ lₖ ∂sⱼ/∂xₖ = sⱼ(lⱼ − Σₖ lₖsₖ) on each line the set touches (the JVP along the axis):
    O(entries) instead of n routes per entry, n² for a whole row. None when routes are few."""
    n, stride = line(site)
    if len(idx) * n <= C.JOIN_ABOVE:
        return None
    lines, at = np.unique(idx - (idx // stride % n) * stride, return_inverse=True)
    tangent, grid = np.zeros((len(lines), n)), lines[:, None] + np.arange(n) * stride
    tangent[at, idx // stride % n] = local
    s = site.out_value.reshape(-1)[grid]
    order = np.argsort(grid.ravel())
    out = grid.ravel()[order]
    summed = (s * (tangent - (tangent * s).sum(axis=1, keepdims=True))).ravel()[order]
    routes = C.grouped(at, len(lines), np.repeat(np.arange(len(lines)), n)[order])
    last = (lambda k, p: factor(site, out[k:k + 1], idx[p:p + 1]))
    return C.Joined(out, summed, routes, last, [(site.out, out)])


OP = OpDef(
    "softmax", "softmax", forward, softmax_shape,
    vjps=(lambda g, out, x, axis=-1: out * centred(g, out, x, axis),),
    formulas=([OUT, "⊙", derived("(∂L/∂{y} − Σ ∂L/∂{y} ⊙ {y})", centred)],),
    influence=I.EntryRule((feeds,), scalar_form, joined),
    description="eˣ / Σ eˣ along an axis (default the last)",
    group="reduction", params=("axis",), defaults=(("axis", -1),), samples=({}, {"axis": 0}),
    latex=r"\mathrm{softmax}",
    numpy="np.exp({0}) / np.exp({0}).sum(axis={axis}, keepdims=True)", torch="torch.softmax({0}, dim={axis})",
    numpy_vjps=("{y} * ({g} - np.sum({g} * {y}, axis={axis}, keepdims=True))",))
