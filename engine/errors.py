"""The engine's errors. Each one's str() is the complete message a user sees."""


class EngineError(Exception):
    """Any error the engine reports to a user (the CLI prints it and exits with status 2)."""


class ParseError(EngineError):
    """Text that is not a program of the expression language.

    Carries the 1-based line and column, the source line and what was expected."""

    def __init__(self, message, line, column, source_line):
        self.line, self.column, self.source_line, self.reason = line, column, source_line, message
        caret = " " * (column - 1) + "^"
        super().__init__(f"line {line}, column {column}: {message}\n  {source_line}\n  {caret}")


class ShapeError(EngineError):
    """Operands whose shapes break an op's rule (`a @ b: inner dimensions 3 and 4 differ`)."""


class IncompleteError(EngineError):
    """A program with a hole `?`: it has shapes, but it cannot be computed."""


class MemoryLimitError(EngineError):
    """A program whose arrays would need more memory than the machine has available."""


class InputError(EngineError):
    """An input, upstream gradient, start node or entry that does not fit the program."""
