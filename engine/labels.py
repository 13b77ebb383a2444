"""Integer class labels, `y = labels(n, k)`: n labels drawn in [0, k) with the input's seed,
or given as an integer array (a float array is refused: labels are class indices). They are
never differentiated."""
import zlib

import numpy as np

from .errors import InputError
from .prepared import memo
from .values import as_input_array, initial_value, sealed, sealed_view


def initial(inp, shape, dtype, rng_seed):
    """The input's first values: labels drawn in [0, k), anything else as engine.values draws it."""
    if not inp.labels:
        return initial_value(inp, shape, dtype, rng_seed)
    rng = np.random.default_rng([rng_seed, zlib.crc32(inp.seed_key.encode())])
    return rng.integers(0, inp.classes, shape)


def given_arrays(program, inputs):
    """The given inputs as private read-only arrays: labels as integers, the rest as floats."""
    if not inputs:
        return {}
    cache = memo(program)
    labels = cache.get("label inputs")
    if labels is None:   # asked on every pass: found once per program
        labels = cache["label inputs"] = {i.name: i for i in program.inputs if i.labels}
    pool = cache.get("input buffers")
    if pool is None:
        pool = cache["input buffers"] = {}
    if not labels:       # the common case: no name to look up for each input
        return {name: as_input_array(name, value, pool) for name, value in inputs.items()}
    return {name: as_labels(labels[name], value) if name in labels else as_input_array(name, value, pool)
            for name, value in inputs.items()}


def as_labels(inp, value):
    """A given array of labels: integers in [0, k), a vector. One this function returned is
    taken as it is (see engine.values.as_input_array)."""
    if isinstance(value, np.ndarray) and value.dtype == np.int64 and sealed(value) and value.ndim == 1:
        return value
    arr = np.array(value, copy=True)
    if arr.dtype.kind == "b" or arr.dtype.kind not in "iu":
        raise InputError(f"input {inp.name} holds class labels: give an array of integers in [0, {inp.classes}), "
                         f"not {arr.dtype}")
    if arr.ndim != 1 or arr.size == 0:
        raise InputError(f"input {inp.name} holds class labels: give a vector of integers, got shape {arr.shape}")
    if arr.min() < 0 or arr.max() >= inp.classes:
        raise InputError(f"input {inp.name}: labels lie in [0, {inp.classes}), got {arr.min()} to {arr.max()}")
    return sealed_view(arr.astype(np.int64, copy=False))
