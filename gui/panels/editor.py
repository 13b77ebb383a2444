"""The expression editor: monospace text with syntax colours, checked as the user types.

A pause in typing (or Ctrl+Enter) applies the text through the controller. An error is shown
in place (a wavy red underline at its line and column, the message with its caret below) and
the previous valid graph stays on screen. The text keeps its own typing undo; applying is
one command on the app's undo stack."""
import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFontDatabase, QFontMetrics, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QTextEdit, QVBoxLayout, QWidget

from engine import excerpt
from gui import style
from gui.listening import Listening
from gui.panels.code_edit import CodeEdit
from gui.panels.syntax_colours import ExpressionHighlighter

DEBOUNCE_MS = 300
FONT_POINTS = 11    # the expression is what the student reads first: larger than the UI's text
MIN_LINES = 5       # the text stays readable while an error message sits below it
WHERE = re.compile(r"line (\d+)(?:, column (\d+))?")


class ExpressionEditor(Listening, QWidget):
    """The editor panel: the text and, when it has one, its error with a caret."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.text_edit = CodeEdit()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), FONT_POINTS))
        self.text_edit.setFont(font)
        # an error's message appears below the text: it must not squeeze the text to a line or two
        self.text_edit.setMinimumHeight(MIN_LINES * QFontMetrics(font).lineSpacing() + 12)
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text_edit.setTabChangesFocus(True)   # Tab leaves the editor; the language has no indents
        self.text_edit.setToolTip("The expression, one statement a line. Edits apply after a pause "
                                  "or with Ctrl+Enter; Ctrl+Z undoes typing.")
        self.highlighter = ExpressionHighlighter(self.text_edit.document())
        self.caret = QLabel()       # the source line and a caret under the error's column
        self.caret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.caret.setStyleSheet(f"color: {style.ERROR};")
        # A long line must not widen the dock: it is clipped (the tooltip has the whole message).
        self.caret.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message = QLabel()     # what was expected, wrapped
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet(f"color: {style.ERROR};")
        self.hint = QLabel("Ctrl+Enter applies · a pause applies too")
        self.hint.setStyleSheet(style.EDITOR_HINT_CSS)
        self.hint.setWordWrap(True)   # at a large presentation scale it wraps rather than widen the dock
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.build_layout()
        self.text_edit.setPlainText(controller.text)
        self._on_error_changed(controller.error)
        self.timer.timeout.connect(self.apply)
        self.text_edit.textChanged.connect(self.timer.start)
        self.text_edit.apply_requested.connect(self.apply)
        self.listen()

    def subscriptions(self):
        c = self.controller
        return ((c.error_changed, self._on_error_changed), (c.text_replaced, self._on_text_replaced))

    def build_layout(self):
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.caret)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)

    def text(self):
        return self.text_edit.toPlainText()

    def apply(self):
        """Apply the text now (the debounce and Ctrl+Enter both end here)."""
        self.timer.stop()
        self.controller.apply_text(self.text())

    # -- slots ----------------------------------------------------------------------------------------
    def _on_text_replaced(self, text):
        """Undo, open or a canvas edit replaced the text. The app's undo stack holds that edit, so
        the editor's own history starts again here: its Ctrl+Z undoes typing only, and can never
        re-apply a text the app has already undone."""
        if text == self.text():
            return
        self.text_edit.setPlainText(text)   # also clears the editor's typing history
        self.timer.stop()   # the controller already has this text

    def _on_error_changed(self, error):
        if error is None:
            self.caret.hide()
            self.message.hide()
            self.text_edit.setExtraSelections([])
            return
        self.show_message(error)
        self.text_edit.setExtraSelections(self.underline(error))

    def show_message(self, error):
        """An error with a place (parse, shape, hole) as its source line with a caret, then the
        reason; any other error as its text."""
        located = getattr(error, "source_line", None) is not None and getattr(error, "column", None)
        if located:
            shown, at = excerpt(error.source_line, error.column)
            self.caret.setText(f"{shown}\n{' ' * (at - 1)}^")
            text = f"line {error.line}, column {error.column}: {error.reason}"
        else:
            text = str(error)
        self.caret.setVisible(bool(located))
        # a program that parses but cannot be computed yet is drawn as it is (a draft); any other
        # error (it does not parse, or it needs more memory than there is) leaves the last valid graph
        drawn = error is self.controller.shown.error
        where = "the graph shows it; stepping waits until it can be computed" if drawn \
            else "the graph shows the last valid program"
        self.message.setText(f"{text}\n({where})")
        self.message.setToolTip(str(error))
        self.message.show()
        self.fit_message()

    def fit_message(self):
        """The message's height wrapped at the panel's width is its minimum: a dock asks its panel
        for a minimum size, not for a height at its width, and without this the wrapped message
        would push the caret's lines up over the text's bottom edge."""
        width = self.message.width() if self.message.isVisible() else self.contentsRect().width() - 8
        self.message.setMinimumHeight(self.message.heightForWidth(max(width, 1)))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if not self.message.isHidden() and event.size().width() != event.oldSize().width():
            self.fit_message()

    def underline(self, error):
        """A wavy red underline at the error's line and column (the whole line without a column)."""
        line, column = getattr(error, "line", None), getattr(error, "column", None)
        if line is None:
            m = WHERE.search(str(error))
            if not m:
                return []
            line, column = int(m.group(1)), m.group(2) and int(m.group(2))
        block = self.text_edit.document().findBlockByNumber(line - 1)
        if not block.isValid():
            return []
        cursor = QTextCursor(block)
        if column:
            # At the end of a line there is no character to underline: mark the last one.
            start = min(column - 1, max(block.length() - 2, 0))
            cursor.setPosition(block.position() + start)
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = QTextCharFormat()
        selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        selection.format.setUnderlineColor(QColor(style.ERROR))
        return [selection]
