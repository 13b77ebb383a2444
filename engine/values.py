"""Input values: seeded initial values, user-given arrays, and the memory guard."""
import math
import os
import zlib

import numpy as np

from .errors import InputError, MemoryLimitError

MAX_DIMS = 2
FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
SMALL_PROGRAM_BYTES = 1 << 28  # below this, no machine that runs the app lacks the memory
# values, gradients and one contribution per value live at once, plus the operand
# arrays of one step: four arrays per value is a safe upper bound.
ARRAYS_PER_VALUE = 4


def initial_value(inp, shape, dtype, rng_seed):
    """The first values of input `inp`: seeded by its statement's name and place, so adding a
    statement elsewhere does not redraw it."""
    if inp.init == "randn":
        rng = np.random.default_rng([rng_seed, zlib.crc32(inp.seed_key.encode())])
        return rng.standard_normal(shape).astype(dtype, copy=False)
    if inp.init == "ones":
        return np.ones(shape, dtype)
    if inp.init == "zeros":
        return np.zeros(shape, dtype)
    if inp.init == "eye":
        return np.eye(shape[0], dtype=dtype)
    return np.arange(shape[0], dtype=dtype)


def as_input_array(name, value):
    """A user-given array as a private, read-only float array of at most 2 dimensions.

    The copy is handed out as a read-only view of a read-only copy: numpy lets an array's owner
    make it writable again, but not a view of a read-only base. Such a view (what this function
    returns) is taken as it is, so a pass recomputed on the same inputs copies nothing."""
    if value.__class__ is np.ndarray and value.dtype in FLOATS and value.ndim <= MAX_DIMS:
        if sealed(value):
            return value
        if value.size:   # the common case, a script's own float array: copied, nothing to check
            return sealed_view(np.array(value))
    try:
        arr = np.array(value, copy=True)
    except (TypeError, ValueError) as exc:
        raise InputError(f"input {name}: not an array of numbers ({exc})") from None
    if arr.ndim > MAX_DIMS:
        raise InputError(f"input {name}: arrays have at most {MAX_DIMS} dimensions, got shape {arr.shape}")
    if arr.size == 0:
        raise InputError(f"input {name} is empty (shape {arr.shape}); every dimension needs at least 1 entry")
    if arr.dtype not in FLOATS:
        if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
            raise InputError(f"input {name}: not an array of numbers (dtype {arr.dtype})")
        arr = arr.astype(np.float64, copy=False)
    return sealed_view(arr)


def sealed_view(arr):
    """A read-only view of `arr`, itself made read-only: nobody can write through either."""
    arr.setflags(write=False)
    view = arr.view()
    view.setflags(write=False)
    return view


def sealed(value):
    base = value.base
    return not value.flags.writeable and isinstance(base, np.ndarray) and base.flags.owndata \
        and not base.flags.writeable


def freeze(arr):
    """`arr` as a read-only array, so a step record's array can never be rewritten.
    (numpy reductions to a scalar give array scalars, which have no flags: wrap them.)"""
    if arr.__class__ is not np.ndarray:
        arr = np.asarray(arr)
    arr.setflags(write=False)   # half the cost of `arr.flags.writeable = False`, once per step
    return arr


def available_memory():
    """Bytes the machine can still give this process (MemAvailable on Linux)."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 1 << 62


def human_bytes(n):
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:.3g} {unit}" if unit != "bytes" else f"{n} bytes"
        n /= 1000
    return f"{n} bytes"


def guard_memory(shapes, itemsize):
    """Refuse, before allocating, a program whose arrays need more memory than is available."""
    entries = sum(math.prod(s) for s in shapes.values())
    need = entries * itemsize * ARRAYS_PER_VALUE
    if need < SMALL_PROGRAM_BYTES:
        return
    have = available_memory()
    if need > have:
        raise MemoryLimitError(f"this program needs about {human_bytes(need)} of memory for its values "
                               f"and gradients, but only {human_bytes(have)} are available; use smaller shapes")
