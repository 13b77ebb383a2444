"""Backprop Studio's engine: parse matrix expressions, run forward and backward passes as
step records, attribute each gradient entry to the entries that feed it. numpy only."""
from importlib import import_module

from .api import Result, check, explain, explanation, grad
from .compare import compare
from .errors import EngineError, IncompleteError, InputError, MemoryLimitError, ParseError, ShapeError
from .export import export_source
from .npz import arrays_npz, export_npz
from .parser import parse
from .program import Program
from .session import GradState, Session
from .torch_check import torch_check

__all__ = ["parse", "grad", "check", "explain", "explanation", "attribute", "forward_attribute", "Program",
           "Session", "GradState", "Result", "EngineError", "ParseError", "ShapeError", "IncompleteError",
           "InputError", "MemoryLimitError"]
__all__ += ["arrays_npz", "export_npz", "compare", "torch_check", "export_source"]  # her own arrays

# The attribution modules are imported on first use, so that starting the app does not pay for them.
LAZY = {"attribute": ".attribution", "forward_attribute": ".forward"}


def __getattr__(name):
    if name in LAZY:
        value = getattr(import_module(LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'engine' has no attribute {name!r}")
