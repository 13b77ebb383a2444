"""What a test reads of a heatmap, as a user sees it: where a cell is, the numbers and outlines
drawn, the marks on clipped and non-finite cells."""
import pyqtgraph as pg
from PySide6.QtGui import QColor

from gui import style


def cell_position(heatmap, row, col):
    """Viewport pixel of the centre of cell (row, col) of the drawn (full-size) matrix."""
    return heatmap.view.mapFromScene(heatmap.box.mapViewToScene(pg.Point(col, row)))


def visible_texts(heatmap):
    return [i.toPlainText() for i in heatmap.labels.items if i.isVisible()]


def outlines_shown(heatmap):
    """(role, (row0, row1, col0, col1)) of every visible outline, in cells."""
    o = heatmap.outlines
    return [(role, span) for item, span, role in zip(o.items, o.spans, o.roles) if item.isVisible()]


def marks_of(heatmap, colour):
    """How many cells carry a mark drawn in `colour` (style.HEATMAP_CLIPPED or HEATMAP_NONFINITE)."""
    wanted = QColor(colour).name()
    return sum(p.brush().color().name() == wanted for p in heatmap.marks.points())


def clipped_marks(heatmap):
    return marks_of(heatmap, style.HEATMAP_CLIPPED)


def nonfinite_marks(heatmap):
    return marks_of(heatmap, style.HEATMAP_NONFINITE)
