"""Syntax colours for the expression editor: names, numbers, operators, functions, comments."""
import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat


def text_format(colour, bold=False, italic=False):
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


# Later rules win, so a comment recolours everything after its `#`.
RULES = (
    (re.compile(r"[A-Za-z_][A-Za-z0-9_]*"), text_format("#1f4e8c")),                  # names
    (re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?=\s*\()"), text_format("#7b3fa0", bold=True)),  # functions
    (re.compile(r"\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?"), text_format("#b35900")),  # numbers
    (re.compile(r"\*\*|\.T\b|[-+*/@=;?]"), text_format("#c0392b", bold=True)),        # operators
    (re.compile(r"#.*"), text_format("#6a737d", italic=True)),                      # comments
)


class ExpressionHighlighter(QSyntaxHighlighter):
    """Colours one line at a time; the language has no multi-line tokens."""

    def highlightBlock(self, text):
        for pattern, fmt in RULES:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
