"""Every value and gradient of a pass as one `.npz`: `a`, `grad_a`, … for exactly the names that
`grad --json` gives (a value without a path to L has no `grad_` key), each in its own dtype."""
import os
import zipfile

import numpy as np

from .errors import InputError

GRAD_PREFIX = "grad_"


def arrays_npz(result):
    """{key: array} of a Result: each value under its name, each gradient under `grad_` + name.
    A value whose own name starts with `grad_` would read as another value's gradient: refused."""
    ambiguous = [name for name in result.values if name.startswith(GRAD_PREFIX)]
    if ambiguous:
        name = ambiguous[0]
        raise InputError(f"cannot write the arrays: in the .npz the value {name!r} would read as the gradient of "
                         f"{name[len(GRAD_PREFIX):]!r}; rename it (no value name may start with {GRAD_PREFIX!r})")
    arrays = dict(result.values)
    arrays.update((GRAD_PREFIX + name, g) for name, g in result.grads.items())
    return arrays


def export_npz(result, path):
    """Write arrays_npz(result) to `path` (that exact name: no `.npz` is added), atomically, so a
    failed write leaves any earlier file there whole."""
    write_npz(arrays_npz(result), os.fspath(path))


def write_npz(arrays, path):
    """The layout of numpy.savez, written by hand so that any value name can be a key (savez's
    own keyword arguments, such as `file`, cannot), then moved into place."""
    folder, base = os.path.split(os.path.abspath(path))
    part = os.path.join(folder, f".{base}.{os.getpid()}.part")  # beside it, so the move is atomic
    try:
        with open(part, "wb") as f, zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as zf:
            for key, arr in arrays.items():
                with zf.open(key + ".npy", "w", force_zip64=True) as member:
                    np.lib.format.write_array(member, np.asarray(arr), allow_pickle=False)
        os.replace(part, path)
    except OSError as exc:
        if os.path.exists(part):
            os.unlink(part)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
