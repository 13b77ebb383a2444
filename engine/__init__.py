"""Backprop Studio's engine: parse matrix expressions, run forward and backward passes as
step records, attribute each gradient entry to the entries that feed it. numpy only."""
from .api import Result, check, grad
from .errors import EngineError, IncompleteError, InputError, MemoryLimitError, ParseError, ShapeError
from .parse import parse
from .program import Program
from .session import GradState, Session

__all__ = ["parse", "grad", "check", "Program", "Session", "GradState", "Result", "EngineError",
           "ParseError", "ShapeError", "IncompleteError", "InputError", "MemoryLimitError"]
