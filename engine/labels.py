"""Integer class labels, `y = labels(n, k)`: n labels drawn in [0, k) with the input's seed,
or given as an integer array (a float array is refused: labels are class indices). They are
never differentiated."""
import zlib

import numpy as np

from .errors import InputError
from .values import as_input_array, initial_value, sealed_view


def initial(inp, shape, dtype, rng_seed):
    """The input's first values: labels drawn in [0, k), anything else as engine.values draws it."""
    if not inp.labels:
        return initial_value(inp, shape, dtype, rng_seed)
    rng = np.random.default_rng([rng_seed, zlib.crc32(inp.seed_key.encode())])
    return rng.integers(0, inp.classes, shape)


def given_arrays(program, inputs):
    """The given inputs as private read-only arrays: labels as integers, the rest as floats."""
    out = {}
    for name, value in (inputs or {}).items():
        inp = program.input(name)
        out[name] = as_labels(inp, value) if inp is not None and inp.labels else as_input_array(name, value)
    return out


def as_labels(inp, value):
    """A given array of labels: integers in [0, k), a vector."""
    arr = np.array(value, copy=True)
    if arr.dtype.kind == "b" or arr.dtype.kind not in "iu":
        raise InputError(f"input {inp.name} holds class labels: give an array of integers in [0, {inp.classes}), "
                         f"not {arr.dtype}")
    if arr.ndim != 1 or arr.size == 0:
        raise InputError(f"input {inp.name} holds class labels: give a vector of integers, got shape {arr.shape}")
    if arr.min() < 0 or arr.max() >= inp.classes:
        raise InputError(f"input {inp.name}: labels lie in [0, {inp.classes}), got {arr.min()} to {arr.max()}")
    return sealed_view(arr.astype(np.int64, copy=False))
