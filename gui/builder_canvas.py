"""Canvas edits: what a gesture on the canvas means for the program.

Each edit is a pure edit of the builder's model (engine.sketch) made from the program shown,
written back as text (engine.sketch_text), and handed to the controller as one undoable
command with the nodes' new places under the ids that text gives them. A refused edit (a
cycle, a taken port, a bad name, a read-only canvas) changes nothing and says why through
`refused`, for the status bar."""
import re
import string
from itertools import chain, count

from PySide6.QtCore import QObject, Signal

import engine
from engine import sketch as sk
from engine.calls import subscript_params
from engine.ops import REGISTRY
from engine.program import INITIALISERS
from engine.sketch_text import write_text
from gui.builder_draft import parse_program
from gui.layout import LOSS_ID, layered_layout

NO_PORT = "Drop a constant from the palette onto an op's free input port"
NUMBER = re.compile(r"^\d+(\.\d*)?([eE][-+]?\d+)?$|^\.\d+([eE][-+]?\d+)?$")   # as the language writes them
READ_ONLY = "The canvas is read-only while the text has an error: fix the text first"


class CanvasBuilder(QObject):
    refused = Signal(str)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.made_up = {}   # text -> names write_text made up for unnamed nodes in it

    # -- the model ---------------------------------------------------------------------------------
    def sketch(self):
        controller = self.controller
        return sk.sketch_from_program(controller.program(), self.made_up.get(controller.text, ()))

    def commit(self, label, sketch, placed=None):
        """Write `sketch` as text and apply it as one command; `placed` gives new nodes' places
        by sketch key. Returns whether the program changed."""
        sketch = sk.settle_output(sketch)
        text, keymap = write_text(sketch)
        if text == self.controller.text:
            return False
        names = set(parse_program(text).names())
        self.made_up[text] = frozenset(names - sketch.names())
        places = {**self.controller.positions, **(placed or {})}
        positions = {keymap[k]: p for k, p in places.items() if k in keymap}
        self.controller.edit_canvas(label, text, positions)
        return True

    def attempt(self, edit, *args):
        """Run an edit; an engine refusal (or a read-only canvas) becomes a message."""
        if isinstance(self.controller.error, engine.ParseError):
            self.refused.emit(READ_ONLY)
            return False
        try:
            return edit(*args)
        except engine.EngineError as exc:
            self.refused.emit(str(exc))
            return False

    # -- edits --------------------------------------------------------------------------------------
    def add(self, kind, op, point, arg=None):
        """A new node at scene `point`: an input (`op` its initialiser, `arg` its shape) or an op."""
        return self.attempt(self._add, kind, op, point, arg)

    def _add(self, kind, op, point, arg):
        sketch = self.sketch()
        if kind == "input":
            shape, params = input_shape(op, arg)
            sketch, key = sk.add_node(sketch, "input", op, name=fresh_input_name(sketch), shape=shape, params=params)
        else:
            sketch, key = sk.add_node(sketch, "op", op, params=op_params(op, arg))
        return self.commit(f"Add {title(sketch.node(key))}", sketch, {key: point})

    def add_constant(self, text, port):
        """A constant `text` wired straight into `port` = (node id, input) (a constant lives in
        its consumer's expression, so it needs one)."""
        def edit():
            if port is None or text is None:
                raise engine.InputError(NO_PORT)
            if not NUMBER.match(text):
                raise engine.InputError(f"{text!r} is not a number")
            sketch, key = sk.add_node(self.sketch(), "const", text=text)
            sketch = sk.connect(sketch, key, *port)
            return self.commit(f"Add {text} → {title(sketch.node(port[0]))}", sketch)
        return self.attempt(edit)

    def connect(self, source, target, port):
        def edit():
            sketch = self.sketch()
            label = f"Connect {title(sketch.node(source))} → {title(sketch.node(target))}"
            return self.commit(label, sk.connect(sketch, source, target, port))
        return self.attempt(edit)

    def delete(self, node_ids, wires):
        """Remove nodes (their wires with them) and wires (target, port); a wire from a
        constant takes the constant, which cannot stand alone."""
        if not node_ids and not wires:
            return False

        def edit():
            sketch = self.sketch()
            nodes = {n for n in node_ids if n != LOSS_ID}
            for target, port in wires:
                source = sketch.node(target).ports[port]
                if sketch.node(source).kind == "const":
                    nodes.add(source)
                elif target not in nodes:
                    sketch = sk.disconnect(sketch, target, port)
            sketch = sk.remove(sketch, nodes)
            count = len(nodes) + len(wires)
            return self.commit(f"Delete {count} item{'s' if count > 1 else ''}", sketch)
        return self.attempt(edit)

    def rename(self, node_id, name):
        def edit():
            sketch = self.sketch()
            old = title(sketch.node(node_id))
            return self.commit(f"Rename {old} → {name or 'unnamed'}", sk.rename(sketch, node_id, name))
        return self.attempt(edit)

    # -- places -----------------------------------------------------------------------------------
    def move(self, before, after):
        """Nodes dragged from `before` to `after` places ({id: (x, y)}): one command."""
        moved = [n for n in after if after[n] != before.get(n)]
        label = f"Move {moved[0]}" if len(moved) == 1 else f"Move {len(moved)} nodes"
        self.controller.move_nodes(label, self.controller.positions,
                                   {**self.controller.positions, **after})

    def auto_layout(self, graph):
        fresh = {n: p for n, p in layered_layout(graph).items() if n != LOSS_ID}
        if fresh != self.controller.positions:
            self.controller.move_nodes("Auto-layout", self.controller.positions, fresh)


def title(node):
    """How an edit's label names a node: its name, else its op (`matmul`) or its text."""
    return node.name or (node.op if node.kind == "op" else node.text or node.op)


def input_shape(init, shape):
    """(shape, params) an initialiser gives: eye(n) is n×n, arange(n) a vector, labels(n, k) n
    labels in [0, k) (the sizes asked read as n, k), others as asked."""
    shape = tuple(shape or (2, 2))
    if not 0 <= len(shape) <= 2 or any(d < 1 for d in shape):
        raise engine.InputError(f"an input's shape has 0, 1 or 2 positive sizes, not {shape}")
    if init == "labels":
        return shape[:1], (("classes", shape[1] if len(shape) > 1 else 2),)
    if init == "eye":
        return (shape[0], shape[0]), ()
    return (shape[:1] if init == "arange" else shape), ()


def op_params(op, text):
    """A new op's params: a subscript's from the palette's parameter field (`0, 1:3`), and the
    op's first sample params for those with no default (`**` squares)."""
    opdef = REGISTRY[op]
    if opdef.notation == "subscript" and text:
        return subscript_params(op, text)
    required = [p for p in opdef.params if p not in dict(opdef.defaults)]
    return tuple((p, opdef.samples[0][p]) for p in required)


def fresh_input_name(sketch):
    """The first free one of a, b, c, …, z, then x1, x2, …"""
    taken = sketch.names() | set(INITIALISERS) | set(REGISTRY)
    names = chain(string.ascii_lowercase, (f"x{k}" for k in count(1)))
    return next(name for name in names if name not in taken)
