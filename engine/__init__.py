"""Backprop Studio's engine: parse matrix expressions, run forward and backward passes as
step records, attribute each gradient entry to the entries that feed it. numpy only."""
from .api import Result, check, explain, explanation, grad
from .attribution import attribute
from .errors import EngineError, IncompleteError, InputError, MemoryLimitError, ParseError, ShapeError
from .forward import forward_attribute
from .parse import parse
from .program import Program
from .session import GradState, Session

__all__ = ["parse", "grad", "check", "explain", "explanation", "attribute", "forward_attribute", "Program",
           "Session", "GradState", "Result", "EngineError", "ParseError", "ShapeError", "IncompleteError",
           "InputError", "MemoryLimitError"]
