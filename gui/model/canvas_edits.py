"""Canvas edits as Document -> Document functions: what a gesture on the canvas means for the
program.

Each edit is a pure edit of the builder's model (the engine's sketch) made from the program
shown, written back as text, and made a new Document whose nodes keep their places under the
ids that text gives them. A refused edit (a cycle, a taken port, a bad name) raises EngineError.
`made_up` maps a text the canvas wrote to the names it made up for unnamed nodes in it, so that
they stay unnamed when the canvas reads that text back."""
import re
import string
from itertools import chain, count
from typing import NamedTuple

import engine   # the sketch (the builder's model) loads on the first edit: engine.add_node, …
from engine import INITIALISERS, REGISTRY
from gui.model import edits
from gui.model.layout import LOSS_ID
from gui.model.shown import parse_program

NO_PORT = "Drop a constant from the palette onto an op's free input port"
NUMBER = re.compile(r"^\d+(\.\d*)?([eE][-+]?\d+)?$|^\.\d+([eE][-+]?\d+)?$")   # as the language writes them


class CanvasEdit(NamedTuple):
    """An edit made: its label, the new document, its text parsed, and the names made up in it."""
    label: str
    document: object
    program: object
    made_up: frozenset


def sketch_of(shown, made_up):
    return engine.sketch_from_program(shown.program, made_up.get(shown.document.text, ()))


def written(label, sketch, shown, placed=None):
    """`sketch` written as text, as a CanvasEdit; `placed` gives new nodes' places by sketch key.
    None when the text does not change."""
    sketch = engine.settle_output(sketch)
    text, keymap = engine.write_text(sketch)
    if text == shown.document.text:
        return None
    program = parse_program(text)
    places = {**shown.places(), **(placed or {})}
    positions = {keymap[k]: p for k, p in places.items() if k in keymap}
    document = edits.with_text(shown.document, shown, text, program, positions)
    return CanvasEdit(label, document, program, frozenset(set(program.names()) - sketch.names()))


def add(shown, made_up, kind, op, point, arg=None):
    """A new node at scene `point`: an input (`op` its initialiser, `arg` its shape) or an op (`arg`
    a subscript's items)."""
    sketch = sketch_of(shown, made_up)
    if kind == "input":
        shape, params = input_shape(op, arg)
        sketch, key = engine.add_node(sketch, "input", op, name=fresh_input_name(sketch), shape=shape,
                                      params=params)
    else:
        sketch, key = engine.add_node(sketch, "op", op, params=op_params(op, arg))
    return written(f"Add {title(sketch.node(key))}", sketch, shown, {key: point})


def add_constant(shown, made_up, text, port):
    """A constant `text` wired straight into `port` = (node id, input) (a constant lives in its
    consumer's expression, so it needs one)."""
    if port is None or text is None:
        raise engine.InputError(NO_PORT)
    if not NUMBER.match(text):
        raise engine.InputError(f"{text!r} is not a number")
    sketch, key = engine.add_node(sketch_of(shown, made_up), "const", text=text)
    sketch = engine.connect_ports(sketch, key, *port)
    return written(f"Add {text} → {title(sketch.node(port[0]))}", sketch, shown)


def connect(shown, made_up, source, target, port):
    sketch = sketch_of(shown, made_up)
    label = f"Connect {title(sketch.node(source))} → {title(sketch.node(target))}"
    return written(label, engine.connect_ports(sketch, source, target, port), shown)


def delete(shown, made_up, node_ids, wires):
    """Remove nodes (their wires with them) and wires (target, port); a wire from a constant takes
    the constant, which cannot stand alone."""
    sketch = sketch_of(shown, made_up)
    nodes = {n for n in node_ids if n != LOSS_ID}
    for target, port in wires:
        source = sketch.node(target).ports[port]
        if sketch.node(source).kind == "const":
            nodes.add(source)
        elif target not in nodes:
            sketch = engine.disconnect_port(sketch, target, port)
    sketch = engine.remove_nodes(sketch, nodes)
    n = len(nodes) + len(wires)
    return written(f"Delete {n} item{'s' if n > 1 else ''}", sketch, shown)


def rename(shown, made_up, node_id, name):
    sketch = sketch_of(shown, made_up)
    old = title(sketch.node(node_id))
    return written(f"Rename {old} → {name or 'unnamed'}", engine.rename_node(sketch, node_id, name), shown)


def move_label(before, after):
    """`Move a`, or `Move 3 nodes`: the nodes whose places differ."""
    moved = [n for n in after if after[n] != before.get(n)]
    return f"Move {moved[0]}" if len(moved) == 1 else f"Move {len(moved)} nodes"


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
        return engine.subscript_params(op, text)
    required = [p for p in opdef.params if p not in dict(opdef.defaults)]
    return tuple((p, opdef.samples[0][p]) for p in required)


def fresh_input_name(sketch):
    """The first free one of a, b, c, …, z, then x1, x2, …"""
    taken = sketch.names() | set(INITIALISERS) | set(REGISTRY)
    names = chain(string.ascii_lowercase, (f"x{k}" for k in count(1)))
    return next(name for name in names if name not in taken)
