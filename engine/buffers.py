"""Kept buffers: a large array a pass makes is written into memory an earlier pass used, once
nothing holds that memory any more (no pass's values, no record, no caller's view: each view
holds its base), so a script calling grad in a loop does not fault fresh pages in for it.

Fresh memory of 128 KiB or more comes from the system page by page (glibc's default mmap
threshold, and the heap trimmed again when a pass's arrays are freed), and faulting its pages in
costs a third of a pass at n = 256 (hand-written numpy doing relu(a @ b + c) with mse in float64
faults 1,120 pages in per pass). Smaller arrays come from memory malloc keeps."""
import sys

import numpy as np

POOLED_BYTES = 1 << 17
POOL_SIZE = 2   # buffers kept per array: `r = grad(...)` in a loop holds the last result while the next runs
KEPT_BYTES = 1 << 28   # the output buffers of all plans together, 256 MiB: a few programs of 1024² (see keeping)
_keeping = []   # the kept lists of the plans that keep buffers, the most recent last


def pooled_copy(kept, value):
    """A C-ordered copy of `value`, written into a buffer of `kept` that nothing else holds any
    more, else into a new one; the buffer is kept for later copies, the last POOL_SIZE of them."""
    buf = free_buffer(kept, lambda buf: buf.shape == value.shape and buf.dtype == value.dtype)
    if buf is None:
        buf = value.copy()
    else:
        np.copyto(buf, value)
    return keep(kept, buf)


def into_kept(fn, kept, keyword="out"):
    """`fn` writing its output into a buffer of `kept`, handed as `keyword` (a ufunc's `out`, an
    op's `into`), when one is free. The buffers kept are this very function's earlier outputs,
    all of one shape and dtype: a pass plan runs it on operands of the same shapes and dtypes
    every time."""
    def run(*operands, **params):
        buf = free_buffer(kept)
        if buf is not None:
            params[keyword] = buf
        return keep(kept, fn(*operands, **params))
    return run


def writer(fn):
    """The keyword under which `fn` takes an array to write its result in (a ufunc's `out`, an
    op's `into`: ops._base.writes_into), or None when it takes none."""
    if isinstance(fn, np.ufunc):
        return "out"
    return "into" if getattr(fn, "writes_into", False) else None


def keeping(lists):
    """Note that a pass runs with one plan's kept lists (one per array it writes into kept
    buffers). While the buffers of all plans together hold more than KEPT_BYTES, those of the
    least recent plan are let go, so programs left behind (edits ago in the app) hold little."""
    if _keeping and _keeping[-1] is lists:
        return   # the same plan again: the common case
    for i, held in enumerate(_keeping):
        if held is lists:
            del _keeping[i]
            break
    _keeping.append(lists)
    while len(_keeping) > 1 and kept_bytes() > KEPT_BYTES:
        for kept in _keeping.pop(0):
            kept.clear()


def kept_bytes():
    """The bytes the kept buffers of every plan hold."""
    return sum(buf.nbytes for lists in _keeping for kept in lists for buf in kept)


def keep(kept, buf):
    """`buf`, kept for later passes (the last POOL_SIZE kept)."""
    kept.append(buf)
    del kept[:-POOL_SIZE]
    return buf


def free_buffer(kept, fits=None):
    """A buffer of `kept` that only this call holds (and that `fits`, when given), taken out of
    `kept` (so another thread cannot take it too) and made writable again, or None."""
    for _ in range(len(kept)):
        buf, holders = claimed(kept)
        if buf is None:
            return None   # another thread emptied the list
        if holders == UNHELD and (fits is None or fits(buf)):
            buf.setflags(True)   # its owner may make it writable again; nobody else can see it
            return buf
        kept.append(buf)
    return None


def claimed(kept):
    """The oldest buffer of `kept`, taken out, and its reference count as seen here."""
    try:
        buf = kept.pop(0)
    except IndexError:
        return None, 0
    return buf, sys.getrefcount(buf)


UNHELD = claimed([np.empty(1)])[1]   # the count of a buffer nothing else holds, on this interpreter
