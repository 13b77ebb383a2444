"""File ▸ Export…: the current step as a picture (PNG or SVG, of the whole window, the canvas alone
or the equation's heatmaps alone) or as a handout (Markdown with the pictures beside it, or a
standalone LaTeX document). SVG is drawn by QSvgGenerator, so the widgets' text stays text."""
import os

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.model.handout import latex, markdown, step_handout

PARTS = {"window": "Whole window", "canvas": "Canvas alone", "equation": "Equation heatmaps alone"}
FILTERS = [(f"{label} ({fmt.upper()}) (*.{fmt})", part, fmt) for fmt in ("png", "svg")
           for part, label in PARTS.items()] + [("Markdown handout (*.md)", "window", "md"),
                                                ("LaTeX document (*.tex)", "window", "tex")]


def widget_of(window, part):
    return {"window": window, "canvas": window.graph_view, "equation": window.inspector}[part]


def write_png(widget, path):
    return widget.grab().save(path, "PNG")


def write_svg(widget, path):
    """The widget drawn into an SVG: its painting recorded as vector paths and text."""
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(widget.size())
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    generator.setTitle("Backprop Studio")
    painter = QPainter(generator)
    try:
        QWidget.render(widget, painter, QPoint(0, 0))   # the widget as drawn (QGraphicsView overrides render)
    finally:   # a painter left active on a device crashes Qt when the device goes
        ended = painter.end()
    return ended


def handout(window):
    controller = window.controller
    if controller.session is None:
        raise ValueError(f"no step to export: {controller.shown.reason}")
    return step_handout(controller.session, controller.selected_entry)


def write_markdown(window, path):
    """The Markdown handout, with PNGs of the window and the equation beside it."""
    stem, folder = os.path.splitext(os.path.basename(path))[0], os.path.dirname(os.path.abspath(path))
    images = []
    for part in ("window", "equation"):
        name = f"{stem}-{part}.png"
        if write_png(widget_of(window, part), os.path.join(folder, name)):
            images.append((PARTS[part], name))
    return write_text(path, markdown(handout(window), images))


def write_text(path, text):
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError:
        return False
    return True


def export(window, path, part="window"):
    """Write `path` by its extension (.png .svg .md .tex); False when it cannot be written.
    Raises ValueError when there is no step to write a handout of."""
    fmt = os.path.splitext(path)[1].lower().lstrip(".")
    if fmt == "png":
        return write_png(widget_of(window, part), path)
    if fmt == "svg":
        return write_svg(widget_of(window, part), path)
    if fmt == "md":
        return write_markdown(window, path)
    if fmt == "tex":
        return write_text(path, latex(handout(window)))
    raise ValueError(f"cannot export {path}: give a .png, .svg, .md or .tex name")


def export_dialog(window):
    path, chosen = QFileDialog.getSaveFileName(window, "Export the step", window.files.folder(),
                                               ";;".join(f for f, _, _ in FILTERS))
    if not path:
        return
    _, part, fmt = next((f for f in FILTERS if f[0] == chosen), FILTERS[0])
    if not os.path.splitext(path)[1]:
        path += f".{fmt}"
    try:
        ok = export(window, path, part)
    except ValueError as exc:
        ok, message = False, str(exc)
    else:
        message = f"cannot write {path}"
    if not ok:
        QMessageBox.warning(window, "Cannot export", message)


def headless(window, path, size):
    """--export: the window laid out at `size` offscreen (as --screenshot), then written."""
    window.lay_out_offscreen(size)
    return export(window, path)
