"""The graph canvas: the program laid out left to right, its nodes and edges styled by the cursor.

It rebuilds its items only when the program changes (keeping the place of every node whose id
survives) and only restyles them when the cursor or the numbers move. Zoom with the wheel around
the cursor, pan with the middle button or Space + drag, F fits, a left drag on empty canvas
box-selects; clicking a node selects its value through the controller.

It is also the visual builder (gui.model.canvas_edits): drag a node to move it, drag from an
output port to an input port to wire them, Delete removes the selected nodes and wires, a
double-click renames a node (or, on empty canvas, opens the palette there), L lays the graph
out afresh, Esc cancels a drag. A palette entry released over it is placed where it was released.
It lights the selected entry's path itself."""
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

import engine
from gui.canvas.banner import CanvasBanner
from gui.canvas.gestures import MoveNodes, NewWire, free_ports, nearest_port
from gui.canvas.name_editor import NameEditor
from gui.canvas.node_item import NodeItem
from gui.canvas.routes import routes
from gui.canvas.scene import GraphScene
from gui.listening import Listening
from gui.model.canvas_state import CursorStates
from gui.model.thumbnail import shown_array
from gui.model.wrap import crossing_edges, legible_zoom

ZOOM_STEP = 1.0015        # per wheel angle unit: one notch (120) zooms by about 20%
ZOOM_RANGE = (0.05, 4.0)
FIT_MAX_SCALE = 1.5       # a tiny graph is not blown up past this when fitted
FIT_PADDING = 24


class GraphView(Listening, QGraphicsView):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.graph = None
        self.states, self.styled = None, 0   # the items' states (CursorStates) and the cursor they show
        self.waiting = False   # for a large program's places: the old picture stays meanwhile
        self.highlighted = set()
        self.panning = None       # the last mouse position of a pan (middle, or Space + left)
        self.space_held = False
        self.pressed_empty = False
        self.auto_fit = True   # follow the window's size until the user zooms or pans
        self.gesture = None
        self.setScene(GraphScene(self))
        self.scene().dress = self.dress
        self.banner = CanvasBanner(self)   # over the viewport, not in it: scrolling would move it
        self.name_editor = NameEditor(self)
        self.configure()
        self.scene().signals.pressed.connect(self._on_node_pressed)
        self.listen()
        self.rebuild()
        self._on_error_changed(controller.error)

    def subscriptions(self):
        c = self.controller
        return ((c.program_changed, self._on_program_changed), (c.positions_changed, self.rebuild),
                (c.pass_recomputed, self._on_pass_recomputed), (c.step_changed, self._on_step_changed),
                (c.node_selected, self._on_node_selected), (c.error_changed, self._on_error_changed),
                (c.entry_selected, self._on_entry_selected), (c.node_requested, self._on_node_requested),
                (c.laid_out, self._on_laid_out))

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

    # -- public -----------------------------------------------------------------------------------
    def fit(self):
        """Show the whole graph, centred, never magnified past FIT_MAX_SCALE; when that would
        shrink its labels below legibility (gui.model.wrap.legible_zoom), fit its width instead (a
        wrapped layout's bands), never below legibility, showing its top (the rest scrolls)."""
        rect = self.scene().content_rect().adjusted(-FIT_PADDING, -FIT_PADDING, FIT_PADDING, FIT_PADDING)
        room = self.viewport().rect()
        whole = min(room.width() / rect.width(), room.height() / rect.height())
        legible = legible_zoom()
        scale = min(FIT_MAX_SCALE, whole if whole >= legible else max(legible, room.width() / rect.width()))
        self.resetTransform()
        self.scale(scale, scale)
        seen = self.mapToScene(room).boundingRect()
        centre = rect.center()
        if seen.height() < rect.height():
            centre.setY(rect.top() + seen.height() / 2)
        if seen.width() < rect.width():
            centre.setX(rect.left() + seen.width() / 2)
        self.centerOn(centre)
        self.reveal()

    def fit_if_needed(self):
        """Fit when a node's centre is out of sight; otherwise the view stays where the user put it."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if not all(visible.contains(*place) for place in self.scene().positions.values()):
            self.fit()

    def highlight_path(self, node_names):
        """Light the given values' nodes and the edges between them in the selection colour."""
        ids = self.graph.graph["ids"]
        self.highlighted = {ids[name] for name in node_names if name in ids}
        self.restyle_highlight()

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
        self.reveal()

    def scroll_by(self, delta):
        """Move the visible area by `delta` viewport pixels."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(delta.y()))

    # -- building and styling -----------------------------------------------------------------------
    def rebuild(self):
        """New items for the shown program (also one without a pass), at the shown places. A large
        program's places are made off the UI thread: until they arrive (`laid_out`) the old
        items stay as they are, neither rebuilt nor restyled."""
        self.waiting = not self.controller.layout_ready()
        if self.waiting:
            return
        shown, scene = self.controller.shown, self.scene()
        selected = scene.selected_nodes()
        self.graph, positions = shown.graph, shown.layout
        self.states, self.styled = CursorStates(self.graph, self.controller.session), self.cursor()
        self.highlighted = set()   # the selection's path is lit again below, in this graph
        stubs = crossing_edges(self.graph, positions)
        scene.populate(self.graph, positions, routes(self.graph, positions, stubs), stubs)   # dressed as made
        self.reveal()
        for node_id in selected & set(scene.nodes):
            scene.nodes[node_id].setSelected(True)
        self._on_entry_selected(self.controller.selected_entry)

    def reveal(self):
        """Make the items in and around the visible area that are not made yet (a large graph's
        items are made as they come into sight: gui.canvas.lazy_items)."""
        if self.waiting or self.graph is None:
            return   # the items shown are another program's until its places arrive
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        self.scene().reveal(seen.adjusted(-seen.width(), -seen.height(), seen.width(), seen.height()))

    def dress(self, ids, keys):
        """Style items just made as the others are: state, thumbnail, path highlight, selection."""
        self.apply_states(self.styled, ids, keys)
        scene, lit = self.scene(), self.highlighted
        selected = self.graph.graph["ids"].get(self.controller.selected_node)
        for node_id in ids:
            item = scene.nodes.made[node_id]
            item.set_lit(node_id in lit)
            if node_id == selected:
                item.setSelected(True)
        for source, target, port in keys:
            scene.edges.made[source, target, port].set_lit(source in lit and target in lit)

    def restyle(self):
        """Colour every item for the pass and cursor: values, gradients, the current step's node and
        edges, the nodes' thumbnails (a draft has no pass: everything is pending, but the
        thumbnails show what it can compute)."""
        self.states = CursorStates(self.graph, self.controller.session)
        self.apply_states(self.cursor())

    def apply_states(self, cursor, ids=None, keys=None):
        """Give the items `ids` and `keys` (default: all) that are made their states and thumbnails
        after `cursor` steps; only the items whose state or shown array changed repaint."""
        scene, session = self.scene(), self.controller.session
        draft = self.controller.shown.inputs if session is None else None
        nodes, edges = scene.nodes.made, scene.edges.made
        ids = [n for n in ids if n in nodes] if ids is not None else list(nodes)
        keys = [k for k in keys if k in edges] if keys is not None else list(edges)
        for node_id, state in self.states.nodes(cursor, ids).items():
            item = nodes[node_id]
            item.set_state(state)
            item.show_thumbnail(shown_array(session, item.data["name"], draft))
        for key, state in self.states.edges(cursor, keys).items():
            edges[key].set_state(state)
        self.styled = cursor

    def cursor(self):
        session = self.controller.session
        return session.cursor if session is not None else 0

    def restyle_highlight(self):
        scene, lit = self.scene(), self.highlighted
        for node_id, item in scene.nodes.made.items():
            item.set_lit(node_id in lit)
        for (source, target, _), edge in scene.edges.made.items():
            edge.set_lit(source in lit and target in lit)

    # -- controller signals -------------------------------------------------------------------------
    def _on_program_changed(self):
        self.rebuild()
        self.fit() if self.auto_fit else self.fit_if_needed()
        QTimer.singleShot(0, self.fit_if_needed)   # again once the window has settled around new docks

    def _on_laid_out(self):
        self._on_program_changed()

    def _on_entry_selected(self, _entry):
        """Light the selected entry's path (from its node to its through nodes)."""
        if self.waiting:
            return
        selection = self.controller.selection
        self.highlight_path(selection.path_nodes() if selection is not None else ())

    def _on_node_requested(self, entry, global_pos, arg):
        """A palette entry released at `global_pos`: a node there when that is over the canvas; a
        constant goes into the free input port it is dropped on."""
        point = self.viewport().mapFromGlobal(global_pos)
        if not self.viewport().rect().contains(point):
            return
        pos = self.mapToScene(point)
        if entry.kind == "const":
            port = nearest_port(self.scene(), pos, free_ports(self.scene()))
            self.controller.edit_canvas("add_constant", arg, port)
        else:
            self.controller.edit_canvas("add", entry.kind, entry.op, (pos.x(), pos.y()), arg)

    def _on_pass_recomputed(self):
        """New numbers: restyle, unless the backward pass now starts elsewhere (L moves)."""
        if self.waiting:
            self.rebuild()   # the places asked for are another Shown's now
        elif self.controller.session.records.start != self.graph.graph["start"]:
            self.rebuild()
            self.fit() if self.auto_fit else self.fit_if_needed()
        else:
            self.restyle()

    def _on_error_changed(self, error):
        """Only a text that does not parse makes the canvas read-only; a hole or a shape that
        does not fit is shown on the graph itself, the banner saying why there are no steps."""
        reason = self.controller.shown.reason
        if isinstance(error, engine.ParseError) or reason is None:
            self.banner.show_error(error if isinstance(error, engine.ParseError) else None)
        else:
            self.banner.show_no_pass(reason)

    def _on_step_changed(self, cursor):
        """Only the items of the steps between the old cursor and the new one change."""
        if not self.waiting:
            self.apply_states(cursor, *self.states.touched(self.styled, cursor))

    def _on_node_selected(self, name):
        """Select the value's node alone (or none), without echoing back to the controller."""
        if self.waiting:
            return
        node_id = self.graph.graph["ids"].get(name)
        for item_id, item in self.scene().nodes.made.items():   # the others are made selected or not
            item.setSelected(item_id == node_id)

    def _on_node_pressed(self, node_id):
        name = self.graph.nodes[node_id]["name"]
        if name and self.controller.session is not None:   # a draft's values are not computed
            self.controller.select_node(name)

    # -- Qt events --------------------------------------------------------------------------------------
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.banner.place()
        if self.auto_fit:   # the window's docks settle after the first show: fit them again
            self.fit()
        self.reveal()

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        self.reveal()

    def showEvent(self, event):
        super().showEvent(event)
        if self.auto_fit:
            self.fit()

    def keyPressEvent(self, event):
        key, plain = event.key(), not event.modifiers()
        if key == Qt.Key_F and plain:
            self.auto_fit = True
            self.fit()
        elif key == Qt.Key_L and plain:
            self.controller.auto_layout()
        elif key in (Qt.Key_Delete, Qt.Key_Backspace):
            scene = self.scene()
            self.controller.edit_canvas("delete", scene.selected_nodes(), scene.selected_wires())
        elif key == Qt.Key_Escape and self.gesture is not None:
            self.gesture.cancel()
            self.gesture = None
        elif event.matches(QKeySequence.SelectAll):
            for item in self.scene().nodes.values():
                item.setSelected(True)   # only inputs and equations can be
        elif key == Qt.Key_Space and not event.isAutoRepeat():
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
        self.auto_fit = False
        self.zoom(ZOOM_STEP ** event.angleDelta().y(), event.position().toPoint())

    def mousePressEvent(self, event):
        """Middle button, or Space + left button, pans; a left press on an output port draws a
        wire, on a node selects and drags it, on empty canvas starts a box."""
        button, point = event.button(), event.position().toPoint()
        if button == Qt.MiddleButton or (button == Qt.LeftButton and self.space_held):
            self.panning = event.position()
            self.auto_fit = False
            self.viewport().setCursor(Qt.ClosedHandCursor)
            return
        pos = self.mapToScene(point)
        source = self.scene().output_port_at(pos) if button == Qt.LeftButton else None
        if source is not None:
            self.gesture = NewWire(self, source, pos)
            return
        item = self.itemAt(point)
        self.pressed_empty = button == Qt.LeftButton and item is None
        if self.pressed_empty:   # a box may start: it selects nodes, not the wires it crosses
            self.scene().set_wires_selectable(False)
        super().mousePressEvent(event)
        if button == Qt.LeftButton and isinstance(item, NodeItem) and item.isSelected():
            self.gesture = MoveNodes(self, self.scene().selected_nodes(), pos)

    def mouseMoveEvent(self, event):
        if self.panning is not None:
            self.scroll_by(self.panning - event.position())
            self.panning = event.position()
        elif not (self.gesture and self.gesture.mouse_move(self.mapToScene(event.position().toPoint()))):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if self.panning is not None:
            self.panning = None
            if self.space_held:
                self.viewport().setCursor(Qt.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            return
        gesture, self.gesture = self.gesture, None
        super().mouseReleaseEvent(event)
        if gesture is not None:
            gesture.mouse_release(self.mapToScene(event.position().toPoint()))
        if self.pressed_empty and event.button() == Qt.LeftButton:
            self.pressed_empty = False
            self.scene().set_wires_selectable(True)
            self.tell_selection()

    def mouseDoubleClickEvent(self, event):
        """On a node: rename it; on empty canvas: the palette at the cursor."""
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, NodeItem) and item.kind in ("input", "eqn"):
            self.name_editor.edit(item.node_id)
        elif item is None:
            from gui.panels.palette import PalettePopup   # the palette imports this module's neighbours
            PalettePopup(self.controller, self, event.globalPosition().toPoint()).show()
        else:
            super().mouseDoubleClickEvent(event)

    def tell_selection(self):
        """After a click or a box on empty canvas: one node selected (or none) is the controller's
        selection too; a box of several stays on the canvas."""
        selected = [item for item in self.scene().selectedItems() if isinstance(item, NodeItem)]
        if len(selected) <= 1 and self.controller.session is not None:
            name = selected[0].data["name"] if selected else ""
            if name != self.controller.selected_node:
                self.controller.select_node(name)
