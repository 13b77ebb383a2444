"""x @ w, the matrix product yᵢⱼ = Σₖ xᵢₖwₖⱼ: ∂L/∂x = ∂L/∂y @ wᵀ, ∂L/∂w = xᵀ @ ∂L/∂y.
A vector on the left is one row, on the right one column, as numpy reads it."""
import numpy as np

from .. import closed_form as C
from .. import influence as I
from .. import scalar as S
from ..rules import GRAD, value
from ._base import OpDef, ShapeRule, writes_into


def matmul_shape(x, w):
    if not x or not w:
        raise ShapeRule("@ needs a vector or a matrix on each side, got a scalar")
    inner_x, inner_w = x[-1], (w[0] if len(w) == 1 else w[-2])
    if inner_x != inner_w:
        raise ShapeRule(f"inner dimensions {inner_x} and {inner_w} differ ({x} @ {w})")
    return x[:-1] + w[1:]


@writes_into
def vjp_x(g, out, x, w, into=None):
    if w.ndim == 1:
        return np.multiply.outer(g, w, out=into)
    return np.matmul(g, w.T, out=into)


@writes_into
def vjp_w(g, out, x, w, into=None):
    if x.ndim == 1:
        return np.multiply.outer(x, g, out=into)
    return np.matmul(x.T, g, out=into)


def source_x(shapes, params):
    """vjp_x as exported numpy source."""
    return "np.multiply.outer({g}, {1})" if len(shapes[1]) == 1 else "{g} @ {1}.T"


def source_w(shapes, params):
    """vjp_w as exported numpy source."""
    return "np.multiply.outer({0}, {g})" if len(shapes[0]) == 1 else "{0}.T @ {g}"


# ---- per entry -----------------------------------------------------------------------------

def as_matrices(site):
    """x (m, k) and w (k, n), vectors read as one row (x) or one column (w): the flat index of
    y (m, n) is the same in y's own shape, since only axes of length 1 are dropped."""
    x, w = (np.asarray(v, dtype=float) for v in site.values[:2])
    return x.reshape(-1, x.shape[-1]), w.reshape(w.shape[0], -1)


def feeds_x(site, i, idx):
    """yᵢⱼ = Σₖ xᵢₖwₖⱼ: x[i,k] feeds row i of y, y[i,j] with local w[k,j]."""
    x, w = as_matrices(site)
    n = w.shape[1]
    row, k = np.divmod(idx, x.shape[1])
    wflat = (k[:, None] * n + np.arange(n)).ravel()
    out = (row[:, None] * n + np.arange(n)).ravel()
    return I.Effect(np.repeat(np.arange(len(idx)), n), out, I.entry_factor(site, 1, wflat))


def feeds_w(site, i, idx):
    """yᵢⱼ = Σₖ xᵢₖwₖⱼ: w[k,j] feeds column j of y, y[i,j] with local x[i,k]."""
    x, w = as_matrices(site)
    (m, kk), n = x.shape, w.shape[1]
    k, col = np.divmod(idx, n)
    xflat = (np.arange(m)[None, :] * kk + k[:, None]).ravel()
    out = (np.arange(m)[None, :] * n + col[:, None]).ravel()
    return I.Effect(np.repeat(np.arange(len(idx)), m), out, I.entry_factor(site, 0, xflat))


def scalar_form(ex, site, flat):
    """yᵢⱼ = Σₖ xᵢₖ wₖⱼ."""
    x, w = site.shape(0), site.shape(1)
    n, inner = (w[1] if len(w) == 2 else 1), x[-1]
    i, j = divmod(flat, n)
    return S.total([S.product(ex(0, i * inner + k), ex(1, k * n + j)) for k in range(inner)], [1] * inner)


def joined(site, i, idx, local):
    """Σ over a set's routes through y = x @ w, in closed form: the tangent t of the touched rows
    of x gives t @ w (of the touched columns of w: x @ t). None when the routes are few."""
    x, w = as_matrices(site)
    (m, inner), n = x.shape, w.shape[1]
    if len(idx) * (n if i == 0 else m) <= C.JOIN_ABOVE:
        return None
    major, k = np.divmod(idx, inner) if i == 0 else divmod_t(idx, n)
    keys, key = np.unique(major, return_inverse=True)
    tangent = np.zeros((len(keys), inner))
    tangent[key, k] = local
    if i == 0:
        out, summed = (keys[:, None] * n + np.arange(n)).ravel(), (tangent @ w).ravel()
        routes, other = C.grouped(key, len(keys), np.repeat(np.arange(len(keys)), n)), 1
        at = (lambda q, p: (int(k[p]) * n + int(out[q]) % n))
    else:
        out, summed = (np.arange(m)[:, None] * n + keys).ravel(), (x @ tangent.T).ravel()
        routes, other = C.grouped(key, len(keys), np.tile(np.arange(len(keys)), m)), 0
        at = (lambda q, p: (int(out[q]) // n) * inner + int(k[p]))
    last = (lambda q, p: I.entry_factor(site, other, np.array([at(q, p)])))
    touched = np.unique(k)
    refs = (touched[:, None] * n + np.arange(n)) if i == 0 else (np.arange(m)[:, None] * inner + touched)
    return C.Joined(out, summed, routes, last, [(site.names[other], refs.ravel())] if site.names[other] else [])


def divmod_t(idx, n):
    """For w (inner, n): (column, row) of each entry, the column being what groups its routes."""
    k, col = np.divmod(idx, n)
    return col, k


OP = OpDef(
    "matmul", "@", np.matmul, matmul_shape,
    vjps=(vjp_x, vjp_w),
    formulas=([GRAD, "@", value(1, transpose=True)], [value(0, transpose=True), "@", GRAD]),
    influence=I.EntryRule((feeds_x, feeds_w), scalar_form, joined),
    description="x @ w, matrix product",
    notation="infix", group="matrix",
    numpy="{0} @ {1}", torch="{0} @ {1}",
    numpy_vjps=(source_x, source_w))
