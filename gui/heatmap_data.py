"""Numbers behind a heatmap, in numpy only: the 2-D view, downsampling, summary and robust range.

Kept apart from the widget so the maths is testable and cheap to reason about at 1024×1024."""
import math
import weakref
from typing import NamedTuple

import numpy as np

CLIP_RMS = 3.0         # the colour range ends at this many RMS (or at max |x| when smaller)
_SUMMARIES = {}        # id(array) -> (weak reference to it, its Summary)
SUBSCRIPTS = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")


class Summary(NamedTuple):
    """What the line under a matrix says, and the colour range it suggests."""
    shape: tuple
    mean: float
    std: float
    low: float
    high: float
    scale: float       # robust half-range m: levels are (-m, m)
    nonfinite: int     # how many NaN or ±inf entries


# ---- numbers as text ----------------------------------------------------------------------------

def format_number(x):
    """4 significant digits with a true minus sign (also in exponents); −0 is 0; NaN and ±∞ by name."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "+∞" if x > 0 else "−∞"
    text = format(x, ".4g")
    text = "0" if text in ("-0", "0") else text
    return text.replace("-", "−")


def subscript(name, index):
    """1-based written form: `a₁₂`, `c₂`, `a₁₀,₂` (commas once an index passes 9), `s` for a scalar."""
    ones = [i + 1 for i in index]
    sep = "," if any(i > 9 for i in ones) else ""
    return name + sep.join(str(i) for i in ones).translate(SUBSCRIPTS)


def literal(array):
    """The matrix as a numpy literal, full precision: `np.array([[1.5, -2.0], [0.0, 3.0]])`."""
    return f"np.array({np.asarray(array).tolist()!r})".replace("nan", "np.nan").replace("inf", "np.inf")


# ---- shapes and sizes ---------------------------------------------------------------------------

def as_matrix(array):
    """The 2-D form drawn: a vector as one row, a scalar as a single cell."""
    array = np.asarray(array)
    if array.ndim == 2:
        return array
    return array.reshape(1, -1)


def to_source(cell, ndim, transposed):
    """The index into the real array for a drawn cell (row, col): (j,) for a vector, () for a scalar,
    and (col, row) when the drawn matrix is the transpose of the real one (bᵀ)."""
    row, col = cell
    if ndim == 0:
        return ()
    if ndim == 1:
        return (col,)
    return (col, row) if transposed else (row, col)


def block_edges(n, target):
    """Start indices of the blocks that shrink n cells to at most `target` (one block per cell if
    n fits)."""
    step = max(1, math.ceil(n / max(1, target)))
    return np.arange(0, n, step), step


def downsample_steps(shape, pixels):
    """The (row, col) block size that `downsample` would use for a matrix of `shape`."""
    return tuple(block_edges(n, p)[1] for n, p in zip(shape, pixels))


def downsample(matrix, max_rows, max_cols):
    """Block means, so a matrix larger than its on-screen size costs one pixel per drawn cell.
    A block with a NaN or ±inf stays non-finite, so marks survive downsampling."""
    rows, r_step = block_edges(matrix.shape[0], max_rows)
    cols, c_step = block_edges(matrix.shape[1], max_cols)
    if r_step == 1 and c_step == 1:
        return matrix, (1, 1)
    summed = np.add.reduceat(np.add.reduceat(matrix, rows, axis=0), cols, axis=1)
    counts = np.outer(np.diff(np.append(rows, matrix.shape[0])), np.diff(np.append(cols, matrix.shape[1])))
    return summed / counts, (r_step, c_step)


# ---- statistics ---------------------------------------------------------------------------------

def summarize(array):
    """`compute_summary`, remembered per array object: records never change their arrays, and the
    same gradient is shown in several places and on several steps."""
    key = id(array)
    hit = _SUMMARIES.get(key)
    if hit is not None and hit[0]() is array:
        return hit[1]
    summary = compute_summary(array)
    try:
        _SUMMARIES[key] = (weakref.ref(array, lambda _ref: _SUMMARIES.pop(key, None)), summary)
    except TypeError:   # numbers (a constant operand) cannot be weakly referenced; they are cheap
        pass
    return summary


def compute_summary(array):
    """Shape, mean ± std, min, max over the finite entries, and the robust colour half-range."""
    array = np.asarray(array)
    flat = array.reshape(-1)
    finite = flat if np.isfinite(flat.sum()) else flat[np.isfinite(flat)]
    if finite.size == 0:
        nan = float("nan")
        return Summary(array.shape, nan, nan, nan, nan, 1.0, flat.size)
    mean, low, high = float(finite.mean()), float(finite.min()), float(finite.max())
    square = float(np.dot(finite, finite)) / finite.size
    std = float(finite.std())
    biggest = max(abs(low), abs(high))
    scale = min(biggest, CLIP_RMS * math.sqrt(square)) or 1.0
    return Summary(array.shape, mean, std, low, high, scale, flat.size - finite.size)


def summary_text(s):
    """`2×2  mean 0.31 ± 1.2  min −1.5  max 2.0` (and how many entries are not finite)."""
    shape = "×".join(str(n) for n in s.shape) or "scalar"
    if s.nonfinite == math.prod(s.shape):
        return f"{shape}  no finite entries"
    text = (f"{shape}  mean {format_number(s.mean)} ± {format_number(s.std)}"
            f"  min {format_number(s.low)}  max {format_number(s.high)}")
    return text + (f"  ({s.nonfinite} not finite)" if s.nonfinite else "")
