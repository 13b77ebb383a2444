"""The engine's errors. Each one's str() is the complete message a user sees."""


class EngineError(Exception):
    """Any error the engine reports to a user (the CLI prints it and exits with status 2)."""


class LocatedError(EngineError):
    """An error at a place in the program's text: `line 2, column 7: reason`, then the source
    line with a caret under the column. Without a place it is the reason alone."""

    def __init__(self, reason, line=None, column=None, source_line=None):
        self.line, self.column, self.source_line, self.reason = line, column, source_line, reason
        text = reason if line is None else f"line {line}, column {column}: {reason}"
        if source_line is not None and column:
            shown, at = excerpt(source_line, column)
            text += f"\n  {shown}\n  {' ' * (at - 1)}^"
        super().__init__(text)


EXCERPT = 100   # characters of a long source line shown around the error's column


def excerpt(source_line, column):
    """(the part of a long line around `column`, the column within it), with … where cut."""
    if len(source_line) <= EXCERPT:
        return source_line, column
    start = max(0, min(column - 1 - EXCERPT // 2, len(source_line) - EXCERPT))
    head, tail = ("…" if start else ""), ("…" if start + EXCERPT < len(source_line) else "")
    return head + source_line[start:start + EXCERPT] + tail, column - start + len(head)


class ParseError(LocatedError):
    """Text that is not a program of the expression language; the reason says what was expected."""


class ShapeError(LocatedError):
    """Operands whose shapes break an op's rule (`a @ b: inner dimensions 3 and 4 differ`)."""


class IncompleteError(LocatedError):
    """A program with a hole `?`: it has shapes, but it cannot be computed."""


class MemoryLimitError(EngineError):
    """A program whose arrays would need more memory than the machine has available."""


class InputError(EngineError):
    """An input, upstream gradient, start node or entry that does not fit the program."""
