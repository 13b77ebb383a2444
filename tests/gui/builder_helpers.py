"""Driving the visual builder as a user does: the mouse on the palette and on the canvas's
viewport (qtbot), keys on the canvas. Shared by the builder's tests."""
from PySide6.QtCore import QPoint, QPointF, Qt

def places(view):
    """{node id: (x, y)} of the canvas's items as they stand."""
    return {node_id: (i.x(), i.y()) for node_id, i in view.scene().nodes.items()}


def canvas_point(view, scene_point):
    return view.mapFromScene(scene_point)


def item(view, name=None, label=None):
    """The one node item with this name (or op badge label)."""
    found = [i for i in view.scene().nodes.values()
             if name is not None and i.data["name"] == name or label is not None and i.data["label"] == label]
    assert len(found) == 1, [i.node_id for i in view.scene().nodes.values()]
    return found[0]


def drag_from_palette(qtbot, palette, view, op, point, kind=None):
    """Press on the palette entry for `op`, move out of the list and release over the canvas at
    `point` (of its viewport)."""
    lst = palette.entries.list
    row = next(r for r in range(lst.count()) if lst.item(r).data(Qt.ItemDataRole.UserRole).op == op
               and (kind is None or lst.item(r).data(Qt.ItemDataRole.UserRole).kind == kind))
    lst.scrollToItem(lst.item(row))
    start = lst.visualItemRect(lst.item(row)).center()
    target = lst.viewport().mapFromGlobal(view.viewport().mapToGlobal(point))
    qtbot.mousePress(lst.viewport(), Qt.LeftButton, pos=start)
    qtbot.mouseMove(lst.viewport(), pos=start + QPoint(15, 0))
    qtbot.mouseMove(lst.viewport(), pos=target)
    qtbot.mouseRelease(lst.viewport(), Qt.LeftButton, pos=target)


def canvas_drag(qtbot, view, start, end):
    """A left drag on the canvas between two scene points (QPointF), through a midpoint."""
    a, b = canvas_point(view, start), canvas_point(view, end)
    qtbot.mousePress(view.viewport(), Qt.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), pos=(a + b) / 2)
    qtbot.mouseMove(view.viewport(), pos=b)
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, pos=b)


def wire(qtbot, view, source, target, port):
    """Drag from `source`'s output port to `target`'s input `port` (items)."""
    canvas_drag(qtbot, view, source.out_port(), target.in_port(port) + QPointF(3, 2))


def rename(qtbot, view, node, name):
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=canvas_point(view, node.scenePos()))
    assert view.name_editor.isVisible()
    view.name_editor.selectAll()
    qtbot.keyClicks(view.name_editor, name)
    qtbot.keyClick(view.name_editor, Qt.Key_Return)


def clear_canvas(qtbot, view):
    """Click the canvas, select everything, Delete."""
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=QPoint(3, 3))
    qtbot.keyClick(view, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(view, Qt.Key_Delete)
