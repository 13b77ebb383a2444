"""A canvas node's thumbnail, as numpy: which array it shows after the cursor, and its colours.

A node shows its gradient once the backward pass has reached it (partial or done), else its
value once computed, else nothing (the canvas draws a pending hatch, never a stale picture).
A draft (no pass) shows what it can compute: its inputs and the equations before a hole.
The colours follow the heatmaps' rule: the diverging map centred on zero, levels (−m, m) with m
the whole array's robust half-range (gui.heatmap.data.summarize), cells beyond it clipped."""
import math
from typing import NamedTuple

import numpy as np

from engine import as_matrix_shape
from gui.heatmap.data import as_matrix, block_means, summarize

MAX_CELLS = 32                 # a thumbnail has at most this many cells a side
NONFINITE = (128, 128, 128)    # NaN and ±inf cells: grey, on either theme


class Shown(NamedTuple):
    """What a node's thumbnail shows: `array` (None: nothing yet), gradient or value, and for a
    gradient still summing its contributions, k of n."""
    array: object = None
    is_grad: bool = False
    k: int = 0
    n: int = 0


def shown_array(session, name, draft=None):
    """The thumbnail of value `name` after the session's cursor; without a session, its value in
    `draft` (gui.model.shown.Shown.inputs: the pass of a draft's computable part), if any."""
    if session is None:
        value = draft.records.values.get(name) if draft is not None and name else None
        return Shown(value) if value is not None else Shown()
    if not name:
        return Shown()
    grad, _, k, n = session.grad(name)
    if grad is not None:
        return Shown(grad, True, k, n)
    value = session.value(name)
    return Shown(value) if value is not None else Shown()


def blocks(shape):
    """(rows, cols) of entries per thumbnail cell for an array of `shape`, drawn as a matrix (a
    vector one row): the least step that leaves at most MAX_CELLS cells a side, the same along
    both axes so the picture keeps the matrix's aspect, an axis shorter than it one block."""
    drawn = as_matrix_shape(shape)
    step = max(1, math.ceil(max(drawn) / MAX_CELLS))
    return tuple(min(step, n) for n in drawn)


def cells(array):
    """The matrix the thumbnail colours: a vector as one row, a scalar as one cell, larger
    matrices shrunk by block means (a block holding a NaN stays NaN, so it is marked)."""
    matrix = as_matrix(np.asarray(array, dtype=float))
    for axis, step in enumerate(blocks(matrix.shape)):
        if step > 1:
            matrix = block_means(matrix, step, axis)
    return matrix


def colours(array, lut):
    """(rows, cols, 3) uint8 RGB of `array`'s thumbnail under the colour table `lut` (an odd
    number of RGB rows, low end first, its middle row the colour of zero)."""
    matrix = cells(array)
    scale = summarize(array).scale
    where = np.clip(np.nan_to_num(matrix / scale, nan=0.0), -1.0, 1.0)
    half = (len(lut) - 1) // 2
    rgb = np.asarray(lut, dtype=np.uint8)[np.rint((where + 1.0) * half).astype(int)]
    rgb[~np.isfinite(matrix)] = NONFINITE
    return np.ascontiguousarray(rgb)
