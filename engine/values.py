"""Input values: seeded initial values, user-given arrays, and the memory guard."""
import math
import os
import zlib
from contextlib import contextmanager

import numpy as np

from .buffers import POOLED_BYTES, pooled_copy
from .errors import InputError, MemoryLimitError

MAX_DIMS = 2
FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
SMALL_PROGRAM_BYTES = 1 << 28  # below this, no machine that runs the app lacks the memory
# values, gradients and one contribution per value live at once, plus the operand
# arrays of one step: four arrays per value is a safe upper bound.
ARRAYS_PER_VALUE = 4
REAL_KINDS = "biuf"   # bool, signed and unsigned integers, floats


def check_seed(rng_seed):
    """The seed of the random inputs: a whole number ≥ 0 (numpy's generator takes no other)."""
    if rng_seed.__class__ is int and rng_seed >= 0:
        return
    if not isinstance(rng_seed, (int, np.integer)) or isinstance(rng_seed, bool) or rng_seed < 0:
        raise InputError(f"the random seed must be a whole number ≥ 0, got {rng_seed!r}")


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


def as_input_array(name, value, pool=None):
    """A user-given array as a private, read-only float array of at most 2 dimensions.

    The copy is handed out as a read-only view of a read-only copy: numpy lets an array's owner
    make it writable again, but not a view of a read-only base. Such a view (what this function
    returns) is taken as it is, so a pass recomputed on the same inputs copies nothing.
    With a `pool` (a dict kept with the program), a large copy reuses a buffer of an earlier one."""
    dtype = value.dtype if value.__class__ is np.ndarray else None
    # numpy's own float dtypes are shared objects: `is` spares `in FLOATS` (a quarter of this call);
    # an equal dtype that is another object takes the long way below, to the same array
    if (dtype is FLOATS[0] or dtype is FLOATS[1]) and value.ndim <= MAX_DIMS and value.size:
        if value.flags.writeable:   # the common case, a script's own float array: copied, nothing to check
            if pool is None or value.nbytes < POOLED_BYTES:
                return sealed_view(value.copy())
            return sealed_view(pooled_copy(pool.setdefault(name, []), value))
        if sealed(value):
            return value
    try:
        arr = np.array(value, copy=True)
    except (TypeError, ValueError) as exc:
        raise InputError(f"input {name}: not an array of numbers ({exc})") from None
    if arr.ndim > MAX_DIMS:
        raise InputError(f"input {name}: arrays have at most {MAX_DIMS} dimensions, got shape {arr.shape}")
    if arr.size == 0:
        raise InputError(f"input {name} is empty (shape {arr.shape}); every dimension needs at least 1 entry")
    if arr.dtype not in FLOATS:
        # real numbers only: complex has no order and timedelta is a duration (numpy counts both as numbers)
        if arr.dtype.kind not in REAL_KINDS:
            raise InputError(f"input {name}: not an array of real numbers (dtype {arr.dtype})")
        arr = arr.astype(np.float64, copy=False)
    return sealed_view(arr)


def sealed_view(arr):
    """A read-only view of `arr`, itself made read-only: nobody can write through either (a view
    of a read-only array is read-only, and numpy refuses to make it writable again)."""
    arr.setflags(False)   # positional: numpy parses no keywords (half the cost, on every pass)
    return arr.view()


def sealed(value):
    base = value.base
    return not value.flags.writeable and isinstance(base, np.ndarray) and base.flags.owndata \
        and not base.flags.writeable


def freeze(arr):
    """`arr` as a read-only array, so a step record's array can never be rewritten.
    (numpy reductions to a scalar give array scalars, which have no flags: wrap them.)"""
    if arr.__class__ is not np.ndarray:
        arr = np.asarray(arr)
    arr.setflags(False)   # positional: a quarter the cost of `arr.flags.writeable = False`, once per step
    return arr


def available_memory():
    """Bytes this process can still allocate: the least of the machine's free memory, the room
    left under the process's own limits (ulimit -v, -d) and the room left in its cgroup."""
    return min(machine_memory(), rlimit_room(), cgroup_room())


def machine_memory():
    """Bytes the machine can still give (MemAvailable on Linux)."""
    found = proc_field("/proc/meminfo", "MemAvailable:")
    if found is not None:
        return found
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return UNLIMITED


UNLIMITED = 1 << 62


def rlimit_room():
    """Room under RLIMIT_AS (address space, `ulimit -v`) and RLIMIT_DATA (`ulimit -d`): the soft
    limit less what the process already uses of it."""
    try:
        import resource
    except ImportError:   # not on every platform
        return UNLIMITED
    room = UNLIMITED
    for limit, field in ((resource.RLIMIT_AS, "VmSize:"), (resource.RLIMIT_DATA, "VmData:")):
        soft = resource.getrlimit(limit)[0]
        if soft != resource.RLIM_INFINITY:
            room = min(room, soft - (proc_field("/proc/self/status", field) or 0))
    return max(room, 0)


CGROUP_FILES = (("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),      # cgroup v2
                ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"))


def cgroup_room():
    """Room left in the process's memory cgroup (v2 or v1): its limit less its usage."""
    for limit_file, usage_file in CGROUP_FILES:
        try:
            with open(limit_file) as f:
                limit = f.read().strip()
            with open(usage_file) as f:
                used = int(f.read())
        except (OSError, ValueError):
            continue
        return UNLIMITED if limit == "max" else max(min(int(limit), UNLIMITED) - used, 0)
    return UNLIMITED


def proc_field(path, key):
    """The `key: N kB` line of a /proc file as bytes, or None."""
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


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


@contextmanager
def computing():
    """The context of every computation on the user's numbers: inf and NaN are shown to the user,
    not warned about, and a MemoryError (an allocation the guard let through, under a limit it
    cannot see) is reported as MemoryLimitError, as every other engine error is."""
    try:
        with np.errstate(all="ignore"):
            yield
    except MemoryError:
        raise out_of_memory() from None


def out_of_memory():
    """The MemoryLimitError a MemoryError inside a computation becomes (see computing)."""
    return MemoryLimitError("not enough memory for this program's values and gradients; use smaller shapes")
