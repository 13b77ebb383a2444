"""Numbers behind a heatmap, in numpy only: the 2-D view, downsampling, summary and robust range.

Kept apart from the widget so the maths is testable and cheap to reason about at 1024×1024."""
import math
from typing import NamedTuple

import numpy as np

from engine import number
from gui.heatmap.numbers import significant
from gui.per_array import PerArray

CLIP_RMS = 3.0         # the colour range ends at this many RMS (or at max |x| when smaller)
STAT_DIGITS = 3        # significant digits of the stats line: three matrices of a step fit 480 px
SNAP_ULPS = 8          # a mean this many ulps of max |x| from zero is zero (gui.heatmap.data.snapped)
_SUMMARIES = PerArray()   # the Summary of each array shown


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

def short_number(x):
    """Two significant digits (`−0.97`), where four do not fit: a cell, a colour bar's end."""
    return number(float(f"{x:.2g}"))


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


def block_step(n, pixels):
    """Cells per drawn block along one axis: a power of two, so that the drawn matrix has at most
    about twice as many cells as pixels, and a small resize does not change it."""
    return 1 << max(0, int(math.log2(max(n, 1) / max(pixels, 1))))


def downsample_steps(shape, pixels):
    """The (row, col) block sizes `downsample` uses for a matrix of `shape` on `pixels`."""
    return tuple(block_step(n, p) for n, p in zip(shape, pixels))


def block_means(matrix, step, axis):
    """Means of `step` consecutive rows (axis 0) or columns (axis 1); a shorter last block keeps its
    own mean."""
    n = matrix.shape[axis]
    full = n // step * step
    if axis == 0:
        head = matrix[:full].reshape(full // step, step, -1).sum(axis=1, dtype=float)
    else:
        # strided adds: numpy reduces a short innermost axis several times slower
        head = np.array(matrix[:, 0:full:step], dtype=float)
        for i in range(1, step):
            head += matrix[:, i:full:step]
    head /= step
    if full == n:
        return head
    tail = matrix[full:].mean(axis=0, keepdims=True) if axis == 0 else matrix[:, full:].mean(axis=1, keepdims=True)
    return np.concatenate([head, tail], axis=axis)


def downsample(matrix, pixels):
    """(drawn matrix, (row step, col step)): block means, so a matrix larger than its on-screen
    size costs about one drawn cell per pixel. A block holding a NaN or ±inf stays non-finite,
    so its mark survives."""
    if matrix.flags.f_contiguous and not matrix.flags.c_contiguous:
        # a transpose (bᵀ): reshaping it would copy, so shrink the array it views instead
        small, steps = downsample(matrix.T, pixels[::-1])
        return small.T, steps[::-1]
    steps = downsample_steps(matrix.shape, pixels)
    for axis, step in enumerate(steps):
        if step > 1:
            matrix = block_means(matrix, step, axis)
    return matrix, steps


# ---- statistics ---------------------------------------------------------------------------------

def summarize(array):
    """`compute_summary`, remembered per array object: records never change their arrays, and the
    same gradient is shown in several places and on several steps."""
    return _SUMMARIES.get(array, compute_summary)


def forget_summaries():
    """Drop every remembered summary (a benchmark measures steps that compute them afresh)."""
    _SUMMARIES.clear()


def compute_summary(array):
    """Shape, mean ± std, min, max over the finite entries, and the robust colour half-range."""
    array = np.asarray(array, dtype=float)
    flat = array.ravel(order="K")   # no copy, also for a transpose: the order does not matter here
    total = float(flat.sum())       # finite exactly when every entry is: then it is the sum we need
    finite = flat if math.isfinite(total) else flat[np.isfinite(flat)]
    if finite.size == 0:
        nan = float("nan")
        return Summary(array.shape, nan, nan, nan, nan, 1.0, flat.size)
    total = total if finite is flat else float(finite.sum())
    low, high = float(finite.min()), float(finite.max())
    biggest = max(abs(low), abs(high))
    mean = snapped(total / finite.size, biggest)
    square = float(np.dot(finite, finite)) / finite.size
    scale = min(biggest, CLIP_RMS * math.sqrt(square)) or 1.0
    return Summary(array.shape, mean, spread(finite, mean, square), low, high, scale, flat.size - finite.size)


def snapped(mean, biggest):
    """0 for a mean within a few ulps of the data's scale: a zero-sum gradient's mean is rounding
    (1e-17), and writing it says the entries do not cancel when they do."""
    return 0.0 if abs(mean) <= SNAP_ULPS * np.finfo(float).eps * biggest else mean


def spread(finite, mean, square):
    """The standard deviation: from the mean square (one pass) unless the mean dominates so much
    that subtracting loses digits, then numpy's two-pass std."""
    var = square - mean * mean
    return math.sqrt(var) if var > 1e-8 * square else float(finite.std())


def shape_text(shape):
    """`2×3` for a matrix, `(3,)` for a vector (drawn as a row), `scalar`."""
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "×".join(str(n) for n in shape) or "scalar"


def summary_text(s, step=(1, 1)):
    """Three short lines, so a narrow heatmap still shows them whole: the shape (with how many
    entries are not finite, and the block size when `step` says the matrix is drawn smaller),
    `mean 0.31 ± 1.2`, `min −1.5  max 2`, in STAT_DIGITS significant digits (hover has them all)."""
    head = shape_text(s.shape)
    head += f" · {s.nonfinite} not finite" if s.nonfinite else ""
    head += f" in {step[0]}×{step[1]} blocks" if step != (1, 1) else ""   # each drawn cell a block's mean
    if s.nonfinite == math.prod(s.shape):
        return f"{head}\nno finite entries"
    mean, std, low, high = (significant(x, STAT_DIGITS) for x in (s.mean, s.std, s.low, s.high))
    return f"{head}\nmean {mean} ± {std}\nmin {low}  max {high}"
