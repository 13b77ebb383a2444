"""Closed forms for ops whose routes fan in and out at once (matmul, softmax): for a large set
of input entries with locals l, the locals of the output entries Σ over routes are one tangent
product (the op's JVP on the touched rows, columns or lines), O(entries) instead of O(routes).
The route texts are still available, built per entry on demand (engine.factors.JoinedRoutes).
An op's `joined` (in its file under engine/ops) is `joined(site, i, idx, local) -> Joined`,
or None when listing the routes is cheap."""
from typing import NamedTuple

import numpy as np

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


def grouped(group, count, out_group):
    """routes(k): the positions p of the input set with group[p] == out_group[k], for route texts."""
    order = np.argsort(group, kind="stable")
    starts = np.r_[0, np.cumsum(np.bincount(group, minlength=count))]
    return lambda k: order[starts[out_group[k]]:starts[out_group[k] + 1]]
