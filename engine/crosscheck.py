"""Cross-check with PyTorch: the same program through torch.autograd in float64, and per named
value the largest difference of its value and of its gradient from the engine's.

PyTorch is optional, never a dependency: it is imported here, on first use, and its absence is
an error that says how to install the CPU build."""
import importlib.util
import os
import tempfile

import numpy as np

from .api import as_prepared, grad
from .errors import EngineError
from .gradcheck import as_float64

INSTALL_LINE = "pip install torch==2.13.0"


class TorchMissing(EngineError):
    """The cross-check was asked for, but PyTorch does not import."""


def require_torch():
    try:
        import torch
    except ImportError:
        raise TorchMissing(f"the PyTorch cross-check needs PyTorch, which is not installed; for the CPU "
                           f"build: {INSTALL_LINE} (an unpinned torch pulls several GB of CUDA "
                           f"libraries)") from None
    return torch


def torch_check(program, *, inputs=None, upstream=None, rng_seed=0, start=None):
    """{name: {"value_max_diff", "grad_max_diff"}} for every input and named value: max |torch −
    engine| over the entries; grad_max_diff is None where the engine has no gradient (no path to L)."""
    from .export import export_source   # on first use: the app's menu names INSTALL_LINE at start
    torch = require_torch()
    program = as_prepared(program)   # parsed once for both passes
    as64 = {k: as_float64(v) for k, v in (inputs or {}).items()}
    result = grad(program, as64, upstream, rng_seed=rng_seed, start=start)
    module = torch_program(torch, export_source(program, "torch", inputs=as64, start=start, rng_seed=rng_seed))
    values = module["forward"]({inp.name: result.values[inp.name] for inp in program.program.inputs})
    seed = result.records.grads[result.records.start]
    grads = module["backward"](values, np.array(seed, dtype=np.float64))
    return {name: {"value_max_diff": max_diff(values[name], engine_value),
                   "grad_max_diff": max_diff(grads.get(name), result.grads.get(name))}
            for name, engine_value in result.values.items()}


def torch_program(torch, source):
    """The exported PyTorch module, imported from a temporary file as a user would run it. The
    source is the engine's own: the op files' torch lines over value names the parser accepted as
    identifiers and numbers it wrote itself, so nothing the user typed is run as Python."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "backprop_studio_export.py")
        with open(path, "w", encoding="utf-8") as file:
            file.write(source)
        spec = importlib.util.spec_from_file_location("backprop_studio_export", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return {"forward": module.forward, "backward": module.backward}


def max_diff(theirs, ours):
    """max |theirs − ours| over the entries, or None when either side has no array."""
    if theirs is None or ours is None:
        return None
    theirs = theirs.detach().numpy() if hasattr(theirs, "detach") else np.asarray(theirs)
    return float(np.max(np.abs(theirs - np.asarray(ours, dtype=np.float64)), initial=0.0))


def torch_text(report):
    """One line per value: how far PyTorch's value and gradient are from the engine's."""
    def shown(x):
        return "no gradient" if x is None else f"{x:.3g}"
    return "\n".join(f"torch {name}: value max diff {shown(d['value_max_diff'])}, gradient max diff "
                     f"{shown(d['grad_max_diff'])}" for name, d in report.items())
