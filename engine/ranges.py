"""Sets of entries as a few index ranges: a whole row, a column, a block or a single cell is one
`Range`, so a view outlines a set with one item per range instead of one per cell."""
from typing import NamedTuple

import numpy as np


class Range(NamedTuple):
    """Entries rows × cols of one array, as laid out in a matrix view: a vector (n,) is one row
    (rows 0:1), a scalar one cell. kind is 'grad' (∂L/∂name) or 'value' (name's values); role
    says why it is outlined: 'selected', 'upstream' (feeds the selection), 'factor' (named by a
    local factor) or 'feeds' (an entry of the selected value's forward equation)."""
    name: str
    kind: str
    rows: slice
    cols: slice
    role: str


def as_matrix_shape(shape):
    return (1, 1) if not shape else (1, shape[0]) if len(shape) == 1 else tuple(shape)


def blocks(flat, shape):
    """(rows, cols) slices covering exactly the entries `flat` (flat indices of `shape`)."""
    m, n = as_matrix_shape(shape)
    mask = np.zeros(m * n, bool)  # sorted and each entry once, in O(entries) rather than a sort
    mask[np.asarray(flat, dtype=np.intp)] = True
    flat = np.flatnonzero(mask)
    if not len(flat):
        return []
    rows, cols = np.divmod(flat, n)
    r0, r1, c0, c1 = rows[0], rows[-1], cols.min(), cols.max()
    if len(flat) == (r1 - r0 + 1) * (c1 - c0 + 1):  # unique entries filling their bounding box
        return [(slice(int(r0), int(r1) + 1), slice(int(c0), int(c1) + 1))]
    return stack_runs(row_runs(flat, rows, cols))


def row_runs(flat, rows, cols):
    """Maximal runs of adjacent entries within a row: (row, first col, last col + 1)."""
    starts = np.flatnonzero(np.r_[True, (np.diff(flat) != 1) | (np.diff(rows) != 0)])
    ends = np.r_[starts[1:], len(flat)] - 1
    return zip(rows[starts].tolist(), cols[starts].tolist(), (cols[ends] + 1).tolist())


def stack_runs(runs):
    """Runs with the same columns in consecutive rows become one block (a column is one range)."""
    by_cols = {}
    for row, c0, c1 in runs:
        by_cols.setdefault((c0, c1), []).append(row)
    out = []
    for (c0, c1), rows in by_cols.items():
        first = rows[0]
        for prev, row in zip(rows, rows[1:] + [None]):
            if row is None or row != prev + 1:
                out.append((slice(first, prev + 1), slice(c0, c1)))
                first = row
    return sorted(out, key=lambda b: (b[0].start, b[1].start))


def ranges(name, kind, flat, shape, role):
    return [Range(name, kind, rows, cols, role) for rows, cols in blocks(flat, shape)]


def unique_ranges(items):
    """The ranges in order, each once (slices are not hashable before Python 3.12)."""
    seen, out = set(), []
    for r in items:
        key = (r.name, r.kind, r.rows.start, r.rows.stop, r.cols.start, r.cols.stop, r.role)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
