"""The graph canvas: the program laid out left to right, its nodes and edges styled by the cursor.

It rebuilds its items only when the program changes (keeping the place of every node whose id
survives) and only restyles them when the cursor or the numbers move. Zoom with the wheel around
the cursor, pan with the middle button or Space + drag, F fits, a left drag on empty canvas
box-selects; clicking a node selects its value through the controller."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

from gui.canvas_banner import CanvasBanner
from gui.canvas_state import edge_states, node_states
from gui.canvas_routes import routes
from gui.graph_scene import GraphScene
from gui.layout import layered_layout, program_graph

ZOOM_STEP = 1.0015        # per wheel angle unit: one notch (120) zooms by about 20%
ZOOM_RANGE = (0.05, 4.0)
FIT_MAX_SCALE = 1.5       # a tiny graph is not blown up past this when fitted
FIT_PADDING = 24


class GraphView(QGraphicsView):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.graph = None
        self.highlighted = set()
        self.panning = None       # the last mouse position of a pan (middle, or Space + left)
        self.space_held = False
        self.pressed_empty = False
        self.fitted = False
        self.setScene(GraphScene(self))
        self.banner = CanvasBanner(self.viewport())
        self.configure()
        self.scene().signals.pressed.connect(self._on_node_pressed)
        controller.program_changed.connect(self._on_program_changed)
        controller.pass_recomputed.connect(self._on_pass_recomputed)
        controller.step_changed.connect(self._on_step_changed)
        controller.node_selected.connect(self._on_node_selected)
        controller.error_changed.connect(self.banner.show_error)
        self.listening = True
        self.rebuild()

    def configure(self):
        """Antialiased, frameless, box-selecting; zoom and pan keep their own anchors."""
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.NoAnchor)  # zoom() keeps its own anchor
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setFrameShape(QFrame.NoFrame)
        # Panning moves the (hidden) scroll bars; the canvas shows no bars of its own.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.StrongFocus)

    def close(self):
        """Stop listening to the controller (once, however often the window closes us)."""
        if self.listening:
            self.listening = False
            controller = self.controller
            controller.program_changed.disconnect(self._on_program_changed)
            controller.pass_recomputed.disconnect(self._on_pass_recomputed)
            controller.step_changed.disconnect(self._on_step_changed)
            controller.node_selected.disconnect(self._on_node_selected)
            controller.error_changed.disconnect(self.banner.show_error)
        return super().close()

    # -- public -----------------------------------------------------------------------------------
    def fit(self):
        """Show the whole graph, centred, never magnified past FIT_MAX_SCALE."""
        rect = self.scene().content_rect().adjusted(-FIT_PADDING, -FIT_PADDING, FIT_PADDING, FIT_PADDING)
        self.fitInView(rect, Qt.KeepAspectRatio)
        if self.transform().m11() > FIT_MAX_SCALE:
            self.resetTransform()
            self.scale(FIT_MAX_SCALE, FIT_MAX_SCALE)
        self.centerOn(rect.center())

    def highlight_path(self, node_names):
        """Light the given values' nodes and the edges between them in the selection colour."""
        ids = self.graph.graph["ids"]
        self.highlighted = {ids[name] for name in node_names if name in ids}
        self.restyle_highlight()

    def clear_highlight(self):
        self.highlight_path(())

    def positions(self):
        """{node_id: (x, y)} as shown: what a saved session keeps."""
        return self.scene().positions()

    def zoom(self, factor, anchor=None):
        """Scale by `factor` (within ZOOM_RANGE) keeping the scene point under `anchor` (a viewport
        point, default the centre) in place."""
        low, high = ZOOM_RANGE
        scale = self.transform().m11()
        factor = max(low / scale, min(high / scale, factor))
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.scale(factor, factor)
        self.scroll_by(self.mapFromScene(fixed) - anchor)

    def scroll_by(self, delta):
        """Move the visible area by `delta` viewport pixels."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(delta.y()))

    # -- building and styling -----------------------------------------------------------------------
    def set_positions(self, positions):
        """Place the nodes as saved ({node_id: (x, y)}); nodes not in `positions` go beside their
        neighbours."""
        self.rebuild(previous=positions)

    def rebuild(self, keep_positions=True, previous=None):
        """New items for the controller's program; surviving node ids keep their places (or take
        those in `previous`) unless `keep_positions` is False (a fresh layout)."""
        session = self.controller.session
        program, records = session.program, session.records
        shapes = {i.name: records.values[i.name].shape for i in program.inputs}
        if previous is None and keep_positions:
            previous = self.scene().positions()
        self.graph = program_graph(program, shapes, records.start)
        positions = layered_layout(self.graph, previous)
        self.scene().populate(self.graph, positions, routes(self.graph, positions))
        self.restyle()
        self._on_node_selected(self.controller.selected_node)
        self.restyle_highlight()

    def restyle(self):
        """Colour every item for the cursor: values, gradients, the current step's node and edges."""
        scene, session = self.scene(), self.controller.session
        for node_id, state in node_states(self.graph, session).items():
            scene.nodes[node_id].set_state(state)
        for key, state in edge_states(self.graph, session).items():
            scene.edges[key].set_state(state)

    def restyle_highlight(self):
        scene, lit = self.scene(), self.highlighted
        for node_id, item in scene.nodes.items():
            item.set_lit(node_id in lit)
        for (source, target, _), edge in scene.edges.items():
            edge.set_lit(source in lit and target in lit)

    # -- controller signals -------------------------------------------------------------------------
    def _on_program_changed(self):
        self.rebuild()
        self.fit()

    def _on_pass_recomputed(self):
        """New numbers: restyle, unless the backward pass now starts elsewhere (L moves)."""
        if self.controller.session.records.start != self.graph.graph["start"]:
            self.rebuild()
        else:
            self.restyle()

    def _on_step_changed(self, cursor):
        self.restyle()

    def _on_node_selected(self, name):
        """Select the value's node alone (or none), without echoing back to the controller."""
        node_id = self.graph.graph["ids"].get(name)
        for item_id, item in self.scene().nodes.items():
            item.setSelected(item_id == node_id)

    def _on_node_pressed(self, node_id):
        name = self.graph.nodes[node_id]["name"]
        if name:
            self.controller.select_node(name)

    # -- Qt events --------------------------------------------------------------------------------------
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.banner.place()

    def showEvent(self, event):
        super().showEvent(event)
        if not self.fitted:
            self.fitted = True
            self.fit()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key_F and not event.modifiers():
            self.fit()
        elif event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self.space_held = True
            self.viewport().setCursor(Qt.OpenHandCursor)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event):
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self.space_held = False
            self.viewport().unsetCursor()
        else:
            super().keyReleaseEvent(event)

    def wheelEvent(self, event):
        self.zoom(ZOOM_STEP ** event.angleDelta().y(), event.position().toPoint())

    def mousePressEvent(self, event):
        """Middle button, or Space + left button, pans; a left press on empty canvas starts a box."""
        button = event.button()
        if button == Qt.MiddleButton or (button == Qt.LeftButton and self.space_held):
            self.panning = event.position()
            self.viewport().setCursor(Qt.ClosedHandCursor)
            return
        self.pressed_empty = button == Qt.LeftButton and self.itemAt(event.position().toPoint()) is None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if self.panning is not None:
            self.scroll_by(self.panning - event.position())
            self.panning = event.position()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if self.panning is not None:
            self.panning = None
            if self.space_held:
                self.viewport().setCursor(Qt.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            return
        super().mouseReleaseEvent(event)
        if self.pressed_empty and event.button() == Qt.LeftButton:
            self.pressed_empty = False
            self.tell_selection()

    def tell_selection(self):
        """After a click or a box on empty canvas: one node selected (or none) is the controller's
        selection too; a box of several stays on the canvas."""
        selected = self.scene().selectedItems()
        if len(selected) <= 1:
            name = selected[0].data["name"] if selected else ""
            if name != self.controller.selected_node:
                self.controller.select_node(name)
