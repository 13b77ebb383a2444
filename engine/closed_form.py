"""Closed forms for ops whose routes fan in and out at once (matmul, softmax): for a large set
of input entries with locals l, the locals of the output entries Σ over routes are one tangent
product (the op's JVP on the touched rows, columns or lines), O(entries) instead of O(routes).
The route texts are still available, built per entry on demand (engine.factors.JoinedRoutes).
Each is `joined(site, i, idx, local) -> Joined`, or None when listing the routes is cheap."""
from typing import NamedTuple

import numpy as np

from .influence import as_matrices, entry_factor, softmax_factor, softmax_line

JOIN_ABOVE = 1 << 16  # past this many routes through one op, sum them in closed form


class Joined(NamedTuple):
    """Routes already summed per output entry: `out`, `local`, and for the text, `routes(k)`
    (positions in the input set whose routes meet at out[k]) and `last(k, p)` (the op's factor
    on route p → k, a one-entry Factor); `refs` are the entries those factors name."""
    out: np.ndarray
    local: np.ndarray
    routes: object
    last: object
    refs: list


def softmax_joined(site, i, idx, local):
    """Σₖ lₖ ∂sⱼ/∂xₖ = sⱼ(lⱼ − Σₖ lₖsₖ) on each line the set touches (the JVP along the axis):
    O(entries) instead of n routes per entry, n² for a whole row. None when routes are few."""
    n, stride = softmax_line(site)
    if len(idx) * n <= JOIN_ABOVE:
        return None
    lines, line = np.unique(idx - (idx // stride % n) * stride, return_inverse=True)
    tangent, grid = np.zeros((len(lines), n)), lines[:, None] + np.arange(n) * stride
    tangent[line, idx // stride % n] = local
    s = site.out_value.reshape(-1)[grid]
    order = np.argsort(grid.ravel())
    out = grid.ravel()[order]
    summed = (s * (tangent - (tangent * s).sum(axis=1, keepdims=True))).ravel()[order]
    routes = grouped(line, len(lines), np.repeat(np.arange(len(lines)), n)[order])
    last = (lambda k, p: softmax_factor(site, out[k:k + 1], idx[p:p + 1]))
    return Joined(out, summed, routes, last, [(site.out, out)])


def grouped(group, count, out_group):
    """routes(k): the positions p of the input set with group[p] == out_group[k], for route texts."""
    order = np.argsort(group, kind="stable")
    starts = np.r_[0, np.cumsum(np.bincount(group, minlength=count))]
    return lambda k: order[starts[out_group[k]]:starts[out_group[k] + 1]]


def matmul_joined(site, i, idx, local):
    """Σ over a set's routes through y = x @ w, in closed form: the tangent t of the touched rows
    of x gives t @ w (of the touched columns of w: x @ t). None when the routes are few."""
    x, w = as_matrices(site)
    (m, inner), n = x.shape, w.shape[1]
    if len(idx) * (n if i == 0 else m) <= JOIN_ABOVE:
        return None
    major, k = np.divmod(idx, inner) if i == 0 else divmod_t(idx, n)
    keys, key = np.unique(major, return_inverse=True)
    tangent = np.zeros((len(keys), inner))
    tangent[key, k] = local
    if i == 0:
        out, summed = (keys[:, None] * n + np.arange(n)).ravel(), (tangent @ w).ravel()
        routes, other = grouped(key, len(keys), np.repeat(np.arange(len(keys)), n)), 1
        at = (lambda q, p: (int(k[p]) * n + int(out[q]) % n))
    else:
        out, summed = (np.arange(m)[:, None] * n + keys).ravel(), (x @ tangent.T).ravel()
        routes, other = grouped(key, len(keys), np.tile(np.arange(len(keys)), m)), 0
        at = (lambda q, p: (int(out[q]) // n) * inner + int(k[p]))
    last = (lambda q, p: entry_factor(site, other, np.array([at(q, p)])))
    touched = np.unique(k)
    refs = (touched[:, None] * n + np.arange(n)) if i == 0 else (np.arange(m)[:, None] * inner + touched)
    return Joined(out, summed, routes, last, [(site.names[other], refs.ravel())] if site.names[other] else [])


def divmod_t(idx, n):
    """For w (inner, n): (column, row) of each entry, the column being what groups its routes."""
    k, col = np.divmod(idx, n)
    return col, k
