"""Text -> syntax tree: a hand-written tokenizer and a precedence-climbing parser.

User text is never evaluated as Python. Grammar, loosest first (as in Python):
    program   := statement ((';' | newline) statement)*
    statement := [NAME '='] sum
    sum       := product (('+' | '-') product)*
    product   := unary (('@' | '*' | '/') unary)*
    unary     := '-' unary | power
    power     := postfix ['**' ['-'] NUMBER]          (right associative via unary)
    postfix   := atom ('.T' | '.' NAME '(' args ')' | '[' item (',' item)* ']')*
    item      := sum | [sum] ':' [sum]
    atom      := NUMBER | '?' | NAME | NAME '(' args ')' | '(' sum ')'
    args      := [sum (',' sum)*] [NAME '=' sum (',' NAME '=' sum)*]
"""
import re
import sys
from contextlib import contextmanager

from . import syntax as S
from .errors import ParseError

MAX_DEPTH = 100
MAX_STATEMENT_CHARS = 10_000

# ASCII only: `３` and `٣` are not numbers here; a line ends at \n, \r\n or a lone \r
TOKEN = re.compile(r"""
    (?P<ws>[ \t]+) | (?P<comment>\#[^\r\n]*) | (?P<newline>\r\n|\r|\n) |
    (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?) |
    (?P<name>[A-Za-z_][A-Za-z0-9_]*) |
    (?P<op>\*\*|\.T\b|[-+*/@=;(),?.\[\]:])
""", re.VERBOSE | re.ASCII)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Token:
    __slots__ = ("kind", "text", "line", "column")

    def __init__(self, kind, text, line, column):
        self.kind, self.text, self.line, self.column = kind, text, line, column

    def describe(self):
        return {"newline": "the end of the line", "end": "the end of the text"}.get(self.kind, repr(self.text))


def tokenize(text):
    """Split `text` into tokens (blank space dropped, newlines kept) and its comments, as
    (line, text) pairs, so that a program written back keeps the user's comments."""
    lines = LINE_BREAK.split(text)
    tokens, comments, pos, line, line_start = [], [], 0, 1, 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        column = pos - line_start + 1
        if not m:
            raise ParseError(f"unexpected character {text[pos]!r}", line, column, lines[line - 1])
        kind = m.lastgroup
        if kind == "newline":
            tokens.append(Token("newline", m.group(), line, column))
            line, line_start = line + 1, m.end()
        elif kind == "comment":
            comments.append((line, m.group()))
        elif kind != "ws":
            tokens.append(Token(kind, m.group(), line, column))
        pos = m.end()
    tokens.append(Token("end", "", line, pos - line_start + 1))
    return tokens, lines, comments


class Parser:
    """Recursive descent over the token list; every error names line, column and what was expected."""

    def __init__(self, text):
        self.tokens, self.lines, self.comments = tokenize(text)
        self.i = 0
        self.depth = 0

    # -- token helpers ------------------------------------------------------------------
    @property
    def tok(self):
        return self.tokens[self.i]

    def at(self, *texts):
        return self.tok.kind in ("op", "name") and self.tok.text in texts

    def advance(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, expected, tok=None):
        tok = tok or self.tok
        raise ParseError(f"expected {expected}, found {tok.describe()}", tok.line, tok.column,
                         self.lines[tok.line - 1])

    def expect(self, text, expected):
        if not self.at(text):
            self.error(expected)
        return self.advance()

    # -- grammar --------------------------------------------------------------------------
    def program(self):
        statements = []
        while self.tok.kind != "end":
            if self.tok.kind == "newline" or self.at(";"):
                self.advance()
                continue
            statements.append(self.statement())
            if not (self.tok.kind in ("newline", "end") or self.at(";")):
                self.error("an operator, ';' or the end of the line")
        return statements

    def statement(self):
        start = self.tok
        self.check_length(start)
        name = None
        if start.kind == "name" and self.tokens[self.i + 1].text == "=":
            name = self.advance().text
            self.advance()
        expr = self.sum()
        return S.Statement(name, expr, start.line, start.column, self.tokens[self.i - 1].line)

    def check_length(self, start):
        """A statement runs to the next `;`, comment or the end of its line (the language has
        no strings, so the first `;` or `#` after its start ends it)."""
        source_line = self.lines[start.line - 1]
        ends = [i for i in (source_line.find(c, start.column - 1) for c in ";#") if i >= 0]
        end = min(ends, default=len(source_line))
        if end - start.column + 1 > MAX_STATEMENT_CHARS:   # the error shows the line's part around it
            raise ParseError(f"a statement may have at most {MAX_STATEMENT_CHARS:,} characters",
                             start.line, start.column, source_line)

    def nested(self, parse):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            tok = self.tok
            raise ParseError(f"expressions may nest at most {MAX_DEPTH} levels deep", tok.line, tok.column,
                             self.lines[tok.line - 1])
        try:
            return parse()
        finally:
            self.depth -= 1

    def binary(self, operators, operand):
        left = operand()
        while self.at(*operators):
            op = self.advance()
            right = operand()
            left = S.BinOp(op.line, op.column, op.text, left, right)
        return left

    def sum(self):
        return self.nested(lambda: self.binary(("+", "-"), self.product))

    def product(self):
        return self.binary(("@", "*", "/"), self.unary)

    def unary(self):
        if self.at("-"):
            op = self.advance()
            return S.Neg(op.line, op.column, self.nested(self.unary))
        return self.power()

    def power(self):
        base = self.postfix()
        if not self.at("**"):
            return base
        op = self.advance()
        value, text = self.exponent()
        if self.at("**"):   # a ** 2 ** 3 would be a ** (2 ** 3): an exponent that is not a number
            tok = self.tok
            raise ParseError("the exponent of '**' is one number; write (a ** 2) ** 3 for a power of a power",
                             tok.line, tok.column, self.lines[tok.line - 1])
        return S.Power(op.line, op.column, base, value, text)

    def exponent(self):
        """The exponent of `**`: a number, optionally negated or in parentheses."""
        if self.at("("):
            self.advance()
            value, text = self.exponent()
            self.expect(")", "')' after the exponent")
            return value, text
        sign = "-" if self.at("-") and self.advance() else ""
        if self.tok.kind != "number":
            self.error("a number as the exponent of '**' (the exponent is a constant)")
        tok = self.advance()
        return float(sign + tok.text), sign + tok.text

    def postfix(self):
        """`x.T`, a method `x.sum(0, keepdims=True)` (x is its first argument), `x[i, j:k]`."""
        node = self.atom()
        while self.at(".T", ".", "["):
            tok = self.advance()
            if tok.text == ".T":
                node = S.Transpose(tok.line, tok.column, node)
            elif tok.text == "[":
                node = S.Index(tok.line, tok.column, node, self.items(tok))
            else:
                node = self.method(node)
        return node

    def method(self, receiver):
        if self.tok.kind != "name":
            self.error("a method's name after '.' (as in x.sum(0)) or T")
        name = self.advance()
        if not self.at("("):
            self.error(f"'(' after the method {name.text}")
        call = self.call(name)
        return S.Call(name.line, name.column, name.text, (receiver,) + call.args, call.kwargs, True)

    def items(self, open_tok):
        """The items inside `[]`, one per axis: an expression, or a slice `i:k` with either bound left out."""
        items = []
        while True:
            tok = self.tok
            start = None if self.at(":") else self.sum()
            if self.at(":"):
                self.advance()
                stop = None if self.at(",", "]") else self.sum()
                start = S.Slice(tok.line, tok.column, start, stop)
            items.append(start)
            if self.at("]"):
                self.advance()
                return tuple(items)
            self.expect(",", f"',' or ']' to close the '[' at line {open_tok.line}, column {open_tok.column}")

    def atom(self):
        tok = self.tok
        if tok.kind == "number":
            self.advance()
            return S.Number(tok.line, tok.column, float(tok.text), tok.text)
        if self.at("?"):
            self.advance()
            return S.Hole(tok.line, tok.column)
        if self.at("("):
            self.advance()
            inner = self.sum()
            self.expect(")", "')' to close the '(' at line %d, column %d" % (tok.line, tok.column))
            return inner
        if tok.kind == "name":
            self.advance()
            if self.at("("):
                return self.call(tok)
            return S.Name(tok.line, tok.column, tok.text)
        self.error("a name, a number, '?', '-' or '('")

    def call(self, name_tok):
        self.advance()  # '('
        args, kwargs = [], []
        while not self.at(")"):
            if self.tok.kind == "name" and self.tokens[self.i + 1].text == "=":
                key = self.advance().text
                self.advance()
                kwargs.append((key, self.sum()))
            elif kwargs:
                self.error("a keyword argument (positional arguments come first)")
            else:
                args.append(self.sum())
            if not self.at(")"):
                self.expect(",", "',' or ')' in the call of " + name_tok.text)
        self.advance()
        return S.Call(name_tok.line, name_tok.column, name_tok.text, tuple(args), tuple(kwargs))


def parse(text):
    """Text -> `Program`. Raises ParseError with line, column and caret for bad text."""
    from .lower import Lowering
    with recursion_room():
        parser = Parser(text)
        return Lowering(parser.program(), parser.lines, parser.comments).run(text)


@contextmanager
def recursion_room():
    """The syntax tree is walked recursively: 100 nesting levels take about 8 frames each, and a
    10,000-character sum is a left-deep tree of up to 5,000 levels. Raise the limit meanwhile
    (Python-to-Python calls do not use the C stack since 3.11)."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 4 * MAX_STATEMENT_CHARS))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)
